package learningpage_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// trainTheTrainer makes the team manager a trained trainer of the skills course, as completing train-the-trainer
// does, and answers the skills course.
func trainTheTrainer(t *testing.T, site *apptest.Site) learning.Course {
	t.Helper()
	s, lead := site.App.Learning, peopletest.As(site.A.Staff[councils.QualityLead])
	cs, err := s.Courses(lead)
	if err != nil {
		t.Fatal(err)
	}
	var skills, ttt learning.Course
	for _, c := range cs {
		if c.NeedsTrainer {
			skills = c
		}
		if c.TrainsFor != "" {
			ttt = c
		}
	}
	x, err := s.PlanSession(lead, learning.Session{CourseID: ttt.ID, HeldOn: site.App.DB.Today(), StartsAt: "09:00", EndsAt: "17:00", Online: true, Capacity: 8,
		TrainerIDs: []string{site.A.Staff[councils.QualityLead].ID}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Book(peopletest.As(site.A.Staff[councils.TeamManager]), x.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkAttendance(lead, x.ID, []learning.Marking{{BookingID: b.ID, Mark: learning.Completed, Version: b.Version}}); err != nil {
		t.Fatal(err)
	}
	return skills
}

// TestLearningProgramme walks the programme in a real browser, with axe on every page: the quality lead adds a
// course (first without its outcomes, which is refused) and plans a session of the skills course with one place,
// first naming a trainer who has not completed train-the-trainer (refused with their name), then a trained one; a
// practitioner books the place and a second waits; the trainer marks attendance; the practitioner gives the
// evaluation; and the quality lead reads the course's confidence table.
func TestLearningProgramme(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	skills := trainTheTrainer(t, site)
	today := site.App.DB.Today()

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/learning/coverage", "coverage-before")
	apptest.MustContain(t, "coverage before", lead.Text("#headline"), "0 of 3 staff (0%)")
	lead.VisitAndCheck("/quality", "quality-home")
	lead.ClickAndWait(`a[href="/learning"]`)
	lead.Screenshot("catalogue")
	lead.CheckA11y()
	apptest.MustContain(t, "catalogue", lead.Text("main"), "Strengths-based practice skills", "Given only by staff who completed train-the-trainer", "given by the council’s own trainers")
	lead.ClickAndWait(`a[href="/learning/courses/new"]`)
	lead.Screenshot("course-new")
	lead.CheckA11y()
	lead.Fill("#f-name", "Working with families")
	lead.Fill("#f-minutes", "180")
	lead.Check(apptest.Radio("audience_roles", string(councils.Practitioner)))
	lead.Submit("#f-name")
	lead.Screenshot("course-new-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "course errors", lead.Text(".govuk-error-summary"), "Enter at least one learning outcome")
	lead.Fill("#f-outcomes", "Map the family’s strengths\nAgree who does what")
	lead.Submit("#f-name")
	lead.Screenshot("course")
	lead.CheckA11y()
	apptest.MustContain(t, "course", lead.Text("main"), "Working with families added to the catalogue", "Map the family’s strengths", "Practitioner")
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("course-edit")
	lead.CheckA11y()
	apptest.MustContain(t, "course form", lead.HTML(), "Working with families", "Retire the course")

	lead.VisitAndCheck("/learning/courses/"+skills.ID, "course-skills")
	lead.ClickAndWait(`a[href$="/sessions/new"]`)
	lead.Screenshot("session-new")
	lead.CheckA11y()
	lead.FillDate("held_on", strconv.Itoa(today.Day()), strconv.Itoa(int(today.Month())), strconv.Itoa(today.Year()))
	lead.Fill("#f-place", "Room 4, Town Hall")
	lead.Fill("#f-capacity", "1")
	lead.Check(apptest.Radio("trainers", site.A.SouthWorker.ID))
	lead.Submit("#f-place")
	lead.Screenshot("session-new-untrained")
	lead.CheckA11y()
	apptest.MustContain(t, "trainer rule", lead.Text(".govuk-error-summary"), "Test South Worker has not completed train-the-trainer for this course")
	lead.Click(apptest.Radio("trainers", site.A.SouthWorker.ID))
	lead.Check(apptest.Radio("trainers", site.A.Staff[councils.TeamManager].ID))
	lead.Submit("#f-place")
	lead.Screenshot("session-planned")
	lead.CheckA11y()
	apptest.MustContain(t, "session", lead.Text("main"), "Session planned", "Test Team manager", "0 of 1 booked")
	sessionURL := strings.TrimPrefix(lead.URL(), site.Server.URL)

	worker := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	worker.VisitAndCheck(sessionURL, "session-to-book")
	worker.Submit(`form[action$="/book"] button`)
	worker.Screenshot("session-booked")
	worker.CheckA11y()
	apptest.MustContain(t, "booked", worker.Text("main"), "You are booked on the session", "Place booked")

	south := apptest.SignInBrowser(t, site, site.A.SouthWorker)
	south.Visit(sessionURL)
	apptest.MustContain(t, "full", south.Text("#mine"), "Join the waiting list")
	south.Submit(`form[action$="/book"] button`)
	south.Screenshot("session-waiting")
	south.CheckA11y()
	apptest.MustContain(t, "waiting", south.Text("main"), "You are on the waiting list", "On the waiting list")
	south.VisitAndCheck("/learning/mine", "mine-waiting")
	apptest.MustContain(t, "my waiting list", south.Text("#waiting"), "Strengths-based practice skills", "Leave the waiting list")

	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck(sessionURL, "session-trainer")
	apptest.MustContain(t, "trainer's view", manager.Text("main"), "Attendance and completion", "Test Practitioner", "Waiting list", "Test South Worker")
	manager.Select(`select[name^="mark_"]`, string(learning.Completed))
	manager.Submit(`select[name^="mark_"]`)
	manager.Screenshot("session-marked")
	manager.CheckA11y()
	apptest.MustContain(t, "marked", manager.Text("main"), "Attendance saved")

	worker.VisitAndCheck("/learning/mine", "mine-to-evaluate")
	worker.ClickAndWait(`#evaluate a`)
	worker.Screenshot("evaluation")
	worker.CheckA11y()
	worker.Submit("#f-differently")
	worker.Screenshot("evaluation-mistakes")
	worker.CheckA11y()
	apptest.MustContain(t, "evaluation errors", worker.Text(".govuk-error-summary"), "Select how confident you were in outcome 1 before the session", "Say what you will do differently")
	for i := range skills.Outcomes {
		worker.Check(apptest.Radio(learning.ConfidenceField(i, "before"), "2"))
		worker.Check(apptest.Radio(learning.ConfidenceField(i, "after"), "4"))
	}
	worker.Fill("#f-differently", "Start every conversation with what matters to the person")
	worker.Submit("#f-differently")
	worker.Screenshot("mine")
	worker.CheckA11y()
	apptest.MustContain(t, "my learning", worker.Text("main"), "Thank you: your evaluation is saved", "Completed", "Strengths-based practice skills")
	apptest.MustContain(t, "my training", worker.Text("#training"), "Strengths-based practice skills", "Trained", "Last completed")

	// The completion moves coverage: the practitioner is now counted as trained in strengths-based practice.
	lead.VisitAndCheck("/learning/coverage", "coverage-after")
	apptest.MustContain(t, "coverage after", lead.Text("#headline"), "1 of 3 staff (33%)")

	lead.VisitAndCheck("/learning/courses/"+skills.ID, "course-confidence")
	apptest.MustContain(t, "confidence", lead.Text("#confidence"), "fewer than 6")
}
