package plans

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// ServiceStatus is where a service is between being asked for and ending.
type ServiceStatus string

// The service statuses. A service whose weekly cost is over the council's threshold goes from requested to awaiting
// authorisation, then authorised or declined; one under the threshold is authorised when requested. Only an
// authorised service can start (CanStart).
const (
	Requested             ServiceStatus = "requested"
	AwaitingAuthorisation ServiceStatus = "awaiting_authorisation"
	Authorised            ServiceStatus = "authorised"
	Declined              ServiceStatus = "declined"
	ServiceActive         ServiceStatus = "active"
	Ended                 ServiceStatus = "ended"
)

// ServiceStatuses returns every status in order.
func ServiceStatuses() []ServiceStatus {
	return []ServiceStatus{Requested, AwaitingAuthorisation, Authorised, Declined, ServiceActive, Ended}
}

// Label is the status as staff read it.
func (s ServiceStatus) Label() string {
	switch s {
	case Requested:
		return "Requested"
	case AwaitingAuthorisation:
		return "Awaiting authorisation"
	case Authorised:
		return "Authorised"
	case Declined:
		return "Declined"
	case ServiceActive:
		return "Active"
	case Ended:
		return "Ended"
	}
	return string(s)
}

// ParseServiceStatus reads a stored status.
func ParseServiceStatus(s string) (ServiceStatus, error) {
	for _, st := range ServiceStatuses() {
		if string(st) == strings.TrimSpace(s) {
			return st, nil
		}
	}
	return "", fmt.Errorf("service status %q is not one of requested, awaiting_authorisation, authorised, declined, active, ended", s)
}

// Service is support commissioned by, or involving, the council: a CLD Service event (standards.md §1.2), with the
// CLD service fields (standards.md §1.3) and what it is for.
type Service struct {
	ID, PersonID, EpisodeID string
	ServiceType             string // codelists.ServiceType
	Component               string // codelists.ServiceComponent
	DeliveryMechanism       string // codelists.DeliveryMechanism
	Provider                string
	Start, End, NextReview  sqldb.Date // zero means not set
	LongTerm                bool
	LongTermReason          string // why the support needs to be long term
	UnitCostPence           int64  // the cost of one unit
	Frequency               string // codelists.CostFrequency: what a unit is, or how often one recurs
	Units                   float64
	OutcomeIDs              []string
	SolutionID              string
	Status                  ServiceStatus
	RequestedBy             string // the member of staff who asked for the service
	Version                 int
}

// periodsPerWeek is how many of a CostFrequency's periods fall in a week, for WeeklyCostPence.
func periodsPerWeek(frequency string) float64 {
	switch frequency {
	case codelists.CostHourly, codelists.CostPerSession, codelists.CostWeekly:
		return 1
	case codelists.CostDaily:
		return 7
	case codelists.CostFortnightly:
		return 1.0 / 2
	case codelists.CostFourWeekly:
		return 1.0 / 4
	case codelists.CostMonthly:
		return 12.0 / 52
	case codelists.CostQuarterly:
		return 4.0 / 52
	case codelists.CostAnnually:
		return 1.0 / 52
	}
	return 0 // no charge, one-off, or not a CostFrequency value
}

// WeeklyCostPence is the service's planned cost for a week, rounded to the nearest penny. It is
// UnitCostPence × Units × the number of Frequency periods in a week:
//
//   - hourly and per session name what a unit is, not a period, so Units is the hours or sessions a week, as in
//     CLD's Planned_units_per_week (standards.md §1.3);
//   - daily is 7 periods a week (a daily rate applies every day); weekly is 1;
//   - fortnightly is 1/2, 4-weekly 1/4, monthly 12/52, quarterly 4/52 and annually 1/52, since a year is taken as
//     52 weeks;
//   - no charge and one-off add nothing to the weekly cost, and neither does a frequency not in the list (Validate
//     refuses those).
//
// The conversions are Golden Thread's own; the CLD cost frequency list itself is unverified (standards.md §1.4).
func (s Service) WeeklyCostPence() int64 {
	return int64(math.Round(float64(s.UnitCostPence) * s.Units * periodsPerWeek(s.Frequency)))
}

// Validate checks a service before it is saved: coded values from the CLD lists (standards.md §1.4), a start date,
// an end date or next review date, a reason for long-term support, an end date for short-term support, at least one
// outcome served, and a cost that is not negative.
func (s Service) Validate() validation.Problems {
	var ps validation.Problems
	for _, c := range []struct {
		field, value, what string
		list               codelists.List
	}{
		{"service_type", s.ServiceType, "type of service", codelists.ServiceType},
		{"component", s.Component, "service component", codelists.ServiceComponent},
		{"delivery_mechanism", s.DeliveryMechanism, "delivery mechanism", codelists.DeliveryMechanism},
	} {
		switch {
		case c.value == "":
			ps.Append(c.field, "Select the "+c.what)
		case !c.list.Has(c.value):
			ps.Append(c.field, "Select the "+c.what+" from the list")
		}
	}
	if len(s.Provider) > 200 {
		ps.Append("provider", "Provider must be 200 characters or less")
	}
	if s.Start.IsZero() {
		ps.Append("start", "Enter the date the service starts")
	}
	switch {
	case !s.LongTerm && s.End.IsZero():
		ps.Append("end", "Enter the date this short-term service ends")
	case s.End.IsZero() && s.NextReview.IsZero():
		ps.Append("next_review", "Enter an end date or the date of the next review")
	case !s.End.IsZero() && !s.Start.IsZero() && s.End.Before(s.Start.Time):
		ps.Append("end", "End date must be the same as or after the start date")
	}
	if !s.NextReview.IsZero() && !s.Start.IsZero() && s.NextReview.Before(s.Start.Time) {
		ps.Append("next_review", "Next review date must be the same as or after the start date")
	}
	if s.LongTerm && strings.TrimSpace(s.LongTermReason) == "" {
		ps.Append("long_term_reason", "Explain why this support needs to be long term")
	}
	if len(s.LongTermReason) > maxText {
		ps.Append("long_term_reason", "Reason must be 2,000 characters or less")
	}
	if s.UnitCostPence < 0 {
		ps.Append("unit_cost", "Unit cost must be £0.00 or more")
	}
	switch {
	case s.Frequency == "":
		ps.Append("frequency", "Select how the cost is charged")
	case !codelists.CostFrequency.Has(s.Frequency):
		ps.Append("frequency", "Select how the cost is charged from the list")
	}
	if s.Units < 0 || math.IsNaN(s.Units) || math.IsInf(s.Units, 0) {
		ps.Append("units", "Units must be 0 or more")
	}
	if len(s.OutcomeIDs) == 0 {
		ps.Append("outcome_ids", "Choose at least one outcome this service serves")
	}
	if s.Status != "" {
		if _, err := ParseServiceStatus(string(s.Status)); err != nil {
			ps.Append("status", "Select a status for the service")
		}
	}
	return ps
}

// NeedsAuthorisation reports whether a service costing weeklyPence a week needs a team manager's authorisation: it
// does when the cost is strictly above the council's threshold. The threshold is the council's own setting.
func NeedsAuthorisation(weeklyPence, thresholdPence int64) bool { return weeklyPence > thresholdPence }

// Errors CanDecide and CanStart return.
var (
	ErrOwnRequest     = errors.New("nobody may authorise a service they asked for")
	ErrNotTeamManager = errors.New("only a team manager may authorise a service")
	ErrNotAuthorised  = errors.New("the service has not been authorised")
	ErrNoDecider      = errors.New("no one is named as making the decision")
)

// CanDecide reports whether deciderID may authorise or decline a service requested by requestedBy: only a team
// manager may, and never for their own request, so that two people see every spend over the threshold. These are
// Golden Thread's rules, after the usual separation of duties in council schemes of delegation.
func CanDecide(requestedBy, deciderID string, deciderIsTeamManager bool) error {
	switch {
	case deciderID == "":
		return fmt.Errorf("authorise service: %w", ErrNoDecider)
	case deciderID == requestedBy:
		return fmt.Errorf("authorise service requested by %s: %w", requestedBy, ErrOwnRequest)
	case !deciderIsTeamManager:
		return fmt.Errorf("authorise service as %s: %w", deciderID, ErrNotTeamManager)
	}
	return nil
}

// ValidateDecision checks a team manager's decision on a service awaiting authorisation: the decision is Authorised
// or Declined, and a decline says why, so the practitioner and the person know what to do next.
func ValidateDecision(current, decision ServiceStatus, reason string) validation.Problems {
	var ps validation.Problems
	if current != AwaitingAuthorisation {
		ps.Append("decision", "This service is not awaiting authorisation")
	}
	switch decision {
	case Authorised:
	case Declined:
		if strings.TrimSpace(reason) == "" {
			ps.Append("reason", "Explain why the service is declined")
		}
	default:
		ps.Append("decision", "Select whether to authorise or decline the service")
	}
	if len(reason) > maxText {
		ps.Append("reason", "Reason must be 2,000 characters or less")
	}
	return ps
}

// CanStart reports whether a service in this status may start: only an authorised one may. A service under the
// threshold is authorised when it is requested, so it can start at once.
func CanStart(status ServiceStatus) error {
	if status != Authorised {
		return fmt.Errorf("start a service that is %s: %w", strings.ToLower(status.Label()), ErrNotAuthorised)
	}
	return nil
}
