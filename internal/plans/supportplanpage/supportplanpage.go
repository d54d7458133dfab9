// Package supportplanpage provides the pages for an episode's support plan: its versions, a draft to change and
// agree with the person, and "My plan", the plan written to the person in plain English, to print or download as a
// PDF.
package supportplanpage

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

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the support plan pages need of plans.PlanStore.
type Store interface {
	Plans(ctx context.Context, personID, episodeID string) (plans.EpisodePlans, error)
	Get(ctx context.Context, personID, episodeID, planID string) (plans.PlanView, error)
	Export(ctx context.Context, personID, episodeID, planID string) (plans.PlanView, error)
	NewDraft(ctx context.Context, personID, episodeID string) (plans.SupportPlan, bool, error)
	UpdateDraft(ctx context.Context, personID, episodeID, planID string, budgetPence int64, crisisContact string, version int) error
	Agree(ctx context.Context, personID, episodeID, planID string, a plans.Agreement, version int) (plans.SupportPlan, error)
}

// Pages holds what every support plan page needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	printer web.Printer
}

// New returns the support plan pages. printer may be nil, or unavailable, when Chromium is not installed: then
// "My plan" offers no PDF.
func New(tmpl *web.Templates, store Store, printer web.Printer) *Pages {
	return &Pages{tmpl: tmpl, store: store, printer: printer}
}

func (p *Pages) canPrint() bool { return web.CanPrint(p.printer) }

func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

func dateText(d sqldb.Date, otherwise string) string {
	if d.IsZero() {
		return otherwise
	}
	return d.Format("2 January 2006")
}

func statusClass(s plans.PlanStatus) string {
	switch s {
	case plans.PlanDraft:
		return "govuk-tag--yellow"
	case plans.PlanAgreed:
		return "govuk-tag--green"
	}
	return "govuk-tag--grey"
}
