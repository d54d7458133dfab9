package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Querier is what a store method needs: satisfied by *Tx, so stores compose inside a caller's transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a transaction that knows its council and the time it began.
type Tx struct {
	*sql.Tx
	council string
	now     time.Time
	dialect Dialect

	// deferred holds, in a read-only transaction, the writes asked for with Write: they run together in one short
	// read-write transaction once the reads have committed. Nil in a read-write transaction.
	deferred *[]func(tx *Tx) error
}

// Write runs fn as part of this unit of work. In a read-write transaction (InTx) fn runs at once, inside it. In a
// read-only transaction (ReadTx) fn runs after the reads have committed, with every other write asked for, in one
// short read-write transaction of its own, and ReadTx returns only once that has committed (or returns its error).
// That is how a page that only reads writes what it must, such as its access-log entries, without making the
// whole page a write: on SQLite the single writer is held for a moment instead of for the page's reads.
func (tx *Tx) Write(fn func(tx *Tx) error) error {
	if tx.deferred == nil {
		return fn(tx)
	}
	*tx.deferred = append(*tx.deferred, fn)
	return nil
}

// Now is the time fixed when the transaction began, so every row it writes carries the same moment.
func (tx *Tx) Now() time.Time { return tx.now }

// Council is the council the transaction is scoped to, or "" for work outside any council.
func (tx *Tx) Council() string { return tx.council }

// Dialect returns the SQL differences for this transaction's engine.
func (tx *Tx) Dialect() Dialect { return tx.dialect }

type councilKey struct{}

// WithCouncil scopes ctx to one council. Every tenant query reads it; a context without one reaches no rows.
func WithCouncil(ctx context.Context, councilID string) context.Context {
	return context.WithValue(ctx, councilKey{}, councilID)
}

// CouncilFrom returns the council ctx is scoped to, or ErrNoCouncil.
func CouncilFrom(ctx context.Context) (string, error) {
	id, _ := ctx.Value(councilKey{}).(string)
	if id == "" {
		return "", ErrNoCouncil
	}
	return id, nil
}

// InTx runs fn in a read-write transaction, committed when fn returns nil and rolled back on an error or a panic.
// On PostgreSQL the council in ctx is set for the transaction, so row-level security admits only its rows.
//
// InTx never runs fn twice. When the connection is lost part-way (ErrUnavailable), the change may have been saved
// or not, and only the person making it can tell whether to make it again. (database/sql itself retries only a
// BEGIN that found its connection dead before sending anything.)
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.write, nil, nil, fn)
}

// ReadTx runs fn in a read-only transaction. On SQLite it uses the reader pool, so reads do not queue behind
// the single writer. Writes fn asks for with tx.Write run after the reads commit, in one short read-write
// transaction, and an error there is ReadTx's error: a read whose writes failed has failed.
func (db *DB) ReadTx(ctx context.Context, fn func(tx *Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: db.engine == Postgres}
	var deferred []func(tx *Tx) error
	if err := db.run(ctx, db.read, opts, &deferred, fn); err != nil {
		return err
	}
	if len(deferred) == 0 {
		return nil
	}
	return db.InTx(ctx, func(tx *Tx) error {
		for _, w := range deferred {
			if err := w(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, deferred *[]func(tx *Tx) error, fn func(tx *Tx) error) (err error) {
	council, _ := ctx.Value(councilKey{}).(string)
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return db.Observe(fmt.Errorf("begin transaction: %w", err))
	}
	tx := &Tx{Tx: sqlTx, council: council, now: db.Now(), dialect: db.Dialect(), deferred: deferred}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			// A statement cut off by a lost connection may say only that its answer ended early; the rollback,
			// which then cannot reach the server either, tells that the connection went with it.
			if rbErr := sqlTx.Rollback(); lostConnection(rbErr) && ctx.Err() == nil {
				err = unavailable(err)
			}
			err = db.Observe(err)
			return
		}
		if cerr := sqlTx.Commit(); cerr != nil {
			// Cut off during COMMIT, a change may or may not have been saved: ErrUnavailable says so to the
			// page or the API, and nothing here tries it again.
			err = Normalise(fmt.Errorf("commit: %w", cerr))
		}
		err = db.Observe(err)
	}()
	if db.engine == Postgres && council != "" {
		if _, err := sqlTx.ExecContext(ctx, `SELECT set_config('app.council_id', $1, true)`, council); err != nil {
			return fmt.Errorf("scope transaction to council: %w", err)
		}
	}
	return fn(tx)
}
