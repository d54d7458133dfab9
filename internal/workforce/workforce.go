// Package workforce works out the staff each team needs to run the practice and supervision model (seed 001's
// milestone "calculate staff resources needed to operate the new practice and supervision model"): the work the
// record shows each team doing a month (new contacts, conversations, plans agreed, reviews due, safeguarding
// concerns), the time each takes, the supervision each member of staff has under the council's policy, and the
// productive hours of one full-time member of staff, set beside the staff each team has. Time per activity and the
// rest are assumptions a quality lead enters and saves as named scenarios, each clearly marked as assumed; the share
// of a practitioner's time spent with people can instead be what a practice study's day-in-the-life diaries
// observed.
package workforce

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Activity is a kind of work the record counts and a scenario gives a time to.
type Activity string

// The activities, as the record counts them.
const (
	Contact      Activity = "contact"      // a new contact at the front door
	Conversation Activity = "conversation" // a conversation or assessment held with a person
	Plan         Activity = "plan"         // a support plan agreed
	Review       Activity = "review"       // a review falling due
	Safeguarding Activity = "safeguarding" // a safeguarding concern received
)

// Activities lists the activities in the order pages show them.
func Activities() []Activity { return []Activity{Contact, Conversation, Plan, Review, Safeguarding} }

// Label is the activity as a page names what is counted.
func (a Activity) Label() string {
	switch a {
	case Conversation:
		return "Conversations and assessments held"
	case Plan:
		return "Support plans agreed"
	case Review:
		return "Reviews due"
	case Safeguarding:
		return "Safeguarding concerns received"
	}
	return "New contacts"
}

// Each is one of the activity, as a form asks for its time ("Time for each …").
func (a Activity) Each() string {
	switch a {
	case Conversation:
		return "conversation or assessment"
	case Plan:
		return "support plan"
	case Review:
		return "review"
	case Safeguarding:
		return "safeguarding concern"
	}
	return "new contact"
}

// Field is the activity's form field for its minutes.
func (a Activity) Field() string { return "minutes_" + string(a) }

// Assumptions are what a scenario assumes: the time each activity takes, the supervision each member of staff has,
// the share of a practitioner's time spent with people or on their casework, and what one full-time member of staff
// gives in a month.
type Assumptions struct {
	ContactMinutes      int `json:"contact_minutes"`
	ConversationMinutes int `json:"conversation_minutes"`
	PlanMinutes         int `json:"plan_minutes"`
	ReviewMinutes       int `json:"review_minutes"`
	SafeguardingMinutes int `json:"safeguarding_minutes"`
	// SupervisionMinutes is the supervision each practitioner has a month, time away from their casework.
	SupervisionMinutes int `json:"supervision_minutes"`
	// WithPeoplePercent is the share of a practitioner's working time spent with people or on their casework; the
	// rest goes on travel, recording, meetings, chasing and the like.
	WithPeoplePercent int `json:"with_people_percent"`
	// HoursPerWeek is a full-time member of staff's contracted hours.
	HoursPerWeek float64 `json:"hours_per_week"`
	// LeavePercent is the share of contracted time lost to annual leave, bank holidays and sickness.
	LeavePercent int `json:"leave_percent"`
	// TrainingPercent is the share of contracted time kept for learning and development.
	TrainingPercent int `json:"training_percent"`
	// Span is how many practitioners one supervisor supervises.
	Span int `json:"span"`
}

// Minutes is the time an activity takes, as assumed.
func (a Assumptions) Minutes(act Activity) int {
	switch act {
	case Conversation:
		return a.ConversationMinutes
	case Plan:
		return a.PlanMinutes
	case Review:
		return a.ReviewMinutes
	case Safeguarding:
		return a.SafeguardingMinutes
	}
	return a.ContactMinutes
}

// SetMinutes sets the time an activity takes.
func (a *Assumptions) SetMinutes(act Activity, m int) {
	switch act {
	case Conversation:
		a.ConversationMinutes = m
	case Plan:
		a.PlanMinutes = m
	case Review:
		a.ReviewMinutes = m
	case Safeguarding:
		a.SafeguardingMinutes = m
	default:
		a.ContactMinutes = m
	}
}

// SessionMinutes is how long one supervision session is assumed to last, for the default supervision time: an hour
// and a half, as the practice framework's supervision agreements commonly set.
const SessionMinutes = 90

// Defaults are a new scenario's assumptions: times within the ranges councils' own workforce models use, and the
// supervision the council's policy gives a practitioner (its sessions a month, each SessionMinutes long).
func Defaults(p supervision.Policy) Assumptions {
	weeks := p.Weeks(councils.Staff{Role: councils.Practitioner})
	return Assumptions{
		ContactMinutes: 30, ConversationMinutes: 120, PlanMinutes: 90, ReviewMinutes: 90, SafeguardingMinutes: 240,
		SupervisionMinutes: int(math.Round(52.0 / 12 / float64(weeks) * SessionMinutes)),
		WithPeoplePercent:  40, HoursPerWeek: 37, LeavePercent: 15, TrainingPercent: 5, Span: 8,
	}
}

// ProductiveHours is what one full-time member of staff gives in a month: contracted hours over the year's weeks,
// less leave and less training.
func (a Assumptions) ProductiveHours() float64 {
	return a.HoursPerWeek * 52 / 12 * (1 - float64(a.LeavePercent)/100) * (1 - float64(a.TrainingPercent)/100)
}

// Validate checks the assumptions: each time from 0 to 2,400 minutes (a safeguarding concern can take a week), the
// share with people from 5% to 100%, contracted hours from 1 to 48 a week (the Working Time Regulations' limit),
// leave and training each under half the year, a span from 1 to 30, and supervision that leaves a practitioner time
// for their casework.
func (a Assumptions) Validate() validation.Problems {
	var ps validation.Problems
	for _, act := range Activities() {
		if m := a.Minutes(act); m < 0 || m > 2400 {
			ps.Append(act.Field(), "Time for each "+act.Each()+" must be between 0 and 2,400 minutes")
		}
	}
	if a.SupervisionMinutes < 0 || a.SupervisionMinutes > 2400 {
		ps.Append("supervision_minutes", "Minutes of supervision a month must be between 0 and 2,400")
	}
	if a.WithPeoplePercent < 5 || a.WithPeoplePercent > 100 {
		ps.Append("with_people_percent", "The share of time with people must be between 5% and 100%")
	}
	if a.HoursPerWeek < 1 || a.HoursPerWeek > 48 {
		ps.Append("hours_per_week", "Contracted hours must be between 1 and 48 a week")
	}
	if a.LeavePercent < 0 || a.LeavePercent > 50 {
		ps.Append("leave_percent", "Leave must be between 0% and 50% of contracted time")
	}
	if a.TrainingPercent < 0 || a.TrainingPercent > 50 {
		ps.Append("training_percent", "Training must be between 0% and 50% of contracted time")
	}
	if a.Span < 1 || a.Span > 30 {
		ps.Append("span", "Practitioners for each supervisor must be between 1 and 30")
	}
	if len(ps) == 0 && float64(a.SupervisionMinutes)/60 >= a.ProductiveHours() {
		ps.Append("supervision_minutes", "Supervision must leave a practitioner time for their casework: it takes all of a month’s productive hours")
	}
	return ps
}

// Scenario is a named set of assumptions, such as "Current" or "With Three Conversations". StudyID, when set, names
// the practice study whose day-in-the-life diaries give each team's share of time with people in place of
// WithPeoplePercent.
type Scenario struct {
	ID          string
	Name        string
	Description string
	StudyID     string
	Assumptions Assumptions
	UpdatedAt   time.Time
	UpdatedBy   string // their name, read back
	Version     int
}

// Normalise trims what was typed.
func (s *Scenario) Normalise() {
	s.Name, s.Description, s.StudyID = strings.TrimSpace(s.Name), strings.TrimSpace(s.Description), strings.TrimSpace(s.StudyID)
}

// Validate checks a scenario: a name of up to 100 characters, a description of up to 2,000, and its assumptions.
func (s Scenario) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case s.Name == "":
		ps.Append("name", "Enter a name for the scenario")
	case len(s.Name) > 100:
		ps.Append("name", "The name must be 100 characters or less")
	}
	if len(s.Description) > 2000 {
		ps.Append("description", "The description must be 2,000 characters or less")
	}
	return append(ps, s.Assumptions.Validate()...)
}

// Period is the months whose volumes a calculation reads, from the first day of the first to the last day of the
// last.
type Period struct {
	From, To sqldb.Date
}

// LastFullMonths is the n full months before today's month: the default period is the last 12.
func LastFullMonths(today sqldb.Date, n int) Period {
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	return Period{From: sqldb.NewDate(first.AddDate(0, -n, 0)), To: sqldb.NewDate(first.AddDate(0, 0, -1))}
}

// Months lists the first day of each month of the period, oldest first.
func (p Period) Months() []time.Time {
	var out []time.Time
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(p.To.Time); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// Label is the period as a page names it: "March 2024 to February 2025".
func (p Period) Label() string {
	return p.From.Format("January 2006") + " to " + p.To.Format("January 2006")
}

// Periods are the lengths, in months, a page offers.
func Periods() []int { return []int{3, 6, 12, 24} }

// Study is a practice study a scenario can take observed time from.
type Study struct {
	ID, Name string
}

// ObservedTeam is what a practice study's day-in-the-life diaries recorded for one team: minutes by kind of activity
// ("with_people", "travel", "recording", "meetings", "chasing", "supervision", "training", "other"), over how many
// days and diarists.
type ObservedTeam struct {
	TeamID         string
	Minutes        map[string]int
	Days, Diarists int
}

// WithPeople is the kind of diary time spent with people.
const WithPeople = "with_people"

// Share is the observed share of time with people, and false when the diaries recorded no time at all.
func (o ObservedTeam) Share() (float64, bool) {
	total := 0
	for _, m := range o.Minutes {
		total += m
	}
	if total <= 0 {
		return 0, false
	}
	return float64(o.Minutes[WithPeople]) / float64(total), true
}

// Observations is where observed time comes from: a practice study's day-in-the-life diaries. It is optional; a
// store without it offers only assumptions.
type Observations interface {
	Studies(ctx context.Context) ([]Study, error)
	TimeByTeam(ctx context.Context, studyID string) ([]ObservedTeam, error)
}

// Volumes are one team's counts for one month, or summed over a period.
type Volumes struct {
	Counts map[Activity]int
	// EpisodesBegun, ShortTerm and LongTerm are the episodes opened, and those ended with short-term support
	// (reablement) or moving on to long-term support planning: shown beside the counts, not timed.
	EpisodesBegun, ShortTerm, LongTerm int
}

func (v *Volumes) add(o Volumes) {
	if v.Counts == nil {
		v.Counts = map[Activity]int{}
	}
	for a, n := range o.Counts {
		v.Counts[a] += n
	}
	v.EpisodesBegun += o.EpisodesBegun
	v.ShortTerm += o.ShortTerm
	v.LongTerm += o.LongTerm
}

// TeamVolumes is one team's volumes month by month over a period. TeamID "" is work the record gives no team.
type TeamVolumes struct {
	TeamID, TeamName string
	Months           []MonthVolumes
}

// MonthVolumes is a team's volumes in one month.
type MonthVolumes struct {
	Month time.Time
	Volumes
}

// Total sums the team's months.
func (t TeamVolumes) Total() Volumes {
	var v Volumes
	for _, m := range t.Months {
		v.add(m.Volumes)
	}
	if v.Counts == nil {
		v.Counts = map[Activity]int{}
	}
	return v
}

// Staffing is how many staff a team has: practitioners, and team managers who supervise them.
type Staffing struct {
	Practitioners, Supervisors int
}

// StaffingOf counts each team's staff who can sign in, by role: a member of staff in two teams counts in each.
func StaffingOf(staff []councils.Staff) map[string]Staffing {
	out := map[string]Staffing{}
	for _, st := range staff {
		if st.Disabled() {
			continue
		}
		for _, t := range st.TeamIDs {
			s := out[t]
			switch st.Role {
			case councils.Practitioner:
				s.Practitioners++
			case councils.TeamManager:
				s.Supervisors++
			}
			out[t] = s
		}
	}
	return out
}

// Need is what one team needs a month under a scenario, beside what it has.
type Need struct {
	TeamID, TeamName string
	// Monthly is each activity's average a month over the period.
	Monthly map[Activity]float64
	// DirectHours is the time the activities take a month (volumes × minutes).
	DirectHours float64
	// Share is the share of a practitioner's time with people used, observed or assumed.
	Share         float64
	ShareObserved bool
	// CaseworkHours is the practitioners' time the work takes: the direct time over the share with people.
	CaseworkHours float64
	// SupervisionHours is the supervision the practitioners needed have a month.
	SupervisionHours float64
	// Practitioners and Supervisors are the full-time equivalents needed.
	Practitioners, Supervisors float64
	Has                        Staffing
}

// TotalHours is the hours of work a month: casework and the practitioners' supervision.
func (n Need) TotalHours() float64 { return n.CaseworkHours + n.SupervisionHours }

// PractitionerGap is the practitioners the team has less those it needs: below zero it is short.
func (n Need) PractitionerGap() float64 { return float64(n.Has.Practitioners) - n.Practitioners }

// SupervisorGap is the supervisors the team has less those it needs.
func (n Need) SupervisorGap() float64 { return float64(n.Has.Supervisors) - n.Supervisors }

// Calculate works out what each team needs a month under the assumptions, from its volumes over months months and
// the staff it has, using a team's observed share of time with people where observed has one for it (a share of
// nothing recorded falls back to the assumption).
//
// A practitioner's casework hours are the activities' direct time over the share of their time spent with people;
// each practitioner also has their supervision, so the full-time practitioners needed are the casework hours over
// what one gives after supervision. Supervisors follow from the span of supervision.
func Calculate(teams []TeamVolumes, months int, has map[string]Staffing, a Assumptions, observed map[string]ObservedTeam) []Need {
	supervision := float64(a.SupervisionMinutes) / 60
	available := a.ProductiveHours() - supervision
	out := make([]Need, 0, len(teams))
	for _, t := range teams {
		n := Need{TeamID: t.TeamID, TeamName: t.TeamName, Monthly: map[Activity]float64{}, Has: has[t.TeamID],
			Share: float64(a.WithPeoplePercent) / 100}
		if o, ok := observed[t.TeamID]; ok {
			if share, ok := o.Share(); ok && share > 0 {
				n.Share, n.ShareObserved = share, true
			}
		}
		total := t.Total()
		for _, act := range Activities() {
			if months > 0 {
				n.Monthly[act] = float64(total.Counts[act]) / float64(months)
			}
			n.DirectHours += n.Monthly[act] * float64(a.Minutes(act)) / 60
		}
		if n.Share > 0 {
			n.CaseworkHours = n.DirectHours / n.Share
		}
		if available > 0 {
			n.Practitioners = n.CaseworkHours / available
		}
		n.SupervisionHours = n.Practitioners * supervision
		if a.Span > 0 {
			n.Supervisors = n.Practitioners / float64(a.Span)
		}
		out = append(out, n)
	}
	return out
}

// Sum adds up the teams' needs and staff, for a council's total: its volumes are sums too, so a page shows them
// through disclosure.
func Sum(needs []Need) Need {
	s := Need{TeamName: "All teams", Monthly: map[Activity]float64{}}
	for _, n := range needs {
		for a, v := range n.Monthly {
			s.Monthly[a] += v
		}
		s.DirectHours += n.DirectHours
		s.CaseworkHours += n.CaseworkHours
		s.SupervisionHours += n.SupervisionHours
		s.Practitioners += n.Practitioners
		s.Supervisors += n.Supervisors
		s.Has.Practitioners += n.Has.Practitioners
		s.Has.Supervisors += n.Has.Supervisors
	}
	if s.CaseworkHours > 0 {
		s.Share = s.DirectHours / s.CaseworkHours
	}
	return s
}
