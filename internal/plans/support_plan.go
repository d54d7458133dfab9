package plans

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// PlanStatus is where a version of a support plan is in its life. The golden thread view and the caseloads read
// these exact values from support_plan.status.
type PlanStatus string

// The plan statuses. A draft is changed until it is agreed with the person; agreeing a later version supersedes it.
const (
	PlanDraft      PlanStatus = "draft"
	PlanAgreed     PlanStatus = "agreed"
	PlanSuperseded PlanStatus = "superseded"
)

// Label is the status as staff read it.
func (s PlanStatus) Label() string {
	switch s {
	case PlanDraft:
		return "Draft"
	case PlanAgreed:
		return "Agreed"
	case PlanSuperseded:
		return "Replaced by a later version"
	}
	return string(s)
}

// AgreedHow is how the plan was agreed with the person.
type AgreedHow string

// The ways a plan is agreed.
const (
	AgreedInPerson  AgreedHow = "in_person"
	AgreedByPhone   AgreedHow = "phone"
	AgreedByVideo   AgreedHow = "video"
	AgreedInWriting AgreedHow = "writing"
)

// AgreedHows returns every way in the order a form offers them.
func AgreedHows() []AgreedHow {
	return []AgreedHow{AgreedInPerson, AgreedByPhone, AgreedByVideo, AgreedInWriting}
}

// Label is the way as staff read it.
func (h AgreedHow) Label() string {
	switch h {
	case AgreedInPerson:
		return "Face to face"
	case AgreedByPhone:
		return "By phone"
	case AgreedByVideo:
		return "By video call"
	case AgreedInWriting:
		return "In writing or by email"
	}
	return string(h)
}

// SnapshotFormat is the format number of the snapshot JSON this package writes. A change to the snapshot's shape
// that old readers would misread raises it; ParseSnapshot refuses formats it does not know.
const SnapshotFormat = 1

// Snapshot is what a version of a support plan holds: the episode's thread as it stood when the version was made
// or agreed. It is stored as JSON in support_plan.snapshot, owned by this package.
type Snapshot struct {
	Format      int                  `json:"format"`
	TakenAt     time.Time            `json:"taken_at"`
	WhatMatters string               `json:"what_matters,omitempty"` // from the contact, in the person's words
	Aspirations []SnapshotAspiration `json:"aspirations"`
	Outcomes    []SnapshotOutcome    `json:"outcomes"`
	Solutions   []SnapshotSolution   `json:"solutions"`
	Services    []SnapshotService    `json:"services"`
	Strengths   []SnapshotStrength   `json:"strengths"`
}

// SnapshotAspiration is one of the person's hopes, in their words.
type SnapshotAspiration struct {
	ID    string        `json:"id"`
	Term  outcomes.Term `json:"term"`
	Words string        `json:"words"`
}

// SnapshotOutcome is a SMART outcome with its Goal Attainment Scale.
type SnapshotOutcome struct {
	ID           string          `json:"id"`
	AspirationID string          `json:"aspiration_id,omitempty"`
	Different    string          `json:"different"`
	HowWeKnow    string          `json:"how_we_know"`
	ByWhen       string          `json:"by_when,omitempty"` // sqldb.DateLayout
	WhoInvolved  string          `json:"who_involved"`
	Levels       [5]string       `json:"levels"` // −2, −1, 0 (expected), +1, +2
	Baseline     outcomes.Level  `json:"baseline"`
	Importance   int             `json:"importance"`
	Difficulty   int             `json:"difficulty"`
	Status       outcomes.Status `json:"status"`
}

// By is the date the outcome should be achieved by, or the zero Date.
func (o SnapshotOutcome) By() sqldb.Date {
	d, _ := sqldb.ParseDate(o.ByWhen)
	return d
}

// Expected is the outcome's expected level, in words agreed with the person.
func (o SnapshotOutcome) Expected() string { return o.Levels[2] }

// SnapshotSolution is a solution on the ladder, with who does what and when.
type SnapshotSolution struct {
	ID          string   `json:"id"`
	Rung        string   `json:"rung"` // Rung.String()
	Description string   `json:"description"`
	WhoWhen     string   `json:"who_when"`
	OutcomeIDs  []string `json:"outcome_ids"`
}

// RungLabel is the solution's rung as staff read it.
func (s SnapshotSolution) RungLabel() string {
	r, err := ParseRung(s.Rung)
	if err != nil {
		return s.Rung
	}
	return r.Label()
}

// SnapshotService is a council-funded service.
type SnapshotService struct {
	ID          string `json:"id"`
	ServiceType string `json:"service_type"`
	Component   string `json:"component"`
	// DeliveryMechanism is the CLD delivery mechanism (ClientLevelData); empty in snapshots taken before it was kept.
	DeliveryMechanism string        `json:"delivery_mechanism,omitempty"`
	Provider          string        `json:"provider"`
	Start             string        `json:"start,omitempty"`
	End               string        `json:"end,omitempty"`
	NextReview        string        `json:"next_review,omitempty"`
	LongTerm          bool          `json:"long_term"`
	WeeklyCostPence   int64         `json:"weekly_cost_pence"`
	Status            ServiceStatus `json:"status"`
	OutcomeIDs        []string      `json:"outcome_ids"`
}

// Name is the service as lists name it.
func (s SnapshotService) Name() string {
	return ServiceName(Service{ServiceType: s.ServiceType, Component: s.Component, Provider: s.Provider})
}

// Dates are the service's start, end and review dates (the zero Date when not set).
func (s SnapshotService) Dates() (start, end, review sqldb.Date) {
	start, _ = sqldb.ParseDate(s.Start)
	end, _ = sqldb.ParseDate(s.End)
	review, _ = sqldb.ParseDate(s.NextReview)
	return start, end, review
}

// SnapshotStrength is one of the person's strengths, in their words.
type SnapshotStrength struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"` // strengths.Kind
	Words string `json:"words"`
}

// Marshal writes the snapshot as stored, with the current format number.
func (s Snapshot) Marshal() (string, error) {
	s.Format = SnapshotFormat
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("write plan snapshot: %w", err)
	}
	return string(b), nil
}

// ErrSnapshotFormat is a snapshot written in a format this version of Golden Thread does not read.
var ErrSnapshotFormat = errors.New("the plan snapshot is in a format this version cannot read")

// ParseSnapshot reads a stored snapshot. An empty text is an empty snapshot (a draft not yet filled).
func ParseSnapshot(text string) (Snapshot, error) {
	if strings.TrimSpace(text) == "" {
		return Snapshot{Format: SnapshotFormat}, nil
	}
	var s Snapshot
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return Snapshot{}, fmt.Errorf("read plan snapshot: %w", err)
	}
	if s.Format < 1 || s.Format > SnapshotFormat {
		return Snapshot{}, fmt.Errorf("read plan snapshot of format %d: %w", s.Format, ErrSnapshotFormat)
	}
	return s, nil
}

// Aspiration returns the aspiration with id, or false.
func (s Snapshot) Aspiration(id string) (SnapshotAspiration, bool) {
	for _, a := range s.Aspirations {
		if a.ID == id {
			return a, true
		}
	}
	return SnapshotAspiration{}, false
}

// SolutionsFor returns the solutions that serve the outcome, least intrusive first as stored.
func (s Snapshot) SolutionsFor(outcomeID string) []SnapshotSolution {
	var out []SnapshotSolution
	for _, sol := range s.Solutions {
		for _, id := range sol.OutcomeIDs {
			if id == outcomeID {
				out = append(out, sol)
				break
			}
		}
	}
	return out
}

// SupportPlan is one version of an episode's support plan.
type SupportPlan struct {
	ID, PersonID, EpisodeID string
	PlanVersion             int // 1, 2, 3 ... within the episode
	Status                  PlanStatus
	Snapshot                Snapshot
	Agreement               Agreement // empty until agreed
	PersonalBudgetPence     int64
	CrisisContact           string     // who to call when things go wrong
	ReviewOn                sqldb.Date // the first review, scheduled when the plan is agreed
	CreatedAt, UpdatedAt    time.Time
	CreatedByName           string
	Version                 int
}

// Editable reports whether the plan may still be changed: only a draft may.
func (p SupportPlan) Editable() bool { return p.Status == PlanDraft }

// Agreement is how a plan was agreed with the person: when, how, who was there, and the person's own comment.
type Agreement struct {
	On      sqldb.Date
	How     AgreedHow
	With    string // who was there
	Comment string // the person's own comment, in their words
}

// Validate checks an agreement: a date not after today, how it was agreed, who was there, and text of a sensible
// length.
func (a Agreement) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case a.On.IsZero():
		ps.Append("agreed_on", "Enter the date the plan was agreed")
	case a.On.After(today.Time):
		ps.Append("agreed_on", "The date the plan was agreed must be today or in the past")
	}
	valid := false
	for _, h := range AgreedHows() {
		valid = valid || h == a.How
	}
	if !valid {
		ps.Append("agreed_how", "Select how the plan was agreed")
	}
	switch {
	case strings.TrimSpace(a.With) == "":
		ps.Append("agreed_with", "Enter who was there when the plan was agreed")
	case len(a.With) > maxText:
		ps.Append("agreed_with", "Who was there must be 2,000 characters or less")
	}
	if len(a.Comment) > maxText {
		ps.Append("person_comment", "The person's comment must be 2,000 characters or less")
	}
	return ps
}

// OutcomeField is the field a problem with one outcome is reported against on the agree page, so the error summary
// links to that outcome.
func OutcomeField(outcomeID string) string { return "outcome-" + outcomeID }

// CheckAgreement is the rule for agreeing a plan: it needs at least one outcome still being worked towards, and
// every such outcome must be SMART (notSMART, from outcomes.NotSMART, must be empty). Each outcome that is not SMART
// is named with what it misses.
func CheckAgreement(all, notSMART []outcomes.Outcome) validation.Problems {
	var ps validation.Problems
	planning := 0
	for _, o := range all {
		if o.Status == outcomes.Draft || o.Status == outcomes.Active {
			planning++
		}
	}
	if planning == 0 {
		ps.Append("outcomes", "Agree at least one outcome with the person before agreeing the plan")
	}
	for _, o := range notSMART {
		ps.Append(OutcomeField(o.ID), fmt.Sprintf("Outcome “%s” is not SMART yet: add %s", shorten(o.Different, 80), o.MissingText()))
	}
	return ps
}

// CheckDraft checks what a draft plan's form changes: the personal budget and who to call in a crisis.
func CheckDraft(budgetPence int64, crisisContact string) validation.Problems {
	var ps validation.Problems
	if budgetPence < 0 {
		ps.Append("personal_budget", "Personal budget must be £0 or more")
	}
	if len(crisisContact) > maxText {
		ps.Append("crisis_contact", "Who to call in a crisis must be 2,000 characters or less")
	}
	return ps
}

// shorten cuts s to at most n runes, with an ellipsis when it was longer.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
