package frontdoorpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type signpostsData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Signposts           []frontdoor.Signpost
	Today               sqldb.Date // for the follow-ups overdue
	Signposting         SignpostsForm
	SignpostedOn        web.DateInput
	Cancel              string
}

// Signposts lists an episode's signposts and referrals with their follow-ups (GET .../signposts), and records a
// new one (GET and POST .../signposts/new).
func (p *Pages) Signposts() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		page, err := p.store.Signposts(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := signpostsData{Page: web.NewPage(r, "Signposts and referrals"), PersonID: id, EpisodeID: epID, Person: page.Person, Signposts: page.Signposts, Today: page.Today}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/signposts.html", data)
	}
}
