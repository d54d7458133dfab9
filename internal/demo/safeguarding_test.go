package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TestSafeguardingHistoryGivesTheSummaryFigures checks the demo's safeguarding is plausible: a few concerns a
// hundred people a year, most decided in time, about four in ten section 42 enquiries, Making Safeguarding Personal
// asked in most, and concluded enquiries with a mix of categories and outcomes.
func TestSafeguardingHistoryGivesTheSummaryFigures(t *testing.T) {
	t.Parallel()
	eachSharedHistory(t, func(t *testing.T, db *sqldb.DB, ctx context.Context) {
		var ql councils.Staff
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT id, role, council_id FROM staff WHERE council_id = $1 AND role = 'quality_lead'`, tx.Council()).Scan(&ql.ID, &ql.Role, &ql.CouncilID)
		}); err != nil {
			t.Fatal(err)
		}
		today := sqldb.UKDate(historyClock())
		s, err := safeguarding.NewStore(db).Summarise(councils.WithStaff(ctx, ql), sqldb.NewDate(today.AddDate(-6, 0, 0)), today)
		if err != nil {
			t.Fatal(err)
		}
		n := func(cs []safeguarding.Count, label string) int {
			for _, c := range cs {
				if c.Label == label {
					return c.N
				}
			}
			return 0
		}
		nonZero := func(cs []safeguarding.Count) int {
			k := 0
			for _, c := range cs {
				if c.N > 0 {
					k++
				}
			}
			return k
		}
		perYear := float64(s.Concerns) / 5 / historyPeople * 100
		if perYear < 1 || perYear > 5 {
			t.Errorf("%d concerns in five years for %d people: %.1f a hundred a year", s.Concerns, historyPeople, perYear)
		}
		decided := s.DecisionsInTime + s.DecisionsLate
		if s.DecisionsInTime*10 < decided*7 {
			t.Errorf("only %d of %d decisions in time", s.DecisionsInTime, decided)
		}
		if enquiries := s.Section42Started + s.OtherStarted; s.Section42Started == 0 || enquiries*10 < decided*2 || enquiries*10 > decided*7 {
			t.Errorf("%d section 42 and %d other enquiries of %d decisions", s.Section42Started, s.OtherStarted, decided)
		}
		if s.ConcludedEnquiries == 0 || nonZero(s.Types) < 3 || nonZero(s.Locations) < 2 || nonZero(s.Sources) < 2 {
			t.Errorf("concluded %d; types %v; locations %v; sources %v", s.ConcludedEnquiries, s.Types, s.Locations, s.Sources)
		}
		if n(s.MSPAsked, codelists.MSPAskedExpressed)*2 < s.ConcludedEnquiries || nonZero(s.MSPAchieved) < 2 {
			t.Errorf("MSP asked %v, achieved %v", s.MSPAsked, s.MSPAchieved)
		}
		if nonZero(s.RiskOutcomes) < 2 {
			t.Errorf("risk outcomes %v", s.RiskOutcomes)
		}
	})
}
