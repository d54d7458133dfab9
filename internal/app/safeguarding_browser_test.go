package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestSafeguardingWithMakingSafeguardingPersonal walks a safeguarding concern in a real browser, with axe on every
// page: a practitioner raises it from the person's page and sees only that it went to the safeguarding team; the team
// manager sees the notice on the person's page, decides section 42, asks the person what they want (in their words),
// adds a step, closes the enquiry with each outcome achieved or not and the risk outcome, and views the summary.
// Each step is a helper taking the browser and IDs, for the journey through safeguarding, capacity and advocacy (duties_journey_browser_test.go).
func TestSafeguardingWithMakingSafeguardingPersonal(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
	p := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))

	w := apptest.SignInBrowser(t, site, worker)
	SafeguardingRaiseConcern(t, w, p.ID)

	m := apptest.SignInBrowser(t, site, manager)
	concernID := SafeguardingOpenFromPersonPage(t, m, p.ID)
	SafeguardingDecideSection42(t, m, p.ID, concernID, manager.ID)
	SafeguardingRecordMSPStart(t, m, p.ID, concernID, "I want my son to stop taking my pension", "I want to stay living in my flat")
	SafeguardingAddStep(t, m, p.ID, concernID, "Visited her at home with PC Example; she spoke to us alone")
	SafeguardingClose(t, m, p.ID, concernID)
	SafeguardingViewSummary(t, m)
}

// SafeguardingRaiseConcern raises a concern from the person's page as a member of staff outside the safeguarding
// roles, with a mistake first, and checks they are told only that it went to the safeguarding team.
func SafeguardingRaiseConcern(t *testing.T, b *browsertest.Browser, personID string) {
	t.Helper()
	b.Visit("/people/" + personID)
	if strings.Contains(b.Text("main"), "safeguarding enquiry") {
		t.Error("the person's page shows safeguarding to a practitioner")
	}
	b.ClickAndWait(`a[href="/people/` + personID + `/safeguarding/new"]`)
	b.Screenshot("safeguarding-raise")
	b.CheckA11y()
	b.Check(apptest.Radio("raised_by", "other"))
	b.Submit("#f-what_happened")
	b.Screenshot("safeguarding-raise-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "raise errors", b.Text(".govuk-error-summary"), "Enter the name of the person who raised the concern", "Describe what happened",
		"Select at least one type of abuse or neglect")
	b.Fill("#f-raiser_name", "Pat Example")
	b.Fill("#f-raiser_relationship", "Neighbour")
	b.Fill("#f-what_happened", "She told me her son takes her pension each week and shouts at her when she asks for it back")
	b.Fill("#f-immediate_actions", "Checked she had food and money for the weekend")
	b.Check(`input[name="types"][value="Financial or Material Abuse"]`)
	b.Check(`input[name="types"][value="Psychological Abuse"]`)
	b.Check(`input[name="locations"][value="Own Home"]`)
	b.Check(`input[name="sources"][value="Other - Known to individual"]`)
	b.Check(apptest.Radio("alleged", "yes"))
	b.Fill("#f-alleged_name", "Rob Example")
	b.Fill("#f-alleged_relationship", "Son")
	b.Check(apptest.Radio("alleged_trust", "no"))
	b.Check(apptest.Radio("alleged_at_risk", "not_known"))
	b.Submit("#f-what_happened")
	b.Screenshot("safeguarding-raised")
	b.CheckA11y()
	apptest.MustContain(t, "raised", b.Text(".govuk-notification-banner"), "Concern sent to the safeguarding team")
	apptest.MustContain(t, "receipt", b.Text("main"), "Safeguarding concern received", "Being looked at by")
	if strings.Contains(b.Text("main"), "Rob Example") || strings.Contains(b.Text("main"), "pension") {
		t.Error("the receipt shows what the concern says")
	}
	if strings.Contains(b.Text("main"), "A safeguarding") {
		t.Error("a practitioner sees the safeguarding notice after raising")
	}
}

// SafeguardingOpenFromPersonPage follows the notice on the person's page to the concern, as safeguarding staff,
// and returns the concern's ID.
func SafeguardingOpenFromPersonPage(t *testing.T, b *browsertest.Browser, personID string) string {
	t.Helper()
	b.Visit("/people/" + personID)
	b.Screenshot("safeguarding-person-notice")
	b.CheckA11y()
	apptest.MustContain(t, "notice", b.Text("main"), "A safeguarding concern is waiting for its section 42 decision")
	b.ClickAndWait(`.govuk-notification-banner__link`)
	b.Screenshot("safeguarding-concern")
	b.CheckA11y()
	apptest.MustContain(t, "concern", b.Text("main"), "Pat Example (Neighbour)", "Financial or Material Abuse", "Not yet decided")
	parts := strings.Split(strings.TrimSuffix(b.URL(), "/"), "/")
	return parts[len(parts)-1]
}

// SafeguardingDecideSection42 decides that all three section 42 criteria are met, with a mistake first.
func SafeguardingDecideSection42(t *testing.T, b *browsertest.Browser, personID, concernID, leadID string) {
	t.Helper()
	b.Visit("/people/" + personID + "/safeguarding/" + concernID + "/decision")
	b.Screenshot("safeguarding-decision")
	b.CheckA11y()
	b.Check(apptest.Radio("needs", "yes"))
	b.Submit("#f-needs_reason")
	b.Screenshot("safeguarding-decision-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "decision errors", b.Text(".govuk-error-summary"), "Give the reason for your answer about care and support needs")
	b.Fill("#f-needs_reason", "Receives home care for personal care after a stroke")
	b.Check(apptest.Radio("abuse", "yes"))
	b.Fill("#f-abuse_reason", "Her pension is taken each week and she is shouted at")
	b.Check(apptest.Radio("unable", "yes"))
	b.Fill("#f-unable_reason", "Depends on her son for shopping and cannot leave the flat alone")
	b.Select("#f-lead", leadID)
	b.Submit("#f-needs_reason")
	b.Screenshot("safeguarding-enquiry-new")
	b.CheckA11y()
	apptest.MustContain(t, "decided", b.Text(".govuk-notification-banner"), "Decision recorded: Section 42 enquiry")
}

// SafeguardingRecordMSPStart records Making Safeguarding Personal at the start: asked, and the outcomes in the
// person's words.
func SafeguardingRecordMSPStart(t *testing.T, b *browsertest.Browser, personID, concernID string, outcomes ...string) {
	t.Helper()
	b.Visit("/people/" + personID + "/safeguarding/" + concernID + "/enquiry")
	b.Check(apptest.Radio("msp_asked", "Yes they were asked and outcomes were expressed"))
	b.Submit("#f-outcome-1")
	b.Screenshot("safeguarding-msp-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "msp errors", b.Text(".govuk-error-summary"), "Enter at least one outcome the person wants, in their words")
	for i, o := range outcomes {
		b.Fill("#f-outcome-"+string(rune('1'+i)), o)
	}
	b.Submit("#f-outcome-1")
	b.Screenshot("safeguarding-msp")
	b.CheckA11y()
	apptest.MustContain(t, "msp", b.Text("main"), outcomes...)
}

// SafeguardingAddStep adds a dated step to the enquiry.
func SafeguardingAddStep(t *testing.T, b *browsertest.Browser, personID, concernID, what string) {
	t.Helper()
	b.Visit("/people/" + personID + "/safeguarding/" + concernID + "/enquiry")
	b.Fill("#f-what", what)
	b.Submit("#f-what")
	b.Screenshot("safeguarding-step")
	b.CheckA11y()
	apptest.MustContain(t, "step", b.Text("main"), "Step added", what, time.Now().Format("2 January 2006"))
}

// SafeguardingClose closes the enquiry: the first of two outcomes fully achieved and the second partially, risk
// identified and action taken, the risk reduced, with a mistake first.
func SafeguardingClose(t *testing.T, b *browsertest.Browser, personID, concernID string) {
	t.Helper()
	b.Visit("/people/" + personID + "/safeguarding/" + concernID + "/enquiry")
	b.Check(apptest.Radio("action_result", "Risk identified and action taken"))
	b.Submit("#f-closing_note")
	b.Screenshot("safeguarding-close-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "close errors", b.Text(".govuk-error-summary"), "was fully, partially or not achieved", "Select whether the risk was removed, reduced or remained")
	b.Check(`[data-outcome="1"] input[value="Fully Achieved"]`)
	b.Check(`[data-outcome="2"] input[value="Partially Achieved"]`)
	b.Check(apptest.Radio("risk_outcome", "Risk reduced"))
	b.Fill("#f-risk_reason", "Her bank now flags large withdrawals and her son has moved out")
	b.Check(apptest.Radio("capacity", "No, they did not lack capacity"))
	b.Submit("#f-closing_note")
	b.Screenshot("safeguarding-closed")
	b.CheckA11y()
	apptest.MustContain(t, "closed", b.Text("main"), "Enquiry closed", "Risk reduced", "How the enquiry closed", "Fully Achieved", "Partially Achieved")
}

// SafeguardingViewSummary opens the council's safeguarding list and the SAC-style summary of this year.
func SafeguardingViewSummary(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.Visit("/safeguarding")
	b.Screenshot("safeguarding-open")
	b.CheckA11y()
	today := time.Now()
	b.Visit("/safeguarding/summary")
	from := today.AddDate(0, 0, -7)
	b.FillDay("from", from)
	b.Submit("#f-from-day")
	apptest.MustContain(t, "period", b.Text("main"), from.Format("2 January 2006")+" to "+today.Format("2 January 2006"))
	b.Screenshot("safeguarding-summary")
	b.CheckA11y()
	apptest.MustContain(t, "summary", b.Text("main"), "Safeguarding concerns received", "Section 42 enquiries started", "Risk reduced",
		"Yes they were asked and outcomes were expressed", "Download the summary as CSV")
}
