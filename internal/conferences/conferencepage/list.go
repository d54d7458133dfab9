package conferencepage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person      people.Person
	Conferences []conferences.Conference
	CanChange   bool
	Base        string
}

// List shows an episode's family group conferences (GET .../conferences).
func (p *Pages) List() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		page, err := p.store.Episode(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Family group conferences"), Person: page.Person, Conferences: page.Conferences,
			CanChange: web.Can(r, councils.Role.ChangesPeople), Base: paths.Conferences.URL(id, epID)}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "conferences/list.html", data)
	})
}
