package conversations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Voice is how much of an episode's conversations is in the person's own words: the sections recorded (with their
// words or the practitioner's observations), and those holding the person's own words. A case file audit asks it
// of every sampled episode.
type Voice struct {
	Sections   int
	InOwnWords int
}

// Percent is the share of recorded sections that hold the person's own words, rounded down, or 0 when nothing is
// recorded.
func (v Voice) Percent() int {
	if v.Sections == 0 {
		return 0
	}
	return v.InOwnWords * 100 / v.Sections
}

// VoiceOf reads, inside tx, the Voice of several episodes at once. It neither checks access nor logs: callers have
// reached the people whose episodes they pass.
func VoiceOf(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string]Voice, error) {
	out := map[string]Voice{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	err := sqldb.Each(ctx, tx, `SELECT c.episode_id,
			sum(CASE WHEN s.person_words <> '' OR s.observed <> '' THEN 1 ELSE 0 END),
			sum(CASE WHEN s.person_words <> '' THEN 1 ELSE 0 END)
		FROM conversation c JOIN conversation_section s ON s.council_id = c.council_id AND s.conversation_id = c.id
		WHERE c.council_id = $1 AND c.episode_id IN (`+in+`) GROUP BY c.episode_id`, args,
		func(rows *sql.Rows) error {
			var id string
			var v Voice
			if err := rows.Scan(&id, &v.Sections, &v.InOwnWords); err != nil {
				return err
			}
			out[id] = v
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the person's words: %w", err)
	}
	return out, nil
}
