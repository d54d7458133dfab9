package plans

import (
	"context"

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
	return insertSolution(ctx, tx, sol, "Solution added from the family’s plan: ")
}
