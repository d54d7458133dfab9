package cld

import (
	"strconv"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// person is what the record holds of a person that the return carries.
type person struct {
	ID, NHSNumber, Gender, Ethnicity string
	DateOfBirth                      sqldb.Date
	ClientType, PrimarySupportReason string
	Postcode, AccommodationStatus    string
	HasUnpaidCarer                   bool
}

// The kinds of record an event is read from (store.go's query).
const (
	kindRequest   = "request"    // a contact, with the episode it opened
	kindLongTerm  = "long_term"  // a Care Act eligibility determination
	kindShortTerm = "short_term" // an episode's Step 1 conversations, completed without a determination
	kindService   = "service"    // a council-funded service
	kindReview    = "review"     // a review held
)

// source is one record an event may be read from, with what the event needs of its episode.
type source struct {
	Kind, Ref, EpisodeID string
	Start, End           sqldb.Date
	// EpisodeResult and EpisodeEnded are how and when the episode ended; empty and zero while it is open.
	EpisodeResult string
	EpisodeEnded  sqldb.Date
	// FirstConversation is the episode's first conversation (for requests and long-term assessments).
	FirstConversation sqldb.Date
	// The kind's own values: the route of access (requests); the determination's kind and result (long-term
	// assessments); the step the episode ended at (short-term assessments); the service's type, component, delivery mechanism, cost frequency, unit cost, units (in
	// hundredths) and whether it has a direct payment agreement; the review's reason, method and outcome.
	Code1, Code2, Code3, Code4 string
	Flag                       bool
	Pence, Hundredths          int64
}

// row builds the return's line for one event of one person, and reports false when the event is not in the
// return for the period: not completed in it, open when only a service may be open, or cancelled (standards.md
// §1.2, §1.5 "Which events fall in a period").
func row(laCode string, p Period, per person, src source) (Row, bool) {
	r := Row{
		LACode:                   laCode,
		ReportingPeriodStartDate: p.Start.String(),
		ReportingPeriodEndDate:   p.End.String(),
		NHSNumber:                nhsNumber(per.NHSNumber),
		LAPersonUniqueIdentifier: per.ID,
		Gender:                   gender(per.Gender),
		Ethnicity:                ethnicity(per.Ethnicity),
		DateOfBirth:              per.DateOfBirth.String(),
		ClientType:               per.ClientType,
		PrimarySupportReason:     per.PrimarySupportReason,
		Postcode:                 per.Postcode,
		AccommodationStatus:      accommodation(per.AccommodationStatus),
		HasUnpaidCarer:           hasUnpaidCarer(per.HasUnpaidCarer),
		EventReference:           src.Ref,
		EpisodeID:                src.EpisodeID,
	}
	var start, end sqldb.Date
	var ok bool
	switch src.Kind {
	case kindRequest:
		r.EventType, r.EventDescription = Request, "Contact"
		start, end, r.EventOutcome, ok = requestEvent(src)
		r.RequestRouteOfAccess = routeOfAccess(src.Code1, per.ClientType)
	case kindLongTerm:
		r.EventType, r.EventDescription = Assessment, "Care Act eligibility determination"
		start, end, ok = longTermAssessment(src)
		r.AssessmentType = "Long term assessment"
		r.EligibleNeedsIdentified = eligibleNeeds(src.Flag)
		r.EventOutcome = assessmentOutcome(src)
	case kindShortTerm:
		r.EventType, r.EventDescription = Assessment, "Conversation-based assessment"
		start, end, ok = shortTermAssessment(src)
		r.AssessmentType = "Short term assessment"
		r.EventOutcome = shortTermOutcome(src)
	case kindService:
		r.EventType, r.EventDescription = Service, "Council-funded service"
		start, end, ok = serviceEvent(src)
		r.EventOutcome = serviceOutcome(src)
		r.ServiceType, r.ServiceComponent = src.Code1, src.Code2
		c := serviceCosts(src)
		r.DeliveryMechanism = c.DeliveryMechanism
		r.UnitCost = pounds(c.UnitCostPence)
		r.CostFrequencyUnitType = c.CostFrequency
		r.PlannedUnitsPerWeek = strconv.FormatFloat(c.PlannedUnitsPerWeek, 'f', -1, 64)
	case kindReview:
		r.EventType, r.EventDescription = Review, "Review of the support plan"
		start, end, ok = src.Start, src.End, !src.End.IsZero()
		r.ReviewReason, r.MethodOfReview = src.Code1, src.Code2
		r.ReviewOutcomesAchieved = src.Code3
		r.EventOutcome = reviewOutcome(src)
	}
	if !ok || !p.keeps(r.EventType, start, end) {
		return Row{}, false
	}
	r.EventStartDate, r.EventEndDate = start.String(), end.String()
	return r, true
}

// inPeriod is DHSC's rule for which events fall in a period (standards.md §1.5): requests, assessments and reviews
// must end in it; services count if they start before it ends and end in it, after it, or not at all.
func inPeriod(eventType string, start, end sqldb.Date, p Period) bool {
	if eventType == Service {
		return !start.IsZero() && !start.After(p.End.Time) && (end.IsZero() || !end.Before(p.Start.Time))
	}
	return p.Contains(end)
}

// nhsNumber is the NHS number as the specification takes it: ten digits, with the spaces and hyphens people type
// taken out (standards.md §8.1 "Strip spaces and hyphens"). It is sent identifiable: NHS England pseudonymises it
// centrally, after the file is sent (§1.6), so the council neither hashes nor masks it.
func nhsNumber(s string) string { return people.NormaliseNHSNumber(s) }

// gender sends "Unknown" where the record holds no gender: the list keeps that value for exactly this, a gender
// that was not recorded (standards.md §1.4 "Gender").
func gender(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

// ethnicity sends "No data: Undeclared or not known" where the record holds none: the list's own value for an
// ethnicity nobody recorded (standards.md §1.4 "Ethnicity").
func ethnicity(s string) string {
	if s == "" {
		return "No data: Undeclared or not known"
	}
	return s
}

// accommodation sends "Unknown" where the record holds no accommodation status, the list's own value for that;
// DHSC derives its "presumed" values from it (standards.md §1.4 "Accommodation status").
func accommodation(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

// hasUnpaidCarer is "Yes" when someone in the person's network is recorded as their unpaid carer, and blank
// otherwise: no carer recorded does not show that the person has none, so "No" is never sent. (The flag's spelling
// is not in the reference; Yes is the plain reading.)
func hasUnpaidCarer(recorded bool) string {
	if recorded {
		return "Yes"
	}
	return ""
}

// routeOfAccess is the contact's route of access; a carer whose route was not recorded takes the default the
// guidance gives for carers (standards.md §1.4 "Request route of access"). A service user's missing route stays
// blank, for the validator to report: it is required for every request.
func routeOfAccess(route, clientType string) string {
	if route == "" && clientType != "" && clientType != "Service user" {
		return codelists.RouteOfAccessDefault
	}
	return route
}

// requestEvent is a contact as a Request event. A request is completed once the outcome of the first contact is
// final (standards.md §1.2): when the episode it opened ended before any conversation, it ends then, with the
// episode's result (resolved at the front door); otherwise it ends on the day of the first conversation, which is
// where the request went on to an assessment ("Progress to assessment, review or reassessment"). A contact whose
// episode is still open with no conversation yet is an open request, which is never sent.
func requestEvent(src source) (start, end sqldb.Date, outcome string, ok bool) {
	conv, ended := src.FirstConversation, src.EpisodeEnded
	switch {
	case !ended.IsZero() && (conv.IsZero() || !ended.After(conv.Time)):
		return src.Start, ended, src.EpisodeResult, true
	case !conv.IsZero():
		return src.Start, conv, codelists.EventOutcomeAssessment, true
	}
	return sqldb.Date{}, sqldb.Date{}, "", false
}

// longTermAssessment is a Care Act eligibility determination as an Assessment event: long term, because it
// determined eligibility (standards.md §1.2 "Three Conversations and staged assessments"). It is completed on the
// day of the determination, and started at the episode's first conversation, or on the day itself when there was
// none before it.
func longTermAssessment(src source) (start, end sqldb.Date, ok bool) {
	start = src.End
	if !src.FirstConversation.IsZero() && src.FirstConversation.Before(src.End.Time) {
		start = src.FirstConversation
	}
	return start, src.End, !src.End.IsZero()
}

// eligibleNeeds is Eligible_Needs_Identified from the determination the practitioner made. (The flag's spelling is
// not in the reference; Yes and No are the plain reading.)
func eligibleNeeds(eligible bool) string {
	if eligible {
		return "Yes"
	}
	return "No"
}

// assessmentOutcome is what followed a determination: eligible needs go on to a support plan (Care Act s24); needs
// that are not eligible end with the episode's result when it has ended, and otherwise go on to planning all the
// same, since the framework plans community and preventative solutions (s2) for needs that are not eligible.
func assessmentOutcome(src source) string {
	if !src.Flag && src.EpisodeResult != "" {
		return src.EpisodeResult
	}
	return codelists.EventOutcomeSupportPlanning
}

// shortTermAssessment is an episode's Step 1 as an Assessment event: a conversation-based assessment that did not
// determine Care Act eligibility is a short-term assessment (standards.md §1.2). It is completed when Step 1 is
// (the store reads only those), from its first conversation to its last. When the episode ended on or before its
// first conversation, that conversation was the contact itself and the Request already carries it.
func shortTermAssessment(src source) (start, end sqldb.Date, ok bool) {
	if src.Start.IsZero() || src.End.IsZero() {
		return sqldb.Date{}, sqldb.Date{}, false
	}
	if !src.EpisodeEnded.IsZero() && !src.EpisodeEnded.After(src.Start.Time) {
		return sqldb.Date{}, sqldb.Date{}, false
	}
	return src.Start, src.End, true
}

// shortTermOutcome is what followed Step 1: the episode's result when it ended there, otherwise the work went on
// to develop ideas and plan (Step 2 onwards).
func shortTermOutcome(src source) string {
	if src.EpisodeResult != "" && src.Code1 == "1" {
		return src.EpisodeResult
	}
	return codelists.EventOutcomeSupportPlanning
}

// serviceEvent is a service as a Service event: from its start to its end, open while it runs. A service that
// ended before it started gave no support, so it counts as cancelled and is left out (standards.md §1.2).
func serviceEvent(src source) (start, end sqldb.Date, ok bool) {
	if src.Start.IsZero() {
		return sqldb.Date{}, sqldb.Date{}, false
	}
	if !src.End.IsZero() && src.End.Before(src.Start.Time) {
		return sqldb.Date{}, sqldb.Date{}, false
	}
	return src.Start, src.End, true
}

// continuation is the event outcome of an event after which the person's support goes on.
const continuation = "Continuation of support or services"

// serviceOutcome is blank while a service runs: it has no outcome yet. An ended service takes its episode's result
// when the episode has ended, since the work that commissioned it ended that way; when the episode goes on, the
// person's support continues in it.
func serviceOutcome(src source) string {
	switch {
	case src.End.IsZero():
		return ""
	case src.EpisodeResult != "":
		return src.EpisodeResult
	}
	return continuation
}

// serviceCosts is the service line's delivery mechanism and costs, worked out where the service pages work them
// out (plans.ClientLevelData), so the return and the record never disagree.
func serviceCosts(src source) plans.CLDService {
	svc := plans.Service{DeliveryMechanism: src.Code3, Frequency: src.Code4, UnitCostPence: src.Pence,
		Units: float64(src.Hundredths) / 100}
	var dp *plans.DirectPayment
	if src.Flag {
		dp = &plans.DirectPayment{}
	}
	return plans.ClientLevelData(svc, dp)
}

// pounds is an amount in pence as pounds with two decimals, such as 12.50.
func pounds(pence int64) string {
	sign := ""
	if pence < 0 {
		sign, pence = "-", -pence
	}
	return sign + strconv.FormatInt(pence/100, 10) + "." + strconv.FormatInt(100+pence%100, 10)[1:]
}

// reviewOutcome is what followed a review: the episode's result when the episode ended at it (on the day it was
// held), and otherwise the support goes on. Review_Outcomes_Achieved is another field, taken only from what was
// recorded at the review and never inferred (standards.md §1.4 "Review outcomes achieved").
func reviewOutcome(src source) string {
	if src.EpisodeResult != "" && src.EpisodeEnded.Equal(src.End.Time) {
		return src.EpisodeResult
	}
	return continuation
}
