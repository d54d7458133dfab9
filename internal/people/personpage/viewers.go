package personpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type viewersData struct {
	web.Page
	PersonID   string
	PersonName string
	Entries    []accesslog.Entry
}

// Viewers is "Who has seen this record", for managers, the quality lead and administrators.
func (p *Pages) Viewers() web.Handler {
	return web.Requires(councils.Role.SeesWhoViewed, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		glance, err := p.store.Glance(r.Context(), id)
		if err != nil {
			return err
		}
		entries, err := p.store.Viewers(web.Route(r), id)
		if err != nil {
			return err
		}
		data := viewersData{Page: web.NewPage(r, "Who has seen this record"), PersonID: id, PersonName: glance.FullName(), Entries: entries}
		data.Back = paths.Person.URL(id)
		return p.tmpl.Render(w, r, http.StatusOK, "people/viewers.html", data)
	})
}
