package thread_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/thread"
)

func TestDrawWellRecordedCase(t *testing.T) {
	t.Parallel()
	p := thread.Draw(thread.Build(wellRecorded()))
	if len(p.Boxes) != 6 {
		t.Errorf("%d boxes, want 6 (aspiration, outcome, two solutions, a service, a rating)", len(p.Boxes))
	}
	if len(p.Lines) != 6 {
		t.Errorf("%d lines, want 6", len(p.Lines))
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

func TestDrawKeepsBoxesApartAndInside(t *testing.T) {
	t.Parallel()
	d := wellRecorded()
	for i := range 11 {
		o := smart("extra" + string(rune('a'+i)))
		o.SetOn = date("2026-04-25") // after the review, so it did not skip them
		d.Outcomes = append(d.Outcomes, o)
	}
	d.Services = append(d.Services, thread.Service{ID: "loose", Type: "Long term support: Community", Status: "active"})
	v := thread.Build(d)
	p := thread.Draw(v)
	for i, a := range p.Boxes {
		if a.X < 0 || a.Y < 0 || a.X+a.W > p.Width || a.Y+a.H > p.Height {
			t.Errorf("box %v at (%d,%d) lies outside the %d×%d picture", a.Lines, a.X, a.Y, p.Width, p.Height)
		}
		for _, b := range p.Boxes[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("boxes %v and %v overlap", a.Lines, b.Lines)
			}
		}
	}
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

func TestBoxLabelsFit(t *testing.T) {
	t.Parallel()
	d := wellRecorded()
	d.Outcomes[0].Different = "I want to be able to walk to the allotment on Saturday mornings with my grandson and grow runner beans again"
	for _, b := range thread.Draw(thread.Build(d)).Boxes {
		if len(b.Lines) == 0 || len(b.Lines) > 2 {
			t.Errorf("box has %d lines: %q", len(b.Lines), b.Lines)
		}
		for _, l := range b.Lines {
			if utf8.RuneCountInString(l) > 24 {
				t.Errorf("line %q is too long for its box", l)
			}
		}
	}
}
