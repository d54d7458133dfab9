// Package learning holds the council's strengths-based learning programme: a catalogue of courses with who must
// take them and how often they are refreshed, sessions with their trainers and bookings, attendance and the
// learner's own evaluation, train-the-trainer (a course that needs a trained trainer is given only by staff who
// completed train-the-trainer for it), each new starter's induction pathway, and coverage: who is trained, due to
// refresh, overdue or never trained, worked out from the sessions they completed and never typed.
package learning

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Audience says who must take a course: staff in any of the roles, staff in any of the teams, and (NewStarters) every
// new starter, as a step of their induction. A course with no audience is optional.
type Audience struct {
	Roles       []councils.Role `json:"roles,omitempty"`
	TeamIDs     []string        `json:"teams,omitempty"`
	NewStarters bool            `json:"new_starters,omitempty"`
}

// Requires says whether the course is required of a member of staff. A new starter's induction courses are
// required by their pathway, not by this.
func (a Audience) Requires(st councils.Staff) bool {
	return slices.Contains(a.Roles, st.Role) || slices.ContainsFunc(a.TeamIDs, st.InTeam)
}

// Course is one course in a council's catalogue.
type Course struct {
	ID       string
	Name     string
	Summary  string
	Outcomes []string // the learning outcomes, each rated for confidence before and after
	Audience Audience
	Minutes  int // how long it lasts
	// RefreshMonths is how many months a completion lasts before it must be refreshed; 0 when never.
	RefreshMonths int
	// NeedsTrainer: only staff who completed train-the-trainer for this course may give its sessions.
	NeedsTrainer bool
	// TrainsFor is set on a train-the-trainer course: the course its completers may then give.
	TrainsFor string
	Retired   bool
	// Standard says which of the programme's standard courses this is (StrengthsBasedPractice …), so that measures
	// find it whatever the council calls it; empty for the council's own courses.
	Standard  Standard
	Version   int
	Materials []Material
}

// Standard is one of the programme's standard courses, which every council's catalogue starts with.
type Standard string

// The standard courses.
const (
	StrengthsBasedPractice Standard = "strengths-based-practice"
	Induction              Standard = "induction"
	SafeguardingPersonal   Standard = "making-safeguarding-personal"
	MentalCapacity         Standard = "mental-capacity-act"
	SupervisionSkills      Standard = "strengths-based-supervision"
	TrainTheTrainer        Standard = "train-the-trainer"
)

// Normalise trims what was typed and drops empty learning outcomes.
func (c *Course) Normalise() {
	c.Name, c.Summary, c.TrainsFor = strings.TrimSpace(c.Name), strings.TrimSpace(c.Summary), strings.TrimSpace(c.TrainsFor)
	c.Outcomes = slices.DeleteFunc(trimAll(c.Outcomes), func(s string) bool { return s == "" })
	c.Audience.TeamIDs = slices.DeleteFunc(trimAll(c.Audience.TeamIDs), func(s string) bool { return s == "" })
}

func trimAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// MaxOutcomes is how many learning outcomes a course may have: each is rated twice in the evaluation.
const MaxOutcomes = 8

// Validate says what is wrong with a course, by form field.
func (c Course) Validate() validation.Problems {
	var ps validation.Problems
	if c.Name == "" {
		ps.Append("name", "Enter the course's name")
	} else if len(c.Name) > 200 {
		ps.Append("name", "The course's name must be 200 characters or fewer")
	}
	switch {
	case len(c.Outcomes) == 0:
		ps.Append("outcomes", "Enter at least one learning outcome, one a line")
	case len(c.Outcomes) > MaxOutcomes:
		ps.Append("outcomes", fmt.Sprintf("Enter %d learning outcomes or fewer", MaxOutcomes))
	}
	for _, r := range c.Audience.Roles {
		if _, err := councils.ParseRole(string(r)); err != nil {
			ps.Append("audience_roles", "Select roles from the list")
			break
		}
	}
	if c.Minutes < 15 || c.Minutes > 5*8*60 {
		ps.Append("minutes", "How long it lasts must be between 15 minutes and 40 hours")
	}
	if c.RefreshMonths < 0 || c.RefreshMonths > 120 {
		ps.Append("refresh_months", "Months before a refresh must be between 0 (never) and 120")
	}
	if c.TrainsFor != "" && c.NeedsTrainer {
		ps.Append("needs_trainer", "A train-the-trainer course cannot itself need a trained trainer")
	}
	if c.TrainsFor != "" && c.TrainsFor == c.ID {
		ps.Append("trains_for", "A course cannot train trainers for itself")
	}
	return ps
}

// Material is a file that goes with a course. Its content is read only when it is downloaded.
type Material struct {
	ID         string
	CourseID   string
	Name       string
	MediaType  string
	Size       int
	UploadedAt time.Time
}

// MaxMaterialSize is the largest file a course may hold: 10 MB, so that the database and its backups stay small.
const MaxMaterialSize = 10 << 20

// MaterialTypes are the kinds of file a course may hold, by the type their content shows (not their name): PDF,
// Word, PowerPoint and Excel documents, plain text and images.
var MaterialTypes = map[string]string{
	"application/pdf": "PDF",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   "Word document",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "Excel workbook",
	"text/plain": "Text",
	"image/png":  "PNG image",
	"image/jpeg": "JPEG image",
}

// Session is one time a course is given.
type Session struct {
	ID         string
	CourseID   string
	HeldOn     sqldb.Date
	StartsAt   string // "09:30"
	EndsAt     string
	Place      string // where, when not online
	Online     bool
	Capacity   int
	Imported   bool // made by importing past attendance
	Cancelled  bool
	TrainerIDs []string
	Version    int
}

// Booking is a member of staff's booking on a session.
type Booking struct {
	ID        string
	SessionID string
	StaffID   string
	StaffName string
	BookedAt  time.Time
	BookedBy  string
	Cancelled bool
	// Attended and Completed are nil until the trainer marks them.
	Attended, Completed *bool
	Differently         string // what the learner will do differently
	Confidence          []Confidence
	Evaluated           bool
	Version             int
	// Place is where the booking stands: worked out from the session's bookings by Places, never stored.
	Place Place
}

// Confidence is a learner's confidence in one learning outcome (its position in the course's list, from 0), before
// and after the session, from 1 (not at all) to 5 (very).
type Confidence struct {
	Outcome       int
	Before, After int
}

// Place is where a booking stands on its session.
type Place string

// The places.
const (
	Booked    Place = "booked"    // has a place
	Waiting   Place = "waiting"   // on the waiting list
	Cancelled Place = "cancelled" // cancelled by the learner or their manager
)

// Label is the place as staff read it.
func (p Place) Label() string {
	switch p {
	case Booked:
		return "Place booked"
	case Waiting:
		return "On the waiting list"
	case Cancelled:
		return "Cancelled"
	}
	return string(p)
}

// Places says where each of a session's bookings stands: bookings not cancelled take the places in the order they
// were made; the rest wait. bookings must be in the order they were made. A cancellation gives its place to the
// first on the waiting list without anyone moving them.
func Places(capacity int, bookings []Booking) []Booking {
	taken := 0
	for i := range bookings {
		switch {
		case bookings[i].Cancelled:
			bookings[i].Place = Cancelled
		case taken < capacity:
			bookings[i].Place = Booked
			taken++
		default:
			bookings[i].Place = Waiting
		}
	}
	return bookings
}

// StepKind is a kind of step on a new starter's induction pathway.
type StepKind string

// The kinds of step.
const (
	CourseStep       StepKind = "course"      // done when they complete a session of the course
	Shadowing        StepKind = "shadowing"   // done when marked
	Reading          StepKind = "reading"     // reading the practice framework; done when marked
	FirstSupervision StepKind = "supervision" // done when a supervision session is recorded with them
)

// Label is the kind as staff read it.
func (k StepKind) Label() string {
	switch k {
	case CourseStep:
		return "Course"
	case Shadowing:
		return "Shadowing"
	case Reading:
		return "Reading"
	case FirstSupervision:
		return "First supervision"
	}
	return string(k)
}
