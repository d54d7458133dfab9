package insight_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The measure of staff trained in strengths-based practice counts what coverage counts, on the period's last day.
func TestStaffTrainedCountsCurrentTrainingOnThePeriodsLastDay(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		for _, c := range []peopletest.Council{a, b} {
			if _, err := s.Courses(peopletest.As(c.Staff[councils.QualityLead])); err != nil {
				t.Fatal(err)
			}
		}
		skills := "Strengths-based practice skills (MASOSS and ROPES)"
		// Three years' refresh: trained in 2024 is current at the end of Q3 2026; the south worker's 2023 completion
		// lapsed in 2026-02; the manager completed it only after the quarter.
		file := "email,course,completed_on\n" +
			a.Staff[councils.Practitioner].Email + "," + skills + ",2024-05-01\n" +
			a.SouthWorker.Email + "," + skills + ",2023-02-01\n" +
			a.Staff[councils.TeamManager].Email + "," + skills + ",2026-10-05\n"
		if _, err := s.ImportAttendance(peopletest.As(a.Staff[councils.QualityLead]), strings.NewReader(file)); err != nil {
			t.Fatal(err)
		}
		byTeam, all := tally(t, db, a.Council.ID, "staff-trained-strengths-based", insight.ByTeam)
		if all.Of != 3 || all.In != 1 {
			t.Errorf("council A: %d of %d trained, want 1 of 3 (the practitioner, not the lapsed south worker or the manager trained later)", all.In, all.Of)
		}
		teams := map[string]insight.Tally{}
		for _, row := range byTeam {
			teams[row.Key] = row
		}
		if n, s := teams[a.North.ID], teams[a.South.ID]; n.Of != 2 || n.In != 1 || s.Of != 1 || s.In != 0 {
			t.Errorf("by team: north %d of %d, south %d of %d", n.In, n.Of, s.In, s.Of)
		}
		if _, theirs := tally(t, db, b.Council.ID, "staff-trained-strengths-based", insight.Whole); theirs.In != 0 || theirs.Of != 3 {
			t.Errorf("council B: %d of %d trained, want none of its own 3", theirs.In, theirs.Of)
		}
	})
}
