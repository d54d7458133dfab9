package plans

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// AddDirectorySolution puts a solution that uses a community directory service on the ladder, inside another
// domain's transaction (a signpost from an episode), after the caller has reached the person for a change and
// checked the service is the council's. It applies AddSolution's rules and keeps the directory service.
func AddDirectorySolution(ctx context.Context, tx *sqldb.Tx, sol Solution) (Solution, error) {
	sol.Normalise()
	if ps := sol.Validate(); len(ps) > 0 {
		return Solution{}, ps
	}
	if err := checkOutcomes(ctx, tx, sol); err != nil {
		return Solution{}, err
	}
	sol.ID, sol.Version, sol.FamilyPlanItemID = sqldb.NewID(), 1, ""
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
		Summary: "Solution added: " + sol.Rung.Label(), RefID: sol.ID})
}
