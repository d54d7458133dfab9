package sqldb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

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
