package reviews_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// caseloadReview is the next review the practitioner's caseload shows for the world's person, and its status.
func (f fixture) caseloadReview(t *testing.T) string {
	t.Helper()
	res, err := caseloads.NewStore(f.db).Caseload(f.as(councils.Practitioner), caseloads.Filter{WorkerID: f.a.Staff[councils.Practitioner].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Entries {
		if e.PersonID == f.w.Person.ID {
			if e.NextReview.IsZero() {
				return string(e.ReviewStatus)
			}
			return e.NextReview.String() + " " + string(e.ReviewStatus)
		}
	}
	t.Fatal("the person is not on the caseload")
	return ""
}

// A review that stops every service and rates every outcome at or above expected schedules nothing more and opens
// no new plan; it offers to end the episode, which the existing end of an episode does, and then it offers no more.
func TestAReviewThatFinishesTheSupport(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		worker := f.as(councils.Practitioner)
		workerID := f.a.Staff[councils.Practitioner].ID
		if got := f.caseloadReview(t); got != "2025-04-28 due" {
			t.Errorf("before the review the caseload shows %q", got)
		}
		logBefore := f.log(t)
		res, err := f.store.Hold(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID, f.held(outcomes.More, outcomes.Expected, reviews.Stop), 1)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Finished || !res.NextDue.IsZero() || res.NewPlanID != "" || res.PlanChange || res.Stopped != 1 || res.Outcome != codelists.ReviewOutcomeFullyMet {
			t.Errorf("result %+v, want finished with nothing scheduled and no new plan", res)
		}
		if got := f.state(t); got != "completed:2025-04-28:2 "+f.w.Outcomes[0].ID+" "+f.w.Outcomes[1].ID+" ended:3 1:agreed" &&
			got != "completed:2025-04-28:2 "+f.w.Outcomes[1].ID+" "+f.w.Outcomes[0].ID+" ended:3 1:agreed" {
			t.Errorf("after the review: %s", got)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " update"}) {
			t.Errorf("holding the review logged %q", got)
		}
		if got := f.query(t, `SELECT summary FROM person_event WHERE council_id = $1 AND at = $2 ORDER BY summary`, *f.now); !slices.Equal(got, []string{
			"Review held: outcomes fully met; Goal Attainment T-score " + strconv.FormatFloat(res.TScore, 'f', 1, 64),
			"Service stopped at review: Reablement from Exampleton Reablement",
			"Step 4, review: in progress",
			"The review finished the support: every service stopped and every outcome met, so no further review is scheduled",
		}) {
			t.Errorf("chronology %q", got)
		}
		if got := f.caseloadReview(t); got != string(reviews.NotScheduled) {
			t.Errorf("after the review the caseload shows %q, want no review", got)
		}
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Finishes() || !v.OffersEnd() || v.NextID != "" || v.Episode.Ended() || v.Episode.Version == 0 {
			t.Errorf("the completed review: finishes %v, offers the end %v, next %q, episode %+v", v.Finishes(), v.OffersEnd(), v.NextID, v.Episode)
		}

		// Another council can neither read it nor end the episode from it.
		other := peopletest.As(f.b.Staff[councils.Practitioner])
		end := conversations.Ending{Step: conversations.Step4, Result: codelists.EventOutcomeSupportEnded, EndedOn: dbtest.Date("2025-04-28"),
			Note: "Ada manages the stairs and gets to the allotment"}
		cs := conversations.NewStore(f.db)
		if err := cs.End(other, f.w.Person.ID, f.w.EpisodeID, end, v.Episode.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("ending from another council: %v", err)
		}
		if _, err := f.store.Get(other, f.w.Person.ID, f.w.EpisodeID, f.reviewID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("reading from another council: %v", err)
		}

		// Ending the episode goes through the episode's own end, with its result; the review then offers nothing.
		logBefore = f.log(t)
		if err := cs.End(worker, f.w.Person.ID, f.w.EpisodeID, end, v.Episode.Version); err != nil {
			t.Fatal(err)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " update"}) {
			t.Errorf("ending the episode logged %q", got)
		}
		if v, err = f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID); err != nil {
			t.Fatal(err)
		}
		if !v.Finishes() || v.OffersEnd() || v.Episode.Result != codelists.EventOutcomeSupportEnded || v.Episode.EndedOn.String() != "2025-04-28" {
			t.Errorf("after the end: finishes %v, offers %v, episode %+v", v.Finishes(), v.OffersEnd(), v.Episode)
		}
		if got := f.query(t, `SELECT ended_step || ':' || result FROM episode WHERE council_id = $1 AND id = $2`, f.w.EpisodeID); !slices.Equal(got, []string{"4:" + codelists.EventOutcomeSupportEnded}) {
			t.Errorf("episode %q", got)
		}
		// No review can be scheduled in an ended episode.
		_, err = f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, reviews.NextDue{On: dbtest.Date("2025-10-01"), Reason: codelists.ReviewReasonPlanned, Why: "Check-in"}, 0)
		if ps, ok := validation.AsProblems(err); !ok || len(ps) != 1 || ps[0].Field != "due_on" {
			t.Errorf("scheduling in an ended episode: %v", err)
		}
		if got := f.caseloadReview(t); got != string(reviews.NotScheduled) {
			t.Errorf("after the end the caseload shows %q", got)
		}
	})
}

// Holding the review with one outcome below expected, or a service continuing, is not finishing: the support
// goes on to a next review.
func TestAReviewThatDoesNotFinish(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		res, err := f.store.Hold(f.as(councils.Practitioner), f.w.Person.ID, f.w.EpisodeID, f.reviewID, f.held(outcomes.Expected, outcomes.Less, reviews.Stop), 1)
		if err != nil {
			t.Fatal(err)
		}
		if res.Finished || res.NextDue.IsZero() || res.NewPlanID == "" {
			t.Errorf("result %+v, want a next review and a new plan", res)
		}
		v, err := f.store.Get(f.as(councils.Practitioner), f.w.Person.ID, f.w.EpisodeID, f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Finishes() || v.OffersEnd() {
			t.Error("a review with an outcome below expected offers to end the episode")
		}
	})
}

// A practitioner schedules or moves the next review with a reason, within 12 months of the last review; the
// caseload follows it.
func TestSchedulingTheNextReview(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		worker := f.as(councils.Practitioner)
		workerID := f.a.Staff[councils.Practitioner].ID
		// The first review was scheduled when the plan was agreed on 3 March 2025; it is now 28 April 2025.
		logBefore := f.log(t)
		pl, err := f.store.Planning(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Scheduled.ID != f.reviewID || pl.Scheduled.DueOn.String() != "2025-04-28" || pl.Limit.Latest.String() != "2026-03-03" ||
			pl.Limit.FromReview || pl.PlanAgreed.String() != "2025-03-03" || !pl.LastReview.IsZero() {
			t.Errorf("planning %+v", pl)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " view"}) {
			t.Errorf("reading the next review logged %q", got)
		}

		// Beyond 12 months from the plan, from another council, or from a stale form: refused, nothing changes and
		// nothing is logged.
		before := f.state(t)
		logBefore = f.log(t)
		tooLate := reviews.NextDue{On: dbtest.Date("2026-03-04"), Reason: codelists.ReviewReasonPlanned, Why: "Annual review"}
		_, err = f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, tooLate, pl.Scheduled.Version)
		if ps, ok := validation.AsProblems(err); !ok || len(ps) != 1 || ps[0].Message != "The date of the next review must be on or before 3 March 2026, 12 months after the plan was agreed. A plan must be reviewed at least every 12 months" {
			t.Errorf("a date beyond 12 months: %v", err)
		}
		sooner := reviews.NextDue{On: dbtest.Date("2025-05-06"), Reason: "Unplanned - Hospital (Planned and unplanned episodes)",
			Why: "Ada was admitted to hospital after a fall; see her the week she is home"}
		if _, err := f.store.SetNext(peopletest.As(f.b.Staff[councils.Practitioner]), f.w.Person.ID, f.w.EpisodeID, sooner, pl.Scheduled.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v", err)
		}
		if _, err := f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, sooner, 0); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a form opened when no review was scheduled: %v", err)
		}
		if after := f.state(t); after != before {
			t.Errorf("refusals changed\n%s\nto\n%s", before, after)
		}
		if got := f.log(t)[len(logBefore):]; len(got) != 0 {
			t.Errorf("refusals logged %q", got)
		}

		// Moved sooner, because something changed.
		logBefore = f.log(t)
		id, err := f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, sooner, pl.Scheduled.Version)
		if err != nil {
			t.Fatal(err)
		}
		if id != f.reviewID {
			t.Errorf("moving made review %s, want the scheduled %s moved", id, f.reviewID)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " update"}) {
			t.Errorf("moving logged %q", got)
		}
		if got := f.query(t, `SELECT due_on || ':' || reason || ':' || due_reason || ':' || version FROM review WHERE council_id = $1 AND status = 'scheduled'`); !slices.Equal(got, []string{
			"2025-05-06:" + sooner.Reason + ":" + sooner.Why + ":2"}) {
			t.Errorf("scheduled reviews %q", got)
		}
		if got := f.caseloadReview(t); got != "2025-05-06 due" {
			t.Errorf("the caseload shows %q", got)
		}
		// Read for many episodes at once, as an audit round reads them, the next review is the same.
		if err := f.db.ReadTx(sqldb.WithCouncil(context.Background(), f.a.Council.ID), func(tx *sqldb.Tx) error {
			one, _, err := reviews.NextDueOn(context.Background(), tx, f.w.EpisodeID)
			if err != nil {
				return err
			}
			many, err := reviews.NextDueOf(context.Background(), tx, []string{f.w.EpisodeID, "no-such-episode"})
			if err != nil {
				return err
			}
			if len(many) != 1 || many[f.w.EpisodeID] != one || one.String() != "2025-05-06" {
				t.Errorf("next reviews %v; one at a time %s", many, one)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if got := f.query(t, `SELECT summary FROM person_event WHERE council_id = $1 AND kind = 'review' ORDER BY at DESC LIMIT 1`); !slices.Equal(got, []string{
			"Review moved from 28 April 2025 to 6 May 2025: " + sooner.Why}) {
			t.Errorf("chronology %q", got)
		}

		// Held, finishing the support; then an annual review scheduled anyway, up to 12 months after it.
		*f.now = time.Date(2025, 5, 6, 11, 0, 0, 0, time.UTC)
		h := f.held(outcomes.Expected, outcomes.More, reviews.Stop)
		h.On = dbtest.Date("2025-05-06")
		if res, err := f.store.Hold(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID, h, 2); err != nil || !res.Finished {
			t.Fatalf("hold: %+v %v", res, err)
		}
		if pl, err = f.store.Planning(worker, f.w.Person.ID, f.w.EpisodeID); err != nil {
			t.Fatal(err)
		}
		if pl.Scheduled.ID != "" || pl.Limit.Latest.String() != "2026-05-06" || !pl.Limit.FromReview || pl.Suggested.String() != "2026-05-06" {
			t.Errorf("after the review, planning %+v", pl)
		}
		annual := reviews.NextDue{On: dbtest.Date("2026-05-06"), Reason: codelists.ReviewReasonPlanned, Why: "Annual review: Ada asked to keep in touch"}
		if _, err := f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, annual, 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a form that thought a review was scheduled: %v", err)
		}
		next, err := f.store.SetNext(worker, f.w.Person.ID, f.w.EpisodeID, annual, 0)
		if err != nil {
			t.Fatal(err)
		}
		if next == f.reviewID || f.caseloadReview(t) != "2026-05-06 not_due" {
			t.Errorf("the annual review %s; the caseload shows %q", next, f.caseloadReview(t))
		}
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Finishes() || v.OffersEnd() || v.NextID != next {
			t.Errorf("with a review scheduled since, the finished review still offers to end the episode (next %q)", v.NextID)
		}
	})
}

// Ending an episode from its own end form, while a review is scheduled for it, withdraws that review: it will never
// be held, so the caseload stops showing it, and the reviews already held stay.
func TestEndingAnEpisodeWithdrawsItsScheduledReview(t *testing.T) {
	t.Parallel()
	eachAtFixedTime(t, func(t *testing.T, f fixture) {
		worker := f.as(councils.Practitioner)
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.caseloadReview(t); got != "2025-04-28 due" {
			t.Errorf("before the end the caseload shows %q", got)
		}
		end := conversations.Ending{Step: conversations.Step3, Result: codelists.EventOutcomeMovedLA, Note: "Moved to live near her son"}
		if err := conversations.NewStore(f.db).End(worker, f.w.Person.ID, f.w.EpisodeID, end, v.Episode.Version); err != nil {
			t.Fatal(err)
		}
		if got := f.query(t, `SELECT id FROM review WHERE council_id = $1 AND status = 'scheduled'`); len(got) != 0 {
			t.Errorf("scheduled reviews after the end: %v", got)
		}
		if got := f.caseloadReview(t); got != string(reviews.NotScheduled) {
			t.Errorf("after the end the caseload shows %q, want no review", got)
		}
		if _, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, f.reviewID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("the withdrawn review still reads: %v", err)
		}
	})
}
