package sqldb_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// FuzzParseDate: a stored date is refused, or read as a date that writes back as the same text (but for the first
// day of year 1, which is a Date's "not recorded").
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-03", "2024-02-29", "2023-02-29", "2026-13-01", "26-12-03", "2026-12-3", "", "0000-01-01", "9999-12-31", "2026-12-03T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := sqldb.ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() {
			return // 0001-01-01 is Go's zero time, which a Date reads as "not recorded"
		}
		if d.String() != s {
			t.Fatalf("%q read as %v, which writes as %q", s, d, d.String())
		}
	})
}

// FuzzParseURL: a database address is refused with an error, or names an engine.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"sqlite:data/golden.db", "postgres://gt@localhost/gt", "postgresql://x", "mysql://x", "", "sqlite:", "file:x.db", "postgres://%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, _, err := sqldb.ParseURL(s)
		if err == nil && e != sqldb.SQLite && e != sqldb.Postgres {
			t.Fatalf("%q accepted as engine %q", s, e)
		}
	})
}
