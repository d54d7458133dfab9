// Package supervision holds strengths-based supervision (seeds/004, "Staff Supervision and Support"): the council's
// policy for how often each member of staff is supervised, each session's record (what has gone well first, and it
// cannot be skipped; the cases discussed, each on that person's chronology with its decision; the supervisee's
// wellbeing, learning and reflection, which only the two of them and a quality lead see; the actions agreed, carried
// into the next session; the supervisee's agreement), and who is supervised within policy and who is overdue.
package supervision

import (
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Kind is how a session was held.
type Kind string

// The kinds of supervision.
const (
	OneToOne   Kind = "one_to_one"
	Group      Kind = "group"
	Reflective Kind = "reflective"
)

// Kinds lists the kinds in the order the form offers them.
func Kinds() []Kind { return []Kind{OneToOne, Group, Reflective} }

// Label is the kind as staff read it.
func (k Kind) Label() string {
	switch k {
	case Group:
		return "Group supervision"
	case Reflective:
		return "Reflective supervision"
	}
	return "One-to-one supervision"
}

// Policy is how often the council supervises its staff, in weeks: by role, and for a member of staff whose own
// frequency differs.
type Policy struct {
	ByRole  map[councils.Role]int
	ByStaff map[string]int
}

// DefaultWeeks is how often staff are supervised where the council has set nothing: every four weeks, as the
// practice framework's monthly supervision asks.
const DefaultWeeks = 4

// Weeks is how often a member of staff is to be supervised: their own frequency, else their role's, else
// DefaultWeeks.
func (p Policy) Weeks(st councils.Staff) int {
	if w, ok := p.ByStaff[st.ID]; ok && w > 0 {
		return w
	}
	if w, ok := p.ByRole[st.Role]; ok && w > 0 {
		return w
	}
	return DefaultWeeks
}

// Supervised says whether a role is supervised at all: those who work with people and their managers.
func Supervised(r councils.Role) bool {
	return r == councils.Practitioner || r == councils.TeamManager || r == councils.DirectoryEditor
}

// Standing is where a member of staff is with supervision on a day: their last session, when the next is due by
// policy, and whether it is overdue.
type Standing struct {
	Staff   councils.Staff
	Weeks   int
	Last    sqldb.Date // zero when never supervised
	Next    sqldb.Date // zero when never supervised: due now
	Overdue bool
}

// StandingOf works out a member of staff's standing on today from their last session and their policy's weeks. Never
// supervised is overdue: there is nothing to count from.
func StandingOf(st councils.Staff, last sqldb.Date, weeks int, today sqldb.Date) Standing {
	s := Standing{Staff: st, Weeks: weeks, Last: last}
	if last.IsZero() {
		s.Overdue = true
		return s
	}
	s.Next = sqldb.NewDate(last.AddDate(0, 0, 7*weeks))
	s.Overdue = today.After(s.Next.Time)
	return s
}

// WithinPolicy says whether someone supervised on the days held (any order) was within policy on day: their last
// session on or before it was no more than weeks before it.
func WithinPolicy(held []sqldb.Date, weeks int, day sqldb.Date) bool {
	var last sqldb.Date
	for _, h := range held {
		if !h.After(day.Time) && h.After(last.Time) {
			last = h
		}
	}
	return !last.IsZero() && !day.After(last.AddDate(0, 0, 7*weeks))
}

// Case is a person's case discussed in supervision: what was discussed, and what was decided with why.
type Case struct {
	PersonID   string
	PersonName string // read back
	Discussion string
	Decision   string
}

// Action is an action agreed in supervision, with who owns it and by when; done when DoneOn is set.
type Action struct {
	What   string
	Owner  string
	DueOn  sqldb.Date
	DoneOn sqldb.Date
}

// Session is one supervision session.
type Session struct {
	ID                           string
	SupervisorID, SupervisorName string
	SuperviseeID, SuperviseeName string
	HeldOn                       sqldb.Date
	Kind                         Kind
	WentWell                     string // what has gone well: first, and required
	Cases                        []Case
	Wellbeing                    string // personal
	Learning                     string // personal
	Reflection                   string // personal
	Actions                      []Action
	AgreedAt                     time.Time
	Comment                      string // the supervisee's, with their agreement
	Version                      int
}

// Normalise trims what was typed and drops empty rows.
func (s *Session) Normalise() {
	s.WentWell, s.Wellbeing = strings.TrimSpace(s.WentWell), strings.TrimSpace(s.Wellbeing)
	s.Learning, s.Reflection = strings.TrimSpace(s.Learning), strings.TrimSpace(s.Reflection)
	var cases []Case
	for _, c := range s.Cases {
		c.Discussion, c.Decision = strings.TrimSpace(c.Discussion), strings.TrimSpace(c.Decision)
		if c.PersonID != "" || c.Discussion != "" || c.Decision != "" {
			cases = append(cases, c)
		}
	}
	s.Cases = cases
	var actions []Action
	for _, a := range s.Actions {
		a.What, a.Owner = strings.TrimSpace(a.What), strings.TrimSpace(a.Owner)
		if a.What != "" || a.Owner != "" || !a.DueOn.IsZero() {
			actions = append(actions, a)
		}
	}
	s.Actions = actions
}

// CaseField is the form field of part of the i-th case (from 0).
func CaseField(i int, part string) string { return "case_" + strconv.Itoa(i+1) + "_" + part }

// ActionField is the form field of part of the i-th action (from 0).
func ActionField(i int, part string) string { return "action_" + strconv.Itoa(i+1) + "_" + part }

// Validate checks a session on today: who was supervised, when (not in the future) and how, what has gone well (it
// cannot be skipped: strengths-based supervision starts there), each case with its person and what was discussed,
// and each action with what, who and by when.
func (s Session) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if s.SuperviseeID == "" {
		ps.Append("supervisee_id", "Select who was supervised")
	}
	switch {
	case s.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date of the supervision")
	case s.HeldOn.After(today.Time):
		ps.Append("held_on", "The date of the supervision must be today or in the past")
	}
	switch s.Kind {
	case OneToOne, Group, Reflective:
	default:
		ps.Append("kind", "Select how the supervision was held")
	}
	if s.WentWell == "" {
		ps.Append("went_well", "Record what has gone well first: strengths-based supervision starts there")
	}
	for name, v := range map[string]string{"went_well": s.WentWell, "wellbeing": s.Wellbeing, "learning": s.Learning, "reflection": s.Reflection} {
		if len(v) > 4000 {
			ps.Append(name, "Each part must be 4,000 characters or less")
		}
	}
	for i, c := range s.Cases {
		switch {
		case c.PersonID == "":
			ps.Append(CaseField(i, "person"), "Select the person whose case was discussed")
		case c.Discussion == "":
			ps.Append(CaseField(i, "discussion"), "Enter what was discussed about the case")
		}
	}
	for i, a := range s.Actions {
		switch {
		case a.What == "":
			ps.Append(ActionField(i, "what"), "Enter what is to be done")
		case a.Owner == "":
			ps.Append(ActionField(i, "owner"), "Enter who will do it")
		case a.DueOn.IsZero():
			ps.Append(ActionField(i, "due_on"), "Enter the date it is due")
		}
	}
	return ps
}
