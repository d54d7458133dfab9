package people

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Peek applies the same access rule as Reach inside tx, but writes no access-log entry. It is only for a section of
// a person's page drawn by another area (their episodes of work) after the page itself has logged the view, so that
// one request leaves one entry. Everything else uses Reach.
func Peek(ctx context.Context, tx *sqldb.Tx, personID string) error {
	_, access, err := load(ctx, tx, personID)
	if err != nil {
		return err
	}
	switch access {
	case NoAccess:
		return sqldb.ErrNotFound
	case NeedsBreakGlass:
		return ErrBreakGlassNeeded
	}
	return nil
}
