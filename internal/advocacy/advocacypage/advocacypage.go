// Package advocacypage provides an episode's advocacy pages: the open advocacy and IMCA required actions with their
// due dates (overdue ones marked), the forms that meet them (a referral, or a lawful reason not to refer), the
// advocacy needs record that raises them, and each referral with what became of it.
package advocacypage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of advocacy.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	RecordNeeds(ctx context.Context, n advocacy.Needs) (advocacy.Needs, error)
	Refer(ctx context.Context, r advocacy.Referral) (advocacy.Referral, error)
	NotNeeded(ctx context.Context, personID, episodeID string, kind duties.Kind, subject string, m advocacy.NotMet) error
	Referral(ctx context.Context, personID, episodeID, id string) (people.Person, advocacy.Referral, error)
	ReferralGlance(ctx context.Context, personID, episodeID, id string) (people.Person, advocacy.Referral, error)
	UpdateReferral(ctx context.Context, personID, episodeID, id string, allocatedOn sqldb.Date, advocate, outcome string, version int) error
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

func (p *Pages) load(r *http.Request, id, epID string) (advocacy.Page, error) {
	if r.Method == http.MethodPost {
		return p.store.EpisodeGlance(web.Route(r), id, epID)
	}
	return p.store.Episode(web.Route(r), id, epID)
}

// findAction is the open required action with ID dutyID on the page.
func findAction(ep advocacy.Page, dutyID string) (duties.Duty, bool) {
	for _, d := range ep.Actions {
		if d.ID == dutyID {
			return d, true
		}
	}
	return duties.Duty{}, false
}

type referralForm struct {
	Type, Provider, Advocate, Outcome string
	ReferredOn, AllocatedOn           web.DateInput
	Action                            string
	Version                           int
}

type referralData struct {
	web.Page
	web.ConflictPanel
	PersonID, EpisodeID string
	Person              people.Person
	Action              duties.Duty
	Form                referralForm
	Types               []web.Item
	Referral            advocacy.Referral // an existing referral being updated
	Cancel              string
}

var referralOrder = []string{"action", "advocate_type", "provider", "referred_on", "advocate_name", "allocated_on", "outcome", "version"}
