package kpipage

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Chart is a KPI's progress drawn on the server as SVG: the trajectory as a line from the baseline to the target,
// the target marked, and each quarter's actual as a point; with the same figures as a table (Rows) beside it, so
// that nothing is in the picture alone. The KPI page and the board report both draw it ("kpis/chart").
type Chart struct {
	ID          string // makes the SVG's title and description ids unique on a page with several charts
	Title, Desc string
	W, H        int
	Left, Right int // the plot's edges
	Top, Bottom int
	// LabelX is where the value axis's labels end, and LabelY where the time axis's stand.
	LabelX, LabelY int
	Line           [4]int // the trajectory: x1, y1, x2, y2
	Baseline       Mark
	Target         Mark
	Points         []Mark // each quarter's actual that has one
	YTicks         []Tick
	XTicks         []Tick
	Rows           []Row
}

// Mark is a point on the chart with its text.
type Mark struct {
	X, Y  int
	Label string
}

// Tick is a labelled line across or mark along an axis.
type Tick struct {
	At   int
	Text string
}

// Row is one line of the chart's table.
type Row struct {
	When     string
	Expected string
	Actual   string
	Status   kpis.Status
	// Judged says the row has a status: a quarter since the baseline, not the baseline or the target.
	Judged bool
}

// The chart's size and margins, in the SVG's own units.
const (
	chartW, chartH             = 640, 260
	marginLeft, marginRight    = 56, 24
	marginTop, marginBottom    = 16, 40
	yTicks                     = 4
	minSpan                    = 1.0
	dayLayout                  = "2 January 2006"
	labelDate                  = "Jan 2006"
	chartDescWithActuals       = "A line from the baseline to the target, which the KPI is expected to follow, with a point for each quarter's actual figure. The same figures are in the table beside it."
	chartDescWithoutActualsYet = "A line from the baseline to the target, which the KPI is expected to follow. No quarter has ended since the baseline, so there are no actual figures yet. The same figures are in the table beside it."
)

// ChartOf draws a computable KPI's progress; a KPI that cannot be computed has no chart (ok false).
func ChartOf(p kpis.Progress) (Chart, bool) {
	if !p.Computable() {
		return Chart{}, false
	}
	t := p.Trajectory
	base, err := insight.Quarter(p.Baseline)
	if err != nil {
		return Chart{}, false
	}
	c := Chart{ID: p.ID, Title: p.Name + ": " + p.Measure.Name, W: chartW, H: chartH,
		Left: marginLeft, Right: chartW - marginRight, Top: marginTop, Bottom: chartH - marginBottom, Desc: chartDescWithActuals,
		LabelX: marginLeft - 6, LabelY: chartH - marginBottom + 20}
	if len(p.Quarters) == 0 {
		c.Desc = chartDescWithoutActualsYet
	}
	// The time axis runs from the baseline quarter's start to the target's date or the last quarter, whichever is
	// later; the value axis from 0 to the largest figure (a share to 100%).
	from, to := base.From, t.To
	top := math.Max(t.Baseline, t.Target)
	for _, q := range p.Quarters {
		if q.Quarter.To.After(to.Time) {
			to = q.Quarter.To
		}
		if v, ok := kpis.Value(p.Measure, q.Actual); ok {
			top = math.Max(top, v)
		}
	}
	top = niceTop(top)
	if p.Measure.Kind == insight.Share {
		top = 100
	}
	x := func(d sqldb.Date) int {
		span := to.Sub(from.Time).Hours()
		return c.Left + int(math.Round(float64(c.Right-c.Left)*d.Sub(from.Time).Hours()/span))
	}
	y := func(v float64) int { return c.Bottom - int(math.Round(float64(c.Bottom-c.Top)*v/top)) }
	c.Line = [4]int{x(t.From), y(t.Baseline), x(t.To), y(t.Target)}
	c.Baseline = Mark{X: x(t.From), Y: y(t.Baseline), Label: "Baseline, " + base.Label() + ": " + p.Value(t.Baseline)}
	c.Target = Mark{X: x(t.To), Y: y(t.Target), Label: "Target by " + t.To.Format(dayLayout) + ": " + p.Value(t.Target)}
	for i := 0; i <= yTicks; i++ {
		v := top * float64(i) / yTicks
		c.YTicks = append(c.YTicks, Tick{At: y(v), Text: p.Value(v)})
	}
	for d := from; !d.After(to.Time); d = sqldb.NewDate(d.AddDate(0, 6, 0)) {
		c.XTicks = append(c.XTicks, Tick{At: x(d), Text: d.Format(labelDate)})
	}
	c.Rows = append(c.Rows, Row{When: "Baseline: " + base.Label(), Expected: "", Actual: p.BaselineFigure.Text})
	for _, q := range p.Quarters {
		r := Row{When: q.Quarter.Label(), Expected: p.Value(q.Expected), Actual: q.Actual.Text, Status: q.Status, Judged: true}
		c.Rows = append(c.Rows, r)
		if v, ok := kpis.Value(p.Measure, q.Actual); ok {
			c.Points = append(c.Points, Mark{X: x(q.Quarter.To), Y: y(v), Label: q.Quarter.Label() + ": " + q.Actual.Text + ", " + strings.ToLower(q.Status.Label())})
		}
	}
	c.Rows = append(c.Rows, Row{When: "Target by " + t.To.Format(dayLayout), Expected: p.Value(t.Target)})
	return c, true
}

// niceTop is the top of the value axis: the largest figure rounded up to 1, 2 or 5 times a power of ten, so that
// the ticks fall on round numbers.
func niceTop(v float64) float64 {
	if v < minSpan {
		return minSpan * yTicks
	}
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 4, 5, 10} {
		if f*mag >= v {
			return f * mag
		}
	}
	return 10 * mag
}

// quarterChoices are the quarters a baseline may be taken over, newest first: the eight that have ended by today,
// and the one chosen already if it is older.
func quarterChoices(today sqldb.Date, chosen string) []string {
	var out []string
	q := insight.QuarterOf(today)
	for range 8 {
		q = q.Before()
		out = append(out, q.Name())
	}
	if chosen != "" && !slices.Contains(out, chosen) {
		out = append(out, chosen)
	}
	return out
}

// quarterText is a quarter's code as a form offers it: "2026-Q1: January to March 2026".
func quarterText(code string) string {
	p, err := insight.Quarter(code)
	if err != nil {
		return code
	}
	return fmt.Sprintf("%s: %s", code, p.Label())
}
