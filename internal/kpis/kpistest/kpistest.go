// Package kpistest records what the KPIs' tests need the record to hold: reviews held in a quarter, so many of them
// on time, for the measure "Reviews held by their due date".
package kpistest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Reviews records, in the council, held reviews of one person's episode on the first days of the quarter starting
// on from: onTime of them held on their due date and late of them held a week after it.
func Reviews(tb testing.TB, db *sqldb.DB, council string, from sqldb.Date, onTime, late int) {
	tb.Helper()
	ctx := sqldb.WithCouncil(context.Background(), council)
	stamp := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		person, episode := sqldb.NewID(), sqldb.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO person (council_id, id, given_name, family_name, family_key, given_key, created_at, updated_at)
			VALUES ($1, $2, 'Ada', 'Testperson', 'testperson', 'ada', $3, $3)`, council, person, stamp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)`, council, episode, person, sqldb.NewDate(stamp), stamp); err != nil {
			return err
		}
		for i := range onTime + late {
			due := sqldb.NewDate(from.AddDate(0, 0, i%60))
			held := due
			if i >= onTime {
				held = sqldb.NewDate(due.AddDate(0, 0, 7))
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, 'completed', $6, $7, $7)`, council, sqldb.NewID(), person, episode, due, held, stamp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(fmt.Errorf("record reviews: %w", err))
	}
}
