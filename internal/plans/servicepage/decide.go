package servicepage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type decideData struct {
	web.Page
	View        plans.AuthorisationView
	Rows        []web.SummaryRow
	ServiceHref string
	CannotSay   string // why this member of staff may not decide, or ""
	Decision    string
	Reason      string
	Version     int
	Weekly      string
}

// Decide is where a team manager authorises or declines a service (GET and POST /authorisations/{authorisation}).
// A decline needs a reason; a reason is always kept. Nobody decides on their own request.
func (p *Pages) Decide() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !plans.MayAuthorise(staff(r).Role) {
			return web.Forbidden
		}
		id := r.PathValue("authorisation")
		load := func() (decideData, error) {
			view, err := p.store.Authorisation(web.Route(r), id)
			if err != nil {
				return decideData{}, err
			}
			a := view.Authorisation
			data := decideData{
				Page: web.NewPage(r, "Authorise a service"), View: view, Version: a.Version,
				ServiceHref: paths.Service.URL(a.PersonID, a.EpisodeID, a.ServiceID), Weekly: plans.FormatPence(a.WeeklyCostPence),
			}
			data.Back = paths.Authorisations.URL()
			rows, _ := summary(view.Service)
			data.Rows = []web.SummaryRow{
				{Key: "Person", Value: view.Person.FullName()},
				{Key: "Asked for by", Value: a.RequestedByName + ", " + a.RequestedAt.Format("2 January 2006")},
				{Key: "Weekly cost asked for", Value: data.Weekly},
			}
			for _, row := range rows {
				if k := row.Key; k != "Status" && k != "Asked for by" && k != "Weekly cost" {
					data.Rows = append(data.Rows, row)
				}
			}
			switch {
			case view.CanDecide == nil:
			case errors.Is(view.CanDecide, plans.ErrOwnRequest):
				data.CannotSay = "You asked for this service, so another team manager must decide on it."
			case a.Decision != plans.Pending:
				data.CannotSay = "This request was already " + strings.ToLower(a.Decision.Label())
				if a.DecidedByName != "" {
					data.CannotSay += " by " + a.DecidedByName
				}
				data.CannotSay += "."
			default:
				data.CannotSay = "This person is not allocated to your teams, so their team manager must decide on it."
			}
			return data, nil
		}
		if r.Method != http.MethodPost {
			data, err := load()
			if errors.Is(err, people.ErrBreakGlassNeeded) {
				return web.Forbidden // a manager authorises for their own teams' people only
			}
			if err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "services/decide.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		decision, reason := r.PostForm.Get("decision"), strings.TrimSpace(r.PostForm.Get("reason"))
		version := web.FormVersion(r.PostForm, "version")
		var errs web.Errors
		// show renders the page again with the decision as chosen; reading the request back is a view of the
		// person's record, and a decision saved logs only the change.
		show := func(status int) error {
			data, err := load()
			if errors.Is(err, people.ErrBreakGlassNeeded) {
				return web.Forbidden
			}
			if err != nil {
				return err
			}
			if data.CannotSay != "" {
				return web.Forbidden
			}
			data.Decision, data.Reason, data.Errors = decision, reason, errs
			if status == http.StatusConflict {
				data.Decision = ""
			} else {
				data.Version = version
			}
			return p.tmpl.Render(w, r, status, "services/decide.html", data)
		}
		switch decision {
		case string(plans.DecideAuthorise):
		case string(plans.DecideDecline):
			if reason == "" {
				errs.Add("reason", "Explain why the service is declined")
			}
		default:
			errs.Add("decision", "Select whether to authorise or decline the service")
		}
		if errs.Any() {
			return show(http.StatusUnprocessableEntity)
		}
		err := p.store.Decide(web.Route(r), id, plans.Decision(decision), reason, version)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&errs, ps, nil)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			errs.Add("decision", "The practitioner changed this service while you were deciding. Check the cost and details again, then decide")
			return show(http.StatusConflict)
		}
		if errors.Is(err, people.ErrBreakGlassNeeded) {
			return web.Forbidden
		}
		if err != nil {
			return err
		}
		if decision == string(plans.DecideAuthorise) {
			web.SetFlash(r, "Service authorised")
		} else {
			web.SetFlash(r, "Service declined")
		}
		http.Redirect(w, r, paths.Authorisations.URL(), http.StatusSeeOther)
		return nil
	}
}
