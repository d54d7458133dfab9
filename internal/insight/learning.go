package insight

import (
	"context"
	"slices"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// staffTrained are the facts of the measure of staff trained in a standard course: each member of staff it is
// required of on the period's last day, under one of their teams (the same each time), meeting the measure when their training is current
// (learning.Standing.Current). They carry no person.
func staffTrained(standard learning.Standard) func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		return learning.EachStanding(ctx, tx, standard, p.To, func(st councils.Staff, s learning.Standing) {
			f := Fact{On: p.To, In: s.Current()}
			if len(st.TeamIDs) > 0 {
				f.TeamID = slices.Min(st.TeamIDs)
			}
			emit(f)
		})
	}
}
