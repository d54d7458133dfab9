package learningpage_test

import (
	"net/http"
	"net/url"
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

// learningFixture is a course of council A's with a material, a session of it given by the team manager with one
// place, and the practitioner booked on it.
type learningFixture struct {
	course   learning.Course
	skills   learning.Course // the default skills course, which needs a trained trainer
	material learning.Material
	session  learning.Session
	booking  learning.Booking
	today    sqldb.Date
	// The ids of council A's team manager and administrator on this engine's site: the engines run side by side,
	// each with its own ids.
	managerID, adminID string
}

func newLearningFixture(t *testing.T, site *apptest.Site) learningFixture {
	t.Helper()
	s := site.App.Learning
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	f := learningFixture{today: site.App.DB.Today(), managerID: site.A.Staff[councils.TeamManager].ID, adminID: site.A.Staff[councils.Administrator].ID}
	var err error
	if f.course, err = s.AddCourse(lead, learning.Course{Name: "Conversations that start with strengths", Outcomes: []string{"Ask what matters", "Record it in their words"},
		Minutes: 120, Audience: learning.Audience{Roles: []councils.Role{councils.Practitioner}}}); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Courses(lead)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.NeedsTrainer {
			f.skills = c
		}
	}
	if f.material, err = s.AddMaterial(lead, f.course.ID, "handout.txt", []byte("Bring a conversation you are proud of.\n")); err != nil {
		t.Fatal(err)
	}
	if f.session, err = s.PlanSession(lead, learning.Session{CourseID: f.course.ID, HeldOn: sqldb.NewDate(f.today.AddDate(0, 0, 7)), StartsAt: "10:00", EndsAt: "12:00",
		Place: "Room 4, Town Hall", Capacity: 1, TrainerIDs: []string{site.A.Staff[councils.TeamManager].ID}}); err != nil {
		t.Fatal(err)
	}
	if f.booking, err = s.Book(peopletest.As(site.A.Staff[councils.Practitioner]), f.session.ID, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

// learningState is everything these pages change, as one comparable string.
func learningState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM learning_course WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM learning_course WHERE council_id = $1`,
		`SELECT count(*) FROM learning_material WHERE council_id = $1`,
		`SELECT count(*) FROM learning_session WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM learning_session WHERE council_id = $1`,
		`SELECT count(*) FROM learning_booking WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM learning_booking WHERE council_id = $1`,
		`SELECT count(*) FROM learning_confidence WHERE council_id = $1`,
	}, site.A.Council.ID)
}

type learningScenario struct {
	name       string
	method     string
	path       string
	form       func(f learningFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func courseForm(fn func(v url.Values)) func(learningFixture) url.Values {
	return func(f learningFixture) url.Values {
		v := url.Values{"name": {"Working with families"}, "outcomes": {"Map the family's strengths\nAgree who does what"}, "minutes": {"180"},
			"refresh_months": {"24"}, "audience_roles": {"practitioner"}, "version": {strconv.Itoa(f.course.Version)}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func sessionForm(fn func(f learningFixture, v url.Values)) func(learningFixture) url.Values {
	return func(f learningFixture) url.Values {
		v := url.Values{"starts_at": {"09:30"}, "ends_at": {"16:30"}, "where": {"online"}, "capacity": {"12"}}
		apptest.DateFields("held_on", sqldb.NewDate(f.today.AddDate(0, 1, 0)), v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

func fixed(v url.Values) func(learningFixture) url.Values {
	return func(learningFixture) url.Values { return v }
}

func TestLearningPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	mark := func(m learning.Mark, version string) func(f learningFixture) url.Values {
		return func(f learningFixture) url.Values {
			if version == "" {
				version = strconv.Itoa(f.booking.Version)
			}
			return url.Values{"mark_" + f.booking.ID: {string(m)}, "version_" + f.booking.ID: {version}}
		}
	}
	scenarios := []learningScenario{
		{name: "the catalogue", method: "GET", path: "/learning", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Conversations that start with strengths", "Practitioner", "2 hours", "full, 0 waiting", "Making Safeguarding Personal"}, notBody: []string{"Add a course", "own trainers"}},
		{name: "the catalogue, as the quality lead", method: "GET", path: "/learning", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Add a course", `id="self-sufficiency"`}},
		{name: "the catalogue, from another council", method: "GET", path: "/learning", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Conversations that start with strengths"}},
		{name: "my learning", method: "GET", path: "/learning/mine", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Conversations that start with strengths", "Booked"}},
		{name: "a course", method: "GET", path: "/learning/courses/{course}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Ask what matters", "handout.txt", "Room 4, Town Hall"}, notBody: []string{"Plan a session", "What learners said"}},
		{name: "a course, as the quality lead", method: "GET", path: "/learning/courses/{course}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Plan a session", "What learners said", "Upload a material"}},
		{name: "a course, from another council", method: "GET", path: "/learning/courses/{course}", as: apptest.BWorker, wantStatus: 404},
		{name: "the course form", method: "GET", path: "/learning/courses/new", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Add a course", "Learning outcomes", "North"}},
		{name: "the course form, as a practitioner", method: "GET", path: "/learning/courses/new", as: apptest.AWorker, wantStatus: 403},
		{name: "add a course", method: "POST", path: "/learning/courses/new", as: apptest.AQuality, form: courseForm(nil), wantStatus: 303},
		{name: "add a course, as a team manager", method: "POST", path: "/learning/courses/new", as: apptest.AManager, form: courseForm(nil), wantStatus: 403, unchanged: true},
		{name: "a course without outcomes", method: "POST", path: "/learning/courses/new", as: apptest.AQuality, form: courseForm(func(v url.Values) { v.Set("outcomes", " \n ") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Enter at least one learning outcome", `href="#f-outcomes"`, "Working with families"}, unchanged: true},
		{name: "a course with a length in words", method: "POST", path: "/learning/courses/new", as: apptest.AQuality, form: courseForm(func(v url.Values) { v.Set("minutes", "half a day") }),
			wantStatus: 422, wantBody: []string{"How long it lasts must be a whole number of minutes"}, unchanged: true},
		{name: "change a course", method: "POST", path: "/learning/courses/{course}/edit", as: apptest.AQuality, form: courseForm(nil), wantStatus: 303},
		{name: "a stale change", method: "POST", path: "/learning/courses/{course}/edit", as: apptest.AQuality, form: courseForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this course", "Conversations that start with strengths", "Working with families"}, unchanged: true},
		{name: "change another council's course", method: "POST", path: "/learning/courses/{course}/edit", as: apptest.BQuality, form: courseForm(nil), wantStatus: 404, unchanged: true},
		{name: "retire a course", method: "POST", path: "/learning/courses/{course}/edit", as: apptest.AQuality, form: courseForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 303},
		{name: "download a material", method: "GET", path: "/learning/materials/{material}", as: apptest.ASouth, wantStatus: 200, wantBody: []string{"Bring a conversation you are proud of"}},
		{name: "download another council's material", method: "GET", path: "/learning/materials/{material}", as: apptest.BQuality, wantStatus: 404},
		{name: "delete a material", method: "POST", path: "/learning/materials/{material}/delete", as: apptest.AQuality, form: fixed(url.Values{}), wantStatus: 303},
		{name: "delete a material, as a practitioner", method: "POST", path: "/learning/materials/{material}/delete", as: apptest.AWorker, form: fixed(url.Values{}), wantStatus: 403, unchanged: true},
		{name: "the session form", method: "GET", path: "/learning/courses/{skills}/sessions/new", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Plan a session", "Test Team manager"}},
		{name: "the session form, as a team manager", method: "GET", path: "/learning/courses/{course}/sessions/new", as: apptest.AManager, wantStatus: 403},
		{name: "plan a session", method: "POST", path: "/learning/courses/{course}/sessions/new", as: apptest.AQuality, form: sessionForm(func(f learningFixture, v url.Values) { v.Set("trainers", f.managerID) }), wantStatus: 303},
		{name: "a session given by an untrained trainer", method: "POST", path: "/learning/courses/{skills}/sessions/new", as: apptest.AQuality, form: sessionForm(func(f learningFixture, v url.Values) { v.Set("trainers", f.managerID) }),
			wantStatus: 422, wantBody: []string{"Test Team manager has not completed train-the-trainer for this course", `href="#f-trainers"`}, unchanged: true},
		{name: "a session without a time or trainer", method: "POST", path: "/learning/courses/{course}/sessions/new", as: apptest.AQuality, form: sessionForm(func(_ learningFixture, v url.Values) { v.Set("ends_at", "noon") }),
			wantStatus: 422, wantBody: []string{"Enter the end time as hours and minutes", "Select who gives the session"}, unchanged: true},
		{name: "a session of another council's course", method: "POST", path: "/learning/courses/{course}/sessions/new", as: apptest.BQuality, form: sessionForm(nil), wantStatus: 404, unchanged: true},
		{name: "a session, as its learner", method: "GET", path: "/learning/sessions/{session}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Place booked", "Test Team manager", "1 of 1 booked"}, notBody: []string{"Save attendance"}},
		{name: "a session, as its trainer", method: "GET", path: "/learning/sessions/{session}", as: apptest.AManager, wantStatus: 200, wantBody: []string{"You are giving this session", "Save attendance", "Test Practitioner"}},
		{name: "a session, from another council", method: "GET", path: "/learning/sessions/{session}", as: apptest.BManager, wantStatus: 404},
		{name: "mark attendance", method: "POST", path: "/learning/sessions/{session}", as: apptest.AManager, form: mark(learning.Completed, ""), wantStatus: 303},
		{name: "mark attendance, as the learner", method: "POST", path: "/learning/sessions/{session}", as: apptest.AWorker, form: mark(learning.Completed, ""), wantStatus: 403, unchanged: true},
		{name: "a made-up mark", method: "POST", path: "/learning/sessions/{session}", as: apptest.AManager, form: mark("excellent", ""), wantStatus: 422, wantBody: []string{"Select a mark for each booking"}, unchanged: true},
		{name: "a stale mark", method: "POST", path: "/learning/sessions/{session}", as: apptest.AManager, form: mark(learning.Absent, "0"), wantStatus: 409, wantBody: []string{"Someone else marked attendance"}, unchanged: true},
		{name: "mark another council's session", method: "POST", path: "/learning/sessions/{session}", as: apptest.BQuality, form: mark(learning.Completed, ""), wantStatus: 404, unchanged: true},
		{name: "book a full session", method: "POST", path: "/learning/sessions/{session}/book", as: apptest.ASouth, form: fixed(url.Values{}), wantStatus: 303},
		{name: "book one's team's staff", method: "POST", path: "/learning/sessions/{session}/book", as: apptest.AManager, form: func(f learningFixture) url.Values {
			return url.Values{"staff_id": {f.adminID}}
		}, wantStatus: 303},
		{name: "book twice", method: "POST", path: "/learning/sessions/{session}/book", as: apptest.AWorker, form: fixed(url.Values{}), wantStatus: 422, wantBody: []string{"Test Practitioner is already booked on this session"}, unchanged: true},
		{name: "book someone else, as a practitioner", method: "POST", path: "/learning/sessions/{session}/book", as: apptest.ASouth, form: fixed(url.Values{"staff_id": {"not-staff"}}), wantStatus: 422, wantBody: []string{"Select someone you may book"}, unchanged: true},
		{name: "book another council's session", method: "POST", path: "/learning/sessions/{session}/book", as: apptest.BWorker, form: fixed(url.Values{}), wantStatus: 404, unchanged: true},
		{name: "cancel a booking", method: "POST", path: "/learning/bookings/{booking}/cancel", as: apptest.AWorker, form: fixed(url.Values{}), wantStatus: 303},
		{name: "cancel someone else's booking", method: "POST", path: "/learning/bookings/{booking}/cancel", as: apptest.ASouth, form: fixed(url.Values{}), wantStatus: 404, unchanged: true},
		{name: "cancel a booking for one's team", method: "POST", path: "/learning/bookings/{booking}/cancel", as: apptest.AManager, form: fixed(url.Values{}), wantStatus: 303},
		{name: "cancel a session", method: "POST", path: "/learning/sessions/{session}/cancel", as: apptest.AQuality, form: func(f learningFixture) url.Values { return url.Values{"version": {strconv.Itoa(f.session.Version)}} }, wantStatus: 303},
		{name: "cancel a session, as its trainer", method: "POST", path: "/learning/sessions/{session}/cancel", as: apptest.AManager, form: func(f learningFixture) url.Values { return url.Values{"version": {strconv.Itoa(f.session.Version)}} }, wantStatus: 403, unchanged: true},
		{name: "cancel a session, stale", method: "POST", path: "/learning/sessions/{session}/cancel", as: apptest.AQuality, form: fixed(url.Values{"version": {"0"}}), wantStatus: 409, unchanged: true},
		{name: "the evaluation before attending", method: "GET", path: "/learning/bookings/{booking}/evaluation", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"once your trainer has marked you as attending"}},
		{name: "an evaluation before attending", method: "POST", path: "/learning/bookings/{booking}/evaluation", as: apptest.AWorker, form: fixed(url.Values{"outcome_1_before": {"2"}, "outcome_1_after": {"4"},
			"outcome_2_before": {"2"}, "outcome_2_after": {"4"}, "differently": {"Ask first"}, "version": {"1"}}), wantStatus: 422, unchanged: true},
		{name: "someone else's evaluation", method: "GET", path: "/learning/bookings/{booking}/evaluation", as: apptest.AManager, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newLearningFixture(t, site)
				before := learningState(t, site)
				path := strings.NewReplacer("{course}", f.course.ID, "{skills}", f.skills.ID, "{material}", f.material.ID,
					"{session}", f.session.ID, "{booking}", f.booking.ID).Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, learningState(t, site), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

// upload posts a file to a course's materials as a browser would, with a claimed name and type.
func upload(t *testing.T, site *apptest.Site, c *http.Client, courseID, name string, content []byte) (*http.Response, string) {
	t.Helper()
	return site.PostFile(t, c, "/learning/courses/"+courseID+"/materials", "file", name,
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document", content)
}

// TestMaterialsAreUploadedByTheQualityLeadOnlyAndCheckedByContent uploads files that claim to be Word documents: a
// real PDF is kept as a PDF; a program and an oversized file are refused with a GOV.UK error and nothing kept; a
// practitioner may not upload.
func TestMaterialsAreUploadedByTheQualityLeadOnlyAndCheckedByContent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newLearningFixture(t, site)
		lead, worker := site.SignIn(t, site.A.Staff[councils.QualityLead]), site.SignIn(t, site.A.Staff[councils.Practitioner])
		cases := []struct {
			name    string
			client  *http.Client
			content []byte
			status  int
			body    string
		}{
			{"a PDF named as a Word document", lead, []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), http.StatusSeeOther, ""},
			{"a program named as a Word document", lead, append([]byte("MZ\x90\x00\x03"), make([]byte, 200)...), http.StatusUnprocessableEntity, "The selected file must be one of these: Excel workbook"},
			{"a file just too large", lead, append([]byte("%PDF-1.7\n"), make([]byte, learning.MaxMaterialSize)...), http.StatusUnprocessableEntity, "The selected file must be smaller than 10 MB"},
			{"a file far too large", lead, append([]byte("%PDF-1.7\n"), make([]byte, learning.MaxMaterialSize+1<<20)...), http.StatusRequestEntityTooLarge, "The selected file must be smaller than 10 MB"},
			{"a practitioner's upload", worker, []byte("%PDF-1.7\n"), http.StatusForbidden, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := learningState(t, site)
				res, body := upload(t, site, c.client, f.course.ID, "slides.docx", c.content)
				if res.StatusCode != c.status {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, c.status, apptest.Excerpt(body))
				}
				if c.body != "" && (!strings.Contains(body, c.body) || !strings.Contains(body, `href="#f-file"`)) {
					t.Errorf("the page does not say %q in its error summary\n%s", c.body, apptest.Excerpt(body))
				}
				apptest.CheckChange(t, before, learningState(t, site), c.status != http.StatusSeeOther, c.status == http.StatusSeeOther)
			})
		}
		got, err := site.App.Learning.Course(peopletest.As(site.A.Staff[councils.Practitioner]), f.course.ID)
		if err != nil || len(got.Materials) != 2 || got.Materials[1].MediaType != "application/pdf" {
			t.Fatalf("materials: %+v, %v", got.Materials, err)
		}
		res, body := site.Get(t, worker, "/learning/materials/"+got.Materials[1].ID)
		if res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(body, "%PDF") {
			t.Errorf("download: %s, %s", res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
	})
}
