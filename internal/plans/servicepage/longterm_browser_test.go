package servicepage_test

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestLongTermSupportWithADirectPayment walks long-term support in a real browser, checking every page with axe:
// a family group conference has given the plan Cara's Saturday drives; the practitioner adds a personal assistant
// paid as a direct payment, records the agreement (first with mistakes), and finds the personal budget adding up to
// the same figure on the services list, the draft plan and My plan, with an agreed figure's difference explained;
// the direct payment's first monitoring review, six months after the first payment, is due on its page and on the
// caseload, and recording it moves the next one twelve months on.
func TestLongTermSupportWithADirectPayment(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A) // a running reablement service of £125.00 a week
	worker := site.A.Staff[councils.Practitioner]
	ctx := peopletest.As(worker)
	today := sqldb.UKDate(time.Now())

	// The family group conference, as its own pages record it: held, with one item of the family's plan added to the
	// support plan as a network solution.
	fgc := site.App.Conferences
	c, err := fgc.Refer(ctx, w.Person.ID, w.EpisodeID, conferences.Referral{ReferredOn: sqldb.NewDate(today.AddDate(0, 0, -30)), Consent: true,
		ConsentOn: sqldb.NewDate(today.AddDate(0, 0, -31)), Coordinator: "Sam Coordinator", Invitees: []conferences.Invitee{{Name: "Cara", Relationship: "Daughter"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := fgc.RecordHeld(ctx, w.Person.ID, w.EpisodeID, c.ID, conferences.Meeting{HeldOn: sqldb.NewDate(today.AddDate(0, 0, -20)), PrivateTimeGiven: "yes",
		ReviewOn: sqldb.NewDate(today.AddDate(0, 0, 40)), Items: []conferences.Item{{What: "Sunday lunch at Cara's", Who: "Cara", ByWhen: "every Sunday"}}}, 1); err != nil {
		t.Fatal(err)
	}
	page, err := fgc.Conference(ctx, w.Person.ID, w.EpisodeID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fgc.AddToSupportPlan(ctx, w.Person.ID, w.EpisodeID, c.ID, page.Conferences[0].Items[0].ID, []string{w.Outcomes[0].ID}); err != nil {
		t.Fatal(err)
	}

	b := apptest.SignInBrowser(t, site, worker)
	list := "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID + "/services"
	b.VisitAndCheck(list+"/new", "long-term-dp-new-service")

	// A personal assistant, ten hours a week at £15 an hour, paid as a direct payment since (nearly) six months ago.
	first := sqldb.NewDate(reviews.AddMonths(today, -6).AddDate(0, 0, 5))
	b.Check("#f-outcome_ids")
	b.Check("#f-service_type-6") // Long term support: Community
	b.Select("#f-component", "Direct payment")
	b.Check("#f-delivery_mechanism") // Direct payment
	b.FillDay("start", first.Time)
	b.Check("#f-term-2")
	b.Fill("#f-long_term_reason", "Ada needs help to get up and dressed every morning for the foreseeable future")
	b.FillDay("next_review", sqldb.NewDate(today.AddDate(0, 6, 0)).Time)
	b.Fill("#f-unit_cost", "15")
	b.Select("#f-frequency", "Hourly")
	b.Fill("#f-units", "10")
	b.Submit("#f-units")

	// The direct payment agreement comes next; saving it empty says what is missing.
	if got := b.Text("h1"); got != "Direct payment agreement" {
		t.Fatalf("after adding a direct-payment service the page is %q", got)
	}
	b.CheckA11y()
	b.Submit("#f-contingency")
	b.Screenshot("long-term-dp-agreement-mistakes")
	b.CheckA11y()
	summary := b.Text(".govuk-error-summary")
	for _, want := range []string{"Select who manages the direct payment", "Enter the date of the first payment", "Select what the direct payment pays for"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary does not say %q:\n%s", want, summary)
		}
	}
	b.Check("#f-managed_by-2")
	b.Fill("#f-authorised_name", "Cara Example")
	b.Fill("#f-authorised_relationship", "Daughter")
	b.FillDay("first_payment", first.Time)
	b.Check("#f-pays_for")
	b.Fill("#f-contingency", "600")
	b.Submit("#f-contingency")
	b.Screenshot("long-term-dp-direct-payment")
	b.CheckA11y()
	main := b.Text("main")
	due := reviews.AddMonths(first, plans.FirstMonitoringMonths).Format("2 January 2006")
	for _, want := range []string{"Direct payment agreement saved", "£150.00 a week", "An authorised person on their behalf: Cara Example (Daughter)",
		"Due on " + due, "£600.00", "Delivery mechanism"} {
		if !strings.Contains(b.Text("body"), want) {
			t.Errorf("the direct payment page does not say %q:\n%s", want, main)
		}
	}
	dpPage := strings.TrimPrefix(b.URL(), site.Server.URL)

	// The budget adds up to the same figure on every page: the services list, the plan, My plan.
	const total = "£275.00 a week, of which £150.00 as direct payments"
	b.VisitAndCheck(list, "long-term-dp-services")
	if got := b.Text("main"); !strings.Contains(got, total+", from 2 council-funded services") || !strings.Contains(got, "monitoring review due "+due) {
		t.Errorf("services list:\n%s", got)
	}
	draft, _, err := site.App.SupportPlans.NewDraft(ctx, w.Person.ID, w.EpisodeID)
	if err != nil {
		t.Fatal(err)
	}
	planPath := "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID + "/plan/" + draft.ID
	b.VisitAndCheck(planPath, "long-term-dp-plan")
	if got := b.Text("main"); !strings.Contains(got, total) || !strings.Contains(got, "Sunday lunch at Cara's") {
		t.Errorf("plan page:\n%s", got)
	}
	b.Fill("#f-personal_budget", "300")
	b.Submit("#f-personal_budget")
	b.Screenshot("long-term-dp-plan-agreed-figure")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "The agreed figure of £300.00 a week is £25.00 more than the services cost (£275.00)") {
		t.Errorf("the plan does not explain the difference:\n%s", got)
	}
	b.VisitAndCheck(planPath+"/my-plan", "long-term-dp-my-plan")
	if got := b.Text("main"); !strings.Contains(got, "Your personal budget is £275.00 a week") ||
		!strings.Contains(got, "£150.00 a week of it is paid to you as a direct payment") || !strings.Contains(got, "Arranged with the direct payment") || !strings.Contains(got, "£25.00 a week of that is not yet spent") {
		t.Errorf("My plan:\n%s", got)
	}

	// The monitoring review is due on the caseload, and recording it moves the next one a year on.
	b.VisitAndCheck(paths.Caseload.URL(), "long-term-dp-caseload")
	if got := b.Text("main"); !strings.Contains(got, "Hold the direct payment’s monitoring review by "+due) {
		t.Errorf("the caseload does not show the monitoring review due:\n%s", got)
	}
	b.Visit(dpPage)
	b.FillDay("held_on", today.Time)
	b.Check("#f-result")
	b.Submit("#f-findings")
	b.Screenshot("long-term-dp-monitoring-recorded")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Next due on "+reviews.AddMonths(today, plans.MonitoringMonths).Format("2 January 2006")) ||
		!strings.Contains(got, "Used as agreed and meeting the person’s needs") {
		t.Errorf("after the monitoring review:\n%s", got)
	}
}
