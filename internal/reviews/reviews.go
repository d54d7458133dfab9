// Package reviews holds reviews of support plans: outcome ratings, decisions about each service, the Goal
// Attainment T-score and when the next review is due.
package reviews

import (
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Intervals are how long after a plan is agreed, and after each review, the next review falls due.
type Intervals struct {
	// FirstReviewWeeks is the weeks from a plan being agreed to its first review. The Care Act statutory guidance
	// (chapter 13) expects a light-touch first review 6 to 8 weeks after the plan is agreed (standards.md §3.5).
	FirstReviewWeeks int
	// RegularMonths is the months between later reviews: at least every 12 months for a stable plan (standards.md
	// §3.5). A council may choose less for complex needs or high risk.
	RegularMonths int
}

// DefaultIntervals are the guidance's outer limits: a first review 8 weeks after the plan is agreed, then every 12
// months (Care and Support Statutory Guidance, chapter 13; standards.md §3.5).
func DefaultIntervals() Intervals { return Intervals{FirstReviewWeeks: 8, RegularMonths: 12} }

// NextReview is when the plan's next review is due: the earliest of
//
//   - the end of any short-term service still running (shortTermEnds; the caller passes only those still running,
//     and zero dates are ignored), since the guidance expects a review when a service changes;
//   - the plan agreed date plus FirstReviewWeeks, when there has been no review since the plan was agreed (a review
//     on the same day as the agreement does not count, because agreeing a changed plan starts a new first review);
//   - the last review plus RegularMonths otherwise, clamped to the end of a shorter month (31 January + 1 month is
//     28 or 29 February).
//
// Intervals of zero or less take the DefaultIntervals value. With no plan, no review and no short-term service it
// returns the zero Date: nothing is due.
func NextReview(in Intervals, planAgreed sqldb.Date, shortTermEnds []sqldb.Date, lastReview sqldb.Date) sqldb.Date {
	def := DefaultIntervals()
	if in.FirstReviewWeeks <= 0 {
		in.FirstReviewWeeks = def.FirstReviewWeeks
	}
	if in.RegularMonths <= 0 {
		in.RegularMonths = def.RegularMonths
	}
	var due sqldb.Date
	consider := func(d sqldb.Date) {
		if !d.IsZero() && (due.IsZero() || d.Before(due.Time)) {
			due = d
		}
	}
	for _, end := range shortTermEnds {
		consider(end)
	}
	switch {
	case !planAgreed.IsZero() && (lastReview.IsZero() || !lastReview.After(planAgreed.Time)):
		consider(sqldb.NewDate(planAgreed.AddDate(0, 0, 7*in.FirstReviewWeeks)))
	case !lastReview.IsZero():
		consider(AddMonths(lastReview, in.RegularMonths))
	}
	return due
}

// AddMonths adds n months to d, keeping the day of the month but clamping it to the last day of a shorter month:
// 31 January plus 1 month is 28 February (29 in a leap year), not 3 March as time.Time.AddDate gives. A zero Date
// stays zero.
func AddMonths(d sqldb.Date, n int) sqldb.Date {
	if d.IsZero() {
		return d
	}
	y, m, day := d.Date()
	// The first of the target month normalises the year; day 0 of the month after it is the target's last day.
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return sqldb.NewDate(time.Date(first.Year(), first.Month(), min(day, last), 0, 0, 0, 0, time.UTC))
}

// DueStatus is whether a review is coming up or late.
type DueStatus string

// The due statuses, for lists of reviews.
const (
	NotScheduled DueStatus = "not_scheduled" // no due date
	NotDue       DueStatus = "not_due"       // more than DueWithinDays away
	Due          DueStatus = "due"           // today or within DueWithinDays
	Overdue      DueStatus = "overdue"       // the due date has passed
)

// DueWithinDays is how close a review's due date must be for it to count as due. It is Golden Thread's own
// choice: two weeks to arrange a visit.
const DueWithinDays = 14

// Label is the status as staff read it.
func (s DueStatus) Label() string {
	switch s {
	case NotScheduled:
		return "Not scheduled"
	case NotDue:
		return "Not due"
	case Due:
		return "Due"
	case Overdue:
		return "Overdue"
	}
	return string(s)
}

// Status classifies a review due on due, as seen on today (the date in the UK): overdue from the day after the due
// date, due from DueWithinDays days before it up to the due date itself, otherwise not due. A zero due date is
// not scheduled.
func Status(due, today sqldb.Date) DueStatus {
	switch {
	case due.IsZero():
		return NotScheduled
	case today.After(due.Time):
		return Overdue
	case !today.AddDate(0, 0, DueWithinDays).Before(due.Time):
		return Due
	}
	return NotDue
}

// ServiceDecision is what a review decides about each service: the practice framework's Step 4 asks whether
// support "can be stopped or is required to continue (perhaps with changes)" (seeds/004).
type ServiceDecision string

// The decisions about a service at review.
const (
	Stop     ServiceDecision = "stop"
	Continue ServiceDecision = "continue"
	Change   ServiceDecision = "change"
)

// ServiceDecisions returns every decision in the order a form offers them: stopping first, so that dependence is
// not created by default.
func ServiceDecisions() []ServiceDecision { return []ServiceDecision{Stop, Continue, Change} }

// Label is the decision as staff read it.
func (d ServiceDecision) Label() string {
	switch d {
	case Stop:
		return "Stop"
	case Continue:
		return "Continue as it is"
	case Change:
		return "Continue with changes"
	}
	return string(d)
}

// ParseServiceDecision reads a stored decision.
func ParseServiceDecision(s string) (ServiceDecision, error) {
	for _, d := range ServiceDecisions() {
		if string(d) == strings.TrimSpace(s) {
			return d, nil
		}
	}
	return "", fmt.Errorf("service decision %q is not one of stop, continue, change", s)
}

// StatutoryMonths is the longest a stable plan may go without a review: the Care and Support Statutory Guidance
// (chapter 13) expects a review "at least every 12 months" (standards.md §3.5). A practitioner may bring a review
// forward, never put it off beyond this.
const StatutoryMonths = 12

// Limit is the latest date the next review may be set for, and what it counts from.
type Limit struct {
	Latest sqldb.Date
	From   sqldb.Date // the last review held, or the plan's agreement when no review has been held since; zero when neither
	// FromReview says From is the last review held rather than the plan's agreement.
	FromReview bool
	// Late says the 12 months from From have already run out: the review is overdue, and may be set no later than
	// DueWithinDays from today, enough to arrange a visit.
	Late bool
}

// LatestNext is the latest date the next review may be set for: StatutoryMonths after the later of the plan's
// agreement and the last review held. With neither, it counts from today. When those 12 months have already run
// out the review is overdue, and the latest is DueWithinDays from today, so that an overdue review can still be
// arranged but never put off.
func LatestNext(planAgreed, lastReview, today sqldb.Date) Limit {
	l := Limit{From: planAgreed}
	if !lastReview.IsZero() && (planAgreed.IsZero() || !lastReview.Before(planAgreed.Time)) {
		l.From, l.FromReview = lastReview, true
	}
	base := l.From
	if base.IsZero() {
		base = today
	}
	l.Latest = AddMonths(base, StatutoryMonths)
	if l.Latest.Before(today.Time) {
		l.Latest, l.Late = sqldb.NewDate(today.AddDate(0, 0, DueWithinDays)), true
	}
	return l
}

// NextDue is a practitioner scheduling or moving an episode's next review: when, the Client Level Data review
// reason (planned, or unplanned because something changed), and why this date, in their words.
type NextDue struct {
	On     sqldb.Date
	Reason string // codelists.ReviewReason
	Why    string
}

// Validate checks the next review against today and the limit: a date from today up to the limit, a reason from
// the list, and why.
func (n NextDue) Validate(today sqldb.Date, limit Limit) validation.Problems {
	var ps validation.Problems
	switch {
	case n.On.IsZero():
		ps.Append("due_on", "Enter the date of the next review")
	case n.On.Before(today.Time):
		ps.Append("due_on", "The date of the next review must be today or in the future")
	case n.On.After(limit.Latest.Time):
		ps.Append("due_on", limit.Message())
	}
	if !codelists.ReviewReason.Has(n.Reason) {
		ps.Append("reason", "Select the reason for the review")
	}
	switch why := strings.TrimSpace(n.Why); {
	case why == "":
		ps.Append("why", "Enter why the review is due on this date")
	case len(why) > maxText:
		ps.Append("why", "Why the review is due on this date must be 2,000 characters or less")
	}
	return ps
}

// Message says how late the next review may be, and why, for a date beyond it.
func (l Limit) Message() string {
	latest := l.Latest.Format("2 January 2006")
	switch {
	case l.Late && l.FromReview:
		return "The review is overdue: the last review was on " + l.From.Format("2 January 2006") + ", more than 12 months ago. Set a date on or before " + latest
	case l.Late:
		return "The review is overdue: the plan was agreed on " + l.From.Format("2 January 2006") + ", more than 12 months ago. Set a date on or before " + latest
	case l.FromReview:
		return "The date of the next review must be on or before " + latest + ", 12 months after the last review. A plan must be reviewed at least every 12 months"
	case !l.From.IsZero():
		return "The date of the next review must be on or before " + latest + ", 12 months after the plan was agreed. A plan must be reviewed at least every 12 months"
	}
	return "The date of the next review must be on or before " + latest + ", 12 months from today. A plan must be reviewed at least every 12 months"
}
