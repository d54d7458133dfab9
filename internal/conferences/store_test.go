package conferences_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestConferenceStore(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		ctx := peopletest.As(a.Staff[councils.Practitioner])
		s := conferences.NewStore(db)

		noConsent := referral()
		noConsent.Consent = false
		before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
		if _, err := s.Refer(ctx, w.Person.ID, w.EpisodeID, noConsent); err == nil {
			t.Fatal("referred without consent")
		}
		c, err := s.Refer(ctx, w.Person.ID, w.EpisodeID, referral())
		if err != nil {
			t.Fatal(err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; !slices.Equal(got, []accesslog.Action{accesslog.Create}) {
			t.Errorf("referring logged %v", got)
		}
		if _, err := s.Conference(peopletest.As(b.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, c.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read: %v", err)
		}

		m := conferences.Meeting{HeldOn: dbtest.Date("2025-03-03"), PrivateTimeGiven: "no",
			Items: []conferences.Item{{What: "Sunday lunch at Cara's", Who: "Cara", ByWhen: "Every Sunday"},
				{What: "Lifts to the allotment", Who: "Tom, the neighbour", ByWhen: "Saturdays"}}, ReviewOn: dbtest.Date("2025-06-03")}
		if err := s.RecordHeld(ctx, w.Person.ID, w.EpisodeID, c.ID, m, c.Version); err == nil {
			t.Fatal("held without private time")
		}
		m.PrivateTimeGiven, m.PrivateTimeNote = "yes", "An hour after lunch"
		if err := s.RecordHeld(ctx, w.Person.ID, w.EpisodeID, c.ID, m, c.Version+1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale: %v", err)
		}
		if err := s.RecordHeld(ctx, w.Person.ID, w.EpisodeID, c.ID, m, c.Version); err != nil {
			t.Fatal(err)
		}
		page, err := s.Conference(ctx, w.Person.ID, w.EpisodeID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := page.Conferences[0]
		if got.Stage() != conferences.Held || !got.PrivateTime || len(got.Items) != 2 || got.Items[1].Who != "Tom, the neighbour" ||
			got.InviteesText() != "Cara Lovelace (Daughter), Tom Byron (Neighbour)" {
			t.Errorf("held %+v", got)
		}

		t.Run("an item of the family's plan becomes a network solution", func(t *testing.T) {
			if _, err := s.AddToSupportPlan(ctx, w.Person.ID, w.EpisodeID, c.ID, got.Items[0].ID, nil); err == nil {
				t.Error("added serving no outcome")
			}
			sol, err := s.AddToSupportPlan(ctx, w.Person.ID, w.EpisodeID, c.ID, got.Items[0].ID, []string{w.Outcomes[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			ladder, err := plans.NewStore(db).Ladder(ctx, w.Person.ID, w.EpisodeID)
			if err != nil {
				t.Fatal(err)
			}
			onLadder, ok := ladder.Solution(sol.ID)
			if !ok || onLadder.Rung != plans.Network || onLadder.FamilyPlanItemID != got.Items[0].ID || onLadder.Description != "Sunday lunch at Cara's" ||
				onLadder.WhoWhen != "Cara, Every Sunday" || !slices.Equal(onLadder.OutcomeIDs, []string{w.Outcomes[0].ID}) {
				t.Errorf("on the ladder %+v", onLadder)
			}
			page, _ := s.Conference(ctx, w.Person.ID, w.EpisodeID, c.ID)
			if page.Conferences[0].Items[0].SolutionID != sol.ID {
				t.Errorf("the item does not link back: %+v", page.Conferences[0].Items[0])
			}
			_, err = s.AddToSupportPlan(ctx, w.Person.ID, w.EpisodeID, c.ID, got.Items[0].ID, []string{w.Outcomes[0].ID})
			if _, ok := validation.AsProblems(err); !ok {
				t.Errorf("added twice: %v", err)
			}
		})

		page, _ = s.Conference(ctx, w.Person.ID, w.EpisodeID, c.ID)
		got = page.Conferences[0]
		rv := conferences.Review{On: dbtest.Date("2025-03-03"), Note: "Sunday lunches every week; lifts changed to fortnightly",
			Results: map[string]conferences.ItemResult{got.Items[0].ID: conferences.Kept, got.Items[1].ID: conferences.Changed},
			Notes:   map[string]string{got.Items[1].ID: "Tom works some Saturdays"}}
		if err := s.RecordReview(ctx, w.Person.ID, w.EpisodeID, c.ID, rv, got.Version); err != nil {
			t.Fatal(err)
		}
		page, _ = s.Conference(ctx, w.Person.ID, w.EpisodeID, c.ID)
		if g := page.Conferences[0]; g.Stage() != conferences.Reviewed || g.Items[1].Result != conferences.Changed || g.Items[1].ResultNote != "Tom works some Saturdays" {
			t.Errorf("reviewed %+v", g)
		}

		_, events, err := chronology.NewStore(db).List(ctx, w.Person.ID, []chronology.Kind{chronology.FamilyConference})
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, e := range events {
			lines = append(lines, e.Summary)
		}
		joined := strings.Join(lines, "\n")
		for _, want := range []string{"Referred for a family group conference, with their consent", "held, with the family’s private time",
			"into the support plan: Sunday lunch", "1 of 2 items kept to"} {
			if !strings.Contains(joined, want) {
				t.Errorf("chronology lacks %q:\n%s", want, joined)
			}
		}
	})
}
