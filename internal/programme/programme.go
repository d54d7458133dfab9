// Package programme holds a council's implementation programme for strengths-based practice: one programme a
// council, run through four phases (discover, dream, design, deliver), in workstreams (practice; processes and
// systems; culture and leadership), with milestones whose status and RAG are kept as history, an action plan, a
// risk log whose trend comes from each re-score, and a log of decisions and issues. Whether something is late or
// overdue, a risk's score, band and trend are worked out from what was recorded, here, once, and never stored.
//
// Programme records are not person records: they name members of staff as owners and never a person receiving
// care, so a programme lead (often an improvement partner) reads and changes them without opening anyone's record.
package programme

import (
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Programme is a council's implementation programme; a council has one.
type Programme struct {
	Name        string
	Aim         string
	LeadStaffID string // the member of staff who leads it; '' until one is named
	LeadName    string // read with it, for pages
	Board       string // the board that approves it: "Programme Board"
	StartedOn   sqldb.Date
	Version     int
}

// Phase is one of the four phases every programme runs through, in this order.
type Phase string

// The phases, as seeds 000 and 001 and reference/standards.md §10.4 name them.
const (
	Discover Phase = "discover"
	Dream    Phase = "dream"
	Design   Phase = "design"
	Deliver  Phase = "deliver"
)

// Phases is the four phases in order.
var Phases = []Phase{Discover, Dream, Design, Deliver}

// PhaseStatus is where a phase stands, as recorded. Late is never recorded: see PhasePlan.Late.
type PhaseStatus string

// The statuses of a phase.
const (
	PhaseNotStarted PhaseStatus = "not_started"
	PhaseUnderWay   PhaseStatus = "under_way"
	PhaseDone       PhaseStatus = "done"
)

// PhaseStatuses lists them in the order a form offers them.
var PhaseStatuses = []PhaseStatus{PhaseNotStarted, PhaseUnderWay, PhaseDone}

// PhasePlan is one phase of a council's programme: its planned dates, status and what it found or decided.
type PhasePlan struct {
	Phase        Phase
	PlannedStart sqldb.Date // zero when not planned
	PlannedEnd   sqldb.Date
	Status       PhaseStatus
	Findings     string // what the phase found or decided
	Version      int
}

// Workstream is a strand of the programme's work. Every programme starts with the three StandardWorkstreams.
type Workstream struct {
	ID       string
	Name     string
	Aim      string
	Standard StandardWorkstream // which of the three it is; '' for a council's own
	Position int
	Version  int
}

// StandardWorkstream names one of the three workstreams of seeds 000 and 001.
type StandardWorkstream string

// The three standard workstreams.
const (
	PracticeWorkstream  StandardWorkstream = "practice"
	ProcessesWorkstream StandardWorkstream = "processes"
	CultureWorkstream   StandardWorkstream = "culture"
)

// MilestoneStatus is where a milestone stands.
type MilestoneStatus string

// The statuses of a milestone.
const (
	MilestoneNotStarted MilestoneStatus = "not_started"
	MilestoneInProgress MilestoneStatus = "in_progress"
	MilestoneDone       MilestoneStatus = "done"
)

// MilestoneStatuses lists them in the order a form offers them.
var MilestoneStatuses = []MilestoneStatus{MilestoneNotStarted, MilestoneInProgress, MilestoneDone}

// RAG is a milestone's red, amber or green rating: whether it will be met as planned.
type RAG string

// The ratings.
const (
	Green RAG = "green"
	Amber RAG = "amber"
	Red   RAG = "red"
)

// RAGs lists them in the order a form offers them.
var RAGs = []RAG{Green, Amber, Red}

// Milestone is one of the programme's milestones.
type Milestone struct {
	ID             string
	Title          string
	WorkstreamID   string
	WorkstreamName string     // read with it, for pages
	DueOn          sqldb.Date // zero while the date is to be confirmed
	OwnerStaffID   string
	OwnerName      string // read with it, for pages
	Status         MilestoneStatus
	RAG            RAG
	RAGReason      string // required when amber or red
	CompletedOn    sqldb.Date
	Notes          string
	Phase          Phase  // the phase it belongs to; '' when none is said
	Template       string // the template entry it was loaded from; '' when added by hand
	Evidence       []Evidence
	Version        int
}

// MilestoneChange is one change to a milestone's status or RAG, kept so that the board report can say what changed
// since the last report. The first change of a milestone, when it was added, has From* empty.
type MilestoneChange struct {
	ID             string
	MilestoneID    string
	MilestoneTitle string // read with it
	ChangedAt      time.Time
	ChangedBy      string // the member of staff's ID
	ChangedByName  string
	FromStatus     MilestoneStatus
	ToStatus       MilestoneStatus
	FromRAG        RAG
	ToRAG          RAG
	Reason         string
}

// EvidenceKind says what a piece of evidence is.
type EvidenceKind string

// The kinds of evidence.
const (
	EvidenceDocument   EvidenceKind = "document"    // a file uploaded with the milestone
	EvidenceURL        EvidenceKind = "url"         // a link to a document kept elsewhere
	EvidenceAuditRound EvidenceKind = "audit_round" // Ref is an audit round's ID (internal/audits)
	EvidenceMeasure    EvidenceKind = "measure"     // Ref is a measure's ID in insight.Catalogue()
)

// Evidence is something that shows a milestone was met. Content is read only when the document is downloaded.
type Evidence struct {
	ID          string
	MilestoneID string
	Kind        EvidenceKind
	Ref         string // the URL, audit round ID or measure ID; '' for a document
	Name        string // a document's file name, or what the link is
	MediaType   string
	Size        int
	Content     []byte
	AddedAt     time.Time
}

// ActionStatus is where an action stands.
type ActionStatus string

// The statuses of an action.
const (
	ActionNotStarted ActionStatus = "not_started"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionBlocked    ActionStatus = "blocked"
)

// ActionStatuses lists them in the order a form offers them.
var ActionStatuses = []ActionStatus{ActionNotStarted, ActionInProgress, ActionDone, ActionBlocked}

// Action is one line of the action plan: who does what, when, and how.
type Action struct {
	ID           string
	What         string
	OwnerStaffID string
	OwnerName    string
	DueOn        sqldb.Date
	How          string
	Status       ActionStatus
	MilestoneID  string // '' when not linked to a milestone
	CompletedOn  sqldb.Date
	Version      int
}

// RiskStatus says whether a risk is still open.
type RiskStatus string

// The statuses of a risk.
const (
	RiskOpen   RiskStatus = "open"
	RiskClosed RiskStatus = "closed"
)

// RiskStatuses lists them in the order a form offers them.
var RiskStatuses = []RiskStatus{RiskOpen, RiskClosed}

// Risk is one risk in the programme's risk log. Its score, band and trend are worked out: see Score, Band, Trend.
type Risk struct {
	ID           string
	Title        string
	Cause        string
	Effect       string
	Likelihood   int // 1 to 5
	Impact       int // 1 to 5
	OwnerStaffID string
	OwnerName    string
	Mitigation   string
	ReviewOn     sqldb.Date
	Status       RiskStatus
	// Reviews is the risk's scorings, oldest first, the first when it was logged; read with it, for its trend.
	Reviews []RiskReview
	Version int
}

// RiskReview is one scoring of a risk.
type RiskReview struct {
	ID         string
	RiskID     string
	ReviewedAt time.Time
	ReviewedBy string
	Likelihood int
	Impact     int
	Note       string
}

// DecisionKind says what an entry in the decisions and issues log is.
type DecisionKind string

// The kinds of entry.
const (
	DecisionNeeded DecisionKind = "decision_needed"
	DecisionMade   DecisionKind = "decision_made"
	Issue          DecisionKind = "issue"
)

// DecisionKinds lists them in the order a form offers them.
var DecisionKinds = []DecisionKind{DecisionNeeded, DecisionMade, Issue}

// DecisionStatus says whether an entry is still open.
type DecisionStatus string

// The statuses of an entry.
const (
	DecisionOpen   DecisionStatus = "open"
	DecisionClosed DecisionStatus = "closed"
)

// DecisionStatuses lists them in the order a form offers them.
var DecisionStatuses = []DecisionStatus{DecisionOpen, DecisionClosed}

// Decision is one entry in the decisions and issues log.
type Decision struct {
	ID        string
	Kind      DecisionKind
	What      string
	RaisedBy  string // who raised it, as typed: a member of staff or a partner
	RaisedOn  sqldb.Date
	NeededBy  sqldb.Date // zero when no date is set
	Decider   string     // who decides: "Programme Board"
	Outcome   string
	DecidedOn sqldb.Date // the day it was decided or resolved
	Status    DecisionStatus
	Version   int
}
