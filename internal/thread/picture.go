package thread

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
)

// The picture's geometry, in SVG user units. Text is 14px Arial (app.scss, .gt-thread-box text).
const (
	boxWidth   = 170
	boxHeight  = 62 // three lines of text
	columnGap  = 36
	rowGap     = 12
	bandGap    = 32 // room above each band for the line to its review ratings
	margin     = 8
	headRoom   = 40 // the column headings
	textPad    = 8  // from a box's left and right edges to its text
	fontSize   = 14
	lineHeight = 17
	maxLines   = 3
	routeAbove = 14 // how far above its band the line to the review ratings runs
)

// TextWidthLimit is the widest a line of text in a box may be, in SVG user units.
const TextWidthLimit = boxWidth - 2*textPad

// Columns are the picture's column headings, left to right: the thread runs from what matters to whether it worked.
var Columns = []string{"Aspiration", "Outcome", "Solutions", "Services", "Reviews"}

// BoxKind is what a box in the picture stands for.
type BoxKind string

// The kinds of box, one for each column, and the breaks drawn in them.
const (
	AspirationBox BoxKind = "aspiration"
	OutcomeBox    BoxKind = "outcome"
	SolutionBox   BoxKind = "solution"
	ServiceBox    BoxKind = "service"
	RatingBox     BoxKind = "rating"
)

// Box is one labelled box in the picture.
type Box struct {
	X, Y, W, H int
	Kind       BoxKind
	Ref        string   // the aspiration, outcome, solution, service or review it stands for; "" for a break with none
	Lines      []string // up to three lines of text, each fitting the box (cut with "…" when the text is longer)
	Full       string   // the whole text, for the box's tooltip; the list beside the picture has it too
	Break      bool     // drawn dashed, with the word "Break", where the thread is broken
}

// TextX is where a box's lines of text start.
func (b Box) TextX() int { return b.X + textPad }

// TextY is the baseline of the box's line i.
func (b Box) TextY(i int) int { return b.Y + 18 + i*lineHeight }

// Point is a point on a line.
type Point struct{ X, Y int }

// Line joins two boxes, From and To (indexes into Picture.Boxes), through its points.
type Line struct {
	From, To int
	Points   []Point
}

// PointsAttr is the line's points as an SVG polyline's points attribute.
func (l Line) PointsAttr() string {
	parts := make([]string, len(l.Points))
	for i, p := range l.Points {
		parts[i] = strconv.Itoa(p.X) + "," + strconv.Itoa(p.Y)
	}
	return strings.Join(parts, " ")
}

// Picture is the thread drawn as boxes and lines: the same content as the list beside it, for people who take in
// a picture faster. Its title and description are written for screen readers.
//
// Lines say only what is recorded: an aspiration joins the outcome that serves it; an outcome joins each solution
// that serves it; a solution joins only the services that deliver it (a service records the one solution it
// delivers), so a service that records none is joined to nothing; and an outcome joins its review ratings (above
// its band, oldest first), because a review rates the outcome, not a service.
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
		at := make([][]int, len(cols)) // each column's boxes, as indexes into p.Boxes
		for i, c := range cols {
			// Centre a column's boxes in the band, so a single box lines up with its neighbours.
			top := y + (bandHeight-(len(c)*boxHeight+(len(c)-1)*rowGap))/2
			for j, b := range c {
				b.X, b.Y, b.W, b.H = colX(i), top+j*(boxHeight+rowGap), boxWidth, boxHeight
				at[i] = append(at[i], len(p.Boxes))
				p.Boxes = append(p.Boxes, b)
			}
		}
		join := func(from, to int) {
			a, b := p.Boxes[from], p.Boxes[to]
			p.Lines = append(p.Lines, Line{From: from, To: to, Points: []Point{{a.X + a.W, a.Y + a.H/2}, {b.X, b.Y + b.H/2}}})
		}
		outcome := at[1][0]
		join(at[0][0], outcome)
		for _, sol := range at[2] {
			join(outcome, sol)
		}
		for j, svc := range s.Services {
			if sol := s.SolutionOf(svc); sol != nil {
				for _, b := range at[2] {
					if p.Boxes[b].Ref == sol.ID {
						join(b, at[3][j])
					}
				}
			}
		}
		// The review ratings hang from the outcome by a line above the band, then one below another, oldest first.
		for k, r := range at[4] {
			b := p.Boxes[r]
			if k == 0 {
				o := p.Boxes[outcome]
				route := y - routeAbove
				p.Lines = append(p.Lines, Line{From: outcome, To: r, Points: []Point{{o.X + o.W/2, o.Y}, {o.X + o.W/2, route}, {b.X + b.W/2, route}, {b.X + b.W/2, b.Y}}})
				continue
			}
			a := p.Boxes[at[4][k-1]]
			p.Lines = append(p.Lines, Line{From: at[4][k-1], To: r, Points: []Point{{a.X + a.W/2, a.Y + a.H}, {b.X + b.W/2, b.Y}}})
		}
		y += bandHeight + bandGap
	}
	if len(v.Unlinked) > 0 {
		for j, svc := range v.Unlinked {
			p.Boxes = append(p.Boxes, newBox(ServiceBox, svc.ID, "Serves no outcome: "+svc.Name(), true,
				colX(3), y+j*(boxHeight+rowGap)))
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

// newBox is a box of kind about ref, its text fitted to it, at x, y.
func newBox(kind BoxKind, ref, text string, broken bool, x, y int) Box {
	return Box{X: x, Y: y, W: boxWidth, H: boxHeight, Kind: kind, Ref: ref, Full: text, Break: broken, Lines: fitLines(text, fontSize, TextWidthLimit, maxLines)}
}

// box is a box placed later by Draw.
func box(kind BoxKind, ref, text string, broken bool) Box {
	return newBox(kind, ref, text, broken, 0, 0)
}

// breakBox is a break: its first line says "Break" and what is broken, the rest what it is about.
func breakBox(kind BoxKind, ref, what, about string) Box {
	b := box(kind, ref, "", true)
	b.Full = "Break: " + what
	b.Lines = fitLines(b.Full, fontSize, TextWidthLimit, 1)
	if about != "" {
		b.Full += ". " + about
		b.Lines = append(b.Lines, fitLines(about, fontSize, TextWidthLimit, maxLines-1)...)
	}
	return b
}

// strandColumns are the boxes of one strand, column by column.
func strandColumns(s Strand) [][]Box {
	cols := make([][]Box, len(Columns))
	if s.Aspiration != nil {
		cols[0] = []Box{box(AspirationBox, s.Aspiration.ID, s.Aspiration.Words, false)}
	} else {
		cols[0] = []Box{box(AspirationBox, "", "Wellbeing: "+wellbeing(s.Outcome.WellbeingAreas), false)}
	}
	cols[1] = []Box{box(OutcomeBox, s.Outcome.ID, s.Outcome.Different, false)}
	if s.Has(AgreedNotSMART) {
		cols[1] = []Box{breakBox(OutcomeBox, s.Outcome.ID, "not SMART", s.Outcome.Different)}
	}
	for _, sol := range s.Solutions {
		text := sol.Rung.Label() + ": " + sol.Description
		b := box(SolutionBox, sol.ID, text, false)
		if sol.Rung.NeedsLowerRungReason() && strings.TrimSpace(sol.Reason) == "" {
			b = breakBox(SolutionBox, sol.ID, "no ladder reason", text)
		}
		cols[2] = append(cols[2], b)
	}
	if len(s.Solutions) == 0 {
		cols[2] = []Box{breakBox(SolutionBox, "", "no solution yet", "")}
	}
	for _, svc := range s.Services {
		cols[3] = append(cols[3], box(ServiceBox, svc.ID, svc.Name(), false))
	}
	for _, r := range s.Ratings {
		b := box(RatingBox, r.ReviewID, "", false)
		level := levelSign(r.Level) + " " + r.Level.Label()
		b.Full = "Review on " + r.HeldOn.Format("2 January 2006") + ": " + level
		b.Lines = append(fitLines(r.HeldOn.Format("2 Jan 2006"), fontSize, TextWidthLimit, 1), fitLines(level, fontSize, TextWidthLimit, maxLines-1)...)
		cols[4] = append(cols[4], b)
	}
	for _, b := range s.Breaks {
		if b.Kind == ReviewSkipped {
			cols[4] = append(cols[4], breakBox(RatingBox, b.RefID, "review skipped it", ""))
		}
	}
	return cols
}

// levelSign is a Goal Attainment level as a signed number: "+1", "0", "−2".
func levelSign(l outcomes.Level) string {
	switch {
	case l > 0:
		return "+" + strconv.Itoa(int(l))
	case l < 0:
		return "−" + strconv.Itoa(-int(l))
	}
	return "0"
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
