package people

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Reach opens a person's record inside another domain's transaction (a conversation, an outcome, a plan): it
// applies the same access rule as the person's own page and writes the access log entry for action in tx, so that
// every domain's read or change of a person's record is checked and logged in one place.
//
// A person in another council, or one this member of staff may never see, is sqldb.ErrNotFound; one they may open
// only by break-glass is ErrBreakGlassNeeded; a change by a role that does not change records is sqldb.ErrForbidden.
func Reach(ctx context.Context, tx *sqldb.Tx, personID string, action accesslog.Action) (Person, error) {
	return ReachRelated(ctx, tx, personID, action, "")
}

// ReachRelated is Reach for an area's own records about a person (their safeguarding records) when that area has
// found a legitimate relationship between the member of staff and those records, named by relationship (such as
// "safeguarding role"). The person then opens without allocation or break-glass, unless their record is restricted
// and not granted, and the access log gives the relationship as the reason. An empty relationship is Reach.
func ReachRelated(ctx context.Context, tx *sqldb.Tx, personID string, action accesslog.Action, relationship string) (Person, error) {
	p, access, err := loadRelated(ctx, tx, personID, relationship)
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
		} else if staff.ID != "" && !staff.Role.ChangesPeople() {
			return Person{}, sqldb.ErrForbidden
		}
	}
	reason := ""
	switch access {
	case BrokenGlass:
		reason = "break-glass"
	case Related:
		reason = relationship
	}
	if err := accesslog.Record(ctx, tx, personID, action, reason); err != nil {
		return Person{}, fmt.Errorf("log %s of person %s: %w", action, personID, err)
	}
	return p, nil
}
