package learning

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// completed is the one definition of a completion that coverage, induction and the trainer rule all read: a booking
// marked completed on a session that ran (not cancelled), dated by the session. $1 is the council. A query adds its
// own conditions after it with AND.
const completed = `FROM learning_booking b
	JOIN learning_session s ON s.council_id = b.council_id AND s.id = b.session_id
	WHERE b.council_id = $1 AND b.completed = TRUE AND b.cancelled_at IS NULL AND s.cancelled_at IS NULL`

// lastCompletions reads, for every member of staff and course they completed, the date they last completed it,
// keyed by staff then course. extra narrows the completions (it may use $2 onwards).
func lastCompletions(ctx context.Context, tx *sqldb.Tx, extra string, args ...any) (map[string]map[string]sqldb.Date, error) {
	out := map[string]map[string]sqldb.Date{}
	err := sqldb.Each(ctx, tx, `SELECT b.staff_id, s.course_id, max(s.held_on) `+completed+extra+`
		GROUP BY b.staff_id, s.course_id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var staff, course string
		var on sqldb.Date
		if err := rows.Scan(&staff, &course, &on); err != nil {
			return err
		}
		if out[staff] == nil {
			out[staff] = map[string]sqldb.Date{}
		}
		out[staff][course] = on
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read completions: %w", err)
	}
	return out, nil
}

// trainersOf reads who may give a course that needs a trained trainer: the staff who completed a train-the-trainer
// course for it.
func trainersOf(ctx context.Context, tx *sqldb.Tx, courseID string) (map[string]bool, error) {
	out := map[string]bool{}
	err := sqldb.Each(ctx, tx, `SELECT DISTINCT b.staff_id `+completed+`
		AND s.course_id IN (SELECT t.id FROM learning_course t WHERE t.council_id = $1 AND t.trains_for_course = $2)`,
		[]any{tx.Council(), courseID}, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[id] = true
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the trainers of course %s: %w", courseID, err)
	}
	return out, nil
}
