package plans

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// AddDirectorySolution puts a solution that uses a community directory service on the ladder, inside another
// domain's transaction (a signpost from an episode), after the caller has reached the person for a change and
// checked the service is the council's. It applies AddSolution's rules and keeps the directory service.
func AddDirectorySolution(ctx context.Context, tx *sqldb.Tx, sol Solution) (Solution, error) {
	sol.FamilyPlanItemID = ""
	return insertSolution(ctx, tx, sol, "Solution added: ")
}
