package people_test

import (
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestOpenModesAndEpisodes: Peek applies the rule without an entry, LogRelated gives the relationship as the
// reason, and an episode named must be the person's.
func TestOpenModesAndEpisodes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		worker := a.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		other := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		episode := conversationstest.MustOpenEpisode(t, db, worker, p.ID).ID
		othersEpisode := conversationstest.MustOpenEpisode(t, db, worker, other.ID).ID
		tests := []struct {
			name      string
			as        councils.Staff
			episodeID string
			mode      people.Mode
			wantErr   error
			logged    bool
			reason    string
		}{
			{"logged with the episode", worker, episode, people.Log, nil, true, ""},
			{"peeked", worker, episode, people.Peek, nil, false, ""},
			{"peek still applies the rule", a.SouthWorker, "", people.Peek, people.ErrBreakGlassNeeded, false, ""},
			{"another person's episode", worker, othersEpisode, people.Log, sqldb.ErrNotFound, false, ""},
			{"another person's episode, peeked", worker, othersEpisode, people.Peek, sqldb.ErrNotFound, false, ""},
			{"a relationship opens without allocation", a.SouthWorker, "", people.LogRelated("test relationship"), nil, true, "test relationship"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := logCount(t, db, worker, p.ID)
				ctx := peopletest.As(tt.as)
				err := db.InTx(ctx, func(tx *sqldb.Tx) error {
					got, err := people.Open(ctx, tx, p.ID, tt.episodeID, tt.mode, accesslog.View)
					if err == nil && got.ID != p.ID {
						t.Errorf("opened %q, want %q", got.ID, p.ID)
					}
					return err
				})
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Open: %v, want %v", err, tt.wantErr)
				}
				if got := logCount(t, db, worker, p.ID) - before; (got == 1) != tt.logged || got > 1 {
					t.Fatalf("access log gained %d entries, want logged=%v", got, tt.logged)
				}
				if tt.logged {
					es, err := accesslog.NewStore(db).Search(peopletest.As(worker), accesslog.Filter{PersonID: p.ID, Limit: 1})
					if err != nil {
						t.Fatal(err)
					}
					if es[0].Reason != tt.reason {
						t.Errorf("reason %q, want %q", es[0].Reason, tt.reason)
					}
				}
			})
		}
	})
}
