// Package cld builds the DHSC Adult Social Care Client Level Data (CLD) return from the record: one row per
// Request, Assessment, Service or Review event of one person, over a rolling 12-month reporting period, in the
// specification's fields and order (standards.md §1.2 to §1.4), and checks every row against the specification's
// code lists and rules before anything is written (Check), so that a council sends DHSC a file its validation
// accepts and knows which records to fix when it would not.
//
// The return is identifiable, as the specification asks (standards.md §1.6): councils send the NHS number, their own
// person ID (always, since NHS numbers are missing more often for some groups), the date of birth and the postcode
// as they are, and NHS England pseudonymises them centrally after the file is received. So nothing here hashes or
// masks them; the file is personal data and is handled as such, and every person in it is in the access log.
//
// The code lists are codelists' own: this package holds no second copy. Each mapping from a value the record holds
// to a CLD value is one function in mapping.go, with the reason for it.
package cld

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The event types (standards.md §1.2 "Event_Type").
const (
	Request    = "Request"
	Assessment = "Assessment"
	Service    = "Service"
	Review     = "Review"
)

// EventTypes is the defined list for Event_Type.
var EventTypes = []string{Request, Assessment, Service, Review}

// Row is one line of the return: one event of one person, with the submission's and the person's fields repeated
// on every line, as the specification lays the file out (standards.md §1.1 "File format"). The fields are in the
// order of standards.md §1.3, module by module; Fields names them for the header line and Values gives them in the
// same order. A field the record does not hold is left blank rather than guessed.
type Row struct {
	// Submission
	LACode                   string
	ReportingPeriodStartDate string
	ReportingPeriodEndDate   string

	// Person
	NHSNumber                string
	LAPersonUniqueIdentifier string
	GPPracticeCode           string
	Gender                   string
	Ethnicity                string
	DateOfBirth              string
	DateOfDeath              string
	ClientType               string
	PrimarySupportReason     string
	Postcode                 string
	AccommodationStatus      string
	EmploymentStatus         string
	HasUnpaidCarer           string
	AutismSpectrumDisorder   string
	VisualImpairment         string
	HearingImpairment        string
	Dementia                 string
	ClientFundingStatus      string

	// Events (all)
	EventType        string
	EventReference   string
	EventStartDate   string
	EventEndDate     string
	EventDescription string
	EventOutcome     string

	// Requests
	RequestRouteOfAccess string

	// Assessments
	AssessmentType          string
	EligibleNeedsIdentified string
	MethodOfAssessment      string

	// Carers
	TotalHoursCaringPerWeek string
	AdultsBeingCaredFor     string
	Adult1LinkedPersonID    string
	Adult2LinkedPersonID    string
	Adult3LinkedPersonID    string

	// Services
	ServiceType           string
	ServiceComponent      string
	DeliveryMechanism     string
	ProviderCQCLocationID string

	// Reviews
	ReviewReason           string
	ReviewOutcomesAchieved string
	MethodOfReview         string

	// Costs (services)
	UnitCost              string
	CostFrequencyUnitType string
	PlannedUnitsPerWeek   string

	// EpisodeID is the episode the event belongs to, for the link to the record to fix. It is not exported.
	EpisodeID string
}

// Fields is the header line: the specification's field names in the order of standards.md §1.3.
var Fields = []string{
	"LA_Code", "Reporting_Period_Start_Date", "Reporting_Period_End_Date",
	"NHS_Number", "LA_Person_Unique_Identifier", "GP_Practice_Code", "Gender", "Ethnicity", "Date_of_Birth",
	"Date_of_Death", "Client_Type", "Primary_Support_Reason", "Postcode", "Accommodation_Status", "Employment_Status",
	"Has_Unpaid_Carer", "Autism_Spectrum_Disorder_ASD", "Visual_Impairment", "Hearing_Impairment", "Dementia",
	"Client_Funding_Status",
	"Event_Type", "Event_Reference", "Event_Start_Date", "Event_End_Date", "Event_Description", "Event_Outcome",
	"Request_Route_of_Access",
	"Assessment_Type", "Eligible_Needs_Identified", "Method_of_Assessment",
	"Total_Hrs_Caring_per_week", "No_of_adults_being_cared_for", "Adult_1_Linked_Person_ID",
	"Adult_2_Linked_Person_ID", "Adult_3_Linked_Person_ID",
	"Service_Type", "Service_Component", "Delivery_Mechanism", "Provider_CQC_Location_ID",
	"Review_Reason", "Review_Outcomes_Achieved", "Method_of_Review",
	"Unit_Cost", "Cost_Frequency_Unit_Type", "Planned_units_per_week",
}

// Values is the row's fields in the order of Fields.
func (r Row) Values() []string {
	return []string{
		r.LACode, r.ReportingPeriodStartDate, r.ReportingPeriodEndDate,
		r.NHSNumber, r.LAPersonUniqueIdentifier, r.GPPracticeCode, r.Gender, r.Ethnicity, r.DateOfBirth,
		r.DateOfDeath, r.ClientType, r.PrimarySupportReason, r.Postcode, r.AccommodationStatus, r.EmploymentStatus,
		r.HasUnpaidCarer, r.AutismSpectrumDisorder, r.VisualImpairment, r.HearingImpairment, r.Dementia,
		r.ClientFundingStatus,
		r.EventType, r.EventReference, r.EventStartDate, r.EventEndDate, r.EventDescription, r.EventOutcome,
		r.RequestRouteOfAccess,
		r.AssessmentType, r.EligibleNeedsIdentified, r.MethodOfAssessment,
		r.TotalHoursCaringPerWeek, r.AdultsBeingCaredFor, r.Adult1LinkedPersonID,
		r.Adult2LinkedPersonID, r.Adult3LinkedPersonID,
		r.ServiceType, r.ServiceComponent, r.DeliveryMechanism, r.ProviderCQCLocationID,
		r.ReviewReason, r.ReviewOutcomesAchieved, r.MethodOfReview,
		r.UnitCost, r.CostFrequencyUnitType, r.PlannedUnitsPerWeek,
	}
}

// Period is a return's reporting period: the rolling 12 months ending at the end of a calendar quarter
// (standards.md §1.1 "Frequency"). Both dates are inside the period.
type Period struct {
	Quarter    string // such as "2026-Q3"
	Start, End sqldb.Date
	// lookback, when set, widens the read for the derivations (Derive): every service that ended on or after it, and
	// every request of an episode that had not ended before Start, whenever the request itself ended.
	lookback sqldb.Date
}

// servicesStart is the first day a service read for the period may end on.
func (p Period) servicesStart() sqldb.Date {
	if p.lookback.IsZero() {
		return p.Start
	}
	return p.lookback
}

// keeps says whether an event read for the period belongs to it: DHSC's rule (inPeriod), widened by lookback.
func (p Period) keeps(eventType string, start, end sqldb.Date) bool {
	switch {
	case p.lookback.IsZero():
		return inPeriod(eventType, start, end, p)
	case eventType == Service:
		return inPeriod(eventType, start, end, Period{Start: p.lookback, End: p.End})
	case eventType == Request:
		return !end.IsZero() && !end.After(p.End.Time)
	}
	return inPeriod(eventType, start, end, p)
}

var quarterPattern = regexp.MustCompile(`^([0-9]{4})-Q([1-4])$`)

// ParseQuarter reads a quarter written as YEAR-Qn, such as 2026-Q3, and returns the 12 months ending on its last
// day: 2026-Q3 is 1 October 2025 to 30 September 2026. Quarters are calendar quarters (Q1 is January to March).
func ParseQuarter(s string) (Period, error) {
	m := quarterPattern.FindStringSubmatch(s)
	if m == nil {
		return Period{}, fmt.Errorf("quarter %q must be a year and a quarter, like 2026-Q3", s)
	}
	year, err := strconv.Atoi(m[1])
	if err != nil {
		return Period{}, fmt.Errorf("quarter %q: %w", s, err)
	}
	q, err := strconv.Atoi(m[2])
	if err != nil {
		return Period{}, fmt.Errorf("quarter %q: %w", s, err)
	}
	if year < 2023 || year > 2100 {
		// CLD became mandatory on 1 April 2023 (standards.md §1.1); nothing earlier is a return.
		return Period{}, fmt.Errorf("quarter %q must be in 2023 or later, when the return began", s)
	}
	// The first day after the quarter, less a day, is its last day.
	after := time.Date(year, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
	end := after.AddDate(0, 0, -1)
	start := after.AddDate(-1, 0, 0)
	return Period{Quarter: s, Start: sqldb.NewDate(start), End: sqldb.NewDate(end)}, nil
}

// Contains reports whether d falls inside the period, both ends included.
func (p Period) Contains(d sqldb.Date) bool {
	return !d.IsZero() && !d.Before(p.Start.Time) && !d.After(p.End.Time)
}

// SpansTwelveMonths reports whether start to end is exactly 12 months, both ends included, as the specification
// asks of Reporting_Period_Start_Date and Reporting_Period_End_Date (standards.md §1.3).
func SpansTwelveMonths(start, end sqldb.Date) bool {
	if start.IsZero() || end.IsZero() {
		return false
	}
	return start.AddDate(1, 0, 0).Equal(end.AddDate(0, 0, 1))
}

// Label is the period as a person reads it: "1 October 2025 to 30 September 2026".
func (p Period) Label() string {
	return p.Start.Format("2 January 2006") + " to " + p.End.Format("2 January 2006")
}

// LastQuarter is the last calendar quarter to have ended before today, as YEAR-Qn: the return a council prepares
// now. In December 2026 it is 2026-Q3.
func LastQuarter(today sqldb.Date) string {
	year, q := today.Year(), (int(today.Month())-1)/3 // the quarter today is in, counted from 0
	if q == 0 {
		year, q = year-1, 4
	}
	return fmt.Sprintf("%d-Q%d", year, q)
}
