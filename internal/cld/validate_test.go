package cld_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/cld"
)

// The rows below are synthetic, built by hand: the NHS number is from the 999 range kept for test data.

func period(t *testing.T) cld.Period {
	t.Helper()
	p, err := cld.ParseQuarter("2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// person is a clean person's fields on a row of any event type.
func person(r cld.Row) cld.Row {
	r.LACode, r.ReportingPeriodStartDate, r.ReportingPeriodEndDate = "E06000901", "2025-10-01", "2026-09-30"
	r.NHSNumber, r.LAPersonUniqueIdentifier = "9990000018", "person-1"
	r.Gender, r.Ethnicity, r.DateOfBirth = "Female", "White: Irish", "1950-03-02"
	r.ClientType, r.PrimarySupportReason = "Service user", "Physical Support: Personal care support"
	r.AccommodationStatus, r.Postcode = "Owner occupier or shared ownership scheme", "ZZ99 1AA"
	r.EpisodeID = "episode-1"
	return r
}

func cleanRequest() cld.Row {
	return person(cld.Row{EventType: cld.Request, EventReference: "contact-1", EventStartDate: "2026-01-05",
		EventEndDate: "2026-01-12", EventOutcome: "Progress to assessment, review or reassessment",
		RequestRouteOfAccess: "Community / Other route"})
}

func cleanAssessment() cld.Row {
	return person(cld.Row{EventType: cld.Assessment, EventReference: "eligibility-1", EventStartDate: "2026-01-12",
		EventEndDate: "2026-02-01", EventOutcome: "Progress to support planning or services",
		AssessmentType: "Long term assessment", EligibleNeedsIdentified: "Yes", MethodOfAssessment: "Service user only"})
}

func cleanService() cld.Row {
	return person(cld.Row{EventType: cld.Service, EventReference: "service-1", EventStartDate: "2026-02-10",
		ServiceType: "Long term support: Community", ServiceComponent: "Home support or domiciliary care",
		DeliveryMechanism: "CASSR commissioned support", UnitCost: "21.50", CostFrequencyUnitType: "hourly",
		PlannedUnitsPerWeek: "10"})
}

func cleanReview() cld.Row {
	return person(cld.Row{EventType: cld.Review, EventReference: "review-1", EventStartDate: "2026-08-03",
		EventEndDate: "2026-08-03", EventOutcome: "Continuation of support or services", ReviewReason: "Planned",
		ReviewOutcomesAchieved: "Partially Met", MethodOfReview: "Service user and carer"})
}

func TestCleanRowsPass(t *testing.T) {
	t.Parallel()
	p := period(t)
	ended := cleanService()
	ended.EventEndDate, ended.EventOutcome = "2026-09-30", "NFA: Support ended as planned"
	for name, r := range map[string]cld.Row{"request": cleanRequest(), "assessment": cleanAssessment(),
		"running service": cleanService(), "ended service": ended, "review": cleanReview()} {
		if got := cld.Check(r, p); len(got) != 0 {
			t.Errorf("clean %s: %+v", name, got)
		}
	}
}

// TestEachRuleOnce breaks each rule once, on an otherwise clean row, and expects exactly that rejection.
func TestEachRuleOnce(t *testing.T) {
	t.Parallel()
	p := period(t)
	tests := []struct {
		name   string
		row    func() cld.Row
		mutate func(r *cld.Row)
		rule   cld.Rule
		field  string
	}{
		{"no council code", cleanService, func(r *cld.Row) { r.LACode = "" }, cld.RuleMandatory, "LA_Code"},
		{"a council code that is not ONS", cleanService, func(r *cld.Row) { r.LACode = "XYZ" }, cld.RuleLACode, "LA_Code"},
		{"a period of 13 months", cleanService, func(r *cld.Row) { r.ReportingPeriodStartDate = "2025-09-01" }, cld.RulePeriod, "Reporting_Period_End_Date"},
		{"a period end that is not a date", cleanService, func(r *cld.Row) { r.ReportingPeriodEndDate = "30/09/2026" }, cld.RuleDate, "Reporting_Period_End_Date"},
		{"an NHS number failing modulus 11", cleanService, func(r *cld.Row) { r.NHSNumber = "9990000019" }, cld.RuleNHSNumber, "NHS_Number"},
		{"no person ID", cleanService, func(r *cld.Row) { r.LAPersonUniqueIdentifier = "" }, cld.RuleMandatory, "LA_Person_Unique_Identifier"},
		{"a gender not in the list", cleanService, func(r *cld.Row) { r.Gender = "M" }, cld.RuleCodeList, "Gender"},
		{"a Release 1 ethnicity", cleanService, func(r *cld.Row) { r.Ethnicity = "White - Irish" }, cld.RuleCodeList, "Ethnicity"},
		{"no date of birth", cleanService, func(r *cld.Row) { r.DateOfBirth = "" }, cld.RuleMandatory, "Date_of_Birth"},
		{"a Release 1 client type", cleanService, func(r *cld.Row) { r.ClientType = "Service User" }, cld.RuleCodeList, "Client_Type"},
		{"a service with no primary support reason", cleanService, func(r *cld.Row) { r.PrimarySupportReason = "" }, cld.RuleMandatory, "Primary_Support_Reason"},
		{"a Release 1 accommodation status", cleanService, func(r *cld.Row) { r.AccommodationStatus = "Rough sleeper / squatting" }, cld.RuleCodeList, "Accommodation_Status"},
		{"an event type not in the list", cleanRequest, func(r *cld.Row) { r.EventType = "Referral" }, cld.RuleCodeList, "Event_Type"},
		{"no event reference", cleanRequest, func(r *cld.Row) { r.EventReference = "" }, cld.RuleMandatory, "Event_Reference"},
		{"no event start", cleanRequest, func(r *cld.Row) { r.EventStartDate = "" }, cld.RuleMandatory, "Event_Start_Date"},
		{"an event start that is not a date", cleanRequest, func(r *cld.Row) { r.EventStartDate = "2026-13-01" }, cld.RuleDate, "Event_Start_Date"},
		{"an end before the start", cleanRequest, func(r *cld.Row) { r.EventEndDate = "2026-01-01" }, cld.RuleEndBefore, "Event_End_Date"},
		{"an open request", cleanRequest, func(r *cld.Row) { r.EventEndDate = "" }, cld.RuleOpenEvent, "Event_End_Date"},
		{"an open review", cleanReview, func(r *cld.Row) { r.EventEndDate = "" }, cld.RuleOpenEvent, "Event_End_Date"},
		{"a request completed before the period", cleanRequest, func(r *cld.Row) { r.EventStartDate, r.EventEndDate = "2025-09-01", "2025-09-20" }, cld.RuleOutsidePeriod, "Event_End_Date"},
		{"a service ended before the period", cleanService, func(r *cld.Row) {
			r.EventStartDate, r.EventEndDate, r.EventOutcome = "2024-01-01", "2025-06-01", "NFA: Support ended as planned"
		}, cld.RuleOutsidePeriod, "Event_End_Date"},
		{"a Release 1 event outcome", cleanRequest, func(r *cld.Row) { r.EventOutcome = "NFA - Deceased" }, cld.RuleCodeList, "Event_Outcome"},
		{"a request with no outcome", cleanRequest, func(r *cld.Row) { r.EventOutcome = "" }, cld.RuleMandatory, "Event_Outcome"},
		{"an ended service with no outcome", cleanService, func(r *cld.Row) { r.EventEndDate = "2026-05-01" }, cld.RuleMandatory, "Event_Outcome"},
		{"born after the event", cleanRequest, func(r *cld.Row) { r.DateOfBirth = "2026-02-01" }, cld.RuleBirthAfter, "Date_of_Birth"},
		{"a service user under 18", cleanService, func(r *cld.Row) { r.DateOfBirth = "2010-05-01" }, cld.RuleUnder18, "Date_of_Birth"},
		{"a request with no route of access", cleanRequest, func(r *cld.Row) { r.RequestRouteOfAccess = "" }, cld.RuleMandatory, "Request_Route_of_Access"},
		{"a route of access misspelt", cleanRequest, func(r *cld.Row) { r.RequestRouteOfAccess = "Community/Other route" }, cld.RuleCodeList, "Request_Route_of_Access"},
		{"an assessment with no type", cleanAssessment, func(r *cld.Row) { r.AssessmentType = "" }, cld.RuleMandatory, "Assessment_Type"},
		{"a long-term assessment with no eligible needs", cleanAssessment, func(r *cld.Row) { r.EligibleNeedsIdentified = "" }, cld.RuleMandatory, "Eligible_Needs_Identified"},
		{"eligible needs not yes or no", cleanAssessment, func(r *cld.Row) { r.EligibleNeedsIdentified = "Y" }, cld.RuleCodeList, "Eligible_Needs_Identified"},
		{"a method of assessment not in the list", cleanAssessment, func(r *cld.Row) { r.MethodOfAssessment = "Person only" }, cld.RuleCodeList, "Method_of_Assessment"},
		{"a service with no type", cleanService, func(r *cld.Row) { r.ServiceType = "" }, cld.RuleMandatory, "Service_Type"},
		{"a V5 service component", cleanService, func(r *cld.Row) { r.ServiceComponent = "Home Support" }, cld.RuleCodeList, "Service_Component"},
		{"a service with no delivery mechanism", cleanService, func(r *cld.Row) { r.DeliveryMechanism = "" }, cld.RuleMandatory, "Delivery_Mechanism"},
		{"a direct payment in prison", cleanService, func(r *cld.Row) {
			r.ServiceType, r.DeliveryMechanism = "Long term support: Prison", "Direct payment"
		}, cld.RulePrisonPayment, "Delivery_Mechanism"},
		{"a negative unit cost", cleanService, func(r *cld.Row) { r.UnitCost = "-5.00" }, cld.RuleNumber, "Unit_Cost"},
		{"planned units that are not a number", cleanService, func(r *cld.Row) { r.PlannedUnitsPerWeek = "ten" }, cld.RuleNumber, "Planned_units_per_week"},
		{"a cost frequency not in the list", cleanService, func(r *cld.Row) { r.CostFrequencyUnitType = "Weekly" }, cld.RuleCodeList, "Cost_Frequency_Unit_Type"},
		{"a review with no reason", cleanReview, func(r *cld.Row) { r.ReviewReason = "" }, cld.RuleMandatory, "Review_Reason"},
		{"a planned review with no outcomes achieved", cleanReview, func(r *cld.Row) { r.ReviewOutcomesAchieved = "" }, cld.RuleMandatory, "Review_Outcomes_Achieved"},
		{"outcomes achieved misspelt", cleanReview, func(r *cld.Row) { r.ReviewOutcomesAchieved = "Fully met" }, cld.RuleCodeList, "Review_Outcomes_Achieved"},
		{"a method of review not in the list", cleanReview, func(r *cld.Row) { r.MethodOfReview = "Carer" }, cld.RuleCodeList, "Method_of_Review"},
	}
	seen := map[cld.Rule]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.row()
			tt.mutate(&r)
			got := cld.Check(r, p)
			if len(got) != 1 {
				t.Fatalf("want exactly one rejection (%s on %s), got %d: %+v", tt.rule, tt.field, len(got), got)
			}
			if got[0].Rule != tt.rule || got[0].Field != tt.field {
				t.Errorf("got %s on %s, want %s on %s", got[0].Rule, got[0].Field, tt.rule, tt.field)
			}
		})
		seen[tt.rule] = true
	}
	// Every rule has a row that breaks it.
	for _, rule := range []cld.Rule{cld.RuleMandatory, cld.RuleCodeList, cld.RuleDate, cld.RulePeriod, cld.RuleLACode,
		cld.RuleEndBefore, cld.RuleOpenEvent, cld.RuleOutsidePeriod, cld.RuleNHSNumber, cld.RuleBirthAfter,
		cld.RuleUnder18, cld.RulePrisonPayment, cld.RuleNumber} {
		if !seen[rule] {
			t.Errorf("no row breaks the rule %q", rule)
		}
	}
}

// TestRejectionNamesTheRecord checks a rejection names the value and links to the record to fix: the person's page
// for a person's field, the episode's for an event's.
func TestRejectionNamesTheRecord(t *testing.T) {
	t.Parallel()
	p := period(t)
	r := cleanRequest()
	r.NHSNumber, r.RequestRouteOfAccess = "9990000019", ""
	got := cld.Check(r, p)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Value != "9990000019" || got[0].Path != "/people/person-1" || got[0].PersonID != "person-1" {
		t.Errorf("NHS number rejection: %+v", got[0])
	}
	if got[1].Path != "/people/person-1/episodes/episode-1" || got[1].EventReference != "contact-1" || got[1].EventType != cld.Request {
		t.Errorf("route of access rejection: %+v", got[1])
	}
}

func TestParseQuarter(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, start, end string }{
		{"2026-Q3", "2025-10-01", "2026-09-30"},
		{"2026-Q4", "2026-01-01", "2026-12-31"},
		{"2024-Q1", "2023-04-01", "2024-03-31"},
		{"2025-Q2", "2024-07-01", "2025-06-30"},
	} {
		p, err := cld.ParseQuarter(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if p.Start.String() != tt.start || p.End.String() != tt.end {
			t.Errorf("%s: %s to %s, want %s to %s", tt.in, p.Start, p.End, tt.start, tt.end)
		}
		if !cld.SpansTwelveMonths(p.Start, p.End) {
			t.Errorf("%s does not span 12 months", tt.in)
		}
	}
	for _, bad := range []string{"", "2026Q3", "2026-Q5", "2026-Q0", "26-Q3", "2026-q3", "2019-Q1", " 2026-Q3"} {
		if _, err := cld.ParseQuarter(bad); err == nil {
			t.Errorf("ParseQuarter(%q) accepted", bad)
		}
	}
}
