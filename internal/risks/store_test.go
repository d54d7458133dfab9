package risks_test

import (
	"context"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func riskDuties(t *testing.T, db *sqldb.DB, ctx context.Context, riskID string) []duties.Duty {
	t.Helper()
	var out []duties.Duty
	if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = duties.ForSubject(ctx, tx, riskID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRiskStore(t *testing.T) {
	t.Parallel()
	now := planstest.Clock
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = planstest.Clock
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		other := planstest.New(t, db, a) // another episode, whose outcomes this one cannot link to
		ctx := peopletest.As(a.Staff[councils.Practitioner])
		s := risks.NewStore(db)

		r := good()
		r.PersonID, r.EpisodeID = w.Person.ID, w.EpisodeID
		r.OutcomeIDs, r.SolutionIDs = []string{w.Outcomes[0].ID}, []string{w.Solution.ID}

		t.Run("links to another episode's outcomes are refused and change nothing", func(t *testing.T) {
			bad := r
			bad.OutcomeIDs = []string{other.Outcomes[0].ID}
			before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
			_, err := s.Add(ctx, bad)
			if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "outcome_ids" {
				t.Fatalf("added with %v", err)
			}
			page, err := s.RisksGlance(ctx, w.Person.ID, w.EpisodeID)
			if err != nil || len(page.Risks) != 0 {
				t.Fatalf("risks %v, %v", page.Risks, err)
			}
			if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID); len(got) != len(before) {
				t.Errorf("a refused risk and a glance logged %v", got[len(before):])
			}
		})

		before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
		added, err := s.Add(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; !slices.Equal(got, []accesslog.Action{accesslog.Create}) {
			t.Errorf("adding logged %v", got)
		}
		page, got, err := s.Risk(ctx, w.Person.ID, w.EpisodeID, added.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.What != r.What || got.Status != risks.Open || got.Version != 1 || !slices.Equal(got.Mitigations, r.Mitigations) ||
			!slices.Equal(got.Decision.AgreedBy, r.Decision.AgreedBy) || !got.Decision.Agreed || !got.Decision.Made ||
			!slices.Equal(got.OutcomeIDs, r.OutcomeIDs) || !slices.Equal(got.SolutionIDs, r.SolutionIDs) || got.ReviewOn != r.ReviewOn {
			t.Errorf("read back %+v", got)
		}
		if page.Outcome(w.Outcomes[0].ID) == "" || page.Solution(w.Solution.ID) == "" {
			t.Errorf("the form offers %v and %v", page.Outcomes, page.Solutions)
		}

		ds := riskDuties(t, db, ctx, added.ID)
		if len(ds) != 1 || ds[0].Kind != duties.RiskReview || !ds[0].Open() || !ds[0].DueAt.Equal(duties.EndOfDay(r.ReviewOn)) ||
			ds[0].Path != paths.Risk.URL(w.Person.ID, w.EpisodeID, added.ID) {
			t.Errorf("duties %+v", ds)
		}

		t.Run("another council cannot see or change it", func(t *testing.T) {
			outside := peopletest.As(b.Staff[councils.Practitioner])
			if _, _, err := s.Risk(outside, w.Person.ID, w.EpisodeID, added.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("read from council B: %v", err)
			}
			ch := got
			if err := s.Update(outside, ch); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("changed from council B: %v", err)
			}
		})

		t.Run("a changed review date moves the duty; a stale change is a conflict", func(t *testing.T) {
			ch := got
			ch.ReviewOn = dbtest.Date("2025-04-01")
			if err := s.Update(ctx, ch); err != nil {
				t.Fatal(err)
			}
			ds := riskDuties(t, db, ctx, added.ID)
			if len(ds) != 1 || !ds[0].DueAt.Equal(duties.EndOfDay(dbtest.Date("2025-04-01"))) {
				t.Errorf("duties after the change %+v", ds)
			}
			ch.What = "Something else"
			if err := s.Update(ctx, ch); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("stale change: %v", err)
			}
		})

		_, got, _ = s.Risk(ctx, w.Person.ID, w.EpisodeID, added.ID)
		now = planstest.Clock.AddDate(0, 1, 0)
		t.Run("a review meets the duty and raises the next", func(t *testing.T) {
			rv := risks.Review{On: sqldb.UKDate(now), WhatHappened: "No falls", Result: risks.Reduced, NextReviewOn: dbtest.Date("2025-09-01")}
			if _, err := s.RecordReview(ctx, w.Person.ID, w.EpisodeID, added.ID, rv, got.Version-1); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("stale review: %v", err)
			}
			if _, err := s.RecordReview(ctx, w.Person.ID, w.EpisodeID, added.ID, rv, got.Version); err != nil {
				t.Fatal(err)
			}
			ds := riskDuties(t, db, ctx, added.ID)
			var open, met int
			for _, d := range ds {
				if d.Open() {
					open++
					if !d.DueAt.Equal(duties.EndOfDay(dbtest.Date("2025-09-01"))) {
						t.Errorf("next review due %v", d.DueAt)
					}
				} else {
					met++
				}
			}
			if open != 1 || met != 1 {
				t.Errorf("duties after the review %+v", ds)
			}
			_, again, _ := s.Risk(ctx, w.Person.ID, w.EpisodeID, added.ID)
			if again.Status != risks.Reduced || again.ReviewOn != dbtest.Date("2025-09-01") || len(again.Reviews) != 1 {
				t.Errorf("after the review %+v", again)
			}
			closed := risks.Review{On: sqldb.UKDate(now), WhatHappened: "Ada has stopped going alone", Result: risks.Closed}
			if _, err := s.RecordReview(ctx, w.Person.ID, w.EpisodeID, added.ID, closed, again.Version); err != nil {
				t.Fatal(err)
			}
			for _, d := range riskDuties(t, db, ctx, added.ID) {
				if d.Open() {
					t.Errorf("a closed risk keeps a duty open: %+v", d)
				}
			}
			_, done, _ := s.Risk(ctx, w.Person.ID, w.EpisodeID, added.ID)
			if _, err := s.RecordReview(ctx, w.Person.ID, w.EpisodeID, added.ID, rv, done.Version); err == nil {
				t.Error("reviewed a closed risk")
			}
			if err := s.Update(ctx, done); err == nil {
				t.Error("changed a closed risk")
			}
		})

		t.Run("every change is in the chronology", func(t *testing.T) {
			_, events, err := chronology.NewStore(db).List(ctx, w.Person.ID, []chronology.Kind{chronology.Risk})
			if err != nil {
				t.Fatal(err)
			}
			var summaries []string
			for _, e := range events {
				summaries = append(summaries, e.Summary)
			}
			joined := strings.Join(summaries, "\n")
			for _, want := range []string{"Risk recorded: Ada walks to the allotment", "Risk changed:", "Risk reviewed:", "Reduced", "Closed"} {
				if !strings.Contains(joined, want) {
					t.Errorf("chronology lacks %q:\n%s", want, joined)
				}
			}
		})
	})
}
