package discovery

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// The links between the to-be web's changes and the programme's actions (internal/programme). Until the programme's
// actions exist there is nothing to link.

// Actions lists the programme's actions a to-be change may be linked to.
func (s *Store) Actions(ctx context.Context) ([]LinkedAction, error) {
	return read(ctx, s, func(tx *sqldb.Tx) ([]LinkedAction, error) { return nil, nil })
}

// readLinks fills in the actions linked to each observation (of one observation, when id is not "").
func readLinks(_ context.Context, _ *sqldb.Tx, _ []Observation, _ string) error { return nil }

// checkActions refuses action ids that are not the council's programme's actions.
func checkActions(_ context.Context, _ *sqldb.Tx, ids []string) error {
	if len(ids) > 0 {
		return validation.Problems{{Field: "actions", Message: "Select actions from the programme’s action plan"}}
	}
	return nil
}

// writeLinks replaces the actions linked to an observation.
func writeLinks(_ context.Context, _ *sqldb.Tx, _ string, _ []string) error { return nil }
