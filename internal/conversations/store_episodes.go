package conversations

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Episodes lists a person's episodes, newest first, with their steps and contacts, and logs one view of the
// person's record. It is for callers whose list is the whole answer about the person (the JSON API); a section of
// a page that has already logged the view uses PersonEpisodes.
func (s *Store) Episodes(ctx context.Context, personID string) ([]Episode, error) {
	var out []Episode
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		var err error
		out, err = personEpisodes(ctx, tx, personID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
