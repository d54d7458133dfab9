// Package planpage provides the pages for an episode's solutions, placed on the least-intrusive ladder.
package planpage

import (
	"context"
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the solution pages need of plans.Store.
type Store interface {
	Ladder(ctx context.Context, personID, episodeID string) (plans.Ladder, error)
	AddSolution(ctx context.Context, s plans.Solution) (plans.Solution, error)
	UpdateSolution(ctx context.Context, s plans.Solution) error
}

// Pages holds what every solution page needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the solution pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }
