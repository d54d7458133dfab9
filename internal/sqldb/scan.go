package sqldb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"
	_ "time/tzdata" // Europe/London loads even where the system has no zone files
)

// DateLayout is how a calendar date (a date of birth, the date consent was given) is passed to either engine.
const DateLayout = "2006-01-02"

// Date is a calendar date with no time of day, such as a date of birth. The zero Date means "not recorded".
// PostgreSQL keeps it as DATE and SQLite as TEXT; Date reads both and writes the same text to both.
type Date struct{ time.Time }

// NewDate returns the date part of t.
func NewDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// UKDate is the calendar day in the UK at t: an event at half past midnight in summer belongs to that day, not
// to the day before as it would in UTC.
func UKDate(t time.Time) Date {
	t = t.In(london())
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// Today is today's date in the UK by the database's clock: the one answer every store and page gives to "what
// is the date?", for forms that default to today and rules that compare with it.
func (db *DB) Today() Date { return UKDate(db.Now()) }

// WithClock carries the database's clock in ctx, so that a page or an API handler knows today's date as the stores
// do (TodayIn) without asking a store for it.
func (db *DB) WithClock(ctx context.Context) context.Context {
	return context.WithValue(ctx, clockKey{}, db.clock)
}

type clockKey struct{}

// TodayIn is today's date in the UK by the clock ctx carries (DB.WithClock), or by the system's when it carries
// none: the date a form defaults to and a rule compares with.
func TodayIn(ctx context.Context) Date {
	clock, ok := ctx.Value(clockKey{}).(Clock)
	if !ok {
		clock = SystemClock
	}
	return UKDate(clock())
}

// Today is the UK date at the moment the transaction began (Tx.Now), so every row it writes agrees on the day.
func (tx *Tx) Today() Date { return UKDate(tx.Now()) }

// london is the UK's time zone, read once: time.LoadLocation reads the zone file each time it is called, and
// caseload pages ask for today's date many times. The zone data is embedded (time/tzdata), so it always loads.
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// London is the UK's time zone, for turning a UK day into instants.
func London() *time.Location { return london() }

// ParseDate reads a date in DateLayout.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

// String is the date in DateLayout, or "" when not recorded.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// Scan implements sql.Scanner.
func (d *Date) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = NewDate(v)
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	default:
		return fmt.Errorf("cannot read %T as a date", v)
	}
	return nil
}

func (d *Date) parse(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > len(DateLayout) {
		s = s[:len(DateLayout)]
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return fmt.Errorf("read date %q: %w", s, err)
	}
	*d = Date{t}
	return nil
}

// Value implements driver.Valuer: NULL when not recorded, otherwise the date as text.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.Format(DateLayout), nil
}
