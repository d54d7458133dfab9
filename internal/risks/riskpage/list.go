package riskpage

import (
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person              people.Person
	PersonID, EpisodeID string
	Risks               []risks.Risk
	Today               time.Time
	CanChange           bool
	Base                string
}

// List shows an episode's risks (GET .../risks).
func (p *Pages) List() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		page, err := p.store.Risks(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Risks and positive risk-taking"), Person: page.Person, PersonID: id, EpisodeID: epID,
			Risks: page.Risks, Today: web.Today(r).Time, CanChange: web.Can(r, councils.Role.ChangesPeople), Base: paths.Risks.URL(id, epID)}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "risks/list.html", data)
	})
}
