package reviews_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// fixture is a world in council A whose plan was agreed on 3 March 2025, with its first review scheduled for
// 28 April; the clock then moves to that day. Council B is another council.
type fixture struct {
	db       *sqldb.DB
	store    *reviews.Store
	a, b     peopletest.Council
	w        planstest.World
	plan     plans.SupportPlan
	reviewID string
	now      *time.Time
}

// eachAtFixedTime runs fn on both engines with a clock the test can move.
func eachAtFixedTime(t *testing.T, fn func(t *testing.T, f fixture)) {
	for _, engine := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			now := planstest.Clock
			db := dbtest.Open(t, engine, dbtest.Options{Clock: func() time.Time { return now }})
			f := fixture{db: db, store: reviews.NewStore(db), now: &now}
			f.a = peopletest.NewCouncil(t, db, "E06000821")
			f.b = peopletest.NewCouncil(t, db, "E06000822")
			f.w = planstest.New(t, db, f.a)
			ps := plans.NewPlanStore(db)
			worker := f.as(councils.Practitioner)
			draft, _, err := ps.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
			if err != nil {
				t.Fatal(err)
			}
			if err := ps.UpdateDraft(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, 12500, "Cara", draft.Version); err != nil {
				t.Fatal(err)
			}
			if f.plan, err = ps.Agree(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, plans.Agreement{On: dbtest.Date("2025-03-03"),
				How: plans.AgreedInPerson, With: "Ada"}, draft.Version+1); err != nil {
				t.Fatal(err)
			}
			ep, err := f.store.Episode(worker, f.w.Person.ID, f.w.EpisodeID)
			if err != nil || len(ep.Reviews) != 1 {
				t.Fatalf("reviews after agreeing: %v %+v", err, ep.Reviews)
			}
			f.reviewID = ep.Reviews[0].ID
			now = time.Date(2025, 4, 28, 10, 0, 0, 0, time.UTC)
			fn(t, f)
		})
	}
}

func (f fixture) as(role councils.Role) context.Context { return peopletest.As(f.a.Staff[role]) }

// held rates the two outcomes and decides the service.
func (f fixture) held(walk, stairs outcomes.Level, decision reviews.ServiceDecision) reviews.Held {
	return reviews.Held{On: dbtest.Date("2025-04-28"), Method: "Service user and carer", Reason: codelists.ReviewReasonPlanned,
		PersonView: "Going well", Outcome: reviews.SuggestOutcome,
		Ratings: []reviews.Rating{{OutcomeID: f.w.Outcomes[0].ID, Level: walk, Rated: true, PersonView: "I love it"},
			{OutcomeID: f.w.Outcomes[1].ID, Level: stairs, Rated: true}},
		Decisions: []reviews.Decision{{ServiceID: f.w.Service.ID, Decision: decision, Note: "Ada manages now"}}}
}

func (f fixture) log(t *testing.T) []string {
	t.Helper()
	return peopletest.LoggedBy(t, f.db, f.a.Council.ID, f.w.Person.ID)
}

func (f fixture) query(t *testing.T, q string, args ...any) []string {
	t.Helper()
	return dbtest.Column[string](t, f.db, f.a.Council.ID, q, append([]any{f.a.Council.ID}, args...)...)
}

// state sums up the episode's reviews, ratings, services and plans.
func (f fixture) state(t *testing.T) string {
	return strings.Join(slices.Concat(
		f.query(t, `SELECT status || ':' || due_on || ':' || version FROM review WHERE council_id = $1 ORDER BY due_on`),
		f.query(t, `SELECT outcome_id FROM review_rating WHERE council_id = $1`),
		f.query(t, `SELECT status || ':' || version FROM service WHERE council_id = $1`),
		f.query(t, `SELECT plan_version || ':' || status FROM support_plan WHERE council_id = $1 ORDER BY plan_version`),
	), " ")
}

func TestAReviewMustRateEveryOutcome(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		h := f.held(outcomes.More, 0, reviews.Continue)
		h.Ratings = h.Ratings[:1]
		before, logBefore := f.state(t), f.log(t)
		_, err := f.store.Hold(f.as(councils.Practitioner), f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 1)
		ps, ok := validation.AsProblems(err)
		if !ok || len(ps) != 1 || ps[0].Field != reviews.RatingField(f.w.Outcomes[1].ID) || ps[0].Message != "Rate outcome “I can get up the stairs by myself” on its scale" {
			t.Fatalf("holding with an outcome not rated: %v", err)
		}
		if after := f.state(t); after != before {
			t.Errorf("the refusal changed\n%s\nto\n%s", before, after)
		}
		if got := f.log(t)[len(logBefore):]; len(got) != 0 {
			t.Errorf("the refusal left %q in the access log", got)
		}
	})
}

func TestHoldingAReview(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		worker := f.as(councils.Practitioner)
		workerID := f.a.Staff[councils.Practitioner].ID
		h := f.held(outcomes.More, outcomes.Less, reviews.Stop)

		// A stale version and another council change nothing.
		before := f.state(t)
		if _, err := f.store.Hold(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 7); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale hold: %v", err)
		}
		other := peopletest.As(f.b.Staff[councils.Practitioner])
		if _, err := f.store.Hold(other, f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 1); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("hold from another council: %v", err)
		}
		if _, err := f.store.Get(other, f.w.Person.ID, f.w.EpisodeID, f.reviewID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("read from another council: %v", err)
		}
		if after := f.state(t); after != before {
			t.Errorf("refused holds changed\n%s\nto\n%s", before, after)
		}

		logBefore := f.log(t)
		res, err := f.store.Hold(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 1)
		if err != nil {
			t.Fatal(err)
		}
		// The walk outcome weighs 3 × 2 = 6 at +1; the stairs 6 at −1: the T-score is 50.
		want, _ := outcomes.TScore([]outcomes.Scored{{Level: outcomes.More, Weight: f.w.Outcomes[0].Weight()}, {Level: outcomes.Less, Weight: f.w.Outcomes[1].Weight()}}, outcomes.DefaultRho)
		if math.Abs(res.TScore-math.Round(want*10)/10) > 1e-9 || res.Outcome != codelists.ReviewOutcomePartiallyMet || res.Stopped != 1 ||
			!res.PlanChange || res.NewPlanID == "" {
			t.Errorf("result %+v, want T-score %.1f, partially met, one stopped and a new plan", res, want)
		}
		// With the reablement stopped, the next review is 12 months on.
		if res.NextDue.String() != "2026-04-28" {
			t.Errorf("next review %s, want 2026-04-28", res.NextDue)
		}
		if got := f.query(t, `SELECT status || ':' || due_on || ':' || COALESCE(CAST(held_on AS TEXT), '-') FROM review WHERE council_id = $1 ORDER BY due_on`); !slices.Equal(got, []string{
			"completed:2025-04-28:2025-04-28", "scheduled:2026-04-28:-"}) {
			t.Errorf("reviews %q", got)
		}
		if got := f.query(t, `SELECT status || ':' || end_on || ':' || ended_reason FROM service WHERE council_id = $1`); !slices.Equal(got, []string{"ended:2025-04-28:Stopped at review"}) {
			t.Errorf("service %q", got)
		}
		if got := f.query(t, `SELECT plan_version || ':' || status || ':' || personal_budget_pence || ':' || crisis_contact FROM support_plan WHERE council_id = $1 ORDER BY plan_version`); !slices.Equal(got, []string{
			"1:agreed:12500:Cara", "2:draft:12500:Cara"}) {
			t.Errorf("plans %q", got)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " update"}) {
			t.Errorf("access log gained %q", got)
		}
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Review.GASTScore == nil || *v.Review.GASTScore != res.TScore || v.Review.Outcome != codelists.ReviewOutcomePartiallyMet ||
			len(v.Review.Ratings) != 2 || len(v.Review.Decisions) != 1 || v.Review.Decisions[0].Decision != reviews.Stop ||
			v.NextDue.String() != "2026-04-28" || v.DraftPlanID != res.NewPlanID || len(v.Outcomes) != 2 || len(v.Services) != 1 {
			t.Errorf("completed review reads back %+v (next %s)", v.Review, v.NextDue)
		}
		if next := f.query(t, `SELECT id FROM review WHERE council_id = $1 AND status = 'scheduled'`); len(next) != 1 || v.NextID != next[0] {
			t.Errorf("next review %q, want the one scheduled: %q", v.NextID, next)
		}
		if got := f.query(t, `SELECT summary FROM person_event WHERE council_id = $1 AND at = $2 ORDER BY summary`, *f.now); !slices.Equal(got, []string{
			"Review held: outcomes partially met; Goal Attainment T-score " + v.Review.TScoreText(),
			"Review scheduled for 28 April 2026",
			"Service stopped at review: Reablement from Exampleton Reablement",
			"Step 4, review: in progress", // holding the review started the review step
			"Support plan version 2 opened as a draft after the review",
		}) {
			t.Errorf("chronology %q", got)
		}
		// A completed review is kept as it was held.
		if _, err := f.store.Hold(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, v.Review.Version); !errors.Is(err, reviews.ErrCompleted) {
			t.Errorf("holding again: %v", err)
		}
	})
}

func TestTheNextReviewFollowsShortTermSupport(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		// The reablement continues: the next review is when it ends, before 12 months are up; nothing changed, so
		// no new draft.
		res, err := f.store.Hold(f.as(councils.Practitioner), f.w.Person.ID, f.w.EpisodeID, f.reviewID, f.held(0, 0, reviews.Continue), 1)
		if err != nil {
			t.Fatal(err)
		}
		if res.NextDue.String() != planstest.ServiceEnd || res.PlanChange || res.NewPlanID != "" || res.Outcome != codelists.ReviewOutcomeFullyMet || res.TScore != 50 {
			t.Errorf("result %+v", res)
		}
	})
}

func TestTheNextReviewFollowsTheCouncilsSetting(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		// The council reviews every 6 months; the practitioner says the plan needs to change.
		ctx := sqldb.WithCouncil(context.Background(), f.a.Council.ID)
		cs := councils.NewStore(f.db)
		c, err := cs.CouncilByID(ctx, f.a.Council.ID)
		if err != nil {
			t.Fatal(err)
		}
		set := c.Settings
		set.RegularReviewMonths = 6
		if err := cs.UpdateSettings(ctx, c.MFARequired, set, c.Version); err != nil {
			t.Fatal(err)
		}
		h := f.held(outcomes.Less, 0, reviews.Stop)
		h.PlanNeedsChange, h.Outcome = true, codelists.ReviewOutcomeNotMet
		res, err := f.store.Hold(f.as(councils.Practitioner), f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 1)
		if err != nil {
			t.Fatal(err)
		}
		if res.NextDue.String() != "2025-10-28" || res.NewPlanID == "" || res.Outcome != codelists.ReviewOutcomeNotMet {
			t.Errorf("result %+v", res)
		}
	})
}

func TestTeamReviewsDue(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		*f.now = time.Date(2025, 5, 2, 9, 0, 0, 0, time.UTC)
		got, err := f.store.Due(f.as(councils.TeamManager), f.a.North.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.TeamName != "North" || len(got.Reviews) != 1 || got.Reviews[0].Status != reviews.Overdue || got.Reviews[0].Name != "Testperson, Ada" ||
			got.Reviews[0].DueOn.String() != "2025-04-28" || got.Reviews[0].WorkerName != "Test Practitioner" {
			t.Errorf("north's reviews %+v", got)
		}
		if south, err := f.store.Due(f.as(councils.QualityLead), f.a.South.ID); err != nil || len(south.Reviews) != 0 {
			t.Errorf("south's reviews %+v %v", south, err)
		}
		if _, err := f.store.Due(f.as(councils.Practitioner), f.a.North.ID); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner: %v", err)
		}
		if _, err := f.store.Due(f.as(councils.TeamManager), f.a.South.ID); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("another team's manager: %v", err)
		}
		if _, err := f.store.Due(peopletest.As(f.b.Staff[councils.QualityLead]), f.a.North.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's quality lead: %v", err)
		}
		// Not yet due: more than two weeks away.
		*f.now = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		if early, err := f.store.Due(f.as(councils.TeamManager), f.a.North.ID); err != nil || len(early.Reviews) != 0 {
			t.Errorf("a month early: %+v %v", early, err)
		}
	})
}
