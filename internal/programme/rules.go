package programme

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Label is the phase as the pages name it.
func (p Phase) Label() string {
	switch p {
	case Discover:
		return "Discover"
	case Dream:
		return "Dream"
	case Design:
		return "Design"
	case Deliver:
		return "Deliver"
	}
	return string(p)
}

// Label is the status as the pages name it.
func (s PhaseStatus) Label() string {
	switch s {
	case PhaseNotStarted:
		return "Not started"
	case PhaseUnderWay:
		return "Under way"
	case PhaseDone:
		return "Done"
	}
	return string(s)
}

// Label is the status as the pages name it.
func (s MilestoneStatus) Label() string {
	switch s {
	case MilestoneNotStarted:
		return "Not started"
	case MilestoneInProgress:
		return "In progress"
	case MilestoneDone:
		return "Done"
	}
	return string(s)
}

// Label is the rating as the pages name it.
func (r RAG) Label() string {
	switch r {
	case Green:
		return "Green"
	case Amber:
		return "Amber"
	case Red:
		return "Red"
	}
	return string(r)
}

// TagClass is the GOV.UK tag colour of the rating, the same on every page that shows it: the programme's, the
// Programme Board report and the network's view of a member council.
func (r RAG) TagClass() string {
	switch r {
	case Green:
		return "govuk-tag--green"
	case Amber:
		return "govuk-tag--orange"
	case Red:
		return "govuk-tag--red"
	}
	return "govuk-tag--grey"
}

// Label is the status as the pages name it.
func (s ActionStatus) Label() string {
	switch s {
	case ActionNotStarted:
		return "Not started"
	case ActionInProgress:
		return "In progress"
	case ActionDone:
		return "Done"
	case ActionBlocked:
		return "Blocked"
	}
	return string(s)
}

// Label is the status as the pages name it.
func (s RiskStatus) Label() string {
	switch s {
	case RiskOpen:
		return "Open"
	case RiskClosed:
		return "Closed"
	}
	return string(s)
}

// Label is the kind as the pages name it.
func (k DecisionKind) Label() string {
	switch k {
	case DecisionNeeded:
		return "Decision needed"
	case DecisionMade:
		return "Decision made"
	case Issue:
		return "Issue"
	}
	return string(k)
}

// Label is the status as the pages name it.
func (s DecisionStatus) Label() string {
	switch s {
	case DecisionOpen:
		return "Open"
	case DecisionClosed:
		return "Closed"
	}
	return string(s)
}

// Label is the kind as the pages name it.
func (k EvidenceKind) Label() string {
	switch k {
	case EvidenceDocument:
		return "Document"
	case EvidenceURL:
		return "Link"
	case EvidenceAuditRound:
		return "Audit round"
	case EvidenceMeasure:
		return "Measure"
	}
	return string(k)
}

// Late says whether a phase has passed its planned end without being done. It is worked out, never recorded.
func (p PhasePlan) Late(today sqldb.Date) bool {
	return p.Status != PhaseDone && !p.PlannedEnd.IsZero() && p.PlannedEnd.Before(today.Time)
}

// Overdue is the one rule for whether something with a due date is overdue: the date has passed (today is still
// in time) and it is not done. Something with no date is never overdue.
func Overdue(due, today sqldb.Date, done bool) bool {
	return !done && !due.IsZero() && due.Before(today.Time)
}

// Overdue says whether the milestone has passed its due date without being done.
func (m Milestone) Overdue(today sqldb.Date) bool {
	return Overdue(m.DueOn, today, m.Status == MilestoneDone)
}

// Overdue says whether the action has passed its date without being done.
func (a Action) Overdue(today sqldb.Date) bool {
	return Overdue(a.DueOn, today, a.Status == ActionDone)
}

// ReviewOverdue says whether an open risk has passed its review date.
func (r Risk) ReviewOverdue(today sqldb.Date) bool {
	return Overdue(r.ReviewOn, today, r.Status == RiskClosed)
}

// Score is a risk's likelihood × impact, 1 to 25.
func Score(likelihood, impact int) int { return likelihood * impact }

// Score is the risk's score as last scored.
func (r Risk) Score() int { return Score(r.Likelihood, r.Impact) }

// Band is a risk's rating by its score.
type Band string

// The bands, lowest first.
const (
	BandLow      Band = "low"
	BandMedium   Band = "medium"
	BandHigh     Band = "high"
	BandVeryHigh Band = "very_high"
)

// Bands are the rating bands, written down once: each band's lowest score, lowest band first. A score is in the
// last band whose lowest score it reaches.
var Bands = []struct {
	Band Band
	From int
}{
	{BandLow, 1},       // 1–4
	{BandMedium, 5},    // 5–9
	{BandHigh, 10},     // 10–14
	{BandVeryHigh, 15}, // 15–25
}

// BandOf is the band a score falls in.
func BandOf(score int) Band {
	out := Bands[0].Band
	for _, b := range Bands {
		if score >= b.From {
			out = b.Band
		}
	}
	return out
}

// Band is the risk's band as last scored.
func (r Risk) Band() Band { return BandOf(r.Score()) }

// Label is the band as the pages name it.
func (b Band) Label() string {
	switch b {
	case BandLow:
		return "Low"
	case BandMedium:
		return "Medium"
	case BandHigh:
		return "High"
	case BandVeryHigh:
		return "Very high"
	}
	return string(b)
}

// Trend is which way a risk's score went at its last review.
type Trend string

// The trends.
const (
	TrendNew     Trend = "new"     // scored once, when it was logged
	TrendRising  Trend = "rising"  // the last score is higher than the one before
	TrendSteady  Trend = "steady"  // the same
	TrendFalling Trend = "falling" // lower
)

// TrendOf compares the last two scorings of a risk, given oldest first.
func TrendOf(reviews []RiskReview) Trend {
	if len(reviews) < 2 {
		return TrendNew
	}
	last, before := reviews[len(reviews)-1], reviews[len(reviews)-2]
	switch now, then := Score(last.Likelihood, last.Impact), Score(before.Likelihood, before.Impact); {
	case now > then:
		return TrendRising
	case now < then:
		return TrendFalling
	}
	return TrendSteady
}

// Trend is the risk's trend from its reviews.
func (r Risk) Trend() Trend { return TrendOf(r.Reviews) }

// Label is the trend as the pages name it.
func (t Trend) Label() string {
	switch t {
	case TrendNew:
		return "New"
	case TrendRising:
		return "Rising"
	case TrendSteady:
		return "Steady"
	case TrendFalling:
		return "Falling"
	}
	return string(t)
}

// NeedsReason says whether a RAG rating must say why: amber and red do.
func (r RAG) NeedsReason() bool { return r == Amber || r == Red }

// ValidateRAG is the RAG rule: the rating is one of the three, and amber or red says why.
func ValidateRAG(rag RAG, reason string) validation.Problems {
	var ps validation.Problems
	switch {
	case !slices.Contains(RAGs, rag):
		ps.Append("rag", "Select green, amber or red")
	case rag.NeedsReason() && strings.TrimSpace(reason) == "":
		ps.Append("rag_reason", fmt.Sprintf("Enter why the milestone is %s", strings.ToLower(rag.Label())))
	}
	return ps
}

// Normalise trims what was typed.
func (p *Programme) Normalise() {
	p.Name, p.Aim, p.Board, p.LeadStaffID = strings.TrimSpace(p.Name), strings.TrimSpace(p.Aim), strings.TrimSpace(p.Board), strings.TrimSpace(p.LeadStaffID)
}

// Validate says what is wrong with a programme, by form field.
func (p Programme) Validate() validation.Problems {
	var ps validation.Problems
	text(&ps, "name", "the programme's name", p.Name, true, 200)
	text(&ps, "aim", "the programme's aim", p.Aim, false, 4000)
	text(&ps, "board", "the board's name", p.Board, false, 200)
	if p.StartedOn.IsZero() {
		ps.Append("started_on", "Enter the date the programme started")
	}
	return ps
}

// text checks one text field: required when must, and no longer than max characters.
func text(ps *validation.Problems, field, what, value string, must bool, max int) {
	switch {
	case must && value == "":
		ps.Append(field, "Enter "+what)
	case len([]rune(value)) > max:
		ps.Append(field, fmt.Sprintf("%s must be %d characters or fewer", capitalise(what), max))
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Normalise trims what was typed.
func (p *PhasePlan) Normalise() { p.Findings = strings.TrimSpace(p.Findings) }

// Validate says what is wrong with a phase, by form field.
func (p PhasePlan) Validate() validation.Problems {
	var ps validation.Problems
	if !slices.Contains(Phases, p.Phase) {
		ps.Append("phase", "Select a phase")
	}
	if !p.PlannedStart.IsZero() && !p.PlannedEnd.IsZero() && p.PlannedEnd.Before(p.PlannedStart.Time) {
		ps.Append("planned_end", "The planned end must be on or after the planned start")
	}
	if !slices.Contains(PhaseStatuses, p.Status) {
		ps.Append("status", "Select the phase's status")
	}
	text(&ps, "findings", "what the phase found or decided", p.Findings, false, 8000)
	return ps
}

// Normalise trims what was typed.
func (w *Workstream) Normalise() { w.Name, w.Aim = strings.TrimSpace(w.Name), strings.TrimSpace(w.Aim) }

// Validate says what is wrong with a workstream, by form field.
func (w Workstream) Validate() validation.Problems {
	var ps validation.Problems
	text(&ps, "name", "the workstream's name", w.Name, true, 200)
	text(&ps, "aim", "the workstream's aim", w.Aim, false, 2000)
	return ps
}

// Normalise trims what was typed and drops a reason a green rating does not need.
func (m *Milestone) Normalise() {
	m.Title, m.Notes, m.RAGReason = strings.TrimSpace(m.Title), strings.TrimSpace(m.Notes), strings.TrimSpace(m.RAGReason)
	m.WorkstreamID, m.OwnerStaffID = strings.TrimSpace(m.WorkstreamID), strings.TrimSpace(m.OwnerStaffID)
	if !m.RAG.NeedsReason() {
		m.RAGReason = ""
	}
}

// Validate says what is wrong with a milestone, by form field. That the workstream and owner are the council's is
// the store's to check.
func (m Milestone) Validate() validation.Problems {
	var ps validation.Problems
	text(&ps, "title", "the milestone's title", m.Title, true, 300)
	if m.WorkstreamID == "" {
		ps.Append("workstream", "Select the workstream")
	}
	if m.OwnerStaffID == "" {
		ps.Append("owner", "Select who owns the milestone")
	}
	if !slices.Contains(MilestoneStatuses, m.Status) {
		ps.Append("status", "Select the milestone's status")
	}
	ps = append(ps, ValidateRAG(m.RAG, m.RAGReason)...)
	text(&ps, "rag_reason", "the reason", m.RAGReason, false, 2000)
	if m.Phase != "" && !slices.Contains(Phases, m.Phase) {
		ps.Append("phase", "Select a phase")
	}
	if m.Status == MilestoneDone && m.CompletedOn.IsZero() {
		ps.Append("completed_on", "Enter the date the milestone was completed")
	}
	if m.Status != MilestoneDone && !m.CompletedOn.IsZero() {
		ps.Append("completed_on", "Only a milestone that is done has a completed date")
	}
	text(&ps, "notes", "the notes", m.Notes, false, 4000)
	return ps
}

// Normalise trims what was typed.
func (e *Evidence) Normalise() { e.Ref, e.Name = strings.TrimSpace(e.Ref), strings.TrimSpace(e.Name) }

// Validate says what is wrong with evidence as linked, by form field. Whether an audit round or a measure exists is
// the store's and the page's to check; a document's content is checked by DocumentType.
func (e Evidence) Validate() validation.Problems {
	var ps validation.Problems
	switch e.Kind {
	case EvidenceDocument:
		if len(e.Content) == 0 {
			ps.Append("document", "Select a file to upload")
		}
	case EvidenceURL:
		u, err := url.Parse(e.Ref)
		if e.Ref == "" {
			ps.Append("url", "Enter the link's address")
		} else if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			ps.Append("url", "Enter a link that starts with https://")
		}
	case EvidenceAuditRound:
		if e.Ref == "" {
			ps.Append("audit_round", "Select an audit round")
		}
	case EvidenceMeasure:
		if e.Ref == "" {
			ps.Append("measure", "Select a measure")
		}
	default:
		ps.Append("kind", "Select what the evidence is")
	}
	text(&ps, "name", "what the link is", e.Name, false, 200)
	return ps
}

// Normalise trims what was typed.
func (a *Action) Normalise() {
	a.What, a.How, a.OwnerStaffID, a.MilestoneID = strings.TrimSpace(a.What), strings.TrimSpace(a.How), strings.TrimSpace(a.OwnerStaffID), strings.TrimSpace(a.MilestoneID)
}

// Validate says what is wrong with an action, by form field.
func (a Action) Validate() validation.Problems {
	var ps validation.Problems
	text(&ps, "what", "what is to be done", a.What, true, 1000)
	if a.OwnerStaffID == "" {
		ps.Append("owner", "Select who does it")
	}
	if a.DueOn.IsZero() {
		ps.Append("due_on", "Enter the date it is due by")
	}
	text(&ps, "how", "how it will be done", a.How, false, 4000)
	if !slices.Contains(ActionStatuses, a.Status) {
		ps.Append("status", "Select the action's status")
	}
	return ps
}

// Normalise trims what was typed.
func (r *Risk) Normalise() {
	r.Title, r.Cause, r.Effect = strings.TrimSpace(r.Title), strings.TrimSpace(r.Cause), strings.TrimSpace(r.Effect)
	r.Mitigation, r.OwnerStaffID = strings.TrimSpace(r.Mitigation), strings.TrimSpace(r.OwnerStaffID)
}

// Validate says what is wrong with a risk, by form field.
func (r Risk) Validate() validation.Problems {
	var ps validation.Problems
	text(&ps, "title", "the risk's title", r.Title, true, 300)
	text(&ps, "cause", "the cause", r.Cause, false, 2000)
	text(&ps, "effect", "the effect", r.Effect, false, 2000)
	if r.Likelihood < 1 || r.Likelihood > 5 {
		ps.Append("likelihood", "Select a likelihood from 1 to 5")
	}
	if r.Impact < 1 || r.Impact > 5 {
		ps.Append("impact", "Select an impact from 1 to 5")
	}
	if r.OwnerStaffID == "" {
		ps.Append("owner", "Select who owns the risk")
	}
	text(&ps, "mitigation", "the mitigation", r.Mitigation, false, 4000)
	if r.ReviewOn.IsZero() {
		ps.Append("review_on", "Enter the date the risk is next reviewed")
	}
	if !slices.Contains(RiskStatuses, r.Status) {
		ps.Append("status", "Select whether the risk is open or closed")
	}
	return ps
}

// Normalise trims what was typed.
func (d *Decision) Normalise() {
	d.What, d.RaisedBy, d.Decider, d.Outcome = strings.TrimSpace(d.What), strings.TrimSpace(d.RaisedBy), strings.TrimSpace(d.Decider), strings.TrimSpace(d.Outcome)
}

// Validate says what is wrong with an entry in the decisions and issues log, by form field.
func (d Decision) Validate() validation.Problems {
	var ps validation.Problems
	if !slices.Contains(DecisionKinds, d.Kind) {
		ps.Append("kind", "Select whether this is a decision needed, a decision made or an issue")
	}
	text(&ps, "what", "what is to be decided or the issue", d.What, true, 2000)
	text(&ps, "raised_by", "who raised it", d.RaisedBy, true, 200)
	if d.RaisedOn.IsZero() {
		ps.Append("raised_on", "Enter the date it was raised")
	}
	text(&ps, "decider", "who decides", d.Decider, false, 200)
	text(&ps, "outcome", "the outcome", d.Outcome, false, 4000)
	if d.Kind == DecisionMade && d.Outcome == "" {
		ps.Append("outcome", "Enter what was decided")
	}
	if !slices.Contains(DecisionStatuses, d.Status) {
		ps.Append("status", "Select whether it is open or closed")
	}
	return ps
}

// Needed says whether the entry is a decision still to be made: the board report lists these.
func (d Decision) Needed() bool { return d.Kind == DecisionNeeded && d.Status == DecisionOpen }

// NeededOverdue says whether a decision still to be made has passed the date it was needed by.
func (d Decision) NeededOverdue(today sqldb.Date) bool {
	return d.Needed() && Overdue(d.NeededBy, today, false)
}

// DocumentType says what kind of file a milestone's evidence document is, by its content alone, and refuses what is
// not one of the kinds a course's materials may be (learning.MaterialTypes): one list of safe files for the council.
func DocumentType(content []byte) (string, error) { return learning.MaterialType(content) }

// MaxDocumentSize is the largest evidence document a milestone takes, as large as a course's material.
const MaxDocumentSize = learning.MaxMaterialSize

// MeasureName is the name of the measure in the insight catalogue with id, or "" when there is none: a milestone's
// evidence may be a measure the record computes.
func MeasureName(id string) string {
	for _, m := range insight.Catalogue() {
		if m.ID == id {
			return m.Name
		}
	}
	return ""
}

// AllowedDocuments lists the kinds of file an evidence document may be, as a form's hint names them.
func AllowedDocuments() string { return learning.AllowedMaterials() }

// Record is a programme record as a form or a request gives it: it normalises what was typed and validates it.
type Record[R any] interface {
	*R
	Normalise()
	Validate() validation.Problems
}

// Check is what is wrong with rec once normalised as the store will normalise it, leaving rec as typed: what the
// pages and the API say before the store is asked.
func Check[R any, P Record[R]](rec R) validation.Problems {
	P(&rec).Normalise()
	return P(&rec).Validate()
}
