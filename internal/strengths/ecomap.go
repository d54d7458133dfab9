package strengths

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// The ecomap is drawn on the server as SVG, so it needs no JavaScript and prints as it shows. Layout works out
// where everything goes; the page template only writes it out, so html/template escapes every name.

// Sizes in the drawing's own units (the SVG scales to the width of the page).
const (
	nodeW    = 184.0
	nodeH    = 70.0
	centreW  = 196.0
	centreH  = 58.0
	gap      = 14.0 // the least space between two boxes
	margin   = 16.0
	maxLabel = 22 // characters of a name shown in a box; the list beside the picture has it in full
)

// Drawing is an ecomap laid out for SVG: every position is in the viewBox 0 0 Width Height.
type Drawing struct {
	Width, Height float64
	Title, Desc   string
	Centre        Box
	CentreLabel   string
	Rings         []Ring
	Nodes         []Node
}

// ViewBox is the SVG viewBox attribute.
func (d Drawing) ViewBox() string { return fmt.Sprintf("0 0 %s %s", num(d.Width), num(d.Height)) }

// Box is a rectangle: X and Y are its top left corner.
type Box struct{ X, Y, W, H float64 }

// CX is the box's centre across.
func (b Box) CX() float64 { return b.X + b.W/2 }

// CY is the box's centre down.
func (b Box) CY() float64 { return b.Y + b.H/2 }

// Overlaps reports whether two boxes come closer than space to each other.
func (b Box) Overlaps(o Box, space float64) bool {
	return b.X < o.X+o.W+space && o.X < b.X+b.W+space && b.Y < o.Y+o.H+space && o.Y < b.Y+b.H+space
}

// Ring is one of the faint ellipses that show closeness: very close inside, distant outside.
type Ring struct {
	CX, CY, RX, RY float64
	Closeness      Closeness
}

// Node is one connection on the ecomap: its box, the text in it, and the line joining it to the person.
type Node struct {
	Box
	Connection Connection
	Name       string // the name, shortened to fit the box
	LinkText   string // "Strong link", "Not described yet"
	Support    string // which way support flows, in words
	Path       string // the line's SVG path data, from the person's box to this one
	Arrows     []string
	Stroke     string // the line's colour; never the only sign of the link, which the line's shape and the text carry
	Width      float64
	Dash       string // stroke-dasharray, or ""
}

// Caption is the second line in the box: the link, and how close the connection is.
func (n Node) Caption() string {
	if !n.Connection.Described() {
		return n.LinkText
	}
	return n.Connection.Link.Label() + ", " + strings.ToLower(n.Connection.Closeness.Label())
}

// NameY, LinkY and SupportY place the box's three lines of text from its top.
func (n Node) NameY() float64    { return n.Y + 22 }
func (n Node) LinkY() float64    { return n.Y + 42 }
func (n Node) SupportY() float64 { return n.Y + 60 }

// Summary says, in one sentence, what the ecomap shows: "Ada Testperson has 5 connections: 3 strong, 1 tenuous,
// 1 stressful." and how many people who matter are not described yet.
func (m Map) Summary() string {
	name := m.Person.FullName()
	counts := map[Link]int{}
	described, waiting := 0, 0
	for _, c := range m.Connections {
		if c.Described() {
			described++
			counts[c.Link]++
		} else {
			waiting++
		}
	}
	var b strings.Builder
	switch {
	case described == 0 && waiting == 0:
		fmt.Fprintf(&b, "%s has no connections recorded yet.", name)
	case described == 0:
		fmt.Fprintf(&b, "%d %s to %s, not described yet.", waiting, plural(waiting, "person matters", "people matter"), name)
	default:
		fmt.Fprintf(&b, "%s has %d %s: ", name, described, plural(described, "connection", "connections"))
		var parts []string
		for _, l := range Links() {
			if counts[l] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[l], strings.ToLower(l.Label())))
			}
		}
		b.WriteString(strings.Join(parts, ", ") + ".")
		if waiting > 0 {
			fmt.Fprintf(&b, " %d more %s not described yet.", waiting, plural(waiting, "person who matters is", "people who matter are"))
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// SupportText says which way support flows along a connection.
func (c Connection) SupportText() string {
	switch {
	case c.SupportGiven != "" && c.SupportReceived != "":
		return "Support both ways"
	case c.SupportReceived != "":
		return "Support from them"
	case c.SupportGiven != "":
		return "Support to them"
	}
	return ""
}

// Layout places the person in the centre and each connection around them, further out the less close it is, with
// no two boxes overlapping. The same map always gives the same drawing.
func Layout(m Map) Drawing {
	d := Drawing{
		Title:       "Ecomap: " + m.Person.FullName() + "'s network",
		Desc:        m.Summary(),
		CentreLabel: shorten(m.Person.FullName()),
	}
	n := len(m.Connections)
	// Rings start small for a few connections and grow until nothing overlaps; ellipses, because boxes are wide.
	rx, ry, stepX, stepY := 200.0, 145.0, 100.0, 75.0
	if n > 6 {
		rx, ry = 240, 165
	}
	var nodes []Node
	for range 60 {
		nodes = place(m.Connections, rx, ry, stepX, stepY)
		if !crowded(nodes) {
			break
		}
		rx, ry, stepX, stepY = rx*1.08, ry*1.08, stepX*1.08, stepY*1.08
	}
	// Everything is laid out around (0, 0); move it so the top left is at the margin.
	centre := Box{X: -centreW / 2, Y: -centreH / 2, W: centreW, H: centreH}
	minX, minY, maxX, maxY := centre.X, centre.Y, centre.X+centre.W, centre.Y+centre.H
	rings := []Ring{}
	for _, c := range Closenesses() {
		r := Ring{RX: rx + float64(c-1)*stepX, RY: ry + float64(c-1)*stepY, Closeness: c}
		if n > 0 && used(m.Connections, c) {
			rings = append(rings, r)
			minX, maxX = math.Min(minX, -r.RX), math.Max(maxX, r.RX)
			minY, maxY = math.Min(minY, -r.RY), math.Max(maxY, r.RY)
		}
	}
	for _, nd := range nodes {
		minX, minY = math.Min(minX, nd.X), math.Min(minY, nd.Y)
		maxX, maxY = math.Max(maxX, nd.X+nd.W), math.Max(maxY, nd.Y+nd.H)
	}
	dx, dy := margin-minX, margin-minY
	d.Width, d.Height = round(maxX-minX+2*margin), round(maxY-minY+2*margin)
	d.Centre = Box{X: round(centre.X + dx), Y: round(centre.Y + dy), W: centreW, H: centreH}
	for _, r := range rings {
		r.CX, r.CY, r.RX, r.RY = round(dx), round(dy), round(r.RX), round(r.RY)
		d.Rings = append(d.Rings, r)
	}
	for i := range nodes {
		nd := &nodes[i]
		nd.X, nd.Y = round(nd.X+dx), round(nd.Y+dy)
		line(nd, d.Centre)
	}
	d.Nodes = nodes
	return d
}

func used(cs []Connection, c Closeness) bool {
	for _, x := range cs {
		if closenessOf(x) == c {
			return true
		}
	}
	return false
}

// closenessOf is where a connection sits: someone who matters but is not described yet sits in the middle ring.
func closenessOf(c Connection) Closeness {
	if !c.Closeness.Valid() {
		return Close
	}
	return c.Closeness
}

// place puts connection i at an even share of the way round, clockwise from the top, on its closeness's ring.
func place(cs []Connection, rx, ry, stepX, stepY float64) []Node {
	nodes := make([]Node, len(cs))
	for i, c := range cs {
		angle := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(cs))
		k := float64(closenessOf(c) - 1)
		x, y := (rx+k*stepX)*math.Cos(angle), (ry+k*stepY)*math.Sin(angle)
		nodes[i] = Node{Box: Box{X: x - nodeW/2, Y: y - nodeH/2, W: nodeW, H: nodeH}, Connection: c, Name: shorten(c.Title())}
		switch {
		case !c.Described():
			nodes[i].LinkText, nodes[i].Stroke, nodes[i].Width, nodes[i].Dash = "Not described yet", "#505a5f", 1.5, "2 5"
		case c.Link == Strong:
			nodes[i].LinkText, nodes[i].Stroke, nodes[i].Width = "Strong link", "#0b0c0c", 6
		case c.Link == Tenuous:
			nodes[i].LinkText, nodes[i].Stroke, nodes[i].Width, nodes[i].Dash = "Tenuous link", "#1d70b8", 2.5, "10 7"
		default:
			nodes[i].LinkText, nodes[i].Stroke, nodes[i].Width = "Stressful link", "#d4351c", 2.5
		}
		nodes[i].Support = c.SupportText()
	}
	return nodes
}

// crowded reports whether any two boxes, or a box and the person's own, are too close.
func crowded(nodes []Node) bool {
	centre := Box{X: -centreW / 2, Y: -centreH / 2, W: centreW, H: centreH}
	for i, a := range nodes {
		if a.Overlaps(centre, gap*2) {
			return true
		}
		for _, b := range nodes[i+1:] {
			if a.Overlaps(b.Box, gap) {
				return true
			}
		}
	}
	return false
}

// line draws the node's line from the edge of the person's box to the edge of the node's box: straight for strong
// and tenuous links (the dashes come from Dash), a zig-zag for a stressful one. An arrowhead at the node's end
// means the person gives support to them; one at the person's end means they receive it.
func line(nd *Node, centre Box) {
	x1, y1 := centre.CX(), centre.CY()
	x2, y2 := nd.CX(), nd.CY()
	t1 := exit(centre, x2-x1, y2-y1)
	t2 := exit(nd.Box, x1-x2, y1-y2)
	ax, ay := x1+(x2-x1)*t1, y1+(y2-y1)*t1 // where the line leaves the person's box
	bx, by := x2+(x1-x2)*t2, y2+(y1-y2)*t2 // where it meets the node's box
	length := math.Hypot(bx-ax, by-ay)
	ux, uy := (bx-ax)/length, (by-ay)/length
	c := nd.Connection
	if c.Described() && c.Link == Stressful {
		var b strings.Builder
		fmt.Fprintf(&b, "M %s %s", num(ax), num(ay))
		const wave, amp = 14.0, 7.0
		steps := int(length / wave)
		for i := 1; i < steps; i++ {
			side := amp
			if i%2 == 0 {
				side = -amp
			}
			px, py := ax+ux*wave*float64(i)-uy*side, ay+uy*wave*float64(i)+ux*side
			fmt.Fprintf(&b, " L %s %s", num(px), num(py))
		}
		fmt.Fprintf(&b, " L %s %s", num(bx), num(by))
		nd.Path = b.String()
	} else {
		nd.Path = fmt.Sprintf("M %s %s L %s %s", num(ax), num(ay), num(bx), num(by))
	}
	if c.SupportGiven != "" {
		nd.Arrows = append(nd.Arrows, arrow(bx, by, ux, uy))
	}
	if c.SupportReceived != "" {
		nd.Arrows = append(nd.Arrows, arrow(ax, ay, -ux, -uy))
	}
}

// exit is how far along the way from a box's centre, as a share of (dx, dy), the line crosses the box's edge.
func exit(b Box, dx, dy float64) float64 {
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (b.W/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (b.H/2)/math.Abs(dy))
	}
	if math.IsInf(t, 1) {
		return 0
	}
	return t
}

// arrow is an arrowhead with its tip at (x, y), pointing along (ux, uy).
func arrow(x, y, ux, uy float64) string {
	const long, half = 18.0, 10.0
	bx, by := x-ux*long, y-uy*long
	return fmt.Sprintf("%s,%s %s,%s %s,%s", num(x), num(y), num(bx-uy*half), num(by+ux*half), num(bx+uy*half), num(by-ux*half))
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxLabel-1])) + "…"
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

func num(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}
