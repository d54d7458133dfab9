// Package outcomepage provides the pages for a person's aspirations, in their own words, and the SMART outcomes of
// an episode of work with their Goal Attainment Scales.
package outcomepage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"

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
