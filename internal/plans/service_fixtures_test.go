package plans_test

import (
	"context"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The service tests make the episodes, outcomes and solutions they need with plain SQL (the columns of migration
// 00003), so that they do not depend on the stores that own those rows.

var fixtureTime = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func svcExec(t *testing.T, db *sqldb.DB, council, q string, args ...any) {
	t.Helper()
	err := db.InTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(context.Background(), q, args...)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// svcEpisode opens an episode of work for a person.
func svcEpisode(t *testing.T, db *sqldb.DB, council, personID string) string {
	t.Helper()
	id := sqldb.NewID()
	svcExec(t, db, council, `INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		council, id, personID, "2025-02-01", fixtureTime)
	return id
}

// svcOutcome adds an outcome to an episode.
func svcOutcome(t *testing.T, db *sqldb.DB, council, personID, episodeID, different string) string {
	t.Helper()
	id := sqldb.NewID()
	fixtureTime = fixtureTime.Add(time.Second) // outcomes read back in the order they were added
	svcExec(t, db, council, `INSERT INTO outcome (council_id, id, person_id, episode_id, different, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
		council, id, personID, episodeID, different, fixtureTime)
	return id
}

// svcSolution adds a solution on a rung of the ladder, serving an outcome.
func svcSolution(t *testing.T, db *sqldb.DB, council, personID, episodeID string, rung plans.Rung, outcomeID string) string {
	t.Helper()
	id := sqldb.NewID()
	svcExec(t, db, council, `INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, lower_rungs_reason, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, council, id, personID, episodeID, rung.String(), rung.Label()+" for this outcome", "Tried first", fixtureTime)
	svcExec(t, db, council, `INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, $2, $3)`, council, id, outcomeID)
	return id
}
