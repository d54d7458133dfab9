// Package capacitypage provides the pages for mental capacity: an episode's assessments and best-interests
// decisions, recording an assessment (the five principles shown as guidance, the two stages with evidence, the
// causal link, the result), one assessment with its IMCA duty, and recording a best-interests decision (the s4
// checklist item by item, the people consulted, the options with the less restrictive first).
package capacitypage

import (
	"context"
	"embed"
	"io/fs"
	"time"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of capacity.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (capacity.EpisodePage, error)
	Person(ctx context.Context, personID, episodeID string) (people.Person, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (people.Person, error)
	Assessment(ctx context.Context, personID, episodeID, id string) (capacity.AssessmentPage, error)
	AssessmentGlance(ctx context.Context, personID, episodeID, id string) (capacity.AssessmentPage, error)
	Record(ctx context.Context, a capacity.Assessment) (capacity.Assessment, error)
	Decide(ctx context.Context, b capacity.BestInterests, latest string) (capacity.BestInterests, error)
	Now() time.Time
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }
