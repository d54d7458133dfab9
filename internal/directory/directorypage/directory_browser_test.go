package directorypage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestKeepingTheDirectory walks a directory editor's work in a real browser, checking every page with axe: add an
// organisation, add a service (a mistake first), mark it checked, then import a CSV feed with a bad row and read
// the report, and import it again corrected. A practitioner then reads the service without the editor's buttons.
func TestKeepingTheDirectory(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	editor := site.A.Staff[councils.DirectoryEditor]
	b := apptest.SignInBrowser(t, site, editor)

	b.ClickAndWait(`.govuk-service-navigation a[href="/directory"]`)
	b.Screenshot("directory-empty")
	b.CheckA11y()

	// An organisation.
	b.ClickAndWait(`a.govuk-button[href="/directory/organisations/new"]`)
	b.Screenshot("organisation-new")
	b.CheckA11y()
	b.Fill("#f-name", "Exampleton Befriending")
	b.Fill("#f-description", "Volunteers who visit and phone people who live alone.")
	b.Fill("#f-website", "https://befriending.example.org")
	b.Submit("#f-name")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Exampleton Befriending added to the directory") {
		t.Fatalf("banner = %q", got)
	}
	b.Screenshot("organisation")
	b.CheckA11y()

	// A service, with a mistake first.
	b.ClickAndWait(`a.govuk-button[href^="/directory/services/new?organisation="]`)
	b.Screenshot("service-new")
	b.CheckA11y()
	b.Fill("#f-name", "Lunch club")
	b.Fill("#f-description", "A hot two-course lunch and company, every Thursday.")
	b.Fill("#f-address_line_1", "St Mary's church hall, 1 Example Street")
	b.Fill("#f-town", "Exampleton")
	b.Fill("#f-postcode", "ZZ99 1AA")
	b.Fill("#f-contact_name", "Sam Example")
	b.Fill("#f-phone", "01632 960000")
	b.Check(`input[name="days"][value="TH"]`)
	b.Fill("#f-opens_at", "12:00")
	b.Fill("#f-closes_at", "11:00")
	b.Check(`input[name="cost"][value="cost"]`)
	b.Fill("#f-amount", "3.50")
	b.Fill("#f-amount_description", "per lunch")
	b.Fill("#f-languages", "English, Polish")
	b.Submit("#f-name")
	b.Screenshot("service-mistake")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "The closing time must be after the opening time") {
		t.Errorf("error summary = %q", got)
	}
	b.Fill("#f-closes_at", "14:00")
	b.Submit("#f-name")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Lunch club added to the directory") {
		t.Fatalf("banner = %q", got)
	}
	b.Screenshot("service")
	b.CheckA11y()
	main := b.Text("main")
	for _, want := range []string{"Sam Example: 01632 960000", "Thursday, 12:00 to 14:00", "£3.50 per lunch", "English, Polish", "Checked "} {
		if !strings.Contains(main, want) {
			t.Errorf("service page lacks %q:\n%s", want, main)
		}
	}
	b.Submit(`form[action$="/checked"] button`)
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Marked as checked today") {
		t.Errorf("banner = %q", got)
	}
	serviceURL := b.URL()

	// An import with a bad row: the report says where and why, and nothing is saved.
	dir := t.TempDir()
	orgs := filepath.Join(dir, "organizations.csv")
	services := filepath.Join(dir, "services.csv")
	write := func(path, data string) {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(orgs, "id,name,description\n"+staleOrg+",Old Town Carers,Support for unpaid carers\n")
	write(services, "id,organization_id,name,status,assured_date\n"+staleSvc+","+staleOrg+",Carers café,open,2020-01-01\n")
	b.Visit("/directory")
	b.ClickAndWait(`a.govuk-button[href="/directory/import"]`)
	b.Screenshot("import")
	b.CheckA11y()
	upload := func() {
		t.Helper()
		if _, err := chromedp.Run(b.Context(), chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{orgs, services})); err != nil {
			t.Fatal(err)
		}
		b.Submit("#f-files")
	}
	upload()
	b.Screenshot("import-bad-row")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "services.csv, row 2") || !strings.Contains(got, `"open" is not one of active`) ||
		!strings.Contains(got, "1 problem found: nothing was imported") {
		t.Errorf("import report:\n%s", got)
	}
	write(services, strings.Replace("id,organization_id,name,status,assured_date\n"+staleSvc+","+staleOrg+",Carers café,open,2020-01-01\n", ",open,", ",active,", 1))
	upload()
	b.Screenshot("import-done")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Imported: 2 created, 0 updated, 0 unchanged") {
		t.Errorf("import report:\n%s", got)
	}

	// The imported service was last checked in 2020: the home page lists it to check.
	b.Visit("/directory")
	b.Screenshot("directory")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Services to check (1)") || !strings.Contains(got, "Not checked since 1 January 2020") {
		t.Errorf("directory home:\n%s", got)
	}

	// A practitioner reads the service, without the editor's buttons.
	worker := site.A.Staff[councils.Practitioner]
	p := apptest.SignInBrowser(t, site, worker)
	p.Visit(serviceURL)
	p.Screenshot("service-practitioner")
	p.CheckA11y()
	if html := p.HTML(); strings.Contains(html, "Mark as checked today") || !strings.Contains(html, "Lunch club") {
		t.Error("the practitioner's service page is wrong")
	}
}
