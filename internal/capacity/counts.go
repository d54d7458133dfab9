package capacity

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Counts is what an episode recorded of mental capacity: its assessments, how many found the person lacked
// capacity for the decision, and the best-interests decisions made. A case file audit shows it beside the question
// whether capacity was considered where it was indicated, which only the auditor can judge.
type Counts struct {
	Assessments   int
	Lacks         int
	BestInterests int
}

// CountsOf reads, inside tx, the Counts of several episodes at once. It neither checks access nor logs: callers
// have reached the people whose episodes they pass.
func CountsOf(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string]Counts, error) {
	out := map[string]Counts{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council(), string(LacksCapacity)}, episodeIDs)
	err := sqldb.Each(ctx, tx, `SELECT a.episode_id, count(*), sum(CASE WHEN a.result = $2 THEN 1 ELSE 0 END),
			(SELECT count(*) FROM best_interests b WHERE b.council_id = a.council_id AND b.episode_id = a.episode_id)
		FROM capacity_assessment a WHERE a.council_id = $1 AND a.episode_id IN (`+in+`) GROUP BY a.council_id, a.episode_id`,
		args,
		func(rows *sql.Rows) error {
			var id string
			var c Counts
			if err := rows.Scan(&id, &c.Assessments, &c.Lacks, &c.BestInterests); err != nil {
				return err
			}
			out[id] = c
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count capacity assessments: %w", err)
	}
	return out, nil
}
