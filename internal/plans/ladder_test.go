package plans

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRungs(t *testing.T) {
	t.Parallel()
	wantCodes := []string{
		"own_strengths", "network", "community", "information_advice", "technology", "reablement",
		"ongoing_support", "residential",
	}
	var codes []string
	for i, r := range AllRungs() {
		codes = append(codes, r.String())
		if i > 0 && r <= AllRungs()[i-1] {
			t.Errorf("%s is not above %s", r, AllRungs()[i-1])
		}
		got, err := ParseRung(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRung(%q) = %v, %v", r.String(), got, err)
		}
		if r.Label() == r.String() {
			t.Errorf("%s has no label", r)
		}
		if i > 0 && r.Numbered() <= AllRungs()[i-1].Numbered() {
			t.Errorf("%q does not sort after %q", r.Numbered(), AllRungs()[i-1].Numbered())
		}
	}
	if got := Network.Numbered(); got != "Rung 2: Family, friends and network" {
		t.Errorf("Network.Numbered() = %q", got)
	}
	if diff := cmp.Diff(wantCodes, codes); diff != "" {
		t.Errorf("rung codes (-want +got):\n%s", diff)
	}
	if _, err := ParseRung("care_home"); err == nil {
		t.Error("ParseRung(care_home) did not fail")
	}
	if Rung(0).Valid() || Rung(9).Valid() {
		t.Error("a rung out of range is valid")
	}
	if got := Rung(0).String(); got != "Rung(0)" {
		t.Errorf("Rung(0).String() = %q", got)
	}
}

func TestNeedsLowerRungReason(t *testing.T) {
	t.Parallel()
	want := map[Rung]bool{
		OwnStrengths: false, Network: false, Community: false, InformationAdvice: false,
		Technology: true, Reablement: true, OngoingSupport: true, Residential: true,
	}
	for r, w := range want {
		if got := r.NeedsLowerRungReason(); got != w {
			t.Errorf("%s.NeedsLowerRungReason() = %v, want %v", r, got, w)
		}
	}
}

func TestSolutionValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    Solution
		want []string
	}{
		{"own strengths", Solution{Rung: OwnStrengths, Description: "Cooks with her daughter on Sundays", OutcomeIDs: []string{"o1"}}, nil},
		{"information and advice needs no reason", Solution{Rung: InformationAdvice, Description: "Leaflet on benefits", OutcomeIDs: []string{"o1"}}, nil},
		{"technology with reason", Solution{Rung: Technology, Description: "Perching stool", LowerRungsReason: "Family live abroad", OutcomeIDs: []string{"o1", "o2"}}, nil},
		{"technology without reason", Solution{Rung: Technology, Description: "Perching stool", OutcomeIDs: []string{"o1"}}, []string{"lower_rungs_reason"}},
		{"residential without reason", Solution{Rung: Residential, Description: "Care home", LowerRungsReason: " ", OutcomeIDs: []string{"o1"}}, []string{"lower_rungs_reason"}},
		{"no outcome", Solution{Rung: Community, Description: "Lunch club"}, []string{"outcome_ids"}},
		{"no description", Solution{Rung: Network, OutcomeIDs: []string{"o1"}}, []string{"description"}},
		{"no rung", Solution{Description: "Something", OutcomeIDs: []string{"o1"}}, []string{"rung"}},
		{"too long", Solution{Rung: Network, Description: strings.Repeat("x", 2001), OutcomeIDs: []string{"o1"}}, []string{"description"}},
		{"nothing", Solution{}, []string{"rung", "description", "outcome_ids"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(tt.s.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
	ps := Solution{Rung: OngoingSupport, Description: "Home care", OutcomeIDs: []string{"o1"}}.Validate()
	want := "Explain why the person's own strengths, their network, community groups and information and advice cannot meet this outcome"
	if len(ps) != 1 || ps[0].Message != want {
		t.Errorf("got %v", ps)
	}
	ps = Solution{Rung: Network, Description: "Son visits"}.Validate()
	if len(ps) != 1 || ps[0].Message != "Choose at least one outcome this solution serves" {
		t.Errorf("got %v", ps)
	}
}
