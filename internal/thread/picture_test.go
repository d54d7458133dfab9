package thread_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread"
)

func TestDrawWellRecordedCase(t *testing.T) {
	t.Parallel()
	p := thread.Draw(thread.Build(wellRecorded()))
	if len(p.Boxes) != 6 {
		t.Errorf("%d boxes, want 6 (aspiration, outcome, two solutions, a service, a rating)", len(p.Boxes))
	}
	// The aspiration to the outcome, the outcome to each solution, the reablement to the service that delivers
	// it, and the outcome to its rating.
	if got := joins(p); !equal(got, []string{"aspiration asp → outcome o1", "outcome o1 → solution s1", "outcome o1 → solution s2",
		"solution s2 → service v1", "outcome o1 → rating r1"}) {
		t.Errorf("lines join %q", got)
	}
	for _, b := range p.Boxes {
		if b.Break {
			t.Errorf("box %v drawn as a break in a well-recorded case", b.Lines)
		}
	}
	if !strings.Contains(p.Description, "no breaks") {
		t.Errorf("description %q does not say the thread is whole", p.Description)
	}
}

// joins names each line's ends: the kind and record of the box it leaves and the box it reaches.
func joins(p thread.Picture) []string {
	var out []string
	for _, l := range p.Lines {
		a, b := p.Boxes[l.From], p.Boxes[l.To]
		out = append(out, fmt.Sprintf("%s %s → %s %s", a.Kind, a.Ref, b.Kind, b.Ref))
	}
	return out
}

func equal(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

// directPayment is an outcome met four ways, one of them a direct payment that pays for a personal assistant; the
// council-funded service delivers only that one. A second service records no solution, and a third delivers a
// solution of another outcome.
func directPayment() thread.Data {
	d := wellRecorded()
	d.Outcomes = append(d.Outcomes, smart("o2"))
	d.Reviews = nil
	d.Solutions = []thread.Solution{
		{ID: "own", Rung: plans.OwnStrengths, Description: "Ada cooks with her grandson on Sundays", OutcomeIDs: []string{"o1"}},
		{ID: "club", Rung: plans.Community, Description: "Lunch club at the Methodist hall", OutcomeIDs: []string{"o1"}},
		{ID: "kit", Rung: plans.Technology, Description: "Perching stool and kettle tipper", Reason: "Cannot stand for long", OutcomeIDs: []string{"o1"}},
		{ID: "pa", Rung: plans.OngoingSupport, Description: "A personal assistant Ada employs with a direct payment", Reason: "Needs help every morning", OutcomeIDs: []string{"o1"}},
		{ID: "bus", Rung: plans.Community, Description: "Shopping bus", OutcomeIDs: []string{"o2"}},
	}
	d.Services = []thread.Service{
		{ID: "dp", Type: "Long term support: Community", Status: plans.ServiceActive, OutcomeIDs: []string{"o1"}, SolutionID: "pa"},
		{ID: "loose", Type: "Short term support: Other short term", Status: plans.ServiceActive, OutcomeIDs: []string{"o1"}},
		{ID: "elsewhere", Type: "Short term support: Ongoing low level", Status: plans.ServiceActive, OutcomeIDs: []string{"o1", "o2"}, SolutionID: "bus"},
	}
	return d
}

func TestAServiceJoinsOnlyTheSolutionsItDelivers(t *testing.T) {
	t.Parallel()
	p := thread.Draw(thread.Build(directPayment()))
	var into []string
	for _, j := range joins(p) {
		if strings.Contains(j, "→ service") {
			into = append(into, j)
		}
	}
	// The direct payment joins the personal assistant only; the service that records no solution joins nothing;
	// the one delivering the second outcome's bus joins it in the second outcome's band only.
	if want := []string{"solution pa → service dp", "solution bus → service elsewhere"}; !equal(into, want) {
		t.Errorf("lines into services %q, want %q", into, want)
	}
	checkGeometry(t, thread.Build(directPayment()), p)
}

// checkGeometry checks the picture's promises: every line leaves one box at its edge and reaches another, between
// kinds that the thread joins (a service only from a solution it delivers); every box lies inside the picture and
// apart from the others; and every line of text fits its box.
func checkGeometry(t *testing.T, v thread.View, p thread.Picture) {
	t.Helper()
	delivers := map[string]string{} // service → the solution it records
	for _, s := range v.Strands {
		for _, svc := range s.Services {
			delivers[svc.ID] = svc.SolutionID
		}
	}
	allowed := map[[2]thread.BoxKind]bool{
		{thread.AspirationBox, thread.OutcomeBox}: true, {thread.OutcomeBox, thread.SolutionBox}: true,
		{thread.SolutionBox, thread.ServiceBox}: true, {thread.OutcomeBox, thread.RatingBox}: true, {thread.RatingBox, thread.RatingBox}: true,
	}
	touches := func(b thread.Box, pt thread.Point) bool {
		onX := pt.X == b.X || pt.X == b.X+b.W || (pt.X > b.X && pt.X < b.X+b.W && (pt.Y == b.Y || pt.Y == b.Y+b.H))
		return onX && pt.Y >= b.Y && pt.Y <= b.Y+b.H
	}
	for _, l := range p.Lines {
		a, b := p.Boxes[l.From], p.Boxes[l.To]
		if !allowed[[2]thread.BoxKind{a.Kind, b.Kind}] {
			t.Errorf("a line joins a %s box %v to a %s box %v", a.Kind, a.Lines, b.Kind, b.Lines)
		}
		if b.Kind == thread.ServiceBox && (a.Ref == "" || delivers[b.Ref] != a.Ref) {
			t.Errorf("service %s (delivers %q) is joined to solution %q", b.Ref, delivers[b.Ref], a.Ref)
		}
		if len(l.Points) < 2 || !touches(a, l.Points[0]) || !touches(b, l.Points[len(l.Points)-1]) {
			t.Errorf("line %v does not run from box %v to box %v", l.Points, a.Lines, b.Lines)
		}
		for _, pt := range l.Points {
			if pt.X < 0 || pt.Y < 0 || pt.X > p.Width || pt.Y > p.Height {
				t.Errorf("line %v leaves the %d×%d picture", l.Points, p.Width, p.Height)
			}
		}
	}
	for i, a := range p.Boxes {
		if a.X < 0 || a.Y < 0 || a.X+a.W > p.Width || a.Y+a.H > p.Height {
			t.Errorf("box %v at (%d,%d) lies outside the %d×%d picture", a.Lines, a.X, a.Y, p.Width, p.Height)
		}
		for _, b := range p.Boxes[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("boxes %v and %v overlap", a.Lines, b.Lines)
			}
		}
		if len(a.Lines) == 0 || len(a.Lines) > 3 {
			t.Errorf("box has %d lines: %q", len(a.Lines), a.Lines)
		}
		for i, line := range a.Lines {
			if w := thread.TextWidth(line, 14); a.TextX()+int(w+0.5) > a.X+a.W-8 || a.TextX() < a.X {
				t.Errorf("line %q is %.1f wide: it runs outside its %d-wide box", line, w, a.W)
			}
			// Arial's ascent and descent at 14px are 12.7 and 3.0.
			if top, bottom := float64(a.TextY(i))-12.7, float64(a.TextY(i))+3; top < float64(a.Y) || bottom > float64(a.Y+a.H) {
				t.Errorf("line %d of box %q runs above or below it", i, a.Lines)
			}
		}
		if strings.TrimSpace(a.Full) == "" {
			t.Errorf("box %q has no full text for its tooltip", a.Lines)
		}
	}
}

func TestPictureGeometry(t *testing.T) {
	t.Parallel()
	long := "I want to be able to walk to the allotment on Saturday mornings with my grandson and grow runner beans again"
	tests := []struct {
		name   string
		change func(d *thread.Data)
	}{
		{"a well-recorded case", func(*thread.Data) {}},
		{"long words in every box", func(d *thread.Data) {
			d.Aspirations[0].Words = long
			d.Outcomes[0].Different = long
			d.Solutions[0].Description = "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"
			d.Services[0].Provider = "MMMMMMMMMMMMMMMMMMMMMMMM Homecare (Exampleshire) Limited"
		}},
		{"every rating, the widest first", func(d *thread.Data) {
			for i, l := range []outcomes.Level{outcomes.MuchLess, outcomes.Less, outcomes.Expected, outcomes.More, outcomes.MuchMore} {
				d.Reviews = append(d.Reviews, thread.Review{ID: fmt.Sprintf("r%d", i+2), HeldOn: dbtest.Date(fmt.Sprintf("2026-04-%02d", 21+i)),
					Ratings: map[string]outcomes.Level{"o1": l}})
			}
		}},
		{"breaks of every kind", func(d *thread.Data) {
			d.Solutions[1].Reason = ""
			d.Outcomes = append(d.Outcomes, smart("o2"))
			d.Outcomes[0].HowWeKnow = ""
			d.Services = append(d.Services, thread.Service{ID: "loose", Type: "Long term support: Community", Status: plans.ServiceActive})
		}},
		{"words beyond ASCII", func(d *thread.Data) {
			d.Aspirations[0].Words = "Żaneta wants to cook pierogi for her family at Wigilia — “like Babcia did”"
			d.Outcomes[0].Different = "Ōkubo-Ngata Ça Ñ ĞÜŞİÖÇ ŻŹĆŃĄŚŁĘÓ ΑΒΓΔΕ 漢字漢字漢字漢字漢字漢字漢字漢字漢字"
		}},
		{"a direct payment among four solutions", func(d *thread.Data) { *d = directPayment() }},
		{"twelve outcomes", func(d *thread.Data) {
			for i := range 11 {
				o := smart("extra" + string(rune('a'+i)))
				o.SetOn = dbtest.Date("2026-04-25")
				d.Outcomes = append(d.Outcomes, o)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := wellRecorded()
			tt.change(&d)
			v := thread.Build(d)
			checkGeometry(t, v, thread.Draw(v))
		})
	}
}

func TestDrawKeepsBoxesApartAndInside(t *testing.T) {
	t.Parallel()
	d := wellRecorded()
	for i := range 11 {
		o := smart("extra" + string(rune('a'+i)))
		o.SetOn = dbtest.Date("2026-04-25") // after the review, so it did not skip them
		d.Outcomes = append(d.Outcomes, o)
	}
	d.Services = append(d.Services, thread.Service{ID: "loose", Type: "Long term support: Community", Status: "active"})
	v := thread.Build(d)
	p := thread.Draw(v)
	checkGeometry(t, v, p)
	breaks := 0
	for _, b := range p.Boxes {
		if b.Break {
			breaks++
			if !strings.HasPrefix(b.Lines[0], "Break") && !strings.HasPrefix(b.Lines[0], "Serves no outcome") {
				t.Errorf("a break box says %q: it must say so in words, not by its colour alone", b.Lines[0])
			}
		}
	}
	// Eleven outcomes with no solution, and one service that serves none.
	if breaks != 12 {
		t.Errorf("%d break boxes, want 12", breaks)
	}
	if !strings.Contains(p.Description, "12 outcomes") || !strings.Contains(p.Description, "12 breaks") {
		t.Errorf("description %q", p.Description)
	}
}

func TestDrawEmptyEpisode(t *testing.T) {
	t.Parallel()
	p := thread.Draw(thread.View{})
	if len(p.Boxes) != 0 || p.Height <= 0 || p.Description != "No outcomes have been recorded for this episode yet." {
		t.Errorf("empty picture: %+v", p)
	}
}

func TestRatingsSayTheirLevelInFull(t *testing.T) {
	t.Parallel()
	d := wellRecorded()
	d.Reviews[0].Ratings["o1"] = outcomes.MuchLess
	for _, b := range thread.Draw(thread.Build(d)).Boxes {
		if b.Kind == thread.RatingBox {
			if got := strings.Join(b.Lines, " "); got != "20 Apr 2026 −2 Much less than expected" {
				t.Errorf("the rating box reads %q", got)
			}
		}
	}
}
