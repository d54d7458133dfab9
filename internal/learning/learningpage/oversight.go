package learningpage

import (
	"context"
	"io"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// OversightStore is what the oversight pages need of learning.Store.
type OversightStore interface {
	Courses(ctx context.Context) ([]learning.Course, error)
	CoverageFor(ctx context.Context, teamID string) (learning.Coverage, error)
	Pathways(ctx context.Context) ([]learning.Pathway, error)
	Pathway(ctx context.Context, starterID string) (learning.Pathway, error)
	Starters(ctx context.Context) ([]councils.Staff, error)
	StartInduction(ctx context.Context, starterID string, steps []learning.Step) (learning.Pathway, error)
	MarkStep(ctx context.Context, stepID string, day sqldb.Date, version int) error
	ImportAttendance(ctx context.Context, file io.Reader) (learning.Imported, error)
}

// Oversight holds the oversight pages: coverage, induction and the import of past attendance.
type Oversight struct {
	tmpl  *web.Templates
	store OversightStore
}

// NewOversight returns the oversight pages.
func NewOversight(tmpl *web.Templates, store OversightStore) *Oversight {
	return &Oversight{tmpl: tmpl, store: store}
}
