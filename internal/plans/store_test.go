package plans_test

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestSolutions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		ctx := peopletest.As(worker)
		other := peopletest.As(b.Staff[councils.Practitioner])
		council := a.Council.ID
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ep := conversationstest.InsertEpisode(t, db, council, p.ID)
		outs := outcomes.NewStore(db)
		garden, err := outs.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, Different: "I get to my allotment twice a week"})
		if err != nil {
			t.Fatal(err)
		}
		wash, err := outs.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, Different: "I wash myself again"})
		if err != nil {
			t.Fatal(err)
		}
		store := plans.NewStore(db)
		logged := func(want ...accesslog.Action) func() {
			before := peopletest.Logged(t, db, council, p.ID)
			return func() {
				t.Helper()
				if got := peopletest.Logged(t, db, council, p.ID)[len(before):]; !slices.Equal(got, want) {
					t.Errorf("access log gained %v, want %v", got, want)
				}
			}
		}

		check := logged(accesslog.Create, accesslog.Create)
		reablement, err := store.AddSolution(ctx, plans.Solution{PersonID: p.ID, EpisodeID: ep, Rung: plans.Reablement,
			Description: "Six weeks of reablement to wash and dress", LowerRungsReason: "Ben works away; no community group helps with washing",
			OutcomeIDs: []string{wash.ID, wash.ID}})
		if err != nil {
			t.Fatal(err)
		}
		club, err := store.AddSolution(ctx, plans.Solution{PersonID: p.ID, EpisodeID: ep, Rung: plans.Community,
			Description: "Exampleton allotment society's buddy scheme", WhoWhen: "Ada rings them this week", LowerRungsReason: "not needed here",
			OutcomeIDs: []string{garden.ID}})
		if err != nil {
			t.Fatal(err)
		}
		check()
		if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM person_event WHERE council_id = $1 AND kind = 'solution' AND person_id = $2`, council, p.ID); n != 2 {
			t.Errorf("%d solution events in the chronology, want 2", n)
		}

		check = logged(accesslog.View)
		ladder, err := store.Ladder(ctx, p.ID, ep)
		if err != nil {
			t.Fatal(err)
		}
		check()
		if len(ladder.Outcomes) != 2 || len(ladder.Solutions) != 2 {
			t.Fatalf("ladder has %d outcomes and %d solutions, want 2 and 2", len(ladder.Outcomes), len(ladder.Solutions))
		}
		if ladder.Solutions[0].ID != club.ID || ladder.Solutions[1].ID != reablement.ID {
			t.Errorf("solutions not least intrusive first: %v, %v", ladder.Solutions[0].Rung, ladder.Solutions[1].Rung)
		}
		if got := ladder.Solutions[1].OutcomeIDs; !slices.Equal(got, []string{wash.ID}) {
			t.Errorf("reablement serves %v, want only the washing outcome, once", got)
		}
		if ladder.Solutions[0].LowerRungsReason != "" {
			t.Errorf("a community solution kept a lower-rungs reason %q", ladder.Solutions[0].LowerRungsReason)
		}
		if got := ladder.On(plans.Community); len(got) != 1 || got[0].WhoWhen != "Ada rings them this week" {
			t.Errorf("on the community rung: %+v", got)
		}

		t.Run("refused when there is a problem, changing nothing", func(t *testing.T) {
			check := logged()
			_, err := store.AddSolution(ctx, plans.Solution{PersonID: p.ID, EpisodeID: ep, Rung: plans.OngoingSupport, Description: "Carers twice a day"})
			ps, ok := validation.AsProblems(err)
			if !ok || len(ps) != 2 || ps[0].Field != "lower_rungs_reason" || ps[1].Field != "outcome_ids" {
				t.Errorf("got %v, want problems with lower_rungs_reason and outcome_ids", err)
			}
			check()
			if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM solution WHERE council_id = $1`, council); n != 2 {
				t.Errorf("%d solutions, want 2", n)
			}
		})

		t.Run("an outcome of another episode is refused", func(t *testing.T) {
			ep2 := conversationstest.InsertEpisode(t, db, council, p.ID)
			elsewhere, err := outs.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep2, Different: "Elsewhere"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = store.AddSolution(ctx, plans.Solution{PersonID: p.ID, EpisodeID: ep, Rung: plans.Network, Description: "Ben visits", OutcomeIDs: []string{elsewhere.ID}})
			if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "outcome_ids" {
				t.Errorf("got %v, want a problem with outcome_ids", err)
			}
			q := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = "" }))
			theirs := conversationstest.InsertEpisode(t, db, council, q.ID)
			if _, err := store.Ladder(ctx, p.ID, theirs); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another person's episode read as this person's: %v, want not found", err)
			}
		})

		t.Run("another council cannot read or change", func(t *testing.T) {
			check := logged()
			if _, err := store.Ladder(other, p.ID, ep); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("ladder from another council: %v, want not found", err)
			}
			if _, err := store.AddSolution(other, plans.Solution{PersonID: p.ID, EpisodeID: ep, Rung: plans.OwnStrengths, Description: "x", OutcomeIDs: []string{garden.ID}}); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("add from another council: %v, want not found", err)
			}
			hijack := club
			hijack.Description = "Hijacked"
			if err := store.UpdateSolution(other, hijack); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("change from another council: %v, want not found", err)
			}
			check()
			l, err := store.Ladder(ctx, p.ID, ep)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := l.Solution(club.ID); got.Description != club.Description || got.Version != 1 {
				t.Errorf("after another council tried: %+v", got)
			}
		})

		t.Run("change, then a stale change is a conflict", func(t *testing.T) {
			check := logged(accesslog.Update)
			changed := club
			changed.Rung = plans.Technology
			changed.Description = "A grabber and a raised bed"
			changed.OutcomeIDs = []string{garden.ID, wash.ID}
			if err := store.UpdateSolution(ctx, changed); err == nil {
				t.Fatal("a technology solution with no reason was saved")
			}
			changed.LowerRungsReason = "The buddy scheme has a waiting list of a year"
			if err := store.UpdateSolution(ctx, changed); err != nil {
				t.Fatal(err)
			}
			stale := club
			stale.Description = "Stale"
			if err := store.UpdateSolution(ctx, stale); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("stale change: %v, want conflict", err)
			}
			check()
			l, err := store.Ladder(ctx, p.ID, ep)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := l.Solution(club.ID)
			if got.Description != changed.Description || got.Rung != plans.Technology || got.Version != 2 ||
				!slices.Equal(got.OutcomeIDs, []string{garden.ID, wash.ID}) || got.LowerRungsReason != changed.LowerRungsReason {
				t.Errorf("after the change: %+v", got)
			}
		})
	})
}
