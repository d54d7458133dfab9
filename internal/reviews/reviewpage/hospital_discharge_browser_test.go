package reviewpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAHospitalDischargeToReablementEndsAtItsReview walks the second case as a practitioner does, in a real browser
// with axe on every page: Ada came home from hospital with six weeks of reablement and an agreed plan. Her
// reablement review is moved, with a reason (and first refused beyond 12 months); the caseload follows it. At the
// review the reablement stops and both outcomes are met, so nothing more is scheduled; the episode is ended from the
// review with its result, and the caseload shows no review for her.
func TestAHospitalDischargeToReablementEndsAtItsReview(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	w := planstest.New(t, db, site.A)
	planSQL(t, site, `UPDATE contact SET route_of_access = 'Discharge from Hospital', contact_by = 'professional', contact_name = 'Discharge team, Exampleton General',
		reason = 'Home from Exampleton General after a fall; reablement to get her back up the stairs' WHERE council_id = $1 AND person_id = $2`, w.Person.ID)
	ctx := peopletest.As(worker)
	draft, _, err := site.App.SupportPlans.NewDraft(ctx, w.Person.ID, w.EpisodeID)
	if err != nil {
		t.Fatal(err)
	}
	agreed, err := site.App.SupportPlans.Agree(ctx, w.Person.ID, w.EpisodeID, draft.ID, plans.Agreement{On: site.App.DB.Today(),
		How: plans.AgreedInPerson, With: "Ada and her daughter Cara"}, draft.Version)
	if err != nil {
		t.Fatal(err)
	}
	episode := "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID
	today := site.App.DB.Today()
	long := func(d sqldb.Date) string { return d.Format("2 January 2006") }

	b := apptest.SignInBrowser(t, site, worker)

	// The reablement ended on its planned date, so its review is overdue on the caseload.
	b.VisitAndCheck("/caseload", "caseload-overdue")
	if got := b.Text("main"); !strings.Contains(got, "Review overdue since "+planstestEnd()) {
		t.Errorf("the caseload does not show the overdue review:\n%s", got)
	}

	// Move it, with a reason: first beyond 12 months, which is refused, then to next week.
	b.VisitAndCheck(episode+"/reviews", "reviews-before")
	b.ClickAndWait(`a[href="` + episode + `/reviews/next"]`)
	b.Screenshot("move-review")
	b.CheckA11y()
	tooLate := sqldb.NewDate(today.AddDate(1, 0, 1))
	b.FillDay("due_on", tooLate.Time)
	b.Select("#f-reason", "Review of short term support")
	b.Fill("#f-why", "Ada is home from hospital; see how the reablement has gone")
	b.Submit("#f-why")
	b.Screenshot("move-review-too-late")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "The date of the next review must be on or before "+long(reviews.AddMonths(today, 12))+", 12 months after the plan was agreed") {
		t.Errorf("the error summary does not give the 12-month limit:\n%s", got)
	}
	if got := b.HTML(); !strings.Contains(got, "see how the reablement has gone") {
		t.Error("the form lost the reason typed")
	}
	nextWeek := sqldb.NewDate(today.AddDate(0, 0, 7))
	b.FillDay("due_on", nextWeek.Time)
	b.Submit("#f-why")
	b.Screenshot("reviews-moved")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, long(nextWeek)) || !strings.Contains(got, "see how the reablement has gone") {
		t.Errorf("the reviews do not show the moved review and why:\n%s", got)
	}
	b.VisitAndCheck("/caseload", "caseload-moved")
	if got := b.Text("main"); !strings.Contains(got, "Review due "+long(nextWeek)) || strings.Contains(got, "overdue since "+planstestEnd()) {
		t.Errorf("the caseload does not follow the moved review:\n%s", got)
	}
	b.VisitAndCheck(episode+"/plan/"+agreed.ID+"/my-plan", "my-plan-moved")
	if got := b.Text("main"); !strings.Contains(got, "We will look at this plan together on "+long(nextWeek)) {
		t.Errorf("My plan does not give the moved review's date:\n%s", got)
	}

	// The review: the reablement stops, both outcomes met.
	b.Visit(episode + "/reviews")
	b.ClickAndWait(`td a[href*="/reviews/"]`)
	b.Screenshot("review-form")
	b.CheckA11y()
	b.Check(`input[name="method"][value="Service user and carer"]`)
	b.Check(`input[name="` + reviews.RatingField(w.Outcomes[0].ID) + `"][value="1"]`)
	b.Check(`input[name="` + reviews.RatingField(w.Outcomes[1].ID) + `"][value="0"]`)
	b.Check(`input[name="` + reviews.DecisionField(w.Service.ID) + `"][value="stop"]`)
	b.Fill("#f-person_view", "I can manage the stairs and the allotment again")
	b.Submit("#f-person_view")
	b.Screenshot("review-finished")
	b.CheckA11y()
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "no further review is scheduled") || strings.Contains(got, "The next review is due") {
		t.Errorf("after the review the banner says %q", got)
	}
	main := b.Text("main")
	for _, want := range []string{"This review finished the support", "None: this review finished the support", "Fully Met", "Stop"} {
		if !strings.Contains(main, want) {
			t.Errorf("the finished review does not say %q:\n%s", want, main)
		}
	}
	if b.Exists(`a[href$="/plan/"]`) || strings.Contains(main, "Revise the new draft") {
		t.Error("a finished review opened a new draft plan")
	}

	// End the episode from the review, with its result.
	b.Fill("#f-note", "Ada is back on her feet; she knows to call the front door if things change")
	b.Submit("#f-note")
	b.Screenshot("episode-ended")
	b.CheckA11y()
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Episode ended: NFA: Support ended as planned. No further review is scheduled") {
		t.Errorf("after ending, the banner says %q", got)
	}
	if got := b.Text("main"); !strings.Contains(got, "NFA: Support ended as planned") {
		t.Errorf("the episode does not show its result:\n%s", got)
	}
	b.VisitAndCheck(episode+"/reviews", "reviews-after")
	if got := b.Text("main"); !strings.Contains(got, "No review is scheduled: the episode has ended") || b.Exists(`a[href$="/reviews/next"]`) {
		t.Errorf("the reviews after the end:\n%s", got)
	}
	b.VisitAndCheck("/caseload", "caseload-after")
	if got := b.Text("main"); strings.Contains(got, "Review due") || strings.Contains(got, "Review overdue") || strings.Contains(got, "Next review") {
		t.Errorf("the caseload still shows a review for Ada:\n%s", got)
	}
}

// planstestEnd is the world's reablement's planned end, as pages write it.
func planstestEnd() string { return dbtest.Date(planstest.ServiceEnd).Format("2 January 2006") }
