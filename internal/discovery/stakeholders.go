package discovery

import (
	"strings"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// StakeholderKind says what kind of stakeholder someone is.
type StakeholderKind string

// The kinds of stakeholder.
const (
	StaffMember        StakeholderKind = "staff"
	ExpertByExperience StakeholderKind = "expert_by_experience"
	Carer              StakeholderKind = "carer"
	Partner            StakeholderKind = "partner"
	ElectedMember      StakeholderKind = "elected_member"
	OtherStakeholder   StakeholderKind = "other"
)

// StakeholderKinds lists the kinds in the order forms offer them.
var StakeholderKinds = []Choice{
	{string(StaffMember), "Staff"},
	{string(ExpertByExperience), "Expert by experience"},
	{string(Carer), "Carer"},
	{string(Partner), "Partner"},
	{string(ElectedMember), "Elected member"},
	{string(OtherStakeholder), "Other"},
}

// Label is the kind as staff read it.
func (k StakeholderKind) Label() string { return labelOf(StakeholderKinds, string(k)) }

// Level is a stakeholder's influence or interest: high or low.
type Level string

// The levels.
const (
	High Level = "high"
	Low  Level = "low"
)

// Levels lists the levels in the order forms offer them.
var Levels = []Choice{{string(High), "High"}, {string(Low), "Low"}}

// Label is the level as staff read it.
func (l Level) Label() string { return labelOf(Levels, string(l)) }

// Quadrant is a quarter of the influence and interest grid: how closely a stakeholder is engaged.
type Quadrant string

// The quarters of the grid.
const (
	ManageClosely Quadrant = "manage_closely"
	KeepSatisfied Quadrant = "keep_satisfied"
	KeepInformed  Quadrant = "keep_informed"
	Monitor       Quadrant = "monitor"
)

// Quadrants lists the quarters as the grid draws them, row by row: high influence above, high interest on the right.
var Quadrants = []Choice{
	{string(KeepSatisfied), "Keep satisfied"},
	{string(ManageClosely), "Manage closely"},
	{string(Monitor), "Monitor"},
	{string(KeepInformed), "Keep informed"},
}

// Label is the quarter as staff read it.
func (q Quadrant) Label() string { return labelOf(Quadrants, string(q)) }

// QuadrantOf is the quarter of the grid for a stakeholder's influence and interest: high influence and high
// interest are managed closely; high influence and low interest kept satisfied; low influence and high interest kept
// informed; and low on both monitored. It is "" when either level is not one.
func QuadrantOf(influence, interest Level) Quadrant {
	switch {
	case influence == High && interest == High:
		return ManageClosely
	case influence == High && interest == Low:
		return KeepSatisfied
	case influence == Low && interest == High:
		return KeepInformed
	case influence == Low && interest == Low:
		return Monitor
	}
	return ""
}

// Stakeholder is a person or group with a stake in the programme.
type Stakeholder struct {
	ID           string
	Name         string // a name or a group
	Organisation string // their organisation or role
	Kind         StakeholderKind
	Influence    Level
	Interest     Level
	Engagement   string // how they are engaged
	OwnerID      string // the member of staff who owns the engagement
	OwnerName    string
	Version      int
}

// Quadrant is the stakeholder's quarter of the grid.
func (s Stakeholder) Quadrant() Quadrant { return QuadrantOf(s.Influence, s.Interest) }

// Normalise trims what was typed.
func (s *Stakeholder) Normalise() {
	s.Name, s.Organisation = strings.TrimSpace(s.Name), strings.TrimSpace(s.Organisation)
	s.Engagement, s.OwnerID = strings.TrimSpace(s.Engagement), strings.TrimSpace(s.OwnerID)
}

// Validate says what is wrong with a stakeholder, by form field.
func (s Stakeholder) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case s.Name == "":
		ps.Append("name", "Enter the stakeholder’s name or group")
	case len(s.Name) > 200:
		ps.Append("name", "The name or group must be 200 characters or fewer")
	}
	if len(s.Organisation) > 200 {
		ps.Append("organisation", "The organisation or role must be 200 characters or fewer")
	}
	if !isOneOf(StakeholderKinds, string(s.Kind)) {
		ps.Append("kind", "Select what kind of stakeholder they are")
	}
	if !isOneOf(Levels, string(s.Influence)) {
		ps.Append("influence", "Select whether their influence is high or low")
	}
	if !isOneOf(Levels, string(s.Interest)) {
		ps.Append("interest", "Select whether their interest is high or low")
	}
	checkText(&ps, "engagement", s.Engagement, "Enter how they are engaged", "How they are engaged")
	if s.OwnerID == "" {
		ps.Append("owner_id", "Select who owns the engagement")
	}
	return ps
}

// Cell is one quarter of the grid with its stakeholders.
type Cell struct {
	Quadrant     Quadrant
	Stakeholders []Stakeholder
}

// Grid puts stakeholders in the four quarters, in the order Quadrants draws them, keeping their order within each.
func Grid(ss []Stakeholder) []Cell {
	out := make([]Cell, len(Quadrants))
	for i, q := range Quadrants {
		out[i].Quadrant = Quadrant(q.Value)
		for _, s := range ss {
			if s.Quadrant() == out[i].Quadrant {
				out[i].Stakeholders = append(out[i].Stakeholders, s)
			}
		}
	}
	return out
}
