// Package learningpage provides the learning programme's pages: the catalogue of courses with their materials, a
// course's sessions and what learners said of them, planning a session under the trainer rule, a session with its
// bookings, waiting list and attendance, booking, and each member of staff's own learning with their evaluations;
// and the workforce development lead's oversight (oversight.go): coverage by team and course, new starters'
// induction, and past attendance imported from another learning system.
package learningpage

import (
	"context"
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of learning.Store.
type Store interface {
	Courses(ctx context.Context) ([]learning.Course, error)
	Course(ctx context.Context, id string) (learning.Course, error)
	AddCourse(ctx context.Context, c learning.Course) (learning.Course, error)
	UpdateCourse(ctx context.Context, c learning.Course) (learning.Course, error)
	RetireCourse(ctx context.Context, id string, version int) error
	AddMaterial(ctx context.Context, courseID, name string, content []byte) (learning.Material, error)
	Material(ctx context.Context, id string) (learning.Material, []byte, error)
	DeleteMaterial(ctx context.Context, id string) (string, error)
	TrainersOf(ctx context.Context, courseID string) (map[string]bool, error)
	PlanSession(ctx context.Context, x learning.Session) (learning.Session, error)
	CancelSession(ctx context.Context, id string, version int) error
	Sessions(ctx context.Context, from, to sqldb.Date, courseID string) ([]learning.SessionSummary, error)
	Session(ctx context.Context, id string) (learning.SessionDetail, error)
	Book(ctx context.Context, sessionID, staffID string) (learning.Booking, error)
	CancelBooking(ctx context.Context, bookingID string) (learning.Booking, error)
	MarkAttendance(ctx context.Context, sessionID string, marks []learning.Marking) error
	MyLearning(ctx context.Context) ([]learning.Learner, error)
	MyTraining(ctx context.Context) (learning.Coverage, error)
	Pathway(ctx context.Context, starterID string) (learning.Pathway, error)
	Booking(ctx context.Context, id string) (learning.Learner, learning.Course, error)
	Evaluate(ctx context.Context, bookingID string, e learning.Evaluation) error
	OutcomeChanges(ctx context.Context, courseID string) ([]learning.OutcomeChange, error)
	SelfSufficiency(ctx context.Context, from, to sqldb.Date) (own, held int, err error)
}

// Staff is what these pages need of the council's staff and teams: to choose trainers, to book for a team, and to
// say which teams must take a course.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
	Teams(ctx context.Context) ([]councils.Team, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	staff Staff
}

// New returns the pages.
func New(tmpl *web.Templates, store Store, staff Staff) *Pages {
	return &Pages{tmpl: tmpl, store: store, staff: staff}
}

// anyStaff: every member of staff takes part in the learning programme.
func anyStaff(r councils.Role) bool { return r != "" }

// runs: the quality lead, as workforce development lead, keeps the catalogue and plans sessions.
var runs = councils.Role.RunsLearning
