package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Learning: the council's course catalogue, its sessions with their places, booking and cancelling, and marking
// attendance. The store applies who may do what: every member of staff reads the catalogue and books themselves; a
// team manager books their teams' staff; a session's trainers and the quality lead mark attendance. A session's
// bookings are listed whole for its trainers and the quality lead; anyone else sees only their own. Another
// council's courses, sessions and bookings are 404.

// LearningStore is what the API needs of learning.Store.
type LearningStore interface {
	Courses(ctx context.Context) ([]learning.Course, error)
	Course(ctx context.Context, id string) (learning.Course, error)
	Sessions(ctx context.Context, from, to sqldb.Date, courseID string) ([]learning.SessionSummary, error)
	Session(ctx context.Context, id string) (learning.SessionDetail, error)
	Book(ctx context.Context, sessionID, staffID string) (learning.Booking, error)
	CancelBooking(ctx context.Context, bookingID string) (learning.Booking, error)
	MarkAttendance(ctx context.Context, sessionID string, marks []learning.Marking) error
	AttendanceImporter
}

// WithLearning adds the learning programme's store to the API.
func (a *API) WithLearning(s LearningStore) *API {
	a.learning = s
	return a
}

// LearningPath is where the API's learning programme lives.
const LearningPath = "/api/v1/learning"

// LearningSessionPath is the API address of a session.
func LearningSessionPath(id string) string { return LearningPath + "/sessions/" + id }

func (a *API) learningRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+LearningPath+"/courses", a.listLearningCourses),
		route("GET "+LearningPath+"/courses/{course}", a.getLearningCourse),
		route("GET "+LearningPath+"/sessions", a.listLearningSessions),
		route("GET "+LearningPath+"/sessions/{session}", a.getLearningSession),
		route("POST "+LearningPath+"/sessions/{session}/bookings", a.bookLearningSession),
		route("POST "+LearningPath+"/sessions/{session}/attendance", a.markLearningAttendance),
		route("POST "+LearningPath+"/bookings/{booking}/cancellation", a.cancelLearningBooking),
		route("POST "+LearningPath+"/attendance", a.importAttendance),
	}
}

// LearningCourse is a course in the council's catalogue.
type LearningCourse struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Summary       string             `json:"summary"`
	Outcomes      []string           `json:"outcomes"`
	Audience      LearningAudience   `json:"audience"`
	Minutes       int                `json:"minutes"`
	RefreshMonths int                `json:"refresh_months"`
	NeedsTrainer  bool               `json:"needs_trainer"`
	TrainsFor     string             `json:"trains_for"`
	Retired       bool               `json:"retired"`
	Version       int                `json:"version"`
	Materials     []LearningMaterial `json:"materials"`
}

// LearningAudience says who must take a course.
type LearningAudience struct {
	Roles       []string `json:"roles"`
	TeamIDs     []string `json:"team_ids"`
	NewStarters bool     `json:"new_starters"`
}

// LearningMaterial is a file that goes with a course, downloaded from its page.
type LearningMaterial struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	MediaType  string    `json:"media_type"`
	Size       int       `json:"size"`
	UploadedAt time.Time `json:"uploaded_at"`
}

// LearningSessionSummary is a session as a list shows it.
type LearningSessionSummary struct {
	ID         string   `json:"id"`
	CourseID   string   `json:"course_id"`
	CourseName string   `json:"course_name"`
	HeldOn     *string  `json:"held_on"`
	StartsAt   string   `json:"starts_at"`
	EndsAt     string   `json:"ends_at"`
	Place      string   `json:"place"`
	Online     bool     `json:"online"`
	Capacity   int      `json:"capacity"`
	Booked     int      `json:"booked"`
	Waiting    int      `json:"waiting"`
	Cancelled  bool     `json:"cancelled"`
	Imported   bool     `json:"imported"`
	TrainerIDs []string `json:"trainer_ids"`
	Version    int      `json:"version"`
}

// LearningSession is a session with its trainers and the bookings the signed-in member of staff may see.
type LearningSession struct {
	LearningSessionSummary
	Trainers []LearningTrainer `json:"trainers"`
	Bookings []LearningBooking `json:"bookings"`
}

// LearningTrainer is a member of staff who gives a session.
type LearningTrainer struct {
	StaffID string `json:"staff_id"`
	Name    string `json:"name"`
}

// LearningBooking is a booking on a session, with where it stands (worked out from the order of bookings) and its
// mark.
type LearningBooking struct {
	ID        string    `json:"id"`
	SessionID string    `json:"session_id"`
	StaffID   string    `json:"staff_id"`
	StaffName string    `json:"staff_name"`
	BookedAt  time.Time `json:"booked_at"`
	Place     string    `json:"place"`
	Mark      string    `json:"mark"`
	Evaluated bool      `json:"evaluated"`
	Version   int       `json:"version"`
}

// LearningBook asks for a booking: of the signed-in member of staff, or (for a team manager or the quality lead)
// of the member of staff named.
type LearningBook struct {
	StaffID string `json:"staff_id"`
}

// LearningAttendance is a trainer's marks for a session's bookings.
type LearningAttendance struct {
	Marks []LearningMark `json:"marks"`
}

// LearningMark is the mark for one booking, with the booking's version when it was read.
type LearningMark struct {
	BookingID string `json:"booking_id"`
	Mark      string `json:"mark"`
	Version   int    `json:"version"`
}

func learningCourseOf(c learning.Course) LearningCourse {
	out := LearningCourse{ID: c.ID, Name: c.Name, Summary: c.Summary, Outcomes: listOf(c.Outcomes, func(s string) string { return s }),
		Audience: LearningAudience{Roles: listOf(c.Audience.Roles, func(r councils.Role) string { return string(r) }),
			TeamIDs: listOf(c.Audience.TeamIDs, func(s string) string { return s }), NewStarters: c.Audience.NewStarters},
		Minutes: c.Minutes, RefreshMonths: c.RefreshMonths, NeedsTrainer: c.NeedsTrainer, TrainsFor: c.TrainsFor, Retired: c.Retired,
		Version: c.Version}
	out.Materials = listOf(c.Materials, func(m learning.Material) LearningMaterial {
		return LearningMaterial{ID: m.ID, Name: m.Name, MediaType: m.MediaType, Size: m.Size, UploadedAt: m.UploadedAt}
	})
	return out
}

func learningSummaryOf(x learning.SessionSummary) LearningSessionSummary {
	return LearningSessionSummary{ID: x.ID, CourseID: x.CourseID, CourseName: x.CourseName, HeldOn: dateOrNull(x.HeldOn), StartsAt: x.StartsAt,
		EndsAt: x.EndsAt, Place: x.Place, Online: x.Online, Capacity: x.Capacity, Booked: x.Booked, Waiting: x.Waiting, Cancelled: x.Cancelled,
		Imported: x.Imported, TrainerIDs: listOf(x.TrainerIDs, func(s string) string { return s }), Version: x.Version}
}

func learningBookingOf(b learning.Booking) LearningBooking {
	return LearningBooking{ID: b.ID, SessionID: b.SessionID, StaffID: b.StaffID, StaffName: b.StaffName, BookedAt: b.BookedAt,
		Place: string(b.Place), Mark: string(learning.MarkOf(b)), Evaluated: b.Evaluated, Version: b.Version}
}

// listLearningCourses is GET /api/v1/learning/courses: the council's catalogue, current courses first.
func (a *API) listLearningCourses(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.learning.Courses(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(cs, learningCourseOf))
	return nil
}

// getLearningCourse is GET /api/v1/learning/courses/{course}: one course with its materials.
func (a *API) getLearningCourse(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) {
		c, err := a.learning.Course(r.Context(), r.PathValue("course"))
		return c.Version, learningCourseOf(c), err
	})
}

// listLearningSessions is GET /api/v1/learning/sessions?from=&to=&course=: the council's sessions held in the period
// (by default the next year), by date.
func (a *API) listLearningSessions(w http.ResponseWriter, r *http.Request) error {
	var f fields
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	start, end := f.date("from", "The first day", &from), f.date("to", "The last day", &to)
	if err := f.check(nil); err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	if start.IsZero() {
		start = today
	}
	if end.IsZero() {
		end = sqldb.NewDate(start.AddDate(1, 0, 0))
	}
	if end.Before(start.Time) {
		f.add("to", "The last day must be on or after the first day")
		return f.check(nil)
	}
	xs, err := a.learning.Sessions(r.Context(), start, end, strings.TrimSpace(q.Get("course")))
	if err != nil {
		return err
	}
	sendList(w, listOf(xs, learningSummaryOf))
	return nil
}

func (a *API) readLearningSession(r *http.Request, id string) (int, any, error) {
	x, err := a.learning.Session(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	me, _ := councils.StaffFrom(r.Context())
	all := me.Role.RunsLearning() || x.Trains(me.ID)
	out := LearningSession{LearningSessionSummary: learningSummaryOf(x.SessionSummary),
		Trainers: listOf(x.Trainers, func(n learning.Named) LearningTrainer { return LearningTrainer{StaffID: n.ID, Name: n.Name} }),
		Bookings: []LearningBooking{}}
	for _, b := range x.Bookings {
		if all || b.StaffID == me.ID {
			out.Bookings = append(out.Bookings, learningBookingOf(b))
		}
	}
	return x.Version, out, nil
}

// getLearningSession is GET /api/v1/learning/sessions/{session}: a session with its bookings and their places.
func (a *API) getLearningSession(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readLearningSession(r, r.PathValue("session")) })
}

// bookLearningSession is POST /api/v1/learning/sessions/{session}/bookings: a booking, which waits when the session
// is full. The answer is the booking, its place worked out.
func (a *API) bookLearningSession(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("session")
	return create(w, r, func(in LearningBook) (string, int, any, error) {
		b, err := a.learning.Book(r.Context(), id, strings.TrimSpace(in.StaffID))
		if err != nil {
			return "", 0, nil, err
		}
		return LearningSessionPath(id), b.Version, learningBookingOf(b), nil
	})
}

// cancelLearningBooking is POST /api/v1/learning/bookings/{booking}/cancellation: the booking cancelled, by the
// learner, their team manager or the quality lead. The first on the waiting list then has the place.
func (a *API) cancelLearningBooking(w http.ResponseWriter, r *http.Request) error {
	b, err := a.learning.CancelBooking(r.Context(), r.PathValue("booking"))
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, b.Version, learningBookingOf(b))
	return nil
}

// markLearningAttendance is POST /api/v1/learning/sessions/{session}/attendance: a trainer's or the quality lead's
// marks, each with its booking's version. A booking someone else marked differently since is 409, and nothing is
// saved.
func (a *API) markLearningAttendance(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("session")
	var in LearningAttendance
	if err := decode(w, r, &in); err != nil {
		return err
	}
	marks := listOf(in.Marks, func(m LearningMark) learning.Marking {
		return learning.Marking{BookingID: strings.TrimSpace(m.BookingID), Mark: learning.Mark(m.Mark), Version: m.Version}
	})
	if err := a.learning.MarkAttendance(r.Context(), id, marks); err != nil {
		return renamed(err, func(field string) string {
			if strings.HasPrefix(field, "mark_") {
				return "marks"
			}
			return field
		})
	}
	return sendRead(w, func() (int, any, error) { return a.readLearningSession(r, id) })
}
