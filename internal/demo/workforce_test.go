package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// The demo council has two staff resource scenarios to compare on first start, each worked out from a year of the
// record: the teams have work to count, and With Three Conversations needs fewer practitioners than Current.
func TestLoadHasStaffResourceScenarios(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		as := signedInAs(t, ctx, db, func(st councils.Staff) bool { return st.Role == councils.QualityLead })
		s := workforce.NewStore(db, nil)
		xs, err := s.Scenarios(as)
		if err != nil {
			t.Fatal(err)
		}
		if len(xs) != 2 || xs[0].Name != "Current" || xs[1].Name != "With Three Conversations" {
			t.Fatalf("scenarios %+v", xs)
		}
		rs, err := s.Results(as, workforce.LastFullMonths(db.Today(), 12), xs[0].ID, xs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		current, three := rs[0].Total, rs[1].Total
		for _, n := range rs[0].Needs {
			t.Logf("%s: %.1f contacts, %.1f conversations a month; %.1f practitioners needed, %d in post", n.TeamName,
				n.Monthly[workforce.Contact], n.Monthly[workforce.Conversation], n.Practitioners, n.Has.Practitioners)
		}
		if current.Monthly[workforce.Contact] == 0 || current.Monthly[workforce.Conversation] == 0 || current.Has.Practitioners == 0 {
			t.Errorf("the demo's year has no work or no staff to count: %+v", current)
		}
		if !(three.Practitioners < current.Practitioners) {
			t.Errorf("With Three Conversations needs %.1f practitioners, Current %.1f", three.Practitioners, current.Practitioners)
		}
	})
}
