// Package sqldb opens Golden Thread's database on either engine — an embedded SQLite file by default, PostgreSQL in
// production — and gives every store the same small vocabulary: transactions as closures that know the council,
// one clock, IDs made in Go, and the storage errors pages and the API turn into answers.
//
// One SQL text serves both engines: placeholders are $N, timestamps and IDs come from Go, and the few differences
// live in Dialect.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Engine names a storage engine.
type Engine string

// The two engines Golden Thread runs on.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Clock tells the time. Tests inject a fixed one; production uses SystemClock.
type Clock func() time.Time

// SystemClock is the wall clock in UTC, truncated to the microsecond both engines keep.
func SystemClock() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// DB is an open database on one engine.
type DB struct {
	engine Engine
	write  *sql.DB // SQLite: one connection, so writers queue rather than fail
	read   *sql.DB // SQLite: a separate pool for read-only work; PostgreSQL: the same pool as write
	pool   *pgxpool.Pool
	clock  Clock
	log    *slog.Logger
	// down is set while the database cannot be reached, so that the log says so once, not once per request.
	down atomic.Bool
}

// Options adjust how a database is opened.
type Options struct {
	Clock  Clock        // defaults to SystemClock
	Logger *slog.Logger // defaults to a logger that discards
}

// ParseURL tells which engine a database URL names and returns the driver's data source. A bare path or a
// sqlite: URL is SQLite; postgres:// or postgresql:// is PostgreSQL.
func ParseURL(raw string) (Engine, string, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return "", "", errors.New("database URL is empty: give a file path, a sqlite: URL or a postgres:// URL")
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			return "", "", fmt.Errorf("database URL is not a valid postgres:// URL: %w", err)
		}
		return Postgres, raw, nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
		if path == "" {
			return "", "", errors.New("database URL sqlite: names no file")
		}
		return SQLite, path, nil
	case strings.Contains(raw, "://"):
		return "", "", fmt.Errorf("database URL %q: only sqlite: and postgres:// are supported", redact(raw))
	default:
		return SQLite, raw, nil
	}
}

// redact removes a password from a URL before it is shown.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// Open connects to the database named by rawURL and applies every pending migration.
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	db, err := Connect(ctx, rawURL, opts)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect connects to the database named by rawURL without migrating it.
func Connect(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	engine, dsn, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if opts.Clock == nil {
		opts.Clock = SystemClock
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	db := &DB{engine: engine, clock: opts.Clock, log: opts.Logger}
	switch engine {
	case SQLite:
		err = db.openSQLite(ctx, dsn)
	case Postgres:
		err = db.openPostgres(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	return db, nil
}

func (db *DB) openSQLite(ctx context.Context, path string) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create folder for the SQLite database: %w", err)
		}
	}
	// busy_timeout first, so the other pragmas wait rather than fail (as PocketBase does).
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-32000)&_pragma=mmap_size(268435456)&_pragma=temp_store(MEMORY)"
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return fmt.Errorf("open SQLite database %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
	if err != nil {
		w.Close()
		return fmt.Errorf("open SQLite database %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	// Keep every reader open between bursts (database/sql keeps two by default): a reader closed and opened again
	// reads the schema again and starts with an empty cache of the database.
	r.SetMaxIdleConns(4)
	db.write, db.read = w, r
	return nil
}

func (db *DB) openPostgres(ctx context.Context, dsn string) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("read PostgreSQL URL: %w", err)
	}
	// Golden Thread's data lives in memory or on solid-state storage, where reading a page by index costs little
	// more than reading the next one. PostgreSQL's default (4) is for spinning disks, and makes it scan a whole
	// council's people rather than look up the few a search found. A URL that sets random_page_cost wins.
	if _, set := cfg.ConnConfig.RuntimeParams["random_page_cost"]; !set {
		cfg.ConnConfig.RuntimeParams["random_page_cost"] = "1.1"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return fmt.Errorf("connect to PostgreSQL at %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	var super bool
	if err := pool.QueryRow(ctx, `SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user`).Scan(&super); err == nil && super {
		db.log.Warn("connected to PostgreSQL as a role that bypasses row-level security; connect as an ordinary role so that the second wall between councils holds")
	}
	db.pool = pool
	db.write = stdlib.OpenDBFromPool(pool)
	db.read = db.write
	return nil
}

// Close releases the connections.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if db.pool != nil {
		db.pool.Close()
	}
	return errors.Join(errs...)
}

// Observe classifies err and keeps the operational log's account of whether the database can be reached: it logs
// "database unreachable" once, when calls start failing because the database cannot be reached, and "database
// reachable again" once, when one next succeeds — not once per request. It returns err, marked ErrUnavailable when
// it is about the connection rather than the statement. Transactions call it themselves; code that reaches the
// database another way (the session store, the health check) calls it with what it got.
func (db *DB) Observe(err error) error {
	switch {
	case err == nil:
		if db.down.CompareAndSwap(true, false) {
			db.log.Info("database reachable again", "engine", db.engine)
		}
		return nil
	case Unavailable(err):
		if db.down.CompareAndSwap(false, true) {
			db.log.Error("database unreachable", "engine", db.engine, "err", err)
		}
		return unavailable(err)
	default:
		return err
	}
}

// ObserveDirect is Observe for an error from a query made straight on the pool (Pool, SQL) rather than in a
// transaction, as the session store's are: there a query cut off by the connection ending may say only that the
// answer ended early (io.EOF, io.ErrUnexpectedEOF), with no rollback to tell why, and from the database that can
// mean nothing else.
func (db *DB) ObserveDirect(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = unavailable(err)
	}
	return db.Observe(err)
}

// Ping checks that the database answers, on the pool that reads (so that, on SQLite, a long write does not make it
// wait), and notes the answer as Observe does.
func (db *DB) Ping(ctx context.Context) error {
	return db.Observe(db.read.PingContext(ctx))
}

// Engine reports which engine this is.
func (db *DB) Engine() Engine { return db.engine }

// Dialect returns the SQL differences for this engine.
func (db *DB) Dialect() Dialect { return dialectFor(db.engine) }

// Now reads the injected clock.
func (db *DB) Now() time.Time { return db.clock().UTC() }

// SQL returns the writer pool, for libraries that need a *sql.DB (the SQLite session store).
func (db *DB) SQL() *sql.DB { return db.write }

// ReadSQL returns the reader pool (on PostgreSQL the one pool), for a library's reads that must not queue behind
// SQLite's single writer (the session store's lookups).
func (db *DB) ReadSQL() *sql.DB { return db.read }

// Pool returns the PostgreSQL pool, or nil on SQLite (the PostgreSQL session store needs it).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// NewID makes a new record ID: a UUIDv7, time-ordered, identical on both engines and safe to merge or export.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Analyze refreshes the query planner's statistics of the tables named, or of every table when none is, as after
// a bulk load. On PostgreSQL it also vacuums, so that index-only scans need not visit the table (the visibility map
// is set only by VACUUM). It runs outside any transaction, as VACUUM must.
func (db *DB) Analyze(ctx context.Context, tables ...string) error {
	if db.engine == SQLite {
		stmts := []string{`ANALYZE`}
		if len(tables) > 0 {
			stmts = nil
			for _, t := range tables {
				stmts = append(stmts, `ANALYZE `+t)
			}
		}
		for _, stmt := range stmts {
			if _, err := db.write.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("refresh planner statistics: %w", err)
			}
		}
		return nil
	}
	if len(tables) == 0 {
		// Only this schema's tables: a bare VACUUM visits every table in the database, including other schemas'
		// (tests run side by side in schemas of one database, and drop them as they finish).
		var err error
		if tables, err = db.schemaTables(ctx); err != nil {
			return fmt.Errorf("refresh planner statistics: %w", err)
		}
		if len(tables) == 0 {
			return nil
		}
	}
	if _, err := db.write.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("refresh planner statistics: %w", err)
	}
	return nil
}

// schemaTables lists the tables of the connection's current schema on PostgreSQL, quoted as identifiers.
func (db *DB) schemaTables(ctx context.Context) ([]string, error) {
	rows, err := db.write.QueryContext(ctx, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Waits is how often, and for how long in all, work has waited for a connection since the database was opened: on
// SQLite for its single writer and for one of its readers; on PostgreSQL for a connection of the pool (Writer only).
// The benchmarks read it before and after a page's run to say how much of the page's time went on waiting.
type Waits struct {
	Writer, Reader Wait
}

// Wait is a count of waits and their total time.
type Wait struct {
	Count int64
	Time  time.Duration
}

// Sub is the waits between an earlier reading and this one.
func (w Waits) Sub(earlier Waits) Waits {
	return Waits{
		Writer: Wait{w.Writer.Count - earlier.Writer.Count, w.Writer.Time - earlier.Writer.Time},
		Reader: Wait{w.Reader.Count - earlier.Reader.Count, w.Reader.Time - earlier.Reader.Time},
	}
}

// Waits reads the connection pools' wait counters.
func (db *DB) Waits() Waits {
	if db.pool != nil {
		s := db.pool.Stat()
		return Waits{Writer: Wait{s.EmptyAcquireCount(), s.EmptyAcquireWaitTime()}}
	}
	w := db.write.Stats()
	out := Waits{Writer: Wait{w.WaitCount, w.WaitDuration}}
	if db.read != nil && db.read != db.write {
		r := db.read.Stats()
		out.Reader = Wait{r.WaitCount, r.WaitDuration}
	}
	return out
}
