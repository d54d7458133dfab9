// Package dbtest runs a storage test on both engines in one `go test` run: a fresh SQLite file and a fresh
// PostgreSQL database, each with every migration applied (the PostgreSQL one copied from a template database that
// was migrated once for the current migrations).
//
// PostgreSQL is found at GT_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test). Tests connect as an
// ordinary role, gt_app, which row-level security binds as it would bind the service in production. When
// PostgreSQL cannot be reached, its subtests skip with a message saying how to start it — except under CI=true,
// where they fail.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// AppRole is the ordinary PostgreSQL role the tests connect as.
const AppRole = "gt_app"

// Each runs fn as a subtest on SQLite and on PostgreSQL, each with a fresh, migrated database. The two subtests run
// in parallel with each other and with the package's other parallel tests, after the calling test returns.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	EachWith(t, Options{}, fn)
}

// EachWith is Each with options, such as a fixed clock; with a clock of the test's own, the engines run one after
// the other.
func EachWith(t *testing.T, opts Options, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			// A test's own clock is often a variable that the test moves on, shared by both engines' runs, so
			// those run one after the other.
			if opts.Clock == nil {
				t.Parallel()
			}
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
		path := filepath.Join(t.TempDir(), "test.db")
		if err := copySQLiteTemplate(path); err != nil {
			t.Fatal(err)
		}
		rawURL = "sqlite:" + path
	case sqldb.Postgres:
		rawURL = postgresDatabase(t)
	default:
		t.Fatalf("unknown engine %q", e)
	}
	return openURL(t, e, rawURL, opts)
}

func openURL(t testing.TB, e sqldb.Engine, rawURL string, opts []Options) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), rawURL, sqldbOptions(opts))
	if err != nil {
		t.Fatalf("open %s test database: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func sqldbOptions(opts []Options) sqldb.Options {
	var o sqldb.Options
	for _, opt := range opts {
		o.Clock, o.Logger = opt.Clock, opt.Logger
	}
	return o
}

// shared holds the databases that Shared made for a test binary whose TestMain calls Main. Like browsertest's
// Chromium, it lives for the whole binary, so a package-level variable is its only home.
var shared = struct {
	sync.Mutex
	enabled bool
	dbs     map[string]*sharedDB
}{dbs: map[string]*sharedDB{}}

type sharedDB struct {
	once    sync.Once
	db      *sqldb.DB
	err     error
	cleanup []func()
}

// Main runs a package's tests and then closes and removes the databases Shared made. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
func Main(m *testing.M) int {
	shared.Lock()
	shared.enabled = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	defer shared.Unlock()
	for _, d := range shared.dbs {
		for i := len(d.cleanup) - 1; i >= 0; i-- {
			d.cleanup[i]()
		}
	}
	shared.dbs = map[string]*sharedDB{}
	return code
}

// Shared returns a database on engine e that the package's tests share, made and filled by setup once, by the first
// test that asks for it under key, and kept until the package's tests end: for slow set-up, such as a loaded demo
// council, that several tests only read. The package's TestMain must call Main. setup's t is the first test's: it may
// fail it, and then every test that asks for the database fails too.
func Shared(t *testing.T, e sqldb.Engine, key string, opts Options, setup func(t *testing.T, db *sqldb.DB)) *sqldb.DB {
	t.Helper()
	shared.Lock()
	if !shared.enabled {
		shared.Unlock()
		t.Fatal("dbtest.Shared needs the package's TestMain to call dbtest.Main")
	}
	d := shared.dbs[string(e)+"/"+key]
	if d == nil {
		d = &sharedDB{}
		shared.dbs[string(e)+"/"+key] = d
	}
	shared.Unlock()
	d.once.Do(func() {
		d.db, d.err = d.open(t, e, opts)
		if d.err == nil {
			ok := false
			t.Run("setup", func(t *testing.T) {
				setup(t, d.db)
				ok = !t.Failed()
			})
			if !ok {
				d.err = fmt.Errorf("setting up the shared %s database %q failed", e, key)
			}
		}
	})
	if d.err != nil {
		t.Fatal(d.err)
	}
	return d.db
}

// EachShared is Each over the databases that Shared makes under key, one on each engine: fn must only read them.
func EachShared(t *testing.T, key string, opts Options, setup func(t *testing.T, db *sqldb.DB), fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, Shared(t, e, key, opts, setup))
		})
	}
}

// open makes the shared database, with clean-ups that Main runs.
func (d *sharedDB) open(t *testing.T, e sqldb.Engine, opts Options) (*sqldb.DB, error) {
	var rawURL string
	switch e {
	case sqldb.SQLite:
		dir, err := os.MkdirTemp("", "dbtest-")
		if err != nil {
			return nil, err
		}
		d.cleanup = append(d.cleanup, func() { _ = os.RemoveAll(dir) })
		rawURL = "sqlite:" + filepath.Join(dir, "test.db")
	case sqldb.Postgres:
		RequirePostgres(t)
		name, err := createDatabase()
		if err != nil {
			return nil, err
		}
		d.cleanup = append(d.cleanup, func() { dropDatabase(t, name) })
		rawURL = databaseURL(name)
	default:
		return nil, fmt.Errorf("unknown engine %q", e)
	}
	db, err := sqldb.Open(context.Background(), rawURL, sqldbOptions([]Options{opts}))
	if err != nil {
		return nil, fmt.Errorf("open %s test database: %w", e, err)
	}
	d.cleanup = append(d.cleanup, func() { db.Close() })
	return db, nil
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
	testenv.Missing(t, fmt.Sprintf("PostgreSQL is required under CI=true but is not usable: %v", bootstrapErr),
		fmt.Sprintf("PostgreSQL not usable (%v): start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point GT_TEST_POSTGRES at a server", bootstrapErr))
}

// bootstrap makes sure the ordinary role exists and may create schemas in the test database, and that the migrated
// template every test database is copied from exists.
func bootstrap() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // the first run migrates the template
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
	return makeTemplate(ctx, conn)
}

// postgresDatabase creates a fresh database for the test, copied from the migrated template, owned by the ordinary
// role, dropped when the test ends, and returns its URL as that role. Copying a database takes a tenth of the time
// of migrating a new schema, and most tests open two databases or more.
func postgresDatabase(t testing.TB) string {
	t.Helper()
	RequirePostgres(t)
	name, err := createDatabase()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(t, name) })
	return databaseURL(name)
}

// createDatabase copies the template to a database of a new name.
func createDatabase() (string, error) {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redacted(PostgresURL()), err)
	}
	defer admin.Close(ctx)
	// The time in the name lets a later run drop what a killed run left behind (dropStale).
	name := fmt.Sprintf("%s%d_%s", testPrefix, time.Now().Unix(), randomHex(4))
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE `+template+` OWNER `+AppRole); err != nil {
		return "", fmt.Errorf("create database %s from %s: %w", name, template, err)
	}
	return name, nil
}

// dropDatabase drops a test database, with whatever is still connected to it. One it cannot drop is left for
// dropStale, a day later, and the test says so.
func dropDatabase(t testing.TB, name string) {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		return // dropStale drops it a day later
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		t.Logf("the test database %s is left for a later run to drop: %v", name, err)
	}
}

// databaseURL is the URL of the named database on the test server, as the ordinary role.
func databaseURL(name string) string {
	u, err := url.Parse(PostgresURL())
	if err != nil {
		panic(fmt.Sprintf("GT_TEST_POSTGRES: %v", err)) // RequirePostgres has already parsed it
	}
	u.User = url.User(AppRole)
	u.Path = "/" + name
	// The database's name also names its connections, so that TerminateBackends ends this test's and no other's.
	q := u.Query()
	q.Set("application_name", name)
	// A test's database is dropped when the test ends: its commits need not wait for the disk.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

const (
	testPrefix     = "gt_test_"
	templatePrefix = "gt_template_"
)

// template is the name of the migrated template database, set by bootstrap: it names the migrations' checksum, so a
// changed migration makes a new template and never copies a stale one.
var template string

// makeTemplate migrates a template database for the current migrations, unless one exists. Test binaries run side by
// side, so an advisory lock lets one of them build it while the others wait; a template is built under another name
// and renamed when complete, so a killed build is never copied.
func makeTemplate(ctx context.Context, admin *pgx.Conn) (err error) {
	sum, err := migrationsSum(sqldb.Postgres)
	if err != nil {
		return err
	}
	template = templatePrefix + sum
	if _, err := admin.Exec(ctx, `SELECT pg_advisory_lock(7447001)`); err != nil {
		return fmt.Errorf("wait for the template lock: %w", err)
	}
	defer func() {
		if _, unlockErr := admin.Exec(context.Background(), `SELECT pg_advisory_unlock(7447001)`); unlockErr != nil && err == nil {
			err = fmt.Errorf("release the template lock: %w", unlockErr)
		}
	}()
	var exists bool
	if err := admin.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, template).Scan(&exists); err != nil {
		return fmt.Errorf("look for %s: %w", template, err)
	}
	if err := dropStale(ctx, admin); err != nil {
		return err
	}
	if exists {
		return nil
	}
	building := template + "_building"
	for _, q := range []string{`DROP DATABASE IF EXISTS ` + building + ` WITH (FORCE)`, `CREATE DATABASE ` + building + ` OWNER ` + AppRole} {
		if _, err := admin.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	db, err := sqldb.Open(ctx, databaseURL(building), sqldb.Options{})
	if err != nil {
		return fmt.Errorf("migrate the template database: %w", err)
	}
	db.Close()
	// The comment says when it was made, for dropStale.
	for _, q := range []string{`COMMENT ON DATABASE ` + building + ` IS '` + strconv.FormatInt(time.Now().Unix(), 10) + `'`, `ALTER DATABASE ` + building + ` RENAME TO ` + template} {
		if _, err := admin.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// dropStale drops what runs more than a day old left behind: test databases whose clean-up never ran (a killed
// run) and the templates of other migrations. Anything younger may belong to a run still going, perhaps in another
// work tree with other migrations, so it stays.
func dropStale(ctx context.Context, admin *pgx.Conn) error {
	rows, err := admin.Query(ctx, `SELECT datname, COALESCE(shobj_description(oid, 'pg_database'), '') FROM pg_database
		WHERE datname LIKE 'gt\_test\_%' OR (datname LIKE 'gt\_template\_%' AND datname <> $1 AND datname NOT LIKE '%\_building')`, template)
	if err != nil {
		return fmt.Errorf("list old test databases: %w", err)
	}
	type old struct{ name, comment string }
	olds, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (old, error) {
		var o old
		return o, r.Scan(&o.name, &o.comment)
	})
	if err != nil {
		return fmt.Errorf("list old test databases: %w", err)
	}
	dayAgo := time.Now().Add(-24 * time.Hour).Unix()
	for _, o := range olds {
		born := o.comment // a template's
		if rest, ok := strings.CutPrefix(o.name, testPrefix); ok {
			born, _, _ = strings.Cut(rest, "_")
		}
		if sec, err := strconv.ParseInt(born, 10, 64); err != nil || sec > dayAgo {
			continue
		}
		if _, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{o.name}.Sanitize()); err != nil {
			continue // a database still in use is refused, and left for next time
		}
	}
	return nil
}

// migrationsSum is a short checksum of an engine's migrations.
func migrationsSum(e sqldb.Engine) (string, error) {
	fsys, err := sqldb.MigrationsFS(e)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read the migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
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

// sqliteTemplate is the content of a SQLite database migrated for the current migrations, made once for the test
// process: every SQLite test database starts as a copy of it, as every PostgreSQL one is made from a template
// database. Migrating each new file took about 0.4 s, for every test on SQLite.
var sqliteTemplate = sync.OnceValues(func() ([]byte, error) {
	sum, err := migrationsSum(sqldb.SQLite)
	if err != nil {
		return nil, err
	}
	// Test processes side by side share the template through a file named for the migrations, made under another
	// name and renamed when complete, so that no process copies half of one.
	path := filepath.Join(os.TempDir(), "gt-sqlite-template-"+sum+".db")
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	}
	dir, err := os.MkdirTemp("", "gt-sqlite-template-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	made := filepath.Join(dir, "template.db")
	db, err := sqldb.Open(context.Background(), "sqlite:"+made, sqldb.Options{})
	if err != nil {
		return nil, fmt.Errorf("migrate the SQLite template: %w", err)
	}
	if err := db.Close(); err != nil {
		return nil, fmt.Errorf("close the SQLite template: %w", err)
	}
	// Closing the last connection writes the journal back into the file and removes it: a journal left would hold
	// part of the schema.
	if fi, err := os.Stat(made + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("the SQLite template %s kept %d bytes of journal after closing", made, fi.Size())
	}
	b, err := os.ReadFile(made)
	if err != nil {
		return nil, err
	}
	if err := os.Rename(made, path); err != nil {
		return nil, fmt.Errorf("keep the SQLite template: %w", err)
	}
	return b, nil
})

// copySQLiteTemplate writes a migrated SQLite database to path.
func copySQLiteTemplate(path string) error {
	b, err := sqliteTemplate()
	if err != nil {
		return fmt.Errorf("the SQLite template: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("copy the SQLite template: %w", err)
	}
	return nil
}
