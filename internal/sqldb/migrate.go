package sqldb

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing/fstest"
	"text/template"

	"github.com/pressly/goose/v3"
)

// Each migration is written once, in migrations/, as a text/template that renders the SQL for either engine
// (docs/adr/0012-one-source-for-both-engines-migrations.md). Nothing rendered is kept on disk.
//
//go:embed migrations
var migrations embed.FS

// MigrationsFS renders every migration for one engine into the files goose reads, named as their sources are.
// Anything else in migrations/ (a folder for one engine, say) is refused rather than silently left out.
func MigrationsFS(e Engine) (fs.FS, error) {
	entries, err := migrations.ReadDir("migrations")
	if err != nil {
		return nil, fmt.Errorf("list the migrations: %w", err)
	}
	rendered := fstest.MapFS{} // the standard library's in-memory file system; it does not import testing
	for _, entry := range entries {
		name := entry.Name()
		if entry.IsDir() || path.Ext(name) != ".sql" {
			return nil, fmt.Errorf("migrations/%s: each migration is one .sql template in migrations/, for both engines (ADR 0012)", name)
		}
		src, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		sql, err := renderMigration(e, name, string(src))
		if err != nil {
			return nil, err
		}
		rendered[name] = &fstest.MapFile{Data: sql, Mode: 0o444}
	}
	return rendered, nil
}

// controlLine is a line that holds nothing but {{if …}}, {{else}}, {{else if …}} or {{end}}. Such a line renders
// to nothing, its newline included, so that an engine's block can be written on lines of its own and each engine's
// SQL comes out as if the other engine's lines had never been there.
var controlLine = regexp.MustCompile(`(?m)^(\{\{(?:if [^{}\n]+|else|else if [^{}\n]+|end)\}\})\n`)

// renderMigration renders one migration's source for one engine. The source may use:
//
//	{{if postgres}} … {{else}} … {{end}}   SQL for one engine only ({{if sqlite}} also works)
//	{{timestamp}}                           TIMESTAMPTZ / TIMESTAMP
//	{{date}}                                DATE / TEXT (SQLite keeps a date as YYYY-MM-DD)
//	{{float}}                               DOUBLE PRECISION / REAL
//	{{bytes}}                               BYTEA / BLOB
//	{{wall "table"}}                        PostgreSQL's row-level security for a tenant table, inside {{if postgres}}
func renderMigration(e Engine, name, src string) ([]byte, error) {
	if e != SQLite && e != Postgres {
		return nil, fmt.Errorf("render migration %s: unknown engine %q", name, e)
	}
	pick := func(postgres, sqlite string) func() string {
		return func() string {
			if e == Postgres {
				return postgres
			}
			return sqlite
		}
	}
	funcs := template.FuncMap{
		"postgres":  func() bool { return e == Postgres },
		"sqlite":    func() bool { return e == SQLite },
		"timestamp": pick("TIMESTAMPTZ", "TIMESTAMP"),
		"date":      pick("DATE", "TEXT"),
		"float":     pick("DOUBLE PRECISION", "REAL"),
		"bytes":     pick("BYTEA", "BLOB"),
		"wall": func(table string) (string, error) {
			if e != Postgres {
				return "", errors.New("{{wall}} is PostgreSQL's row-level security: put it inside {{if postgres}}")
			}
			return wall(table), nil
		},
	}
	t, err := template.New(name).Funcs(funcs).Parse(controlLine.ReplaceAllString(src, "$1"))
	if err != nil {
		return nil, fmt.Errorf("parse migration %s: %w", name, err)
	}
	var out bytes.Buffer
	if err := t.Execute(&out, nil); err != nil {
		return nil, fmt.Errorf("render migration %s for %s: %w", name, e, err)
	}
	return out.Bytes(), nil
}

// wall is the second wall between councils on one tenant table: a transaction sees and writes only the rows of the
// council it set with set_config('app.council_id', …), and FORCE makes the rule bind the tables' owner too.
func wall(table string) string {
	return strings.Join([]string{
		"ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;",
		"ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY;",
		"CREATE POLICY council_wall ON " + table + " USING (council_id = current_setting('app.council_id', true)) WITH CHECK (council_id = current_setting('app.council_id', true));",
	}, "\n")
}

// Migrate applies every pending migration for this engine. Each runs in its own transaction.
func (db *DB) Migrate(ctx context.Context) error {
	fsys, err := MigrationsFS(db.engine)
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	if db.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.write, fsys)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// SchemaVersion reports the migration the database is at and the latest one this program holds. They differ when
// the database has not been migrated to this version of Golden Thread, or has been migrated past it by a newer one;
// either way this program should not serve from it.
func (db *DB) SchemaVersion(ctx context.Context) (applied, latest int64, err error) {
	if latest, err = latestMigration(); err != nil {
		return 0, 0, err
	}
	err = db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM `+goose.DefaultTablename).Scan(&applied)
	if err = db.Observe(err); err != nil {
		return 0, latest, fmt.Errorf("read the schema's migration version: %w", err)
	}
	return applied, latest, nil
}

// latestMigration is the version of the newest migration embedded; both engines have the same ones.
func latestMigration() (int64, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, name := range names {
		v, err := goose.NumericComponent(path.Base(name))
		if err != nil {
			return 0, fmt.Errorf("migration %s: %w", name, err)
		}
		latest = max(latest, v)
	}
	return latest, nil
}
