// Package threadtest writes golden threads straight into the tables, for tests of the pages that read them.
package threadtest

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Seed writes an episode straight into the tables: one outcome met by a reablement solution that gives no
// reason for its rung and by a service, and a second outcome that nothing serves.
func Seed(t testing.TB, db *sqldb.DB, council, personID string) string {
	t.Helper()
	ep := sqldb.NewID()
	ctx := sqldb.WithCouncil(context.Background(), council)
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		now := tx.Now()
		for _, q := range []string{
			`INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-03-01', $4, $4)`,
			`INSERT INTO aspiration (council_id, id, person_id, episode_id, term, person_words, created_at, updated_at) VALUES ($1, 'asp-' || $2, $3, $2, 'long', 'To be independent again', $4, $4)`,
			`INSERT INTO outcome (council_id, id, person_id, episode_id, aspiration_id, different, how_we_know, by_when, who_involved, level_expected, status, created_at, updated_at)
				VALUES ($1, 'o1-' || $2, $3, $2, 'asp-' || $2, 'I get to the shops on my own', 'Every Thursday', '2026-06-01', 'Me and my daughter', 'Shops weekly', 'active', $4, $4)`,
			`INSERT INTO outcome (council_id, id, person_id, episode_id, different, status, created_at, updated_at) VALUES ($1, 'o2-' || $2, $3, $2, 'Sleep through the night', 'draft', $4, $4)`,
			`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at) VALUES ($1, 's1-' || $2, $3, $2, 'reablement', 'Six weeks of reablement', $4, $4)`,
			`INSERT INTO service (council_id, id, person_id, episode_id, service_type, provider, status, created_at, updated_at) VALUES ($1, 'v1-' || $2, $3, $2, 'Short term support: ST-Max', 'Exampleshire Reablement', 'requested', $4, $4)`,
		} {
			if _, err := tx.ExecContext(ctx, q, council, ep, personID, now); err != nil {
				return err
			}
		}
		for _, q := range []string{
			`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 's1-' || $2, 'o1-' || $2)`,
			`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'v1-' || $2, 'o1-' || $2)`,
		} {
			if _, err := tx.ExecContext(ctx, q, council, ep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ep
}
