package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFinancialAbuseSafeguardingAsManagersWalkIt walks a financial-abuse safeguarding enquiry in a real browser, with
// axe on every page. A practitioner raises the concern, naming the nephew alleged to be taking her money, and sees
// only that it was received and who has it. The safeguarding manager, in another team, opens it from the council's
// safeguarding list in one click straight to the section 42 decision (no break-glass: their safeguarding role is the
// legitimate relationship, and the access log says so), sees who is alleged, and decides on an enquiry. The raiser
// then sees who is leading it, still without its contents; the summary opens on the financial year to date, its
// dates entered day, month and year.
func TestFinancialAbuseSafeguardingAsManagersWalkIt(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	raiser, manager := site.A.SouthWorker, site.A.Staff[councils.TeamManager] // the manager is in the north team
	p := peopletest.MustCreate(t, db, raiser, peopletest.Person(site.A.South.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber = "Edna", "Casefour", ""
	}))
	const alleged = "Gary Casefour"

	// The practitioner raises the concern from the person's page.
	w := apptest.SignInBrowser(t, site, raiser)
	w.Visit("/people/" + p.ID)
	w.ClickAndWait(`a[href="/people/` + p.ID + `/safeguarding/new"]`)
	w.Check(apptest.Radio("raised_by", "me"))
	w.Fill("#f-what_happened", "Edna told me her nephew Gary has her bank card and PIN. Her account is empty two days after her pension is paid, and she has missed meals.")
	w.Fill("#f-immediate_actions", "Checked she had food for the weekend; gave her the bank's number to stop the card")
	w.Check(`input[name="types"][value="Financial or Material Abuse"]`)
	w.Check(`input[name="locations"][value="Own Home"]`)
	w.Check(`input[name="sources"][value="Other - Known to individual"]`)
	w.Check(apptest.Radio("alleged", "yes"))
	w.Screenshot("financial-abuse-raise-alleged")
	w.CheckA11y()
	w.Submit("#f-what_happened")
	w.Screenshot("financial-abuse-raise-mistake")
	w.CheckA11y()
	apptest.MustContain(t, "alleged person errors", w.Text(".govuk-error-summary"), "Enter their relationship to the person, or “stranger”",
		"Select whether they are in a position of trust", "Select whether they are themselves an adult at risk")
	w.Fill("#f-alleged_name", alleged)
	w.Fill("#f-alleged_relationship", "Nephew")
	w.Check(apptest.Radio("alleged_trust", "yes"))
	w.Check(apptest.Radio("alleged_at_risk", "no"))
	w.Submit("#f-what_happened")
	w.Screenshot("financial-abuse-receipt")
	w.CheckA11y()
	apptest.MustContain(t, "receipt", w.Text("main"), "Safeguarding concern received", "Received by the safeguarding team",
		"Being looked at by", "The safeguarding team: Team manager, Principal social worker or quality lead")
	receipt := w.URL()
	notContents := func(where, text string) {
		t.Helper()
		for _, secret := range []string{alleged, "Nephew", "bank card", "Financial or Material Abuse", "Own Home"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s shows the raiser %q", where, secret)
			}
		}
	}
	notContents("the receipt", w.Text("main"))
	w.Visit("/people/" + p.ID)
	apptest.MustContain(t, "the raiser's notice", w.Text("main"), "You raised a safeguarding concern")
	notContents("the person's page", w.Text("main"))

	// The safeguarding manager opens it from the council's list: one click to the decision.
	m := apptest.SignInBrowser(t, site, manager)
	m.Visit("/safeguarding")
	m.Screenshot("financial-abuse-safeguarding-list")
	m.CheckA11y()
	apptest.MustContain(t, "list", m.Text("main"), "Casefour, Edna")
	if status := m.ClickAndWait(`a[href^="/people/` + p.ID + `/safeguarding/"][href$="/decision"]`); status != 200 {
		t.Fatalf("opening the concern from the list answered %d", status)
	}
	if !strings.HasSuffix(m.URL(), "/decision") {
		t.Fatalf("one click from the list reached %s, want the decision page", m.URL())
	}
	m.Screenshot("financial-abuse-decision")
	m.CheckA11y()
	apptest.MustContain(t, "decision", m.Text("main"), "Decide whether the section 42 duty applies", "Person alleged to have caused the harm",
		alleged, "Nephew", "In a position of trust", "Yes", "Themselves an adult at risk")
	if strings.Contains(m.Text("main"), "break-glass") || strings.Contains(m.URL(), "break-glass") {
		t.Error("the safeguarding manager was asked to break glass")
	}
	m.Fill("#f-needs_reason", "Has home care after a stroke and cannot get to the bank alone")
	m.Check(apptest.Radio("needs", "yes"))
	m.Check(apptest.Radio("abuse", "yes"))
	m.Fill("#f-abuse_reason", "Her pension is taken from her account within days by the nephew who holds her card")
	m.Check(apptest.Radio("unable", "yes"))
	m.Fill("#f-unable_reason", "Depends on him for shopping and is frightened to ask for the card back")
	m.Select("#f-lead", manager.ID)
	m.Submit("#f-needs_reason")
	m.Screenshot("financial-abuse-enquiry")
	m.CheckA11y()
	apptest.MustContain(t, "decided", m.Text(".govuk-notification-banner"), "Decision recorded: Section 42 enquiry")

	// As the enquiry learns more, the manager corrects who is alleged.
	concernPage := strings.TrimSuffix(strings.TrimPrefix(m.URL(), site.Server.URL), "/enquiry")
	m.Visit(concernPage)
	m.ClickAndWait(`a[href="` + concernPage + `/alleged"]`)
	m.Screenshot("financial-abuse-alleged")
	m.CheckA11y()
	m.Fill("#f-alleged_name", "Gary Casefour-Smith")
	m.Submit("#f-alleged_name")
	m.CheckA11y()
	apptest.MustContain(t, "alleged corrected", m.Text("main"), "Who is alleged to have caused the harm is recorded", "Gary Casefour-Smith", "Nephew")

	// Every opening of her safeguarding records by the manager is logged for the safeguarding role; none is a
	// break-glass, and the rest of her record still needs one.
	var reasons []string
	for _, e := range apptest.LogOf(t, site, p.ID) {
		if e.StaffID == manager.ID {
			reasons = append(reasons, string(e.Action)+" "+e.Reason)
			if e.Action == accesslog.BreakGlass || e.Reason != "safeguarding role" {
				t.Errorf("the manager's entry %s %s for %q, want the safeguarding role", e.Action, e.Route, e.Reason)
			}
		}
	}
	if len(reasons) < 3 { // the decision page, the decision, the enquiry page
		t.Errorf("the manager's access log entries %v, want the decision page, the decision and the enquiry", reasons)
	}
	m.Visit("/people/" + p.ID)
	if !strings.HasSuffix(m.URL(), "/people/"+p.ID+"/break-glass") {
		t.Errorf("the rest of the person's record for a manager of another team reached %s, want break-glass", m.URL())
	}

	// The raiser sees who is leading it, and still nothing of what it says.
	w.Visit(strings.TrimPrefix(receipt, site.Server.URL))
	w.Screenshot("financial-abuse-receipt-led")
	w.CheckA11y()
	apptest.MustContain(t, "receipt once led", w.Text("main"), manager.Name+", the lead enquirer")
	notContents("the receipt once led", w.Text("main"))

	// The summary opens on the financial year to date; its dates are entered day, month and year.
	m.Visit("/safeguarding/summary")
	now := time.Now().In(safeguardingLondon(t))
	fyStart := time.Date(now.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	if now.Month() < time.April {
		fyStart = fyStart.AddDate(-1, 0, 0)
	}
	apptest.MustContain(t, "summary", m.Text("main"), fyStart.Format("2 January 2006")+" to "+now.Format("2 January 2006"), "Safeguarding concerns received",
		"Section 42 enquiries started")
	for id, want := range map[string]string{"#f-from-day": "1", "#f-from-month": "4", "#f-from-year": fyStart.Format("2006")} {
		if !m.Exists(id + `[value="` + want + `"]`) {
			t.Errorf("summary %s is not %q", id, want)
		}
	}
	m.Screenshot("financial-abuse-summary")
	m.CheckA11y()
	m.FillDate("to", "31", "2", now.Format("2006"))
	m.Submit("#f-to-day")
	m.Screenshot("financial-abuse-summary-mistake")
	m.CheckA11y()
	apptest.MustContain(t, "summary mistake", m.Text(".govuk-error-summary"), "End of the period must be a real date")
}

func safeguardingLondon(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestAnAdministratorLetsPractitionersLeadEnquiries changes the council setting in a real browser, with axe on the
// settings page, and the decision page then offers practitioners as lead enquirers.
func TestAnAdministratorLetsPractitionersLeadEnquiries(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
	p := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	raised, err := site.App.Safeguarding.Raise(peopletest.As(worker), p.ID, safeguarding.NewConcern{RaisedBy: safeguarding.RaisedByMe,
		ReceivedAt: db.Now().Add(-time.Hour), WhatHappened: "Her son takes her pension", Types: []string{"Financial or Material Abuse"},
		Locations: []string{"Own Home"}, Sources: []string{"Other - Known to individual"}, Alleged: safeguarding.Alleged{Someone: safeguarding.No}})
	if err != nil {
		t.Fatal(err)
	}
	decision := "/people/" + p.ID + "/safeguarding/" + raised.ConcernID + "/decision"
	m := apptest.SignInBrowser(t, site, manager)
	m.Visit(decision)
	if m.Exists(`#f-lead option[value="` + worker.ID + `"]`) {
		t.Error("a practitioner is offered as lead enquirer before the council lets them lead")
	}

	a := apptest.SignInBrowser(t, site, site.A.Staff[councils.Administrator])
	if strings.Contains(a.URL(), "/two-factor") { // administrators always give a code
		code, err := totp.GenerateCodeCustom(apptest.TOTPSecret, time.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			t.Fatal(err)
		}
		a.Fill("#f-code", code)
		a.Submit("#f-code")
	}
	a.Visit("/admin/settings")
	a.Check(apptest.Radio("practitioners_lead", "yes"))
	a.Submit("#f-practitioners_lead")
	a.Screenshot("settings-practitioners-lead")
	a.CheckA11y()
	apptest.MustContain(t, "saved", a.Text(".govuk-notification-banner"), "Settings saved")

	m.Visit(decision)
	if !m.Exists(`#f-lead option[value="` + worker.ID + `"]`) {
		t.Error("the decision page does not offer the practitioner as lead enquirer once the council lets them lead")
	}
}
