// Package disclosure makes counts safe to show beyond one team: a count from 1 to 5 is suppressed ("fewer than 6")
// and every other count and total is rounded to the nearest 5, so that no suppressed figure can be worked out by
// subtracting the others from a total. Every page, export and report that shows counts above one team shows them
// through Safe.
package disclosure

import "strconv"

// Threshold is the smallest count shown: counts from 1 to Threshold-1 are suppressed.
const Threshold = 6

// Figure is a count as it may be shown beyond one team.
type Figure struct {
	value      int
	suppressed bool
}

// Safe is a count made safe: suppressed from 1 to 5, otherwise rounded to the nearest 5 (halves up); 0 stays 0.
func Safe(n int) Figure {
	if n > 0 && n < Threshold {
		return Figure{suppressed: true}
	}
	return Figure{value: (n + 2) / 5 * 5}
}

// Suppressed says whether the figure is withheld.
func (f Figure) Suppressed() bool { return f.suppressed }

// Value is the figure as shown, and false when it is suppressed.
func (f Figure) Value() (int, bool) { return f.value, !f.suppressed }

// String is the figure as a page shows it.
func (f Figure) String() string {
	if f.suppressed {
		return "fewer than 6"
	}
	return strconv.Itoa(f.value)
}

// Percent is n as a whole percentage of of, or "" when either n or the rest of of is suppressed (from 1 to 5), so
// that a share never gives away a count that its figures withhold.
func Percent(n, of int) string {
	pc, ok := PercentValue(n, of)
	if !ok {
		return ""
	}
	return strconv.Itoa(pc) + "%"
}

// PercentValue is the whole percentage Percent shows, and false where Percent shows nothing.
func PercentValue(n, of int) (int, bool) {
	if of < Threshold || Safe(n).Suppressed() || Safe(of-n).Suppressed() {
		return 0, false
	}
	return (n*100 + of/2) / of, true
}
