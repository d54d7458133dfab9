// Package frontdoor holds the front door and community first: triage of new contacts with a priority and a
// reason, resolution at first contact with a signpost, the waiting list with each person's wait, check-ins with
// people waiting ("waiting well"), and signposts and referrals to community directory services with their
// follow-up (did it help?).
//
// It is its own package rather than part of conversations because its rules are about the queue (who waits, for
// how long, who is overdue a check-in, what helps) across many people, where conversations' rules are about one
// episode's work; and because it joins the community directory to the golden thread, which conversations should
// not know about. It writes the contact, episode and solution rows it owns the front-door columns of, through the
// domains' own rules (conversations.Ending, plans.Solution).
package frontdoor

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Priority is how soon work with a person must start, decided at triage.
type Priority string

// The priorities, most pressing first. The zero Priority means "not yet triaged".
const (
	Urgent  Priority = "urgent"
	High    Priority = "high"
	Routine Priority = "routine"
)

// Priorities returns the priorities, most pressing first.
func Priorities() []Priority { return []Priority{Urgent, High, Routine} }

// Valid reports whether p is one of the priorities.
func (p Priority) Valid() bool { return slices.Contains(Priorities(), p) }

// Label is the priority as staff read it.
func (p Priority) Label() string {
	switch p {
	case Urgent:
		return "Urgent"
	case High:
		return "High"
	case Routine:
		return "Routine"
	}
	return "Not triaged"
}

// Rank orders priorities: urgent 0, high 1, routine 2, anything else 3.
func (p Priority) Rank() int {
	if i := slices.Index(Priorities(), p); i >= 0 {
		return i
	}
	return len(Priorities())
}

// ParsePriority reads a stored or posted priority.
func ParsePriority(s string) (Priority, error) {
	p := Priority(strings.TrimSpace(s))
	if !p.Valid() {
		return "", fmt.Errorf("priority %q is not one of urgent, high, routine", s)
	}
	return p, nil
}

// CheckInDays is the days between check-ins for a priority, by the council's settings (the schema's defaults
// when a setting is missing).
func CheckInDays(set councils.Settings, p Priority) int {
	days, def := 0, 0
	switch p {
	case Urgent:
		days, def = set.CheckInUrgentDays, councils.DefaultSettings.CheckInUrgentDays
	case High:
		days, def = set.CheckInHighDays, councils.DefaultSettings.CheckInHighDays
	default:
		days, def = set.CheckInRoutineDays, councils.DefaultSettings.CheckInRoutineDays
	}
	if days < 1 {
		return def
	}
	return days
}

// maxReason is the longest reason or note the rules accept, in bytes.
const maxReason = 2000

// Triage is a priority and the reason for it.
type Triage struct {
	Priority Priority
	Reason   string
}

// Validate checks a triage decision.
func (t Triage) Validate() validation.Problems {
	var ps validation.Problems
	if !t.Priority.Valid() {
		ps.Append("priority", "Select how soon the work must start")
	}
	switch r := strings.TrimSpace(t.Reason); {
	case r == "":
		ps.Append("triage_reason", "Enter why you chose this priority")
	case len(r) > maxReason:
		ps.Append("triage_reason", "Reason must be 2,000 characters or less")
	}
	return ps
}

// Days is the whole days from one UK date to another: 0 on the same day, negative when to is before from.
func Days(from, to sqldb.Date) int {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	a := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours()) / 24
}

// Stage is where a person waiting has got to.
type Stage int

// The stages of waiting.
const (
	ForConversation Stage = iota + 1 // contacted, no conversation yet
	ForPlan                          // a first conversation, no plan agreed yet
	NotWaiting                       // a plan agreed
)

// Label is the stage as the waiting list says it.
func (s Stage) Label() string {
	switch s {
	case ForConversation:
		return "Waiting for a first conversation"
	case ForPlan:
		return "Waiting for a plan"
	}
	return "Plan agreed"
}

// Wait is how long a person has waited: from contact to first conversation, and from first conversation to a plan
// agreed. Each is counted to today while it is still running.
type Wait struct {
	Stage          Stage
	ToConversation int // days from contact to the first conversation (or to today)
	ToPlan         int // days from the first conversation to the plan agreed (or to today); 0 before a conversation
	Total          int // days waiting in the current stage, for ordering: longest first
}

// WaitOf works out a person's wait in whole days on UK dates, from the contact, the first conversation and the
// plan agreed (zero dates when they have not happened), as of today.
func WaitOf(contacted, firstConversation, planAgreed, today sqldb.Date) Wait {
	var w Wait
	switch {
	case firstConversation.IsZero():
		w.Stage = ForConversation
		w.ToConversation = max(0, Days(contacted, today))
		w.Total = w.ToConversation
	case planAgreed.IsZero():
		w.Stage = ForPlan
		w.ToConversation = max(0, Days(contacted, firstConversation))
		w.ToPlan = max(0, Days(firstConversation, today))
		w.Total = w.ToPlan
	default:
		w.Stage = NotWaiting
		w.ToConversation = max(0, Days(contacted, firstConversation))
		w.ToPlan = max(0, Days(firstConversation, planAgreed))
	}
	return w
}

// CheckIn is when the next check-in with a person waiting falls due: days for their priority after the last
// check-in, or after triage when there has been none.
type CheckIn struct {
	Due      sqldb.Date
	Overdue  bool // today is after the due date
	DaysLate int
}

// NextCheckIn works out the next check-in from the last one (or triage) and the days between check-ins.
func NextCheckIn(last sqldb.Date, days int, today sqldb.Date) CheckIn {
	if last.IsZero() || days < 1 {
		return CheckIn{}
	}
	due := sqldb.NewDate(last.AddDate(0, 0, days))
	late := Days(due, today)
	return CheckIn{Due: due, Overdue: late > 0, DaysLate: max(0, late)}
}

// DaysText says a number of days as a person reads it: "today", "1 day", "12 days".
func DaysText(n int) string {
	switch n {
	case 0:
		return "Less than a day"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// ConversationText is the wait for a first conversation, as the waiting list says it.
func (w Wait) ConversationText() string {
	if w.Stage == ForConversation {
		return DaysText(w.ToConversation) + " so far"
	}
	return DaysText(w.ToConversation)
}

// PlanText is the wait from the first conversation for a plan, as the waiting list says it.
func (w Wait) PlanText() string {
	switch w.Stage {
	case ForConversation:
		return "Not started"
	case ForPlan:
		return DaysText(w.ToPlan) + " so far"
	}
	return DaysText(w.ToPlan)
}

// LateText says how late a check-in is.
func (c CheckIn) LateText() string { return DaysText(c.DaysLate) + " late" }
