// Package insight holds the council's measures of its practice: one catalogue in which each measure is defined once
// (its name, its definition in plain English, what it counts and out of what, the records it reads and the seed or
// standard it comes from) and computed from the record, never from typed figures. The same definition serves the
// IQAM page, its CSV and the API. Every figure leaves the package through the disclosure rules: counts from 1 to 5
// are withheld and the rest rounded, so that no withheld count can be worked out from the others.
package insight

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Priority is one of the four priorities of the Integrated Quality Assurance Meeting (seeds/004, "Integrated
// Quality Assurance Meeting (IQAM)"), under which the IQAM page groups the measures.
type Priority string

// The IQAM's four priorities, in the framework's order.
const (
	PreventNeed         Priority = "prevent_need"
	PromoteIndependence Priority = "promote_independence"
	ImproveLives        Priority = "improve_lives"
	FinancialOversight  Priority = "financial_oversight"
)

// Priorities are the IQAM's priorities in the order its page shows them.
func Priorities() []Priority {
	return []Priority{PreventNeed, PromoteIndependence, ImproveLives, FinancialOversight}
}

// Label is the priority as the IQAM names it.
func (p Priority) Label() string {
	switch p {
	case PreventNeed:
		return "Prevent need"
	case PromoteIndependence:
		return "Promote independence"
	case ImproveLives:
		return "Improve lives"
	case FinancialOversight:
		return "Financial oversight"
	}
	return string(p)
}

// Kind is what a measure's figure is.
type Kind int

// The kinds of measure.
const (
	Share  Kind = iota + 1 // how many of the counted things meet the measure, out of all of them
	Count                  // how many things there are
	Median                 // the middle value of the counted things, with the 90th percentile beside it
	Total                  // the sum of the counted things' values, such as a weekly spend
	Rate                   // how many things there are per 100,000 of the council's population (Measure.per)
)

// Period is a span of whole days, From to To inclusive.
type Period struct {
	From, To sqldb.Date
}

// Quarter is the period of a quarter written as 2026-Q3: July to September 2026. Quarters are calendar quarters,
// as the Client Level Data return's are (standards.md §1.1).
func Quarter(s string) (Period, error) {
	y, q, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "-Q")
	year, err := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err != nil || err2 != nil || year < 2000 || year > 2100 || n < 1 || n > 4 {
		return Period{}, fmt.Errorf("%q is not a quarter: write the year and the quarter, such as 2026-Q3", s)
	}
	from := time.Date(year, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, time.UTC)
	return Period{From: sqldb.NewDate(from), To: sqldb.NewDate(from.AddDate(0, 3, -1))}, nil
}

// QuarterOf is the quarter that holds day.
func QuarterOf(day sqldb.Date) Period {
	p, _ := Quarter(fmt.Sprintf("%d-Q%d", day.Year(), (int(day.Month())-1)/3+1))
	return p
}

// Name is the period as a quarter's code (2026-Q3) when it is one, otherwise its two dates.
func (p Period) Name() string {
	if q := QuarterOf(p.From); q == p {
		return fmt.Sprintf("%d-Q%d", p.From.Year(), (int(p.From.Month())-1)/3+1)
	}
	return p.From.String() + " to " + p.To.String()
}

// Label is the period as a page shows it: "July to September 2026".
func (p Period) Label() string {
	if p.From.Year() == p.To.Year() {
		return p.From.Format("January") + " to " + p.To.Format("January 2006")
	}
	return p.From.Format("January 2006") + " to " + p.To.Format("January 2006")
}

// Before is the period of the same length just before p: the last quarter, for a quarter.
func (p Period) Before() Period {
	if QuarterOf(p.From) == p {
		return QuarterOf(sqldb.NewDate(p.From.AddDate(0, 0, -1)))
	}
	days := int(p.To.Sub(p.From.Time).Hours()/24) + 1
	return Period{From: sqldb.NewDate(p.From.AddDate(0, 0, -days)), To: sqldb.NewDate(p.From.AddDate(0, 0, -1))}
}

// YearBefore is the same period a year earlier.
func (p Period) YearBefore() Period {
	return Period{From: sqldb.NewDate(p.From.AddDate(-1, 0, 0)), To: sqldb.NewDate(p.To.AddDate(-1, 0, 0))}
}

// YearsTo is the n years that end with the period's last day: for 2026-Q3 and one year, October 2025 to September
// 2026.
func (p Period) YearsTo(n int) Period {
	return Period{From: sqldb.NewDate(p.To.AddDate(-n, 0, 1)), To: p.To}
}

// Holds says whether day falls in the period.
func (p Period) Holds(day sqldb.Date) bool {
	return !day.IsZero() && !day.Before(p.From.Time) && !day.After(p.To.Time)
}

// Months are the first days of the months the period touches, for a monthly series.
func (p Period) Months() []sqldb.Date {
	var out []sqldb.Date
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(p.To.Time); m = m.AddDate(0, 1, 0) {
		out = append(out, sqldb.NewDate(m))
	}
	return out
}

// Person is what a fact knows of the person it is about, for cutting a measure by protected characteristic: the
// equality fields of their record, as recorded (empty when not).
type Person struct {
	Born                                                 sqldb.Date
	Gender, Ethnicity, Disability, SupportReason, Client string
}

// AgeOn is the person's age in whole years on day, or -1 when their date of birth is not recorded.
func (p Person) AgeOn(day sqldb.Date) int {
	if p.Born.IsZero() {
		return -1
	}
	age := day.Year() - p.Born.Year()
	if day.Month() < p.Born.Month() || (day.Month() == p.Born.Month() && day.Day() < p.Born.Day()) {
		age--
	}
	return age
}

// AgeBand is the Client Level Data age band (standards.md §1.5) of someone aged age, "Not recorded" below zero.
func AgeBand(age int) string {
	switch {
	case age < 0:
		return "Not recorded"
	case age < 18:
		return "Under 18"
	case age < 25:
		return "18 to 24"
	case age < 45:
		return "25 to 44"
	case age < 65:
		return "45 to 64"
	case age < 75:
		return "65 to 74"
	case age < 85:
		return "75 to 84"
	case age < 95:
		return "85 to 94"
	}
	return "95 and above"
}

// Fact is one thing a measure counts: a contact, a review, a rating, a solution, a wait. On is the day it counts
// on (a period holds the fact when it holds that day); In says whether it meets a Share measure; Value is what a
// Median or Total measure takes from it; Group is the measure's own category it falls in (Measure.Groups), if any.
// PersonID and EpisodeID say whom, and which episode of theirs, it is about (EpisodeID "" when it has none), so
// that a figure can be followed to the people behind it by those who may see them.
type Fact struct {
	On        sqldb.Date
	TeamID    string
	PersonID  string
	EpisodeID string
	Person    Person
	In        bool
	Value     float64
	Group     string
}
