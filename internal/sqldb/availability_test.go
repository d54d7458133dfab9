package sqldb_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// What counts as the database being unavailable: the connection, never the statement.
func TestUnavailableIsAboutTheConnection(t *testing.T) {
	t.Parallel()
	closedDB, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	closedDB.Close()
	errClosed := closedDB.Ping()

	// A real refused connection: a port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, errRefused := pgconn.Connect(ctx, "postgres://gt_app@"+addr+"/test?sslmode=disable&connect_timeout=2")

	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"connection refused", errRefused, true},
		{"backend terminated by an administrator (57P01)", &pgconn.PgError{Code: "57P01"}, true},
		{"server crashed (57P02)", &pgconn.PgError{Code: "57P02"}, true},
		{"server starting up (57P03)", &pgconn.PgError{Code: "57P03"}, true},
		{"connection failure (08006)", &pgconn.PgError{Code: "08006"}, true},
		{"connection already closed", fmt.Errorf("load person: %w", pgconn.ErrConnClosed), true},
		{"bad connection after retries", driver.ErrBadConn, true},
		{"reset by peer", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, true},
		{"database closed as the service stops", errClosed, true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"statement cancelled on timeout", &pgconn.PgError{Code: "57014"}, false},
		{"SQLite busy", errors.New("database is locked (5) (SQLITE_BUSY)"), false},
		{"request cancelled", context.Canceled, false},
		{"request deadline", context.DeadlineExceeded, false},
		{"no rows", sql.ErrNoRows, false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil && tt.name != "nil" {
				t.Fatal("the case's error was not made")
			}
			if got := sqldb.Unavailable(tt.err); got != tt.want {
				t.Errorf("Unavailable(%v) = %v, want %v", tt.err, got, tt.want)
			}
			normalised := sqldb.Normalise(tt.err)
			if got := errors.Is(normalised, sqldb.ErrUnavailable); got != tt.want {
				t.Errorf("Normalise(%v) is ErrUnavailable: %v, want %v", tt.err, got, tt.want)
			}
		})
	}
	if got := sqldb.ErrUnavailable.HTTPStatus(); got != http.StatusServiceUnavailable {
		t.Errorf("ErrUnavailable.HTTPStatus() = %d, want 503", got)
	}
}

// The database going away and coming back: transactions fail with ErrUnavailable while it is away, succeed again
// without a restart once it is back, and the log says each once.
func TestDatabaseAwayAndBack(t *testing.T) {
	t.Parallel()
	var logs dbtest.Logs
	db, relay := dbtest.OpenBehindRelay(t, dbtest.Options{Logger: logs.Logger()})
	ctx := context.Background()
	read := func() error {
		return db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			var n int
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM council`).Scan(&n)
		})
	}
	write := func() error {
		return db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO council (id, name, code, created_at) VALUES ($1, 'Testshire', $2, $3)`,
				sqldb.NewID(), sqldb.NewID(), tx.Now())
			return err
		})
	}
	if err := read(); err != nil {
		t.Fatalf("before the outage: %v", err)
	}

	relay.Cut()
	for i := range 5 {
		for name, call := range map[string]func() error{"read": read, "write": write, "ping": func() error { return db.Ping(ctx) }} {
			if err := call(); !errors.Is(err, sqldb.ErrUnavailable) {
				t.Fatalf("%s %d while the database is away: %v, want ErrUnavailable", name, i, err)
			}
		}
	}
	if n := logs.Count("database unreachable"); n != 1 {
		t.Errorf("logged %q %d times, want once:\n%s", "database unreachable", n, logs.String())
	}

	relay.Restore()
	waitForRecovery(t, read)
	for i := range 5 {
		if err := write(); err != nil {
			t.Fatalf("write %d after the database came back: %v", i, err)
		}
	}
	if n := logs.Count("database reachable again"); n != 1 {
		t.Errorf("logged %q %d times, want once:\n%s", "database reachable again", n, logs.String())
	}
}

// A connection that ends in the middle of a transaction, ended by the server (pg_terminate_backend, as an
// administrator or a failover does) or cut by the network, is ErrUnavailable; the transaction's change is not
// kept, nothing repeats it, and the pool makes new connections by itself.
func TestConnectionEndedMidTransaction(t *testing.T) {
	t.Parallel()
	for _, end := range []struct {
		name string
		open func(t *testing.T) (*sqldb.DB, func())
	}{
		{"terminated by the server", func(t *testing.T) (*sqldb.DB, func()) {
			db := dbtest.Open(t, sqldb.Postgres)
			return db, func() {
				if n := dbtest.TerminateBackends(t, db); n == 0 {
					t.Fatal("no connection of the test's database was ended")
				}
			}
		}},
		{"cut by the network", func(t *testing.T) (*sqldb.DB, func()) {
			db, relay := dbtest.OpenBehindRelay(t)
			return db, func() { relay.Cut(); relay.Restore() }
		}},
	} {
		t.Run(end.name, func(t *testing.T) {
			db, endConnections := end.open(t)
			ctx := context.Background()
			id := sqldb.NewID()
			inTx := make(chan struct{})
			errc := make(chan error, 1)
			go func() {
				errc <- db.InTx(ctx, func(tx *sqldb.Tx) error {
					if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, name, code, created_at) VALUES ($1, 'Testshire', $1, $2)`, id, tx.Now()); err != nil {
						return err
					}
					close(inTx)
					_, err := tx.ExecContext(ctx, `SELECT pg_sleep($1)`, 10)
					return err
				})
			}()
			<-inTx
			time.Sleep(100 * time.Millisecond) // the sleep is on its way to the server
			endConnections()
			select {
			case err := <-errc:
				if !errors.Is(err, sqldb.ErrUnavailable) {
					t.Fatalf("transaction cut off: %v, want ErrUnavailable", err)
				}
			case <-time.After(8 * time.Second):
				t.Fatal("the transaction was not cut off")
			}
			count := func() error {
				return db.ReadTx(ctx, func(tx *sqldb.Tx) error {
					var n int
					if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM council WHERE id = $1`, id).Scan(&n); err != nil {
						return err
					}
					if n != 0 {
						t.Errorf("the cut-off transaction's council is there %d times, want none", n)
					}
					return nil
				})
			}
			waitForRecovery(t, count)
		})
	}
}

// A connection cut while COMMIT is on its way: the change may or may not have been saved, so the answer is
// ErrUnavailable (which tells the person to check) and nothing sends it again.
func TestConnectionCutDuringCommit(t *testing.T) {
	t.Parallel()
	db, relay := dbtest.OpenBehindRelay(t)
	ctx := context.Background()
	// A deferred constraint trigger that takes a second makes COMMIT slow enough to cut.
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `
			CREATE TABLE slow_commit (id TEXT NOT NULL);
			CREATE FUNCTION slow_commit_wait() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$;
			CREATE CONSTRAINT TRIGGER slow_commit_wait AFTER INSERT ON slow_commit
				DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit_wait()`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	id := sqldb.NewID()
	errc := make(chan error, 1)
	go func() {
		errc <- db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO slow_commit (id) VALUES ($1)`, id)
			return err
		})
	}()
	time.Sleep(300 * time.Millisecond) // the insert is done and COMMIT is waiting on the trigger
	relay.Cut()
	relay.Restore()
	if err := <-errc; !errors.Is(err, sqldb.ErrUnavailable) {
		t.Fatalf("commit cut off: %v, want ErrUnavailable", err)
	}
	waitForRecovery(t, func() error {
		return db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM slow_commit WHERE id = $1`, id).Scan(&n); err != nil {
				return err
			}
			if n > 1 {
				t.Errorf("the change was saved %d times, want at most once", n)
			}
			return nil
		})
	})
}

// waitForRecovery calls call until it succeeds, as the pool replaces connections that died (within seconds, with no
// help), and fails the test if it does not, or if it fails for any reason but the database being away.
func waitForRecovery(t *testing.T, call func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := call()
		if err == nil {
			return
		}
		if !errors.Is(err, sqldb.ErrUnavailable) {
			t.Fatalf("while recovering: %v, want success or ErrUnavailable", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("not recovered after 10s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The schema's version is the newest embedded migration once Open has migrated it, and says so when the database
// is behind.
func TestSchemaVersion(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		applied, latest, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fsys, err := sqldb.MigrationsFS(db.Engine())
		if err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(fsys, "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		if _, err := fmt.Sscanf(files[len(files)-1], "%d_", &want); err != nil {
			t.Fatal(err)
		}
		if applied != want || latest != want {
			t.Fatalf("SchemaVersion = %d, %d; want %d, %d", applied, latest, want, want)
		}
		if _, err := db.SQL().ExecContext(ctx, `DELETE FROM goose_db_version WHERE version_id = $1`, want); err != nil {
			t.Fatal(err)
		}
		if applied, latest, err = db.SchemaVersion(ctx); err != nil || applied >= latest {
			t.Fatalf("after forgetting the last migration: SchemaVersion = %d, %d, %v; want the applied one behind", applied, latest, err)
		}
	})
}
