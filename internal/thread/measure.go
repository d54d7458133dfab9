package thread

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// advance is the width of each printable ASCII character in Arial (and Liberation Sans, which has Arial's metrics
// and stands in for it where Arial is not installed), in thousandths of the font size. The picture's text is set in
// Arial (app.scss, .gt-thread-box text), so a line measured with these widths is the width the browser draws.
var advance = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A to Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a to z
	334, 260, 334, 584, // { to ~
}

// runeAdvance is a character's width in thousandths of the font size. Characters beyond ASCII that the thread's
// words use have their Arial widths; any other letter is taken as wide as Arial's widest of its case, and anything
// else as a full em, so that an estimate is never narrower than what is drawn.
func runeAdvance(r rune) int {
	switch {
	case r >= ' ' && r <= '~':
		return advance[r-' ']
	}
	switch r {
	case '‘', '’':
		return 222
	case '“', '”':
		return 333
	case '–', '£', '€':
		return 556
	case '−':
		return 584
	case '—', '…':
		return 1000
	case '\u00a0':
		return 278
	}
	switch {
	case unicode.IsUpper(r):
		return 944
	case unicode.IsLower(r):
		return 833
	}
	return 1000
}

// TextWidth is the width of s set in Arial at size px, in the same units.
func TextWidth(s string, px float64) float64 {
	total := 0
	for _, r := range s {
		total += runeAdvance(r)
	}
	return float64(total) * px / 1000
}

// fitLines breaks text into at most maxLines lines, each no wider than width when set at size px. Words are kept
// whole where they fit; a word too long for a line is cut. When the text does not fit, the last line ends with an
// ellipsis: the list beside the picture has the whole text.
func fitLines(text string, px, width float64, maxLines int) []string {
	fits := func(s string) bool { return TextWidth(s, px) <= width }
	var lines []string
	cur := ""
	cut := false
	for _, w := range strings.Fields(text) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if fits(next) {
			cur = next
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = w
		for !fits(cur) { // a word wider than a line is split across lines
			head := longestFit(cur, fits)
			lines = append(lines, head)
			cur = cur[len(head):]
		}
		if len(lines) >= maxLines {
			cut = true
			break
		}
	}
	if cur != "" && len(lines) < maxLines {
		lines = append(lines, cur)
	} else if cur != "" {
		cut = true
	}
	if len(lines) > maxLines {
		lines, cut = lines[:maxLines], true
	}
	if cut && len(lines) > 0 {
		last := lines[len(lines)-1]
		for last != "" && !fits(last+"…") {
			// Drop whole words while there are several, then characters.
			if i := strings.LastIndex(last, " "); i > 0 {
				last = last[:i]
				continue
			}
			_, size := utf8.DecodeLastRuneInString(last)
			last = last[:len(last)-size]
		}
		lines[len(lines)-1] = last + "…"
	}
	return lines
}

// longestFit is the longest start of s, whole characters and at least one, that fits.
func longestFit(s string, fits func(string) bool) string {
	end := 0
	for i, r := range s {
		next := i + utf8.RuneLen(r)
		if end > 0 && !fits(s[:next]) {
			break
		}
		end = next
	}
	return s[:end]
}
