package thread

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/codelists"
)

// The picture's geometry, in SVG user units.
const (
	boxWidth  = 170
	boxHeight = 44
	columnGap = 36
	rowGap    = 12
	bandGap   = 28
	margin    = 8
	headRoom  = 28 // the column headings
	maxLabel  = 24 // characters that fit on one line of a box
)

// Columns are the picture's column headings, left to right: the thread runs from what matters to whether it worked.
var Columns = []string{"Aspiration", "Outcome", "Solutions", "Services", "Reviews"}

// Box is one labelled box in the picture.
type Box struct {
	X, Y, W, H int
	Lines      []string // one or two short lines of text
	Break      bool     // drawn dashed, with the word "Break", where the thread is broken
}

// TextX is where a box's lines of text start.
func (b Box) TextX() int { return b.X + 8 }

// TextY is the baseline of the box's line i.
func (b Box) TextY(i int) int { return b.Y + 18 + i*17 }

// Line joins two boxes, left to right.
type Line struct{ X1, Y1, X2, Y2 int }

// Picture is the thread drawn as boxes and lines: the same content as the list beside it, for people who take in
// a picture faster. Its title and description are written for screen readers.
type Picture struct {
	Width, Height int
	Headings      []Heading
	Boxes         []Box
	Lines         []Line
	Description   string
}

// Heading is a column heading's text and position.
type Heading struct {
	X    int
	Text string
}

// Draw lays out the view as a picture: one band per outcome, each column's boxes stacked within the band.
func Draw(v View) Picture {
	p := Picture{Width: margin*2 + len(Columns)*boxWidth + (len(Columns)-1)*columnGap}
	for i, c := range Columns {
		p.Headings = append(p.Headings, Heading{X: colX(i) + boxWidth/2, Text: c})
	}
	y := margin + headRoom
	for _, s := range v.Strands {
		cols := strandColumns(s)
		rows := 1
		for _, c := range cols {
			rows = max(rows, len(c))
		}
		bandHeight := rows*boxHeight + (rows-1)*rowGap
		var prev []Box
		for i, c := range cols {
			var boxes []Box
			// Centre a column's boxes in the band, so a single box lines up with its neighbours.
			top := y + (bandHeight-(len(c)*boxHeight+(len(c)-1)*rowGap))/2
			for j, b := range c {
				b.X, b.Y, b.W, b.H = colX(i), top+j*(boxHeight+rowGap), boxWidth, boxHeight
				boxes = append(boxes, b)
			}
			for _, from := range prev {
				for _, to := range boxes {
					p.Lines = append(p.Lines, Line{X1: from.X + from.W, Y1: from.Y + from.H/2, X2: to.X, Y2: to.Y + to.H/2})
				}
			}
			p.Boxes = append(p.Boxes, boxes...)
			if len(boxes) > 0 {
				prev = boxes
			}
		}
		y += bandHeight + bandGap
	}
	if len(v.Unlinked) > 0 {
		for j, svc := range v.Unlinked {
			p.Boxes = append(p.Boxes, Box{X: colX(3), Y: y + j*(boxHeight+rowGap), W: boxWidth, H: boxHeight,
				Lines: wrap("Serves no outcome: " + svc.Name()), Break: true})
		}
		y += len(v.Unlinked)*(boxHeight+rowGap) - rowGap + bandGap
	}
	p.Height = y - bandGap + margin
	if len(v.Strands) == 0 && len(v.Unlinked) == 0 {
		p.Height = margin*2 + headRoom
	}
	p.Description = describe(v)
	return p
}

func colX(i int) int { return margin + i*(boxWidth+columnGap) }

// strandColumns are the boxes of one strand, column by column.
func strandColumns(s Strand) [][]Box {
	cols := make([][]Box, len(Columns))
	if s.Aspiration != nil {
		cols[0] = []Box{{Lines: wrap(s.Aspiration.Words)}}
	} else {
		cols[0] = []Box{{Lines: wrap("Wellbeing: " + wellbeing(s.Outcome.WellbeingAreas))}}
	}
	cols[1] = []Box{{Lines: wrap(s.Outcome.Different)}}
	if s.Has(AgreedNotSMART) {
		cols[1] = []Box{{Lines: []string{"Break: not SMART", wrap(s.Outcome.Different)[0]}, Break: true}}
	}
	for _, sol := range s.Solutions {
		b := Box{Lines: wrap(sol.Rung.Label() + ": " + sol.Description)}
		if sol.Rung.NeedsLowerRungReason() && strings.TrimSpace(sol.Reason) == "" {
			b = Box{Lines: []string{"Break: no ladder reason", b.Lines[0]}, Break: true}
		}
		cols[2] = append(cols[2], b)
	}
	if len(s.Solutions) == 0 {
		cols[2] = []Box{{Lines: []string{"Break:", "no solution yet"}, Break: true}}
	}
	for _, svc := range s.Services {
		cols[3] = append(cols[3], Box{Lines: wrap(svc.Name())})
	}
	for _, r := range s.Ratings {
		cols[4] = append(cols[4], Box{Lines: []string{r.HeldOn.Format("2 Jan 2006"), fmt.Sprintf("%+d %s", int(r.Level), r.Level.Label())}})
	}
	for _, b := range s.Breaks {
		if b.Kind == ReviewSkipped {
			cols[4] = append(cols[4], Box{Lines: []string{"Break:", "review skipped it"}, Break: true})
		}
	}
	return cols
}

func wellbeing(areas []string) string {
	labels := make([]string, len(areas))
	for i, a := range areas {
		labels[i] = codelists.WellbeingArea.Label(a)
	}
	if len(labels) == 0 {
		return "not linked"
	}
	return strings.Join(labels, ", ")
}

// wrap fits text into at most two lines of a box, ending with an ellipsis when it is cut. The list beside the
// picture always has the whole text.
func wrap(s string) []string {
	words := strings.Fields(s)
	var lines []string
	var cur string
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= maxLabel:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i := range lines {
		if utf8.RuneCountInString(lines[i]) > maxLabel {
			lines[i] = string([]rune(lines[i])[:maxLabel-1]) + "…"
		}
	}
	if len(lines) > 2 {
		lines = lines[:2]
		if r := []rune(lines[1]); len(r) >= maxLabel-1 {
			lines[1] = string(r[:maxLabel-1]) + "…"
		} else {
			lines[1] += "…"
		}
	}
	return lines
}

// describe is the picture's description for screen readers: what it shows, and how many breaks.
func describe(v View) string {
	if len(v.Strands) == 0 {
		return "No outcomes have been recorded for this episode yet."
	}
	out := fmt.Sprintf("%d %s, each drawn from the aspiration it serves through its solutions and services to its review ratings.",
		len(v.Strands), plural(len(v.Strands), "outcome", "outcomes"))
	if n := len(v.Breaks); n > 0 {
		out += fmt.Sprintf(" %d %s in the thread, listed below.", n, plural(n, "break", "breaks"))
	} else {
		out += " The thread has no breaks."
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
