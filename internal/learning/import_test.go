package learning_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

const skills = "Strengths-based practice skills (MASOSS and ROPES)"

func TestImportedAttendanceMovesCoverage(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		manager := peopletest.As(a.Staff[councils.TeamManager])
		worker := a.Staff[councils.Practitioner]
		count := func() string {
			return dbtest.Numbers(t, db, a.Council.ID, []string{
				`SELECT count(*) FROM learning_session WHERE council_id = $1`,
				`SELECT count(*) FROM learning_booking WHERE council_id = $1`,
			}, a.Council.ID)
		}

		t.Run("a file with mistakes reports every one and saves nothing", func(t *testing.T) {
			if _, err := s.Courses(lead); err != nil {
				t.Fatal(err)
			}
			before := count()
			file := "email,course,completed_on\n" +
				worker.Email + "," + skills + ",2024-05-01\n" +
				"nobody@example.org," + skills + ",2024-05-01\n" +
				worker.Email + ",Basket weaving,2024-05-01\n" +
				worker.Email + "," + skills + ",31/02/2024\n" +
				worker.Email + "," + skills + ",2099-01-01\n" +
				worker.Email + "," + skills + ",01/05/2024\n"
			_, err := s.ImportAttendance(lead, strings.NewReader(file))
			var ps learning.ImportProblems
			if !errors.As(err, &ps) {
				t.Fatalf("a bad file was imported: %v", err)
			}
			want := map[int]string{3: "No member of staff has the email", 4: "No course in the catalogue is called \"Basket weaving\"",
				5: "must be a real date", 6: "is in the future", 7: "the same as line 2"}
			for _, p := range ps {
				if !strings.Contains(p.Message, want[p.Line]) || want[p.Line] == "" {
					t.Errorf("line %d: %q, want %q", p.Line, p.Message, want[p.Line])
				}
				delete(want, p.Line)
			}
			if len(want) > 0 {
				t.Errorf("problems not reported: %v", want)
			}
			if after := count(); after != before {
				t.Errorf("a refused file changed the record: %s → %s", before, after)
			}
			for _, bad := range []string{"", "name,when\nx,y\n", "email,course,completed_on\n"} {
				if _, err := s.ImportAttendance(lead, strings.NewReader(bad)); !errors.As(err, &ps) {
					t.Errorf("%q was imported: %v", bad, err)
				}
			}
		})
		t.Run("only the quality lead imports, and only their own council's staff", func(t *testing.T) {
			file := "email,course,completed_on\n" + worker.Email + "," + skills + ",2024-05-01\n"
			if _, err := s.ImportAttendance(manager, strings.NewReader(file)); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a team manager imported: %v", err)
			}
			var ps learning.ImportProblems
			if _, err := s.ImportAttendance(peopletest.As(b.Staff[councils.QualityLead]), strings.NewReader(file)); !errors.As(err, &ps) {
				t.Errorf("council B imported council A's member of staff: %v", err)
			}
		})
		t.Run("imported completions count, and importing again adds nothing", func(t *testing.T) {
			before, err := s.CoverageFor(lead, "")
			if err != nil {
				t.Fatal(err)
			}
			file := "Email,Course,Completed_on,Trainer_email\n" +
				worker.Email + "," + strings.ToUpper(skills) + ",2024-05-01," + a.Staff[councils.TeamManager].Email + "\n" +
				a.Staff[councils.TeamManager].Email + "," + skills + ",01/05/2024,\n" +
				a.SouthWorker.Email + "," + skills + ",2022-01-10,\n"
			got, err := s.ImportAttendance(lead, strings.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			if got != (learning.Imported{Completions: 3, Sessions: 2}) {
				t.Errorf("imported %+v, want 3 completions on 2 sessions", got)
			}
			again, err := s.ImportAttendance(lead, strings.NewReader(file))
			if err != nil || again != (learning.Imported{AlreadyRecorded: 3}) {
				t.Errorf("importing again: %+v, %v; want all 3 already recorded", again, err)
			}
			after, err := s.CoverageFor(lead, a.North.ID)
			if err != nil {
				t.Fatal(err)
			}
			i := courseIndex(t, after, skills)
			if tb, ta := tally(t, before, "North", i), tally(t, after, "North", i); ta.Trained != tb.Trained+2 || ta.Never != tb.Never-2 {
				t.Errorf("North's skills coverage went from %+v to %+v, want two more trained", tb, ta)
			}
			if south := tally(t, after, "South", i); south.Overdue != 1 || south.Trained != 0 {
				t.Errorf("South's skills coverage: %+v, want its worker overdue (completed over three years ago)", south)
			}
			var rows int
			for _, row := range after.Staff {
				if row.Staff.ID == worker.ID && row.Standings[i] == learning.Trained && row.Last[i] == dbtest.Date("2024-05-01") {
					rows++
				}
				if row.Staff.ID == a.SouthWorker.ID {
					t.Error("North's staff list names the south worker")
				}
			}
			if rows != 1 {
				t.Errorf("North's staff list does not show the practitioner trained on 1 May 2024: %+v", after.Staff)
			}
			mine, err := s.MyTraining(peopletest.As(worker))
			if err != nil || len(mine.Staff) != 1 || mine.Staff[0].Standings[courseIndex(t, mine, skills)] != learning.Trained {
				t.Errorf("the practitioner's own training: %+v, %v", mine, err)
			}
		})
		t.Run("a team manager reads their own teams' coverage only", func(t *testing.T) {
			cov, err := s.CoverageFor(manager, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(cov.Teams) != 1 || cov.Teams[0].Team.ID != a.North.ID {
				t.Errorf("the north manager reads %d teams", len(cov.Teams))
			}
			if _, err := s.CoverageFor(manager, a.South.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("the north manager read the south team's staff: %v", err)
			}
			if _, err := s.CoverageFor(peopletest.As(worker), ""); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner read the council's coverage: %v", err)
			}
			theirs, err := s.CoverageFor(peopletest.As(b.Staff[councils.QualityLead]), "")
			if err != nil {
				t.Fatal(err)
			}
			for _, team := range theirs.Teams {
				for _, c := range team.Courses {
					if c.Trained > 0 || c.Overdue > 0 {
						t.Errorf("council B's coverage counts council A's completions: %s %+v", team.Team.Name, c)
					}
				}
			}
			if _, err := s.CoverageFor(peopletest.As(b.Staff[councils.QualityLead]), a.North.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B read council A's team: %v", err)
			}
		})
	})
}

func courseIndex(t *testing.T, cov learning.Coverage, name string) int {
	t.Helper()
	for i, c := range cov.Courses {
		if c.Name == name {
			return i
		}
	}
	t.Fatalf("no course %q in coverage", name)
	return -1
}

func tally(t *testing.T, cov learning.Coverage, team string, course int) learning.Tally {
	t.Helper()
	for _, tc := range cov.Teams {
		if tc.Team.Name == team {
			return tc.Courses[course]
		}
	}
	t.Fatalf("no team %q in coverage", team)
	return learning.Tally{}
}
