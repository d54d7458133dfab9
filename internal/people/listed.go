package people

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Seen is a person the signed-in member of staff may see, as a list of people names them, with the access that
// lets them see the record.
type Seen struct {
	Person Person
	Access Access
}

// seenBatch is how many people Visible reads at a time.
const seenBatch = 500

// Visible reads, inside tx, which of the people the signed-in member of staff may see by the access rule their own
// pages apply (accessFor): allocated to them or their teams, the whole council for the quality lead, a restricted
// record only when granted, one opened by break-glass this session, or one held by a read grant. The rest are left
// out and never said to exist. It writes nothing to the access log: a caller that shows what the record says of
// the people it lists logs each of them with LogViews in the same transaction.
func Visible(ctx context.Context, tx *sqldb.Tx, personIDs []string) (map[string]Seen, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]Seen{}
	for start := 0; start < len(personIDs); start += seenBatch {
		ids := personIDs[start:min(start+seenBatch, len(personIDs))]
		in, args := sqldb.In([]any{council, staff.ID}, ids)
		granted, reads := map[string]bool{}, map[string]string{}
		err := sqldb.Each(ctx, tx, `SELECT person_id, '' FROM person_grant WHERE council_id = $1 AND staff_id = $2 AND person_id IN (`+in+`)
			UNION ALL SELECT person_id, reason FROM person_read_grant WHERE council_id = $1 AND staff_id = $2 AND person_id IN (`+in+`)`, args,
			func(rows *sql.Rows) error {
				var id, reason string
				if err := rows.Scan(&id, &reason); err != nil {
					return err
				}
				if reason == "" {
					granted[id] = true
				} else {
					reads[id] = reason
				}
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("read the grants: %w", err)
		}
		in, args = sqldb.In([]any{council}, ids)
		rows, err := tx.QueryContext(ctx, `SELECT `+personColumns+personFrom+` WHERE p.council_id = $1 AND p.id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read the people: %w", err)
		}
		for rows.Next() {
			p, err := scanPerson(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			access := WholeCouncil // the command line
			if staff.ID != "" {
				f := facts{Restricted: p.Restricted, Granted: granted[p.ID], TeamID: p.TeamID, WorkerID: p.WorkerID, ReadGrant: reads[p.ID]}
				access = accessFor(staff, f, brokeGlass(ctx, p.ID))
			}
			if access.Sees() {
				out[p.ID] = Seen{Person: p, Access: access}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LogViews writes, inside tx, an access-log view of each person a list shows something of their record about, with
// the reason their access gives (break-glass, or a read grant's purpose), as opening their record would.
func LogViews(ctx context.Context, tx *sqldb.Tx, seen []Seen) error {
	for _, s := range seen {
		if err := logOpening(ctx, tx, s.Person.ID, accesslog.View, s.Access, ""); err != nil {
			return err
		}
	}
	return nil
}
