package plans

import (
	"math"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Manager is who manages a direct payment (Care Act ss31–32): the person themselves, an authorised person on their
// behalf (when the person lacks capacity to request it, s32), or a managed account held by an organisation.
type Manager string

// The ways a direct payment is managed.
const (
	ManagedByPerson     Manager = "person"
	ManagedByAuthorised Manager = "authorised_person"
	ManagedAccount      Manager = "managed_account"
)

// Managers returns every way in the order a form offers them.
func Managers() []Manager { return []Manager{ManagedByPerson, ManagedByAuthorised, ManagedAccount} }

// Label is the way as staff read it.
func (m Manager) Label() string {
	switch m {
	case ManagedByPerson:
		return "The person"
	case ManagedByAuthorised:
		return "An authorised person on their behalf"
	case ManagedAccount:
		return "A managed account"
	}
	return string(m)
}

// Use is what a direct payment pays for.
type Use string

// What direct payments pay for.
const (
	UsePersonalAssistant Use = "personal_assistant"
	UseAgency            Use = "agency"
	UseEquipment         Use = "equipment"
	UseOther             Use = "other"
)

// Uses returns every use in the order a form offers them.
func Uses() []Use { return []Use{UsePersonalAssistant, UseAgency, UseEquipment, UseOther} }

// Label is the use as staff read it.
func (u Use) Label() string {
	switch u {
	case UsePersonalAssistant:
		return "A personal assistant the person employs"
	case UseAgency:
		return "Care from an agency"
	case UseEquipment:
		return "Equipment"
	case UseOther:
		return "Something else"
	}
	return string(u)
}

// PaymentStatus is whether a direct payment is being paid.
type PaymentStatus string

// The direct payment statuses. A suspended payment may resume; an ended one is kept as it was.
const (
	PaymentActive    PaymentStatus = "active"
	PaymentSuspended PaymentStatus = "suspended"
	PaymentEnded     PaymentStatus = "ended"
)

// Label is the status as staff read it.
func (s PaymentStatus) Label() string {
	switch s {
	case PaymentActive:
		return "Being paid"
	case PaymentSuspended:
		return "Suspended"
	case PaymentEnded:
		return "Ended"
	}
	return string(s)
}

// DirectPayment is the agreement that pays a service line of the plan to the person, or to someone for them, as a
// direct payment. The amount and how often it is paid are the service line's cost (Service.PaymentAmount): they are kept
// once, on the service.
type DirectPayment struct {
	ID, PersonID, EpisodeID, ServiceID string
	ManagedBy                          Manager
	AuthorisedName                     string // the authorised person, when ManagedBy is ManagedByAuthorised
	AuthorisedRelationship             string // their relationship to the person
	AccountProvider                    string // who holds the managed account, when ManagedBy is ManagedAccount
	FirstPayment                       sqldb.Date
	PaysFor                            []Use
	PaysForOther                       string // what "something else" is
	ContingencyPence                   int64  // what the account keeps back for emergencies
	Status                             PaymentStatus
	StatusOn                           sqldb.Date // when it was suspended, resumed or ended
	StatusReason                       string
	NextMonitoring                     sqldb.Date // when the next monitoring review falls due (NextMonitoring)
	Version                            int
}

// Validate checks an agreement before it is saved: who manages it (with the authorised person's name and
// relationship, or the account's holder), the date of the first payment, at least one thing it pays for (and what
// "something else" is), a contingency that is not negative, and text of a sensible length.
func (d DirectPayment) Validate() validation.Problems {
	var ps validation.Problems
	switch d.ManagedBy {
	case ManagedByPerson:
	case ManagedByAuthorised:
		if strings.TrimSpace(d.AuthorisedName) == "" {
			ps.Append("authorised_name", "Enter the name of the authorised person")
		}
		if strings.TrimSpace(d.AuthorisedRelationship) == "" {
			ps.Append("authorised_relationship", "Enter the authorised person’s relationship to the person")
		}
	case ManagedAccount:
		if strings.TrimSpace(d.AccountProvider) == "" {
			ps.Append("account_provider", "Enter who holds the managed account")
		}
	default:
		ps.Append("managed_by", "Select who manages the direct payment")
	}
	for _, f := range []struct{ field, value, what string }{
		{"authorised_name", d.AuthorisedName, "Name"}, {"authorised_relationship", d.AuthorisedRelationship, "Relationship"},
		{"account_provider", d.AccountProvider, "Who holds the account"}, {"pays_for_other", d.PaysForOther, "What else it pays for"},
	} {
		if len(f.value) > 200 {
			ps.Append(f.field, f.what+" must be 200 characters or less")
		}
	}
	if d.FirstPayment.IsZero() {
		ps.Append("first_payment", "Enter the date of the first payment")
	}
	if len(d.PaysFor) == 0 {
		ps.Append("pays_for", "Select what the direct payment pays for")
	}
	for _, u := range d.PaysFor {
		if !slices.Contains(Uses(), u) {
			ps.Append("pays_for", "Select what the direct payment pays for from the list")
			break
		}
	}
	if slices.Contains(d.PaysFor, UseOther) && strings.TrimSpace(d.PaysForOther) == "" {
		ps.Append("pays_for_other", "Say what else the direct payment pays for")
	}
	if d.ContingencyPence < 0 {
		ps.Append("contingency", "Contingency must be £0.00 or more")
	}
	return ps
}

// CheckService is the rule for the service line a direct payment pays: it must be delivered as a direct payment,
// not be in a prison setting (CLD: a direct payment must not be used there), and not have ended or been declined.
func CheckService(svc Service) validation.Problems {
	var ps validation.Problems
	if svc.DeliveryMechanism != codelists.DeliveryDirectPayment {
		ps.Append("service", "Change the service’s delivery mechanism to direct payment before recording the agreement")
	}
	if strings.HasSuffix(svc.ServiceType, ": Prison") {
		ps.Append("service", "A direct payment cannot be used in a prison setting")
	}
	if svc.Status == Ended || svc.Status == Declined {
		ps.Append("service", "This service has "+strings.ToLower(svc.Status.Label())+", so it cannot be paid as a direct payment")
	}
	return ps
}

// The months to a direct payment's first monitoring review, and between later ones: the Care and Support (Direct
// Payments) Regulations 2014 reg 7(1)(a) require a review within the first 6 months of payments, then at intervals
// of no more than 12 months (standards.md §3.5).
const (
	FirstMonitoringMonths = 6
	MonitoringMonths      = 12
)

// NextMonitoring is when a direct payment's next monitoring review falls due: 6 months after the first payment
// until one has been held, then 12 months after the last one (reviews.AddMonths, so 31 August plus 6 months is the
// last day of February). An ended payment has none: the zero Date.
func NextMonitoring(status PaymentStatus, firstPayment, lastHeld sqldb.Date) sqldb.Date {
	switch {
	case status == PaymentEnded || firstPayment.IsZero():
		return sqldb.Date{}
	case lastHeld.IsZero():
		return reviews.AddMonths(firstPayment, FirstMonitoringMonths)
	}
	return reviews.AddMonths(lastHeld, MonitoringMonths)
}

// CheckStatusChange is the rule for suspending, resuming or ending a direct payment: an active payment may be
// suspended or ended, a suspended one resumed or ended, an ended one nothing; a date not before the first payment
// nor after today; and a reason for suspending or ending.
func CheckStatusChange(current, to PaymentStatus, on sqldb.Date, reason string, firstPayment, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case current == PaymentEnded:
		ps.Append("status", "This direct payment has ended and cannot be changed")
	case to == current:
		ps.Append("status", "The direct payment is already "+strings.ToLower(current.Label()))
	case to != PaymentActive && to != PaymentSuspended && to != PaymentEnded:
		ps.Append("status", "Select whether to suspend, resume or end the direct payment")
	}
	switch {
	case on.IsZero():
		ps.Append("status_on", "Enter the date")
	case on.After(today.Time):
		ps.Append("status_on", "The date must be today or in the past")
	case !firstPayment.IsZero() && on.Before(firstPayment.Time):
		ps.Append("status_on", "The date must be the same as or after the first payment, "+firstPayment.Format("2 January 2006"))
	}
	if (to == PaymentSuspended || to == PaymentEnded) && strings.TrimSpace(reason) == "" {
		ps.Append("status_reason", "Enter why the direct payment is "+map[PaymentStatus]string{PaymentSuspended: "suspended", PaymentEnded: "ending"}[to])
	}
	if len(reason) > maxText {
		ps.Append("status_reason", "Reason must be 2,000 characters or less")
	}
	return ps
}

// MonitoringResult is what a monitoring review found.
type MonitoringResult string

// The results of a monitoring review.
const (
	UsedAsAgreed   MonitoringResult = "as_agreed"
	ConcernsFound  MonitoringResult = "concerns"
	NotMeetingNeed MonitoringResult = "not_meeting_needs"
)

// MonitoringResults returns every result in the order a form offers them.
func MonitoringResults() []MonitoringResult {
	return []MonitoringResult{UsedAsAgreed, ConcernsFound, NotMeetingNeed}
}

// Label is the result as staff read it.
func (r MonitoringResult) Label() string {
	switch r {
	case UsedAsAgreed:
		return "Used as agreed and meeting the person’s needs"
	case ConcernsFound:
		return "Concerns about how it is used, to follow up"
	case NotMeetingNeed:
		return "Not meeting the person’s needs: review the plan"
	}
	return string(r)
}

// Monitoring is one monitoring review of a direct payment.
type Monitoring struct {
	ID       string
	HeldOn   sqldb.Date
	Result   MonitoringResult
	Findings string
	ByName   string
}

// Validate checks a monitoring review: held on a date between the first payment and today, with a result, and
// findings (needed when there are concerns) of a sensible length.
func (m Monitoring) Validate(firstPayment, today sqldb.Date) validation.Problems {
	var ps validation.Problems
	switch {
	case m.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date the monitoring review was held")
	case m.HeldOn.After(today.Time):
		ps.Append("held_on", "The date the monitoring review was held must be today or in the past")
	case m.HeldOn.Before(firstPayment.Time):
		ps.Append("held_on", "The monitoring review must be on or after the first payment, "+firstPayment.Format("2 January 2006"))
	}
	if !slices.Contains(MonitoringResults(), m.Result) {
		ps.Append("result", "Select what the monitoring review found")
	}
	if m.Result != UsedAsAgreed && m.Result != "" && strings.TrimSpace(m.Findings) == "" {
		ps.Append("findings", "Say what the concerns are and what will happen next")
	}
	if len(m.Findings) > maxText {
		ps.Append("findings", "Findings must be 2,000 characters or less")
	}
	return ps
}

// PaymentAmount is how much the service line pays each time and how often: for a cost by the hour, session or day, the
// weekly cost paid weekly; for a one-off, the unit cost times the units, once; otherwise the unit cost times the
// units, at the service's frequency.
func (s Service) PaymentAmount() (pence int64, frequency string) {
	switch s.Frequency {
	case codelists.CostHourly, codelists.CostPerSession, codelists.CostDaily:
		return s.WeeklyCostPence(), codelists.CostWeekly
	}
	return int64(math.Round(float64(s.UnitCostPence) * s.Units)), s.Frequency
}

// CLDService is the Client Level Data return's fields for a service line that depend on how it is paid
// (standards.md §1.3 Services and Costs): Delivery_Mechanism, Unit_Cost, Cost_Frequency_Unit_Type and
// Planned_units_per_week.
type CLDService struct {
	DeliveryMechanism   string
	UnitCostPence       int64
	CostFrequency       string
	PlannedUnitsPerWeek float64
}

// ClientLevelData derives a service line's CLD delivery and cost fields. A service with a direct payment agreement
// is a direct payment, costed as the payment itself: its amount, how often it is paid and so how many payments a
// week. That stays true after the payment ends, since a service ends with its direct payment (and the reverse), so
// the line was delivered that way. Without an agreement, the fields are the service's own, as recorded on its form.
// It is the one place these fields are worked out.
func ClientLevelData(svc Service, dp *DirectPayment) CLDService {
	if dp != nil {
		pence, freq := svc.PaymentAmount()
		return CLDService{DeliveryMechanism: codelists.DeliveryDirectPayment, UnitCostPence: pence, CostFrequency: freq,
			PlannedUnitsPerWeek: periodsPerWeek(freq)}
	}
	return CLDService{DeliveryMechanism: svc.DeliveryMechanism, UnitCostPence: svc.UnitCostPence, CostFrequency: svc.Frequency,
		PlannedUnitsPerWeek: svc.Units * unitsScale(svc.Frequency)}
}

// unitsScale turns a service's units into units a week: hourly and per-session units are already a week's; a
// period's units recur periodsPerWeek times.
func unitsScale(frequency string) float64 {
	switch frequency {
	case codelists.CostHourly, codelists.CostPerSession:
		return 1
	}
	return periodsPerWeek(frequency)
}
