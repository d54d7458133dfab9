// Package outcomes holds aspirations and SMART outcomes, the golden thread of a person's plan, and Goal Attainment
// Scaling.
package outcomes

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Term is how far ahead an aspiration looks: MASOSS asks about "each person's long and short-term hopes for the
// future" (seeds/000).
type Term string

// The terms of an aspiration.
const (
	ShortTerm Term = "short"
	LongTerm  Term = "long"
)

// Label is the term as staff read it.
func (t Term) Label() string {
	switch t {
	case ShortTerm:
		return "Short term"
	case LongTerm:
		return "Long term"
	}
	return string(t)
}

// ParseTerm reads a stored term.
func ParseTerm(s string) (Term, error) {
	switch t := Term(strings.TrimSpace(s)); t {
	case ShortTerm, LongTerm:
		return t, nil
	}
	return "", fmt.Errorf("term %q is not short or long", s)
}

// maxText is the longest free text the rules accept, in bytes.
const maxText = 2000

// Aspiration is one of the person's hopes for the future, in their own words (MASOSS "Aspirations", seeds/000).
type Aspiration struct {
	ID, PersonID, EpisodeID string
	Term                    Term
	Words                   string // the person's words
}

// Validate checks an aspiration before it is saved.
func (a Aspiration) Validate() validation.Problems {
	var ps validation.Problems
	if _, err := ParseTerm(string(a.Term)); err != nil {
		ps.Append("term", "Select whether this is a short or long-term hope")
	}
	switch words := strings.TrimSpace(a.Words); {
	case words == "":
		ps.Append("words", "Enter the person's hope in their own words")
	case len(words) > maxText:
		ps.Append("words", "The person's hope must be 2,000 characters or less")
	}
	return ps
}

// Status is where an outcome is in its life.
type Status string

// The outcome statuses. A draft needs only what will be different; an outcome becomes active once it is SMART.
const (
	Draft    Status = "draft"
	Active   Status = "active"
	Achieved Status = "achieved"
	Closed   Status = "closed"
)

// Statuses returns every status in order.
func Statuses() []Status { return []Status{Draft, Active, Achieved, Closed} }

// Label is the status as staff read it.
func (s Status) Label() string {
	switch s {
	case Draft:
		return "Draft"
	case Active:
		return "Active"
	case Achieved:
		return "Achieved"
	case Closed:
		return "Closed"
	}
	return string(s)
}

// ParseStatus reads a stored status.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses() {
		if string(st) == strings.TrimSpace(s) {
			return st, nil
		}
	}
	return "", fmt.Errorf("outcome status %q is not one of draft, active, achieved, closed", s)
}

// Level is a point on a Goal Attainment Scale, from −2 to +2, with 0 the expected outcome as agreed (Kiresuk and
// Sherman 1968; standards.md §9.1).
type Level int

// The five GAS levels.
const (
	MuchLess Level = -2
	Less     Level = -1
	Expected Level = 0
	More     Level = 1
	MuchMore Level = 2
)

// Levels returns the five levels from −2 to +2.
func Levels() []Level { return []Level{MuchLess, Less, Expected, More, MuchMore} }

// Valid reports whether l is from −2 to +2.
func (l Level) Valid() bool { return l >= MuchLess && l <= MuchMore }

// Label is the level's meaning (standards.md §9.1), such as "Much less than expected".
func (l Level) Label() string {
	switch l {
	case MuchLess:
		return "Much less than expected"
	case Less:
		return "Somewhat less than expected"
	case Expected:
		return "Expected level"
	case More:
		return "Somewhat more than expected"
	case MuchMore:
		return "Much more than expected"
	}
	return strconv.Itoa(int(l))
}

// ParseLevel reads a level written as a number from −2 to +2 ("-2", "+1", "0").
func ParseLevel(s string) (Level, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || !Level(n).Valid() {
		return 0, fmt.Errorf("level %q is not a whole number from -2 to +2", s)
	}
	return Level(n), nil
}

// Outcome is a SMART outcome: what the person wants to be different, agreed with them, which the plan's solutions
// and services serve and the review rates. It is the golden thread from assessment to review (seeds/000).
type Outcome struct {
	ID, PersonID, EpisodeID string
	AspirationID            string     // the aspiration it serves; empty when it serves a wellbeing area instead
	Different               string     // what will be different, in the person's words
	HowWeKnow               string     // how everyone will know it has been achieved
	ByWhen                  sqldb.Date // the zero Date means not set
	WhoInvolved             string
	WellbeingAreas          []string // codelists.WellbeingArea values
	// EligibilityOutcomes are codelists.AdultOutcome or codelists.CarerOutcome codes. The two lists share the code
	// "i", so read them against the person's kind.
	EligibilityOutcomes []string

	// The Goal Attainment Scale: what each level would look like, in words agreed with the person.
	LevelMinus2, LevelMinus1, Expected, LevelPlus1, LevelPlus2 string
	// Baseline is where the person starts: Less (−1) by Turner-Stokes' convention, or MuchLess (−2) when they
	// cannot get any worse. 0 means not yet set, since 0 is never a baseline.
	Baseline Level
	// Importance (to the person) and Difficulty (in the team's view), each 0 none, 1 a little, 2 moderately,
	// 3 very (Turner-Stokes 2009; standards.md §9.2).
	Importance, Difficulty int

	Status  Status
	Version int
}

// Element is one element of a SMART outcome, or the GAS expected level, which an outcome needs before it is SMART.
type Element string

// The SMART elements, with the GAS expected level.
const (
	Specific      Element = "specific"       // what will be different
	Measurable    Element = "measurable"     // how everyone will know
	Achievable    Element = "achievable"     // agreed: who is involved
	Relevant      Element = "relevant"       // linked to an aspiration or a wellbeing area
	TimeBound     Element = "time_bound"     // by when
	ExpectedLevel Element = "expected_level" // GAS level 0
)

// Label is the element's name, such as "Time-bound".
func (e Element) Label() string {
	switch e {
	case Specific:
		return "Specific"
	case Measurable:
		return "Measurable"
	case Achievable:
		return "Achievable and agreed"
	case Relevant:
		return "Relevant"
	case TimeBound:
		return "Time-bound"
	case ExpectedLevel:
		return "Expected level"
	}
	return string(e)
}

// Field is the form field where the element is entered.
func (e Element) Field() string {
	switch e {
	case Specific:
		return "different"
	case Measurable:
		return "how_we_know"
	case Achievable:
		return "who_involved"
	case Relevant:
		return "aspiration_id"
	case TimeBound:
		return "by_when"
	case ExpectedLevel:
		return "expected"
	}
	return string(e)
}

// Message says what to do to supply the element, in GOV.UK error message style.
func (e Element) Message() string {
	switch e {
	case Specific:
		return "Say what will be different, in the person's words"
	case Measurable:
		return "Say how everyone will know this outcome has been achieved"
	case Achievable:
		return "Say who is involved in achieving this outcome"
	case Relevant:
		return "Link this outcome to one of the person's hopes or to an area of wellbeing"
	case TimeBound:
		return "Enter the date this outcome should be achieved by"
	case ExpectedLevel:
		return "Describe the expected level: what things will look like when this outcome is achieved as agreed"
	}
	return ""
}

// MissingSMART returns the elements the outcome still lacks, in SMART order, then the GAS expected level (Turner-
// Stokes 2009: the 0 level at least must be described when the goal is set; standards.md §9.3). It is empty when the
// outcome is SMART.
func (o Outcome) MissingSMART() []Element {
	var missing []Element
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if blank(o.Different) {
		missing = append(missing, Specific)
	}
	if blank(o.HowWeKnow) {
		missing = append(missing, Measurable)
	}
	if blank(o.WhoInvolved) {
		missing = append(missing, Achievable)
	}
	if o.AspirationID == "" && len(o.WellbeingAreas) == 0 {
		missing = append(missing, Relevant)
	}
	if o.ByWhen.IsZero() {
		missing = append(missing, TimeBound)
	}
	if blank(o.Expected) {
		missing = append(missing, ExpectedLevel)
	}
	return missing
}

// IsSMART reports whether the outcome has every SMART element and its GAS expected level.
func (o Outcome) IsSMART() bool { return len(o.MissingSMART()) == 0 }

// Validate checks the outcome before it is saved. A draft needs only what will be different; an active, achieved
// or closed outcome must also be SMART. Coded values must come from their lists, importance and difficulty must be
// 0 to 3, and the baseline, when set, must be −1 or −2 (Turner-Stokes 2009; standards.md §9.1).
func (o Outcome) Validate() validation.Problems {
	var ps validation.Problems
	status := o.Status
	if status == "" {
		status = Draft
	}
	if _, err := ParseStatus(string(status)); err != nil {
		ps.Append("status", "Select a status for the outcome")
	}
	if status == Draft {
		if strings.TrimSpace(o.Different) == "" {
			ps.Append(Specific.Field(), "Enter what will be different, in the person's words")
		}
	} else {
		for _, e := range o.MissingSMART() {
			ps.Append(e.Field(), e.Message())
		}
	}
	for _, t := range []struct{ field, value, what string }{
		{"different", o.Different, "What will be different"},
		{"how_we_know", o.HowWeKnow, "How everyone will know"},
		{"who_involved", o.WhoInvolved, "Who is involved"},
		{"level_minus2", o.LevelMinus2, "Much less than expected"},
		{"level_minus1", o.LevelMinus1, "Somewhat less than expected"},
		{"expected", o.Expected, "Expected level"},
		{"level_plus1", o.LevelPlus1, "Somewhat more than expected"},
		{"level_plus2", o.LevelPlus2, "Much more than expected"},
	} {
		if len(t.value) > maxText {
			ps.Append(t.field, t.what+" must be 2,000 characters or less")
		}
	}
	for _, a := range o.WellbeingAreas {
		if !codelists.WellbeingArea.Has(a) {
			ps.Append("wellbeing_areas", "Select areas of wellbeing from the list")
			break
		}
	}
	for _, c := range o.EligibilityOutcomes {
		if !codelists.AdultOutcome.Has(c) && !codelists.CarerOutcome.Has(c) {
			ps.Append("eligibility_outcomes", "Select eligibility outcomes from the list")
			break
		}
	}
	if o.Baseline != 0 && o.Baseline != Less && o.Baseline != MuchLess {
		ps.Append("baseline", "Select a baseline of somewhat less than expected or much less than expected")
	}
	if o.Importance < 0 || o.Importance > 3 {
		ps.Append("importance", "Importance must be from 0 to 3")
	}
	if o.Difficulty < 0 || o.Difficulty > 3 {
		ps.Append("difficulty", "Difficulty must be from 0 to 3")
	}
	return ps
}

// Weight is the outcome's GAS weight: importance × difficulty (Turner-Stokes 2009; standards.md §9.2). When either
// is 0, which here means not rated, the weight is 1, the unweighted default, so that an unrated outcome still counts.
func (o Outcome) Weight() float64 {
	if o.Importance <= 0 || o.Difficulty <= 0 {
		return 1
	}
	return float64(o.Importance * o.Difficulty)
}

// DefaultRho is the conventional assumed correlation between goal scales in the T-score (standards.md §9.2).
const DefaultRho = 0.3

// Scored is one goal's attainment at review, with its weight.
type Scored struct {
	Level  Level
	Weight float64
}

// Errors TScore returns, wrapped with detail.
var (
	ErrNoGoals     = errors.New("no goals to score")
	ErrZeroWeight  = errors.New("the goals' weights add up to zero")
	ErrInvalidGoal = errors.New("a goal cannot be scored")
)

// TScore is the Kiresuk–Sherman GAS T-score (standards.md §9.2):
//
//	T = 50 + 10·Σ(wᵢxᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
//
// where xᵢ is each goal's attained level and wᵢ its weight. T is 50 when every goal is met exactly as expected, with
// a standard deviation of about 10. rho is the assumed correlation between goal scales, from 0 to 1; use DefaultRho.
// It fails when there are no goals, a level is out of range, a weight is negative or not finite, or the weights add
// up to zero.
func TScore(scores []Scored, rho float64) (float64, error) {
	if len(scores) == 0 {
		return 0, fmt.Errorf("T-score: %w", ErrNoGoals)
	}
	if math.IsNaN(rho) || rho < 0 || rho > 1 {
		return 0, fmt.Errorf("T-score: correlation %v is not from 0 to 1: %w", rho, ErrInvalidGoal)
	}
	var sumWX, sumW, sumW2 float64
	for i, s := range scores {
		if !s.Level.Valid() {
			return 0, fmt.Errorf("T-score: goal %d has level %d, outside -2 to +2: %w", i+1, s.Level, ErrInvalidGoal)
		}
		if s.Weight < 0 || math.IsNaN(s.Weight) || math.IsInf(s.Weight, 0) {
			return 0, fmt.Errorf("T-score: goal %d has weight %v: %w", i+1, s.Weight, ErrInvalidGoal)
		}
		sumWX += s.Weight * float64(s.Level)
		sumW += s.Weight
		sumW2 += s.Weight * s.Weight
	}
	if sumW == 0 {
		return 0, fmt.Errorf("T-score of %d goals: %w", len(scores), ErrZeroWeight)
	}
	return 50 + 10*sumWX/math.Sqrt((1-rho)*sumW2+rho*sumW*sumW), nil
}

// Rated is one outcome's attainment at a review, with where it started.
type Rated struct {
	Attained Level
	Baseline Level // 0 when the baseline was never set
}

// SuggestReviewOutcome suggests the CLD "Review outcomes achieved" value (codelists.ReviewOutcome) from the
// outcomes' ratings: every outcome at the expected level or better is "Fully Met"; at least one met, or at −1 or
// better and improved on its baseline, is "Partially Met"; anything else is "Not Met". A baseline never set is taken
// as −1, Turner-Stokes' convention. With no ratings there is no suggestion ("").
//
// This mapping is Golden Thread's local suggestion (standards.md §9.3, implementation notes), not a national rule.
// The CLD guidance (standards.md §1.4) says the person and the assessor agree the value at the review and that it
// must not be inferred, so pages offer it as a starting point only.
func SuggestReviewOutcome(ratings []Rated) string {
	if len(ratings) == 0 {
		return ""
	}
	allMet, anyProgress := true, false
	for _, r := range ratings {
		baseline := r.Baseline
		if baseline == 0 {
			baseline = Less
		}
		if r.Attained < Expected {
			allMet = false
		}
		if r.Attained >= Expected || (r.Attained >= Less && r.Attained > baseline) {
			anyProgress = true
		}
	}
	switch {
	case allMet:
		return codelists.ReviewOutcomeFullyMet
	case anyProgress:
		return codelists.ReviewOutcomePartiallyMet
	}
	return codelists.ReviewOutcomeNotMet
}
