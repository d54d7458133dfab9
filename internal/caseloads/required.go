package caseloads

import (
	"context"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// MaxRequired is the most required actions one list shows; a team with more is told how many are not shown.
const MaxRequired = 500

// Required is a caseload's open required actions, crisis reviews first, then the rest soonest due first.
type Required struct {
	Duties []duties.Duty // each with PersonName filled in
	Total  int
	Now    time.Time
}

// RequiredActions reads the open required actions of the people on a caseload — a practitioner's own, or a team's
// for its managers and the quality lead — that the reader may see. Like the caseload, it lists without opening
// anyone's record, so it is not written to the access log.
func (s *Store) RequiredActions(ctx context.Context, f Filter) (Required, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return Required{}, fmt.Errorf("required actions: no member of staff in the context")
	}
	if err := f.validate(); err != nil {
		return Required{}, err
	}
	if err := mayRead(staff, f); err != nil {
		return Required{}, err
	}
	var out Required
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if f.WorkerID != "" && staff.Role == councils.TeamManager && f.WorkerID != staff.ID {
			if err := sharesTeam(ctx, tx, staff, f.WorkerID); err != nil {
				return err
			}
		}
		set, err := councils.SettingsIn(ctx, tx)
		if err != nil {
			return err
		}
		where := `p.council_id = $1 AND p.worker_id = $2`
		if f.TeamID != "" {
			where = `p.council_id = $1 AND p.team_id = $2`
		}
		where += ` AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $3))`
		hidden := `''`
		if !set.SeesSafeguarding(staff.Role) {
			hidden = `'` + string(duties.Section42Decision) + `', '` + string(duties.AdvocateSafeguarding) + `'`
		}
		from := ` FROM duty d JOIN person p ON p.council_id = d.council_id AND p.id = d.person_id
			WHERE d.met_at IS NULL AND d.kind NOT IN (` + hidden + `) AND ` + where
		if err := tx.QueryRowContext(ctx, `SELECT count(*)`+from, tx.Council(), f.WorkerID+f.TeamID, staff.ID).Scan(&out.Total); err != nil {
			return fmt.Errorf("count required actions: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.person_id, d.episode_id, d.kind, d.reason, d.path, d.raised_at, d.due_at, p.family_name, p.given_name`+from+`
			ORDER BY CASE WHEN d.kind = 'crisis_review' THEN 0 ELSE 1 END, d.due_at, p.family_key, d.id LIMIT $4`,
			tx.Council(), f.WorkerID+f.TeamID, staff.ID, MaxRequired)
		if err != nil {
			return fmt.Errorf("read required actions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d duties.Duty
			var family, given string
			if err := rows.Scan(&d.ID, &d.PersonID, &d.EpisodeID, &d.Kind, &d.Reason, &d.Path, &d.RaisedAt, &d.DueAt, &family, &given); err != nil {
				return err
			}
			d.RaisedAt, d.DueAt, d.PersonName = d.RaisedAt.UTC(), d.DueAt.UTC(), family+", "+given
			out.Duties = append(out.Duties, d)
		}
		out.Now = tx.Now()
		return rows.Err()
	})
	if err != nil {
		return Required{}, err
	}
	return out, nil
}
