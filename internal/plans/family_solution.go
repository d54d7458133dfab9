package plans

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// AddFamilyPlanSolution puts an item of a family group conference's plan on the ladder as a solution on the network
// rung, inside another domain's transaction, after the caller has reached the person for a change and checked the
// item is the episode's. It applies AddSolution's rules and keeps the item the solution came from
// (sol.FamilyPlanItemID), so the plan can say which solutions the family made.
func AddFamilyPlanSolution(ctx context.Context, tx *sqldb.Tx, sol Solution) (Solution, error) {
	sol.Rung, sol.DirectoryServiceID = Network, ""
	sol.Normalise()
	if ps := sol.Validate(); len(ps) > 0 {
		return Solution{}, ps
	}
	if sol.FamilyPlanItemID == "" {
		return Solution{}, validation.Problems{{Field: "item", Message: "Choose the item of the family’s plan"}}
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
		Summary: "Solution added from the family’s plan: " + sol.Rung.Label(), RefID: sol.ID})
}
