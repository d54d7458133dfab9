package servicepage

import (
	"context"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// PaymentStore is what the direct payment pages need of plans.DirectPaymentStore.
type PaymentStore interface {
	Get(ctx context.Context, personID, episodeID, serviceID string) (plans.DirectPaymentView, error)
	Agree(ctx context.Context, personID, episodeID, serviceID string, d plans.DirectPayment) (plans.DirectPayment, error)
	Update(ctx context.Context, d plans.DirectPayment) (plans.DirectPayment, error)
	ChangeStatus(ctx context.Context, personID, episodeID, serviceID string, to plans.PaymentStatus, on sqldb.Date, reason string, version int) error
	RecordMonitoring(ctx context.Context, personID, episodeID, serviceID string, m plans.Monitoring, version int) error
}

// WithPayments adds the direct payment pages' store.
func (p *Pages) WithPayments(s PaymentStore) *Pages {
	p.payments = s
	return p
}

// paymentForm is the agreement form as typed.
type paymentForm struct {
	ManagedBy, AuthorisedName, AuthorisedRelationship, AccountProvider string
	FirstPayment                                                       web.DateInput
	PaysFor                                                            []string
	PaysForOther, Contingency                                          string
	Version                                                            int
}

var paymentOrder = []string{"version", "service", "managed_by", "authorised_name", "authorised_relationship", "account_provider",
	"first_payment", "pays_for", "pays_for_other", "contingency", "held_on", "result", "findings", "status", "status_on", "status_reason"}

func readPaymentForm(v url.Values) paymentForm {
	version := web.FormVersion(v, "version")
	return paymentForm{ManagedBy: v.Get("managed_by"), AuthorisedName: strings.TrimSpace(v.Get("authorised_name")),
		AuthorisedRelationship: strings.TrimSpace(v.Get("authorised_relationship")), AccountProvider: strings.TrimSpace(v.Get("account_provider")),
		FirstPayment: web.DateInputFrom(v, "first_payment"), PaysFor: v["pays_for"], PaysForOther: strings.TrimSpace(v.Get("pays_for_other")),
		Contingency: strings.TrimSpace(v.Get("contingency")), Version: version}
}

func paymentFormOf(d plans.DirectPayment) paymentForm {
	f := paymentForm{ManagedBy: string(d.ManagedBy), AuthorisedName: d.AuthorisedName, AuthorisedRelationship: d.AuthorisedRelationship,
		AccountProvider: d.AccountProvider, FirstPayment: web.DateInputOf(d.FirstPayment.Time), PaysForOther: d.PaysForOther,
		Contingency: web.PoundsInput(d.ContingencyPence), Version: d.Version}
	for _, u := range d.PaysFor {
		f.PaysFor = append(f.PaysFor, string(u))
	}
	return f
}

// payment reads the form into an agreement, with the form's own problems, then the agreement's rules.
func (f paymentForm) payment() (plans.DirectPayment, web.Errors) {
	var errs web.Errors
	d := plans.DirectPayment{ManagedBy: plans.Manager(f.ManagedBy), AuthorisedName: f.AuthorisedName, AuthorisedRelationship: f.AuthorisedRelationship,
		AccountProvider: f.AccountProvider, PaysForOther: f.PaysForOther, Version: f.Version}
	for _, u := range f.PaysFor {
		d.PaysFor = append(d.PaysFor, plans.Use(u))
	}
	if !f.FirstPayment.IsEmpty() {
		t, de := f.FirstPayment.Parse("Date of the first payment")
		if de != nil {
			errs.AddDate("first_payment", de)
		} else {
			d.FirstPayment = sqldb.NewDate(t)
		}
	}
	if f.Contingency != "" {
		pence, ok := web.ParsePounds(f.Contingency)
		if !ok {
			errs.Add("contingency", "Enter the contingency as an amount in pounds, like 500 or 500.50")
		}
		d.ContingencyPence = pence
	}
	ps := d.Validate()
	ps = slices.DeleteFunc(ps, func(p validation.Problem) bool { return errs.Has(p.Field) })
	web.AddProblems(&errs, ps, paymentOrder)
	return d, errs
}

type paymentData struct {
	web.Page
	web.ConflictPanel // the agreement's own form refused on its version
	View              plans.DirectPaymentView
	ServiceHref       string
	Action            string
	Form              paymentForm
	Managers          []web.Item
	Uses              []web.Item
	Results           []web.Item
	Statuses          []web.Item
	Terms             []web.SummaryRow // the agreement as saved
	CLD               []web.SummaryRow
	Due               string // the next monitoring review, in words
	DueClass          string
	DueTag            string
	StatusClass       string
	Paid              string
	CanChange         bool
	Conflict          bool // one of the smaller forms refused on the version
	HeldOn            web.DateInput
	Result            string
	Findings          string
	StatusTo          string
	StatusOn          web.DateInput
	StatusReason      string
}

func (p *Pages) loadPayment(r *http.Request) (paymentData, error) {
	personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
	v, err := p.payments.Get(web.Route(r), personID, episodeID, serviceID)
	if err != nil {
		return paymentData{}, err
	}
	title := "Direct payment agreement"
	if v.Payment != nil {
		title = "Direct payment"
	}
	d := paymentData{Page: web.NewPage(r, title), View: v, ServiceHref: paths.Service.URL(personID, episodeID, serviceID),
		Action: paths.DirectPayment.URL(personID, episodeID, serviceID), HeldOn: web.DateInputOf(v.Today.Time), StatusOn: web.DateInputOf(v.Today.Time),
		CanChange: staff(r).Role.ChangesPeople() && v.Service.Changeable() && (v.Payment == nil || v.Payment.Status != plans.PaymentEnded)}
	d.Back = d.ServiceHref
	d.Paid = plans.PaymentEvery(v.Service.Service)
	if _, freq := v.Service.PaymentAmount(); freq != codelists.CostWeekly {
		d.Paid += " (" + plans.FormatPence(v.Service.WeeklyCost) + " a week)"
	}
	for _, m := range plans.Managers() {
		d.Managers = append(d.Managers, web.Item{Value: string(m), Text: m.Label()})
	}
	d.Managers[1].Hint = "For a person who lacks capacity to manage it (Care Act section 32). Give their name and relationship below."
	d.Managers[2].Hint = "An organisation holds the account and pays for support on the person’s behalf."
	for _, u := range plans.Uses() {
		d.Uses = append(d.Uses, web.Item{Value: string(u), Text: u.Label()})
	}
	for _, res := range plans.MonitoringResults() {
		d.Results = append(d.Results, web.Item{Value: string(res), Text: res.Label()})
	}
	cld := v.CLD()
	d.CLD = []web.SummaryRow{
		{Key: "Delivery mechanism", Value: cld.DeliveryMechanism},
		{Key: "Unit cost", Value: plans.FormatPence(cld.UnitCostPence)},
		{Key: "Cost frequency", Value: cld.CostFrequency},
		{Key: "Planned units a week", Value: strconv.FormatFloat(cld.PlannedUnitsPerWeek, 'f', -1, 64)},
	}
	if dp := v.Payment; dp != nil {
		d.Form = paymentFormOf(*dp)
		d.Terms = paymentTerms(v)
		d.StatusClass = map[plans.PaymentStatus]string{plans.PaymentActive: "govuk-tag--green", plans.PaymentSuspended: "govuk-tag--yellow", plans.PaymentEnded: "govuk-tag--grey"}[dp.Status]
		switch dp.Status {
		case plans.PaymentActive:
			d.Statuses = []web.Item{{Value: string(plans.PaymentSuspended), Text: "Suspend it"}, {Value: string(plans.PaymentEnded), Text: "End it"}}
		case plans.PaymentSuspended:
			d.Statuses = []web.Item{{Value: string(plans.PaymentActive), Text: "Resume it"}, {Value: string(plans.PaymentEnded), Text: "End it"}}
		}
		if !dp.NextMonitoring.IsZero() {
			d.Due = dp.NextMonitoring.Format("2 January 2006")
			switch v.MonitoringStatus() {
			case reviews.Overdue:
				d.Due, d.DueTag, d.DueClass = "It was due on "+d.Due, "Overdue", "govuk-tag--red"
			case reviews.Due:
				d.Due, d.DueTag, d.DueClass = "Due on "+d.Due, "Due", "govuk-tag--yellow"
			default:
				d.Due = "Next due on " + d.Due
			}
		}
	}
	return d, nil
}

// paymentTerms is the agreement as saved, for its summary.
func paymentTerms(v plans.DirectPaymentView) []web.SummaryRow {
	dp := v.Payment
	managed := dp.ManagedBy.Label()
	switch dp.ManagedBy {
	case plans.ManagedByAuthorised:
		managed += ": " + dp.AuthorisedName + " (" + dp.AuthorisedRelationship + ")"
	case plans.ManagedAccount:
		managed += " held by " + dp.AccountProvider
	}
	var uses []string
	for _, u := range dp.PaysFor {
		t := u.Label()
		if u == plans.UseOther {
			t += ": " + dp.PaysForOther
		}
		uses = append(uses, t)
	}
	status := dp.Status.Label()
	if dp.Status != plans.PaymentActive {
		status += " on " + dp.StatusOn.Format("2 January 2006") + ": " + dp.StatusReason
	}
	return []web.SummaryRow{
		{Key: "Status", Value: status},
		{Key: "Amount", Value: plans.PaymentEvery(v.Service.Service) + ", from the service’s cost"},
		{Key: "First payment", Value: dp.FirstPayment.Format("2 January 2006")},
		{Key: "Managed by", Value: managed},
		{Key: "Pays for", Value: strings.Join(uses, "; ")},
		{Key: "Contingency in the account", Value: plans.FormatPence(dp.ContingencyPence)},
	}
}

// DirectPayment shows a service's direct payment with its monitoring reviews, and records or changes the agreement
// (GET and POST /people/{id}/episodes/{episode}/services/{service}/direct-payment). Opening it is logged as a view.
// A change from an old version is refused: the page shows what the agreement says now and keeps what was typed.
func (p *Pages) DirectPayment() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
		data := &paymentData{}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.DirectPayment]{
			Template: "services/direct-payment.html",
			Order:    paymentOrder,
			Conflict: "Someone else changed this direct payment while you were editing it. Check what it says now, then save again to keep your changes",
			Heading:  "What it says now",
			// Load reads the direct payment, a view of the record, for every page shown; a form shown again keeps
			// what was typed and what is wrong with it.
			Load: func() (plans.DirectPayment, error) {
				d, err := p.loadPayment(r)
				if err != nil {
					return plans.DirectPayment{}, err
				}
				if r.Method == http.MethodPost {
					d.Form = data.Form
				}
				d.Errors, d.ConflictPanel = data.Errors, data.ConflictPanel
				*data = d
				if d.View.Payment == nil {
					return plans.DirectPayment{}, nil
				}
				return *d.View.Payment, nil
			},
			Read: func(f url.Values, errs *web.Errors) plans.DirectPayment {
				data.Form = readPaymentForm(f)
				dp, own := data.Form.payment()
				*errs = own
				if id := f.Get("id"); id != "" {
					dp.ID, dp.PersonID, dp.EpisodeID, dp.ServiceID = id, personID, episodeID, serviceID
				}
				return dp
			},
			// Save agrees the direct payment, or changes the agreement the form was opened at (its id).
			Save: func(dp plans.DirectPayment) (plans.DirectPayment, error) {
				var err error
				if dp.ID == "" {
					_, err = p.payments.Agree(web.Route(r), personID, episodeID, serviceID, dp)
				} else {
					_, err = p.payments.Update(web.Route(r), dp)
				}
				return dp, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, _ plans.DirectPayment) []web.Difference {
				d := data.differences(paymentFormOf(theirs), data.Form)
				if data.View.Payment != nil {
					data.Form.Version = theirs.Version
				}
				return d
			},
			Done: func(plans.DirectPayment) error {
				web.SetFlash(r, "Direct payment agreement saved")
				http.Redirect(w, r, paths.DirectPayment.URL(personID, episodeID, serviceID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// differences lists where the agreement as saved differs from what was typed, in the words of the form's choices.
func (data *paymentData) differences(theirs, typed paymentForm) []web.Difference {
	return web.Differences(
		[3]string{"Managed by", web.ChosenText(data.Managers, theirs.ManagedBy), web.ChosenText(data.Managers, typed.ManagedBy)},
		[3]string{"Authorised person", theirs.AuthorisedName, typed.AuthorisedName},
		[3]string{"Their relationship", theirs.AuthorisedRelationship, typed.AuthorisedRelationship},
		[3]string{"Account held by", theirs.AccountProvider, typed.AccountProvider},
		[3]string{"First payment", theirs.FirstPayment.Text(), typed.FirstPayment.Text()},
		[3]string{"Pays for", web.ChosenText(data.Uses, theirs.PaysFor...), web.ChosenText(data.Uses, typed.PaysFor...)},
		[3]string{"Anything else it pays for", theirs.PaysForOther, typed.PaysForOther},
		[3]string{"Contingency in the account", theirs.Contingency, typed.Contingency},
	)
}

// paymentAction runs one of the smaller forms of the direct payment page (a monitoring review, a change of status)
// through web.Edit: read reads the form into the page's fields for it and what to save, with the form's own
// problems, and save saves it at the version the form was shown with, saying what happened for the flash. The page
// is read again only to show a problem, so a change logs only the change. A save refused on the version shows the
// agreement as saved now, with a panel of the page's own saying so (Conflict), and the form as typed.
func paymentAction[R any](p *Pages, read func(f url.Values, d *paymentData, errs *web.Errors) R,
	save func(r *http.Request, rec R, version int) (flash string, err error)) web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data := &paymentData{}
		var version int
		var flash string
		return web.Edit(p.tmpl, w, r, data, web.EditForm[R]{
			Template: "services/direct-payment.html",
			Order:    paymentOrder,
			Conflict: "Someone else changed this direct payment while you were working on it. Check what it says now, then try again",
			Load: func() (R, error) {
				var none R
				d, err := p.loadPayment(r)
				if err != nil {
					return none, err
				}
				d.HeldOn, d.Result, d.Findings = data.HeldOn, data.Result, data.Findings
				d.StatusTo, d.StatusOn, d.StatusReason = data.StatusTo, data.StatusOn, data.StatusReason
				d.Errors = data.Errors
				*data = d
				return none, nil
			},
			Read: func(f url.Values, errs *web.Errors) R {
				version = web.FormVersion(f, "version")
				return read(f, data, errs)
			},
			Save: func(rec R) (R, error) {
				var err error
				flash, err = save(r, rec, version)
				return rec, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The agreement as saved now is on the page, and each small form carries its version.
			Compare: func(R, R) []web.Difference {
				data.Conflict = true
				return nil
			},
			Done: func(R) error {
				web.SetFlash(r, flash)
				http.Redirect(w, r, paths.DirectPayment.URL(r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// Monitoring records a monitoring review of the direct payment (POST .../direct-payment/monitoring).
func (p *Pages) Monitoring() web.Handler {
	return paymentAction(p, func(f url.Values, d *paymentData, errs *web.Errors) plans.Monitoring {
		d.HeldOn, d.Result, d.Findings = web.DateInputFrom(f, "held_on"), f.Get("result"), strings.TrimSpace(f.Get("findings"))
		return plans.Monitoring{HeldOn: web.ReadDate(errs, d.HeldOn, "held_on", "Date the monitoring review was held"),
			Result: plans.MonitoringResult(d.Result), Findings: d.Findings}
	}, func(r *http.Request, m plans.Monitoring, version int) (string, error) {
		err := p.payments.RecordMonitoring(web.Route(r), r.PathValue("id"), r.PathValue("episode"), r.PathValue("service"), m, version)
		return "Monitoring review recorded", err
	})
}

// Status suspends, resumes or ends the direct payment (POST .../direct-payment/status).
func (p *Pages) Status() web.Handler {
	return paymentAction(p, func(f url.Values, d *paymentData, errs *web.Errors) plans.DirectPayment {
		d.StatusTo, d.StatusOn, d.StatusReason = f.Get("status"), web.DateInputFrom(f, "status_on"), strings.TrimSpace(f.Get("status_reason"))
		return plans.DirectPayment{Status: plans.PaymentStatus(d.StatusTo), StatusOn: web.ReadDate(errs, d.StatusOn, "status_on", "Date"), StatusReason: d.StatusReason}
	}, func(r *http.Request, change plans.DirectPayment, version int) (string, error) {
		err := p.payments.ChangeStatus(web.Route(r), r.PathValue("id"), r.PathValue("episode"), r.PathValue("service"), change.Status, change.StatusOn, change.StatusReason, version)
		flash := map[plans.PaymentStatus]string{plans.PaymentActive: "Direct payment resumed", plans.PaymentSuspended: "Direct payment suspended",
			plans.PaymentEnded: "Direct payment ended, and the service with it"}[change.Status]
		return flash, err
	})
}
