// Package auditpage provides the quality assurance pages: the quality home (audits to do, audits of my cases, the
// council's rounds), creating an audit round with its sample, a round's progress and findings (with a CSV), an
// audit with the checks the record answers beside each question, the practitioner's reflection, and the audit tools.
package auditpage

import (
	"context"
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of audits.Store.
type Store interface {
	Tools(ctx context.Context) ([]audits.Tool, error)
	Tool(ctx context.Context, id string) (audits.Tool, error)
	ChangeTool(ctx context.Context, t audits.Tool, version int) (audits.Tool, error)
	Rounds(ctx context.Context) ([]audits.RoundSummary, error)
	CreateRound(ctx context.Context, n audits.NewRound) (audits.Round, int, error)
	Round(ctx context.Context, id string) (audits.RoundPage, error)
	CloseRound(ctx context.Context, id string, version int) error
	Findings(ctx context.Context, roundID string) (audits.Findings, error)
	Audit(ctx context.Context, id string) (audits.AuditPage, error)
	AuditGlance(ctx context.Context, id string) (audits.AuditPage, error)
	Grade(ctx context.Context, id string, g audits.Grading, version int) (audits.Audit, error)
	Reflect(ctx context.Context, id string, r audits.Reflection, version int) (audits.Audit, error)
	MyAudits(ctx context.Context) (audits.Mine, error)
	DrawModeration(ctx context.Context, roundID string) (int, error)
	Moderate(ctx context.Context, id string, m audits.Moderation, version int) (audits.Audit, error)
	Reallocating(ctx context.Context, id string) (audits.Reallocation, error)
	Reallocate(ctx context.Context, id string, m audits.Move, version int) (audits.Audit, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	printer web.Printer
}

// New returns the pages. printer may be nil, or unavailable where Chromium is not installed: then a round's report
// is printed from the browser.
func New(tmpl *web.Templates, store Store, printer web.Printer) *Pages {
	return &Pages{tmpl: tmpl, store: store, printer: printer}
}

// statusTag is the GOV.UK tag colour of an audit's status.
func statusTag(s audits.Status) string {
	switch s {
	case audits.InProgress:
		return "govuk-tag--blue"
	case audits.Completed:
		return "govuk-tag--green"
	case audits.Moderated:
		return "govuk-tag--purple"
	}
	return "govuk-tag--grey"
}
