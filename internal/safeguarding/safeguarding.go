// Package safeguarding holds safeguarding adults under the Care Act 2014 s42 with Making Safeguarding Personal: a
// concern (who raised it, when, what happened, the categories, locations and sources of risk from the Safeguarding
// Adults Collection lists, what was done at once to keep the person safe); the section 42 decision against its three
// criteria, each with a reason, due within the council's Section42DecisionDays as a required action; an enquiry
// (section 42 or other) with the people involved and its dated steps; the person's desired outcomes asked at the
// start, in their words, and whether each was achieved at the end; and the closing results the Safeguarding Adults
// Collection counts (standards.md §5).
//
// Safeguarding records are stricter than the rest of a person's record: only staff whose role is in the council's
// SafeguardingRoles may see them, and everyone else is told they do not exist (sqldb.ErrNotFound). Any member of
// staff who changes people's records may raise a concern. Every read or change goes through people.Open, so it is
// checked against the person's access rule and written to the access log.
//
// The rules are pure functions in this file; store.go keeps the records.
package safeguarding

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Code lists names, as the safeguarding_code table's list column stores them.
const (
	ListType     = "type"
	ListLocation = "location"
	ListSource   = "source"
)

// Raiser kinds on the concern form.
const (
	RaisedByMe    = "me"    // the member of staff recording the concern raised it
	RaisedByOther = "other" // someone else, named with their relationship or organisation
)

// NewConcern is a concern as raised.
type NewConcern struct {
	RaisedBy     string // RaisedByMe or RaisedByOther
	Name         string // who raised it, when RaisedByOther
	Relationship string // their relationship to the person, when RaisedByOther
	Organisation string // their organisation, when RaisedByOther
	ReceivedAt   time.Time
	WhatHappened string
	Immediate    string // what was done at once to keep the person safe
	Types        []string
	Locations    []string
	Sources      []string
	Alleged      Alleged // the person alleged to have caused the harm, seen only by the safeguarding roles
}

// Normalise trims what was typed and drops repeated choices.
func (c *NewConcern) Normalise() {
	for _, s := range []*string{&c.RaisedBy, &c.Name, &c.Relationship, &c.Organisation, &c.WhatHappened, &c.Immediate} {
		*s = strings.TrimSpace(*s)
	}
	c.Types, c.Locations, c.Sources = unique(c.Types), unique(c.Locations), unique(c.Sources)
	c.Alleged.Normalise()
}

// Alleged is the person alleged to have caused the harm, as recorded on a concern: only staff in the council's
// safeguarding roles ever see it (SeesAlleged).
type Alleged struct {
	// Someone is Yes when someone is alleged to have caused the harm, No when nobody is (self-neglect, say), and ""
	// on a concern recorded before the question was asked.
	Someone      Answer
	Name         string // blank when not known
	Relationship string // to the adult, or how the adult knows them ("stranger")
	Trust        Answer // in a position of trust: Yes, No or NotKnown
	AtRisk       Answer // themselves an adult at risk: Yes, No or NotKnown
}

// Normalise trims what was typed and clears the details when nobody is alleged.
func (a *Alleged) Normalise() {
	a.Name, a.Relationship = strings.TrimSpace(a.Name), strings.TrimSpace(a.Relationship)
	if a.Someone != Yes {
		a.Name, a.Relationship, a.Trust, a.AtRisk = "", "", "", ""
	}
}

// Validate checks the person alleged to have caused the harm, as the form asks: whether there is someone; when
// there is, their relationship to the adult (their name only where known), whether they are in a position of trust
// and whether they are themselves an adult at risk.
func (a Alleged) Validate() validation.Problems {
	var ps validation.Problems
	switch a.Someone {
	case No:
		return nil
	case Yes:
	default:
		return validation.Problems{{Field: "alleged", Message: "Select whether anyone is alleged to have caused the harm"}}
	}
	if utf8.RuneCountInString(a.Name) > 200 {
		ps.Append("alleged_name", "Their name must be 200 characters or less")
	}
	switch {
	case a.Relationship == "":
		ps.Append("alleged_relationship", "Enter their relationship to the person, or “stranger”")
	case utf8.RuneCountInString(a.Relationship) > 200:
		ps.Append("alleged_relationship", "Their relationship must be 200 characters or less")
	}
	if !a.Trust.known() {
		ps.Append("alleged_trust", "Select whether they are in a position of trust")
	}
	if !a.AtRisk.known() {
		ps.Append("alleged_at_risk", "Select whether they are themselves an adult at risk")
	}
	return ps
}

// known reports whether a is an answer to a yes, no or not known question.
func (a Answer) known() bool { return a == Yes || a == No || a == NotKnown }

// Label is a yes, no or not known answer as a person reads it.
func (a Answer) Label() string {
	switch a {
	case Yes:
		return "Yes"
	case No:
		return "No"
	case NotKnown:
		return "Not known"
	}
	return "Not recorded"
}

func unique(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// MaxText is the longest free text a safeguarding field takes.
const MaxText = 10000

// Validate checks a concern as the form asks for it, in the form's order. now is the time it is recorded.
func (c NewConcern) Validate(now time.Time) validation.Problems {
	var ps validation.Problems
	switch c.RaisedBy {
	case RaisedByMe:
	case RaisedByOther:
		if c.Name == "" {
			ps.Append("raiser_name", "Enter the name of the person who raised the concern")
		}
		if c.Relationship == "" && c.Organisation == "" {
			ps.Append("raiser_relationship", "Enter their relationship to the person or their organisation")
		}
	default:
		ps.Append("raised_by", "Select who raised the concern")
	}
	switch {
	case c.ReceivedAt.IsZero():
		ps.Append("received_at", "Enter the date and time the concern was received")
	case c.ReceivedAt.After(now.Add(time.Minute)):
		ps.Append("received_at", "The date and time the concern was received must be in the past")
	}
	if c.WhatHappened == "" {
		ps.Append("what_happened", "Describe what happened")
	} else if utf8.RuneCountInString(c.WhatHappened) > MaxText {
		ps.Append("what_happened", fmt.Sprintf("What happened must be %d characters or less", MaxText))
	}
	if utf8.RuneCountInString(c.Immediate) > MaxText {
		ps.Append("immediate_actions", fmt.Sprintf("What was done must be %d characters or less", MaxText))
	}
	checkCodes := func(field string, values []string, list codelists.List, none string) {
		if len(values) == 0 {
			ps.Append(field, none)
			return
		}
		for _, v := range values {
			if !list.Has(v) {
				ps.Append(field, "Select from the list")
				return
			}
		}
	}
	checkCodes("types", c.Types, codelists.SafeguardingRiskType, "Select at least one type of abuse or neglect")
	checkCodes("locations", c.Locations, codelists.SafeguardingLocation, "Select where the risk is")
	checkCodes("sources", c.Sources, codelists.SafeguardingSource, "Select who or what the risk is from")
	return append(ps, c.Alleged.Validate()...)
}

// DecisionDue is when the section 42 decision falls due: days after the concern was received. Days below one are
// taken as one, so a decision is never due before the concern arrived.
func DecisionDue(received time.Time, days int) time.Time {
	return received.AddDate(0, 0, max(days, 1))
}

// Answer is a yes or no to one of the section 42 criteria.
type Answer string

// The answers. NotKnown answers only the questions about the person alleged to have caused harm; the section 42
// criteria are yes or no.
const (
	Yes      Answer = "yes"
	No       Answer = "no"
	NotKnown Answer = "not_known"
)

// Criterion is one of the three section 42 criteria as decided, with the reason.
type Criterion struct {
	Met    Answer
	Reason string
}

// Result is what the section 42 decision led to.
type Result string

// The results. Section42 follows by rule when all three criteria are met; otherwise the decision-maker chooses
// Other (an enquiry under the council's power) or None (no enquiry, saying what happens instead).
const (
	Section42 Result = "section42"
	Other     Result = "other"
	None      Result = "none"
)

// Label is the result as a person reads it.
func (r Result) Label() string {
	switch r {
	case Section42:
		return "Section 42 enquiry"
	case Other:
		return "Other safeguarding enquiry"
	case None:
		return "No enquiry"
	}
	return "Not decided"
}

// Enquires reports whether the result starts an enquiry.
func (r Result) Enquires() bool { return r == Section42 || r == Other }

// Criteria names the three criteria of section 42(1) in the order of the Act (standards.md §5.1), with the field
// names the form uses.
var Criteria = []struct{ Field, Question, Hint, About string }{
	{"needs", "Does the adult have needs for care and support?", "Whether or not the council is meeting any of them.", "care and support needs"},
	{"abuse", "Is the adult experiencing, or at risk of, abuse or neglect?", "Abuse includes financial abuse.", "abuse or neglect"},
	{"unable", "As a result of those needs, is the adult unable to protect themselves against the abuse or neglect or the risk of it?", "",
		"whether they can protect themselves"},
}

// Decision is the section 42 decision as made.
type Decision struct {
	Needs, Abuse, Unable Criterion
	// Choice is the decision-maker's choice when not every criterion is met: Other or None. It is ignored when all
	// three are met, because the duty then applies.
	Choice Result
	// Reason is why the council uses its power for an Other enquiry, or what happens instead when there is None.
	Reason string
	// LeadStaffID is the lead enquirer when the result starts an enquiry.
	LeadStaffID string
}

// Normalise trims what was typed.
func (d *Decision) Normalise() {
	for _, s := range []*string{&d.Needs.Reason, &d.Abuse.Reason, &d.Unable.Reason, &d.Reason, &d.LeadStaffID} {
		*s = strings.TrimSpace(*s)
	}
}

// AllMet reports whether all three criteria are met, so that the section 42 duty applies.
func (d Decision) AllMet() bool {
	return d.Needs.Met == Yes && d.Abuse.Met == Yes && d.Unable.Met == Yes
}

// Result is what the decision leads to by rule: a section 42 enquiry when all three criteria are met; otherwise
// the decision-maker's choice of an other enquiry or none; "" when that choice is missing.
func (d Decision) Result() Result {
	if d.AllMet() {
		return Section42
	}
	if d.Choice == Other || d.Choice == None {
		return d.Choice
	}
	return ""
}

// Validate checks the decision: every criterion answered yes or no with a reason; when not all are met, a choice
// of an other enquiry or none, with its reason; and a lead enquirer when an enquiry starts.
func (d Decision) Validate() validation.Problems {
	var ps validation.Problems
	for i, c := range []Criterion{d.Needs, d.Abuse, d.Unable} {
		field := Criteria[i].Field
		if c.Met != Yes && c.Met != No {
			ps.Append(field, "Select yes or no: "+Criteria[i].Question)
		}
		if c.Reason == "" {
			ps.Append(field+"_reason", "Give the reason for your answer about "+Criteria[i].About)
		}
	}
	complete := len(ps) == 0
	if complete && !d.AllMet() {
		switch d.Choice {
		case Other:
			if d.Reason == "" {
				ps.Append("reason", "Say why the council will make an enquiry under its power")
			}
		case None:
			if d.Reason == "" {
				ps.Append("reason", "Say what will happen instead of an enquiry")
			}
		default:
			ps.Append("choice", "Not all three criteria are met: select an other enquiry or no enquiry")
		}
	}
	if complete && d.Result().Enquires() && d.LeadStaffID == "" {
		ps.Append("lead", "Select the lead enquirer")
	}
	return ps
}

// Involvement is someone's part in an enquiry.
type Involvement string

// The parts people take in an enquiry.
const (
	ThePerson      Involvement = "person"
	Representative Involvement = "representative"
	Family         Involvement = "family"
	Advocate       Involvement = "advocate"
	Provider       Involvement = "provider"
	Police         Involvement = "police"
	Health         Involvement = "health"
	OtherRole      Involvement = "other"
)

// Involvements lists them in the order the form offers them.
func Involvements() []Involvement {
	return []Involvement{ThePerson, Representative, Family, Advocate, Provider, Police, Health, OtherRole}
}

// Label is the part as a person reads it.
func (i Involvement) Label() string {
	switch i {
	case ThePerson:
		return "The person"
	case Representative:
		return "Their representative"
	case Family:
		return "Family or friend"
	case Advocate:
		return "Independent advocate"
	case Provider:
		return "Care provider"
	case Police:
		return "Police"
	case Health:
		return "Health"
	case OtherRole:
		return "Other"
	}
	return string(i)
}

// Involved is someone involved in an enquiry.
type Involved struct {
	ID     string
	Name   string
	Role   Involvement
	Detail string // their organisation or relationship
}

// Validate checks a person involved.
func (in Involved) Validate() validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(in.Name) == "" {
		ps.Append("name", "Enter their name")
	}
	if !slices.Contains(Involvements(), in.Role) {
		ps.Append("role", "Select their part in the enquiry")
	}
	return ps
}

// Step is one dated step of an enquiry.
type Step struct {
	ID      string
	On      sqldb.Date
	What    string
	By      string // who did it, as a name
	StaffID string // who recorded it
}

// Validate checks a step against the enquiry: the person's desired outcomes must have been asked about first
// (Making Safeguarding Personal), and the step falls between the enquiry's start and today.
func (s Step) Validate(e Enquiry, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if e.MSPAsked == "" {
		ps.Append("msp_asked", "Record whether the person was asked what outcomes they want before the first step")
	}
	switch {
	case s.On.IsZero():
		ps.Append("taken_on", "Enter the date of the step")
	case s.On.After(today.Time):
		ps.Append("taken_on", "The date of the step must be today or in the past")
	case s.On.Before(e.StartedOn.Time):
		ps.Append("taken_on", "The date of the step must be on or after the enquiry started, "+e.StartedOn.Format("2 January 2006"))
	}
	if strings.TrimSpace(s.What) == "" {
		ps.Append("what", "Say what was done")
	}
	if strings.TrimSpace(s.By) == "" {
		ps.Append("by", "Say who did it")
	}
	return ps
}

// MSPStart is Making Safeguarding Personal at the start of an enquiry: was the person (or their representative)
// asked what outcomes they want (the SG4a values), and when they were, each outcome in their words.
type MSPStart struct {
	Asked    string
	Outcomes []string
}

// Normalise trims each outcome and drops empty rows.
func (m *MSPStart) Normalise() {
	var out []string
	for _, o := range m.Outcomes {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	m.Outcomes = out
}

// Validate checks the start: an SG4a answer; at least one outcome when outcomes were expressed, and none
// otherwise.
func (m MSPStart) Validate() validation.Problems {
	var ps validation.Problems
	if !codelists.MSPAsked.Has(m.Asked) {
		return validation.Problems{{Field: "msp_asked", Message: "Select whether the person was asked what outcomes they want"}}
	}
	switch {
	case m.Asked == codelists.MSPAskedExpressed && len(m.Outcomes) == 0:
		ps.Append("outcomes", "Enter at least one outcome the person wants, in their words")
	case m.Asked != codelists.MSPAskedExpressed && len(m.Outcomes) > 0:
		ps.Append("outcomes", "Record outcomes only when the person expressed them")
	}
	for _, o := range m.Outcomes {
		if utf8.RuneCountInString(o) > 2000 {
			ps.Append("outcomes", "Each outcome must be 2000 characters or less")
			break
		}
	}
	return ps
}

// DesiredOutcome is one outcome the person wants from the enquiry, in their words, and at the end whether it was
// achieved (codelists.MSPAchieved).
type DesiredOutcome struct {
	ID       string
	Words    string
	Achieved string
}

// Closing is how an enquiry ends.
type Closing struct {
	On           sqldb.Date
	Achieved     map[string]string // by desired outcome ID: codelists.MSPAchieved
	ActionResult string            // codelists.SafeguardingActionResult
	RiskOutcome  string            // codelists.SafeguardingRiskOutcome, when a risk was identified and action taken
	RiskReason   string
	Capacity     string // codelists.SafeguardingCapacity
	Note         string
}

// AchievedField is the form field for a desired outcome's achievement.
func AchievedField(outcomeID string) string { return "achieved-" + outcomeID }

// Validate checks the closing against the enquiry: Making Safeguarding Personal asked at the start; every desired
// outcome rated Fully, Partially or Not achieved; the SG2c action and result; the risk outcome, with reasons, when
// (and only when) a risk was identified and action taken; the SG3a capacity; and a date between the start and today.
func (c Closing) Validate(e Enquiry, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if e.MSPAsked == "" {
		ps.Append("msp_asked", "Record whether the person was asked what outcomes they want before closing the enquiry")
	}
	switch {
	case c.On.IsZero():
		ps.Append("closed_on", "Enter the date the enquiry closed")
	case c.On.After(today.Time):
		ps.Append("closed_on", "The date the enquiry closed must be today or in the past")
	case c.On.Before(e.StartedOn.Time):
		ps.Append("closed_on", "The date the enquiry closed must be on or after it started, "+e.StartedOn.Format("2 January 2006"))
	}
	for _, o := range e.Outcomes {
		if !codelists.MSPAchieved.Has(c.Achieved[o.ID]) {
			ps.Append(AchievedField(o.ID), "Select whether “"+short(o.Words)+"” was fully, partially or not achieved")
		}
	}
	if !codelists.SafeguardingActionResult.Has(c.ActionResult) {
		ps.Append("action_result", "Select what was found and whether action was taken")
	}
	if c.ActionResult == codelists.RiskIdentifiedActionTaken {
		if !codelists.SafeguardingRiskOutcome.Has(c.RiskOutcome) {
			ps.Append("risk_outcome", "Select whether the risk was removed, reduced or remained")
		}
		if strings.TrimSpace(c.RiskReason) == "" {
			ps.Append("risk_reason", "Give the reasons for the risk outcome")
		}
	} else if c.RiskOutcome != "" {
		ps.Append("risk_outcome", "Record a risk outcome only when a risk was identified and action taken")
	}
	if !codelists.SafeguardingCapacity.Has(c.Capacity) {
		ps.Append("capacity", "Select whether the person lacked capacity to make decisions about the enquiry")
	}
	return ps
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// Overall is the enquiry's Making Safeguarding Personal result as the SAC counts it: of the outcomes the person
// expressed, Fully Achieved when every one was, Not Achieved when none was even partly, and Partially Achieved
// otherwise; "" when there are none or any is unrated.
func Overall(achieved []string) string {
	if len(achieved) == 0 {
		return ""
	}
	fully, not := 0, 0
	for _, a := range achieved {
		switch a {
		case "Fully Achieved":
			fully++
		case "Not Achieved":
			not++
		case "Partially Achieved":
		default:
			return ""
		}
	}
	switch {
	case fully == len(achieved):
		return "Fully Achieved"
	case not == len(achieved):
		return "Not Achieved"
	}
	return "Partially Achieved"
}

// Asked says whether an SG4a answer (codelists.MSPAsked) is that the person, or their representative, was asked
// what outcomes they wanted, whether or not they expressed any.
func Asked(msp string) bool { return strings.HasPrefix(msp, "Yes") }

// RiskIdentified says whether an SG2c action and result (codelists.SafeguardingActionResult) found a risk, whether
// or not action was taken: the enquiries ASCOF 4B counts (standards.md §2, §5.3).
func RiskIdentified(actionResult string) bool {
	return strings.HasPrefix(actionResult, "Risk identified")
}

// RiskReducedOrRemoved says whether an SG2e risk outcome (codelists.SafeguardingRiskOutcome) is that the risk was
// reduced or removed; "Risk remained", or none recorded, is not.
func RiskReducedOrRemoved(riskOutcome string) bool {
	return riskOutcome == "Risk reduced" || riskOutcome == "Risk removed"
}

// FinancialYearToDate is the summary's default period: from 1 April of the UK financial year today is in, to today.
func FinancialYearToDate(today sqldb.Date) (from, to sqldb.Date) {
	y := today.Year()
	if today.Month() < time.April {
		y--
	}
	return sqldb.NewDate(time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)), today
}

// The legitimate relationships a member of staff may have with a person's safeguarding records, as the access log
// gives them for the reason.
const (
	// RelationshipRole: the member of staff holds one of the council's safeguarding roles, which is their
	// legitimate relationship with every person's safeguarding records.
	RelationshipRole = "safeguarding role"
	// RelationshipLead: a practitioner the council lets lead enquiries leads this concern's enquiry.
	RelationshipLead = "leads the safeguarding enquiry"
)

// RelationshipOf is the member of staff's legitimate relationship with a concern's records, "" for none (then the
// concern does not exist for them): RelationshipRole for staff in the council's safeguarding roles; otherwise
// RelationshipLead for the lead enquirer of the concern's enquiry (leadStaffID, "" when none has started) when
// the council lets their role lead enquiries.
func RelationshipOf(set councils.Settings, staff councils.Staff, leadStaffID string) string {
	switch {
	case staff.ID == "":
		return ""
	case set.SeesSafeguarding(staff.Role):
		return RelationshipRole
	case leadStaffID == staff.ID && set.LeadsEnquiries(staff.Role):
		return RelationshipLead
	}
	return ""
}

// SeesAlleged reports whether the member of staff may see who is alleged to have caused harm: only staff in the
// council's safeguarding roles, never a lead enquirer or the raiser outside them.
func SeesAlleged(set councils.Settings, staff councils.Staff) bool {
	return RelationshipOf(set, staff, "") == RelationshipRole
}

// LookedAtBy is who the raiser of a concern is told is looking at it: the lead enquirer once an enquiry has
// started, the member of staff who made the section 42 decision once it is made, and until then the council's
// safeguarding team, named by its roles.
func LookedAtBy(leadName, decidedByName string, roles councils.RoleSet) string {
	switch {
	case leadName != "":
		return leadName + ", the lead enquirer"
	case decidedByName != "":
		return decidedByName
	}
	var labels []string
	for _, r := range roles.Roles() {
		labels = append(labels, r.Label())
	}
	if len(labels) == 0 {
		return "The safeguarding team"
	}
	return "The safeguarding team: " + strings.Join(labels, ", ")
}
