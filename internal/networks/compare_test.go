package networks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
)

// shown is everything a page shows of one measure's comparison: each row's figure and its counts.
func shown(mc networks.MeasureComparison) string {
	var b strings.Builder
	rows := append(append(append([]networks.Row{}, mc.ByCouncil...), mc.ByModel...), mc.All)
	for _, r := range rows {
		fmt.Fprintf(&b, "%s=%s", r.Label, r.Text())
		if r.Counts {
			fmt.Fprintf(&b, "(%s of %s)", r.Figure.In, r.Figure.Of)
		}
		b.WriteString("; ")
	}
	return b.String()
}

// council is one council's numbers for a measure, as they leave its tenancy.
func council(m insight.Measure, id, model string, in, of int) networks.CouncilFigures {
	t := insight.Tally{Key: "All", Of: of, In: in}
	return networks.CouncilFigures{CouncilID: id, Name: "Council " + id, ModelKey: model, ModelName: "Model " + model,
		Numbers: map[string]networks.Numbers{m.ID: {Of: of, In: in, Figure: m.Show(t)}}}
}

// hidden gathers the true values of the counts the comparison suppresses, by what the page shows.
type hidden struct {
	values map[string]map[string]map[int]bool // shown page → which count → its possible true values
	judged map[string]bool                    // the pages judged
}

func newHidden() *hidden {
	return &hidden{values: map[string]map[string]map[int]bool{}, judged: map[string]bool{}}
}

func (h *hidden) add(page, which string, v int) {
	if h.values[page] == nil {
		h.values[page] = map[string]map[int]bool{}
	}
	if h.values[page][which] == nil {
		h.values[page][which] = map[int]bool{}
	}
	h.values[page][which][v] = true
}

// workedOut is every suppressed count of a judged page that only one true value fits, given all that the page
// shows.
func (h *hidden) workedOut() []string {
	var out []string
	for page := range h.judged {
		for which, values := range h.values[page] {
			if len(values) == 1 {
				out = append(out, which+" on the page "+page)
			}
		}
	}
	return out
}

// TestNoSuppressedCountCanBeWorkedOutFromTheTotals tries every combination of small counts for three councils, two
// using one practice model and one another, and, as someone subtracting the rows shown from the totals shown would,
// gathers for each page every true count that would show it. A suppressed count is worked out when only one true
// value shows that page. The same trial without withholding totals finds such a count (1 and 6 make 7: "fewer than
// 6", 5 and 5), so the trial is able to find what it looks for.
func TestNoSuppressedCountCanBeWorkedOutFromTheTotals(t *testing.T) {
	t.Parallel()
	count := insight.Measure{ID: "count", Name: "A count", Kind: insight.Count}
	const most = 13
	h, naive := newHidden(), newHidden()
	for x := range most {
		for y := range most {
			for z := range most {
				cs := []networks.CouncilFigures{council(count, "1", "x", 0, x), council(count, "2", "x", 0, y), council(count, "3", "y", 0, z)}
				mc := networks.Combine(count, cs)
				page := shown(mc)
				naivePage := page
				for _, total := range append(append([]networks.Row{}, mc.ByModel...), mc.All) {
					naivePage += fmt.Sprint(total.Label, total.Councils)
				}
				// Without withholding: every total shown, rounded.
				naivePage = naiveShown(count, cs)
				// A page is judged only when every count behind it lies 5 or more below the largest tried, so that
				// every other set of counts that would show the same page was tried too.
				if max(x, y, z) < most-5 {
					h.judged[page], naive.judged[naivePage] = true, true
				}
				for i, v := range []int{x, y, z} {
					if mc.ByCouncil[i].Figure.Withheld {
						h.add(page, fmt.Sprint("council ", i+1), v)
						naive.add(naivePage, fmt.Sprint("council ", i+1), v)
					}
				}
				for i, r := range mc.ByModel {
					if r.Figure.Withheld {
						t.Errorf("a practice model's total is shown as too few rather than withheld: %s", page)
					}
					_ = i
				}
			}
		}
	}
	if got := h.workedOut(); len(got) > 0 {
		t.Errorf("%d suppressed counts can be worked out, such as %s", len(got), got[0])
	}
	if got := naive.workedOut(); len(got) == 0 {
		t.Error("the trial found no suppressed count worked out even with every total shown: it cannot find what it looks for")
	}
}

// naiveShown is the page as it would be with every total shown, rounded, whatever lies under it.
func naiveShown(m insight.Measure, cs []networks.CouncilFigures) string {
	var b strings.Builder
	byModel := map[string]insight.Tally{}
	all := insight.Tally{}
	for _, c := range cs {
		n := c.Numbers[m.ID]
		fmt.Fprintf(&b, "%s=%s; ", c.Name, n.Figure.Text)
		t := byModel[c.ModelKey]
		t.Of += n.Of
		byModel[c.ModelKey] = t
		all.Of += n.Of
	}
	for _, k := range []string{"x", "y"} {
		fmt.Fprintf(&b, "%s=%s; ", k, m.Show(byModel[k]).Of)
	}
	fmt.Fprintf(&b, "all=%s", m.Show(all).Of)
	return b.String()
}

// TestNoSuppressedPartOfAShareCanBeWorkedOut tries every combination of small numerators and denominators for
// two councils of one practice model, beside a third of another, on a share: neither the numerator, the denominator nor what is left of it, where a council's is
// suppressed, may be the only value that fits the page.
func TestNoSuppressedPartOfAShareCanBeWorkedOut(t *testing.T) {
	t.Parallel()
	share := insight.Measure{ID: "share", Name: "A share", Kind: insight.Share}
	const most = 14
	type pair struct{ in, of int }
	var pairs []pair
	for of := range most {
		for in := 0; in <= of; in++ {
			pairs = append(pairs, pair{in, of})
		}
	}
	// A page is judged only when every count behind it lies 5 or more below the largest tried, so that every other
	// set of counts that would show the same page was tried too.
	h := newHidden()
	inside := func(ps ...pair) bool {
		for _, p := range ps {
			if p.of > most-6 {
				return false
			}
		}
		return true
	}
	for _, p1 := range pairs {
		for _, p2 := range pairs {
			// The third council, alone in its practice model, with none counted, a suppressed share, or enough.
			for _, p3 := range []pair{{0, 0}, {2, 3}, {4, 9}, {20, 40}} {
				cs := []networks.CouncilFigures{council(share, "1", "x", p1.in, p1.of), council(share, "2", "x", p2.in, p2.of), council(share, "3", "y", p3.in, p3.of)}
				mc := networks.Combine(share, cs)
				page := shown(mc)
				if inside(p1, p2) {
					h.judged[page] = true
				}
				// The third council's few values are not all it could be, so only the first two are judged.
				for i, p := range []pair{p1, p2} {
					f := mc.ByCouncil[i].Figure
					if f.Of.Suppressed() {
						h.add(page, fmt.Sprint("council ", i+1, " denominator"), p.of)
					}
					if f.In.Suppressed() {
						h.add(page, fmt.Sprint("council ", i+1, " numerator"), p.in)
					}
					if f.Withheld && p.of-p.in > 0 && p.of-p.in < 6 {
						h.add(page, fmt.Sprint("council ", i+1, " rest"), p.of-p.in)
					}
				}
			}
		}
	}
	if got := h.workedOut(); len(got) > 0 {
		t.Errorf("%d suppressed counts can be worked out, such as %s", len(got), got[0])
	}
}

func TestTotalsAreShownWhenNothingUnderThemIsSuppressed(t *testing.T) {
	t.Parallel()
	share := insight.Measure{ID: "share", Name: "A share", Kind: insight.Share}
	median := insight.Measure{ID: "median", Name: "A median", Kind: insight.Median, Unit: "days"}
	tests := []struct {
		name              string
		m                 insight.Measure
		councils          [][2]int // in, of
		wantX, wantY, all string
	}{
		{"every council has enough", share, [][2]int{{20, 40}, {30, 60}, {10, 40}}, "50%", "25%", "43%"},
		{"one council's numerator is suppressed", share, [][2]int{{3, 40}, {30, 60}, {10, 40}}, networks.WithheldText, "25%", networks.WithheldText},
		{"what is left of one council's is suppressed", share, [][2]int{{20, 40}, {30, 60}, {38, 40}}, "50%", networks.WithheldText, networks.WithheldText},
		{"a council with none counted hides nothing", share, [][2]int{{0, 0}, {30, 60}, {10, 40}}, "50%", "25%", "40%"},
		{"medians are not added up", median, [][2]int{{0, 40}, {0, 60}, {0, 40}}, networks.NotCombinedText, networks.NotCombinedText, networks.NotCombinedText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []networks.CouncilFigures
			for i, c := range tt.councils {
				model := "x"
				if i == 2 {
					model = "y"
				}
				cs = append(cs, council(tt.m, fmt.Sprint(i+1), model, c[0], c[1]))
			}
			mc := networks.Combine(tt.m, cs)
			if len(mc.ByModel) != 2 || mc.ByModel[0].Councils != 2 || mc.ByModel[1].Councils != 1 {
				t.Fatalf("models = %+v", mc.ByModel)
			}
			if got := []string{mc.ByModel[0].Text(), mc.ByModel[1].Text(), mc.All.Text()}; got[0] != tt.wantX || got[1] != tt.wantY || got[2] != tt.all {
				t.Errorf("model x, model y, all = %q, want %q, %q, %q", got, tt.wantX, tt.wantY, tt.all)
			}
		})
	}
}

func TestCouncilsWithNoModelAreGroupedTogether(t *testing.T) {
	t.Parallel()
	count := insight.Measure{ID: "count", Name: "A count", Kind: insight.Count}
	cs := []networks.CouncilFigures{council(count, "1", "", 0, 10), council(count, "2", "", 0, 20), council(count, "3", "tc", 0, 30)}
	mc := networks.Combine(count, cs)
	if len(mc.ByModel) != 2 || mc.ByModel[1].Label != networks.NoModel || mc.ByModel[0].Text() != "30" || mc.ByModel[1].Text() != "30" || mc.All.Text() != "60" {
		t.Errorf("by model: %+v; all %q", mc.ByModel, mc.All.Text())
	}
}
