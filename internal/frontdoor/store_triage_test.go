package frontdoor_test

import (
	"github.com/golden-thread/goldenthread/internal/accesslog"
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// TestTakenUpContactsLeaveTheTriageList takes up contacts in each way a practitioner can and checks the list of
// contacts to triage drops them at once, keeps the one nobody has touched, and reads no person's record to do it.
func TestTakenUpContactsLeaveTheTriageList(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db, nil)
		worker := f.a.Staff[councils.Practitioner]
		ctx := peopletest.As(worker)
		cs := conversations.NewStore(db)
		today := db.Today()
		tests := []struct {
			name   string
			takeUp func(t *testing.T, ep conversations.Episode) error // nil: left alone
		}{
			{"left alone", nil},
			{"a conversation in step 1", func(t *testing.T, ep conversations.Episode) error {
				_, err := cs.AddConversation(ctx, conversations.Conversation{PersonID: ep.PersonID, EpisodeID: ep.ID, Step: conversations.Step1,
					HeldOn: today, Method: conversations.Phone, Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to stay at home"}}})
				return err
			}},
			{"a strength", func(t *testing.T, ep conversations.Episode) error {
				_, err := strengths.NewStore(db).Add(ctx, strengths.Strength{PersonID: ep.PersonID, EpisodeID: ep.ID, Kind: strengths.Network, PersonWords: "My son visits daily"})
				return err
			}},
			{"an outcome", func(t *testing.T, ep conversations.Episode) error {
				_, err := outcomes.NewStore(db).AddOutcome(ctx, outcomes.Outcome{PersonID: ep.PersonID, EpisodeID: ep.ID, Different: "Cook my own tea", Importance: 3, Difficulty: 2})
				return err
			}},
			{"step 1 decided not needed", func(t *testing.T, ep conversations.Episode) error {
				r := ep.StepOf(conversations.Step1)
				r.Status, r.Reason = conversations.NotNeeded, "The hospital sent everything we need"
				return cs.SetStep(ctx, ep.PersonID, ep.ID, r)
			}},
			{"resolved", func(t *testing.T, ep conversations.Episode) error {
				return cs.End(ctx, ep.PersonID, ep.ID, conversations.Ending{Step: conversations.Step1, Result: codelists.EventOutcomeInformationAdvice}, ep.Version)
			}},
		}
		want := map[string]bool{}
		var everyone []string
		for i, tt := range tests {
			p := peopletest.MustCreate(t, db, worker, peopletest.Person(f.a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = string(rune('A'+i))+"da", "" }))
			everyone = append(everyone, p.ID)
			ep := conversationstest.MustOpenEpisode(t, db, worker, p.ID)
			if tt.takeUp == nil {
				want[ep.ID] = true
				continue
			}
			if err := tt.takeUp(t, ep); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
		}
		var before [][]accesslog.Action
		for _, id := range everyone {
			before = append(before, f.logged(t, id))
		}
		list, err := f.store.Contacts(f.advice)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, c := range list {
			got[c.EpisodeID] = true
		}
		for i, id := range everyone {
			f.expectLog(t, id, before[i]) // the list opens nobody's record
		}
		if len(got) != len(want) {
			t.Errorf("to triage: %+v, want only the contact left alone", list)
		}
		for id := range want {
			if !got[id] {
				t.Errorf("the contact nobody has taken up is missing from the list: %+v", list)
			}
		}
		if other, err := f.store.Contacts(f.outside); err != nil || len(other) != 0 {
			t.Errorf("council B's contacts to triage = %+v, %v; want none", other, err)
		}
	})
}
