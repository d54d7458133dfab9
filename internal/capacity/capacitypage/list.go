package capacitypage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	PersonID, EpisodeID string
	Ep                  capacity.EpisodePage
}

// List shows an episode's assessments and best-interests decisions (GET .../capacity).
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Mental capacity"), PersonID: id, EpisodeID: epID, Ep: ep}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "capacity/list.html", data)
	}
}
