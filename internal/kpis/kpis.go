// Package kpis holds the implementation programme's key performance indicators. A KPI is bound to a measure the
// record computes (a measure of insight.Catalogue()), and nothing the record can count is typed: its baseline is the
// measure's figure over a quarter the council picks, computed and stored only as that quarter; its target is typed,
// a goal with a date; its trajectory is the straight line from the baseline, at the end of its quarter, to the
// target on its date; and each quarter's actual is computed from the measure. Whether a KPI is on track is decided
// by one rule (Judge) against the trajectory, the right way round for the measure. A KPI whose measure cannot be
// computed yet says why, and is never given a typed number in its place.
package kpis

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// KPI is one key performance indicator as the council set it.
type KPI struct {
	ID   string
	Name string // as the board report heads it: "More reviews on time"
	// MeasureID is the id of the catalogue's measure it is bound to (insight.Find).
	MeasureID string
	// Baseline is the quarter the baseline is the measure's figure over, such as "2026-Q1".
	Baseline string
	// Target is the goal for the measure's figure by TargetOn, in the measure's own terms: a share as a whole
	// percentage, a count, a median in its unit.
	Target   float64
	TargetOn sqldb.Date
	Why      string // why this KPI matters to the programme
	Version  int
}

// Normalise trims what was typed.
func (k *KPI) Normalise() {
	k.Name, k.MeasureID, k.Why = strings.TrimSpace(k.Name), strings.TrimSpace(k.MeasureID), strings.TrimSpace(k.Why)
	k.Baseline = strings.ToUpper(strings.TrimSpace(k.Baseline))
}

// MaxYears is how far after its baseline a KPI's target may be: a programme's KPIs look a few years ahead at most.
const MaxYears = 5

// Validate says what is wrong with a KPI set on today, by form field: the measure must be the catalogue's, the
// baseline a quarter that has ended, and the target a figure the measure can take, due after the baseline and
// within MaxYears of it. Whether the target is an improvement on the baseline needs the baseline computed, which
// the store checks (Improves).
func (k KPI) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if k.Name == "" {
		ps.Append("name", "Enter what the KPI is called")
	} else if len(k.Name) > 200 {
		ps.Append("name", "What the KPI is called must be 200 characters or fewer")
	}
	m, ok := insight.Find(k.MeasureID)
	if !ok {
		ps.Append("measure", "Select a measure from the list")
	}
	base, err := insight.Quarter(k.Baseline)
	switch {
	case k.Baseline == "":
		ps.Append("baseline", "Select the quarter the baseline is taken over")
	case err != nil:
		ps.Append("baseline", "Select a quarter from the list")
	case !base.To.Before(today.Time):
		ps.Append("baseline", "The baseline must be a quarter that has ended")
	}
	switch {
	case math.IsNaN(k.Target) || math.IsInf(k.Target, 0) || k.Target < 0:
		ps.Append("target", "The target must be a number of 0 or more")
	case ok && m.Kind == insight.Share && k.Target > 100:
		ps.Append("target", "The target is a percentage: it must be between 0 and 100")
	}
	switch {
	case k.TargetOn.IsZero():
		ps.Append("target_on", "Enter the date the target is to be met by")
	case err == nil && !k.TargetOn.After(base.To.Time):
		ps.Append("target_on", "The target's date must be after the baseline quarter ends")
	case err == nil && k.TargetOn.After(base.To.AddDate(MaxYears, 0, 0)):
		ps.Append("target_on", fmt.Sprintf("The target's date must be within %d years of the baseline", MaxYears))
	}
	if len(k.Why) > 2000 {
		ps.Append("why", "Why it matters must be 2,000 characters or fewer")
	}
	return ps
}

// Improves says whether a target is better than the baseline for a measure: above it where higher is better, below
// it where lower is better; for a measure better neither way, any target (holding steady included) is a goal.
func Improves(better insight.Better, baseline, target float64) bool {
	switch better {
	case insight.Up:
		return target > baseline
	case insight.Down:
		return target < baseline
	}
	return true
}

// FormatValue writes a value of measure m as a page shows it: a share as a percentage, a median in its unit, a
// count as a whole number.
func FormatValue(m insight.Measure, v float64) string {
	switch {
	case m.Kind == insight.Share:
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64) + "%"
	case m.Unit == "days":
		if v == 1 {
			return "1 day"
		}
		return strconv.FormatFloat(v, 'f', 0, 64) + " days"
	case m.Unit == "£ a week":
		return "£" + strconv.FormatFloat(math.Round(v), 'f', 0, 64) + " a week"
	case m.Kind == insight.Count:
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
