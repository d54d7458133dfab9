package reviewpage_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// planWorld is a scenario's person in council A with an episode ready for a plan (planstest.World), whose plan
// version 1 is agreed (so its first review is scheduled) and version 2 is a draft.
type planWorld struct {
	planstest.World
	agreed, draft plans.SupportPlan
	review        string
}

type planScenario struct {
	name       string
	method     string
	path       string // {id}, {episode}, {agreed}, {draft}, {review}, {team} are replaced
	setup      func(t *testing.T, s *apptest.Site, w planWorld)
	form       func(w planWorld) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool
	check      func(t *testing.T, s *apptest.Site, w planWorld)
	// again, after a 409, posts the form once more with the version the refused page carries: it must save,
	// logging these.
	again []accesslog.Action
}

func newPlanWorld(t *testing.T, s *apptest.Site, db *sqldb.DB) planWorld {
	t.Helper()
	w := planWorld{World: planstest.New(t, db, s.A)}
	ctx := peopletest.As(s.A.Staff[councils.Practitioner])
	var err error
	first, _, err := s.App.SupportPlans.NewDraft(ctx, w.Person.ID, w.EpisodeID)
	if err != nil {
		t.Fatal(err)
	}
	if w.agreed, err = s.App.SupportPlans.Agree(ctx, w.Person.ID, w.EpisodeID, first.ID, plans.Agreement{On: s.App.DB.Today(),
		How: plans.AgreedInPerson, With: "Ada and Cara", Comment: "I am happy with this"}, first.Version); err != nil {
		t.Fatal(err)
	}
	if w.draft, _, err = s.App.SupportPlans.NewDraft(ctx, w.Person.ID, w.EpisodeID); err != nil {
		t.Fatal(err)
	}
	ep, err := s.App.Reviews.Episode(ctx, w.Person.ID, w.EpisodeID)
	if err != nil || len(ep.Reviews) != 1 {
		t.Fatalf("reviews: %v %d", err, len(ep.Reviews))
	}
	w.review = ep.Reviews[0].ID
	return w
}

// planSQL runs a statement in council A, behind the pages' back.
func planSQL(t *testing.T, s *apptest.Site, q string, args ...any) {
	t.Helper()
	err := s.App.DB.InTx(sqldb.WithCouncil(context.Background(), s.A.Council.ID), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(context.Background(), q, append([]any{s.A.Council.ID}, args...)...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// planState sums up the episode's plans, reviews and services.
func planState(t *testing.T, s *apptest.Site, w planWorld) string {
	t.Helper()
	var out []string
	err := s.App.DB.ReadTx(sqldb.WithCouncil(context.Background(), s.A.Council.ID), func(tx *sqldb.Tx) error {
		for _, q := range []string{
			`SELECT id || ':' || status || ':' || version || ':' || personal_budget_pence FROM support_plan WHERE council_id = $1 AND episode_id = $2 ORDER BY plan_version`,
			`SELECT id || ':' || status || ':' || version FROM review WHERE council_id = $1 AND episode_id = $2 ORDER BY id`,
			`SELECT id || ':' || status || ':' || version FROM service WHERE council_id = $1 AND episode_id = $2 ORDER BY id`,
			`SELECT id || ':' || result || ':' || version FROM episode WHERE council_id = $1 AND id = $2`,
		} {
			rows, err := tx.QueryContext(context.Background(), q, s.A.Council.ID, w.EpisodeID)
			if err != nil {
				return err
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					rows.Close()
					return err
				}
				out = append(out, v)
			}
			rows.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

func planNow(t *testing.T, s *apptest.Site, w planWorld, id string) plans.SupportPlan {
	t.Helper()
	v, err := s.App.SupportPlans.Get(accesslog.WithCommand(sqldb.WithCouncil(context.Background(), s.A.Council.ID), "test"), w.Person.ID, w.EpisodeID, id)
	if err != nil {
		t.Fatal(err)
	}
	return v.Plan
}

func reviewNow(t *testing.T, s *apptest.Site, w planWorld) reviews.View {
	t.Helper()
	v, err := s.App.Reviews.Get(accesslog.WithCommand(sqldb.WithCouncil(context.Background(), s.A.Council.ID), "test"), w.Person.ID, w.EpisodeID, w.review)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func draftForm(budget, crisis string, version func(planWorld) int) func(planWorld) url.Values {
	return func(w planWorld) url.Values {
		return url.Values{"personal_budget": {budget}, "crisis_contact": {crisis}, "version": {strconv.Itoa(version(w))}}
	}
}

func agreeForm(w planWorld) url.Values {
	today := time.Now().In(mustLondon())
	return url.Values{"agreed_on-day": {strconv.Itoa(today.Day())}, "agreed_on-month": {strconv.Itoa(int(today.Month()))}, "agreed_on-year": {strconv.Itoa(today.Year())},
		"agreed_how": {"phone"}, "agreed_with": {"Ada"}, "person_comment": {"Yes please"}, "version": {strconv.Itoa(w.draft.Version)}}
}

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}

func holdForm(change func(w planWorld, v url.Values)) func(planWorld) url.Values {
	return func(w planWorld) url.Values {
		today := time.Now().In(mustLondon())
		v := url.Values{"held_on-day": {strconv.Itoa(today.Day())}, "held_on-month": {strconv.Itoa(int(today.Month()))}, "held_on-year": {strconv.Itoa(today.Year())},
			"method": {"Service user only"}, "reason": {"Planned"}, "review_outcome": {reviews.SuggestOutcome}, "person_view": {"Much better"},
			reviews.RatingField(w.Outcomes[0].ID): {"1"}, reviews.RatingField(w.Outcomes[1].ID): {"0"},
			reviews.DecisionField(w.Service.ID): {"continue"}, "version": {"1"}}
		if change != nil {
			change(w, v)
		}
		return v
	}
}

// holdFinishing holds the world's review so that it finishes the support: both outcomes met, the service stopped.
func holdFinishing(t *testing.T, s *apptest.Site, w planWorld) {
	t.Helper()
	today := s.App.DB.Today()
	res, err := s.App.Reviews.Hold(peopletest.As(s.A.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, w.review, reviews.Held{On: today,
		Method: "Service user only", Reason: codelists.ReviewReasonPlanned, Outcome: reviews.SuggestOutcome,
		Ratings:   []reviews.Rating{{OutcomeID: w.Outcomes[0].ID, Level: 1, Rated: true}, {OutcomeID: w.Outcomes[1].ID, Level: 0, Rated: true}},
		Decisions: []reviews.Decision{{ServiceID: w.Service.ID, Decision: reviews.Stop}}}, 1)
	if err != nil || !res.Finished {
		t.Fatalf("hold: %+v %v", res, err)
	}
}

// endForm ends the episode from the review with result; the episode's version is read now, plus offset.
func endForm(result string, offset int) func(planWorld) url.Values {
	return func(w planWorld) url.Values {
		return url.Values{"result": {result}, "note": {"Ada manages on her own now"}, "end_version": {"{episode_version" + strconv.Itoa(offset) + "}"}}
	}
}

// nextForm moves the next review to days from today; version is the scheduled review's.
func nextForm(days, version int) func(planWorld) url.Values {
	return func(planWorld) url.Values {
		on := time.Now().In(mustLondon()).AddDate(0, 0, days)
		return url.Values{"due_on-day": {strconv.Itoa(on.Day())}, "due_on-month": {strconv.Itoa(int(on.Month()))}, "due_on-year": {strconv.Itoa(on.Year())},
			"reason": {"Unplanned - Other Reason"}, "why": {"Ada goes into hospital for her hip"}, "version": {strconv.Itoa(version)}}
	}
}

func TestPlanAndReviewPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	view, create, update := accesslog.View, accesslog.Create, accesslog.Update
	draftVersion := func(w planWorld) int { return w.draft.Version }
	notSMART := func(t *testing.T, s *apptest.Site, w planWorld) {
		planSQL(t, s, `UPDATE outcome SET how_we_know = '', status = 'draft' WHERE council_id = $1 AND id = $2`, w.Outcomes[1].ID)
	}
	scenarios := []planScenario{
		// The episode's plans.
		{name: "plans", method: "GET", path: "/people/{id}/episodes/{episode}/plan", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Support plan", "Version 2", "Version 1", "Draft", "Agreed", "Version history"}, wantLog: []accesslog.Action{view}},
		{name: "plans from another council", method: "GET", path: "/people/{id}/episodes/{episode}/plan", as: apptest.BWorker, wantStatus: 404},
		{name: "plans outside my team ask for a reason", method: "GET", path: "/people/{id}/episodes/{episode}/plan", as: apptest.ASouth, wantStatus: 303},
		{name: "a new draft while one is open opens it", method: "POST", path: "/people/{id}/episodes/{episode}/plan/new", as: apptest.AWorker, form: func(planWorld) url.Values { return url.Values{} },
			wantStatus: 303, wantLog: []accesslog.Action{create}, unchanged: true},
		{name: "a new draft", method: "POST", path: "/people/{id}/episodes/{episode}/plan/new", as: apptest.AWorker, form: func(planWorld) url.Values { return url.Values{} },
			setup: func(t *testing.T, s *apptest.Site, w planWorld) {
				planSQL(t, s, `DELETE FROM support_plan WHERE council_id = $1 AND id = $2`, w.draft.ID)
			},
			wantStatus: 303, wantLog: []accesslog.Action{create},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				if got := planState(t, s, w); strings.Count(got, ":draft:") != 1 {
					t.Errorf("after a new draft: %s", got)
				}
			}},
		{name: "a new draft from another council", method: "POST", path: "/people/{id}/episodes/{episode}/plan/new", as: apptest.BWorker, form: func(planWorld) url.Values { return url.Values{} }, wantStatus: 404, unchanged: true},
		{name: "a new draft by finance", method: "POST", path: "/people/{id}/episodes/{episode}/plan/new", as: apptest.AFinance, form: func(planWorld) url.Values { return url.Values{} }, wantStatus: 403, unchanged: true},

		// A version of the plan.
		{name: "the draft", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Support plan, version 2", "Change the draft", "Agree the plan with the person", "I go to the allotment every week", "Cara drives Ada to the allotment", "I know everything about growing vegetables"},
			wantLog:  []accesslog.Action{view}},
		{name: "the agreed version", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Support plan, version 1", "I am happy with this", "First review"}, notBody: []string{"Change the draft"}, wantLog: []accesslog.Action{view}},
		{name: "a version from another council", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.BWorker, wantStatus: 404},
		{name: "change the draft", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.AWorker, form: draftForm("150.50", "Cara on 07700 900123", draftVersion),
			wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				if got := planNow(t, s, w, w.draft.ID); got.PersonalBudgetPence != 15050 || got.CrisisContact != "Cara on 07700 900123" {
					t.Errorf("after the change: %d %q", got.PersonalBudgetPence, got.CrisisContact)
				}
			}},
		{name: "a budget that is not money", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.AWorker, form: draftForm("lots", "Cara", draftVersion),
			wantStatus: 422, wantBody: []string{"There is a problem", "Enter the personal budget as an amount in pounds", `value="lots"`}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a stale change shows the plan now and keeps what was typed", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.AWorker,
			form: draftForm("99", "Typed Contact", func(planWorld) int { return 0 }), wantStatus: 409,
			wantBody: []string{"Someone else changed this plan", "What it says now", "Typed Contact"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "an agreed version cannot change", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{agreed}", as: apptest.AWorker,
			form: draftForm("99", "", func(w planWorld) int { return w.agreed.Version }), wantStatus: 403, unchanged: true},
		{name: "a change from another council", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.BWorker, form: draftForm("99", "", draftVersion), wantStatus: 404, unchanged: true},
		{name: "a change by finance", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}", as: apptest.AFinance, form: draftForm("99", "", draftVersion), wantStatus: 403, unchanged: true},

		// Agreeing.
		{name: "the agree form", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Agree the plan with Ada Testperson", "How was it agreed?", "Who was there?"}, wantLog: []accesslog.Action{view}},
		{name: "an agreed version cannot be agreed again", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/agree", as: apptest.AWorker, wantStatus: 409, wantLog: []accesslog.Action{view}},
		{name: "the agree form from another council", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.BWorker, wantStatus: 404},
		{name: "agree", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.AWorker, form: agreeForm, wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				if got := planNow(t, s, w, w.draft.ID); got.Status != plans.PlanAgreed || got.Agreement.How != plans.AgreedByPhone || got.ReviewOn.IsZero() {
					t.Errorf("after agreeing: %s %s %s", got.Status, got.Agreement.How, got.ReviewOn)
				}
				if got := planNow(t, s, w, w.agreed.ID); got.Status != plans.PlanSuperseded {
					t.Errorf("version 1 is %s, want superseded", got.Status)
				}
			}},
		{name: "agreeing while an outcome is not SMART", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.AWorker, setup: notSMART, form: agreeForm,
			wantStatus: 422, wantBody: []string{"There is a problem", "Outcome “I can get up the stairs by myself” is not SMART yet: add how everyone will know", `href="#f-outcome-`},
			wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "agreeing without saying who was there", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.AWorker,
			form:       func(w planWorld) url.Values { v := agreeForm(w); v.Set("agreed_with", ""); return v },
			wantStatus: 422, wantBody: []string{"Enter who was there when the plan was agreed"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "agreeing a plan someone else changed", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.AWorker,
			form:       func(w planWorld) url.Values { v := agreeForm(w); v.Set("version", "0"); return v },
			wantStatus: 409, wantBody: []string{"Someone else changed this plan while you were agreeing it", "Yes please"}, wantLog: []accesslog.Action{view},
			unchanged: true, again: []accesslog.Action{update}},
		{name: "agreeing from another council", method: "POST", path: "/people/{id}/episodes/{episode}/plan/{draft}/agree", as: apptest.BWorker, form: agreeForm, wantStatus: 404, unchanged: true},

		// My plan.
		{name: "my plan", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/my-plan", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Ada’s support plan", "What matters to you", "Staying at home with the cat", "Your strengths", "What you want to be different",
				"Who will do what", "If things go wrong", "We will look at this plan together on", "I am happy with this"}, wantLog: []accesslog.Action{view}},
		{name: "my plan from another council", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/my-plan", as: apptest.BWorker, wantStatus: 404},

		// Reviews.
		{name: "reviews", method: "GET", path: "/people/{id}/episodes/{episode}/reviews", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Scheduled", "Hold this review", "30 June 2025", "Version 1"}, wantLog: []accesslog.Action{view}},
		{name: "reviews from another council", method: "GET", path: "/people/{id}/episodes/{episode}/reviews", as: apptest.BWorker, wantStatus: 404},
		{name: "the review form", method: "GET", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Hold the review", "Rate each outcome", "I can get up the stairs by myself", "Going out every week", "Reablement from Exampleton Reablement", "Work it out from the ratings"},
			wantLog:  []accesslog.Action{view}},
		{name: "the review from another council", method: "GET", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.BWorker, wantStatus: 404},
		{name: "hold the review", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker, form: holdForm(nil), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				v := reviewNow(t, s, w)
				if !v.Review.Completed() || v.Review.GASTScore == nil || *v.Review.GASTScore <= 50 || v.NextDue.IsZero() || len(v.Review.Ratings) != 2 {
					t.Errorf("after holding: %+v next %s", v.Review, v.NextDue)
				}
			}},
		{name: "a review with an outcome not rated", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker,
			form:       holdForm(func(w planWorld, v url.Values) { v.Del(reviews.RatingField(w.Outcomes[1].ID)) }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Rate outcome “I can get up the stairs by myself” on its scale", `href="#f-rating-`}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a stale review", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker,
			form:       holdForm(func(w planWorld, v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this review", "Much better"}, wantLog: []accesslog.Action{view}, unchanged: true, again: []accesslog.Action{update}},
		{name: "a review from another council", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.BWorker, form: holdForm(nil), wantStatus: 404, unchanged: true},
		{name: "a review by finance", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AFinance, form: holdForm(nil), wantStatus: 403, unchanged: true},

		// A review that finishes the support, the episode ended from it, and the next review scheduled or moved.
		{name: "hold a review that finishes the support", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker,
			form:       holdForm(func(w planWorld, v url.Values) { v.Set(reviews.DecisionField(w.Service.ID), "stop") }),
			wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				if v := reviewNow(t, s, w); !v.Review.Completed() || !v.NextDue.IsZero() || v.NextID != "" || !v.OffersEnd() {
					t.Errorf("after a finishing review: next %s %q, offers the end %v", v.NextDue, v.NextID, v.OffersEnd())
				}
			}},
		{name: "a finished review offers to end the episode", method: "GET", path: "/people/{id}/episodes/{episode}/reviews/{review}", as: apptest.AWorker, setup: holdFinishing,
			wantStatus: 200, wantBody: []string{"This review finished the support", "None: this review finished the support", "NFA: Support ended as planned", "End the episode"},
			wantLog: []accesslog.Action{view}},
		{name: "end the episode from the review", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.AWorker, setup: holdFinishing,
			form: endForm(codelists.EventOutcomeSupportEnded, 0), wantStatus: 303, wantLog: []accesslog.Action{view, update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				v := reviewNow(t, s, w)
				if v.Episode.Result != codelists.EventOutcomeSupportEnded || v.Episode.EndedOn != v.Review.HeldOn || v.OffersEnd() {
					t.Errorf("after ending: %+v", v.Episode)
				}
			}},
		{name: "end with a result not on the list", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.AWorker, setup: holdFinishing,
			form: endForm("Sorted", 0), wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-result"`}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "end from a stale form", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.AWorker, setup: holdFinishing,
			form: endForm(codelists.EventOutcomeSupportEnded, -1), wantStatus: 409, wantBody: []string{"Someone else changed this episode", "Ada manages on her own now"}, wantLog: []accesslog.Action{view}, unchanged: true,
			again: []accesslog.Action{view, update}},
		{name: "end from a review that did not finish the support", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.AWorker,
			form: endForm(codelists.EventOutcomeSupportEnded, 0), wantStatus: 409, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "end from another council", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.BWorker, setup: holdFinishing,
			form: endForm(codelists.EventOutcomeSupportEnded, 0), wantStatus: 404, unchanged: true},
		{name: "end by finance", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/{review}/end", as: apptest.AFinance, setup: holdFinishing,
			form: endForm(codelists.EventOutcomeSupportEnded, 0), wantStatus: 403, unchanged: true},
		{name: "the next review form", method: "GET", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Move the next review", "It is due on 30 June 2025", "at least every 12 months"}, wantLog: []accesslog.Action{view}},
		{name: "the next review form from another council", method: "GET", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.BWorker, wantStatus: 404},
		{name: "move the next review", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.AWorker,
			form: nextForm(40, 1), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w planWorld) {
				v := reviewNow(t, s, w)
				if want := sqldb.UKDate(time.Now()).AddDate(0, 0, 40); !v.Review.DueOn.Equal(want) || v.Review.DueReason != "Ada goes into hospital for her hip" || v.Review.Reason != "Unplanned - Other Reason" {
					t.Errorf("after moving: due %s (want %s), %q, %q", v.Review.DueOn, want.Format("2006-01-02"), v.Review.Reason, v.Review.DueReason)
				}
			}},
		{name: "a next review more than 12 months away", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.AWorker,
			form: nextForm(400, 1), wantStatus: 422, wantBody: []string{"There is a problem", "12 months after the plan was agreed", `href="#f-due_on"`},
			wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a stale next review", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.AWorker,
			form: nextForm(40, 0), wantStatus: 409, wantBody: []string{"Someone else scheduled, moved or held this review"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a next review from another council", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.BWorker,
			form: nextForm(40, 1), wantStatus: 404, unchanged: true},
		{name: "a next review by finance", method: "POST", path: "/people/{id}/episodes/{episode}/reviews/next", as: apptest.AFinance,
			form: nextForm(40, 1), wantStatus: 403, unchanged: true},

		// The team's reviews due.
		{name: "reviews due in the team", method: "GET", path: "/reviews?team={team}", as: apptest.AManager,
			setup: func(t *testing.T, s *apptest.Site, w planWorld) {
				planSQL(t, s, `UPDATE review SET due_on = $2 WHERE council_id = $1 AND id = $3`, "2020-01-06", w.review)
			},
			wantStatus: 200, wantBody: []string{"North: reviews due", "Testperson, Ada", "6 January 2020", "Overdue"}},
		{name: "reviews due for the quality lead", method: "GET", path: "/reviews?team={team}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"North: reviews due"}},
		{name: "reviews due for a practitioner", method: "GET", path: "/reviews", as: apptest.AWorker, wantStatus: 403},
		{name: "another council's team", method: "GET", path: "/reviews?team={team}", as: apptest.BManager, wantStatus: 403},
		{name: "another council's quality lead", method: "GET", path: "/reviews?team={team}", as: apptest.BQuality, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		pdfScenarios := []planScenario{
			{name: "my plan as a PDF", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/my-plan.pdf", as: apptest.AWorker, wantStatus: 200,
				wantBody: []string{"%PDF-"}, wantLog: []accesslog.Action{accesslog.Export}},
			{name: "my plan as a PDF from another council", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/my-plan.pdf", as: apptest.BWorker, wantStatus: 404},
		}
		if !site.App.PDF.Available() {
			pdfScenarios = []planScenario{{name: "no PDF without Chromium", method: "GET", path: "/people/{id}/episodes/{episode}/plan/{agreed}/my-plan.pdf", as: apptest.AWorker,
				wantStatus: 503, wantBody: []string{"A PDF of this plan cannot be made here", "use your browser’s print option"}}}
		}
		for _, sc := range append(scenarios, pdfScenarios...) {
			t.Run(sc.name, func(t *testing.T) {
				w := newPlanWorld(t, site, db)
				if sc.setup != nil {
					sc.setup(t, site, w)
				}
				before := planState(t, site, w)
				path := strings.NewReplacer("{id}", w.Person.ID, "{episode}", w.EpisodeID, "{agreed}", w.agreed.ID, "{draft}", w.draft.ID,
					"{review}", w.review, "{team}", site.A.North.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(w)
					// The episode's version, as the review page read it when the form was shown.
					if v := form.Get("end_version"); strings.HasPrefix(v, "{episode_version") {
						offset, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(v, "{episode_version"), "}"))
						if err != nil {
							t.Fatalf("the scenario's end_version %q is not {episode_version±n}: %v", v, err)
						}
						form.Set("end_version", strconv.Itoa(reviewNow(t, site, w).Episode.Version+offset))
					}
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, w.Person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
				if sc.unchanged {
					if after := planState(t, site, w); after != before {
						t.Errorf("changed:\nbefore %s\nafter  %s", before, after)
					}
				}
				if sc.again != nil {
					name := "version"
					if form.Has("end_version") {
						name = "end_version"
					}
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, name), w.Person.ID, apptest.Answer{Status: 303, Log: sc.again})
					if after := planState(t, site, w); after == before {
						t.Errorf("saving again changed nothing: %s", after)
					}
				}
				if sc.check != nil {
					sc.check(t, site, w)
				}
				apptest.Retire(t, site, w.Person)
			})
		}
	})
}
