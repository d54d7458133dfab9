package insight

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// FactsOf hands the tests every fact m reads for the period.
func FactsOf(ctx context.Context, tx *sqldb.Tx, m Measure, p Period, emit func(Fact)) error {
	return m.facts(ctx, tx, p, emit)
}
