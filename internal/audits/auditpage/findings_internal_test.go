package auditpage

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
)

func TestFindingsDrawOnlyWhatIsSafeToShow(t *testing.T) {
	t.Parallel()
	tallies := []audits.Tally{
		{Label: "Outcomes are SMART", Counts: map[string]int{"outstanding": 3, "good": 12, "requires_improvement": 8}, Total: 23},
		{Label: "Overall grade", Counts: map[string]int{"good": 2}, Total: 2},
	}
	var suppressed bool
	rows := rowsOf(tallies, func(int) []audits.Grade { return audits.Quality.Grades() }, &suppressed)
	if !suppressed {
		t.Error("three outstanding grades were not withheld")
	}
	smart := rows[0]
	if got := []string{smart.Cells[0].Text, smart.Cells[1].Text, smart.Cells[2].Text, smart.Cells[3].Text, smart.Total}; got[0] != "fewer than 6" || got[1] != "10" || got[2] != "10" || got[3] != "0" || got[4] != "25" {
		t.Errorf("cells %v", got)
	}
	if len(smart.Bars) != 2 || smart.Bars[0].Width != 300 || smart.Bars[1].X != 300 || smart.Bars[0].Label != "Good: 10" {
		t.Errorf("bars %+v: want good and requires improvement, half each, and nothing drawn for the withheld count", smart.Bars)
	}
	if len(rows[1].Bars) != 0 || rows[1].Total != "fewer than 6" {
		t.Errorf("a question graded twice drew %+v", rows[1])
	}
}
