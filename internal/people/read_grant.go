package people

import (
	"context"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// GrantRead gives a member of staff read-only access to a person's record for a purpose (reason, such as "case file
// audit"), held by what gave it (sourceID, such as an audit) until EndReadGrants ends it. It is for another area's
// work that needs a case outside the member of staff's allocation; every opening through it is logged with the
// reason, and nothing can be changed through it. It opens no restricted record that was not granted.
func GrantRead(ctx context.Context, tx *sqldb.Tx, sourceID, personID, staffID, reason string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO person_read_grant (council_id, source_id, person_id, staff_id, reason, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (council_id, source_id, person_id, staff_id) DO NOTHING`,
		tx.Council(), sourceID, personID, staffID, reason, tx.Now()); err != nil {
		return fmt.Errorf("grant %s read access: %w", reason, sqldb.Normalise(err))
	}
	return nil
}

// ReadGrant is one read-only grant: who may read whose record, for what (GrantReads).
type ReadGrant struct {
	SourceID, PersonID, StaffID string
}

// GrantReads gives many new read-only grants for one purpose at once, as GrantRead gives one: a round's auditors
// over the episodes it sampled.
func GrantReads(ctx context.Context, tx *sqldb.Tx, reason string, grants []ReadGrant) error {
	vals := make([]any, 0, len(grants)*6)
	for _, g := range grants {
		vals = append(vals, tx.Council(), g.SourceID, g.PersonID, g.StaffID, reason, tx.Now())
	}
	if err := sqldb.InsertMany(ctx, tx, "person_read_grant", []string{"council_id", "source_id", "person_id", "staff_id", "reason", "created_at"}, vals); err != nil {
		return fmt.Errorf("grant %s read access: %w", reason, err)
	}
	return nil
}

// EndReadGrants ends every read grant that the sources gave.
func EndReadGrants(ctx context.Context, tx *sqldb.Tx, sourceIDs ...string) error {
	if len(sourceIDs) == 0 {
		return nil
	}
	in, args := sqldb.In([]any{tx.Council()}, sourceIDs)
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_read_grant WHERE council_id = $1 AND source_id IN (`+in+`)`, args...); err != nil {
		return fmt.Errorf("end read grants: %w", err)
	}
	return nil
}

// readGrant is the purpose of a read grant the member of staff holds over the person, or "".
func readGrant(ctx context.Context, tx *sqldb.Tx, personID, staffID string) (string, error) {
	var reason string
	err := sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT reason FROM person_read_grant
		WHERE council_id = $1 AND person_id = $2 AND staff_id = $3 ORDER BY created_at, source_id LIMIT 1`,
		tx.Council(), personID, staffID).Scan(&reason))
	if errors.Is(err, sqldb.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the read grants: %w", err)
	}
	return reason, nil
}

// logOpening writes the access-log entry for an opening of a person's record through access, with its reason:
// break-glass, the relationship another area established, or the purpose of a read grant; none for allocation and
// the whole council.
func logOpening(ctx context.Context, tx *sqldb.Tx, personID string, action accesslog.Action, access Access, relationship string) error {
	reason := ""
	switch access {
	case BrokenGlass:
		reason = "break-glass"
	case Related:
		reason = relationship
	case ReadGranted:
		var err error
		if reason, err = readGrant(ctx, tx, personID, councils.StaffID(ctx)); err != nil {
			return err
		}
	}
	if err := accesslog.Record(ctx, tx, personID, action, reason); err != nil {
		return fmt.Errorf("log %s of person %s: %w", action, personID, err)
	}
	return nil
}
