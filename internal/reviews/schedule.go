package reviews

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/validation"

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
	staff := councils.StaffID(ctx)
	var plan any
	if n.PlanID != "" {
		plan = n.PlanID
	}
	var id string
	err = tx.QueryRowContext(ctx, `SELECT id FROM review WHERE council_id = $1 AND episode_id = $2 AND status = $3 ORDER BY due_on, id LIMIT 1`,
		tx.Council(), n.EpisodeID, StatusScheduled).Scan(&id)
	switch err = sqldb.Normalise(err); {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE review SET due_on = $1, plan_id = $2, due_reason = '', updated_at = $3, updated_by = $4, version = version + 1
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

// NextDueOn is when the episode's next review falls due, read inside tx: the date of its scheduled review (worked
// out by NextReview when a plan was agreed or a review held, or set by a practitioner with SetNext), and that
// review's ID; zero and "" when none is scheduled. Pages that say when the next review is read it here.
func NextDueOn(ctx context.Context, tx *sqldb.Tx, episodeID string) (sqldb.Date, string, error) {
	var due sqldb.Date
	var id string
	err := sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT id, due_on FROM review WHERE council_id = $1 AND episode_id = $2 AND status = $3
		ORDER BY due_on, id LIMIT 1`, tx.Council(), episodeID, StatusScheduled).Scan(&id, &due))
	if errors.Is(err, sqldb.ErrNotFound) {
		return sqldb.Date{}, "", nil
	}
	if err != nil {
		return sqldb.Date{}, "", fmt.Errorf("read the next review: %w", err)
	}
	return due, id, nil
}

// NextDueOf is NextDueOn for several episodes at once, by episode ID (an episode with no review scheduled is left
// out): for a case file audit round, which reads hundreds of episodes' records in one go.
func NextDueOf(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string]sqldb.Date, error) {
	out := map[string]sqldb.Date{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council(), StatusScheduled}, episodeIDs)
	err := sqldb.Each(ctx, tx, `SELECT episode_id, min(due_on) FROM review WHERE council_id = $1 AND status = $2 AND episode_id IN (`+in+`)
		GROUP BY episode_id`, args, func(rows *sql.Rows) error {
		var id string
		var due sqldb.Date
		if err := rows.Scan(&id, &due); err != nil {
			return err
		}
		out[id] = due
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the next reviews: %w", err)
	}
	return out, nil
}

// Planning is what the form to schedule or move an episode's next review shows.
type Planning struct {
	Person    people.Person
	Scheduled Review // the episode's scheduled review; its ID is "" when none is scheduled
	// PlanAgreed and LastReview are when the plan in force was agreed and the last review held; zero when none.
	PlanAgreed, LastReview sqldb.Date
	Limit                  Limit      // the latest the next review may be set for
	Suggested              sqldb.Date // NextReview by the council's intervals; zero when nothing would be due
	Episode                EpisodeState
	Today                  sqldb.Date
}

// planning reads what scheduling the next review needs, inside tx.
func planning(ctx context.Context, tx *sqldb.Tx, p people.Person, episodeID string) (Planning, error) {
	out := Planning{Person: p, Today: tx.Today()}
	var err error
	if out.Episode, err = episodeState(ctx, tx, episodeID); err != nil {
		return Planning{}, err
	}
	out.Scheduled, err = scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewColumns+reviewFrom+`
		WHERE r.council_id = $1 AND r.episode_id = $2 AND r.status = $3 ORDER BY r.due_on, r.id LIMIT 1`, tx.Council(), episodeID, StatusScheduled))
	if err != nil && !errors.Is(err, sqldb.ErrNotFound) {
		return Planning{}, fmt.Errorf("read the scheduled review: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT max(held_on) FROM review WHERE council_id = $1 AND episode_id = $2 AND status = $3`,
		tx.Council(), episodeID, StatusCompleted).Scan(&out.LastReview); err != nil {
		return Planning{}, fmt.Errorf("read the last review: %w", err)
	}
	if _, out.PlanAgreed, err = agreedPlan(ctx, tx, episodeID); err != nil {
		return Planning{}, err
	}
	out.Limit = LatestNext(out.PlanAgreed, out.LastReview, out.Today)
	in, err := CouncilIntervals(ctx, tx)
	if err != nil {
		return Planning{}, err
	}
	ends, err := shortTermEnds(ctx, tx, episodeID)
	if err != nil {
		return Planning{}, err
	}
	out.Suggested = NextReview(in, out.PlanAgreed, ends, out.LastReview)
	return out, nil
}

// Planning reads what the form to schedule or move the episode's next review shows, and logs a view of the
// person's record.
func (s *Store) Planning(ctx context.Context, personID, episodeID string) (Planning, error) {
	var out Planning
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View)
		if err != nil {
			return err
		}
		out, err = planning(ctx, tx, p, episodeID)
		return err
	})
	if err != nil {
		return Planning{}, fmt.Errorf("read the next review: %w", err)
	}
	return out, nil
}

// SetNext schedules the episode's next review on the practitioner's date, or moves the one already scheduled
// (an episode has one scheduled review at a time), with the Client Level Data review reason and why. The date
// must fall from today to LatestNext: a plan is reviewed at least every 12 months. version is the scheduled
// review's version when the form was opened, or 0 when none was scheduled then; a review scheduled, moved or held
// since is sqldb.ErrConflict. An ended episode takes no review. Problems come back as validation.Problems and change
// nothing. It records the change in the chronology and returns the review's ID.
func (s *Store) SetNext(ctx context.Context, personID, episodeID string, n NextDue, version int) (string, error) {
	n.Why = strings.TrimSpace(n.Why)
	var id string
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update)
		if err != nil {
			return err
		}
		pl, err := planning(ctx, tx, p, episodeID)
		if err != nil {
			return err
		}
		if pl.Episode.Ended() {
			return validation.Problems{{Field: "due_on", Message: "This episode has ended, so no review can be scheduled in it. Open a new episode to review the person's support"}}
		}
		if pl.Scheduled.Version != version {
			return sqldb.ErrConflict
		}
		if ps := n.Validate(pl.Today, pl.Limit); len(ps) > 0 {
			return ps
		}
		staff := councils.StaffID(ctx)
		planID, _, err := agreedPlan(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		var plan any
		if planID != "" {
			plan = planID
		}
		summary := "Review scheduled for " + n.On.Format("2 January 2006") + ": " + clip(n.Why)
		if id = pl.Scheduled.ID; id != "" {
			if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE review SET due_on = $1, reason = $2, due_reason = $3, plan_id = $4,
				updated_at = $5, updated_by = $6, version = version + 1 WHERE council_id = $7 AND id = $8 AND status = $9 AND version = $10`,
				n.On, n.Reason, n.Why, plan, tx.Now(), staff, tx.Council(), id, StatusScheduled, version)); err != nil {
				return fmt.Errorf("move the next review: %w", err)
			}
			summary = "Review moved from " + pl.Scheduled.DueOn.Format("2 January 2006") + " to " + n.On.Format("2 January 2006") + ": " + clip(n.Why)
		} else {
			id = sqldb.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, plan_id, due_on, reason, due_reason,
				status, created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1)`,
				tx.Council(), id, personID, episodeID, plan, n.On, n.Reason, n.Why, StatusScheduled, tx.Now(), staff); err != nil {
				return fmt.Errorf("schedule the next review: %w", sqldb.Normalise(err))
			}
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Review,
			Summary: summary, RefID: id})
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// clip shortens a practitioner's words for a chronology line; the review keeps them whole.
func clip(s string) string { return shorten(s, 120) }
