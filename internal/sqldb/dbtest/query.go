package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Value is the first column of the one row query returns, read in a council's read-only transaction, so that a
// test can check what the database holds without going through the store it tests. A query error fails the test.
func Value[T any](tb testing.TB, db *sqldb.DB, council, query string, args ...any) T {
	tb.Helper()
	var v T
	ctx := sqldb.WithCouncil(context.Background(), council)
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, query, args...).Scan(&v)
	}); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return v
}

// Count is how many rows of table belong to council: what a change that was refused must leave as it was.
func Count(tb testing.TB, db *sqldb.DB, council, table string) int {
	tb.Helper()
	return Value[int](tb, db, council, `SELECT count(*) FROM `+table+` WHERE council_id = $1`, council)
}

// Numbers is the numbers queries give, each asked with args in one read-only transaction of council, written as one
// comparable string: a test takes it before and after a request to see whether the request changed the record.
func Numbers(tb testing.TB, db *sqldb.DB, council string, queries []string, args ...any) string {
	tb.Helper()
	ctx := sqldb.WithCouncil(context.Background(), council)
	var b strings.Builder
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for _, q := range queries {
			var n int
			if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
			fmt.Fprintf(&b, "%d ", n)
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// Column is the first column of every row query returns, in order, read in a council's read-only transaction: what
// a test compares to see the rows a change wrote. A query error fails the test.
func Column[T any](tb testing.TB, db *sqldb.DB, council, query string, args ...any) []T {
	tb.Helper()
	return each(tb, db, council, query, args, func(rows *sql.Rows) (v T, err error) {
		err = rows.Scan(&v)
		return v, err
	})
}

// Pairs is the first two text columns of every row query returns, in order: a person and one of their records, for
// a benchmark that visits them.
func Pairs(tb testing.TB, db *sqldb.DB, council, query string, args ...any) [][2]string {
	tb.Helper()
	return each(tb, db, council, query, args, func(rows *sql.Rows) (p [2]string, err error) {
		err = rows.Scan(&p[0], &p[1])
		return p, err
	})
}

// each is every row query returns, read by scan in a council's read-only transaction.
func each[T any](tb testing.TB, db *sqldb.DB, council, query string, args []any, scan func(*sql.Rows) (T, error)) []T {
	tb.Helper()
	var out []T
	ctx := sqldb.WithCouncil(context.Background(), council)
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	}); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return out
}

// Date is the date s, written as sqldb.DateLayout (2025-03-03), for a test's fixed dates; a mistake in the test's
// date panics.
func Date(s string) sqldb.Date {
	d, err := sqldb.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
