package outcomes

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Aspirations lists all the person's aspirations, oldest first, whichever episode they were heard in, and logs one
// view of the person's record.
func (s *Store) Aspirations(ctx context.Context, personID string) ([]Recorded, error) {
	var out []Recorded
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		var err error
		out, err = aspirations(ctx, tx, `a.person_id = $2`, personID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AspirationsOf lists all the person's aspirations, oldest first, inside a transaction in which the person has
// already been opened (people.Open).
func AspirationsOf(ctx context.Context, tx *sqldb.Tx, personID string) ([]Recorded, error) {
	return aspirations(ctx, tx, `a.person_id = $2`, personID)
}
