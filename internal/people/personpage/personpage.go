// Package personpage provides the pages for finding, adding, viewing and changing a person's record, the people
// who matter to them, break-glass access and "who has seen this record".
package personpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the person pages need of people.Store.
type Store interface {
	Search(ctx context.Context, query string) ([]people.Summary, error)
	Get(ctx context.Context, id string) (people.Person, people.Access, error)
	Glance(ctx context.Context, id string) (people.Summary, error)
	Add(ctx context.Context, p people.Person, confirmedDifferent bool) (people.Person, error)
	Update(ctx context.Context, p people.Person) error
	BreakGlass(ctx context.Context, personID, reason string) error
	Viewers(ctx context.Context, personID string) ([]accesslog.Entry, error)
	AddNetworkMember(ctx context.Context, personID string, m people.NetworkMember) (people.NetworkMember, error)
	UpdateNetworkMember(ctx context.Context, personID string, m people.NetworkMember) error
	RemoveNetworkMember(ctx context.Context, personID, memberID string) error
}

// Directory is what the pages need to offer teams and workers for allocation.
type Directory interface {
	Teams(ctx context.Context) ([]councils.Team, error)
	StaffList(ctx context.Context) ([]councils.Staff, error)
}

// Glass remembers, for the rest of the session, the people a member of staff opened by break-glass.
type Glass interface {
	AddBreakGlass(ctx context.Context, personID string) error
}

// Pages holds what every person page needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	dir   Directory
	glass Glass

	episodes     Episodes     // optional
	duties       Duties       // optional
	safeguarding Safeguarding // optional
}

// New returns the person pages.
func New(tmpl *web.Templates, store Store, dir Directory, glass Glass) *Pages {
	return &Pages{tmpl: tmpl, store: store, dir: dir, glass: glass}
}

// staff is the signed-in member of staff; the app's middleware guarantees one on these routes.
func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}
