package feedback_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/feedback"
)

// TestTally counts hand-built answers by team and for the council: a team with fewer than six answers is withheld
// whole, an answer given by fewer than six in a shown team says "fewer than 6", and the share agreeing is shown only
// when neither those agreeing nor the rest are withheld.
func TestTally(t *testing.T) {
	t.Parallel()
	qs := []feedback.Question{{Key: "q", Kind: feedback.Scale, Text: "I was listened to"}, {Key: "w", Kind: feedback.Words, Text: "What would you change?"}}
	var as []feedback.Answer
	add := func(team, value string, n int) {
		for range n {
			as = append(as, feedback.Answer{TeamID: team, Question: "q", Value: value})
		}
	}
	add("north", "yes", 8)
	add("north", "no", 6)
	add("south", "yes", 3)
	add("", "mostly", 2)
	as = append(as, feedback.Answer{TeamID: "north", Question: "q", Value: "not on the scale"}, feedback.Answer{TeamID: "north", Question: "w", Value: "Words"})
	got := feedback.Tally(qs, as, map[string]string{"north": "North", "south": "South"})
	if len(got) != 1 {
		t.Fatalf("%d questions counted, want the one on the scale", len(got))
	}
	tests := []struct {
		label, of, agree, yes, no string
		withheld                  bool
	}{
		{"The whole council", "20", "68%", "10", "5", false},
		{"No team", "fewer than 6", "", "", "", true},
		{"North", "15", "57%", "10", "5", false},
		{"South", "fewer than 6", "", "", "", true},
	}
	groups := append([]feedback.Group{got[0].All}, got[0].Teams...)
	if len(groups) != len(tests) {
		t.Fatalf("groups %+v", groups)
	}
	for i, tt := range tests {
		g := groups[i]
		if g.Label != tt.label || g.Of.String() != tt.of || g.Agree != tt.agree || g.Withheld != tt.withheld {
			t.Errorf("group %d: %s of %s, agree %q, withheld %v; want %s of %s, %q, %v", i, g.Label, g.Of, g.Agree, g.Withheld, tt.label, tt.of, tt.agree, tt.withheld)
		}
		if tt.withheld {
			if len(g.Counts) != 0 {
				t.Errorf("%s: a withheld group shows %v", g.Label, g.Counts)
			}
			continue
		}
		if g.Counts[0].N.String() != tt.yes || g.Counts[3].N.String() != tt.no {
			t.Errorf("%s: yes %s, no %s; want %s, %s", g.Label, g.Counts[0].N, g.Counts[3].N, tt.yes, tt.no)
		}
	}
	// Partly was given by no one: 0 is shown as 0.
	if got[0].All.Counts[2].N.String() != "0" {
		t.Errorf("partly is %s", got[0].All.Counts[2].N)
	}
}
