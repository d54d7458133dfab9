package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestANewcomersAfternoon walks what a practitioner does first, in a real browser, checking every page with axe:
// sign in, find a person, add one with mistakes and correct them, meet a duplicate warning, and meet someone
// else's change to the same record.
func TestANewcomersAfternoon(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	b := browsertest.New(t, site.Server.URL)
	worker := site.A.Staff[councils.Practitioner]
	ada := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", UnpaidCarer: true, Phone: "07700 900 982"}}
	}))

	// Sign in.
	b.VisitAndCheck("/", "sign-in")
	b.Fill("#f-email", worker.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit("#f-password")
	if !strings.HasSuffix(b.URL(), "/caseload") {
		t.Fatalf("after sign-in the browser is at %s, want their caseload", b.URL())
	}
	b.CheckA11y()

	// Find a person, typed loosely.
	b.ClickAndWait(`.govuk-service-navigation a[href="/people"]`)
	b.Fill("#f-q", "  ADA   testperson ")
	b.Submit("#f-q")
	b.Screenshot("search-results")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Testperson, Ada") || !strings.Contains(got, "999 000 0018") {
		t.Fatalf("search results do not show Ada:\n%s", got)
	}
	b.ClickAndWait(`a[href="/people/` + ada.ID + `"]`)
	b.Screenshot("person")
	b.CheckA11y()
	if got := b.Text("h1"); !strings.Contains(got, "Ada Testperson") {
		t.Fatalf("person page heading = %q", got)
	}

	// Add a person with mistakes, then correct them.
	b.VisitAndCheck("/people/new", "new-person")
	b.Fill("#f-family_name", "Newperson")
	b.FillDate("date_of_birth", "31", "2", "1950")
	b.Fill("#f-nhs_number", "943 476 5918")
	b.Check(`input[name="contact_method"][value="Email"]`)
	b.Submit("#f-family_name")
	b.Screenshot("new-person-mistakes")
	b.CheckA11y()
	summary := b.Text(".govuk-error-summary")
	for _, want := range []string{"Enter the person's given name", "Date of birth must be a real date", "check digit", "Enter the person's email address, or select another way to contact them"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary does not say %q:\n%s", want, summary)
		}
	}
	if got := b.HTML(); !strings.Contains(got, `value="Newperson"`) {
		t.Error("the form lost what was typed")
	}
	b.Fill("#f-given_name", "Bertie")
	b.Fill("#f-date_of_birth-day", "28")
	b.Fill("#f-nhs_number", "")
	b.Check(`input[name="contact_method"][value="Letter"]`)
	b.Submit("#f-given_name")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Bertie Newperson has been added") {
		t.Errorf("after correcting: banner says %q", got)
	}
	b.Screenshot("new-person-added")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Prefers to be contacted by") || !strings.Contains(got, "Letter") {
		t.Errorf("the record does not say how Bertie would like to be contacted:\n%s", got)
	}

	// Someone already recorded: the same NHS number is refused.
	b.Visit("/people/new")
	b.Fill("#f-given_name", "Adeline")
	b.Fill("#f-family_name", "Testperson")
	b.Fill("#f-nhs_number", "9990000018")
	b.Submit("#f-given_name")
	b.Screenshot("possible-duplicate")
	b.CheckA11y()
	if got := b.Text("#possible-duplicates"); !strings.Contains(got, "Ada Testperson") {
		t.Fatalf("duplicate warning does not list Ada: %q", got)
	}
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "This NHS number is already recorded for Ada Testperson") {
		t.Errorf("error summary = %q", got)
	}
	// Trying again changes nothing: one NHS number is one person.
	b.Submit(`button.govuk-button`)
	if !b.Exists("#possible-duplicates") {
		t.Error("a second record was added with the same NHS number")
	}

	// Someone else changes Ada's record while this practitioner is editing it.
	b.Visit("/people/" + ada.ID + "/edit")
	b.Screenshot("edit-person")
	b.CheckA11y()
	other := accesslog.WithRoute(councils.WithStaff(context.Background(), site.A.Staff[councils.TeamManager]), accesslog.Page, "test")
	current, _, err := site.App.People.Get(other, ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	current.Phone = "01632 960 001"
	if err := site.App.People.Update(other, current); err != nil {
		t.Fatal(err)
	}
	b.Fill("#f-town", "Sampleford")
	b.Submit("#f-town")
	b.Screenshot("edit-conflict")
	b.CheckA11y()
	page := b.Text("main")
	for _, want := range []string{"Someone else changed this record", "Telephone number", "01632 960 001", "Their change, kept"} {
		if !strings.Contains(page, want) {
			t.Errorf("conflict page does not show %q", want)
		}
	}
	if got := b.HTML(); !strings.Contains(got, `value="Sampleford"`) || !strings.Contains(got, `value="01632 960 001"`) {
		t.Error("the conflict page did not keep both changes in the form")
	}
	b.Submit("#f-town")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Details saved") {
		t.Errorf("saving again: banner says %q", got)
	}
	saved, _, _ := site.App.People.Get(other, ada.ID)
	if saved.Town != "Sampleford" || saved.Phone != "01632 960 001" {
		t.Errorf("after saving again: town %q, phone %q; want both changes kept", saved.Town, saved.Phone)
	}
}
