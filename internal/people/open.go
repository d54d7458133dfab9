package people

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Mode says how Open opens a person's record: Log (the access rule, and the access-log entry for the action),
// Peek (the access rule alone) or LogRelated (Log through a relationship another area has found).
type Mode struct {
	peek         bool
	relationship string
}

// The two usual modes. Log is for every read or change of a person's record; Peek only for a part of a request
// whose entry is already written (a section of a person's page drawn by another area after the page logged the
// view, a form sent back with mistakes whose change wrote nothing), so that one request leaves one entry.
var (
	Log  = Mode{}
	Peek = Mode{peek: true}
)

// LogRelated is Log for an area's own records about a person (their safeguarding records) when that area has found a
// legitimate relationship between the member of staff and those records, named by relationship (such as
// "safeguarding role"). The person then opens without allocation or break-glass, unless their record is restricted
// and not granted, and the access log gives the relationship as the reason. An empty relationship is Log.
func LogRelated(relationship string) Mode { return Mode{relationship: relationship} }

// Open opens a person's record, and one of their episodes when episodeID is not empty, inside another domain's
// transaction (a conversation, an outcome, a plan). It applies the same access rule as the person's own page and,
// unless mode is Peek, writes the access-log entry for action in tx, so that every domain's read or change of a
// person's record is checked and logged in one place.
//
// A person in another council, or one this member of staff may never see, is sqldb.ErrNotFound, and so is an
// episode that is not this person's; one they may open only by break-glass is ErrBreakGlassNeeded; a change by a
// role that does not change records is sqldb.ErrForbidden.
func Open(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, mode Mode, action accesslog.Action) (Person, error) {
	p, access, err := loadRelated(ctx, tx, personID, mode.relationship)
	if err != nil {
		return Person{}, err
	}
	switch access {
	case NoAccess:
		return Person{}, sqldb.ErrNotFound
	case NeedsBreakGlass:
		return Person{}, ErrBreakGlassNeeded
	}
	if action != accesslog.View {
		if staff, _, err := signedIn(ctx); err != nil {
			return Person{}, err
		} else if staff.ID != "" && (!staff.Role.ChangesPeople() || !access.Changes()) {
			return Person{}, sqldb.ErrForbidden
		}
	}
	if !mode.peek {
		if err := logOpening(ctx, tx, personID, action, access, mode.relationship); err != nil {
			return Person{}, err
		}
	}
	if episodeID == "" {
		return p, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM episode WHERE council_id = $1 AND id = $2 AND person_id = $3`,
		tx.Council(), episodeID, personID).Scan(&n); err != nil {
		return Person{}, fmt.Errorf("find episode: %w", sqldb.Normalise(err))
	}
	if n == 0 {
		return Person{}, fmt.Errorf("episode %s of person %s: %w", episodeID, personID, sqldb.ErrNotFound)
	}
	return p, nil
}
