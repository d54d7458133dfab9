// Package dbtest runs a storage test on both engines in one `go test` run: a fresh SQLite file and a fresh
// PostgreSQL schema, each with every migration applied.
//
// PostgreSQL is found at GT_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test). Tests connect as an
// ordinary role, gt_app, which row-level security binds as it would bind the service in production. When
// PostgreSQL cannot be reached, its subtests skip with a message saying how to start it — except under CI=true,
// where they fail.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// AppRole is the ordinary PostgreSQL role the tests connect as.
const AppRole = "gt_app"

// Each runs fn as a subtest on SQLite and on PostgreSQL, each with a fresh, migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	EachWith(t, Options{}, fn)
}

// EachWith is Each with options, such as a fixed clock.
func EachWith(t *testing.T, opts Options, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e, opts))
		})
	}
}

// Options adjust a test database.
type Options struct {
	Clock  sqldb.Clock
	Logger *slog.Logger // the database's operational log; discarded when nil
}

// Open returns a fresh, migrated database on one engine, closed and removed when the test ends.
func Open(t testing.TB, e sqldb.Engine, opts ...Options) *sqldb.DB {
	t.Helper()
	var rawURL string
	switch e {
	case sqldb.SQLite:
		rawURL = "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	case sqldb.Postgres:
		rawURL = postgresSchema(t)
	default:
		t.Fatalf("unknown engine %q", e)
	}
	return openURL(t, e, rawURL, opts)
}

func openURL(t testing.TB, e sqldb.Engine, rawURL string, opts []Options) *sqldb.DB {
	t.Helper()
	var o sqldb.Options
	for _, opt := range opts {
		o.Clock, o.Logger = opt.Clock, opt.Logger
	}
	db, err := sqldb.Open(context.Background(), rawURL, o)
	if err != nil {
		t.Fatalf("open %s test database: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresURL is the administrative URL of the test PostgreSQL server.
func PostgresURL() string {
	if u := os.Getenv("GT_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

var (
	bootstrapOnce sync.Once
	bootstrapErr  error
)

// RequirePostgres skips the test when PostgreSQL cannot be reached, or fails it under CI=true.
func RequirePostgres(t testing.TB) {
	t.Helper()
	bootstrapOnce.Do(func() { bootstrapErr = bootstrap() })
	if bootstrapErr == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL is required under CI=true but is not usable: %v", bootstrapErr)
	}
	t.Skipf("PostgreSQL not usable (%v): start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point GT_TEST_POSTGRES at a server", bootstrapErr)
}

// bootstrap makes sure the ordinary role exists and may create schemas in the test database.
func bootstrap() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		return fmt.Errorf("connect to %s: %w", redacted(PostgresURL()), err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, AppRole).Scan(&exists); err != nil {
		return fmt.Errorf("look for role %s: %w", AppRole, err)
	}
	if !exists {
		if _, err := conn.Exec(ctx, `CREATE ROLE `+AppRole+` LOGIN NOSUPERUSER NOBYPASSRLS`); err != nil {
			return fmt.Errorf("create role %s: %w", AppRole, err)
		}
	}
	var dbName string
	if err := conn.QueryRow(ctx, `SELECT current_database()`).Scan(&dbName); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `GRANT CREATE, CONNECT ON DATABASE `+pgx.Identifier{dbName}.Sanitize()+` TO `+AppRole); err != nil {
		return fmt.Errorf("grant %s the right to create schemas: %w", AppRole, err)
	}
	return nil
}

// postgresSchema creates a fresh schema owned by the ordinary role and returns a URL whose search_path is it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	RequirePostgres(t)
	u, err := url.Parse(PostgresURL())
	if err != nil {
		t.Fatalf("GT_TEST_POSTGRES: %v", err)
	}
	u.User = url.User(AppRole)
	schema := "t_" + randomHex(8)
	q := u.Query()
	q.Set("search_path", schema)
	// The schema's name also names its connections, so that TerminateBackends ends this test's and no other's.
	q.Set("application_name", schema)
	u.RawQuery = q.Encode()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatalf("connect as %s: %v", AppRole, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, u.String())
		if err != nil {
			return
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`)
	})
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func redacted(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	return u.Redacted()
}
