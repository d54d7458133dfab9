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
	write(t, db, council, ep, personID, []string{
		`INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-03-01', $4, $4)`,
		`INSERT INTO aspiration (council_id, id, person_id, episode_id, term, person_words, created_at, updated_at) VALUES ($1, 'asp-' || $2, $3, $2, 'long', 'To be independent again', $4, $4)`,
		`INSERT INTO outcome (council_id, id, person_id, episode_id, aspiration_id, different, how_we_know, by_when, who_involved, level_expected, status, created_at, updated_at)
				VALUES ($1, 'o1-' || $2, $3, $2, 'asp-' || $2, 'I get to the shops on my own', 'Every Thursday', '2026-06-01', 'Me and my daughter', 'Shops weekly', 'active', $4, $4)`,
		`INSERT INTO outcome (council_id, id, person_id, episode_id, different, status, created_at, updated_at) VALUES ($1, 'o2-' || $2, $3, $2, 'Sleep through the night', 'draft', $4, $4)`,
		`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at) VALUES ($1, 's1-' || $2, $3, $2, 'reablement', 'Six weeks of reablement', $4, $4)`,
		`INSERT INTO service (council_id, id, person_id, episode_id, solution_id, service_type, provider, status, created_at, updated_at) VALUES ($1, 'v1-' || $2, $3, $2, 's1-' || $2, 'Short term support: ST-Max', 'Exampleshire Reablement', 'requested', $4, $4)`,
	}, []string{
		`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 's1-' || $2, 'o1-' || $2)`,
		`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'v1-' || $2, 'o1-' || $2)`,
	})
	return ep
}

// SeedCrowded writes an episode whose picture is full: one outcome in long words met four ways (the person's own
// strengths, a community group, equipment, and a personal assistant paid for by a direct payment), the direct
// payment's service delivering only the personal assistant, a service that records no solution, and two reviews
// that rated the outcome at levels with long names. It returns the episode.
func SeedCrowded(t testing.TB, db *sqldb.DB, council, personID string) string {
	t.Helper()
	ep := sqldb.NewID()
	write(t, db, council, ep, personID, []string{
		`INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-01-05', $4, $4)`,
		`INSERT INTO aspiration (council_id, id, person_id, episode_id, term, person_words, created_at, updated_at) VALUES ($1, 'asp-' || $2, $3, $2, 'long',
				'I want to keep cooking Sunday dinner for my whole family, grandchildren and all, in my own kitchen', $4, $4)`,
		`INSERT INTO outcome (council_id, id, person_id, episode_id, aspiration_id, different, how_we_know, by_when, who_involved, level_expected, status, created_at, updated_at)
				VALUES ($1, 'o1-' || $2, $3, $2, 'asp-' || $2, 'I make breakfast and lunch for myself every day, standing or sitting as I choose, without my daughter having to come round',
				'My daughter stops the morning visits', '2026-07-01', 'Me, my daughter and my PA', 'Breakfast and lunch most days', 'active', $4, $4)`,
		`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at) VALUES ($1, 'own-' || $2, $3, $2, 'own_strengths', 'Wilhelmina plans the week''s meals with her granddaughter on Sundays', $4, $4)`,
		`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at) VALUES ($1, 'club-' || $2, $3, $2, 'community', 'Wednesday lunch club at the Methodist hall', $4, $4)`,
		`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, lower_rungs_reason, created_at, updated_at) VALUES ($1, 'kit-' || $2, $3, $2, 'technology', 'Perching stool, kettle tipper and a trolley', 'She cannot stand for long', $4, $4)`,
		`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, lower_rungs_reason, created_at, updated_at) VALUES ($1, 'pa-' || $2, $3, $2, 'ongoing_support', 'A personal assistant she employs with a direct payment, weekday mornings', 'Her daughter cannot keep coming every morning', $4, $4)`,
		`INSERT INTO service (council_id, id, person_id, episode_id, solution_id, service_type, component, delivery_mechanism, provider, status, created_at, updated_at)
				VALUES ($1, 'dp-' || $2, $3, $2, 'pa-' || $2, 'Long term support: Community', 'Direct payment', 'Direct payment', 'Wilhelmina Worthington-Wolstenholme (employer)', 'active', $4, $4)`,
		`INSERT INTO service (council_id, id, person_id, episode_id, service_type, provider, status, created_at, updated_at)
				VALUES ($1, 'loose-' || $2, $3, $2, 'Short term support: Other short term', 'Exampleshire Meals', 'active', $4, $4)`,
		`INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at) VALUES ($1, 'r1-' || $2, $3, $2, '2026-02-02', 'completed', '2026-02-02', $4, $4)`,
		`INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at) VALUES ($1, 'r2-' || $2, $3, $2, '2026-03-30', 'completed', '2026-03-30', $4, $4)`,
	}, []string{
		`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 'own-' || $2, 'o1-' || $2)`,
		`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 'club-' || $2, 'o1-' || $2)`,
		`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 'kit-' || $2, 'o1-' || $2)`,
		`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 'pa-' || $2, 'o1-' || $2)`,
		`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'dp-' || $2, 'o1-' || $2)`,
		`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'loose-' || $2, 'o1-' || $2)`,
		`INSERT INTO review_rating (council_id, review_id, outcome_id, level) VALUES ($1, 'r1-' || $2, 'o1-' || $2, -2)`,
		`INSERT INTO review_rating (council_id, review_id, outcome_id, level) VALUES ($1, 'r2-' || $2, 'o1-' || $2, 1)`,
	})
	return ep
}

// write runs records (each given the council, the episode, the person and the time as $1 to $4), then links (given
// the council and the episode), in one transaction.
func write(t testing.TB, db *sqldb.DB, council, ep, personID string, records, links []string) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), council)
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		for _, q := range records {
			if _, err := tx.ExecContext(ctx, q, council, ep, personID, tx.Now()); err != nil {
				return err
			}
		}
		for _, q := range links {
			if _, err := tx.ExecContext(ctx, q, council, ep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
