package directorypage_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFindingAServiceNearAPostcode walks a practitioner's search in a real browser, with axe on every page: from
// the directory's home to the search, a mistyped postcode first, then services near the person's postcode with how
// far, when open and how to get in touch; then a service's page and other services near it; then a search with more
// than a page of results, and its second page.
func TestFindingAServiceNearAPostcode(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	loadTestPostcodes(t, site)
	seedOruk(t, site)
	worker := site.A.Staff[councils.Practitioner]
	b := apptest.SignInBrowser(t, site, worker)

	b.ClickAndWait(`.govuk-service-navigation a[href="/directory"]`)
	b.ClickAndWait(`a[href="/directory/search"]`)
	b.Screenshot("search-empty")
	b.CheckA11y()

	// A postcode the council's table does not know.
	b.Fill("#f-postcode", "ZZ99 9ZZ")
	b.Submit("#f-postcode")
	b.Screenshot("search-unknown-postcode")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "We do not know the postcode ZZ99 9ZZ") {
		t.Errorf("error summary = %q", got)
	}

	// The person's postcode, within 5 miles, free only.
	b.Fill("#f-postcode", "zz99 1ab")
	b.Check(`input[name="cost"][value="free"]`)
	b.Submit("#f-postcode")
	b.Screenshot("search-near-postcode-free")
	b.CheckA11y()
	if got := b.Text("#results"); got != "1 service found near ZZ99 1AB, nearest first" {
		t.Errorf("results heading = %q", got)
	}
	main := b.Text("main")
	for _, want := range []string{"Walking group", "0.7 miles away", "Tuesday", "Pat Example, Walk leader: 01632 960001", "Riverside Park Pavilion"} {
		if !strings.Contains(main, want) {
			t.Errorf("results do not say %q:\n%s", want, main)
		}
	}
	if strings.Contains(main, "Lunch club") {
		t.Error("a charged service was found with free only")
	}

	// Either cost: the lunch club too, further away.
	b.Check(`input[name="cost"][value=""]`)
	b.Submit("#f-postcode")
	b.Screenshot("search-near-postcode")
	b.CheckA11y()
	if got := b.Text("#results"); got != "2 services found near ZZ99 1AB, nearest first" {
		t.Errorf("results heading = %q", got)
	}

	// The service's page, then services near it.
	b.ClickAndWait(`.govuk-summary-card__title a`)
	b.Screenshot("search-service")
	b.CheckA11y()
	b.ClickAndWait(`a[href^="/directory/search?near="]`)
	b.Screenshot("search-near-service")
	b.CheckA11y()
	if got := b.Text("#results"); got != "1 service found near Walking group, nearest first" {
		t.Errorf("results heading = %q", got)
	}

	// More than a page: the results come 20 at a time, the next page a link away.
	ed := councils.WithStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), site.A.Staff[councils.DirectoryEditor])
	for i := range directory.PerPage + 3 {
		if _, err := site.App.Directory.AddService(ed, directory.ServiceInput{OrganisationID: directorytest.ID(1, 1),
			Name: fmt.Sprintf("Knitting circle %02d", i), Description: "Knit and natter", Status: "active"}); err != nil {
			t.Fatal(err)
		}
	}
	b.Visit("/directory/search?words=knitting")
	if got := b.Text("#results"); got != "23 services found. Showing 1 to 20" {
		t.Errorf("results heading = %q", got)
	}
	b.ClickAndWait(`.govuk-pagination__next a`)
	b.Screenshot("search-second-page")
	b.CheckA11y()
	if got := b.Text("#results"); got != "23 services found. Showing 21 to 23" {
		t.Errorf("second page's heading = %q", got)
	}
}
