package demo

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestMain lets the tests that only read a loaded history share one on each engine (dbtest.Shared).
func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// loaded holds the demo each shared database was loaded with (eachDemo), by database.
var loaded sync.Map // *sqldb.DB → Council

// eachDemo runs fn on each engine over the demo as Load makes it with opts, loaded once on each engine for every
// test of the package that asks for the same opts and only reads it (dbtest.Shared): a load takes seconds, and
// tens of seconds with the network's two other councils.
func eachDemo(t *testing.T, opts Options, fn func(t *testing.T, db *sqldb.DB, d Council)) {
	t.Helper()
	key := fmt.Sprintf("demo-%d-%d-alone-%t", opts.People, opts.Seed, opts.Alone)
	load := func(t *testing.T, db *sqldb.DB) {
		hash := func(context.Context, string) (string, error) { return "not-a-real-hash", nil }
		d, err := Load(context.Background(), db, hash, opts)
		if err != nil {
			t.Fatal(err)
		}
		loaded.Store(db, d)
	}
	dbtest.EachShared(t, key, dbtest.Options{}, load, func(t *testing.T, db *sqldb.DB) {
		d, ok := loaded.Load(db)
		if !ok {
			t.Fatal("the shared demo was not loaded")
		}
		fn(t, db, d.(Council))
	})
}

// eachDemo300 is eachDemo for the demo council alone with 300 people.
func eachDemo300(t *testing.T, fn func(t *testing.T, db *sqldb.DB, d Council)) {
	t.Helper()
	eachDemo(t, Options{People: 300, Seed: 1, Alone: true}, fn)
}

// signedInAs is ctx signed in as the demo council's member of staff who is, as the demo's own accounts are found by
// name or role.
func signedInAs(t *testing.T, ctx context.Context, db *sqldb.DB, is func(councils.Staff) bool) context.Context {
	t.Helper()
	list, err := councils.NewStore(db).StaffList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, is)
	if i < 0 {
		t.Fatal("the demo council has no such member of staff")
	}
	return councils.WithStaff(ctx, list[i])
}
