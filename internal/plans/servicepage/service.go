package servicepage

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type serviceData struct {
	formData
	web.ConflictPanel
	Record        plans.ServiceRecord
	Rows          []web.SummaryRow
	Authorisation []web.SummaryRow
	StatusClass   string
	CanChange     bool
	CanStart      bool
	CanEnd        bool
	StartAction   string
	EndAction     string
	StartedOn     web.DateInput
	EndedOn       web.DateInput
	EndedReason   string
	PlanHref      string // the episode's support plan, which the service goes on
	Weekly        string
	Payment       []web.SummaryRow // the direct payment, for a service delivered as one
	PaymentHref   string
	PaymentLink   string
}

// loadService reads the service and fills the page as it stands, with its forms showing what is saved.
func (p *Pages) loadService(w http.ResponseWriter, r *http.Request) (serviceData, error) {
	personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
	ep, rec, err := p.store.Get(web.Route(r), personID, episodeID, serviceID)
	if err != nil {
		return serviceData{}, err
	}
	me := staff(r)
	data := serviceData{
		formData: formData{
			Page: web.NewPage(r, rec.Name()), Person: ep.Person, Choices: choicesFor(ep), Form: formOf(rec),
			Action: paths.Service.URL(personID, episodeID, serviceID), Button: "Save changes", Cancel: paths.Services.URL(personID, episodeID),
		},
		Record: rec, StatusClass: statusClass(rec.Status),

		CanChange:   me.Role.ChangesPeople() && rec.Changeable(),
		StartAction: paths.ServiceStart.URL(personID, episodeID, serviceID),
		EndAction:   paths.ServiceEnd.URL(personID, episodeID, serviceID),
		StartedOn:   web.DateInputOf(ep.Today.Time),
		EndedOn:     web.DateInputOf(ep.Today.Time),
	}
	data.CanStart = data.CanChange && rec.CanStart()
	data.Weekly = plans.FormatPence(rec.WeeklyCost)
	data.CanEnd = data.CanChange
	if !rec.Start.IsZero() && rec.Status != plans.ServiceActive {
		data.StartedOn = web.DateInputOf(rec.Start.Time)
	}
	data.Status = string(rec.Status)
	data.Back, data.PlanHref = paths.Services.URL(personID, episodeID), paths.SupportPlans.URL(personID, episodeID)
	if ep.ThresholdPence > 0 {
		data.Threshold = plans.FormatPence(ep.ThresholdPence)
	}
	data.Rows, data.Authorisation = summary(rec)
	if dp := rec.Payment; dp != nil {
		data.PaymentHref, data.PaymentLink = paths.DirectPayment.URL(personID, episodeID, serviceID), "View the direct payment and its monitoring"
		data.Payment = []web.SummaryRow{
			{Key: "Status", Value: paymentLine(*dp, ep.Today)},
			{Key: "Paid", Value: plans.PaymentEvery(rec.Service)},
			{Key: "Managed by", Value: dp.ManagedBy.Label()},
		}
	} else if rec.DeliveryMechanism == codelists.DeliveryDirectPayment && rec.Changeable() {
		data.PaymentHref, data.PaymentLink = paths.DirectPayment.URL(personID, episodeID, serviceID), "Record the direct payment agreement"
		data.Payment = []web.SummaryRow{{Key: "Status", Value: "Agreement not recorded yet"}}
	}
	return data, nil
}

func summary(rec plans.ServiceRecord) ([]web.SummaryRow, []web.SummaryRow) {
	date := func(d sqldb.Date) string {
		if d.IsZero() {
			return "Not set"
		}
		return d.Format("2 January 2006")
	}
	var outcomes []string
	for _, o := range rec.Outcomes {
		outcomes = append(outcomes, o.Different)
	}
	term := "Short term"
	if rec.LongTerm {
		term = "Long term: " + rec.LongTermReason
	}
	units := strconv.FormatFloat(rec.Units, 'f', -1, 64)
	rows := []web.SummaryRow{
		{Key: "Status", Value: rec.Status.Label()},
		{Key: "Outcomes it serves", Value: strings.Join(outcomes, "; ")},
		{Key: "Type of service", Value: codelists.ServiceType.Label(rec.ServiceType)},
		{Key: "Service component", Value: rec.Component},
		{Key: "How it is delivered", Value: rec.DeliveryMechanism},
		{Key: "Provider", Value: or(rec.Provider, "Not recorded")},
		{Key: "Start date", Value: date(rec.Start)},
		{Key: "Short or long term", Value: term},
		{Key: "End date", Value: date(rec.End)},
		{Key: "Next review", Value: date(rec.NextReview)},
		{Key: "Cost", Value: plans.FormatPence(rec.UnitCostPence) + " " + strings.ToLower(codelists.CostFrequency.Label(rec.Frequency)) + " × " + units},
		{Key: "Weekly cost", Value: plans.FormatPence(rec.WeeklyCost)},
		{Key: "Asked for by", Value: or(rec.RequestedByName, "Not recorded")},
	}
	if rec.Status == plans.Ended {
		rows = append(rows, web.SummaryRow{Key: "Why it ended", Value: rec.EndedReason})
	}
	var auth []web.SummaryRow
	if a := rec.Authorisation; a != nil {
		auth = []web.SummaryRow{
			{Key: "Decision", Value: a.Decision.Label()},
			{Key: "Weekly cost asked for", Value: plans.FormatPence(a.WeeklyCostPence)},
			{Key: "Asked for by", Value: a.RequestedByName + ", " + a.RequestedAt.Format("2 January 2006")},
		}
		if a.Decision != plans.Pending {
			who := or(a.DecidedByName, "Changed by the practitioner")
			auth = append(auth, web.SummaryRow{Key: "Decided", Value: who + ", " + a.DecidedAt.Format("2 January 2006")})
			auth = append(auth, web.SummaryRow{Key: "Reason", Value: or(a.Reason, "None given")})
		}
	}
	return rows, auth
}

func or(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

// Service shows a service, with its authorisation, and changes it (GET and POST
// /people/{id}/episodes/{episode}/services/{service}). A change of cost that crosses the council's threshold waits
// for authorisation again. A change made from an old version is refused: the page shows the service as saved now
// and keeps what this user typed.
func (p *Pages) Service() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
		data := &serviceData{}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.ServiceRecord]{
			Template: "services/service.html",
			Order:    fieldOrder,
			Conflict: "Someone else changed this service while you were editing it. Check what it says now, then save again to keep your changes",
			Heading:  "What it says now",
			// Load reads the service, a view of the record, for every page shown; a form shown again keeps what was
			// typed and what is wrong with it.
			Load: func() (plans.ServiceRecord, error) {
				d, err := p.loadService(w, r)
				if err != nil {
					return plans.ServiceRecord{}, err
				}
				if r.Method == http.MethodPost {
					d.Form = data.Form
				}
				d.Errors, d.ConflictPanel = data.Errors, data.ConflictPanel
				*data = d
				return d.Record, nil
			},
			Read: func(f url.Values, errs *web.Errors) plans.ServiceRecord {
				data.Form = readServiceForm(f)
				svc, own := data.Form.service()
				svc.ID, svc.PersonID, svc.EpisodeID = serviceID, personID, episodeID
				*errs = checkAll(svc, own)
				return plans.ServiceRecord{Service: svc}
			},
			Save: func(rec plans.ServiceRecord) (plans.ServiceRecord, error) {
				return p.store.Update(web.Route(r), rec.Service)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, _ plans.ServiceRecord) []web.Difference {
				d := data.differences(formOf(theirs), data.Form)
				data.Form.Version = theirs.Version
				return d
			},
			Done: func(rec plans.ServiceRecord) error {
				if before := r.PostForm.Get("status"); rec.Status == plans.AwaitingAuthorisation && before != string(plans.AwaitingAuthorisation) {
					web.SetFlash(r, "Changes saved. The service now costs "+plans.FormatPence(rec.WeeklyCost)+" a week, so a team manager must authorise it before it can start")
				} else {
					web.SetFlash(r, "Changes saved")
				}
				http.Redirect(w, r, paths.Service.URL(personID, episodeID, serviceID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// differences lists where the service as saved differs from what was typed, in the words of the form's choices.
func (data *serviceData) differences(theirs, typed serviceForm) []web.Difference {
	term := map[string]string{"short": "Short term", "long": "Long term"}
	c := data.Choices
	return web.Differences(
		[3]string{"Outcomes it serves", web.ChosenText(c.Outcomes, theirs.OutcomeIDs...), web.ChosenText(c.Outcomes, typed.OutcomeIDs...)},
		[3]string{"Solution on the ladder", web.ChosenText(c.Solutions, theirs.SolutionID), web.ChosenText(c.Solutions, typed.SolutionID)},
		[3]string{"Type of service", web.ChosenText(c.ServiceTypes, theirs.ServiceType), web.ChosenText(c.ServiceTypes, typed.ServiceType)},
		[3]string{"Service component", web.ChosenText(c.Components, theirs.Component), web.ChosenText(c.Components, typed.Component)},
		[3]string{"How it is delivered", web.ChosenText(c.DeliveryMechanism, theirs.DeliveryMechanism), web.ChosenText(c.DeliveryMechanism, typed.DeliveryMechanism)},
		[3]string{"Provider", theirs.Provider, typed.Provider},
		[3]string{"Start date", theirs.Start.Text(), typed.Start.Text()},
		[3]string{"Short or long term", term[theirs.Term], term[typed.Term]},
		[3]string{"Why long term", theirs.LongTermReason, typed.LongTermReason},
		[3]string{"End date", theirs.End.Text(), typed.End.Text()},
		[3]string{"Next review", theirs.NextReview.Text(), typed.NextReview.Text()},
		[3]string{"Unit cost", theirs.UnitCost, typed.UnitCost},
		[3]string{"How often", web.ChosenText(c.Frequencies, theirs.Frequency), web.ChosenText(c.Frequencies, typed.Frequency)},
		[3]string{"Units", theirs.Units, typed.Units},
	)
}

// staleService is the message on a small form of the service page (start, end) refused on the service's version:
// the page above the form shows the service as saved now.
const staleService = "Someone else changed this service while you were looking at it. Check what it says now, then try again"

// shownAgain is web.EditForm.Load for a small form of the service page (start, end): it reads the service again, a
// view of the record, only to show a problem, so a change saved logs only the change; keep puts what was typed back
// into the form.
func (p *Pages) shownAgain(w http.ResponseWriter, r *http.Request, data *serviceData, keep func(shown *serviceData)) func() (plans.ServiceRecord, error) {
	return func() (plans.ServiceRecord, error) {
		d, err := p.loadService(w, r)
		if err != nil {
			return plans.ServiceRecord{}, err
		}
		keep(&d)
		d.Errors = data.Errors
		*data = d
		return d.Record, nil
	}
}

// Start records that a service has started (POST .../services/{service}/start). A service that is not authorised
// cannot start: the page says so.
func (p *Pages) Start() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
		data := &serviceData{}
		var typed web.DateInput
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.ServiceRecord]{
			Template:      "services/service.html",
			Conflict:      staleService,
			ConflictField: "started_on",
			Load:          p.shownAgain(w, r, data, func(d *serviceData) { d.StartedOn = typed }),
			Read: func(f url.Values, errs *web.Errors) plans.ServiceRecord {
				typed = web.DateInputFrom(f, "started_on")
				on, de := typed.Parse("Date the service started")
				errs.AddDate("started_on", de)
				return plans.ServiceRecord{Service: plans.Service{Start: sqldb.NewDate(on), Version: web.FormVersion(f, "version")}}
			},
			Save: func(rec plans.ServiceRecord) (plans.ServiceRecord, error) {
				err := p.store.Start(web.Route(r), personID, episodeID, serviceID, rec.Start, rec.Version)
				if errors.Is(err, plans.ErrNotAuthorised) {
					err = validation.Problems{{Field: "started_on", Message: "This service cannot start until a team manager authorises it"}}
				}
				return rec, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The service as saved now is on the page, and the form carries its version.
			Compare: func(plans.ServiceRecord, plans.ServiceRecord) []web.Difference { return nil },
			Done: func(plans.ServiceRecord) error {
				web.SetFlash(r, "Service started")
				http.Redirect(w, r, paths.Service.URL(personID, episodeID, serviceID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// End records that a service has ended, when and why (POST .../services/{service}/end).
func (p *Pages) End() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, serviceID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("service")
		data := &serviceData{}
		var typed web.DateInput
		var reason string
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.ServiceRecord]{
			Template:      "services/service.html",
			Conflict:      staleService,
			ConflictField: "ended_on",
			Load:          p.shownAgain(w, r, data, func(d *serviceData) { d.EndedOn, d.EndedReason = typed, reason }),
			Read: func(f url.Values, errs *web.Errors) plans.ServiceRecord {
				typed, reason = web.DateInputFrom(f, "ended_on"), strings.TrimSpace(f.Get("ended_reason"))
				on, de := typed.Parse("Date the service ended")
				errs.AddDate("ended_on", de)
				if reason == "" {
					errs.Add("ended_reason", "Enter why the service ended")
				}
				return plans.ServiceRecord{Service: plans.Service{End: sqldb.NewDate(on), Version: web.FormVersion(f, "version")}, EndedReason: reason}
			},
			Save: func(rec plans.ServiceRecord) (plans.ServiceRecord, error) {
				return rec, p.store.End(web.Route(r), personID, episodeID, serviceID, rec.End, rec.EndedReason, rec.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The service as saved now is on the page, and the form carries its version.
			Compare: func(plans.ServiceRecord, plans.ServiceRecord) []web.Difference { return nil },
			Done: func(plans.ServiceRecord) error {
				web.SetFlash(r, "Service ended")
				http.Redirect(w, r, paths.Service.URL(personID, episodeID, serviceID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
