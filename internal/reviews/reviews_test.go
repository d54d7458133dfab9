package reviews

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func d(t *testing.T, s string) sqldb.Date {
	t.Helper()
	if s == "" {
		return sqldb.Date{}
	}
	date, err := sqldb.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return date
}

func TestNextReview(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         Intervals
		planAgreed string
		shortEnds  []string
		lastReview string
		want       string
	}{
		{"first review 8 weeks after the plan", DefaultIntervals(), "2026-01-05", nil, "", "2026-03-02"},
		{"first review 6 weeks when the council chooses", Intervals{FirstReviewWeeks: 6, RegularMonths: 12}, "2026-01-05", nil, "", "2026-02-16"},
		{"short-term service ends sooner", DefaultIntervals(), "2026-01-05", []string{"2026-02-01", "2026-02-20"}, "", "2026-02-01"},
		{"short-term service ends later", DefaultIntervals(), "2026-01-05", []string{"2026-06-01"}, "", "2026-03-02"},
		{"zero short-term end ignored", DefaultIntervals(), "2026-01-05", []string{""}, "", "2026-03-02"},
		{"reviewed since: 12 months on", DefaultIntervals(), "2026-01-05", nil, "2026-03-02", "2027-03-02"},
		{"reviewed since, short-term ends first", DefaultIntervals(), "2026-01-05", []string{"2026-08-31"}, "2026-03-02", "2026-08-31"},
		{"review before the plan was agreed", DefaultIntervals(), "2026-04-01", nil, "2026-03-02", "2026-05-27"},
		{"review on the day the plan was agreed", DefaultIntervals(), "2026-03-02", nil, "2026-03-02", "2026-04-27"},
		{"6 months regularly", Intervals{FirstReviewWeeks: 8, RegularMonths: 6}, "2025-01-05", nil, "2025-03-02", "2025-09-02"},
		{"31 January plus 1 month", Intervals{FirstReviewWeeks: 8, RegularMonths: 1}, "2025-01-01", nil, "2025-01-31", "2025-02-28"},
		{"31 January plus 1 month in a leap year", Intervals{FirstReviewWeeks: 8, RegularMonths: 1}, "2028-01-01", nil, "2028-01-31", "2028-02-29"},
		{"29 February plus 12 months", DefaultIntervals(), "2028-01-01", nil, "2028-02-29", "2029-02-28"},
		{"31 August plus 1 month", Intervals{FirstReviewWeeks: 8, RegularMonths: 1}, "2026-01-01", nil, "2026-08-31", "2026-09-30"},
		{"31 December plus 2 months crosses the year", Intervals{FirstReviewWeeks: 8, RegularMonths: 2}, "2026-01-01", nil, "2026-12-31", "2027-02-28"},
		{"31 October plus 12 months", DefaultIntervals(), "2026-01-01", nil, "2026-10-31", "2027-10-31"},
		{"zero intervals use the defaults", Intervals{}, "2026-01-05", nil, "", "2026-03-02"},
		{"no plan, last review", DefaultIntervals(), "", nil, "2026-03-02", "2027-03-02"},
		{"no plan, only a short-term service", DefaultIntervals(), "", []string{"2026-05-05"}, "", "2026-05-05"},
		{"nothing at all", DefaultIntervals(), "", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ends []sqldb.Date
			for _, e := range tt.shortEnds {
				ends = append(ends, d(t, e))
			}
			got := NextReview(tt.in, d(t, tt.planAgreed), ends, d(t, tt.lastReview))
			if got.String() != tt.want {
				t.Errorf("NextReview = %q, want %q", got.String(), tt.want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2025-05-31", 1, "2025-06-30"},
		{"2025-01-15", 1, "2025-02-15"},
		{"2025-11-30", 3, "2026-02-28"},
		{"2025-01-31", 0, "2025-01-31"},
		{"", 1, ""},
	}
	for _, tt := range tests {
		if got := AddMonths(d(t, tt.from), tt.n).String(); got != tt.want {
			t.Errorf("AddMonths(%s, %d) = %q, want %q", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		due, today string
		want       DueStatus
	}{
		{"", "2026-03-01", NotScheduled},
		{"2026-03-31", "2026-03-01", NotDue},
		{"2026-03-16", "2026-03-01", NotDue},
		{"2026-03-15", "2026-03-01", Due},
		{"2026-03-02", "2026-03-01", Due},
		{"2026-03-01", "2026-03-01", Due},
		{"2026-02-28", "2026-03-01", Overdue},
		{"2025-03-01", "2026-03-01", Overdue},
	}
	for _, tt := range tests {
		if got := Status(d(t, tt.due), d(t, tt.today)); got != tt.want {
			t.Errorf("Status(due %s, today %s) = %s, want %s", tt.due, tt.today, got, tt.want)
		}
	}
	for _, s := range []DueStatus{NotScheduled, NotDue, Due, Overdue} {
		if s.Label() == string(s) {
			t.Errorf("%q has no label", s)
		}
	}
}

func TestServiceDecisions(t *testing.T) {
	t.Parallel()
	for _, sd := range ServiceDecisions() {
		if got, err := ParseServiceDecision(string(sd)); err != nil || got != sd || sd.Label() == string(sd) {
			t.Errorf("decision %q: %q, %v, label %q", sd, got, err, sd.Label())
		}
	}
	if _, err := ParseServiceDecision("pause"); err == nil {
		t.Error("ParseServiceDecision(pause) did not fail")
	}
}
