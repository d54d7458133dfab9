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
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestInductionFollowsTheRecord(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		manager := peopletest.As(a.Staff[councils.TeamManager])
		starter := a.Staff[councils.Practitioner]
		today := dbtest.Date("2025-03-03")
		start := dbtest.Date("2025-02-03")
		courses, err := s.Courses(lead)
		if err != nil {
			t.Fatal(err)
		}
		steps := learning.DefaultPathway(courses, starter, start)
		kinds := map[learning.StepKind]int{}
		for _, st := range steps {
			kinds[st.Kind]++
		}
		if kinds[learning.Reading] != 1 || kinds[learning.Shadowing] != 1 || kinds[learning.FirstSupervision] != 1 || kinds[learning.CourseStep] != 4 {
			t.Fatalf("the default pathway for a practitioner: %v, want reading, shadowing, a first supervision and 4 courses (induction, skills, MSP, MCA)", kinds)
		}

		t.Run("only their manager or the quality lead sets it, and only once", func(t *testing.T) {
			if _, err := s.StartInduction(peopletest.As(a.SouthWorker), starter.ID, steps); err == nil {
				t.Error("a practitioner set a colleague's induction")
			}
			if _, err := s.StartInduction(peopletest.As(b.Staff[councils.QualityLead]), starter.ID, steps); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B set council A's starter's induction: %v", err)
			}
			bad := append([]learning.Step(nil), steps...)
			bad[0].DueOn = sqldb.Date{}
			bad[1].CourseID = "not-a-course"
			var ps validation.Problems
			if _, err := s.StartInduction(manager, starter.ID, bad); !errors.As(err, &ps) || len(ps) != 2 {
				t.Errorf("a pathway with mistakes: %v", err)
			}
			if _, err := s.StartInduction(manager, starter.ID, steps); err != nil {
				t.Fatal(err)
			}
			if _, err := s.StartInduction(lead, starter.ID, steps); !errors.As(err, &ps) || !strings.Contains(ps.Error(), "already has an induction pathway") {
				t.Errorf("a second pathway: %v", err)
			}
		})
		t.Run("steps are done when the record shows them, or when marked", func(t *testing.T) {
			p, err := s.Pathway(peopletest.As(starter), starter.ID)
			if err != nil {
				t.Fatal(err)
			}
			overdue := p.Overdue(today)
			if len(overdue) != 3 || overdue[0].Kind != learning.Reading || overdue[1].Kind != learning.CourseStep || overdue[2].Kind != learning.Shadowing {
				t.Fatalf("overdue four weeks in: %+v, want the first fortnight's reading, induction course and shadowing", overdue)
			}
			if done, total := p.Progress(); done != 0 || total != len(steps) {
				t.Errorf("progress %d of %d", done, total)
			}
			flagged, err := s.OverdueInduction(manager)
			if err != nil || len(flagged) != 1 || flagged[0].Staff.ID != starter.ID {
				t.Errorf("the manager's overdue starters: %+v, %v", flagged, err)
			}
			reading := p.Steps[0]
			if err := s.MarkStep(peopletest.As(starter), reading.ID, dbtest.Date("2025-03-04"), reading.Version); err == nil {
				t.Error("a step was marked done tomorrow")
			}
			if err := s.MarkStep(peopletest.As(a.SouthWorker), reading.ID, today, reading.Version); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("a colleague marked the starter's step: %v", err)
			}
			if err := s.MarkStep(peopletest.As(starter), reading.ID, today, reading.Version); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkStep(manager, reading.ID, sqldb.Date{}, reading.Version); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale mark was kept: %v", err)
			}
			var course, sup learning.Step
			for _, st := range p.Steps {
				switch {
				case st.Kind == learning.CourseStep && course.ID == "":
					course = st
				case st.Kind == learning.FirstSupervision:
					sup = st
				}
			}
			if err := s.MarkStep(manager, course.ID, today, course.Version); err == nil {
				t.Error("a course step was marked done by hand")
			}
			if _, err := s.ImportAttendance(lead, strings.NewReader("email,course,completed_on\n"+starter.Email+","+course.Title+",2025-02-20\n")); err != nil {
				t.Fatal(err)
			}
			if _, err := supervision.NewStore(db).Record(manager, supervision.Session{SuperviseeID: starter.ID, HeldOn: dbtest.Date("2025-02-28"),
				Kind: supervision.OneToOne, WentWell: "Settling in well"}, nil); err != nil {
				t.Fatal(err)
			}
			p, err = s.Pathway(manager, starter.ID)
			if err != nil {
				t.Fatal(err)
			}
			done := map[string]sqldb.Date{}
			for _, st := range p.Steps {
				done[st.ID] = st.DoneOn
			}
			if done[reading.ID] != today || done[course.ID] != dbtest.Date("2025-02-20") || done[sup.ID] != dbtest.Date("2025-02-28") {
				t.Errorf("done: reading %v, course %v, supervision %v", done[reading.ID], done[course.ID], done[sup.ID])
			}
			if left := p.Overdue(today); len(left) != 1 || left[0].Kind != learning.Shadowing {
				t.Errorf("still overdue: %+v, want only the shadowing", left)
			}
			if done, _ := p.Progress(); done != 3 {
				t.Errorf("%d steps done, want 3", done)
			}
			var shadowing learning.Step
			for _, st := range p.Steps {
				if st.Kind == learning.Shadowing {
					shadowing = st
				}
			}
			if err := s.MarkStep(manager, shadowing.ID, dbtest.Date("2025-02-14"), shadowing.Version); err != nil {
				t.Fatal(err)
			}
			if flagged, err := s.OverdueInduction(manager); err != nil || len(flagged) != 0 {
				t.Errorf("the manager's overdue starters once caught up: %+v, %v", flagged, err)
			}
		})
		t.Run("nobody else reads it", func(t *testing.T) {
			for name, who := range map[string]councils.Staff{"a colleague": a.SouthWorker, "council B's quality lead": b.Staff[councils.QualityLead]} {
				if _, err := s.Pathway(peopletest.As(who), starter.ID); !errors.Is(err, sqldb.ErrNotFound) {
					t.Errorf("%s read the starter's induction: %v", name, err)
				}
			}
			if paths, err := s.Pathways(peopletest.As(b.Staff[councils.QualityLead])); err != nil || len(paths) != 0 {
				t.Errorf("council B's quality lead follows %d starters (%v)", len(paths), err)
			}
		})
	})
}
