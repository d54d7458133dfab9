// Package supervisionpage provides the supervision pages: who is due and overdue, the share within policy by team,
// recording a session (what has gone well first), a session's record with the supervisee's agreement, and the
// council's policy.
package supervisionpage

import (
	"context"
	"embed"
	"io/fs"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of supervision.Store.
type Store interface {
	Policy(ctx context.Context) (supervision.Policy, error)
	SetPolicy(ctx context.Context, p supervision.Policy) error
	Standings(ctx context.Context) ([]supervision.Standing, error)
	WithinPolicyByTeam(ctx context.Context, months int) ([]supervision.TeamShares, error)
	Carried(ctx context.Context, superviseeID string) ([]supervision.Carried, error)
	Record(ctx context.Context, sess supervision.Session, done []supervision.Carried) (supervision.Session, error)
	Session(ctx context.Context, id string) (supervision.Session, error)
	Agree(ctx context.Context, id, comment string, version int) error
	History(ctx context.Context, superviseeID string) ([]supervision.Session, error)
}

// Caseloads is what the session form needs to offer the people whose cases may be discussed: the supervisee's
// caseload.
type Caseloads interface {
	Caseload(ctx context.Context, f caseloads.Filter) (caseloads.Result, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl   *web.Templates
	store  Store
	people Caseloads
}

// New returns the pages.
func New(tmpl *web.Templates, store Store, people Caseloads) *Pages {
	return &Pages{tmpl: tmpl, store: store, people: people}
}

// supervises: team managers and the quality lead record supervision.
var supervises = councils.Role.Audits
