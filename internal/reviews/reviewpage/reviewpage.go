// Package reviewpage provides the review pages: an episode's scheduled and held reviews, holding a review (each
// outcome rated on its scale, each service stopped, continued or changed), and a team's reviews due and overdue
// for its managers.
package reviewpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the review pages need of reviews.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (reviews.EpisodeReviews, error)
	Get(ctx context.Context, personID, episodeID, reviewID string) (reviews.View, error)
	Hold(ctx context.Context, personID, episodeID, reviewID string, h reviews.Held, version int) (reviews.Result, error)
	Due(ctx context.Context, teamID string) (reviews.TeamReviews, error)
	Planning(ctx context.Context, personID, episodeID string) (reviews.Planning, error)
	SetNext(ctx context.Context, personID, episodeID string, n reviews.NextDue, version int) (string, error)
}

// Episodes ends an episode: conversations.Store's own end, so a review that finished the support ends the episode
// by the same rules as the episode's end form.
type Episodes interface {
	End(ctx context.Context, personID, episodeID string, end conversations.Ending, version int) error
}

// Directory offers the teams a manager may choose.
type Directory interface {
	Teams(ctx context.Context) ([]councils.Team, error)
}

// Pages holds what every review page needs.
type Pages struct {
	tmpl     *web.Templates
	store    Store
	dir      Directory
	episodes Episodes
}

// New returns the review pages.
func New(tmpl *web.Templates, store Store, dir Directory, episodes Episodes) *Pages {
	return &Pages{tmpl: tmpl, store: store, dir: dir, episodes: episodes}
}

func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

// dueClass is the GOV.UK tag colour for a due status; the tag's words say the same.
func dueClass(s reviews.DueStatus) string {
	switch s {
	case reviews.Overdue:
		return "govuk-tag--red"
	case reviews.Due:
		return "govuk-tag--yellow"
	}
	return "govuk-tag--grey"
}
