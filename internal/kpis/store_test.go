package kpis_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/kpis/kpistest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// now is the tests' clock: mid-November 2026, so that 2026-Q2 and 2026-Q3 have ended since a 2026-Q1 baseline.
var now = time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)

func TestKPIsAreComputedFromTheRecordInsideTheWall(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		// Reviews on time: 12 of 20 in the baseline quarter (60%), 14 of 20 next (70%), then 12 of 20 (60%).
		kpistest.Reviews(t, db, a.Council.ID, day("2026-01-01"), 12, 8)
		kpistest.Reviews(t, db, a.Council.ID, day("2026-04-01"), 14, 6)
		kpistest.Reviews(t, db, a.Council.ID, day("2026-07-01"), 12, 8)
		s := kpis.NewStore(db)
		lead, partner := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.ProgrammeLead])
		manager := peopletest.As(a.Staff[councils.TeamManager])
		k, err := s.Add(partner, kpis.KPI{Name: " More reviews on time ", MeasureID: "reviews-on-time", Baseline: "2026-q1",
			Target: 80, TargetOn: day("2027-03-31"), Why: "People's plans keep up with their lives"})
		if err != nil {
			t.Fatal(err)
		}
		if k.Name != "More reviews on time" || k.Baseline != "2026-Q1" || k.Version != 1 {
			t.Errorf("added %+v", k)
		}

		p, err := s.KPI(manager, k.ID, db.Today())
		if err != nil {
			t.Fatal(err)
		}
		if !p.Computable() || p.BaselineFigure.Text != "60%" || p.Trajectory.Baseline != 60 || p.Trajectory.From != day("2026-03-31") {
			t.Fatalf("baseline %+v, trajectory %+v, %s", p.BaselineFigure, p.Trajectory, p.NotComputable)
		}
		if len(p.Quarters) != 2 {
			t.Fatalf("quarters %+v, want 2026-Q2 and 2026-Q3", p.Quarters)
		}
		// The line stands at 64.98% at the end of June and 70.03% at the end of September.
		want := []struct {
			actual string
			status kpis.Status
		}{{"70%", kpis.OnTrack}, {"60%", kpis.OffTrack}}
		for i, w := range want {
			if got := p.Quarters[i]; got.Actual.Text != w.actual || got.Status != w.status {
				t.Errorf("%s: %s %s, want %s %s (expected %.2f)", got.Quarter.Name(), got.Actual.Text, got.Status, w.actual, w.status, got.Expected)
			}
		}
		if p.Status != kpis.OffTrack || p.Latest == nil || p.Latest.Quarter.Name() != "2026-Q3" {
			t.Errorf("status %s from %+v, want off track from 2026-Q3", p.Status, p.Latest)
		}
		// As at the end of July only 2026-Q2 has ended, so the KPI is on track.
		if early, err := s.KPI(lead, k.ID, day("2026-07-31")); err != nil || early.Status != kpis.OnTrack || len(early.Quarters) != 1 {
			t.Errorf("as at July: %s, %d quarters, %v", early.Status, len(early.Quarters), err)
		}

		// A target that is no improvement on the computed baseline is refused on the target, and nothing changes.
		_, err = s.Add(lead, kpis.KPI{Name: "Fewer reviews on time", MeasureID: "reviews-on-time", Baseline: "2026-Q1", Target: 55, TargetOn: day("2027-03-31")})
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "target" || !strings.Contains(ps[0].Message, "above the baseline of 60%") {
			t.Errorf("a target below the baseline: %v", err)
		}

		// A measure with nothing to count in the baseline quarter is kept, and says it cannot be computed yet.
		empty, err := s.Add(lead, kpis.KPI{Name: "More outcomes attained", MeasureID: "outcomes-attained", Baseline: "2026-Q1", Target: 70, TargetOn: day("2027-03-31")})
		if err != nil {
			t.Fatal(err)
		}
		// And a measure the catalogue no longer has says so too (written directly: no form or API accepts one).
		ctxA := sqldb.WithCouncil(context.Background(), a.Council.ID)
		if err := db.InTx(ctxA, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctxA, `UPDATE programme_kpi SET measure_id = 'retired-measure' WHERE council_id = $1 AND id = $2`, a.Council.ID, empty.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		gone, err := s.Add(lead, kpis.KPI{Name: "Signposts that helped", MeasureID: "signposts-helped", Baseline: "2026-Q2", Target: 90, TargetOn: day("2027-06-30")})
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.KPIs(partner, db.Today())
		if err != nil || len(all) != 3 {
			t.Fatalf("KPIs: %d, %v", len(all), err)
		}
		for _, c := range []struct {
			p    kpis.Progress
			says string
		}{
			{all[1], `not yet computable: the record has no measure "retired-measure" to compute it from`},
			{all[2], "not yet computable: nothing in the record is counted by it in April to June 2026, the baseline quarter"},
		} {
			if c.p.Computable() || c.p.NotComputable != c.says || c.p.Status != kpis.NoData || len(c.p.Quarters) != 0 {
				t.Errorf("%s: %q, %s, %d quarters; want %q", c.p.Name, c.p.NotComputable, c.p.Status, len(c.p.Quarters), c.says)
			}
		}
		if all[2].ID != gone.ID {
			t.Errorf("KPIs are not in the order they were set")
		}

		// A change from a version someone else has changed since is a conflict and changes nothing.
		k.Target = 85
		if k, err = s.Update(lead, k); err != nil || k.Version != 2 {
			t.Fatalf("update: %+v, %v", k, err)
		}
		stale := k
		stale.Version, stale.Target = 1, 90
		if _, err := s.Update(partner, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale update: %v, want a conflict", err)
		}

		// Roles: team managers read but do not change; practitioners, finance, administrators see nothing.
		if _, err := s.Add(manager, kpis.KPI{Name: "x", MeasureID: "reviews-on-time", Baseline: "2026-Q1", Target: 90, TargetOn: day("2027-03-31")}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager adds: %v", err)
		}
		for _, r := range []councils.Role{councils.Practitioner, councils.Finance, councils.Administrator, councils.DirectoryEditor} {
			if _, err := s.KPIs(peopletest.As(a.Staff[r]), db.Today()); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s reads KPIs: %v", r, err)
			}
		}

		// Council B sees none of A's KPIs, cannot open or change one, and A's reviews are not in its figures.
		bLead := peopletest.As(b.Staff[councils.QualityLead])
		if got, err := s.KPIs(bLead, db.Today()); err != nil || len(got) != 0 {
			t.Errorf("council B's KPIs: %d, %v", len(got), err)
		}
		if _, err := s.KPI(bLead, k.ID, db.Today()); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B opens A's KPI: %v", err)
		}
		if _, err := s.Update(peopletest.As(b.Staff[councils.ProgrammeLead]), k); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changes A's KPI: %v", err)
		}
		bk, err := s.Add(bLead, kpis.KPI{Name: "More reviews on time", MeasureID: "reviews-on-time", Baseline: "2026-Q1", Target: 80, TargetOn: day("2027-03-31")})
		if err != nil {
			t.Fatal(err)
		}
		if p, err := s.KPI(bLead, bk.ID, db.Today()); err != nil || p.Computable() {
			t.Errorf("council B's KPI computed from A's reviews: %+v, %v", p.BaselineFigure, err)
		}
		if got := dbtest.Numbers(t, db, a.Council.ID, []string{`SELECT target FROM programme_kpi WHERE council_id = $1 AND id = $2`}, a.Council.ID, k.ID); got != "85 " {
			t.Errorf("A's KPI's target is %s after B's change, want 85", got)
		}
	})
}
