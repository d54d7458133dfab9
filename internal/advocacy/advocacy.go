// Package advocacy holds the council's duty to arrange independent advocacy (Care Act 2014 ss67–68, the Care and
// Support (Independent Advocacy Support) (No. 2) Regulations 2014 reg 4; standards.md §3.6) as required actions:
// an episode's advocacy needs record (the four substantial difficulties, the appropriate person and the checks on
// them, the reg 4 exceptions, the processes it covers) raises a duty for each process where an advocate is due,
// and it stays open until a referral to an advocate is recorded or a lawful reason not to is given. Referrals
// record who, when, which provider and the outcome, for Care Act advocates and IMCAs alike.
package advocacy

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

const maxText = 4000

func tooLong(s string) bool { return utf8.RuneCountInString(s) > maxText }

// Area is one of the four areas of substantial difficulty (s67(4)).
type Area string

// The four areas.
const (
	Understanding Area = "understanding"
	Retaining     Area = "retaining"
	UsingWeighing Area = "using_weighing"
	Communicating Area = "communicating"
)

// Areas lists the four areas in the order of the Act.
func Areas() []Area { return []Area{Understanding, Retaining, UsingWeighing, Communicating} }

// Label is the area as the form asks it.
func (a Area) Label() string {
	switch a {
	case Understanding:
		return "Understanding relevant information"
	case Retaining:
		return "Retaining that information"
	case UsingWeighing:
		return "Using or weighing that information as part of being involved"
	case Communicating:
		return "Communicating their views, wishes or feelings"
	}
	return string(a)
}

// Field is the form field of the area; its evidence is Field()+"_evidence".
func (a Area) Field() string { return "difficulty_" + string(a) }

// Difficulty is whether the person would have substantial difficulty in one area without an advocate.
type Difficulty struct {
	Substantial bool
	Answered    bool
	Evidence    string
}

// Process is a process the advocacy duty covers.
type Process string

// The processes.
const (
	Assessment   Process = "assessment"   // needs assessment (s9) or carer's assessment (s10), and transition assessments
	Planning     Process = "planning"     // preparing a care and support plan or support plan (s25)
	Review       Process = "review"       // revising a plan (s27)
	Safeguarding Process = "safeguarding" // a safeguarding enquiry (s42) or Safeguarding Adults Review (s44), under s68
)

// Processes lists them in the order of the episode.
func Processes() []Process { return []Process{Assessment, Planning, Review, Safeguarding} }

// Label is the process as staff read it.
func (p Process) Label() string {
	switch p {
	case Assessment:
		return "Needs or carer's assessment"
	case Planning:
		return "Care and support planning"
	case Review:
		return "Review of the plan"
	case Safeguarding:
		return "Safeguarding enquiry or review"
	}
	return string(p)
}

// Section is the law that requires the advocate for the process.
func (p Process) Section() string {
	if p == Safeguarding {
		return "Care Act 2014 s68"
	}
	return "Care Act 2014 s67"
}

// Kind is the required action's kind for the process.
func (p Process) Kind() duties.Kind {
	switch p {
	case Planning:
		return duties.AdvocatePlanning
	case Review:
		return duties.AdvocateReview
	case Safeguarding:
		return duties.AdvocateSafeguarding
	}
	return duties.AdvocateAssessment
}

// ProcessOf is the process whose required action has kind k, and whether k is a Care Act advocacy kind.
func ProcessOf(k duties.Kind) (Process, bool) {
	for _, p := range Processes() {
		if p.Kind() == k {
			return p, true
		}
	}
	return "", false
}

// Check is one of the tests a named appropriate person must pass (s67(5)–(6) and the statutory guidance, chapter 7).
type Check string

// The checks.
const (
	NotPaid       Check = "not_paid"       // not providing care or treatment professionally or for pay
	Consents      Check = "consents"       // the person consents, or, lacking capacity, it is in their best interests
	AbleAvailable Check = "able_available" // likely to be able and available to support them adequately
	NotImplicated Check = "not_implicated" // not implicated in an enquiry into abuse or neglect, nor judged by a SAR to have failed to prevent it
)

// Checks lists them in the order of the form.
func Checks() []Check { return []Check{NotPaid, Consents, AbleAvailable, NotImplicated} }

// Label is the check as the form asks it.
func (c Check) Label() string {
	switch c {
	case NotPaid:
		return "They are not paid, or engaged professionally, to care for or treat the person"
	case Consents:
		return "The person consents to their support or, if the person lacks capacity to consent, it is in the person's best interests"
	case AbleAvailable:
		return "They are likely to be able and available to support and represent the person adequately"
	case NotImplicated:
		return "They are not implicated in an enquiry into abuse or neglect, nor judged by a Safeguarding Adults Review to have failed to prevent it"
	}
	return string(c)
}

// Needs is an episode's advocacy needs record. A new record replaces the last one: the latest is the one that
// applies.
type Needs struct {
	ID, PersonID, EpisodeID string
	Difficulties            map[Area]Difficulty
	// The appropriate person: named (with their relationship) or none.
	NoAppropriatePerson bool
	PersonName          string
	Relationship        string
	Passes              map[Check]bool // the checks the named person passes
	// The reg 4 exceptions: the process is likely to result in the NHS arranging accommodation (a hospital for 28
	// days or more, a care home for 8 weeks or more) and an advocate would be in the person's best interests; or
	// the council and the appropriate person disagree on a material issue and both agree an advocate would be in
	// the person's best interests.
	NHSAccommodation bool
	Disagreement     bool
	Processes        []Process
	Notes            string
	RecordedOn       sqldb.Date
	RecordedBy       string
	RecorderName     string
	// Replaces is the record this one was made to replace (the latest when the form was opened); "" for the first.
	Replaces string
}

// AnyDifficulty reports whether any substantial difficulty is recorded.
func (n Needs) AnyDifficulty() bool {
	for _, d := range n.Difficulties {
		if d.Substantial {
			return true
		}
	}
	return false
}

// DifficultyAreas lists the areas of substantial difficulty in the order of the Act.
func (n Needs) DifficultyAreas() []Area {
	var out []Area
	for _, a := range Areas() {
		if n.Difficulties[a].Substantial {
			out = append(out, a)
		}
	}
	return out
}

// Appropriate reports whether the named person is an appropriate person: named, and passing every check. A named
// person failing any check is not appropriate.
func (n Needs) Appropriate() bool {
	if n.NoAppropriatePerson || n.PersonName == "" {
		return false
	}
	for _, c := range Checks() {
		if !n.Passes[c] {
			return false
		}
	}
	return true
}

// Failed lists the checks the named person fails.
func (n Needs) Failed() []Check {
	var out []Check
	for _, c := range Checks() {
		if !n.Passes[c] {
			out = append(out, c)
		}
	}
	return out
}

// Covers reports whether the record covers process p.
func (n Needs) Covers(p Process) bool { return slices.Contains(n.Processes, p) }

// Due is one process for which an advocate must be arranged, and why.
type Due struct {
	Process Process
	Reason  string
}

// Duty applies the rule for one process: an independent advocate is due when the person has substantial
// difficulty in any of the four areas AND there is no appropriate person or a reg 4 exception applies. It does not
// look at which processes the record covers (Consider asks about a process as it starts).
//
// The reg 4 exceptions are applied to every process, the s68 safeguarding process included: s68 has its own
// appropriate-person exception, whose wording we have not checked (standards.md §3.6), and an advocate arranged
// when in doubt is a duty that cannot slip.
func (n Needs) Duty(p Process) (Due, bool) {
	if !n.AnyDifficulty() {
		return Due{}, false
	}
	var areas []string
	for _, a := range n.DifficultyAreas() {
		areas = append(areas, strings.ToLower(a.Label()))
	}
	difficulty := "Substantial difficulty in " + strings.Join(areas, "; ")
	var why string
	switch {
	case !n.Appropriate() && (n.NoAppropriatePerson || n.PersonName == ""):
		why = "no appropriate person"
	case !n.Appropriate():
		why = n.PersonName + " is not an appropriate person"
	case n.NHSAccommodation:
		why = "the NHS is likely to arrange accommodation and an advocate is in the person's best interests (reg 4, SI 2014/2889)"
	case n.Disagreement:
		why = "the council and " + n.PersonName + " disagree on a material issue and agree an advocate is in the person's best interests (reg 4, SI 2014/2889)"
	default:
		return Due{}, false
	}
	return Due{Process: p, Reason: difficulty + ", and " + why + " (" + p.Section() + "): arrange an independent advocate for the " + strings.ToLower(p.Label())}, true
}

// DutiesDue lists the advocates due for the processes the record covers.
func (n Needs) DutiesDue() []Due {
	var out []Due
	for _, p := range Processes() {
		if !n.Covers(p) {
			continue
		}
		if d, ok := n.Duty(p); ok {
			out = append(out, d)
		}
	}
	return out
}

// Normalise trims what was typed, clears the named person when none is recorded and drops evidence of no
// difficulty.
func (n *Needs) Normalise() {
	n.PersonName, n.Relationship, n.Notes = strings.TrimSpace(n.PersonName), strings.TrimSpace(n.Relationship), strings.TrimSpace(n.Notes)
	ds := make(map[Area]Difficulty, len(n.Difficulties))
	for a, d := range n.Difficulties {
		d.Evidence = strings.TrimSpace(d.Evidence)
		ds[a] = d
	}
	n.Difficulties = ds
	if n.NoAppropriatePerson {
		n.PersonName, n.Relationship, n.Passes, n.Disagreement = "", "", nil, false
	}
	var ps []Process
	for _, p := range Processes() {
		if slices.Contains(n.Processes, p) {
			ps = append(ps, p)
		}
	}
	n.Processes = ps
}

// Validate checks a needs record: each area answered, with evidence when there is substantial difficulty; an
// appropriate person named (and their relationship) or none; at least one process; a date not in the future; and
// a disagreement only with a named person.
func (n Needs) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	for _, a := range Areas() {
		d := n.Difficulties[a]
		switch {
		case !d.Answered:
			ps.Append(a.Field(), "Select whether the person would have substantial difficulty in "+strings.ToLower(a.Label()))
		case d.Substantial && d.Evidence == "":
			ps.Append(a.Field()+"_evidence", "Describe the evidence of difficulty in "+strings.ToLower(a.Label()))
		case tooLong(d.Evidence):
			ps.Append(a.Field()+"_evidence", "The evidence must be 4,000 characters or less")
		}
	}
	if !n.NoAppropriatePerson {
		if n.PersonName == "" {
			ps.Append("person_name", "Enter the name of the appropriate person, or select that there is nobody appropriate")
		} else if n.Relationship == "" {
			ps.Append("relationship", "Enter how "+n.PersonName+" knows the person")
		}
	}
	if len(n.Processes) == 0 {
		ps.Append("processes", "Select the processes this record covers")
	}
	if tooLong(n.Notes) || tooLong(n.PersonName) || tooLong(n.Relationship) {
		ps.Append("notes", "Each answer must be 4,000 characters or less")
	}
	switch {
	case n.RecordedOn.IsZero():
		ps.Append("recorded_on", "Enter the date of the record")
	case n.RecordedOn.After(today.Time):
		ps.Append("recorded_on", "The date of the record must be today or in the past")
	}
	return ps
}

// AdvocateType is the kind of advocate a referral is to.
type AdvocateType string

// The types of advocate.
const (
	CareActAdvocate AdvocateType = "care_act"
	IMCA            AdvocateType = "imca"
)

// Label is the type as staff read it.
func (t AdvocateType) Label() string {
	switch t {
	case CareActAdvocate:
		return "Care Act advocate"
	case IMCA:
		return "Independent Mental Capacity Advocate (IMCA)"
	}
	return string(t)
}

// TypeFor is the type of advocate that meets a required action of kind k.
func TypeFor(k duties.Kind) AdvocateType {
	if k == duties.IMCA {
		return IMCA
	}
	return CareActAdvocate
}

// Referral is a referral to an independent advocate, perhaps meeting a required action.
type Referral struct {
	ID, PersonID, EpisodeID string
	Type                    AdvocateType
	Provider                string // the advocacy provider
	DirectoryServiceID      string // the provider's community directory service, when it is one
	AdvocateName            string
	ReferredOn              sqldb.Date
	AllocatedOn             sqldb.Date
	Outcome                 string
	// The required action it meets, if any.
	DutyKind    duties.Kind
	DutySubject string
	RecordedBy  string
	Version     int
}

// Normalise trims what was typed.
func (r *Referral) Normalise() {
	r.Provider, r.AdvocateName, r.Outcome = strings.TrimSpace(r.Provider), strings.TrimSpace(r.AdvocateName), strings.TrimSpace(r.Outcome)
	r.DirectoryServiceID = strings.TrimSpace(r.DirectoryServiceID)
}

// Validate checks a referral: the type; the provider; the date referred (not in the future); a date allocated
// neither before the referral nor in the future.
func (r Referral) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if r.Type != CareActAdvocate && r.Type != IMCA {
		ps.Append("advocate_type", "Select the type of advocate")
	}
	if r.Provider == "" {
		ps.Append("provider", "Enter the advocacy provider")
	}
	switch {
	case r.ReferredOn.IsZero():
		ps.Append("referred_on", "Enter the date of the referral")
	case r.ReferredOn.After(today.Time):
		ps.Append("referred_on", "The date of the referral must be today or in the past")
	}
	switch {
	case r.AllocatedOn.IsZero():
	case r.AllocatedOn.After(today.Time):
		ps.Append("allocated_on", "The date an advocate was allocated must be today or in the past")
	case !r.ReferredOn.IsZero() && r.AllocatedOn.Before(r.ReferredOn.Time):
		ps.Append("allocated_on", "The date an advocate was allocated must be on or after the referral")
	}
	if !r.AllocatedOn.IsZero() && r.AdvocateName == "" {
		ps.Append("advocate_name", "Enter the name of the advocate allocated")
	}
	if tooLong(r.Provider) || tooLong(r.AdvocateName) || tooLong(r.Outcome) {
		ps.Append("outcome", "Each answer must be 4,000 characters or less")
	}
	return ps
}

// Reason is a lawful reason not to arrange an advocate for a required action.
type Reason string

// The reasons.
const (
	DifficultyEnded      Reason = "difficulty_ended"
	AppropriatePerson    Reason = "appropriate_person"
	DeclinedWithCapacity Reason = "declined"
	ProcessEnded         Reason = "process_ended"
	CapacityRegained     Reason = "capacity_regained"
	ConsulteeFound       Reason = "consultee_found"
)

// ReasonsFor lists the lawful reasons for a required action of kind k: the Care Act's for an advocate, the Mental
// Capacity Act's for an IMCA.
func ReasonsFor(k duties.Kind) []Reason {
	if k == duties.IMCA {
		return []Reason{CapacityRegained, ConsulteeFound, ProcessEnded}
	}
	return []Reason{DifficultyEnded, AppropriatePerson, DeclinedWithCapacity, ProcessEnded}
}

// Label is the reason as the form offers it.
func (r Reason) Label() string {
	switch r {
	case DifficultyEnded:
		return "The substantial difficulty no longer applies"
	case AppropriatePerson:
		return "An appropriate person is now available, and no exception applies"
	case DeclinedWithCapacity:
		return "The person, having capacity, declined an advocate"
	case ProcessEnded:
		return "The process has ended"
	case CapacityRegained:
		return "A new assessment finds the person has capacity for the decision"
	case ConsulteeFound:
		return "Someone other than paid carers is now appropriate to consult"
	}
	return string(r)
}

// NotMet is a lawful reason not to arrange an advocate, with details.
type NotMet struct {
	Reason  Reason
	Details string
}

// Validate checks the reason is one of those for kind k, with details.
func (m NotMet) Validate(k duties.Kind) validation.Problems {
	var ps validation.Problems
	if !slices.Contains(ReasonsFor(k), m.Reason) {
		ps.Append("reason", "Select the reason an advocate is not needed")
	}
	switch {
	case strings.TrimSpace(m.Details) == "":
		ps.Append("details", "Give the details of the reason")
	case tooLong(m.Details):
		ps.Append("details", "The details must be 4,000 characters or less")
	}
	return ps
}

// Note is the reason as the required action records it.
func (m NotMet) Note() string { return m.Reason.Label() + ": " + strings.TrimSpace(m.Details) }
