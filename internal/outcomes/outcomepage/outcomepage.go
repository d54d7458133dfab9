// Package outcomepage provides the pages for a person's aspirations, in their own words, and the SMART outcomes of
// an episode of work with their Goal Attainment Scales.
package outcomepage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the outcome pages need of outcomes.Store.
type Store interface {
	Person(ctx context.Context, personID, episodeID string) (people.Person, error)
	GetAspiration(ctx context.Context, personID, id string) (people.Person, outcomes.Recorded, error)
	AddAspiration(ctx context.Context, a outcomes.Aspiration) (outcomes.Aspiration, error)
	UpdateAspiration(ctx context.Context, a outcomes.Aspiration, version int) error
	Board(ctx context.Context, personID, episodeID string) (outcomes.Board, error)
	AddOutcome(ctx context.Context, o outcomes.Outcome) (outcomes.Outcome, error)
	UpdateOutcome(ctx context.Context, o outcomes.Outcome) error
}

// Pages holds what every outcome page needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the outcome pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// NewAspirationPath adds an aspiration heard in an episode.
func NewAspirationPath(id, episode string) string {
	p := paths.NewAspiration.URL(id)
	if episode != "" {
		p += "?episode=" + episode
	}
	return p
}

// route marks the request's access-log entries as coming from this page.
func route(r *http.Request) context.Context {
	return accesslog.WithRoute(r.Context(), accesslog.Page, r.Pattern)
}

// mayChange refuses the forms to roles that do not change people's records.
func mayChange(r *http.Request) error {
	if s, ok := councils.StaffFrom(r.Context()); !ok || !s.Role.ChangesPeople() {
		return web.Forbidden
	}
	return nil
}

// difference is one field someone else saved differently from what this user typed.
type difference struct {
	Label, Theirs, Yours string
}

func differences(rows ...[3]string) []difference {
	var out []difference
	for _, r := range rows {
		if r[1] != r[2] {
			out = append(out, difference{Label: r[0], Theirs: r[1], Yours: r[2]})
		}
	}
	return out
}
