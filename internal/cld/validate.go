package cld

import (
	"strconv"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Rule is one of the checks a row must pass, named as the validation report names it.
type Rule string

// The rules. DHSC's data-quality procedure classes a failed value as blank when mandatory, or invalid
// (standards.md §1.3); the rest are the specification's rules about events and the period (§1.2, §1.5, §1.6).
const (
	RuleMandatory     Rule = "Mandatory field is blank"
	RuleCodeList      Rule = "Value is not in its code list"
	RuleDate          Rule = "Date is not a date (YYYY-MM-DD)"
	RulePeriod        Rule = "Reporting period does not span 12 months"
	RuleLACode        Rule = "Council code is not an ONS code"
	RuleEndBefore     Rule = "Event ends before it starts"
	RuleOpenEvent     Rule = "Only a service may be open (no end date)"
	RuleOutsidePeriod Rule = "Event does not fall in the reporting period"
	RuleNHSNumber     Rule = "NHS number fails the modulus 11 check"
	RuleBirthAfter    Rule = "Date of birth is after the event starts"
	RuleUnder18       Rule = "Service user is under 18 at the event"
	RulePrisonPayment Rule = "A direct payment cannot be used in a prison setting"
	RuleNumber        Rule = "Value is not a number of 0 or more"
)

// Rejection is one reason DHSC's validation would reject a row: the rule, the field and the value that break it,
// and the record to fix.
type Rejection struct {
	Rule           Rule
	Field          string
	Value          string
	PersonID       string
	EventType      string
	EventReference string
	// Path is the page of the record to fix: the person's page for a person's field, the episode's for an
	// event's.
	Path string
}

// Eligible_Needs_Identified's values. The reference gives the field, not its spelling (standards.md §1.3).
var yesNo = []string{"Yes", "No"}

// Check checks one row against every code list and rule of the specification, within the period the return is
// for, and returns each rejection: nothing when DHSC's validation would accept the row.
//
// Which fields are mandatory for which event type is our reading of standards.md §1.2 to §1.4: the submission's
// fields; the person's ID, gender, ethnicity, date of birth and client type on every row (the NHS number is sent when
// known, and the council's ID always, §1.6); each event's type, reference, start, outcome and (except for a running
// service) end; a request's route of access; an assessment's type, and a long-term one's eligible needs; a service's
// type, component and delivery mechanism, and the person's primary support reason; a review's reason, and its
// outcomes achieved when it was planned (the guidance says it "should be completed for planned reviews").
func Check(r Row, p Period) []Rejection {
	c := checker{row: r}
	personPath := ""
	if r.LAPersonUniqueIdentifier != "" {
		personPath = paths.Person.URL(r.LAPersonUniqueIdentifier)
	}
	eventPath := personPath
	if r.EpisodeID != "" && r.LAPersonUniqueIdentifier != "" {
		eventPath = paths.Episode.URL(r.LAPersonUniqueIdentifier, r.EpisodeID)
	}

	// Submission
	c.path = personPath
	c.mandatory("LA_Code", r.LACode)
	if r.LACode != "" && councils.ValidCode(r.LACode) != nil {
		c.reject(RuleLACode, "LA_Code", r.LACode)
	}
	start := c.date("Reporting_Period_Start_Date", r.ReportingPeriodStartDate, true)
	end := c.date("Reporting_Period_End_Date", r.ReportingPeriodEndDate, true)
	if !start.IsZero() && !end.IsZero() && !SpansTwelveMonths(start, end) {
		c.reject(RulePeriod, "Reporting_Period_End_Date", r.ReportingPeriodStartDate+" to "+r.ReportingPeriodEndDate)
	}

	// Person
	c.mandatory("LA_Person_Unique_Identifier", r.LAPersonUniqueIdentifier)
	if r.NHSNumber != "" && people.ValidNHSNumber(r.NHSNumber) != nil {
		c.reject(RuleNHSNumber, "NHS_Number", r.NHSNumber)
	}
	c.coded("Gender", r.Gender, codelists.Gender.Values(), true)
	c.coded("Ethnicity", r.Ethnicity, codelists.Ethnicity.Values(), true)
	dob := c.date("Date_of_Birth", r.DateOfBirth, true)
	c.date("Date_of_Death", r.DateOfDeath, false)
	c.coded("Client_Type", r.ClientType, codelists.ClientType.Values(), true)
	c.coded("Primary_Support_Reason", r.PrimarySupportReason, codelists.PrimarySupportReason.Values(), r.EventType == Service)
	c.coded("Accommodation_Status", r.AccommodationStatus, codelists.AccommodationStatus.Values(), false)

	// Events
	c.path = eventPath
	c.coded("Event_Type", r.EventType, EventTypes, true)
	c.mandatory("Event_Reference", r.EventReference)
	evStart := c.date("Event_Start_Date", r.EventStartDate, true)
	evEnd := c.date("Event_End_Date", r.EventEndDate, false)
	open := r.EventEndDate == ""
	if open && r.EventType != "" && r.EventType != Service {
		c.reject(RuleOpenEvent, "Event_End_Date", r.EventType)
	}
	if !evStart.IsZero() && !evEnd.IsZero() && evEnd.Before(evStart.Time) {
		c.reject(RuleEndBefore, "Event_End_Date", r.EventEndDate)
	}
	// An open event other than a service has already been refused for being open, and an unreadable end date for
	// that: each fault is reported once.
	if !evStart.IsZero() && (!evEnd.IsZero() || open && r.EventType == Service) && !inPeriod(r.EventType, evStart, evEnd, p) {
		value := r.EventEndDate
		if r.EventType == Service {
			value = r.EventStartDate + " to " + r.EventEndDate
		}
		c.reject(RuleOutsidePeriod, "Event_End_Date", value)
	}
	// A running service has no outcome yet; every other event has one.
	c.coded("Event_Outcome", r.EventOutcome, codelists.EventOutcome.Values(), !(r.EventType == Service && open))

	// The person's age at the event: at its end, or at the period's end for a running service (standards.md §1.5
	// "Age"). The return is of adults: a service user under 18 is in children's services.
	if !dob.IsZero() {
		if !evStart.IsZero() && dob.After(evStart.Time) {
			c.path = personPath
			c.reject(RuleBirthAfter, "Date_of_Birth", r.DateOfBirth)
		} else if at := ageDate(evEnd, p); r.ClientType == "Service user" && !at.IsZero() && age(dob, at) < 18 {
			c.path = personPath
			c.reject(RuleUnder18, "Date_of_Birth", r.DateOfBirth)
		}
		c.path = eventPath
	}

	// Each event type's own module; fields of another type's module are not applicable and are ignored.
	switch r.EventType {
	case Request:
		c.coded("Request_Route_of_Access", r.RequestRouteOfAccess, codelists.RouteOfAccess.Values(), true)
	case Assessment:
		c.coded("Assessment_Type", r.AssessmentType, codelists.AssessmentType.Values(), true)
		c.coded("Eligible_Needs_Identified", r.EligibleNeedsIdentified, yesNo, r.AssessmentType == "Long term assessment")
		c.coded("Method_of_Assessment", r.MethodOfAssessment, codelists.MethodOfAssessment.Values(), false)
	case Service:
		c.coded("Service_Type", r.ServiceType, codelists.ServiceType.Values(), true)
		c.coded("Service_Component", r.ServiceComponent, codelists.ServiceComponent.Values(), true)
		c.coded("Delivery_Mechanism", r.DeliveryMechanism, codelists.DeliveryMechanism.Values(), true)
		if r.DeliveryMechanism == codelists.DeliveryDirectPayment && r.ServiceType == "Long term support: Prison" {
			c.reject(RulePrisonPayment, "Delivery_Mechanism", r.DeliveryMechanism)
		}
		c.number("Unit_Cost", r.UnitCost)
		c.coded("Cost_Frequency_Unit_Type", r.CostFrequencyUnitType, codelists.CostFrequency.Values(), false)
		c.number("Planned_units_per_week", r.PlannedUnitsPerWeek)
	case Review:
		c.coded("Review_Reason", r.ReviewReason, codelists.ReviewReason.Values(), true)
		c.coded("Review_Outcomes_Achieved", r.ReviewOutcomesAchieved, codelists.ReviewOutcome.Values(), r.ReviewReason == codelists.ReviewReasonPlanned)
		c.coded("Method_of_Review", r.MethodOfReview, codelists.MethodOfAssessment.Values(), false)
	}
	return c.out
}

// ageDate is the day a person's age is taken on for an event: its end, or the period's end while it runs.
func ageDate(end sqldb.Date, p Period) sqldb.Date {
	if end.IsZero() {
		return p.End
	}
	return end
}

// age is the whole years from a date of birth to a day.
func age(dob, on sqldb.Date) int {
	years := on.Year() - dob.Year()
	if on.Month() < dob.Month() || (on.Month() == dob.Month() && on.Day() < dob.Day()) {
		years--
	}
	return years
}

// checker gathers a row's rejections, each against the record to fix.
type checker struct {
	row  Row
	path string
	out  []Rejection
}

func (c *checker) reject(rule Rule, field, value string) {
	c.out = append(c.out, Rejection{Rule: rule, Field: field, Value: value, PersonID: c.row.LAPersonUniqueIdentifier,
		EventType: c.row.EventType, EventReference: c.row.EventReference, Path: c.path})
}

func (c *checker) mandatory(field, value string) bool {
	if value == "" {
		c.reject(RuleMandatory, field, "")
		return false
	}
	return true
}

// coded checks a value against its list, character for character (standards.md "How to read this file"); a blank
// value is a rejection only where the field is mandatory.
func (c *checker) coded(field, value string, list []string, mandatory bool) {
	if value == "" {
		if mandatory {
			c.reject(RuleMandatory, field, "")
		}
		return
	}
	for _, v := range list {
		if v == value {
			return
		}
	}
	c.reject(RuleCodeList, field, value)
}

// date reads a date field; a blank one is a rejection only where the field is mandatory.
func (c *checker) date(field, value string, mandatory bool) sqldb.Date {
	if value == "" {
		if mandatory {
			c.reject(RuleMandatory, field, "")
		}
		return sqldb.Date{}
	}
	d, err := sqldb.ParseDate(value)
	if err != nil {
		c.reject(RuleDate, field, value)
		return sqldb.Date{}
	}
	return d
}

// number checks a number field that may be blank.
func (c *checker) number(field, value string) {
	if value == "" {
		return
	}
	if n, err := strconv.ParseFloat(value, 64); err != nil || n < 0 {
		c.reject(RuleNumber, field, value)
	}
}
