package servicepage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

type authorisationsData struct {
	web.Page
	Rows []authorisationRow
}

type authorisationRow struct {
	Href, Person, Service, Weekly, AskedBy, AskedOn string
	Own                                             bool
}

// Authorisations is a team manager's list of services waiting for authorisation, oldest first (GET
// /authorisations): for team managers, their teams' people; for the quality lead, the whole council.
func (p *Pages) Authorisations() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !plans.MayAuthorise(staff(r).Role) {
			return web.Forbidden
		}
		list, err := p.store.Waiting(web.Route(r))
		if err != nil {
			return err
		}
		data := authorisationsData{Page: web.NewPage(r, "Services waiting for authorisation")}
		for _, a := range list {
			data.Rows = append(data.Rows, authorisationRow{
				Href: paths.Authorisation.URL(a.ID), Person: a.PersonName, Service: a.ServiceName, Weekly: plans.FormatPence(a.WeeklyCostPence),
				AskedBy: a.RequestedByName, AskedOn: a.RequestedAt.Format("2 January 2006"), Own: a.Own,
			})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "services/authorisations.html", data)
	}
}
