package strengths_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func fields(ps validation.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestStrengthValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    strengths.Strength
		want []string
	}{
		{"personal, in their words", strengths.Strength{Kind: strengths.Personal, PersonWords: "I can still cook a roast for six"}, nil},
		{"resources with an observation", strengths.Strength{Kind: strengths.Resources, PersonWords: "My bus pass", Observed: "Uses it twice a week"}, nil},
		{"no kind", strengths.Strength{PersonWords: "I knit"}, []string{"kind"}},
		{"a made-up kind", strengths.Strength{Kind: "deficit", PersonWords: "I knit"}, []string{"kind"}},
		{"no words", strengths.Strength{Kind: strengths.Network, Observed: "Daughter visits daily"}, []string{"person_words"}},
		{"nothing at all", strengths.Strength{}, []string{"kind", "person_words"}},
		{"words too long", strengths.Strength{Kind: strengths.Community, PersonWords: strings.Repeat("a", 4001)}, []string{"person_words"}},
		{"observation too long", strengths.Strength{Kind: strengths.Community, PersonWords: "Church", Observed: strings.Repeat("é", 4001)}, []string{"observed"}},
		{"4,000 accented letters are fine", strengths.Strength{Kind: strengths.Community, PersonWords: strings.Repeat("é", 4000)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			s.Normalise()
			if diff := cmp.Diff(tt.want, fields(s.Validate())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConnectionValidate(t *testing.T) {
	t.Parallel()
	ok := func(fn func(c *strengths.Connection)) strengths.Connection {
		c := strengths.Connection{Name: "Lunch club", Closeness: strengths.Close, Link: strengths.Strong}
		fn(&c)
		return c
	}
	tests := []struct {
		name string
		c    strengths.Connection
		want []string
	}{
		{"a community group", ok(func(*strengths.Connection) {}), nil},
		{"someone who matters", ok(func(c *strengths.Connection) { c.Name, c.NetworkMemberID = "", "m1" }), nil},
		{"neither", ok(func(c *strengths.Connection) { c.Name = "   " }), []string{"name"}},
		{"name too long", ok(func(c *strengths.Connection) { c.Name = strings.Repeat("x", 201) }), []string{"name"}},
		{"closeness 0", ok(func(c *strengths.Connection) { c.Closeness = 0 }), []string{"closeness"}},
		{"closeness 4", ok(func(c *strengths.Connection) { c.Closeness = 4 }), []string{"closeness"}},
		{"very close", ok(func(c *strengths.Connection) { c.Closeness = strengths.VeryClose }), nil},
		{"distant and stressful", ok(func(c *strengths.Connection) { c.Closeness, c.Link = strengths.Distant, strengths.Stressful }), nil},
		{"tenuous", ok(func(c *strengths.Connection) { c.Link = strengths.Tenuous }), nil},
		{"no link", ok(func(c *strengths.Connection) { c.Link = "" }), []string{"link"}},
		{"a made-up link", ok(func(c *strengths.Connection) { c.Link = "broken" }), []string{"link"}},
		{"support too long", ok(func(c *strengths.Connection) { c.SupportReceived = strings.Repeat("a", 4001) }), []string{"support_received"}},
		{"everything wrong", strengths.Connection{}, []string{"name", "closeness", "link"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.Normalise()
			if diff := cmp.Diff(tt.want, fields(c.Validate())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnumsHaveWords(t *testing.T) {
	t.Parallel()
	for _, k := range strengths.Kinds() {
		if !k.Valid() || k.Label() == string(k) || k.Hint() == "" || k.Heading() == "" {
			t.Errorf("kind %q lacks a label, heading or hint", k)
		}
	}
	for _, l := range strengths.Links() {
		if !l.Valid() || l.Label() == string(l) || !strings.Contains(l.Hint(), "line") {
			t.Errorf("link %q lacks a label or a hint that says how it is drawn", l)
		}
	}
	if got := []string{strengths.VeryClose.Label(), strengths.Close.Label(), strengths.Distant.Label(), strengths.Closeness(0).Label()}; !cmp.Equal(got, []string{"Very close", "Close", "Distant", "Not known"}) {
		t.Errorf("closeness labels = %v", got)
	}
}

// mapOf builds a map of n connections whose closeness and link cycle through the values given.
func mapOf(n int, closeness []strengths.Closeness, links []strengths.Link) strengths.Map {
	m := strengths.Map{Person: people.Person{GivenName: "Ada", FamilyName: "Testperson"}}
	for i := range n {
		c := strengths.Connection{ID: fmt.Sprint("c", i), Name: fmt.Sprintf("Connection number %d with a long name", i),
			Closeness: closeness[i%len(closeness)], Link: links[i%len(links)]}
		if i%3 == 0 {
			c.SupportGiven = "Shopping"
		}
		if i%2 == 0 {
			c.SupportReceived = "Company"
		}
		m.Connections = append(m.Connections, c)
	}
	return m
}

func TestLayoutPlacesEveryoneWithoutOverlaps(t *testing.T) {
	t.Parallel()
	all := []strengths.Link{strengths.Strong, strengths.Tenuous, strengths.Stressful}
	tests := []struct {
		name      string
		n         int
		closeness []strengths.Closeness
	}{
		{"none", 0, []strengths.Closeness{1}},
		{"one very close", 1, []strengths.Closeness{1}},
		{"two", 2, []strengths.Closeness{1, 3}},
		{"three distant", 3, []strengths.Closeness{3}},
		{"five mixed", 5, []strengths.Closeness{1, 2, 3}},
		{"six all very close", 6, []strengths.Closeness{1}},
		{"eight alternating", 8, []strengths.Closeness{1, 3}},
		{"ten close", 10, []strengths.Closeness{2}},
		{"twelve very close", 12, []strengths.Closeness{1}},
		{"twelve mixed", 12, []strengths.Closeness{1, 2, 3}},
		{"twelve alternating near and far", 12, []strengths.Closeness{3, 1}},
		{"twelve distant", 12, []strengths.Closeness{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mapOf(tt.n, tt.closeness, all)
			d := strengths.Layout(m)
			if again := strengths.Layout(m); !cmp.Equal(d, again) {
				t.Fatal("the same map gave two different drawings")
			}
			if len(d.Nodes) != tt.n {
				t.Fatalf("%d nodes, want %d", len(d.Nodes), tt.n)
			}
			inside := func(b strengths.Box) bool { return b.X >= 0 && b.Y >= 0 && b.X+b.W <= d.Width && b.Y+b.H <= d.Height }
			if !inside(d.Centre) {
				t.Errorf("the person's box %+v is outside the picture %vx%v", d.Centre, d.Width, d.Height)
			}
			if tt.n <= 12 && (d.Width > 1500 || d.Height > 1100) {
				t.Errorf("picture %vx%v is too big to read on a page", d.Width, d.Height)
			}
			for i, a := range d.Nodes {
				if !inside(a.Box) {
					t.Errorf("node %d %+v is outside the picture %vx%v", i, a.Box, d.Width, d.Height)
				}
				if a.Overlaps(d.Centre, 0) {
					t.Errorf("node %d overlaps the person", i)
				}
				for j, b := range d.Nodes[i+1:] {
					if a.Overlaps(b.Box, 0) {
						t.Errorf("nodes %d and %d overlap: %+v %+v", i, i+1+j, a.Box, b.Box)
					}
				}
				if a.Path == "" || !strings.HasPrefix(a.Path, "M ") {
					t.Errorf("node %d has no line: %q", i, a.Path)
				}
				wantArrows := 0
				if a.Connection.SupportGiven != "" {
					wantArrows++
				}
				if a.Connection.SupportReceived != "" {
					wantArrows++
				}
				if len(a.Arrows) != wantArrows {
					t.Errorf("node %d has %d arrows, want %d", i, len(a.Arrows), wantArrows)
				}
			}
			// Closer connections sit nearer the person: compare how far out each is on the ellipse.
			cx, cy := d.Centre.CX(), d.Centre.CY()
			rings := map[strengths.Closeness]strengths.Ring{}
			for _, r := range d.Rings {
				rings[r.Closeness] = r
			}
			for i, nd := range d.Nodes {
				r, ok := rings[nd.Connection.Closeness]
				if !ok {
					t.Fatalf("node %d: no ring drawn for closeness %d", i, nd.Connection.Closeness)
				}
				dx, dy := (nd.CX()-cx)/r.RX, (nd.CY()-cy)/r.RY
				if e := dx*dx + dy*dy; e < 0.98 || e > 1.02 {
					t.Errorf("node %d (closeness %d) is not on its ring: %.3f", i, nd.Connection.Closeness, e)
				}
			}
			if len(d.Rings) > 1 {
				for i := 1; i < len(d.Rings); i++ {
					if d.Rings[i].RX <= d.Rings[i-1].RX || d.Rings[i].RY <= d.Rings[i-1].RY {
						t.Errorf("ring %d is not outside ring %d", i, i-1)
					}
				}
			}
		})
	}
}

func TestLayoutDrawsEachLinkDifferently(t *testing.T) {
	t.Parallel()
	m := strengths.Map{Person: people.Person{GivenName: "Ada", FamilyName: "Testperson"}, Connections: []strengths.Connection{
		{ID: "1", Name: "Strong one", Closeness: 1, Link: strengths.Strong},
		{ID: "2", Name: "Tenuous one", Closeness: 2, Link: strengths.Tenuous},
		{ID: "3", Name: "Stressful one", Closeness: 3, Link: strengths.Stressful},
		{NetworkMemberID: "m", MemberName: "Cara Testperson"},
	}}
	d := strengths.Layout(m)
	type look struct {
		Text    string
		Dashed  bool
		Zigzag  bool
		Thicker bool
	}
	var got []look
	for _, n := range d.Nodes {
		got = append(got, look{n.LinkText, n.Dash != "", strings.Count(n.Path, "L") > 1, n.Width >= 5})
	}
	want := []look{
		{"Strong link", false, false, true},
		{"Tenuous link", true, false, false},
		{"Stressful link", false, true, false},
		{"Not described yet", true, false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("line styles (-want +got):\n%s", diff)
	}
	if d.Nodes[2].Dash == d.Nodes[3].Dash {
		t.Error("a tenuous link and one not described yet look the same")
	}
	if d.Title != "Ecomap: Ada Testperson's network" {
		t.Errorf("title = %q", d.Title)
	}
	if want := "Ada Testperson has 3 connections: 1 strong, 1 tenuous, 1 stressful. 1 more person who matters is not described yet."; d.Desc != want {
		t.Errorf("desc = %q, want %q", d.Desc, want)
	}
	if n := d.Nodes[3]; n.Name != "Cara Testperson" {
		t.Errorf("a person who matters is shown as %q", n.Name)
	}
}

func TestSummary(t *testing.T) {
	t.Parallel()
	ada := people.Person{GivenName: "Ada", FamilyName: "Testperson"}
	c := func(l strengths.Link) strengths.Connection {
		return strengths.Connection{ID: "x", Link: l, Closeness: 1}
	}
	tests := []struct {
		name string
		cs   []strengths.Connection
		want string
	}{
		{"empty", nil, "Ada Testperson has no connections recorded yet."},
		{"one", []strengths.Connection{c(strengths.Strong)}, "Ada Testperson has 1 connection: 1 strong."},
		{"five", []strengths.Connection{c(strengths.Strong), c(strengths.Stressful), c(strengths.Strong), c(strengths.Tenuous), c(strengths.Strong)},
			"Ada Testperson has 5 connections: 3 strong, 1 tenuous, 1 stressful."},
		{"two waiting", []strengths.Connection{{MemberName: "A"}, {MemberName: "B"}}, "2 people matter to Ada Testperson, not described yet."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (strengths.Map{Person: ada, Connections: tt.cs}).Summary(); got != tt.want {
				t.Errorf("Summary() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLongNamesAreShortenedInTheBoxOnly(t *testing.T) {
	t.Parallel()
	long := "The Exampleton Over-Sixties Wednesday Lunch Club"
	d := strengths.Layout(strengths.Map{Connections: []strengths.Connection{{ID: "1", Name: long, Closeness: 1, Link: strengths.Strong}}})
	if n := d.Nodes[0]; n.Name == long || !strings.HasSuffix(n.Name, "…") || n.Connection.Title() != long {
		t.Errorf("box shows %q, connection keeps %q", n.Name, n.Connection.Title())
	}
}
