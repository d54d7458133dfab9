package sqldb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// MigrationsFS returns the migrations for one engine, for tests that compare the two folders.
func MigrationsFS(e Engine) (fs.FS, error) {
	return fs.Sub(migrations, "migrations/"+string(e))
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
	if latest, err = db.latestMigration(); err != nil {
		return 0, 0, err
	}
	err = db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM `+goose.DefaultTablename).Scan(&applied)
	if err = db.Observe(err); err != nil {
		return 0, latest, fmt.Errorf("read the schema's migration version: %w", err)
	}
	return applied, latest, nil
}

// latestMigration is the version of the newest migration embedded for this engine.
func (db *DB) latestMigration() (int64, error) {
	fsys, err := MigrationsFS(db.engine)
	if err != nil {
		return 0, err
	}
	names, err := fs.Glob(fsys, "*.sql")
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
