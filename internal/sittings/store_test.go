package sittings_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// fixture is a council A practitioner's person with an open episode, and a practitioner of council B.
type fixture struct {
	db               *sqldb.DB
	store            *sittings.Store
	worker, other    context.Context
	council          string
	person           people.Person
	episode, another string // two of the person's episodes
	a                peopletest.Council
}

func setUp(t *testing.T, db *sqldb.DB) fixture {
	t.Helper()
	a, b := peopletest.TwoCouncils(t, db)
	worker := a.Staff[councils.Practitioner]
	p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
	return fixture{db: db, store: sittings.NewStore(db), worker: peopletest.As(worker), other: peopletest.As(b.Staff[councils.Practitioner]),
		council: a.Council.ID, person: p, a: a, episode: conversationstest.MustOpenEpisode(t, db, worker, p.ID).ID,
		another: conversationstest.InsertEpisode(t, db, a.Council.ID, p.ID)}
}

func (f fixture) logged(t *testing.T) []accesslog.Action {
	t.Helper()
	return peopletest.Logged(t, f.db, f.council, f.person.ID)
}

// count is the number of rows of each record a sitting saves, for the person.
func (f fixture) count(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	ctx := sqldb.WithCouncil(context.Background(), f.council)
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for _, table := range []string{"conversation", "strength", "person_network", "aspiration", "outcome", "solution", "person_event"} {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE council_id = $1 AND person_id = $2`, f.council, f.person.ID).Scan(&n); err != nil {
				return err
			}
			out[table] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// homeVisit is a home visit at Step 1 that finds two strengths, a son, a hope and a SMART outcome serving it with
// two solutions, one of them above information and advice.
func homeVisit(db *sqldb.DB) sittings.Sitting {
	today := db.Today()
	return sittings.Sitting{
		Conversation: conversations.Conversation{Step: conversations.Step(1), HeldOn: today, Method: conversations.Method("face_to_face"),
			Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to manage on my own again"}}},
		Strengths: []strengths.Strength{
			{Kind: strengths.Personal, PersonWords: "I have cooked for myself for sixty years"},
			{Kind: strengths.Network, PersonWords: "Ben pops in after work"},
		},
		Network: []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", Phone: "07700 900456"}},
		Hopes:   []outcomes.Aspiration{{Term: outcomes.LongTerm, Words: "To stay in my own home"}},
		Outcomes: []sittings.Outcome{{Hope: 1,
			Outcome: outcomes.Outcome{Different: "I get washed and dressed by myself", HowWeKnow: "Ben sees me dressed when he calls",
				ByWhen: sqldb.NewDate(today.AddDate(0, 3, 0)), WhoInvolved: "Me, Ben and the reablement team", Expected: "Dressed every day"},
			Solutions: []plans.Solution{
				{Rung: plans.Network, Description: "Ben helps with socks and shoes"},
				{Rung: plans.Reablement, Description: "Six weeks of reablement", LowerRungsReason: "Ben works full time"},
			}}},
	}
}

func TestASittingIsSavedTogetherAsTheRecordsItsPagesSave(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		before := f.logged(t)
		saved, err := f.store.Save(f.worker, f.person.ID, f.episode, homeVisit(db))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]accesslog.Action{accesslog.Create}, f.logged(t)[len(before):]); diff != "" {
			t.Errorf("access log of the sitting (-want +got):\n%s", diff)
		}
		if saved.Entries() != 7 {
			t.Errorf("the sitting has %d entries, want 7", saved.Entries())
		}
		got := f.count(t)
		want := map[string]int{"conversation": 1, "strength": 2, "person_network": 1, "aspiration": 1, "outcome": 1, "solution": 2}
		for table, n := range want {
			if got[table] != n {
				t.Errorf("%d %s rows, want %d", got[table], table, n)
			}
		}
		// The outcome serves the sitting's own hope, so it is SMART; the solutions serve it.
		board, err := outcomes.NewStore(db).Board(f.worker, f.person.ID, f.episode)
		if err != nil {
			t.Fatal(err)
		}
		if len(board.Outcomes) != 1 || board.Outcomes[0].AspirationID != saved.Hopes[0].ID || board.Outcomes[0].Status != outcomes.Active {
			t.Errorf("outcome as saved: %+v, want it active and serving hope %s", board.Outcomes, saved.Hopes[0].ID)
		}
		ladder, err := plans.NewStore(db).Ladder(f.worker, f.person.ID, f.episode)
		if err != nil {
			t.Fatal(err)
		}
		for _, sol := range ladder.Solutions {
			if !slices.Equal(sol.OutcomeIDs, []string{saved.Outcomes[0].ID}) {
				t.Errorf("solution %q serves %v, want the sitting's outcome", sol.Description, sol.OutcomeIDs)
			}
		}
		// Each record's own steps are started, as their pages start them.
		ep, err := conversations.NewStore(db).Episode(f.worker, f.person.ID, f.episode)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ep.Episode.Steps {
			if wantStarted := s.Step <= conversations.SolutionStep; (s.Status != conversations.NotStarted) != wantStarted {
				t.Errorf("step %d is %s after the sitting", s.Step, s.Status)
			}
		}

		// A later sitting finds solutions for the outcome already recorded.
		later := sittings.Sitting{
			Conversation: conversations.Conversation{Step: conversations.SolutionStep, HeldOn: db.Today(), Method: conversations.Method("phone"),
				Sections: []conversations.Section{{Heading: conversations.Solutions, PersonWords: "The lunch club would get me out"}}},
			Solutions: []plans.Solution{{Rung: plans.Community, Description: "Lunch club on Tuesdays", OutcomeIDs: []string{saved.Outcomes[0].ID}}},
		}
		if _, err := f.store.Save(f.worker, f.person.ID, f.episode, later); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t)["solution"]; n != 3 {
			t.Errorf("%d solutions after the later sitting, want 3", n)
		}
	})
}

func TestASittingWithAProblemSavesNothingAndNamesEveryEntryAtFault(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		otherOutcome, err := outcomes.NewStore(db).AddOutcome(f.worker, outcomes.Outcome{PersonID: f.person.ID, EpisodeID: f.another, Different: "Out to the shops"})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name   string
			change func(*sittings.Sitting)
			want   []string
		}{
			{"the conversation has no method", func(s *sittings.Sitting) { s.Conversation.Method = "" }, []string{"method"}},
			{"a strength of no kind", func(s *sittings.Sitting) { s.Strengths[1].Kind = "" }, []string{"strength_1_kind"}},
			{"someone who matters with no name", func(s *sittings.Sitting) { s.Network[0].Name = " " }, []string{"network_0_name"}},
			{"a hope with no words", func(s *sittings.Sitting) { s.Hopes[0].Words = "" }, []string{"hope_0_words"}},
			{"an outcome serving a hope that is not there", func(s *sittings.Sitting) { s.Outcomes[0].Hope = 2 }, []string{"outcome_0_aspiration_id"}},
			{"an outcome with nothing to say what will be different", func(s *sittings.Sitting) { s.Outcomes[0].Different = "" }, []string{"outcome_0_different"}},
			{"reablement with no reason the lower rungs cannot do", func(s *sittings.Sitting) { s.Outcomes[0].Solutions[1].LowerRungsReason = "" },
				[]string{"outcome_0_solution_1_lower_rungs_reason"}},
			{"two problems in two entries", func(s *sittings.Sitting) {
				s.Strengths[0].PersonWords = ""
				s.Outcomes[0].Solutions[0].Description = ""
			}, []string{"strength_0_person_words", "outcome_0_solution_0_description"}},
			// Found only once the records before it are written: the transaction takes them back.
			{"a solution for another episode's outcome", func(s *sittings.Sitting) {
				s.Solutions = []plans.Solution{{Rung: plans.OwnStrengths, Description: "Walks to the shop", OutcomeIDs: []string{otherOutcome.ID}}}
			}, []string{"solution_0_outcome_ids"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before, rows := f.logged(t), f.count(t)
				s := homeVisit(db)
				tc.change(&s)
				_, err := f.store.Save(f.worker, f.person.ID, f.episode, s)
				ps, ok := validation.AsProblems(err)
				if !ok {
					t.Fatalf("saved with a problem: %v", err)
				}
				var fields []string
				for _, p := range ps {
					fields = append(fields, p.Field)
				}
				if diff := cmp.Diff(tc.want, fields); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(rows, f.count(t)); diff != "" {
					t.Errorf("rows changed (-before +after):\n%s", diff)
				}
				if diff := cmp.Diff(before, f.logged(t)); diff != "" {
					t.Errorf("access log changed (-before +after):\n%s", diff)
				}
			})
		}
	})
}

func TestASittingStaysInsideItsCouncil(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		before, rows := f.logged(t), f.count(t)
		if _, err := f.store.Save(f.other, f.person.ID, f.episode, homeVisit(db)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's practitioner saved a sitting: %v", err)
		}
		if _, err := f.store.Setting(f.other, f.person.ID, f.episode, conversations.Conversation{}.Model, people.Log); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's practitioner read the setting: %v", err)
		}
		if diff := cmp.Diff(rows, f.count(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(before, f.logged(t)); diff != "" {
			t.Errorf("access log changed (-before +after):\n%s", diff)
		}

		// The council's own practitioner reads it, with one view logged, and not through another person's episode.
		set, err := f.store.Setting(f.worker, f.person.ID, f.episode, conversations.Conversation{}.Model, people.Log)
		if err != nil {
			t.Fatal(err)
		}
		if set.Person.ID != f.person.ID || set.Episode.ID != f.episode || len(set.Model.Headings) == 0 {
			t.Errorf("setting: person %s, episode %s, %d headings", set.Person.ID, set.Episode.ID, len(set.Model.Headings))
		}
		if diff := cmp.Diff([]accesslog.Action{accesslog.View}, f.logged(t)[len(before):]); diff != "" {
			t.Errorf("access log of the setting (-want +got):\n%s", diff)
		}
		someoneElse := peopletest.MustCreate(t, db, f.a.Staff[councils.Practitioner], peopletest.Person(f.a.North.ID))
		if _, err := f.store.Save(f.worker, someoneElse.ID, f.episode, homeVisit(db)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a sitting was saved in another person's episode: %v", err)
		}
		if n := f.count(t)["conversation"]; n != 0 {
			t.Errorf("%d conversations saved", n)
		}
	})
}
