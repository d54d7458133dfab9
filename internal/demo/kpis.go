package demo

import (
	"context"
	"fmt"
	"math"

	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// demoKPIs are the programme's KPIs the demo council sets, each on a measure of the catalogue, with why it matters.
var demoKPIs = []struct{ name, measure, why string }{
	{"More reviews held on time", "reviews-on-time", "A plan that is reviewed when it is due keeps up with the person's life."},
	{"More contacts resolved at the first conversation", "resolved-at-first-contact", "Good information and advice at the front door prevents need."},
	{"More solutions on the least intrusive rungs", "least-intrusive-solutions", "People's own strengths, family and community come first."},
	{"Staff trained in strengths-based practice", "staff-trained-strengths-based", "Everyone who works with people shares one model of practice."},
	{"Fewer people waiting for a first conversation", "waiting-for-first-conversation", "Waiting well: nobody waits long for someone to talk to."},
}

// AddKPIs sets the demo council's programme KPIs as its quality lead: baselines over the quarter three quarters ago,
// so that two quarters of actuals show against each trajectory, and targets a year from now that improve on each
// baseline the way its measure is better. It issues one board report as at six weeks ago, so that the next report
// says what changed since.
func AddKPIs(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	_, asLead := qualityLead(ctx, staff)
	store := kpis.NewStore(db)
	today := db.Today()
	base := insight.QuarterOf(today).Before().Before().Before()
	targetOn := insight.QuarterOf(sqldb.NewDate(today.AddDate(1, 0, 0))).To
	for _, k := range demoKPIs {
		m, ok := insight.Find(k.measure)
		if !ok {
			return fmt.Errorf("demo KPIs: the catalogue has no measure %s", k.measure)
		}
		target, baseline, err := demoTarget(asLead, db, m, base)
		if err != nil {
			return fmt.Errorf("demo KPI %q: %w", k.name, err)
		}
		if baseline != nil && !kpis.Improves(m.Better, *baseline, target) {
			continue // already as good as it can be: no target would improve on it
		}
		if _, err := store.Add(asLead, kpis.KPI{Name: k.name, MeasureID: m.ID, Baseline: base.Name(), Target: target, TargetOn: targetOn, Why: k.why}); err != nil {
			return fmt.Errorf("demo KPI %q: %w", k.name, err)
		}
	}
	reports := board.NewStore(db, programme.NewStore(db), store)
	if _, err := reports.Issue(asLead, sqldb.NewDate(today.AddDate(0, 0, -42))); err != nil {
		return fmt.Errorf("demo board report: %w", err)
	}
	return nil
}

// demoTarget is a target that improves on the measure's baseline over the quarter: a share ten points higher (to at
// most 100%), a count a fifth lower or higher; a baseline the record cannot compute gets a round goal.
// It returns the baseline too, nil when there is none.
func demoTarget(ctx context.Context, db *sqldb.DB, m insight.Measure, base insight.Period) (float64, *float64, error) {
	var v float64
	var ok bool
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		_, all, err := insight.Tallies(ctx, tx, m, base, insight.Whole)
		v, ok = kpis.Value(m, m.Show(all))
		return err
	})
	switch {
	case err != nil:
		return 0, nil, err
	case !ok && m.Kind == insight.Share:
		return 80, nil, nil
	case !ok:
		return 10, nil, nil
	case m.Kind == insight.Share:
		return math.Min(100, math.Round(v)+10), &v, nil
	case m.Better == insight.Down:
		return math.Floor(v * 0.8), &v, nil
	}
	return math.Ceil(v*1.2) + 1, &v, nil
}
