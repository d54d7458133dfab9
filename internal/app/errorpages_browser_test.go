package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The error pages a browser meets, checked with axe: not found for an address that matches no route (signed in and
// signed out), for a record that does not exist, and the service unavailable while the database is away.
func TestErrorPagesInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]

	visit := func(b *browsertest.Browser, path, name string, wantStatus int, wantTitle string) {
		t.Helper()
		if status := b.VisitAndCheck(path, name); status != wantStatus {
			t.Errorf("%s: status %d, want %d", path, status, wantStatus)
		}
		if got := b.Title(); !strings.HasPrefix(got, wantTitle+" – Golden Thread") {
			t.Errorf("%s: title %q, want %q", path, got, wantTitle)
		}
	}
	nobody := browsertest.New(t, site.Server.URL)
	visit(nobody, "/no-such-page", "not-found-signed-out", http.StatusNotFound, "Page not found")
	if nobody.Exists("form[action='/sign-out']") {
		t.Error("the not-found page shows someone signed out as signed in")
	}

	b := apptest.SignInBrowser(t, site, worker)
	visit(b, "/no-such-page", "not-found", http.StatusNotFound, "Page not found")
	visit(b, "/people/"+sqldb.NewID(), "record-not-found", http.StatusNotFound, "Page not found")
	b.ClickAndWait("main a.govuk-link") // the way on: the start page, which for a practitioner is their caseload
	if got := b.URL(); got != site.Server.URL+auth.Home(worker.Role) {
		t.Errorf("the not-found page's link led to %s, want their caseload", got)
	}

	// The database closed under the running service: every page is the service unavailable page.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	visit(b, "/people", "unavailable", http.StatusServiceUnavailable, "Sorry, the service is unavailable")
}
