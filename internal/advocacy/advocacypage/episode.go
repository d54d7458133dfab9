package advocacypage

import (
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// action is a required action as the page lists it.
type action struct {
	duties.Duty
	Overdue bool
}

type episodeData struct {
	web.Page
	PersonID, EpisodeID string
	Ep                  advocacy.Page
	Actions             []action
}

// Episode shows an episode's advocacy (GET .../advocacy).
func (p *Pages) Episode() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := episodeData{Page: web.NewPage(r, "Advocacy"), PersonID: id, EpisodeID: epID, Ep: ep}
		for _, d := range ep.Actions {
			data.Actions = append(data.Actions, action{Duty: d, Overdue: d.Overdue(ep.Now)})
		}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "advocacy/episode.html", data)
	}
}

// DueOn is the last UK day on which the action is in time (DueAt is the first instant after it).
func (a action) DueOn() string { return DueOn(a.DueAt) }

// DueOn is the last UK day before the instant due, as "2 January 2006".
func DueOn(due time.Time) string {
	return due.Add(-time.Nanosecond).In(sqldb.London()).Format("2 January 2006")
}
