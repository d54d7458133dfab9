package strengths

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// KindsOf counts, inside tx, the strengths recorded for each of several people by kind, for a case file audit that
// asks whether strengths of all four kinds were found. It neither checks access nor logs: callers have reached the
// people they pass.
func KindsOf(ctx context.Context, tx *sqldb.Tx, personIDs []string) (map[string]map[Kind]int, error) {
	out := map[string]map[Kind]int{}
	if len(personIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, personIDs)
	err := sqldb.Each(ctx, tx, `SELECT person_id, kind, count(*) FROM strength
		WHERE council_id = $1 AND person_id IN (`+in+`) GROUP BY person_id, kind`, args,
		func(rows *sql.Rows) error {
			var id, kind string
			var n int
			if err := rows.Scan(&id, &kind, &n); err != nil {
				return err
			}
			if out[id] == nil {
				out[id] = map[Kind]int{}
			}
			out[id][Kind(kind)] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count strengths by kind: %w", err)
	}
	return out, nil
}
