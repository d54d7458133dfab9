package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// bulk gathers rows for many tables and writes them with multi-row INSERT statements, parents before children,
// inside one transaction. The demo writes five years of history for tens of thousands of people, which would take
// many minutes one row and one transaction at a time through the stores (each store call is its own transaction
// with its own access-log entry); written this way it takes seconds. The rows are the ones the stores would write:
// the same columns, the same chronology summaries (history.go), and one access-log entry for each person whose
// history is written, through accesslog.Record so the council's chain stays whole.
type bulk struct {
	pending map[string]*pendingRows
}

type pendingRows struct {
	cols []string
	vals []any
}

// tableOrder is the order tables are written in, so that every foreign key finds its parent.
var tableOrder = []string{
	"contact", "episode", "episode_step", "conversation", "conversation_section", "strength", "aspiration", "outcome",
	"solution", "solution_outcome", "signpost", "service", "service_outcome", "authorisation", "eligibility", "support_plan",
	"review", "review_rating", "review_service",
	// safeguarding.go
	"safeguarding_concern", "safeguarding_code", "safeguarding_enquiry", "safeguarding_outcome", "safeguarding_involved", "safeguarding_step",
	"person_event",
}

func newBulk() *bulk { return &bulk{pending: map[string]*pendingRows{}} }

// add queues one row. cols must be the same for every row of a table.
func (b *bulk) add(table string, cols []string, vals ...any) {
	if len(cols) != len(vals) {
		panic(fmt.Sprintf("demo: %s row has %d values for %d columns", table, len(vals), len(cols)))
	}
	p := b.pending[table]
	if p == nil {
		p = &pendingRows{cols: cols}
		b.pending[table] = p
	}
	p.vals = append(p.vals, vals...)
}

// count is how many rows are queued for a table.
func (b *bulk) count(table string) int {
	p := b.pending[table]
	if p == nil {
		return 0
	}
	return len(p.vals) / len(p.cols)
}

// flush writes every queued row in tx, parents before children, and empties the queue.
func (b *bulk) flush(ctx context.Context, tx *sqldb.Tx) error {
	for _, table := range tableOrder {
		if p := b.pending[table]; p != nil {
			if err := sqldb.InsertMany(ctx, tx, table, p.cols, p.vals); err != nil {
				return fmt.Errorf("add demo rows: %w", err)
			}
		}
	}
	clear(b.pending)
	return nil
}
