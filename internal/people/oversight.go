package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Viewers returns who has seen or changed a person's record, newest first, for managers, the quality lead and
// administrators. Looking is itself a view of the record, and is logged.
func (s *Store) Viewers(ctx context.Context, personID string) ([]accesslog.Entry, error) {
	staff, _, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !staff.Role.SeesWhoViewed() {
		return nil, sqldb.ErrForbidden
	}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		_, access, err := load(ctx, tx, personID)
		if err != nil {
			return err
		}
		if access == NeedsBreakGlass {
			return ErrBreakGlassNeeded
		}
		if !access.Sees() {
			return sqldb.ErrNotFound
		}
		return logOpening(ctx, tx, personID, accesslog.View, access, "")
	})
	if err != nil {
		return nil, err
	}
	return accesslog.NewStore(s.db).Search(ctx, accesslog.Filter{PersonID: personID, Limit: 500})
}

// Grant lets a member of staff see a restricted record. Team managers and the quality lead who can see the
// record may grant it; so may administrators.
func (s *Store) Grant(ctx context.Context, personID, staffID string) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, access, err := load(ctx, tx, personID)
		if err != nil {
			return err
		}
		if staff.ID != "" && (!access.Sees() || !(mayRestrict(staff.Role) || staff.Role.Administers())) {
			return sqldb.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_grant (council_id, person_id, staff_id, granted_by, granted_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (council_id, person_id, staff_id) DO NOTHING`,
			council, personID, staffID, staff.ID, tx.Now()); err != nil {
			return fmt.Errorf("grant access: %w", sqldb.Normalise(err))
		}
		return accesslog.Record(ctx, tx, personID, accesslog.Update, "granted access to a restricted record")
	})
}

// BreakGlassEvent is one time a member of staff opened a record outside their allocation.
type BreakGlassEvent struct {
	ID          string
	StaffID     string
	StaffName   string
	PersonID    string
	PersonName  string
	Reason      string
	GrantedAt   time.Time
	ReviewedBy  string
	ReviewedAt  time.Time
	ReviewNote  string
	Version     int
	ReviewerWho string
}

// Reviewed reports whether an administrator has looked at it.
func (e BreakGlassEvent) Reviewed() bool { return !e.ReviewedAt.IsZero() }

// BreakGlassEvents lists break-glass openings for administrators to review, those not yet reviewed first.
func (s *Store) BreakGlassEvents(ctx context.Context, includeReviewed bool) ([]BreakGlassEvent, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !staff.Role.Administers() {
		return nil, sqldb.ErrForbidden
	}
	where := ""
	if !includeReviewed {
		where = " AND b.reviewed_at IS NULL"
	}
	var out []BreakGlassEvent
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT b.id, b.staff_id, COALESCE(s.name, ''), b.person_id, p.given_name || ' ' || p.family_name,
			b.reason, b.granted_at, b.reviewed_by, b.reviewed_at, b.review_note, b.version, COALESCE(r.name, '')
			FROM break_glass b
			JOIN person p ON p.council_id = b.council_id AND p.id = b.person_id
			LEFT JOIN staff s ON s.council_id = b.council_id AND s.id = b.staff_id
			LEFT JOIN staff r ON r.council_id = b.council_id AND r.id = b.reviewed_by
			WHERE b.council_id = $1`+where+` ORDER BY (b.reviewed_at IS NULL) DESC, b.granted_at DESC LIMIT 500`, council)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e BreakGlassEvent
			var reviewed *time.Time
			if err := rows.Scan(&e.ID, &e.StaffID, &e.StaffName, &e.PersonID, &e.PersonName, &e.Reason, &e.GrantedAt,
				&e.ReviewedBy, &reviewed, &e.ReviewNote, &e.Version, &e.ReviewerWho); err != nil {
				return err
			}
			if reviewed != nil {
				e.ReviewedAt = reviewed.UTC()
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list break-glass: %w", err)
	}
	return out, nil
}

// ReviewBreakGlass records an administrator's review of a break-glass opening.
func (s *Store) ReviewBreakGlass(ctx context.Context, id, note string, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if !staff.Role.Administers() {
		return sqldb.ErrForbidden
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return validation.Problems{{Field: "note", Message: "Enter what you found when you reviewed this"}}
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM break_glass WHERE council_id = $1 AND id = $2`, council, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return sqldb.ErrNotFound
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE break_glass SET reviewed_by = $1, reviewed_at = $2, review_note = $3, version = version + 1
			WHERE council_id = $4 AND id = $5 AND version = $6`, staff.ID, tx.Now(), note, council, id, version))
	})
}
