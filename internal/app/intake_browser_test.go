package app_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAddSomeoneLikeSomeoneRecordedThenTheirContact walks the front of a new case in a real browser, with axe on
// every page: adding a person whose names and date of birth match someone already recorded (the warning links to
// them and shows nothing else of their record; the practitioner confirms this is someone else and saves), then
// recording the new person's first contact, which must say how it came in.
func TestAddSomeoneLikeSomeoneRecordedThenTheirContact(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	ada := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	logged := func() int { return len(apptest.LogOf(t, site, ada.ID)) }
	before := logged()
	b := apptest.SignInBrowser(t, site, worker)

	// Another Ada Testperson, born the same day, with no NHS number known.
	b.VisitAndCheck("/people/new", "intake-new-person")
	b.Fill("#f-given_name", "Ada")
	b.Fill("#f-family_name", "Testperson")
	b.FillDate("date_of_birth", "15", "6", "1941")
	b.Submit("#f-given_name")
	b.Screenshot("intake-possible-duplicate")
	b.CheckA11y()
	warning := b.Text("main")
	for _, want := range []string{"Check this is not someone already recorded", "Ada Testperson (opens in a new tab)", "Same name and date of birth"} {
		if !strings.Contains(warning, want) {
			t.Errorf("the warning does not say %q:\n%s", want, warning)
		}
	}
	if !b.Exists(`#possible-duplicates a[href="/people/` + ada.ID + `"]`) {
		t.Error("the warning does not link to the person already recorded")
	}
	list := b.Text("#possible-duplicates")
	for _, secret := range []string{"ZZ99", "North", "999 000 0018", "Example Street"} {
		if strings.Contains(list, secret) {
			t.Errorf("the warning shows %q of the record already there:\n%s", secret, list)
		}
	}
	if got := logged(); got != before {
		t.Errorf("the warning wrote %d access-log entries about the person already recorded, want none", got-before)
	}

	// Going on without confirming warns again; confirming adds the new person.
	b.Submit(`button.govuk-button`)
	if !b.Exists("#possible-duplicates") {
		t.Fatal("added without confirming it is someone else")
	}
	b.Check("#f-confirm_not_duplicate")
	b.Submit(`button.govuk-button`)
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Ada Testperson has been added") {
		t.Fatalf("after confirming: banner says %q", got)
	}
	if strings.HasSuffix(b.URL(), ada.ID) {
		t.Fatal("confirming opened the record already there instead of adding one")
	}
	b.CheckA11y()
	newID := b.URL()[strings.LastIndex(b.URL(), "/")+1:]

	// The new person's first contact must say how it came in.
	b.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	b.Screenshot("intake-contact-form")
	b.CheckA11y()
	b.Check(apptest.Radio("contact_by", "family"))
	b.Fill("#f-contact_name", "Ben Testperson, son")
	b.Check(apptest.Radio("route_of_access", codelists.RouteOfAccessDefault))
	b.Fill("#f-reason", "Her son is worried she is not eating since a fall")
	b.Check(apptest.Radio("next", "open"))
	b.Submit("#f-reason")
	b.Screenshot("intake-contact-channel-missing")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "Select how they got in touch") {
		t.Fatalf("error summary = %q", got)
	}
	if !b.Exists(`.govuk-error-summary a[href="#f-channel"]`) {
		t.Error("the error summary does not link to the question")
	}
	b.Check(apptest.Radio("channel", "Phone"))
	b.Submit("#f-reason")
	b.Screenshot("intake-episode")
	b.CheckA11y()
	page := b.Text("main")
	for _, want := range []string{"How they got in touch", "Phone call", "Family, a friend or a neighbour: Ben Testperson, son"} {
		if !strings.Contains(page, want) {
			t.Errorf("the episode does not show %q:\n%s", want, page)
		}
	}
	b.VisitAndCheck("/people/"+newID+"/chronology", "intake-chronology")
	if got := b.Text("main"); !strings.Contains(got, "Phone call from family, a friend or a neighbour: Her son is worried") {
		t.Errorf("the chronology does not say how the contact came in:\n%s", got)
	}

	// Opening the record the warning linked to is logged as any view is.
	b.VisitAndCheck("/people/"+ada.ID, "intake-linked-record")
	entries := apptest.LogOf(t, site, ada.ID)
	if len(entries) != before+1 || entries[len(entries)-1].Action != accesslog.View {
		t.Errorf("after opening the linked record the log has %d entries (want %d, the last a view)", len(entries), before+1)
	}
}
