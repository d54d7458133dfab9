package workforcepage

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/workforce"
)

func TestGaps(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		gap   float64
		text  string
		short bool
	}{{-2.26, "−2.3 short", true}, {-0.04, "0.0", false}, {0.04, "0.0", false}, {1.5, "+1.5 spare", false}} {
		if g := gapOf(c.gap); g.Text != c.text || g.Short != c.short {
			t.Errorf("gap %.2f shown as %+v", c.gap, g)
		}
	}
}

// The headline names the teams short of practitioners, rather than letting one team's spare staff hide another's
// shortage.
func TestHeadline(t *testing.T) {
	t.Parallel()
	team := func(name string, need float64, has int) workforce.Need {
		return workforce.Need{TeamID: name, TeamName: name, Practitioners: need, Supervisors: need / 8, Has: workforce.Staffing{Practitioners: has, Supervisors: 1}}
	}
	const all = "All teams together need 4.0 full-time practitioners and 0.5 supervisors for this work; they have 4 practitioners and 2 supervisors in post."
	for _, c := range []struct {
		name  string
		needs []workforce.Need
		want  string
	}{
		{"none short", []workforce.Need{team("North", 2, 2), team("South", 2, 2)}, all + " No team is short of practitioners."},
		{"one short, hidden by another's spare", []workforce.Need{team("North", 3, 2), team("South", 1, 2)}, all + " One team is short of practitioners: North by 1.0."},
		{"work with no team is not a team short", []workforce.Need{team("North", 2, 2), team("South", 1, 1), {TeamName: "No team recorded", Practitioners: 1}},
			strings.NewReplacer("0.5 supervisors", "0.4 supervisors", "4 practitioners and", "3 practitioners and").Replace(all) + " No team is short of practitioners."},
		{"two short", []workforce.Need{team("North", 2.5, 1), team("South", 1.5, 1), team("Front door", 0, 2)},
			strings.Replace(all, "2 supervisors", "3 supervisors", 1) + " 2 teams are short of practitioners, by 2.0 in all: North by 1.5, South by 0.5."},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := headline(workforce.Sum(c.needs), c.needs); got != c.want {
				t.Errorf("headline\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestAssumptionsAreMarked(t *testing.T) {
	t.Parallel()
	a := workforce.Assumptions{ReviewMinutes: 90, WithPeoplePercent: 40, HoursPerWeek: 36.5}
	for _, c := range []struct {
		study, share, source string
	}{
		{"", "40%", "Assumed"},
		{"Spring practice study", "40% where the study kept no diaries for a team", "Observed in Spring practice study"},
	} {
		var found bool
		for _, x := range assumptionsOf(a, c.study) {
			switch x.Label {
			case "Share of a practitioner’s time with people or on their casework":
				found = true
				if x.Value != c.share || x.Source != c.source || x.Observed != (c.study != "") {
					t.Errorf("with study %q, the share shows as %+v", c.study, x)
				}
			case "Time for each review":
				if x.Value != "90 minutes" || x.Source != "Assumed" {
					t.Errorf("the review's time shows as %+v", x)
				}
			case "Contracted hours of a full-time member of staff":
				if x.Value != "36.5 hours a week" {
					t.Errorf("contracted hours show as %+v", x)
				}
			}
		}
		if !found {
			t.Error("the share of time with people is not listed")
		}
	}
}
