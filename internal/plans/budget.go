package plans

import (
	"strconv"

	"github.com/golden-thread/goldenthread/internal/codelists"
)

// Budget is a support plan's personal budget as worked out from the council-funded services on it: the weekly cost
// of every service in place or authorised, the part paid to the person as direct payments, and what is still
// waiting for a team manager's authorisation (not counted until it is authorised). When the plan records an agreed
// figure that differs, the difference is shown and explained (Explanation), so a page never shows a budget of
// £0.00 beside services that cost money.
type Budget struct {
	WeeklyPence        int64 // the personal budget a week: services authorised, active or just requested
	DirectPaymentPence int64 // of WeeklyPence, the part paid as direct payments
	WaitingPence       int64 // services waiting for authorisation, not in WeeklyPence
	AgreedPence        int64 // the figure recorded on the plan; zero when none was agreed
	Services           int   // how many services make up WeeklyPence
}

// BudgetOf works out the personal budget from a plan's services and the figure agreed on the plan (zero when none).
// A service counts when it is council-funded (every CLD delivery mechanism is: a direct payment, a council-managed
// personal budget, council-commissioned support) and has not ended or been declined; a service waiting for
// authorisation is kept apart in WaitingPence. This is the one place the figure is worked out: every page, the PDF
// and the API show what it returns.
func BudgetOf(services []SnapshotService, agreedPence int64) Budget {
	b := Budget{AgreedPence: max(agreedPence, 0)}
	for _, s := range services {
		switch s.Status {
		case Ended, Declined:
			continue
		case AwaitingAuthorisation:
			b.WaitingPence += s.WeeklyCostPence
			continue
		}
		b.WeeklyPence += s.WeeklyCostPence
		b.Services++
		if s.DeliveryMechanism == codelists.DeliveryDirectPayment {
			b.DirectPaymentPence += s.WeeklyCostPence
		}
	}
	return b
}

// CommissionedPence is the part of the budget the council arranges itself (not paid as direct payments).
func (b Budget) CommissionedPence() int64 { return b.WeeklyPence - b.DirectPaymentPence }

// DifferencePence is the agreed figure less the services' cost: positive when less is committed than was agreed,
// negative when the services cost more than was agreed, zero when they match or no figure was agreed.
func (b Budget) DifferencePence() int64 {
	if b.AgreedPence == 0 {
		return 0
	}
	return b.AgreedPence - b.WeeklyPence
}

// Explanation says, in a sentence, why the agreed figure and the services' cost differ, or is empty when they do
// not.
func (b Budget) Explanation() string {
	d := b.DifferencePence()
	waiting := ""
	if b.WaitingPence > 0 {
		waiting = " " + FormatPence(b.WaitingPence) + " a week of services is waiting for a team manager to authorise it and is not counted yet."
	}
	switch {
	case d > 0:
		return "The agreed figure of " + FormatPence(b.AgreedPence) + " a week is " + FormatPence(d) +
			" more than the services cost (" + FormatPence(b.WeeklyPence) + "): that much is not yet committed to any service." + waiting
	case d < 0:
		return "The services cost " + FormatPence(-d) + " a week more than the agreed figure of " + FormatPence(b.AgreedPence) +
			": agree a new figure with the person or change the services." + waiting
	}
	if waiting != "" {
		return waiting[1:]
	}
	return ""
}

// Summary is the budget in one line, as lists and headings show it: "£129.50 a week", with the direct-payment
// part when there is one.
func (b Budget) Summary() string {
	s := FormatPence(b.WeeklyPence) + " a week"
	if b.DirectPaymentPence > 0 {
		s += ", of which " + FormatPence(b.DirectPaymentPence) + " as direct payments"
	}
	return s
}

// Budget is the plan's personal budget worked out from its services (BudgetOf).
func (s Snapshot) Budget(agreedPence int64) Budget { return BudgetOf(s.Services, agreedPence) }

// BudgetLine is one line of the budget as a summary list shows it.
type BudgetLine struct{ Key, Value string }

// Lines are the budget as every page's summary shows it: the personal budget worked out from the services, any
// agreed figure that differs, and why.
func (b Budget) Lines() []BudgetLine {
	from := "no council-funded services yet"
	switch {
	case b.Services == 1:
		from = "1 council-funded service"
	case b.Services > 1:
		from = strconv.Itoa(b.Services) + " council-funded services"
	}
	lines := []BudgetLine{{"Personal budget", b.Summary() + ", from " + from}}
	if b.AgreedPence > 0 && b.DifferencePence() != 0 {
		lines = append(lines, BudgetLine{"Agreed figure", FormatPence(b.AgreedPence) + " a week"})
	}
	if e := b.Explanation(); e != "" {
		lines = append(lines, BudgetLine{"Difference", e})
	}
	return lines
}
