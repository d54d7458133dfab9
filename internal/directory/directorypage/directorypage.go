// Package directorypage provides the community directory's pages: the directory's home with the services overdue
// for a check, organisations and services to read and (for directory editors and administrators) to add and
// change, marking an entry checked today, and importing an Open Referral UK feed.
package directorypage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the directory pages need of directory.Store.
type Store interface {
	Home(ctx context.Context) (directory.Home, error)
	Organisation(ctx context.Context, id string) (directory.Organisation, []directory.ServiceSummary, directory.Period, error)
	AddOrganisation(ctx context.Context, o directory.Organisation) (directory.Organisation, error)
	UpdateOrganisation(ctx context.Context, o directory.Organisation) (directory.Organisation, error)
	Service(ctx context.Context, id string) (directory.Service, directory.Period, error)
	Choices(ctx context.Context) (directory.Choices, error)
	Categories(ctx context.Context) ([]directory.Term, error)
	AddService(ctx context.Context, in directory.ServiceInput) (directory.Service, error)
	UpdateService(ctx context.Context, in directory.ServiceInput) (directory.Service, error)
	MarkChecked(ctx context.Context, id string, version int) error
	Import(ctx context.Context, files []directory.File, dryRun bool) (directory.Report, error)
	Search(ctx context.Context, q directory.Search) (directory.Results, error)
}

// Use counts how often a service was signposted to and how often it helped (frontdoor.Store): counts only.
type Use interface {
	ServiceUse(ctx context.Context, serviceID string) (frontdoor.Use, error)
}

// Pages holds what every directory page needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	use   Use
}

// New returns the directory pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// WithUse shows each service's use and follow-ups on its page.
func (p *Pages) WithUse(u Use) *Pages {
	p.use = u
	return p
}

// Paths of the pages.
const ()

// canEdit reports whether the signed-in member of staff may change the directory.
func canEdit(r *http.Request) bool {
	st, _ := councils.StaffFrom(r.Context())
	return directory.CanEdit(st.Role)
}
