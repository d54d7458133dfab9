package kpis

import (
	"math"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Trajectory is the straight line a KPI is expected to follow: from the baseline's figure on the last day of its
// quarter to the target on the target's date.
type Trajectory struct {
	From     sqldb.Date
	Baseline float64
	To       sqldb.Date
	Target   float64
}

// At is where the line stands on day: the baseline before it starts, the target once it is due, and in between the
// share of the days gone of the way from one to the other.
func (t Trajectory) At(day sqldb.Date) float64 {
	if !day.After(t.From.Time) {
		return t.Baseline
	}
	if !day.Before(t.To.Time) {
		return t.Target
	}
	gone := day.Sub(t.From.Time).Hours()
	all := t.To.Sub(t.From.Time).Hours()
	return t.Baseline + (t.Target-t.Baseline)*gone/all
}

// Status is where a KPI stands against its trajectory.
type Status string

// The statuses a KPI or one quarter of it may have.
const (
	OnTrack  Status = "on_track"
	OffTrack Status = "off_track"
	NoData   Status = "no_data"
)

// Label is the status as a page shows it.
func (s Status) Label() string {
	switch s {
	case OnTrack:
		return "On track"
	case OffTrack:
		return "Off track"
	}
	return "No data"
}

// Tag is the GOV.UK tag colour of the status.
func (s Status) Tag() string {
	switch s {
	case OnTrack:
		return "govuk-tag--green"
	case OffTrack:
		return "govuk-tag--red"
	}
	return "govuk-tag--grey"
}

// Steady is how close, as a share of the target, a figure must stay to a target that holds a measure steady (one
// better neither way, whose target is its baseline) to be on track.
const Steady = 0.05

// Value is the number a figure of measure m stands for, and whether it has one: a figure withheld as too few to
// show has none, nor a share or median of nothing, nor a rate with no population; a count or total of nothing is 0.
func Value(m insight.Measure, f insight.Figure) (float64, bool) {
	if f.Withheld || f.NoRate {
		return 0, false
	}
	if f.Text == "None" && m.Kind != insight.Count && m.Kind != insight.Total {
		return 0, false
	}
	return f.Number, true
}

// Judge is the one rule for whether a KPI is on track: the actual figure of measure m for a period ending on day,
// against where the trajectory t stands that day. Where higher is better, on track is at or above the line; where
// lower is better, at or below it; for a measure better neither way, the KPI's own direction (baseline to target)
// says which, and a target that holds it steady is met within Steady of it. A figure with no value is no data.
func Judge(m insight.Measure, t Trajectory, day sqldb.Date, actual insight.Figure) Status {
	v, ok := Value(m, actual)
	if !ok {
		return NoData
	}
	want := t.At(day)
	up := m.Better == insight.Up
	switch {
	case m.Better == insight.Down:
	case m.Better == insight.Neither && t.Target > t.Baseline:
		up = true
	case m.Better == insight.Neither && t.Target == t.Baseline:
		if math.Abs(v-want) <= math.Max(Steady*math.Abs(want), 0.5) {
			return OnTrack
		}
		return OffTrack
	}
	if (up && v >= want) || (!up && v <= want) {
		return OnTrack
	}
	return OffTrack
}

// MaxQuarters is how many quarters after its baseline a KPI's progress shows: MaxYears of them.
const MaxQuarters = 4 * MaxYears

// Quarters are the quarters a KPI's actuals are computed for on today: each quarter after the baseline's that has
// ended by today, up to the one that holds the target's date.
func Quarters(baseline insight.Period, targetOn, today sqldb.Date) []insight.Period {
	var out []insight.Period
	for q := baseline; len(out) < MaxQuarters; {
		q = insight.QuarterOf(sqldb.NewDate(q.To.AddDate(0, 0, 1)))
		if !q.To.Before(today.Time) || q.From.After(targetOn.Time) {
			break
		}
		out = append(out, q)
	}
	return out
}
