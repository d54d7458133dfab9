package plans

import (
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// Rung is a step on the least-intrusive ladder of solutions, least intrusive first. The practice framework asks for
// a plan "based on making best use of the individual's own strengths and resources", with council-funded support
// short term where possible and no assumption of longer-term support (seeds/004, Step 3); MASOSS puts strengths and
// solutions before services (seeds/000).
type Rung int

// The rungs, least intrusive first. The zero Rung is not a rung.
const (
	OwnStrengths      Rung = iota + 1 // the person's own strengths
	Network                           // family, friends and network
	Community                         // community and voluntary
	InformationAdvice                 // information and advice
	Technology                        // technology, equipment, adaptations
	Reablement                        // short-term reablement
	OngoingSupport                    // council-funded ongoing support
	Residential                       // residential or nursing care
)

// AllRungs returns every rung, least intrusive first.
func AllRungs() []Rung {
	return []Rung{OwnStrengths, Network, Community, InformationAdvice, Technology, Reablement, OngoingSupport, Residential}
}

// Valid reports whether r is one of the rungs.
func (r Rung) Valid() bool { return r >= OwnStrengths && r <= Residential }

// String is the rung's stable code for storage, such as "own_strengths".
func (r Rung) String() string {
	switch r {
	case OwnStrengths:
		return "own_strengths"
	case Network:
		return "network"
	case Community:
		return "community"
	case InformationAdvice:
		return "information_advice"
	case Technology:
		return "technology"
	case Reablement:
		return "reablement"
	case OngoingSupport:
		return "ongoing_support"
	case Residential:
		return "residential"
	}
	return fmt.Sprintf("Rung(%d)", int(r))
}

// Label is the rung as staff read it.
func (r Rung) Label() string {
	switch r {
	case OwnStrengths:
		return "The person's own strengths"
	case Network:
		return "Family, friends and network"
	case Community:
		return "Community and voluntary"
	case InformationAdvice:
		return "Information and advice"
	case Technology:
		return "Technology, equipment and adaptations"
	case Reablement:
		return "Short-term reablement"
	case OngoingSupport:
		return "Council-funded ongoing support"
	case Residential:
		return "Residential or nursing care"
	}
	return r.String()
}

// Numbered is the rung with its place on the ladder, as a list of rungs names it so that it sorts least intrusive
// first: "Rung 2: Family, friends and network".
func (r Rung) Numbered() string { return fmt.Sprintf("Rung %d: %s", int(r), r.Label()) }

// ParseRung reads a rung's stored code.
func ParseRung(s string) (Rung, error) {
	codes := make([]string, 0, len(AllRungs()))
	for _, r := range AllRungs() {
		if r.String() == strings.TrimSpace(s) {
			return r, nil
		}
		codes = append(codes, r.String())
	}
	return 0, fmt.Errorf("rung %q is not one of %s", s, strings.Join(codes, ", "))
}

// NeedsLowerRungReason reports whether a solution on this rung must explain why the less intrusive rungs cannot
// meet the outcome: true for every rung above information and advice. This is Golden Thread's reading of the
// framework (seeds/004, Step 3), not a legal rule.
func (r Rung) NeedsLowerRungReason() bool { return r > InformationAdvice }

// Solution is one way of achieving one or more of the person's outcomes, co-produced with them (MASOSS
// "Solutions", seeds/000), placed on the ladder.
type Solution struct {
	ID, PersonID, EpisodeID string
	Rung                    Rung
	Description             string
	WhoWhen                 string // who will do what, and when
	DirectoryServiceID      string // a community service from the directory, if any
	FamilyPlanItemID        string // the item of a family group conference's plan it came from, if any
	LowerRungsReason        string // why less intrusive rungs cannot meet the outcome
	OutcomeIDs              []string
	Version                 int
}

// maxText is the longest free text the rules accept, in bytes.
const maxText = 2000

// Validate checks a solution before it is saved: it serves at least one outcome, says what it is, and, above
// information and advice, explains why less intrusive rungs cannot meet the outcome.
func (s Solution) Validate() validation.Problems {
	var ps validation.Problems
	if !s.Rung.Valid() {
		ps.Append("rung", "Select what kind of solution this is")
	}
	switch d := strings.TrimSpace(s.Description); {
	case d == "":
		ps.Append("description", "Describe the solution")
	case len(d) > maxText:
		ps.Append("description", "Description must be 2,000 characters or less")
	}
	if len(s.WhoWhen) > maxText {
		ps.Append("who_when", "Who will do what, and when, must be 2,000 characters or less")
	}
	if s.Rung.NeedsLowerRungReason() && strings.TrimSpace(s.LowerRungsReason) == "" {
		ps.Append("lower_rungs_reason", "Explain why the person's own strengths, their network, community groups and information and advice cannot meet this outcome")
	}
	if len(s.LowerRungsReason) > maxText {
		ps.Append("lower_rungs_reason", "Reason must be 2,000 characters or less")
	}
	if len(s.OutcomeIDs) == 0 {
		ps.Append("outcome_ids", "Choose at least one outcome this solution serves")
	}
	return ps
}
