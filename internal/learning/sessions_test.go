package learning_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// courseNamed finds a default course by the start of its name.
func courseNamed(t *testing.T, cs []learning.Course, prefix string) learning.Course {
	t.Helper()
	for _, c := range cs {
		if strings.HasPrefix(c.Name, prefix) {
			return c
		}
	}
	t.Fatalf("no course %q", prefix)
	return learning.Course{}
}

func problemOn(err error, field string) string {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return ""
	}
	for _, p := range ps {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// TestSessionsBookingsAttendanceAndEvaluation runs one course through its life on both engines: the trainer rule
// refuses an untrained trainer until they complete train-the-trainer; bookings fill the places and then wait; a
// cancellation gives the place to the first waiting; attendance is marked with versions; the learner evaluates; and
// council B sees none of it.
func TestSessionsBookingsAttendanceAndEvaluation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		lead, worker, manager, south := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.Practitioner]),
			peopletest.As(a.Staff[councils.TeamManager]), peopletest.As(a.SouthWorker)
		cs, err := s.Courses(lead)
		if err != nil {
			t.Fatal(err)
		}
		skills, ttt := courseNamed(t, cs, "Strengths-based practice skills"), courseNamed(t, cs, "Train the trainer")
		today := db.Today()
		trainerID := a.Staff[councils.TeamManager].ID
		plan := learning.Session{CourseID: skills.ID, HeldOn: today, StartsAt: "09:30", EndsAt: "16:00", Place: "Town hall", Capacity: 1, TrainerIDs: []string{trainerID}}
		if _, err := s.PlanSession(lead, plan); !strings.Contains(problemOn(err, "trainers"), "Test Team manager has not completed train-the-trainer") {
			t.Fatalf("an untrained trainer: %v", err)
		}
		if _, err := s.PlanSession(worker, plan); !errors.Is(err, sqldb.ErrForbidden) {
			t.Fatalf("a practitioner planned a session: %v", err)
		}
		// The team manager completes train-the-trainer, given by the quality lead (it needs no trained trainer).
		course, err := s.PlanSession(lead, learning.Session{CourseID: ttt.ID, HeldOn: today, StartsAt: "09:00", EndsAt: "17:00", Online: true, Capacity: 4,
			TrainerIDs: []string{a.Staff[councils.QualityLead].ID}})
		if err != nil {
			t.Fatal(err)
		}
		tb, err := s.Book(manager, course.ID, "")
		if err != nil || tb.Place != learning.Booked {
			t.Fatalf("book train-the-trainer: %+v, %v", tb, err)
		}
		if err := s.MarkAttendance(lead, course.ID, []learning.Marking{{BookingID: tb.ID, Mark: learning.Completed, Version: tb.Version}}); err != nil {
			t.Fatal(err)
		}
		x, err := s.PlanSession(lead, plan)
		if err != nil {
			t.Fatalf("a trained trainer was refused: %v", err)
		}

		// Bookings: the first takes the one place; the second waits; booking twice is refused.
		first, err := s.Book(worker, x.ID, "")
		if err != nil || first.Place != learning.Booked {
			t.Fatalf("first booking: %+v, %v", first, err)
		}
		if _, err := s.Book(worker, x.ID, ""); problemOn(err, "staff_id") == "" {
			t.Fatalf("booking twice: %v", err)
		}
		if _, err := s.Book(worker, x.ID, a.SouthWorker.ID); problemOn(err, "staff_id") == "" {
			t.Fatalf("a practitioner booked someone else: %v", err)
		}
		if _, err := s.Book(manager, x.ID, a.SouthWorker.ID); problemOn(err, "staff_id") == "" {
			t.Fatalf("a manager booked someone outside their teams: %v", err)
		}
		second, err := s.Book(south, x.ID, "")
		if err != nil || second.Place != learning.Waiting {
			t.Fatalf("second booking: %+v, %v", second, err)
		}
		if _, err := s.CancelBooking(south, first.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Fatalf("someone else cancelled a booking: %v", err)
		}
		if _, err := s.CancelBooking(worker, first.ID); err != nil {
			t.Fatal(err)
		}
		d, err := s.Session(lead, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		places := map[string]learning.Place{}
		for _, bk := range d.Bookings {
			places[bk.StaffID] = bk.Place
		}
		if places[a.SouthWorker.ID] != learning.Booked || places[a.Staff[councils.Practitioner].ID] != learning.Cancelled {
			t.Fatalf("after a cancellation the places are %v", places)
		}
		again, err := s.Book(worker, x.ID, "")
		if err != nil || again.Place != learning.Waiting {
			t.Fatalf("booking again after cancelling: %+v, %v", again, err)
		}

		// Attendance: the trainer marks; a stale mark of a changed booking is a conflict; a practitioner may not mark.
		sb, _ := d.BookingOf(a.SouthWorker.ID)
		if err := s.MarkAttendance(worker, x.ID, []learning.Marking{{BookingID: sb.ID, Mark: learning.Completed, Version: sb.Version}}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Fatalf("a learner marked attendance: %v", err)
		}
		if err := s.MarkAttendance(manager, x.ID, []learning.Marking{{BookingID: sb.ID, Mark: learning.Completed, Version: sb.Version}}); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkAttendance(lead, x.ID, []learning.Marking{{BookingID: sb.ID, Mark: learning.Completed, Version: sb.Version}}); err != nil {
			t.Fatalf("marking what is already marked was a conflict: %v", err)
		}
		if err := s.MarkAttendance(lead, x.ID, []learning.Marking{{BookingID: sb.ID, Mark: learning.Absent, Version: sb.Version}}); !errors.Is(err, sqldb.ErrConflict) {
			t.Fatalf("a stale mark overwrote the trainer's: %v", err)
		}

		// Evaluation, by the learner alone.
		mine, err := s.MyLearning(south)
		if err != nil || len(mine) != 1 || !mine[0].ToEvaluate() {
			t.Fatalf("my learning: %+v, %v", mine, err)
		}
		e := learning.Evaluation{Differently: "Ask what matters first", Version: mine[0].Version}
		for i := range skills.Outcomes {
			e.Confidence = append(e.Confidence, learning.Confidence{Outcome: i, Before: 2, After: 4})
		}
		if err := s.Evaluate(worker, mine[0].ID, e); !errors.Is(err, sqldb.ErrNotFound) {
			t.Fatalf("someone else evaluated: %v", err)
		}
		if err := s.Evaluate(south, mine[0].ID, learning.Evaluation{Version: mine[0].Version}); problemOn(err, "differently") == "" {
			t.Fatalf("an empty evaluation: %v", err)
		}
		if err := s.Evaluate(south, mine[0].ID, e); err != nil {
			t.Fatal(err)
		}
		if err := s.Evaluate(south, mine[0].ID, e); !errors.Is(err, sqldb.ErrConflict) {
			t.Fatalf("a stale evaluation: %v", err)
		}
		changes, err := s.OutcomeChanges(lead, skills.ID)
		if err != nil || len(changes) != len(skills.Outcomes) || changes[0].Evaluations != 1 || changes[0].Change() != 2 {
			t.Fatalf("outcome changes: %+v, %v", changes, err)
		}
		own, held, err := s.SelfSufficiency(lead, today, today)
		if err != nil || own != 2 || held != 2 {
			t.Fatalf("self-sufficiency: %d of %d, %v", own, held, err)
		}

		// Cancelling the session: it can no longer be booked.
		if err := s.CancelSession(lead, x.ID, x.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Book(peopletest.As(a.Staff[councils.Administrator]), x.ID, ""); problemOn(err, "session") == "" {
			t.Fatalf("booked a cancelled session: %v", err)
		}

		// Council B sees none of it.
		bLead := peopletest.As(b.Staff[councils.QualityLead])
		if _, err := s.Session(bLead, x.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read A's session: %v", err)
		}
		if _, err := s.Book(peopletest.As(b.Staff[councils.Practitioner]), x.ID, ""); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B booked A's session: %v", err)
		}
		if _, err := s.CancelBooking(bLead, sb.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B cancelled A's booking: %v", err)
		}
		if xs, err := s.Sessions(bLead, today, today, ""); err != nil || len(xs) != 0 {
			t.Errorf("council B lists %d sessions, %v", len(xs), err)
		}
		if _, err := s.OutcomeChanges(bLead, skills.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read A's evaluations: %v", err)
		}
	})
}

// TestTheQualityLeadKeepsTheCatalogue adds, changes and retires a course, and keeps materials, on both engines.
func TestTheQualityLeadKeepsTheCatalogue(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		lead, worker := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.Practitioner])
		c := learning.Course{Name: " Outcome-focused reviews ", Outcomes: []string{"Review with the person", " ", "Record in their words"},
			Minutes: 120, Audience: learning.Audience{Roles: []councils.Role{councils.Practitioner}}}
		if _, err := s.AddCourse(worker, c); !errors.Is(err, sqldb.ErrForbidden) {
			t.Fatalf("a practitioner added a course: %v", err)
		}
		if _, err := s.AddCourse(lead, learning.Course{Name: "No outcomes", Minutes: 60}); problemOn(err, "outcomes") == "" {
			t.Fatalf("a course without outcomes: %v", err)
		}
		added, err := s.AddCourse(lead, c)
		if err != nil || added.Name != "Outcome-focused reviews" || len(added.Outcomes) != 2 {
			t.Fatalf("add: %+v, %v", added, err)
		}
		added.Minutes = 180
		changed, err := s.UpdateCourse(lead, added)
		if err != nil || changed.Version != 2 {
			t.Fatalf("change: %+v, %v", changed, err)
		}
		if _, err := s.UpdateCourse(lead, added); !errors.Is(err, sqldb.ErrConflict) {
			t.Fatalf("a stale change: %v", err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		if _, err := s.AddMaterial(lead, added.ID, "slides.docx", []byte("MZ\x90\x00 not a document")); problemOn(err, "file") == "" {
			t.Fatalf("a program was kept: %v", err)
		}
		m, err := s.AddMaterial(lead, added.ID, `C:\Users\me\slides.pdf`, pdf)
		if err != nil || m.MediaType != "application/pdf" || m.Name != "slides.pdf" {
			t.Fatalf("material: %+v, %v", m, err)
		}
		got, content, err := s.Material(worker, m.ID)
		if err != nil || string(content) != string(pdf) || got.CourseID != added.ID {
			t.Fatalf("download: %+v, %v", got, err)
		}
		if _, _, err := s.Material(peopletest.As(b.Staff[councils.QualityLead]), m.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Fatalf("council B downloaded A's material: %v", err)
		}
		if _, err := s.DeleteMaterial(worker, m.ID); !errors.Is(err, sqldb.ErrForbidden) {
			t.Fatalf("a practitioner deleted a material: %v", err)
		}
		if _, err := s.DeleteMaterial(lead, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RetireCourse(lead, added.ID, changed.Version); err != nil {
			t.Fatal(err)
		}
		cs, err := s.Courses(worker)
		if err != nil || !cs[len(cs)-1].Retired || cs[len(cs)-1].ID != added.ID {
			t.Fatalf("the retired course is not last: %v", err)
		}
		if _, err := s.PlanSession(lead, learning.Session{CourseID: added.ID, HeldOn: db.Today(), StartsAt: "10:00", EndsAt: "12:00", Online: true,
			Capacity: 5, TrainerIDs: []string{a.Staff[councils.TeamManager].ID}}); problemOn(err, "course") == "" {
			t.Fatalf("a session of a retired course: %v", err)
		}
	})
}
