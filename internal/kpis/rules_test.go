package kpis_test

import (
	"math"
	"testing"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// day is a date written YYYY-MM-DD.
var day = dbtest.Date

func measure(t *testing.T, id string) insight.Measure {
	t.Helper()
	m, ok := insight.Find(id)
	if !ok {
		t.Fatalf("the catalogue has no measure %s", id)
	}
	return m
}

func TestTrajectoryIsAStraightLineFromBaselineToTarget(t *testing.T) {
	t.Parallel()
	// 2026-03-31 to 2027-03-31 is 365 days.
	up := kpis.Trajectory{From: day("2026-03-31"), Baseline: 60, To: day("2027-03-31"), Target: 80}
	down := kpis.Trajectory{From: day("2026-03-31"), Baseline: 40, To: day("2027-03-31"), Target: 10}
	cases := []struct {
		name string
		t    kpis.Trajectory
		on   string
		want float64
	}{
		{"before the baseline ends, the baseline", up, "2026-01-15", 60},
		{"on the baseline's last day, the baseline", up, "2026-03-31", 60},
		{"a quarter on (91 days of 365)", up, "2026-06-30", 60 + 20*91.0/365},
		{"half way (2026-09-30 is 183 days on)", up, "2026-09-30", 60 + 20*183.0/365},
		{"on the target's date, the target", up, "2027-03-31", 80},
		{"after the target's date, the target", up, "2028-01-01", 80},
		{"falling, a quarter on", down, "2026-06-30", 40 - 30*91.0/365},
		{"falling, on the target's date", down, "2027-03-31", 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.t.At(day(c.on)); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("At(%s) = %v, want %v", c.on, got, c.want)
			}
		})
	}
}

func TestJudgeRespectsWhichWayIsBetter(t *testing.T) {
	t.Parallel()
	onTime := measure(t, "reviews-on-time")           // a share, higher is better
	overdue := measure(t, "reviews-overdue")          // a count, lower is better
	wait := measure(t, "wait-for-first-conversation") // a median, lower is better
	byRung := measure(t, "solutions-by-rung")         // a count, better neither way
	q := day("2026-06-30")                            // a quarter after the baseline
	rising := kpis.Trajectory{From: day("2026-03-31"), Baseline: 60, To: day("2027-03-31"), Target: 80}
	falling := kpis.Trajectory{From: day("2026-03-31"), Baseline: 40, To: day("2027-03-31"), Target: 20}
	steady := kpis.Trajectory{From: day("2026-03-31"), Baseline: 100, To: day("2027-03-31"), Target: 100}
	// At 2026-06-30 the rising line stands at 64.99 and the falling at 35.01.
	shown := func(n float64) insight.Figure { return insight.Figure{Number: n, Text: "shown"} }
	cases := []struct {
		name   string
		m      insight.Measure
		t      kpis.Trajectory
		actual insight.Figure
		want   kpis.Status
	}{
		{"higher is better, above the line", onTime, rising, shown(66), kpis.OnTrack},
		{"higher is better, on the line's whole percentage", onTime, rising, shown(65), kpis.OnTrack},
		{"higher is better, below the line", onTime, rising, shown(64), kpis.OffTrack},
		{"higher is better, no better than the baseline", onTime, rising, shown(60), kpis.OffTrack},
		{"lower is better, below the line", overdue, falling, shown(35), kpis.OnTrack},
		{"lower is better, above the line", overdue, falling, shown(40), kpis.OffTrack},
		{"lower is better, none at all", overdue, falling, insight.Figure{Text: "None"}, kpis.OnTrack},
		{"a median, lower is better, above the line", wait, falling, shown(36), kpis.OffTrack},
		{"a median of nothing is no data", wait, falling, insight.Figure{Text: "None"}, kpis.NoData},
		{"too few to show is no data", onTime, rising, insight.Figure{Withheld: true, Text: insight.TooFew}, kpis.NoData},
		{"a share of nothing is no data", onTime, rising, insight.Figure{Text: "None"}, kpis.NoData},
		{"neither way, the target above: judged as rising", byRung, rising, shown(70), kpis.OnTrack},
		{"neither way, the target above, short of the line", byRung, rising, shown(61), kpis.OffTrack},
		{"neither way, the target below: judged as falling", byRung, falling, shown(30), kpis.OnTrack},
		{"neither way, the target below, above the line", byRung, falling, shown(39), kpis.OffTrack},
		{"neither way, held steady within 5%", byRung, steady, shown(105), kpis.OnTrack},
		{"neither way, held steady, 5% under", byRung, steady, shown(95), kpis.OnTrack},
		{"neither way, held steady, drifted", byRung, steady, shown(110), kpis.OffTrack},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := kpis.Judge(c.m, c.t, q, c.actual); got != c.want {
				t.Errorf("Judge = %s, want %s", got, c.want)
			}
		})
	}
}

func TestQuartersAreThoseEndedSinceTheBaselineUpToTheTarget(t *testing.T) {
	t.Parallel()
	base, err := insight.Quarter("2026-Q1")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, target, today string
		want                []string
	}{
		{"none ended yet", "2027-03-31", "2026-06-30", nil},
		{"the first ended the day before", "2027-03-31", "2026-07-01", []string{"2026-Q2"}},
		{"two ended", "2027-03-31", "2026-12-31", []string{"2026-Q2", "2026-Q3"}},
		{"stops at the target's quarter", "2026-08-15", "2027-06-01", []string{"2026-Q2", "2026-Q3"}},
		{"a year on", "2027-03-31", "2027-05-01", []string{"2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, q := range kpis.Quarters(base, day(c.target), day(c.today)) {
				got = append(got, q.Name())
			}
			if len(got) != len(c.want) {
				t.Fatalf("quarters %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("quarters %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestImprovesAndValidate(t *testing.T) {
	t.Parallel()
	improves := []struct {
		better           insight.Better
		baseline, target float64
		want             bool
	}{
		{insight.Up, 60, 80, true}, {insight.Up, 60, 60, false}, {insight.Up, 60, 50, false},
		{insight.Down, 40, 20, true}, {insight.Down, 40, 40, false}, {insight.Down, 40, 50, false},
		{insight.Neither, 40, 40, true}, {insight.Neither, 40, 50, true}, {insight.Neither, 40, 30, true},
	}
	for _, c := range improves {
		if got := kpis.Improves(c.better, c.baseline, c.target); got != c.want {
			t.Errorf("Improves(%v, %v, %v) = %v, want %v", c.better, c.baseline, c.target, got, c.want)
		}
	}
	today := day("2026-12-06")
	good := kpis.KPI{Name: "More reviews on time", MeasureID: "reviews-on-time", Baseline: "2026-Q2", Target: 80, TargetOn: day("2027-09-30")}
	cases := []struct {
		name   string
		change func(k *kpis.KPI)
		field  string
	}{
		{"a good KPI", func(*kpis.KPI) {}, ""},
		{"no name", func(k *kpis.KPI) { k.Name = "" }, "name"},
		{"a measure the catalogue lacks", func(k *kpis.KPI) { k.MeasureID = "happiness" }, "measure"},
		{"no baseline", func(k *kpis.KPI) { k.Baseline = "" }, "baseline"},
		{"a baseline that is not a quarter", func(k *kpis.KPI) { k.Baseline = "last spring" }, "baseline"},
		{"a baseline quarter not yet ended", func(k *kpis.KPI) { k.Baseline = "2026-Q4" }, "baseline"},
		{"a share above 100%", func(k *kpis.KPI) { k.Target = 120 }, "target"},
		{"a negative target", func(k *kpis.KPI) { k.Target = -1 }, "target"},
		{"no target date", func(k *kpis.KPI) { k.TargetOn = sqldb.Date{} }, "target_on"},
		{"a target due within the baseline", func(k *kpis.KPI) { k.TargetOn = day("2026-06-30") }, "target_on"},
		{"a target too far off", func(k *kpis.KPI) { k.TargetOn = day("2032-01-01") }, "target_on"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := good
			c.change(&k)
			ps := k.Validate(today)
			if c.field == "" && len(ps) > 0 {
				t.Fatalf("problems %v, want none", ps)
			}
			if c.field != "" && (len(ps) != 1 || ps[0].Field != c.field) {
				t.Fatalf("problems %v, want one on %s", ps, c.field)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id   string
		v    float64
		want string
	}{
		{"reviews-on-time", 64.6, "65%"},
		{"reviews-overdue", 25, "25"},
		{"wait-for-first-conversation", 12, "12 days"},
		{"wait-for-first-conversation", 1, "1 day"},
		{"weekly-spend", 1250.4, "£1250 a week"},
		{"gas-t-score", 47.25, "47.2"},
	}
	for _, c := range cases {
		if got := kpis.FormatValue(measure(t, c.id), c.v); got != c.want {
			t.Errorf("FormatValue(%s, %v) = %q, want %q", c.id, c.v, got, c.want)
		}
	}
}
