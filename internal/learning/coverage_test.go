package learning_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestStandingOn(t *testing.T) {
	t.Parallel()
	every2 := learning.Course{RefreshMonths: 24}
	once := learning.Course{}
	day := dbtest.Date("2025-03-03")
	tests := []struct {
		name   string
		course learning.Course
		last   string
		want   learning.Standing
	}{
		{"never completed", every2, "", learning.NeverTrained},
		{"never completed a course that is never refreshed", once, "", learning.NeverTrained},
		{"completed once, never to be refreshed", once, "2001-01-01", learning.Trained},
		{"completed last month", every2, "2025-02-03", learning.Trained},
		{"lapses in three months and a day: still trained", every2, "2023-06-04", learning.Trained},
		{"lapses in exactly three months: due to refresh", every2, "2023-06-03", learning.DueToRefresh},
		{"lapses tomorrow: due to refresh", every2, "2023-03-04", learning.DueToRefresh},
		{"lapses today: overdue", every2, "2023-03-03", learning.Overdue},
		{"lapsed a year ago", every2, "2022-03-03", learning.Overdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var last sqldb.Date
			if tt.last != "" {
				last = dbtest.Date(tt.last)
			}
			got := learning.StandingOn(tt.course, last, day)
			if got != tt.want {
				t.Errorf("StandingOn(refresh %d months, last %s, %s) = %q, want %q", tt.course.RefreshMonths, tt.last, day, got, tt.want)
			}
			if got.Current() != (tt.want == learning.Trained || tt.want == learning.DueToRefresh) {
				t.Errorf("%q counts as current: %v", got, got.Current())
			}
		})
	}
}

func TestCoverageCountsEachRequiredMemberOfStaffOnceATeam(t *testing.T) {
	t.Parallel()
	day := dbtest.Date("2025-03-03")
	north, south := councils.Team{ID: "n", Name: "North"}, councils.Team{ID: "s", Name: "South"}
	skills := learning.Course{ID: "skills", Name: "Skills", RefreshMonths: 24, Audience: learning.Audience{Roles: []councils.Role{councils.Practitioner}}}
	induction := learning.Course{ID: "induction", Name: "Induction", Audience: learning.Audience{NewStarters: true}}
	nobody := learning.Course{ID: "optional", Name: "Optional"}
	retired := learning.Course{ID: "retired", Name: "Retired", Retired: true, Audience: learning.Audience{Roles: []councils.Role{councils.Practitioner}}}
	staff := []councils.Staff{
		{ID: "ann", Role: councils.Practitioner, TeamIDs: []string{"n"}},
		{ID: "bob", Role: councils.Practitioner, TeamIDs: []string{"n", "s"}},
		{ID: "cat", Role: councils.Practitioner, TeamIDs: []string{"s"}},
		{ID: "dan", Role: councils.TeamManager, TeamIDs: []string{"n"}},
		{ID: "eve", Role: councils.Practitioner, TeamIDs: []string{"s"}, DisabledAt: day.Time},
	}
	last := map[string]map[string]sqldb.Date{
		"ann": {"skills": dbtest.Date("2025-01-10")},
		"bob": {"skills": dbtest.Date("2023-04-01"), "induction": dbtest.Date("2025-02-01")},
		"cat": {"skills": dbtest.Date("2021-01-01")},
		"eve": {"skills": dbtest.Date("2025-01-10")},
	}
	inducted := map[string]map[string]bool{"bob": {"induction": true}, "dan": {"induction": true}}
	cov := learning.CoverageOf(day, []learning.Course{induction, nobody, retired, skills}, staff, []councils.Team{north, south}, last, inducted,
		func(st councils.Staff) bool { return st.InTeam("n") })

	if len(cov.Courses) != 2 || cov.Courses[0].ID != "induction" || cov.Courses[1].ID != "skills" {
		t.Fatalf("courses: %+v, want induction and skills (not the optional or retired ones)", cov.Courses)
	}
	want := map[string][]learning.Tally{
		"North":   {{Required: 2, Trained: 1, Never: 1}, {Required: 2, Trained: 1, Due: 1}},
		"South":   {{Required: 1, Trained: 1}, {Required: 2, Due: 1, Overdue: 1}},
		"council": {{Required: 2, Trained: 1, Never: 1}, {Required: 3, Trained: 1, Due: 1, Overdue: 1}},
	}
	for _, team := range cov.Teams {
		for i, got := range team.Courses {
			if got != want[team.Team.Name][i] {
				t.Errorf("%s, %s: %+v, want %+v", team.Team.Name, cov.Courses[i].Name, got, want[team.Team.Name][i])
			}
		}
	}
	for i, got := range cov.Council {
		if got != want["council"][i] {
			t.Errorf("the council, %s: %+v, want %+v (bob once, eve's disabled account not at all)", cov.Courses[i].Name, got, want["council"][i])
		}
	}
	if p, ok := cov.Council[1].Percent(); !ok || p != 67 {
		t.Errorf("the council's share trained in skills: %d%% (%v), want 67%%", p, ok)
	}
	if _, ok := (learning.Tally{}).Percent(); ok {
		t.Error("a share of nobody was given")
	}
	var listed []string
	for _, row := range cov.Staff {
		listed = append(listed, row.Staff.ID)
	}
	if len(listed) != 3 || listed[0] != "ann" || listed[1] != "bob" || listed[2] != "dan" {
		t.Errorf("North's staff listed: %v, want ann, bob and dan", listed)
	}
	if dan := cov.Staff[2]; dan.Standings[0] != learning.NeverTrained || dan.Standings[1] != learning.NotRequired {
		t.Errorf("dan's standings: %v, want never trained in induction and skills not required of a manager", dan.Standings)
	}
}

// Coverage is kept between reads while nothing it comes from changes: each change to the record is seen at once.
func TestKeptCoverageFollowsEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		admin := councils.WithStaff(t.Context(), a.Staff[councils.Administrator])
		cs := councils.NewStore(db)
		required := func() int {
			t.Helper()
			cov, err := s.CoverageFor(lead, "")
			if err != nil {
				t.Fatal(err)
			}
			return cov.Council[courseIndex(t, cov, skills)].Required
		}
		trained := func() int {
			t.Helper()
			cov, err := s.CoverageFor(lead, a.South.ID)
			if err != nil {
				t.Fatal(err)
			}
			return cov.Council[courseIndex(t, cov, skills)].Current()
		}
		if n := required(); n != 3 || required() != 3 {
			t.Fatalf("required of %d, want the two practitioners and the manager", n)
		}
		if _, err := s.ImportAttendance(lead, strings.NewReader("email,course,completed_on\n"+a.SouthWorker.Email+","+skills+",2025-01-10\n")); err != nil {
			t.Fatal(err)
		}
		if n := trained(); n != 1 {
			t.Errorf("after an import, %d trained, want 1", n)
		}
		if _, err := cs.CreateStaff(sqldb.WithCouncil(t.Context(), a.Council.ID), councils.NewStaff{Email: "another@example.org", Name: "Another Practitioner",
			Role: councils.Practitioner, TeamIDs: []string{a.South.ID}}); err != nil {
			t.Fatal(err)
		}
		if n := required(); n != 4 {
			t.Errorf("after a new practitioner, required of %d, want 4", n)
		}
		south := a.SouthWorker
		current, err := cs.StaffByID(admin, south.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := cs.UpdateStaff(admin, south.ID, councils.StaffChange{Name: south.Name, Role: councils.DirectoryEditor, TeamIDs: current.TeamIDs,
			Version: current.Version}); err != nil {
			t.Fatal(err)
		}
		if n, tr := required(), trained(); n != 3 || tr != 0 {
			t.Errorf("after the south worker's role changed, required of %d and %d trained, want 3 and 0", n, tr)
		}
	})
}
