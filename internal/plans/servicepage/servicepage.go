// Package servicepage provides the pages for council-funded services: an episode's services, adding and changing
// one, starting and ending it, and the team manager's authorisation of services above the council's threshold.
package servicepage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed templates/services/*.html
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the service pages need of plans.ServiceStore.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (plans.EpisodeServices, error)
	Get(ctx context.Context, personID, episodeID, serviceID string) (plans.EpisodeServices, plans.ServiceRecord, error)
	Add(ctx context.Context, personID, episodeID string, svc plans.Service) (plans.ServiceRecord, error)
	Update(ctx context.Context, svc plans.Service) (plans.ServiceRecord, error)
	Start(ctx context.Context, personID, episodeID, serviceID string, on sqldb.Date, version int) error
	End(ctx context.Context, personID, episodeID, serviceID string, on sqldb.Date, reason string, version int) error
	Waiting(ctx context.Context) ([]plans.Authorisation, error)
	Authorisation(ctx context.Context, id string) (plans.AuthorisationView, error)
	Decide(ctx context.Context, id string, decision plans.Decision, reason string, version int) error
}

// Pages holds what every service page needs.
type Pages struct {
	tmpl     *web.Templates
	store    Store
	payments PaymentStore
}

// New returns the service pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// staff is the signed-in member of staff; the app's middleware guarantees one on these routes.
func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

// statusClass is the GOV.UK tag colour for a service's status.
func statusClass(s plans.ServiceStatus) string {
	switch s {
	case plans.AwaitingAuthorisation:
		return "govuk-tag--yellow"
	case plans.Authorised:
		return "govuk-tag--blue"
	case plans.Declined:
		return "govuk-tag--red"
	case plans.ServiceActive:
		return "govuk-tag--green"
	case plans.Ended:
		return "govuk-tag--grey"
	}
	return ""
}
