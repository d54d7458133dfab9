// Package strengthpage provides the pages for a person's strengths and their network: strengths listed by kind,
// the form to record or change one, the ecomap with the same data as a table beside it, and the form to describe
// a connection.
package strengthpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the pages need of strengths.Store.
type Store interface {
	List(ctx context.Context, personID string) (people.Person, []strengths.Strength, error)
	Strength(ctx context.Context, personID, id string) (people.Person, strengths.Strength, error)
	Add(ctx context.Context, s strengths.Strength) (strengths.Strength, error)
	Update(ctx context.Context, s strengths.Strength) error
	Remove(ctx context.Context, personID, id string, version int) error
	Ecomap(ctx context.Context, personID string) (strengths.Map, error)
	AddConnection(ctx context.Context, c strengths.Connection) (strengths.Connection, error)
	UpdateConnection(ctx context.Context, c strengths.Connection) error
	RemoveConnection(ctx context.Context, personID, id string, version int) error
}

// People gives the name of the person a form is about, without opening their record (a change is logged as a
// change, not as a view as well).
type People interface {
	Glance(ctx context.Context, id string) (people.Summary, error)
}

// Pages holds what every strengths page needs.
type Pages struct {
	tmpl   *web.Templates
	store  Store
	people People
}

// New returns the strengths pages.
func New(tmpl *web.Templates, store Store, people People) *Pages {
	return &Pages{tmpl: tmpl, store: store, people: people}
}

// staff is the signed-in member of staff; the app's middleware guarantees one on these routes.
func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}
