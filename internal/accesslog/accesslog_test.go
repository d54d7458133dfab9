package accesslog_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// setUp makes two councils with one member of staff each, and returns contexts signed in as each.
func setUp(t *testing.T, db *sqldb.DB) (a, b context.Context) {
	t.Helper()
	ctx := context.Background()
	s := councils.NewStore(db)
	var out []context.Context
	for i, code := range []string{"E06000901", "E06000902"} {
		c, err := s.CreateCouncil(ctx, code, "Council "+code)
		if err != nil {
			t.Fatal(err)
		}
		cctx := sqldb.WithCouncil(ctx, c.ID)
		st, err := s.CreateStaff(cctx, councils.NewStaff{Email: "worker" + code + "@example.org", Name: []string{"Alex Able", "Bo Baker"}[i], Role: councils.Practitioner})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, accesslog.WithRoute(councils.WithStaff(ctx, st), accesslog.Page, "GET /people/{id}"))
	}
	return out[0], out[1]
}

func record(t *testing.T, db *sqldb.DB, ctx context.Context, person string, action accesslog.Action) {
	t.Helper()
	if err := db.InTx(ctx, func(tx *sqldb.Tx) error { return accesslog.Record(ctx, tx, person, action, "") }); err != nil {
		t.Fatal(err)
	}
}

func TestChainVerifiesAndFindsTampering(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := setUp(t, db)
		for _, p := range []string{"p1", "p2", "p3", "p4"} {
			record(t, db, a, p, accesslog.View)
		}
		record(t, db, b, "q1", accesslog.Update)
		store := accesslog.NewStore(db)
		r, err := store.Verify(a)
		if err != nil {
			t.Fatal(err)
		}
		if r.Broken || r.Entries != 0 || r.Waiting != 4 {
			t.Fatalf("before sealing: %+v, want 4 entries waiting and none in the chain", r)
		}
		if n, err := store.Seal(a); err != nil || n != 4 {
			t.Fatalf("sealed %d entries (%v), want 4", n, err)
		}
		if r, err = store.Verify(a); err != nil {
			t.Fatal(err)
		}
		if r.Broken || r.Entries != 4 || r.Waiting != 0 {
			t.Fatalf("untouched chain: %+v, want 4 entries and no break", r)
		}
		entries, err := store.Search(a, accesslog.Filter{PersonID: "p2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Actor != "Alex Able <workere06000901@example.org>" || entries[0].Route != "GET /people/{id}" || entries[0].Channel != accesslog.Page {
			t.Errorf("entries for p2 = %+v", entries)
		}
		if got, _ := store.Search(b, accesslog.Filter{PersonID: "p2"}); len(got) != 0 {
			t.Errorf("another council sees %d entries about council A's person", len(got))
		}

		// Someone with direct access to the database switches off the append-only guard and edits an entry.
		disable := `DROP TRIGGER access_log_no_update`
		if db.Engine() == sqldb.Postgres {
			disable = `ALTER TABLE access_log DISABLE TRIGGER access_log_no_change`
		}
		err = db.InTx(a, func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(a, disable); err != nil {
				return err
			}
			_, err := tx.ExecContext(a, `UPDATE access_log SET person_id = 'someone-else' WHERE seq = 3 AND council_id = $1`, tx.Council())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		r, err = store.Verify(a)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Broken || r.At != 3 || !strings.Contains(r.Problem, "altered") {
			t.Errorf("after tampering with entry 3: %+v", r)
		}
		if r, _ := store.Verify(b); r.Broken {
			t.Errorf("council B's chain is reported broken: %+v", r)
		}
	})
}

func TestConcurrentEntriesKeepOneChain(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := setUp(t, db)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.InTx(a, func(tx *sqldb.Tx) error {
					return accesslog.Record(a, tx, "p"+string(rune('a'+i)), accesslog.View, "")
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		store := accesslog.NewStore(db)
		if _, err := store.Seal(a); err != nil {
			t.Fatal(err)
		}
		r, err := store.Verify(a)
		if err != nil {
			t.Fatal(err)
		}
		if r.Broken || r.Entries != 20 {
			t.Errorf("after 20 concurrent entries: %+v", r)
		}
	})
}

func TestRecordNeedsToKnowWho(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := setUp(t, db)
		staff, _ := councils.StaffFrom(a)
		bare := councils.WithStaff(context.Background(), staff) // no route
		err := db.InTx(bare, func(tx *sqldb.Tx) error { return accesslog.Record(bare, tx, "p1", accesslog.View, "") })
		if err == nil {
			t.Error("an entry without a channel was written")
		}
		cli := sqldb.WithCouncil(accesslog.WithCommand(context.Background(), "goldenthread demo"), staff.CouncilID)
		record(t, db, cli, "p1", accesslog.Create)
		got, err := accesslog.NewStore(db).Search(cli, accesslog.Filter{})
		if err != nil || len(got) != 1 || got[0].Channel != accesslog.CommandLine || got[0].Actor != "command line: goldenthread demo" {
			t.Errorf("command line entry = %+v, %v", got, err)
		}
	})
}
