package audits

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// CaseFileAudit is the reason the access log gives when an auditor opens a case sampled for a case file audit.
const CaseFileAudit = "case file audit"

// SupervisionAudit is the reason the access log gives when an audit of a supervision session names the people whose
// cases the session discussed.
const SupervisionAudit = "supervision audit"

// RecentMonths is how long after an episode ended a round may still sample it: episodes still open, and those that
// ended in the three months before the round starts, so that a round audits current practice.
const RecentMonths = 3

// Round is an audit round, such as a Practice Fortnight.
type Round struct {
	ID                string
	Name              string
	ToolID            string
	ToolName          string
	ToolVersion       int
	ToolKind          Kind // what the round samples: episodes, or supervision records
	StartsOn, EndsOn  sqldb.Date
	Rule              Rule
	NotOwnTeam        bool // auditors never audit their own team's cases
	ModerationPercent int  // the share of completed audits a moderator re-grades blind
	ClosedAt          time.Time
	CreatedAt         time.Time
	Version           int
}

// OfSupervision says whether the round samples supervision records rather than episodes.
func (r Round) OfSupervision() bool { return r.ToolKind == Supervision }

// Sampled names what the round samples, n of them, as pages say it.
func (r Round) Sampled(n int) string {
	if r.OfSupervision() {
		return plural(n, "supervision record", r.Noun())
	}
	return plural(n, "episode", r.Noun())
}

// Noun is what the round samples, as pages say it: episodes, or supervision records.
func (r Round) Noun() string {
	if r.OfSupervision() {
		return "supervision records"
	}
	return "episodes"
}

// Open says whether the round is still running: its auditors may read their cases and grade them.
func (r Round) Open() bool { return r.ClosedAt.IsZero() }

// NewRound is what a quality lead asks for when creating a round.
type NewRound struct {
	Name              string
	ToolID            string
	StartsOn, EndsOn  sqldb.Date
	PerTeam           int
	SharePercent      int
	Stratify          Stratum
	ExcludeMonths     int
	Seed              int64
	NotOwnTeam        bool
	ModerationPercent int
}

// Validate checks a new round, with a problem for each field that is wrong.
func (n NewRound) Validate() validation.Problems {
	var ps validation.Problems
	switch name := strings.TrimSpace(n.Name); {
	case name == "":
		ps.Append("name", "Enter a name for the round, such as Practice Fortnight, spring")
	case len(name) > 200:
		ps.Append("name", "Name must be 200 characters or less")
	}
	if n.ToolID == "" {
		ps.Append("tool_id", "Select the audit tool the round uses")
	}
	switch {
	case n.StartsOn.IsZero():
		ps.Append("starts_on", "Enter the date the round starts")
	case n.EndsOn.IsZero():
		ps.Append("ends_on", "Enter the date audits are due")
	case n.EndsOn.Before(n.StartsOn.Time):
		ps.Append("ends_on", "The date audits are due must be on or after the date the round starts")
	}
	switch {
	case n.PerTeam < 0 || n.PerTeam > 500:
		ps.Append("per_team", "Number for each team must be between 1 and 500")
	case n.SharePercent < 0 || n.SharePercent > 100:
		ps.Append("share_percent", "Share for each team must be between 1 and 100")
	case n.PerTeam == 0 && n.SharePercent == 0:
		ps.Append("per_team", "Enter a number or a share for each team")
	case n.PerTeam > 0 && n.SharePercent > 0:
		ps.Append("per_team", "Enter a number or a share for each team, not both")
	}
	if !validStratum(n.Stratify) {
		ps.Append("stratify", "Select how the sample is spread within each team")
	}
	if n.ExcludeMonths < 0 || n.ExcludeMonths > 36 {
		ps.Append("exclude_months", "Months must be between 0 and 36")
	}
	if n.ModerationPercent < 0 || n.ModerationPercent > 100 {
		ps.Append("moderation_percent", "Share moderated must be between 0 and 100")
	}
	return ps
}

func validStratum(s Stratum) bool {
	for _, v := range Strata() {
		if v == s {
			return true
		}
	}
	return false
}

// Status is where an audit has got to, derived from what was recorded.
type Status string

// The statuses of an audit, in order.
const (
	Allocated  Status = "allocated"
	InProgress Status = "in_progress"
	Completed  Status = "completed"
	Moderated  Status = "moderated"
)

// Statuses lists the statuses in order.
func Statuses() []Status { return []Status{Allocated, InProgress, Completed, Moderated} }

// Label is the status as pages show it.
func (s Status) Label() string {
	switch s {
	case InProgress:
		return "In progress"
	case Completed:
		return "Completed"
	case Moderated:
		return "Moderated"
	}
	return "Allocated"
}

// Answer is a grade given to one question with the auditor's evidence.
type Answer struct {
	Grade    string
	Evidence string
}

// Action is something the auditor agrees for the practitioner to do, by a date.
type Action struct {
	What   string
	DueOn  sqldb.Date
	DoneOn sqldb.Date
}

// Audit is one audit of one sampled episode or, in a round run with a supervision tool, of one supervision session.
type Audit struct {
	ID, RoundID          string
	PersonID, EpisodeID  string // "" for a supervision audit
	EpisodeEnded         bool
	PersonName           string
	SupervisionID        string // a supervision audit's session; "" for a case file audit
	SuperviseeID         string // a supervision audit's supervisee
	SuperviseeName       string
	HeldOn               sqldb.Date // when a supervision audit's session was held
	TeamID, TeamName     string
	WorkerID, WorkerName string // the practitioner whose case it was when sampled; a supervision audit's supervisor
	AuditorID            string
	AuditorName          string
	DueOn                sqldb.Date
	StrengthsFound       string
	Learning             string
	StartedAt            time.Time
	CompletedAt          time.Time
	Reflection           string
	ReflectedAt          time.Time
	ModeratorID          string
	ModeratorName        string
	ModeratedAt          time.Time
	ModerationNote       string
	Grades               map[string]Answer // the auditor's, by question key
	Moderated            map[string]Answer // the moderator's, once moderated (read for a round's findings)
	Actions              []Action
	Version              int
}

// OfSupervision says whether the audit is of a supervision session rather than an episode.
func (a Audit) OfSupervision() bool { return a.SupervisionID != "" }

// Subject is what the audit is of, as lists name it: the person, or the supervision session.
func (a Audit) Subject() string {
	if a.OfSupervision() {
		return "Supervision of " + a.SuperviseeName + " by " + a.WorkerName + ", " + a.HeldOn.Format("2 January 2006")
	}
	return a.PersonName
}

// Status is where the audit has got to.
func (a Audit) Status() Status {
	switch {
	case !a.ModeratedAt.IsZero():
		return Moderated
	case !a.CompletedAt.IsZero():
		return Completed
	case !a.StartedAt.IsZero():
		return InProgress
	}
	return Allocated
}

// Overdue says whether the audit is not completed and its due date has passed on today.
func (a Audit) Overdue(today sqldb.Date) bool {
	return a.CompletedAt.IsZero() && today.After(a.DueOn.Time)
}

// Grading is what an auditor records on an audit: the grades, what they found, the actions, and whether it is
// complete. Saving a grading that is not complete keeps the auditor's work in progress.
type Grading struct {
	Grades         map[string]Answer
	StrengthsFound string
	Learning       string
	Actions        []Action
	Complete       bool
}

// Validate checks a grading against the tool it grades: every grade on its question's scale and, to complete the
// audit, every question graded; actions need what and a date on or after today.
func (g Grading) Validate(t Tool, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	for _, q := range t.Questions() {
		a := g.Grades[q.Key]
		switch {
		case a.Grade != "" && !q.Scale.Has(a.Grade):
			ps.Append(GradeField(q.Key), "Select a grade for “"+q.Text+"” from the list")
		case a.Grade == "" && g.Complete:
			ps.Append(GradeField(q.Key), "Select a grade for “"+q.Text+"” to complete the audit")
		}
		if len(a.Evidence) > 4000 {
			ps.Append(EvidenceField(q.Key), "Evidence must be 4,000 characters or less")
		}
	}
	if len(g.StrengthsFound) > 4000 {
		ps.Append("strengths_found", "Strengths found must be 4,000 characters or less")
	}
	if len(g.Learning) > 4000 {
		ps.Append("learning", "Learning points must be 4,000 characters or less")
	}
	for i, a := range g.Actions {
		switch {
		case a.What == "" && !a.DueOn.IsZero():
			ps.Append(ActionField(i, "what"), "Enter what the practitioner is to do")
		case a.What != "" && a.DueOn.IsZero():
			ps.Append(ActionField(i, "due_on"), "Enter the date the action is due")
		case a.What != "" && a.DueOn.Before(today.Time):
			ps.Append(ActionField(i, "due_on"), "The date the action is due must be today or later")
		}
	}
	return ps
}

// GradeField is the form field of a question's grade.
func GradeField(key string) string { return "grade-" + key }

// EvidenceField is the form field of a question's evidence.
func EvidenceField(key string) string { return "evidence-" + key }

// ActionField is the form field of part of the i-th action (from 0).
func ActionField(i int, part string) string { return "action-" + strconv.Itoa(i+1) + "-" + part }

// ActionRows is how many actions an audit's form offers.
const ActionRows = 3

// ProgressRow is how far one team's or one auditor's audits in a round have got.
type ProgressRow struct {
	Label   string
	Counts  map[Status]int
	Total   int
	Overdue int
}

// Progress counts a round's audits by status, grouped by label (a team, an auditor), in label order, with the
// number overdue on today: the round's progress page, by team and by auditor.
func Progress(as []Audit, today sqldb.Date, label func(Audit) string) []ProgressRow {
	rows := map[string]*ProgressRow{}
	var order []string
	for _, a := range as {
		l := label(a)
		row := rows[l]
		if row == nil {
			row = &ProgressRow{Label: l, Counts: map[Status]int{}}
			rows[l] = row
			order = append(order, l)
		}
		row.Counts[a.Status()]++
		row.Total++
		if a.Overdue(today) {
			row.Overdue++
		}
	}
	slices.Sort(order)
	out := make([]ProgressRow, len(order))
	for i, l := range order {
		out[i] = *rows[l]
	}
	return out
}
