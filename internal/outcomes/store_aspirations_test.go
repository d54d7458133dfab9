package outcomes_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestAspirationsListsThePersonsHopes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		home := peopletest.NewCouncil(t, db, "E06000911")
		other := peopletest.NewCouncil(t, db, "E06000912")
		worker := home.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(home.North.ID))
		store := outcomes.NewStore(db)
		episode := conversationstest.InsertEpisode(t, db, home.Council.ID, p.ID)
		short, err := store.AddAspiration(peopletest.As(worker), outcomes.Aspiration{PersonID: p.ID, EpisodeID: episode, Term: outcomes.ShortTerm, Words: "Get to the shops"})
		if err != nil {
			t.Fatal(err)
		}
		long, err := store.AddAspiration(peopletest.As(worker), outcomes.Aspiration{PersonID: p.ID, Term: outcomes.LongTerm, Words: "Live at home"})
		if err != nil {
			t.Fatal(err)
		}

		before := peopletest.Logged(t, db, home.Council.ID, p.ID)
		got, err := store.Aspirations(peopletest.As(worker), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != short.ID || got[1].ID != long.ID || got[0].EpisodeID != episode || got[1].Version != 1 {
			t.Errorf("aspirations = %+v", got)
		}
		if added := peopletest.Logged(t, db, home.Council.ID, p.ID)[len(before):]; !slices.Equal(added, []accesslog.Action{accesslog.View}) {
			t.Errorf("access log gained %v, want one view", added)
		}

		before = peopletest.Logged(t, db, home.Council.ID, p.ID)
		if _, err := store.Aspirations(peopletest.As(other.Staff[councils.Practitioner]), p.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v, want ErrNotFound", err)
		}
		if added := peopletest.Logged(t, db, home.Council.ID, p.ID)[len(before):]; len(added) != 0 {
			t.Errorf("access log gained %v for a refused list", added)
		}
	})
}
