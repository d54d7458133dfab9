package reviews

import (
	"context"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The review statuses as stored. The golden thread view reads 'completed' and the caseloads read 'scheduled':
// keep exactly these values.
const (
	StatusScheduled = "scheduled"
	StatusCompleted = "completed"
)

// CouncilIntervals reads the council's review intervals (its settings) inside tx.
func CouncilIntervals(ctx context.Context, tx *sqldb.Tx) (Intervals, error) {
	var in Intervals
	err := tx.QueryRowContext(ctx, `SELECT first_review_weeks, regular_review_months FROM council WHERE id = $1`, tx.Council()).
		Scan(&in.FirstReviewWeeks, &in.RegularMonths)
	if err != nil {
		return Intervals{}, fmt.Errorf("read the council's review intervals: %w", sqldb.Normalise(err))
	}
	return in, nil
}

// shortTermEnds are the end dates of the episode's short-term services still running (authorised or active).
func shortTermEnds(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]sqldb.Date, error) {
	rows, err := tx.QueryContext(ctx, `SELECT end_on FROM service WHERE council_id = $1 AND episode_id = $2 AND long_term = FALSE
		AND status IN ('authorised', 'active') AND end_on IS NOT NULL ORDER BY end_on`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read short-term services: %w", err)
	}
	defer rows.Close()
	var out []sqldb.Date
	for rows.Next() {
		var d sqldb.Date
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Next is what ScheduleNext needs to know about the episode.
type Next struct {
	PersonID, EpisodeID, PlanID string
	PlanAgreed                  sqldb.Date // when the plan in force was agreed
	LastReview                  sqldb.Date // when the last review was held; zero when none has been
}

// ScheduleNext schedules the episode's next review inside tx, the transaction that agrees a plan or completes a
// review: due on NextReview of the council's intervals, the plan's agreement, the short-term services still running
// and the last review. An episode's scheduled review is moved rather than doubled: if one is already scheduled it
// gets the new date and plan. It adds a chronology event and returns the due date (zero when nothing is due).
func ScheduleNext(ctx context.Context, tx *sqldb.Tx, n Next) (sqldb.Date, error) {
	in, err := CouncilIntervals(ctx, tx)
	if err != nil {
		return sqldb.Date{}, err
	}
	ends, err := shortTermEnds(ctx, tx, n.EpisodeID)
	if err != nil {
		return sqldb.Date{}, err
	}
	due := NextReview(in, n.PlanAgreed, ends, n.LastReview)
	if due.IsZero() {
		return due, nil
	}
	staff := ""
	if st, ok := councils.StaffFrom(ctx); ok {
		staff = st.ID
	}
	var plan any
	if n.PlanID != "" {
		plan = n.PlanID
	}
	var id string
	err = tx.QueryRowContext(ctx, `SELECT id FROM review WHERE council_id = $1 AND episode_id = $2 AND status = $3 ORDER BY due_on, id LIMIT 1`,
		tx.Council(), n.EpisodeID, StatusScheduled).Scan(&id)
	switch err = sqldb.Normalise(err); {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE review SET due_on = $1, plan_id = $2, updated_at = $3, updated_by = $4, version = version + 1
			WHERE council_id = $5 AND id = $6`, due, plan, tx.Now(), staff, tx.Council(), id); err != nil {
			return sqldb.Date{}, fmt.Errorf("move the scheduled review: %w", sqldb.Normalise(err))
		}
	case errors.Is(err, sqldb.ErrNotFound):
		id = sqldb.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, plan_id, due_on, reason, status,
			created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10, 1)`,
			tx.Council(), id, n.PersonID, n.EpisodeID, plan, due, codelists.ReviewReasonPlanned, StatusScheduled, tx.Now(), staff); err != nil {
			return sqldb.Date{}, fmt.Errorf("schedule a review: %w", sqldb.Normalise(err))
		}
	default:
		return sqldb.Date{}, fmt.Errorf("find the scheduled review: %w", err)
	}
	err = chronology.Record(ctx, tx, chronology.Event{PersonID: n.PersonID, EpisodeID: n.EpisodeID, Kind: chronology.Review,
		Summary: "Review scheduled for " + due.Format("2 January 2006"), RefID: id})
	return due, err
}
