// Package planpage provides the pages for an episode's solutions, placed on the least-intrusive ladder.
package planpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
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

func route(r *http.Request) context.Context {
	return accesslog.WithRoute(r.Context(), accesslog.Page, r.Pattern)
}

func mayChange(r *http.Request) error {
	if s, ok := councils.StaffFrom(r.Context()); !ok || !s.Role.ChangesPeople() {
		return web.Forbidden
	}
	return nil
}
