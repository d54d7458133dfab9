package feedback

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Past is a set of answers given before now, as it was kept: for loading a council's history (the demo's).
// A person's names the person and episode; a member of staff's names the round and never who gave it.
type Past struct {
	Response
	PersonID, EpisodeID, RoundID, TeamID string
}

// PastRound is a staff survey round held before now, with the members of staff who answered it.
type PastRound struct {
	Round
	AnsweredBy []string
}

// Import keeps past rounds and answers inside tx, in a few statements: for a council's history. Each response gets
// an ID; answers in words left empty are not kept.
func Import(ctx context.Context, tx *sqldb.Tx, rounds []PastRound, past []Past) error {
	var rv, av []any
	for _, r := range rounds {
		rv = append(rv, tx.Council(), r.ID, r.SurveyID, r.Name, r.OpensOn, r.ClosesOn, tx.Now())
		for _, st := range r.AnsweredBy {
			av = append(av, tx.Council(), r.ID, st)
		}
	}
	if err := sqldb.InsertMany(ctx, tx, "feedback_round", []string{"council_id", "id", "survey_id", "name", "opens_on", "closes_on", "created_at"}, rv); err != nil {
		return fmt.Errorf("import staff survey rounds: %w", err)
	}
	if err := sqldb.InsertMany(ctx, tx, "feedback_answered", []string{"council_id", "round_id", "staff_id"}, av); err != nil {
		return fmt.Errorf("import who answered: %w", err)
	}
	var pv, qv []any
	for _, p := range past {
		id := sqldb.NewID()
		pv = append(pv, tx.Council(), id, p.SurveyID, orNull(p.PersonID), orNull(p.EpisodeID), orNull(p.RoundID), p.TeamID, p.AnsweredOn, string(p.How), p.Anonymous)
		for q, a := range p.Answers {
			if a != "" {
				qv = append(qv, tx.Council(), id, q, a)
			}
		}
	}
	if err := sqldb.InsertMany(ctx, tx, "feedback_response", []string{"council_id", "id", "survey_id", "person_id", "episode_id", "round_id", "team_id",
		"answered_on", "how", "anonymous"}, pv); err != nil {
		return fmt.Errorf("import answers: %w", err)
	}
	if err := sqldb.InsertMany(ctx, tx, "feedback_answer", []string{"council_id", "response_id", "question", "answer"}, qv); err != nil {
		return fmt.Errorf("import answers: %w", err)
	}
	return nil
}
