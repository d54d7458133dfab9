package accesslog_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAViewIsWrittenAfterItsReadsAndBeforeItAnswers: a read-only unit of work writes its entry in the short write
// that follows its reads, and ReadTx has committed it by the time it returns; if that write fails, so does the
// read, so that no view goes unrecorded.
func TestAViewIsWrittenAfterItsReadsAndBeforeItAnswers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := setUp(t, db)
		store := accesslog.NewStore(db)
		err := db.ReadTx(a, func(tx *sqldb.Tx) error {
			if err := accesslog.Record(a, tx, "p1", accesslog.View, ""); err != nil {
				return err
			}
			// Inside the reads the entry is not written yet: it waits for them to commit.
			var n int
			if err := tx.QueryRowContext(a, `SELECT count(*) FROM access_log_pending WHERE council_id = $1`, tx.Council()).Scan(&n); err != nil {
				return err
			}
			if n != 0 {
				t.Errorf("the entry was written inside the read-only transaction (%d rows)", n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := store.Waiting(a); err != nil || n != 1 {
			t.Fatalf("after the read returned, %d entries wait (%v), want 1", n, err)
		}
		got, err := store.Search(a, accesslog.Filter{PersonID: "p1"})
		if err != nil || len(got) != 1 || got[0].Seq != 0 || got[0].Action != accesslog.View {
			t.Errorf("a waiting entry is shown by the search as %+v (%v), want one view without a sequence number", got, err)
		}

		// A read whose entry cannot be written fails: here the entry's council does not exist.
		ghost := sqldb.WithCouncil(a, "no-such-council")
		err = db.ReadTx(ghost, func(tx *sqldb.Tx) error { return accesslog.Record(ghost, tx, "p2", accesslog.View, "") })
		if err == nil {
			t.Error("a read whose access-log entry could not be written succeeded")
		}

		// A read that fails writes nothing.
		boom := errors.New("the page failed")
		err = db.ReadTx(a, func(tx *sqldb.Tx) error {
			if err := accesslog.Record(a, tx, "p3", accesslog.View, ""); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("ReadTx returned %v, want the page's error", err)
		}
		if n, _ := store.Waiting(a); n != 1 {
			t.Errorf("a failed read left its entry: %d waiting, want 1", n)
		}
	})
}

// TestSealingKeepsTheOrderEntriesWereWritten: the chain lists entries in the order they were written, across many
// batches, and a verify after sealing covers them all.
func TestSealingKeepsTheOrderEntriesWereWritten(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := setUp(t, db)
		const n = 1203 // more than two sealing batches
		err := db.InTx(a, func(tx *sqldb.Tx) error {
			for i := range n {
				if err := accesslog.Record(a, tx, fmt.Sprintf("p%04d", i), accesslog.View, ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		record(t, db, b, "q1", accesslog.View)
		store := accesslog.NewStore(db)
		if sealed, err := store.Seal(a); err != nil || sealed != n {
			t.Fatalf("sealed %d (%v), want %d", sealed, err, n)
		}
		r, err := store.Verify(a)
		if err != nil || r.Broken || r.Entries != n || r.Waiting != 0 {
			t.Fatalf("after sealing: %+v (%v)", r, err)
		}
		entries, err := store.Search(a, accesslog.Filter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range entries { // newest first
			if want := fmt.Sprintf("p%04d", n-1-i); e.PersonID != want || e.Seq != int64(n-i) {
				t.Fatalf("entry %d of the search is %s at %d, want %s at %d", i, e.PersonID, e.Seq, want, n-i)
			}
		}
		// Council B's entry waits for its own council's seal: sealing A does not reach across the wall.
		if r, _ := store.Verify(b); r.Entries != 0 || r.Waiting != 1 {
			t.Errorf("council B after sealing A: %+v, want its one entry still waiting", r)
		}
		if sealed, err := store.SealAll(context.Background()); err != nil || sealed != 1 {
			t.Errorf("SealAll sealed %d (%v), want council B's 1", sealed, err)
		}
	})
}

// TestSealersTakeTurns: two sealers at once (the server's and `accesslog verify`) never seal an entry twice or
// fork the chain, while views go on being written.
func TestSealersTakeTurns(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := setUp(t, db)
		store := accesslog.NewStore(db)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 25 {
					errs <- db.ReadTx(a, func(tx *sqldb.Tx) error {
						return accesslog.Record(a, tx, fmt.Sprintf("w%d-%d", w, i), accesslog.View, "")
					})
				}
			}()
		}
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 10 {
					if _, err := store.Seal(a); err != nil {
						errs <- err
					}
				}
			}()
		}
		go func() { wg.Wait(); close(errs) }()
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := store.Seal(a); err != nil {
			t.Fatal(err)
		}
		r, err := store.Verify(a)
		if err != nil || r.Broken || r.Entries != 100 || r.Waiting != 0 {
			t.Errorf("after 100 views and two sealers: %+v (%v), want 100 entries, intact, none waiting", r, err)
		}
	})
}

// TestVerifyFindsADeletedOrInsertedEntry: the chain's promises hold for sealed entries: an entry removed from the
// middle, or one slipped in, breaks it where it happened.
func TestVerifyFindsADeletedOrInsertedEntry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, change, problem string
		at                    int64
	}{
		{"deleted", `DELETE FROM access_log WHERE council_id = $1 AND seq = 2`, "missing", 3},
		{"inserted", `INSERT INTO access_log (council_id, seq, at, actor, person_id, action, channel, route, prev_hash, hash)
			SELECT council_id, 4, at, actor, 'someone', action, channel, route, hash, 'made-up' FROM access_log WHERE council_id = $1 AND seq = 3`, "altered", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
				a, _ := setUp(t, db)
				for _, p := range []string{"p1", "p2", "p3"} {
					record(t, db, a, p, accesslog.View)
				}
				store := accesslog.NewStore(db)
				if _, err := store.Seal(a); err != nil {
					t.Fatal(err)
				}
				disable := []string{`DROP TRIGGER access_log_no_delete`}
				if db.Engine() == sqldb.Postgres {
					disable = []string{`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change`}
				}
				err := db.InTx(a, func(tx *sqldb.Tx) error {
					for _, d := range disable {
						if _, err := tx.ExecContext(a, d); err != nil {
							return err
						}
					}
					_, err := tx.ExecContext(a, tc.change, tx.Council())
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				r, err := store.Verify(a)
				if err != nil {
					t.Fatal(err)
				}
				if !r.Broken || r.At != tc.at || !strings.Contains(r.Problem, tc.problem) {
					t.Errorf("after an entry was %s: %+v, want broken at %d (%s)", tc.name, r, tc.at, tc.problem)
				}
			})
		})
	}
}

// TestTheSealerSealsOnItsOwnAndOnStopping: the server's sealer links entries within a moment, and seals what is
// left when it stops.
func TestTheSealerSealsOnItsOwnAndOnStopping(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := setUp(t, db)
		store := accesslog.NewStore(db)
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { store.Sealer(ctx, 20*time.Millisecond, slog.New(slog.DiscardHandler)); close(done) }()
		record(t, db, a, "p1", accesslog.View)
		deadline := time.Now().Add(10 * time.Second)
		for {
			r, err := store.Verify(a)
			if err != nil {
				t.Fatal(err)
			}
			if r.Entries == 1 && r.Waiting == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the sealer has not sealed the entry: %+v", r)
			}
			time.Sleep(10 * time.Millisecond)
		}
		stop()
		record(t, db, a, "p2", accesslog.View) // written as the server stops
		<-done
		// The sealer stopped before or after p2 was written; either way nothing is lost: it waits, or is sealed.
		r, err := store.Verify(a)
		if err != nil || r.Broken || r.Entries+r.Waiting != 2 {
			t.Errorf("after stopping: %+v (%v), want 2 entries sealed or waiting", r, err)
		}
	})
}
