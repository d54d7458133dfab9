// Package communitypage provides the community of practice's pages: practitioner network events with networks this
// year, an event's record and its form; and the library of good practice, searched by text and tag, a story's page,
// and the quality lead's drafts, form and publishing.
package communitypage

import (
	"context"
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of community.Store.
type Store interface {
	Events(ctx context.Context, year int) ([]community.Event, error)
	Event(ctx context.Context, id string) (community.Event, error)
	RecordEvent(ctx context.Context, e community.Event) (community.Event, error)
	UpdateEvent(ctx context.Context, e community.Event) error
	Networks(ctx context.Context, year int) ([]community.Quarter, error)
	Stories(ctx context.Context, q community.Search) ([]community.Story, error)
	Drafts(ctx context.Context) ([]community.Story, error)
	Story(ctx context.Context, id string) (community.Story, error)
	SaveStory(ctx context.Context, x community.Story) (community.Story, error)
	Publish(ctx context.Context, id string, version int) error
	Withdraw(ctx context.Context, id string, version int) error
	OutstandingAudits(ctx context.Context) ([]community.Outstanding, error)
}

// Staff is what the event form needs to offer the council's teams and staff.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
	Teams(ctx context.Context) ([]councils.Team, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	staff Staff
}

// New returns the pages.
func New(tmpl *web.Templates, store Store, staff Staff) *Pages {
	return &Pages{tmpl: tmpl, store: store, staff: staff}
}

// anyStaff: every member of the council's staff reads its network events and its library.
func anyStaff(r councils.Role) bool { return r != "" }
