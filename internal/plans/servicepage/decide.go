package servicepage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type decideData struct {
	web.Page
	// ConflictPanel stays empty: after a conflict the page shows the request as it is now, and asks for the
	// decision again.
	web.ConflictPanel
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
// A decline needs a reason; a reason is always kept. Nobody decides on their own request. A decision made while the
// practitioner changed the service is not saved: the page shows the service as it is now and asks for the decision
// again, keeping the reason.
func (p *Pages) Decide() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !plans.MayAuthorise(staff(r).Role) {
			return web.Forbidden
		}
		id := r.PathValue("authorisation")
		load := func() (decideData, error) {
			view, err := p.store.Authorisation(web.Route(r), id)
			if errors.Is(err, people.ErrBreakGlassNeeded) {
				return decideData{}, web.Forbidden // a manager authorises for their own teams' people only
			}
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
		data := &decideData{}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.Authorisation]{
			Template:      "services/decide.html",
			Conflict:      "The practitioner changed this service while you were deciding. Check the cost and details again, then decide",
			ConflictField: "decision",
			// Load reads the request, a view of the person's record, for every page shown; a form shown again keeps
			// the decision as chosen, unless nobody here may decide it now.
			Load: func() (plans.Authorisation, error) {
				d, err := load()
				if err != nil {
					return plans.Authorisation{}, err
				}
				if r.Method == http.MethodPost {
					if d.CannotSay != "" {
						return plans.Authorisation{}, web.Forbidden
					}
					d.Decision, d.Reason, d.Version = data.Decision, data.Reason, data.Version
				}
				d.Errors = data.Errors
				*data = d
				return d.View.Authorisation, nil
			},
			Read: func(f url.Values, errs *web.Errors) plans.Authorisation {
				data.Decision, data.Reason = f.Get("decision"), strings.TrimSpace(f.Get("reason"))
				data.Version = web.FormVersion(f, "version")
				switch plans.Decision(data.Decision) {
				case plans.DecideAuthorise:
				case plans.DecideDecline:
					if data.Reason == "" {
						errs.Add("reason", "Explain why the service is declined")
					}
				default:
					errs.Add("decision", "Select whether to authorise or decline the service")
				}
				return plans.Authorisation{ID: id, Decision: plans.Decision(data.Decision), Reason: data.Reason, Version: data.Version}
			},
			Save: func(a plans.Authorisation) (plans.Authorisation, error) {
				err := p.store.Decide(web.Route(r), a.ID, a.Decision, a.Reason, a.Version)
				if errors.Is(err, people.ErrBreakGlassNeeded) {
					return a, web.Forbidden // a manager authorises for their own teams' people only
				}
				return a, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The cost or details the decision was about changed, so it is asked for again, beside the request as
			// it is now; the reason stays.
			Compare: func(theirs, _ plans.Authorisation) []web.Difference {
				data.Decision, data.Version = "", theirs.Version
				return nil
			},
			Done: func(a plans.Authorisation) error {
				if a.Decision == plans.DecideAuthorise {
					web.SetFlash(r, "Service authorised")
				} else {
					web.SetFlash(r, "Service declined")
				}
				http.Redirect(w, r, paths.Authorisations.URL(), http.StatusSeeOther)
				return nil
			},
		})
	}
}
