package servicepage

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// serviceForm is the service form as typed, kept as text so a mistake is shown back as it was typed.
type serviceForm struct {
	OutcomeIDs        []string
	SolutionID        string
	ServiceType       string
	Component         string
	DeliveryMechanism string
	Provider          string
	Start, End        web.DateInput
	NextReview        web.DateInput
	Term              string // "short" or "long"
	LongTermReason    string
	UnitCost          string // pounds
	Frequency         string
	Units             string
	Version           int
}

// fieldOrder is the order of the form's fields, for the error summary.
var fieldOrder = []string{"version", "outcome_ids", "solution_id", "service_type", "component", "delivery_mechanism", "provider",
	"start", "term", "long_term_reason", "end", "next_review", "unit_cost", "frequency", "units"}

func readServiceForm(v url.Values) serviceForm {
	version := web.FormVersion(v, "version")
	return serviceForm{
		OutcomeIDs: v["outcome_ids"], SolutionID: v.Get("solution_id"), ServiceType: v.Get("service_type"),
		Component: v.Get("component"), DeliveryMechanism: v.Get("delivery_mechanism"), Provider: strings.TrimSpace(v.Get("provider")),
		Start: web.DateInputFrom(v, "start"), End: web.DateInputFrom(v, "end"), NextReview: web.DateInputFrom(v, "next_review"),
		Term: v.Get("term"), LongTermReason: strings.TrimSpace(v.Get("long_term_reason")), UnitCost: strings.TrimSpace(v.Get("unit_cost")),
		Frequency: v.Get("frequency"), Units: strings.TrimSpace(v.Get("units")), Version: version,
	}
}

func formOf(r plans.ServiceRecord) serviceForm {
	f := serviceForm{
		OutcomeIDs: r.OutcomeIDs, SolutionID: r.SolutionID, ServiceType: r.ServiceType, Component: r.Component,
		DeliveryMechanism: r.DeliveryMechanism, Provider: r.Provider, Start: web.DateInputOf(r.Start.Time),
		End: web.DateInputOf(r.End.Time), NextReview: web.DateInputOf(r.NextReview.Time), Term: "short",
		LongTermReason: r.LongTermReason, UnitCost: web.PoundsInput(r.UnitCostPence), Frequency: r.Frequency,
		Units: strconv.FormatFloat(r.Units, 'f', -1, 64), Version: r.Version,
	}
	if r.LongTerm {
		f.Term = "long"
	}
	return f
}

// arranged is the form for a new service that starts from s (plans.SolutionChoice.Arrange): only what s says is
// filled in, so that the cost and the provider are left for the practitioner.
func arranged(s plans.Service) serviceForm {
	f := serviceForm{OutcomeIDs: s.OutcomeIDs, SolutionID: s.SolutionID, ServiceType: s.ServiceType, Component: s.Component,
		DeliveryMechanism: s.DeliveryMechanism, Start: web.DateInputOf(s.Start.Time), End: web.DateInputOf(s.End.Time), Term: "short"}
	if s.LongTerm {
		f.Term = "long"
	}
	return f
}

// service reads the form into a service, with the form's own problems (dates, money, numbers). The service's own
// rules (plans.Service.Validate) are checked by the caller, so every mistake shows at once.
func (f serviceForm) service() (plans.Service, web.Errors) {
	var errs web.Errors
	s := plans.Service{
		OutcomeIDs: f.OutcomeIDs, SolutionID: f.SolutionID, ServiceType: f.ServiceType, Component: f.Component,
		DeliveryMechanism: f.DeliveryMechanism, Provider: f.Provider, LongTerm: f.Term == "long",
		LongTermReason: f.LongTermReason, Frequency: f.Frequency, Version: f.Version,
	}
	if f.Term != "short" && f.Term != "long" {
		errs.Add("term", "Select whether this is short-term or long-term support")
	}
	date := func(field, label string, in web.DateInput, required bool) sqldb.Date {
		if in.IsEmpty() && !required {
			return sqldb.Date{}
		}
		t, de := in.Parse(label)
		if de != nil {
			if !in.IsEmpty() {
				errs.AddDate(field, de)
			}
			return sqldb.Date{}
		}
		return sqldb.NewDate(t)
	}
	s.Start = date("start", "Start date", f.Start, false)
	s.End = date("end", "End date", f.End, false)
	s.NextReview = date("next_review", "Next review date", f.NextReview, false)
	if f.UnitCost == "" {
		errs.Add("unit_cost", "Enter the cost of one unit in pounds, like 25 or 25.50")
	} else if pence, ok := web.ParsePounds(f.UnitCost); ok {
		s.UnitCostPence = pence
	} else {
		errs.Add("unit_cost", "Enter the cost of one unit as an amount in pounds, like 25 or 25.50")
	}
	if f.Units == "" {
		errs.Add("units", "Enter how many units, like 10 or 7.5")
	} else if u, err := strconv.ParseFloat(f.Units, 64); err == nil && u >= 0 && u <= 10000 && !strings.ContainsAny(f.Units, "eEnNxX") {
		s.Units = u
	} else {
		errs.Add("units", "Enter how many units as a number, like 10 or 7.5")
	}
	return s, errs
}

// choices are what the form offers.
type choices struct {
	Outcomes          []web.Item
	Solutions         []web.Item
	ServiceTypes      []web.Item
	Components        []web.Item
	DeliveryMechanism []web.Item
	Frequencies       []web.Item
}

func choicesFor(ep plans.EpisodeServices) choices {
	c := choices{
		ServiceTypes:      codeItems(codelists.ServiceType, false),
		Components:        codeItems(codelists.ServiceComponent, true),
		DeliveryMechanism: codeItems(codelists.DeliveryMechanism, false),
		Frequencies:       codeItems(codelists.CostFrequency, true),
	}
	for i, it := range c.DeliveryMechanism {
		if it.Value == codelists.DeliveryDirectPayment {
			c.DeliveryMechanism[i].Hint = "Paid to the person, or to someone for them. You record the direct payment agreement next."
		}
	}
	for _, o := range ep.Outcomes {
		c.Outcomes = append(c.Outcomes, web.Item{Value: o.ID, Text: o.Different})
	}
	c.Solutions = []web.Item{{Value: "", Text: "None"}}
	for _, s := range ep.Solutions {
		c.Solutions = append(c.Solutions, web.Item{Value: s.ID, Text: s.Rung.Label() + ": " + s.Description})
	}
	return c
}

func codeItems(l codelists.List, blank bool) []web.Item {
	var out []web.Item
	if blank {
		out = append(out, web.Item{Value: "", Text: "Choose one"})
	}
	for _, c := range l.Codes {
		out = append(out, web.Item{Value: c.Value, Text: c.Label})
	}
	return out
}

// checkAll is the form's problems and the service's own, in the order of the form.
func checkAll(s plans.Service, errs web.Errors) web.Errors {
	ps := s.Validate()
	if errs.Has("start") || errs.Has("end") || errs.Has("next_review") {
		// The date is there but not a real one: say that, not "enter a date".
		ps = slices.DeleteFunc(ps, func(p validation.Problem) bool { return errs.Has(p.Field) })
	}
	all := append(web.Errors{}, errs...)
	web.AddProblems(&all, ps, fieldOrder)
	sortErrors(all)
	return all
}

// sortErrors puts field errors in the order of the service form, so the error summary reads from top to bottom.
func sortErrors(errs web.Errors) { sortErrorsBy(errs, fieldOrder) }

// sortErrorsBy puts field errors in the order of a form's fields.
func sortErrorsBy(errs web.Errors, order []string) {
	rank := func(field string) int {
		if i := slices.Index(order, field); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(errs, func(a, b web.FieldError) int { return rank(a.Field) - rank(b.Field) })
}
