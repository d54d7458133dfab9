// Package capacity holds mental capacity assessments and best-interests decisions under the Mental Capacity Act
// 2005 (standards.md §4): an assessment names one specific decision and its time, records the two-stage test
// (stage 1, an impairment of or disturbance in the functioning of the mind or brain; stage 2, the four functional
// abilities) with evidence and the causal link between them, the practicable steps taken to help the person decide,
// and the result. A best-interests decision walks the section 4 checklist item by item. When an assessment finds
// that the person lacks capacity for serious medical treatment or a long-term move and there is nobody but paid
// carers to consult, the store raises an IMCA required action (duties.IMCA, MCA ss37–39).
package capacity

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// maxText is the longest free text the rules accept, in characters.
const maxText = 4000

// DecisionType is what kind of decision an assessment is about. The accommodation types carry the periods that
// decide whether an IMCA must be instructed (MCA ss38–39, standards.md §4.4).
type DecisionType string

// The types of decision.
const (
	CareAndSupport      DecisionType = "care_and_support"
	CareHomeLong        DecisionType = "care_home_long"        // where to live: a care home for 8 weeks or more, arranged by the NHS
	HospitalLong        DecisionType = "hospital_long"         // where to live: a hospital for 28 days or more
	CouncilResidential  DecisionType = "council_residential"   // where to live: residential accommodation arranged by the council, 8 weeks or more
	ShorterStay         DecisionType = "accommodation_short"   // where to live: a shorter stay
	SeriousMedical      DecisionType = "serious_medical"       // serious medical treatment
	FinancesAndProperty DecisionType = "finances_and_property" // finances and property
	ContactWithOthers   DecisionType = "contact_with_others"   // contact with other people
	OtherDecision       DecisionType = "other"                 // anything else
)

// DecisionTypes lists every type in the order the form offers them.
func DecisionTypes() []DecisionType {
	return []DecisionType{CareAndSupport, CareHomeLong, HospitalLong, CouncilResidential, ShorterStay, SeriousMedical,
		FinancesAndProperty, ContactWithOthers, OtherDecision}
}

// Valid reports whether t is one of DecisionTypes.
func (t DecisionType) Valid() bool {
	for _, v := range DecisionTypes() {
		if v == t {
			return true
		}
	}
	return false
}

// Label is the type as a practitioner reads it.
func (t DecisionType) Label() string {
	switch t {
	case CareAndSupport:
		return "Care and support arrangements"
	case CareHomeLong:
		return "Where to live: a care home for 8 weeks or more, arranged by the NHS"
	case HospitalLong:
		return "Where to live: a hospital for 28 days or more"
	case CouncilResidential:
		return "Where to live: residential accommodation arranged by the council for 8 weeks or more"
	case ShorterStay:
		return "Where to live: a shorter stay"
	case SeriousMedical:
		return "Serious medical treatment"
	case FinancesAndProperty:
		return "Finances and property"
	case ContactWithOthers:
		return "Contact with other people"
	case OtherDecision:
		return "Another decision"
	}
	return string(t)
}

// LongTermMove reports whether the decision is a move for which MCA s38 or s39 requires an IMCA.
func (t DecisionType) LongTermMove() bool {
	return t == CareHomeLong || t == HospitalLong || t == CouncilResidential
}

// Ability is one of the four functional abilities of stage 2 (MCA s3).
type Ability string

// The four abilities, in the order of the Code of Practice.
const (
	Understand  Ability = "understand"
	Retain      Ability = "retain"
	UseOrWeigh  Ability = "use_or_weigh"
	Communicate Ability = "communicate"
)

// Abilities lists the four abilities in the order of section 3.
func Abilities() []Ability { return []Ability{Understand, Retain, UseOrWeigh, Communicate} }

// Label is the ability as a question on the form.
func (a Ability) Label() string {
	switch a {
	case Understand:
		return "Understand the information relevant to the decision"
	case Retain:
		return "Retain that information"
	case UseOrWeigh:
		return "Use or weigh that information as part of making the decision"
	case Communicate:
		return "Communicate the decision, by any means"
	}
	return string(a)
}

// Short is the ability in a few words, for lists.
func (a Ability) Short() string {
	switch a {
	case Understand:
		return "understand"
	case Retain:
		return "retain"
	case UseOrWeigh:
		return "use or weigh"
	case Communicate:
		return "communicate"
	}
	return string(a)
}

// Field is the form field of an ability's finding; its evidence is Field()+"_evidence".
func (a Ability) Field() string { return "ability_" + string(a) }

// Answer is a yes or no question's answer as recorded: empty until answered.
type Answer string

// The answers.
const (
	Unanswered Answer = ""
	Yes        Answer = "yes"
	No         Answer = "no"
)

// Valid reports whether the question was answered.
func (a Answer) Valid() bool { return a == Yes || a == No }

// Finding is one ability's finding: Able, Unable or not recorded, with the evidence for it.
type Finding struct {
	State    string // Able or Unable; empty until recorded
	Evidence string
}

// The states of a finding.
const (
	Able   = "able"
	Unable = "unable"
)

// Result is what an assessment found about this decision at this time.
type Result string

// The results.
const (
	HasCapacity   Result = "has"
	LacksCapacity Result = "lacks"
)

// Label is the result as a sentence about the person.
func (r Result) Label() string {
	switch r {
	case HasCapacity:
		return "Has capacity for this decision at this time"
	case LacksCapacity:
		return "Lacks capacity for this decision at this time"
	}
	return string(r)
}

// Principle is one of the five principles of MCA s1, shown as guidance on the form.
type Principle struct{ Name, Text string }

// Principles are the five statutory principles (standards.md §4.1).
func Principles() []Principle {
	return []Principle{
		{"Assume capacity", "A person must be assumed to have capacity unless it is established that they lack it."},
		{"Help them decide", "A person is not to be treated as unable to decide unless all practicable steps to help them have been taken without success."},
		{"Unwise is not incapable", "A person is not to be treated as unable to decide merely because they make an unwise decision."},
		{"Best interests", "An act done or decision made for a person who lacks capacity must be in their best interests."},
		{"Less restrictive", "Before acting or deciding, consider whether the purpose can be achieved as effectively in a way that is less restrictive of the person's rights and freedom of action."},
	}
}

// Assessment is a mental capacity assessment of one specific decision at one time.
type Assessment struct {
	ID, PersonID, EpisodeID string
	Decision                string // the specific decision, in plain words
	Type                    DecisionType
	AssessedAt              time.Time // the date and time of the assessment
	// Stage 1 (s2): is there an impairment of, or a disturbance in the functioning of, the mind or brain?
	Impairment         Answer
	ImpairmentEvidence string
	// Stage 2 (s3): each ability, able or unable, with evidence.
	Findings map[Ability]Finding
	// The causal link: is any inability because of the impairment or disturbance? Required when any ability is
	// unable.
	CausalLink         Answer
	CausalLinkEvidence string
	// SupportGiven is the practicable steps taken to help the person decide (principle 2).
	SupportGiven string
	Result       Result
	// For the IMCA duty (MCA ss37–39): whether there is anyone other than paid carers whom it is appropriate to
	// consult about the decision, and who; and whether the person is required to live somewhere under the Mental
	// Health Act 1983.
	AnyoneToConsult Answer
	Consultees      string
	MHAResidence    Answer
	AssessedBy      string // staff ID
	AssessorName    string
	Version         int
}

// Finding returns the finding for ability a (empty when not recorded).
func (a Assessment) Finding(ab Ability) Finding { return a.Findings[ab] }

// Inabilities lists the abilities found unable, in the order of section 3.
func (a Assessment) Inabilities() []Ability {
	var out []Ability
	for _, ab := range Abilities() {
		if a.Findings[ab].State == Unable {
			out = append(out, ab)
		}
	}
	return out
}

// Normalise trims what was typed.
func (a *Assessment) Normalise() {
	a.Decision = strings.TrimSpace(a.Decision)
	a.ImpairmentEvidence = strings.TrimSpace(a.ImpairmentEvidence)
	a.CausalLinkEvidence = strings.TrimSpace(a.CausalLinkEvidence)
	a.SupportGiven = strings.TrimSpace(a.SupportGiven)
	a.Consultees = strings.TrimSpace(a.Consultees)
	fs := make(map[Ability]Finding, len(a.Findings))
	for ab, f := range a.Findings {
		f.Evidence = strings.TrimSpace(f.Evidence)
		fs[ab] = f
	}
	a.Findings = fs
	if a.AnyoneToConsult != Yes {
		a.Consultees = ""
	}
	if len(a.Inabilities()) == 0 && a.CausalLink == Unanswered {
		a.CausalLinkEvidence = ""
	}
}

// Indicates is the result the recorded findings lead to: the person lacks capacity for the decision when there is
// an impairment or disturbance (stage 1), at least one of the four abilities is unable (stage 2; failing any one
// means they cannot decide), and the inability is because of the impairment (the causal link). Otherwise the
// presumption of capacity (principle 1) stands.
func (a Assessment) Indicates() Result {
	if a.Impairment == Yes && len(a.Inabilities()) > 0 && a.CausalLink == Yes {
		return LacksCapacity
	}
	return HasCapacity
}

func tooLong(s string) bool { return utf8.RuneCountInString(s) > maxText }

// Validate checks an assessment before it is recorded, as of now:
//
//   - the specific decision, its type, and a date and time not in the future;
//   - stage 1 answered, with evidence when there is an impairment or disturbance;
//   - each of the four abilities able or unable, with evidence;
//   - the causal link answered, with evidence, when any ability is unable;
//   - the result; "lacks capacity" needs stage 1 yes with evidence, at least one inability with evidence, the
//     causal link yes with evidence, and the practicable steps taken to help (principle 2). "Has capacity" may not
//     be recorded when the findings together establish a lack of capacity (Indicates): the result must agree with
//     the findings, so a practitioner who disagrees with them must change a finding, with its evidence, first;
//   - whether there is anyone other than paid carers to consult (and who), and whether the Mental Health Act
//     requires the person to live somewhere, when the person lacks capacity (the IMCA rule needs both).
func (a Assessment) Validate(now time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case a.Decision == "":
		ps.Append("decision", "Enter the specific decision the assessment is about")
	case tooLong(a.Decision):
		ps.Append("decision", "The decision must be 4,000 characters or less")
	}
	if !a.Type.Valid() {
		ps.Append("decision_type", "Select the type of decision")
	}
	switch {
	case a.AssessedAt.IsZero():
		ps.Append("assessed_on", "Enter the date and time of the assessment")
	case a.AssessedAt.After(now):
		ps.Append("assessed_on", "The date and time of the assessment must be in the past")
	}
	switch {
	case !a.Impairment.Valid():
		ps.Append("impairment", "Select whether there is an impairment of, or a disturbance in the functioning of, the mind or brain")
	case a.Impairment == Yes && a.ImpairmentEvidence == "":
		ps.Append("impairment_evidence", "Describe the evidence of the impairment or disturbance")
	}
	if tooLong(a.ImpairmentEvidence) {
		ps.Append("impairment_evidence", "The evidence must be 4,000 characters or less")
	}
	for _, ab := range Abilities() {
		f := a.Findings[ab]
		switch {
		case f.State != Able && f.State != Unable:
			ps.Append(ab.Field(), "Select whether the person is able to "+ab.Short()+" the information")
		case f.Evidence == "":
			ps.Append(ab.Field()+"_evidence", "Describe the evidence of whether the person is able to "+ab.Short())
		case tooLong(f.Evidence):
			ps.Append(ab.Field()+"_evidence", "The evidence must be 4,000 characters or less")
		}
	}
	if len(a.Inabilities()) > 0 {
		switch {
		case !a.CausalLink.Valid():
			ps.Append("causal_link", "Select whether the inability is because of the impairment or disturbance")
		case a.CausalLinkEvidence == "":
			ps.Append("causal_link_evidence", "Explain why the inability is, or is not, because of the impairment or disturbance")
		}
	}
	if tooLong(a.CausalLinkEvidence) || tooLong(a.SupportGiven) || tooLong(a.Consultees) {
		ps.Append("support_given", "Each answer must be 4,000 characters or less")
	}
	switch a.Result {
	case HasCapacity:
		if a.Indicates() == LacksCapacity {
			ps.Append("result", "The findings say the person lacks capacity for this decision: an impairment, an inability because of it. Change a finding, with its evidence, or record that they lack capacity")
		}
	case LacksCapacity:
		if a.Impairment != Yes || a.ImpairmentEvidence == "" {
			ps.Append("result", "You cannot record that the person lacks capacity without an impairment or disturbance of the mind or brain, with evidence (stage 1)")
		}
		hasInability := false
		for _, ab := range a.Inabilities() {
			if a.Findings[ab].Evidence != "" {
				hasInability = true
			}
		}
		if !hasInability {
			ps.Append("result", "You cannot record that the person lacks capacity unless they are unable to understand, retain, use or weigh the information, or communicate the decision, with evidence (stage 2)")
		}
		if hasInability && (a.CausalLink != Yes || a.CausalLinkEvidence == "") {
			ps.Append("result", "You cannot record that the person lacks capacity unless the inability is because of the impairment or disturbance, with evidence")
		}
		if a.SupportGiven == "" {
			ps.Append("support_given", "Describe the practicable steps taken to help the person decide before finding that they cannot")
		}
		switch {
		case !a.AnyoneToConsult.Valid():
			ps.Append("anyone_to_consult", "Select whether there is anyone other than paid carers whom it is appropriate to consult")
		case a.AnyoneToConsult == Yes && a.Consultees == "":
			ps.Append("consultees", "Enter who it is appropriate to consult")
		}
		if !a.MHAResidence.Valid() {
			ps.Append("mha_residence", "Select whether the person is required to live somewhere under the Mental Health Act 1983")
		}
	default:
		ps.Append("result", "Select the result of the assessment")
	}
	return ps
}

// IMCADuty is whether an assessment requires an Independent Mental Capacity Advocate, and why.
type IMCADuty struct {
	Due     bool
	Section string // "MCA s37", "MCA s38" or "MCA s39"
	Reason  string // in plain words, with the law
}

// IMCA applies MCA ss37–39 (standards.md §4.4) to an assessment: an IMCA must be instructed when the person lacks
// capacity for the decision, the decision is serious medical treatment (s37, by the NHS body) or a long-term move
// (s38: a hospital for 28 days or more or a care home for 8 weeks or more arranged by the NHS; s39: residential
// accommodation arranged by the council for 8 weeks or more), and there is no one other than paid carers whom it is
// appropriate to consult. There is no duty for a move when the person is required to live there under the Mental
// Health Act 1983 (ss38(2), 39(3)); that exception is about accommodation, so it does not lift the duty for serious
// medical treatment. A shorter stay is no trigger. Nobody answering "anyone to consult" counts as nobody: a duty
// that is not recorded as met stays visible rather than slipping.
func IMCA(a Assessment) IMCADuty {
	if a.Result != LacksCapacity || a.AnyoneToConsult == Yes {
		return IMCADuty{}
	}
	switch {
	case a.Type == SeriousMedical:
		return IMCADuty{Due: true, Section: "MCA s37",
			Reason: "Lacks capacity to decide about serious medical treatment and has nobody but paid carers to consult: the NHS body must instruct an IMCA (Mental Capacity Act 2005 s37)"}
	case a.Type.LongTermMove() && a.MHAResidence == Yes:
		return IMCADuty{}
	case a.Type == HospitalLong || a.Type == CareHomeLong:
		return IMCADuty{Due: true, Section: "MCA s38",
			Reason: "Lacks capacity to decide about a long-term move arranged by the NHS and has nobody but paid carers to consult: an IMCA must be instructed (Mental Capacity Act 2005 s38)"}
	case a.Type == CouncilResidential:
		return IMCADuty{Due: true, Section: "MCA s39",
			Reason: "Lacks capacity to decide about residential accommodation arranged by the council and has nobody but paid carers to consult: the council must instruct an IMCA (Mental Capacity Act 2005 s39)"}
	}
	return IMCADuty{}
}

// Question is the ability as the form asks it.
func (a Ability) Question() string {
	l := a.Label()
	return "Is the person able to " + strings.ToLower(l[:1]) + l[1:] + "?"
}

// EvidenceField is the form field of the ability's evidence.
func (a Ability) EvidenceField() string { return a.Field() + "_evidence" }

// EvidenceLabel labels the ability's evidence on the form.
func (a Ability) EvidenceLabel() string { return "Evidence about whether they can " + a.Short() }
