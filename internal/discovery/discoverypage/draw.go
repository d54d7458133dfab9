package discoverypage

import (
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/web"
)

// The cultural web is drawn on the server as SVG: the paradigm in a dark box in the centre and the six elements in a
// ring around it, each joined to the centre, each box saying its element and how many observations it holds. The
// picture is drawn 300 wide, about the width of a phone's page, so that its text stays at about the size drawn when
// the two webs stack on a narrow screen (320 pixels), and grows when they stand side by side; the
// observations themselves are in the list beneath, which says the same as the picture and more.

// webDrawing is one web as the template draws it.
type webDrawing struct {
	ID      string // for the title and desc ids: as-is, to-be
	Title   string
	Desc    string
	ViewBox string
	Spokes  []spoke
	Boxes   []box
}

type spoke struct{ X1, Y1, X2, Y2 int }

// box is an element's box: its corner, size and lines of text.
type box struct {
	X, Y, W, H int
	CX         int
	Centre     bool   // the paradigm, drawn dark
	Empty      bool   // no observation yet, drawn dashed
	Tip        string // the element's observations, shown when the pointer rests on its box
	Lines      []textLine
}

type textLine struct {
	Y    int
	Text string
	Bold bool
}

const (
	drawWidth, drawHeight = 300, 400
	boxW, boxH            = 100, 70
)

// ring is where the six elements' boxes are centred, clockwise from the top, in the order discovery.Elements lists
// them after the paradigm.
var ring = [6][2]int{{150, 42}, {248, 122}, {248, 278}, {150, 358}, {52, 278}, {52, 122}}

// drawWeb draws one web.
func drawWeb(w discovery.Web) webDrawing {
	d := webDrawing{ID: w.Kind.Slug(), ViewBox: fmt.Sprintf("0 0 %d %d", drawWidth, drawHeight),
		Title: "The cultural web " + w.Kind.Phrase()}
	var parts []string
	for i, p := range w.Around() {
		cx, cy := ring[i][0], ring[i][1]
		d.Spokes = append(d.Spokes, spoke{X1: drawWidth / 2, Y1: drawHeight / 2, X2: cx, Y2: cy})
		d.Boxes = append(d.Boxes, elementBox(p, w.Kind, cx, cy, boxW, boxH, false))
		parts = append(parts, fmt.Sprintf("%s: %s", p.Label, countText(w.Kind, len(p.Observations))))
	}
	centre := w.Centre()
	d.Boxes = append(d.Boxes, elementBox(centre, w.Kind, drawWidth/2, drawHeight/2, 104, 72, true))
	d.Desc = fmt.Sprintf("The paradigm in the centre (%s), and around it, clockwise from the top, %s. The list below the picture gives every observation.",
		countText(w.Kind, len(centre.Observations)), strings.Join(parts, "; "))
	return d
}

// elementBox is the box of one element centred on cx, cy: its label, wrapped, and its count.
func elementBox(p discovery.WebPart, kind discovery.WebKind, cx, cy, w, h int, centre bool) box {
	b := box{X: cx - w/2, Y: cy - h/2, W: w, H: h, CX: cx, Centre: centre, Empty: len(p.Observations) == 0}
	texts := make([]string, len(p.Observations))
	for i, o := range p.Observations {
		texts[i] = o.Text
	}
	b.Tip = p.Label + ": " + countText(kind, len(p.Observations))
	if len(texts) > 0 {
		b.Tip = p.Label + ": " + strings.Join(texts, "; ")
	}
	label := wrap(p.Label, 13)
	lines := append(label, countText(kind, len(p.Observations)))
	y := cy - (len(lines)-1)*16/2 + 5
	for i, l := range lines {
		b.Lines = append(b.Lines, textLine{Y: y + i*16, Text: l, Bold: i < len(label)})
	}
	return b
}

// countText says how many observations an element holds; on the to-be web they are changes.
func countText(kind discovery.WebKind, n int) string {
	if n == 0 {
		return "none yet"
	}
	if kind == discovery.ToBe {
		return web.Plural(n, "change", "changes")
	}
	return web.Plural(n, "observation", "observations")
}

// wrap breaks text into lines of at most width characters at spaces; a longer word is a line of its own.
func wrap(text string, width int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
