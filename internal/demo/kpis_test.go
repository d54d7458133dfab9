package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council's programme has KPIs on the catalogue's measures, computed from its history with a baseline
// three quarters ago and quarters of actuals since, and a board report issued before, so that the next report has
// a "last" to say what changed since.
func TestLoadHasProgrammeKPIsAndAnIssuedBoardReport(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		_, asLead := qualityLead(ctx, staffListOf(t, ctx, db))
		ks, err := kpis.NewStore(db).KPIs(asLead, db.Today())
		if err != nil {
			t.Fatal(err)
		}
		computed := 0
		for _, k := range ks {
			if k.Computable() && len(k.Quarters) == 2 {
				computed++
			}
		}
		// A council of 300 people has too few reviews in a quarter for some measures to be shown; the default 2,000 has
		// enough for all.
		if len(ks) != len(demoKPIs) || computed < 2 {
			t.Errorf("%d KPIs, %d of them computed with two quarters of actuals", len(ks), computed)
		}
		r, err := board.NewStore(db, programme.NewStore(db), kpis.NewStore(db)).Report(asLead, db.Today())
		if err != nil {
			t.Fatal(err)
		}
		if r.Last == nil || len(r.Issued) != 1 || !r.Last.AsAt.Before(db.Today().Time) {
			t.Errorf("the board report: last %v, %d issued", r.Last, len(r.Issued))
		}
		// The demo's programme is under way, so the report has its milestones, what changed since and the KPIs.
		if !r.Started || len(r.Milestones) == 0 || len(r.Changes) == 0 || len(r.KPIs) != len(ks) {
			t.Errorf("the board report: started %v, %d milestones, %d changes, %d KPIs", r.Started, len(r.Milestones), len(r.Changes), len(r.KPIs))
		}
	})
}

func staffListOf(t *testing.T, ctx context.Context, db *sqldb.DB) []councils.Staff {
	t.Helper()
	list, err := councils.NewStore(db).StaffList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
