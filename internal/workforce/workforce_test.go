package workforce_test

import (
	"math"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// simple are assumptions that make the sums easy to follow: an hour for each activity, 40 hours a week with no leave
// or training (173.3 hours a month), 13.3 hours of supervision (leaving 160), half of the time with people, five
// practitioners to a supervisor.
var simple = workforce.Assumptions{ContactMinutes: 60, ConversationMinutes: 60, PlanMinutes: 60, ReviewMinutes: 60, SafeguardingMinutes: 60,
	SupervisionMinutes: 800, WithPeoplePercent: 50, HoursPerWeek: 40, Span: 5}

// team is a team's volumes of n of each activity in each of months months.
func team(id string, months, n int) workforce.TeamVolumes {
	t := workforce.TeamVolumes{TeamID: id, TeamName: id}
	for i := range months {
		v := workforce.Volumes{Counts: map[workforce.Activity]int{}}
		for _, a := range workforce.Activities() {
			v.Counts[a] = n
		}
		t.Months = append(t.Months, workforce.MonthVolumes{Month: time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC), Volumes: v})
	}
	return t
}

func TestCalculate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		teams         []workforce.TeamVolumes
		months        int
		has           map[string]workforce.Staffing
		assume        workforce.Assumptions
		observed      map[string]workforce.ObservedTeam
		direct        float64
		share         float64
		shareObserved bool
		practitioners float64
		supervisors   float64
		gap           float64
	}{
		{name: "no work needs no one, and the staff it has are spare", teams: []workforce.TeamVolumes{team("north", 12, 0)}, months: 12,
			has: map[string]workforce.Staffing{"north": {Practitioners: 3, Supervisors: 1}}, assume: simple, share: 0.5, gap: 3},
		// 16 of each of 5 activities a month at an hour each = 80 direct hours; at half the time with people 160 hours
		// of casework; 160 available after supervision: one practitioner; a fifth of a supervisor.
		{name: "volumes times time over the share with people, per hour left after supervision", teams: []workforce.TeamVolumes{team("north", 12, 16)},
			months: 12, has: map[string]workforce.Staffing{"north": {Practitioners: 1, Supervisors: 1}}, assume: simple,
			direct: 80, share: 0.5, practitioners: 1, supervisors: 0.2, gap: 0},
		{name: "a team with no staff needs them all", teams: []workforce.TeamVolumes{team("south", 3, 32)}, months: 3, assume: simple,
			direct: 160, share: 0.5, practitioners: 2, supervisors: 0.4, gap: -2},
		// Diaries show a quarter of the time with people: twice the casework hours of the assumed half.
		{name: "an observed share replaces the assumption", teams: []workforce.TeamVolumes{team("north", 12, 16)}, months: 12, assume: simple,
			observed: map[string]workforce.ObservedTeam{"north": {TeamID: "north", Minutes: map[string]int{"with_people": 100, "travel": 150, "recording": 150}, Days: 5, Diarists: 2}},
			direct:   80, share: 0.25, shareObserved: true, practitioners: 2, supervisors: 0.4, gap: -2},
		{name: "another team's observations leave the assumption", teams: []workforce.TeamVolumes{team("north", 12, 16)}, months: 12, assume: simple,
			observed: map[string]workforce.ObservedTeam{"south": {TeamID: "south", Minutes: map[string]int{"with_people": 100, "travel": 300}}},
			direct:   80, share: 0.5, practitioners: 1, supervisors: 0.2, gap: -1},
		{name: "diaries with no time recorded leave the assumption", teams: []workforce.TeamVolumes{team("north", 12, 16)}, months: 12, assume: simple,
			observed: map[string]workforce.ObservedTeam{"north": {TeamID: "north", Minutes: map[string]int{}}},
			direct:   80, share: 0.5, practitioners: 1, supervisors: 0.2, gap: -1},
		{name: "no months counted gives no work", teams: []workforce.TeamVolumes{{TeamID: "north"}}, months: 0, assume: simple, share: 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			needs := workforce.Calculate(c.teams, c.months, c.has, c.assume, c.observed)
			if len(needs) != len(c.teams) {
				t.Fatalf("%d needs for %d teams", len(needs), len(c.teams))
			}
			n := needs[0]
			for _, f := range []struct {
				what      string
				got, want float64
			}{{"direct hours", n.DirectHours, c.direct}, {"share", n.Share, c.share}, {"practitioners", n.Practitioners, c.practitioners},
				{"supervisors", n.Supervisors, c.supervisors}, {"practitioner gap", n.PractitionerGap(), c.gap}} {
				if math.Abs(f.got-f.want) > 0.001 {
					t.Errorf("%s = %.3f, want %.3f", f.what, f.got, f.want)
				}
			}
			if n.ShareObserved != c.shareObserved {
				t.Errorf("share observed = %v, want %v", n.ShareObserved, c.shareObserved)
			}
			if want := n.Practitioners * float64(c.assume.SupervisionMinutes) / 60; math.Abs(n.SupervisionHours-want) > 0.001 {
				t.Errorf("supervision hours = %.3f, want %.3f", n.SupervisionHours, want)
			}
		})
	}
}

func TestSumAddsTeams(t *testing.T) {
	t.Parallel()
	needs := workforce.Calculate([]workforce.TeamVolumes{team("north", 12, 16), team("south", 12, 32)}, 12,
		map[string]workforce.Staffing{"north": {Practitioners: 1}, "south": {Practitioners: 1, Supervisors: 1}}, simple, nil)
	s := workforce.Sum(needs)
	if math.Abs(s.Practitioners-3) > 0.001 || s.Has.Practitioners != 2 || s.Has.Supervisors != 1 || math.Abs(s.Monthly[workforce.Review]-48) > 0.001 {
		t.Errorf("sum = %+v", s)
	}
	if math.Abs(s.Share-0.5) > 0.001 {
		t.Errorf("share of the sum = %.3f, want 0.5", s.Share)
	}
}

func TestDefaultsFollowThePolicy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		weeks, minutes int
	}{{0, 98}, {4, 98}, {2, 195}, {6, 65}} {
		p := supervision.Policy{ByRole: map[councils.Role]int{}}
		if c.weeks > 0 {
			p.ByRole[councils.Practitioner] = c.weeks
		}
		a := workforce.Defaults(p)
		if a.SupervisionMinutes != c.minutes {
			t.Errorf("every %d weeks: %d minutes a month, want %d", c.weeks, a.SupervisionMinutes, c.minutes)
		}
		if ps := a.Validate(); len(ps) > 0 {
			t.Errorf("the defaults are refused: %v", ps)
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		change func(*workforce.Scenario)
		field  string
	}{
		{"a name", func(s *workforce.Scenario) { s.Name = "" }, "name"},
		{"negative minutes", func(s *workforce.Scenario) { s.Assumptions.ReviewMinutes = -1 }, "minutes_review"},
		{"a share of nothing", func(s *workforce.Scenario) { s.Assumptions.WithPeoplePercent = 0 }, "with_people_percent"},
		{"too many hours", func(s *workforce.Scenario) { s.Assumptions.HoursPerWeek = 60 }, "hours_per_week"},
		{"no span", func(s *workforce.Scenario) { s.Assumptions.Span = 0 }, "span"},
		{"leave of most of the year", func(s *workforce.Scenario) { s.Assumptions.LeavePercent = 80 }, "leave_percent"},
		{"supervision that fills the month", func(s *workforce.Scenario) { s.Assumptions.SupervisionMinutes = 2400; s.Assumptions.HoursPerWeek = 5 }, "supervision_minutes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := workforce.Scenario{Name: "Current", Assumptions: simple}
			if ps := s.Validate(); len(ps) > 0 {
				t.Fatalf("the valid scenario is refused: %v", ps)
			}
			c.change(&s)
			ps := s.Validate()
			if len(ps) != 1 || ps[0].Field != c.field {
				t.Errorf("problems %v, want one on %s", ps, c.field)
			}
		})
	}
}

func TestLastFullMonths(t *testing.T) {
	t.Parallel()
	p := workforce.LastFullMonths(dbtest.Date("2025-03-03"), 12)
	if p.From != dbtest.Date("2024-03-01") || p.To != dbtest.Date("2025-02-28") || len(p.Months()) != 12 {
		t.Errorf("period %v to %v, %d months", p.From, p.To, len(p.Months()))
	}
	if got := p.Label(); got != "March 2024 to February 2025" {
		t.Errorf("label %q", got)
	}
}
