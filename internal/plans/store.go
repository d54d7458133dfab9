package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps solutions on the ladder. Every method reads the council and the member of staff from the context,
// opens the person's record with people.Open (the access rule and one access-log entry) and, for a change, adds
// an event to the person's chronology, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Ladder is an episode's outcomes and the solutions that serve them, as the solution pages show them.
type Ladder struct {
	Person    people.Person
	EpisodeID string
	Outcomes  []outcomes.Outcome // oldest first
	Solutions []Solution         // least intrusive rung first, then oldest first
}

// Solution returns the solution with id, or false.
func (l Ladder) Solution(id string) (Solution, bool) {
	for _, s := range l.Solutions {
		if s.ID == id {
			return s, true
		}
	}
	return Solution{}, false
}

// On returns the solutions on one rung, oldest first.
func (l Ladder) On(r Rung) []Solution {
	var out []Solution
	for _, s := range l.Solutions {
		if s.Rung == r {
			out = append(out, s)
		}
	}
	return out
}

// Ladder reads an episode's outcomes and solutions and logs one view of the person's record. An episode that is
// not the person's, or a person in another council, is sqldb.ErrNotFound.
func (s *Store) Ladder(ctx context.Context, personID, episodeID string) (Ladder, error) {
	l := Ladder{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if l.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		if l.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID); err != nil {
			return err
		}
		l.Solutions, err = solutions(ctx, tx, episodeID)
		return err
	})
	if err != nil {
		return Ladder{}, err
	}
	return l, nil
}

func solutions(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Solution, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, person_id, episode_id, rung, description, who_when, directory_service_id,
		lower_rungs_reason, family_plan_item_id, version FROM solution WHERE council_id = $1 AND episode_id = $2 ORDER BY created_at, id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read solutions: %w", err)
	}
	var out []Solution
	index := map[string]int{}
	for rows.Next() {
		var sol Solution
		var rung string
		if err := rows.Scan(&sol.ID, &sol.PersonID, &sol.EpisodeID, &rung, &sol.Description, &sol.WhoWhen, &sol.DirectoryServiceID,
			&sol.LowerRungsReason, &sol.FamilyPlanItemID, &sol.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read solution: %w", err)
		}
		if sol.Rung, err = ParseRung(rung); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read solution %s: %w", sol.ID, err)
		}
		index[sol.ID] = len(out)
		out = append(out, sol)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	links, err := tx.QueryContext(ctx, `SELECT so.solution_id, so.outcome_id FROM solution_outcome so
		JOIN solution s ON s.council_id = so.council_id AND s.id = so.solution_id
		JOIN outcome o ON o.council_id = so.council_id AND o.id = so.outcome_id
		WHERE so.council_id = $1 AND s.episode_id = $2 ORDER BY o.created_at, o.id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read the outcomes solutions serve: %w", err)
	}
	defer links.Close()
	for links.Next() {
		var sol, outcome string
		if err := links.Scan(&sol, &outcome); err != nil {
			return nil, err
		}
		if i, ok := index[sol]; ok {
			out[i].OutcomeIDs = append(out[i].OutcomeIDs, outcome)
		}
	}
	if err := links.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Solution) int { return int(a.Rung) - int(b.Rung) })
	return out, nil
}

// SolutionColumns are the solution table's columns in the order SolutionValues gives them: every INSERT of a
// solution (the ladder, a directory service, a family's plan) and the demo's bulk load use them, so a new column is
// named once.
func SolutionColumns() []string {
	return []string{"council_id", "id", "person_id", "episode_id", "rung", "description", "who_when", "directory_service_id",
		"lower_rungs_reason", "family_plan_item_id", "created_at", "created_by", "updated_at", "updated_by", "version"}
}

// SolutionValues are a new solution's values for SolutionColumns, as added in council by staff member by at the
// moment at.
func SolutionValues(council string, sol Solution, at time.Time, by string) []any {
	return []any{council, sol.ID, sol.PersonID, sol.EpisodeID, sol.Rung.String(), sol.Description, sol.WhoWhen,
		sol.DirectoryServiceID, sol.LowerRungsReason, sol.FamilyPlanItemID, at, by, at, by, 1}
}

// Normalise trims what was typed and drops repeated outcomes. A solution on a rung that needs no reason keeps none.
func (sol *Solution) Normalise() {
	sol.Description, sol.WhoWhen = strings.TrimSpace(sol.Description), strings.TrimSpace(sol.WhoWhen)
	sol.LowerRungsReason = strings.TrimSpace(sol.LowerRungsReason)
	if !sol.Rung.NeedsLowerRungReason() {
		sol.LowerRungsReason = ""
	}
	var ids []string
	for _, id := range sol.OutcomeIDs {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	sol.OutcomeIDs = ids
}

// checkOutcomes refuses outcomes that are not the episode's.
func checkOutcomes(ctx context.Context, tx *sqldb.Tx, sol Solution) error {
	theirs, err := outcomes.ForEpisode(ctx, tx, sol.EpisodeID)
	if err != nil {
		return err
	}
	for _, id := range sol.OutcomeIDs {
		if !slices.ContainsFunc(theirs, func(o outcomes.Outcome) bool { return o.ID == id }) {
			return validation.Problems{{Field: "outcome_ids", Message: "Choose outcomes from this episode"}}
		}
	}
	return nil
}

func linkOutcomes(ctx context.Context, tx *sqldb.Tx, sol Solution) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM solution_outcome WHERE council_id = $1 AND solution_id = $2`, tx.Council(), sol.ID); err != nil {
		return fmt.Errorf("unlink outcomes: %w", err)
	}
	for _, id := range sol.OutcomeIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, $2, $3)`,
			tx.Council(), sol.ID, id); err != nil {
			return fmt.Errorf("link outcome: %w", sqldb.Normalise(err))
		}
	}
	return nil
}

// AddSolution puts a solution on the ladder in an episode, serving at least one of the episode's outcomes, with a
// chronology event, and marks its step in progress if it had not started. Problems come back as validation.Problems and change nothing.
func (s *Store) AddSolution(ctx context.Context, sol Solution) (Solution, error) {
	sol.Normalise()
	if ps := sol.Validate(); len(ps) > 0 {
		return Solution{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, sol.PersonID, sol.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		var err error
		sol, err = RecordSolution(ctx, tx, sol)
		return err
	})
	if err != nil {
		return Solution{}, err
	}
	return sol, nil
}

// RecordSolution adds a solution inside another record's transaction, once the person and the episode have been
// opened for a change in it (people.Open), as AddSolution does. It returns the solution with its id.
func RecordSolution(ctx context.Context, tx *sqldb.Tx, sol Solution) (Solution, error) {
	sol.DirectoryServiceID, sol.FamilyPlanItemID = "", ""
	return insertSolution(ctx, tx, sol, "Solution added: ")
}

// insertSolution checks sol by the ladder's rules and adds it in tx with the outcomes it serves, starts its step
// and writes the chronology event, its summary begun with summary: every way a solution is added ends here.
func insertSolution(ctx context.Context, tx *sqldb.Tx, sol Solution, summary string) (Solution, error) {
	sol.Normalise()
	if ps := sol.Validate(); len(ps) > 0 {
		return Solution{}, ps
	}
	if err := checkOutcomes(ctx, tx, sol); err != nil {
		return Solution{}, err
	}
	sol.ID, sol.Version = sqldb.NewID(), 1
	if _, err := tx.ExecContext(ctx, sqldb.Insert("solution", SolutionColumns()), SolutionValues(tx.Council(), sol, tx.Now(), councils.StaffID(ctx))...); err != nil {
		return Solution{}, fmt.Errorf("add solution: %w", sqldb.Normalise(err))
	}
	if err := linkOutcomes(ctx, tx, sol); err != nil {
		return Solution{}, err
	}
	if err := conversations.StartStep(ctx, tx, sol.PersonID, sol.EpisodeID, conversations.SolutionStep); err != nil {
		return Solution{}, err
	}
	return sol, chronology.Record(ctx, tx, chronology.Event{PersonID: sol.PersonID, EpisodeID: sol.EpisodeID, Kind: chronology.Solution,
		Summary: summary + sol.Rung.Label(), RefID: sol.ID})
}

// UpdateSolution saves a changed solution, and the outcomes it serves, if nobody else changed it since sol.Version;
// otherwise it changes nothing and returns sqldb.ErrConflict. A solution in another episode or council is
// sqldb.ErrNotFound.
func (s *Store) UpdateSolution(ctx context.Context, sol Solution) error {
	sol.Normalise()
	if ps := sol.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, sol.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM solution WHERE council_id = $1 AND id = $2 AND person_id = $3 AND episode_id = $4`,
			tx.Council(), sol.ID, sol.PersonID, sol.EpisodeID).Scan(&n); err != nil {
			return fmt.Errorf("find solution: %w", err)
		}
		if n == 0 {
			return sqldb.ErrNotFound
		}
		if err := checkOutcomes(ctx, tx, sol); err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE solution SET rung = $1, description = $2, who_when = $3,
			lower_rungs_reason = $4, updated_at = $5, updated_by = $6, version = version + 1
			WHERE council_id = $7 AND id = $8 AND version = $9`,
			sol.Rung.String(), sol.Description, sol.WhoWhen, sol.LowerRungsReason, tx.Now(), councils.StaffID(ctx), tx.Council(), sol.ID, sol.Version)); err != nil {
			return fmt.Errorf("change solution: %w", err)
		}
		if err := linkOutcomes(ctx, tx, sol); err != nil {
			return err
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: sol.PersonID, EpisodeID: sol.EpisodeID, Kind: chronology.Solution,
			Summary: "Solution changed: " + sol.Rung.Label(), RefID: sol.ID})
	})
}
