package conversations_test

import (
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestEpisodesLogsOneView(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		first := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)
		second := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)

		before := f.logged(t)
		got, err := f.store.Episodes(f.ctx, f.person.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.View)
		if len(got) != 2 || got[0].ID != second.ID || got[1].ID != first.ID {
			t.Fatalf("episodes = %+v, want the second then the first", got)
		}
		if len(got[0].Steps) != 4 || got[0].Contact.Reason == "" {
			t.Errorf("episode read without its steps or contact: %+v", got[0])
		}

		before = f.logged(t)
		if _, err := f.store.Episodes(f.outside, f.person.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v, want ErrNotFound", err)
		}
		south := peopletest.As(f.a.SouthWorker)
		if _, err := f.store.Episodes(south, f.person.ID); !errors.Is(err, people.ErrBreakGlassNeeded) {
			t.Errorf("outside the allocation: %v, want ErrBreakGlassNeeded", err)
		}
		f.expectLog(t, before)
	})
}
