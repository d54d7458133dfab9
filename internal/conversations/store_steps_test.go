package conversations_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// TestStepsFollowTheWork records each kind of work in a fresh episode and checks that the step it belongs to is
// marked in progress in the same change, with one access-log entry for the record and none for the step, and that
// the episode's position reads the work back.
func TestStepsFollowTheWork(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		today := db.Today()
		outcome := func(epID string) outcomes.Outcome {
			return outcomes.Outcome{PersonID: f.person.ID, EpisodeID: epID, Different: "I get to the allotment every week", Importance: 3, Difficulty: 2}
		}
		tests := []struct {
			name   string
			step   conversations.Step
			record func(t *testing.T, epID string) error
			log    []accesslog.Action
		}{
			{"a conversation in step 2", conversations.Step2, func(t *testing.T, epID string) error {
				_, err := f.store.AddConversation(f.ctx, conversations.Conversation{PersonID: f.person.ID, EpisodeID: epID, Step: conversations.Step2,
					HeldOn: today, Method: conversations.Phone, Sections: []conversations.Section{{Heading: conversations.Solutions, PersonWords: "The lunch club"}}})
				return err
			}, []accesslog.Action{accesslog.Create}},
			{"a strength", conversations.StrengthStep, func(t *testing.T, epID string) error {
				_, err := strengths.NewStore(db).Add(f.ctx, strengths.Strength{PersonID: f.person.ID, EpisodeID: epID, Kind: strengths.Personal, PersonWords: "I grow vegetables"})
				return err
			}, []accesslog.Action{accesslog.Update}},
			{"an outcome", conversations.OutcomeStep, func(t *testing.T, epID string) error {
				_, err := outcomes.NewStore(db).AddOutcome(f.ctx, outcome(epID))
				return err
			}, []accesslog.Action{accesslog.Create}},
			{"a draft support plan", conversations.PlanStep, func(t *testing.T, epID string) error {
				_, _, err := plans.NewPlanStore(db).NewDraft(f.ctx, f.person.ID, epID)
				return err
			}, []accesslog.Action{accesslog.Create}},
		}
		for _, tt := range tests {
			ep := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)
			before := f.logged(t)
			if err := tt.record(t, ep.ID); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			f.expectLog(t, before, tt.log...)
			rec, err := f.store.Episode(f.ctx, f.person.ID, ep.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range conversations.Steps() {
				want := conversations.NotStarted
				if s == tt.step {
					want = conversations.InProgress
				}
				if got := rec.Episode.StepOf(s); got.Status != want {
					t.Errorf("%s: step %d is %s, want %s", tt.name, s, got.Status, want)
				}
			}
			if rec.Episode.WorkStep != tt.step || rec.Episode.Position().Current() != tt.step {
				t.Errorf("%s: work read back in step %d, position %q", tt.name, rec.Episode.WorkStep, rec.Episode.Position().Text())
			}
		}

		// More work in a step already under way leaves it as it is: one change, one chronology event.
		ep := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)
		c := conversations.Conversation{PersonID: f.person.ID, EpisodeID: ep.ID, Step: conversations.Step1, HeldOn: today,
			Method: conversations.FaceToFace, Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to stay at home"}}}
		for range 2 {
			if _, err := f.store.AddConversation(f.ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		rec, err := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.Episode.StepOf(conversations.Step1); got.Status != conversations.InProgress || got.Version != 2 {
			t.Errorf("step 1 after two conversations = %+v, want in progress at version 2", got)
		}
		started := 0
		for _, e := range f.events(t) {
			if e == "step: Step 1, gather information: in progress" {
				started++
			}
		}
		if started != 2 {
			t.Errorf("%d chronology events for step 1 starting, want 2 (one for the strength's episode, one for this)", started)
		}

		// Another council's conversation changes no step.
		if _, err := f.store.AddConversation(f.outside, conversations.Conversation{PersonID: f.person.ID, EpisodeID: ep.ID, Step: conversations.Step3,
			HeldOn: today, Method: conversations.Phone, Sections: c.Sections}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council recorded a conversation: %v", err)
		}

		// The ending form's step: an outcome in step 2 refuses an ending at step 1 and nothing changes.
		if _, err := outcomes.NewStore(db).AddOutcome(f.ctx, outcome(ep.ID)); err != nil {
			t.Fatal(err)
		}
		rec, _ = f.store.Episode(f.ctx, f.person.ID, ep.ID)
		before := f.logged(t)
		early := conversations.Ending{Step: conversations.Step1, Result: codelists.EventOutcomeSupportDeclined}
		if err := f.store.End(f.ctx, f.person.ID, ep.ID, early, rec.Episode.Version); !slices.Equal(fields(err), []string{"step"}) {
			t.Errorf("an ending before the work: %v, want a problem with the step", err)
		}
		f.expectLog(t, before) // the refused change is rolled back with its entry
		again, _ := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if again.Episode.Ended() || again.Episode.Version != rec.Episode.Version {
			t.Errorf("a refused ending changed the episode: %+v", again.Episode)
		}

		// Ended at step 2: the steps in progress are completed, steps 3 and 4 were never reached, and a conversation
		// after the ending changes no step.
		end := conversations.Ending{Step: conversations.Step2, Result: codelists.EventOutcomeSupportDeclined}
		if err := f.store.End(f.ctx, f.person.ID, ep.ID, end, rec.Episode.Version); err != nil {
			t.Fatal(err)
		}
		late := c
		late.Step = conversations.Step4
		if _, err := f.store.AddConversation(f.ctx, late); err != nil {
			t.Fatal(err)
		}
		rec, _ = f.store.Episode(f.ctx, f.person.ID, ep.ID)
		reason := "The episode ended at step 2: support declined"
		want := []conversations.StepStatus{conversations.Completed, conversations.Completed, conversations.NotNeeded, conversations.NotNeeded}
		for i, s := range rec.Episode.Steps {
			if s.Status != want[i] || (s.Status == conversations.NotNeeded && s.Reason != reason) {
				t.Errorf("step %d after the ending = %+v, want %s", s.Step, s, want[i])
			}
		}
		if got := rec.Episode.Position().Text(); got != "Ended at step 2: Develop ideas" {
			t.Errorf("position = %q", got)
		}
	})
}
