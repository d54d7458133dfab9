package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The learning programme through the API keeps the pages' rules: the catalogue and sessions for every member of
// staff; a booking takes the one place and the next waits; booking twice is refused; a cancellation gives the place
// to the first waiting; the trainer marks attendance with each booking's version, and a stale mark is 409; a learner
// sees only their own booking; and another council finds none of it.
func TestLearningAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, manager, worker, south, other := site.A.Staff[councils.QualityLead], site.A.Staff[councils.TeamManager],
			site.A.Staff[councils.Practitioner], site.A.SouthWorker, site.B.Staff[councils.QualityLead]
		s := site.App.Learning
		c, err := s.AddCourse(peopletest.As(lead), learning.Course{Name: "Working with families", Outcomes: []string{"Map the family's strengths"}, Minutes: 120})
		if err != nil {
			t.Fatal(err)
		}
		x, err := s.PlanSession(peopletest.As(lead), learning.Session{CourseID: c.ID, HeldOn: site.App.DB.Today(), StartsAt: "10:00", EndsAt: "12:00",
			Online: true, Capacity: 1, TrainerIDs: []string{manager.ID}})
		if err != nil {
			t.Fatal(err)
		}
		bookings := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "learning_booking"), dbtest.Count(t, db, site.B.Council.ID, "learning_booking"))
		}
		path := api.LearningSessionPath(x.ID)

		res, body := ask(worker, "GET", api.LearningPath+"/courses", "")
		var courses struct{ Items []api.LearningCourse }
		if err := json.Unmarshal([]byte(body), &courses); err != nil || res.StatusCode != 200 || len(courses.Items) != len(learning.DefaultCourses())+1 {
			t.Fatalf("catalogue: %d %s", res.StatusCode, apptest.Excerpt(body))
		}
		if res, _ := ask(other, "GET", api.LearningPath+"/courses/"+c.ID, ""); res.StatusCode != 404 {
			t.Errorf("another council read the course: %d", res.StatusCode)
		}
		res, body = ask(worker, "GET", api.LearningPath+"/sessions?to=2000-01-01", "")
		problemOf(t, "a period that ends before it starts", res, body, 422, []string{"to"})
		res, body = ask(other, "GET", api.LearningPath+"/sessions", "")
		if res.StatusCode != 200 || body != `{"items":[]}`+"\n" && body != `{"items":[]}` {
			t.Errorf("another council's sessions: %d %s", res.StatusCode, body)
		}

		refuses(t, ask, path+"/bookings", bookings, []refusal{
			{"booking someone else, as a practitioner", worker, `{"staff_id":"` + south.ID + `"}`, 422, []string{"staff_id"}},
			{"booking the session's trainer", lead, `{"staff_id":"` + manager.ID + `"}`, 422, []string{"staff_id"}},
			{"booking from another council", other, `{}`, 404, nil},
		})
		res, body = ask(worker, "POST", path+"/bookings", `{}`)
		var first api.LearningBooking
		if err := json.Unmarshal([]byte(body), &first); err != nil || res.StatusCode != 201 || first.Place != "booked" || res.Header.Get("Location") != path {
			t.Fatalf("booking: %d %s", res.StatusCode, body)
		}
		refuses(t, ask, path+"/bookings", bookings, []refusal{{"booking twice", worker, `{}`, 422, []string{"staff_id"}}})
		res, body = ask(south, "POST", path+"/bookings", `{}`)
		var second api.LearningBooking
		if err := json.Unmarshal([]byte(body), &second); err != nil || res.StatusCode != 201 || second.Place != "waiting" {
			t.Fatalf("waiting: %d %s", res.StatusCode, body)
		}

		// A learner sees their own booking only; the trainer sees both.
		var seen api.LearningSession
		_, body = ask(south, "GET", path, "")
		if err := json.Unmarshal([]byte(body), &seen); err != nil || len(seen.Bookings) != 1 || seen.Bookings[0].StaffID != south.ID || seen.Waiting != 1 {
			t.Errorf("the learner's view: %s", body)
		}
		_, body = ask(manager, "GET", path, "")
		if err := json.Unmarshal([]byte(body), &seen); err != nil || len(seen.Bookings) != 2 || len(seen.Trainers) != 1 {
			t.Errorf("the trainer's view: %s", body)
		}
		if res, _ := ask(other, "GET", path, ""); res.StatusCode != 404 {
			t.Errorf("another council read the session: %d", res.StatusCode)
		}

		// Cancelling gives the place to the one waiting; someone else cannot cancel it.
		if res, _ := ask(south, "POST", api.LearningPath+"/bookings/"+first.ID+"/cancellation", ""); res.StatusCode != 404 {
			t.Errorf("someone else cancelled a booking: %d", res.StatusCode)
		}
		if res, _ := ask(other, "POST", api.LearningPath+"/bookings/"+first.ID+"/cancellation", ""); res.StatusCode != 404 {
			t.Errorf("another council cancelled a booking: %d", res.StatusCode)
		}
		if res, body := ask(worker, "POST", api.LearningPath+"/bookings/"+first.ID+"/cancellation", ""); res.StatusCode != 200 {
			t.Fatalf("cancelling: %d %s", res.StatusCode, body)
		}
		_, body = ask(south, "GET", path, "")
		if err := json.Unmarshal([]byte(body), &seen); err != nil || seen.Bookings[0].Place != "booked" {
			t.Fatalf("after a cancellation the one waiting has no place: %s", body)
		}

		// Attendance: the trainer marks with the booking's version; a learner may not; a stale mark is 409.
		mark := func(m string, version int) string {
			return fmt.Sprintf(`{"marks":[{"booking_id":"%s","mark":"%s","version":%d}]}`, second.ID, m, version)
		}
		version := seen.Bookings[0].Version
		if res, _ := ask(south, "POST", path+"/attendance", mark("completed", version)); res.StatusCode != 403 {
			t.Errorf("the learner marked attendance: %d", res.StatusCode)
		}
		res, body = ask(manager, "POST", path+"/attendance", mark("excellent", version))
		problemOf(t, "a made-up mark", res, body, 422, []string{"marks"})
		if res, body := ask(manager, "POST", path+"/attendance", mark("completed", version)); res.StatusCode != 200 {
			t.Fatalf("marking: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(lead, "POST", path+"/attendance", mark("absent", version)); res.StatusCode != 409 {
			t.Errorf("a stale mark: %d", res.StatusCode)
		}
		if res, _ := ask(other, "POST", path+"/attendance", mark("absent", version+1)); res.StatusCode != 404 {
			t.Errorf("another council marked attendance: %d", res.StatusCode)
		}
		mine, err := s.MyLearning(peopletest.As(south))
		if err != nil || len(mine) != 1 || learning.MarkOf(mine[0].Booking) != learning.Completed {
			t.Errorf("the mark was not kept: %+v, %v", mine, err)
		}
	})
}

// learningEnums are the learning fragment's lists of values: the marks a trainer gives, in the order the pages offer
// them, and where a booking stands.
func learningEnums() []enumRule {
	marks := values(learning.Marks()...)
	return []enumRule{
		{"#/components/schemas/LearningBooking/properties/mark/enum", marks},
		{"#/components/schemas/LearningMark/properties/mark/enum", marks},
		{"#/components/schemas/LearningBooking/properties/place/enum", values(learning.Booked, learning.Waiting, learning.Cancelled)},
	}
}
