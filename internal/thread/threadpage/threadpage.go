// Package threadpage provides the golden thread view of an episode: a picture of each outcome's thread from
// aspiration to review, the same thread as a list, and every break named so that it can be mended.
package threadpage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/thread"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the thread page needs of thread.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (people.Person, thread.View, error)
}

type threadData struct {
	web.Page
	Person      people.Person
	EpisodePath string
	View        thread.View
	Picture     thread.Picture
}

// Episode is the golden thread view of one episode. Opening it is logged as a view of the person's record.
func Episode(tmpl *web.Templates, store Store) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		ctx := web.Route(r)
		p, v, err := store.Episode(ctx, personID, episodeID)
		if err != nil {
			return err
		}
		data := threadData{
			Page: web.NewPage(r, "The golden thread"), Person: p, View: v, Picture: thread.Draw(v),
			EpisodePath: paths.Episode.URL(personID, episodeID),
		}
		data.Back = data.EpisodePath
		return tmpl.Render(w, r, http.StatusOK, "thread/episode.html", data)
	}
}
