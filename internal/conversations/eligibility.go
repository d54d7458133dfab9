package conversations

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Kind is whose eligibility is being determined: an adult with needs for care and support (Care and Support
// (Eligibility Criteria) Regulations 2015, reg 2) or a carer (reg 3).
type Kind string

// The two kinds of eligibility determination.
const (
	Adult Kind = "adult"
	Carer Kind = "carer"
)

// Label is the kind as staff read it.
func (k Kind) Label() string {
	switch k {
	case Adult:
		return "Adult with care and support needs"
	case Carer:
		return "Carer"
	}
	return string(k)
}

// ParseKind reads a stored kind.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.TrimSpace(s)); k {
	case Adult, Carer:
		return k, nil
	}
	return "", fmt.Errorf("eligibility kind %q is not adult or carer", s)
}

// Outcomes is the list of specified outcomes for this kind: codelists.AdultOutcome (reg 2(2)) or
// codelists.CarerOutcome (reg 3). An unknown kind has none.
func (k Kind) Outcomes() codelists.List {
	switch k {
	case Adult:
		return codelists.AdultOutcome
	case Carer:
		return codelists.CarerOutcome
	}
	return codelists.List{}
}

// Way is one of the ways a person is treated as unable to achieve an outcome: Care and Support (Eligibility
// Criteria) Regulations 2015, reg 2(3) for adults (four ways) and reg 3(3) for carers (the first three only).
type Way string

// The ways of being unable to achieve an outcome.
const (
	WithoutAssistance   Way = "without_assistance"    // unable to achieve it without assistance
	PainDistressAnxiety Way = "pain_distress_anxiety" // able, but it causes significant pain, distress or anxiety
	Endangers           Way = "endangers"             // able, but it endangers (or is likely to) health or safety
	SignificantlyLonger Way = "significantly_longer"  // able, but it takes significantly longer than expected; adults only
)

// Ways returns the ways that apply to kind, in the regulations' order: four for adults, three for carers.
func (k Kind) Ways() []Way {
	switch k {
	case Adult:
		return []Way{WithoutAssistance, PainDistressAnxiety, Endangers, SignificantlyLonger}
	case Carer:
		return []Way{WithoutAssistance, PainDistressAnxiety, Endangers}
	}
	return nil
}

// Label is the way as the regulations put it, in plain words. Endangering covers the health or safety of the person
// or of others (reg 2(3)(c), reg 3(3)(c)).
func (w Way) Label() string {
	switch w {
	case WithoutAssistance:
		return "Unable to achieve it without assistance"
	case PainDistressAnxiety:
		return "Able to, but it causes significant pain, distress or anxiety"
	case Endangers:
		return "Able to, but it endangers, or is likely to endanger, their health or safety, or that of others"
	case SignificantlyLonger:
		return "Able to, but it takes significantly longer than would normally be expected"
	}
	return string(w)
}

// OutcomeAnswer is a specified outcome the person is unable to achieve, with the ways they are unable to (at least
// one) and a note of the evidence. Outcomes the person can achieve are not listed.
type OutcomeAnswer struct {
	Code string // a value of Kind.Outcomes()
	Ways []Way
	Note string
}

// Answers is what the practitioner recorded against the three eligibility conditions (reg 2(1) for adults, reg 3(1)
// for carers).
type Answers struct {
	Kind Kind
	// ImpairmentOrIllness is adult condition 1: the needs arise from or relate to a physical or mental impairment
	// or illness (reg 2(1)(a)).
	ImpairmentOrIllness bool
	// NecessaryCare is carer condition 1: the needs arise as a consequence of providing necessary care for an
	// adult, who need not have eligible needs themselves (reg 3(1)(a)).
	NecessaryCare bool
	// HealthDeteriorating is the carer's alternative to condition 2: their physical or mental health is
	// deteriorating or at risk of deteriorating (reg 3(1)(b)). Carers only.
	HealthDeteriorating bool
	// Outcomes are the specified outcomes the person is unable to achieve (condition 2).
	Outcomes []OutcomeAnswer
	// SignificantImpact is condition 3: as a consequence there is, or is likely to be, a significant impact on
	// the person's wellbeing. "Significant" takes its everyday meaning.
	SignificantImpact bool
	// ImpactAreas are the codelists.WellbeingArea values the impact falls on (Care Act 2014, s1(2)).
	ImpactAreas []string
}

// Validate checks the answers are complete and consistent before they are saved or determined: outcome codes from
// the right list, each with at least one way that applies to the kind, and a significant impact naming the areas
// of wellbeing it falls on.
func (a Answers) Validate() validation.Problems {
	var ps validation.Problems
	if _, err := ParseKind(string(a.Kind)); err != nil {
		return append(ps, validation.Problem{Field: "kind", Message: "Select whether this is an adult's or a carer's eligibility"})
	}
	if a.Kind == Adult && (a.NecessaryCare || a.HealthDeteriorating) {
		ps.Append("kind", "Select carer to record needs arising from caring or a carer's deteriorating health")
	}
	if a.Kind == Carer && a.ImpairmentOrIllness {
		ps.Append("kind", "Select adult to record needs arising from an impairment or illness")
	}
	list := a.Kind.Outcomes()
	seen := make(map[string]bool)
	for _, o := range a.Outcomes {
		field := "outcome_" + o.Code
		if !list.Has(o.Code) {
			ps.Append("outcomes", "Select outcomes from the list")
			continue
		}
		if seen[o.Code] {
			ps.Append("outcomes", "Select each outcome only once")
			continue
		}
		seen[o.Code] = true
		name := lowerFirst(list.Label(o.Code))
		if len(o.Ways) == 0 {
			ps.Append(field+"_ways", "Select how the person is unable to achieve "+name)
		}
		for _, w := range o.Ways {
			if a.Kind == Carer && w == SignificantlyLonger {
				ps.Append(field+"_ways", "Select another way for "+name+": taking significantly longer applies only to adults, not carers")
				break
			}
			if !slices.Contains(a.Kind.Ways(), w) {
				ps.Append(field+"_ways", "Select how the person is unable to achieve "+name+" from the list")
				break
			}
		}
		if len(o.Note) > maxReason {
			ps.Append(field+"_note", "Note must be 2,000 characters or less")
		}
	}
	if a.SignificantImpact && len(a.ImpactAreas) == 0 {
		ps.Append("impact_areas", "Select the areas of wellbeing the impact falls on")
	}
	for _, area := range a.ImpactAreas {
		if !codelists.WellbeingArea.Has(area) {
			ps.Append("impact_areas", "Select areas of wellbeing from the list")
			break
		}
	}
	return ps
}

// Result is an eligibility determination (Care Act 2014, s13).
type Result struct {
	// Eligible is true when all three conditions are met.
	Eligible bool
	// Conditions are whether each of the three conditions was met, in the regulations' order.
	Conditions [3]bool
	// Explanation is one plain-English sentence naming the conditions met or not met, fit for the written record
	// of the determination and its reasons that s13(2) requires.
	Explanation string
}

// Determine applies the Care and Support (Eligibility Criteria) Regulations 2015. An adult (reg 2) is eligible when
// their needs arise from an impairment or illness, they are unable to achieve two or more specified outcomes, and
// there is, or is likely to be, a significant impact on their wellbeing. A carer (reg 3) is eligible when their
// needs arise from providing necessary care, their health is deteriorating or at risk of it or they are unable to
// achieve one or more carer outcomes, and there is a significant impact on their wellbeing.
//
// Determine counts only outcomes from the right list with at least one way that applies to the kind; check the
// answers with Validate first. An unknown kind is not eligible.
func Determine(a Answers) Result {
	list := a.Kind.Outcomes()
	var unable []string
	seen := make(map[string]bool)
	for _, o := range a.Outcomes {
		if !list.Has(o.Code) || seen[o.Code] || !hasWayFor(a.Kind, o.Ways) {
			continue
		}
		seen[o.Code] = true
		unable = append(unable, lowerFirst(list.Label(o.Code)))
	}
	var r Result
	switch a.Kind {
	case Adult:
		r.Conditions = [3]bool{a.ImpairmentOrIllness, len(unable) >= 2, a.SignificantImpact}
	case Carer:
		r.Conditions = [3]bool{a.NecessaryCare, a.HealthDeteriorating || len(unable) >= 1, a.SignificantImpact}
	default:
		r.Explanation = "Not eligible: say whether this is an adult's or a carer's eligibility."
		return r
	}
	r.Eligible = r.Conditions[0] && r.Conditions[1] && r.Conditions[2]
	if r.Eligible {
		r.Explanation = "Eligible: " + metCondition1(a.Kind) + ", " + metCondition2(a, unable) +
			", and this has a significant impact on their wellbeing."
		return r
	}
	var failed []unmet
	if !r.Conditions[0] {
		failed = append(failed, unmet{what: unmetCondition1(a.Kind)})
	}
	if !r.Conditions[1] {
		failed = append(failed, unmetCondition2(a.Kind, len(unable)))
	}
	if !r.Conditions[2] {
		failed = append(failed, unmet{what: "there is no significant impact on their wellbeing"})
	}
	// One reason reads as a clause; several are a list separated by semicolons, since each may contain "and".
	if len(failed) == 1 {
		r.Explanation = "Not eligible: " + failed[0].what
		if failed[0].need != "" {
			r.Explanation += "; " + failed[0].need
		}
		r.Explanation += "."
		return r
	}
	parts := make([]string, len(failed))
	for i, f := range failed {
		parts[i] = f.what
		if f.need != "" {
			parts[i] += " (" + f.need + ")"
		}
	}
	r.Explanation = "Not eligible: " + strings.Join(parts[:len(parts)-1], "; ") + "; and " + parts[len(parts)-1] + "."
	return r
}

// unmet is a condition not met: what was found, and what the regulations need when that is worth saying.
type unmet struct{ what, need string }

func hasWayFor(k Kind, ways []Way) bool {
	for _, w := range ways {
		if slices.Contains(k.Ways(), w) {
			return true
		}
	}
	return false
}

func metCondition1(k Kind) string {
	if k == Carer {
		return "needs arise from providing necessary care for an adult"
	}
	return "needs arise from an impairment or illness"
}

func unmetCondition1(k Kind) string {
	if k == Carer {
		return "needs do not arise from providing necessary care for an adult"
	}
	return "needs do not arise from an impairment or illness"
}

// metCondition2 describes condition 2 when it is met; unable are the outcomes' labels, in lower case.
func metCondition2(a Answers, unable []string) string {
	outcomes := fmt.Sprintf("unable to achieve %d of the specified outcomes (%s)", len(unable), strings.Join(unable, ", "))
	if a.Kind == Adult {
		return "the person is " + outcomes
	}
	switch {
	case a.HealthDeteriorating && len(unable) > 0:
		return "the carer's health is deteriorating or at risk of deteriorating and they are " + outcomes
	case a.HealthDeteriorating:
		return "the carer's health is deteriorating or at risk of deteriorating"
	}
	return "the carer is " + outcomes
}

// unmetCondition2 describes condition 2 when it is not met.
func unmetCondition2(k Kind, unable int) unmet {
	switch {
	case k == Carer:
		return unmet{what: "the carer can achieve all the specified outcomes and their health is not deteriorating or at risk of deteriorating"}
	case unable == 1:
		return unmet{what: "the person is unable to achieve only 1 specified outcome", need: "the regulations need two or more"}
	}
	return unmet{what: "the person can achieve all the specified outcomes", need: "the regulations need them to be unable to achieve two or more"}
}

// lowerFirst lower-cases the first letter, so a label reads inside a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
