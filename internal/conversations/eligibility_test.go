package conversations

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func unable(codes ...string) []OutcomeAnswer {
	var os []OutcomeAnswer
	for _, c := range codes {
		os = append(os, OutcomeAnswer{Code: c, Ways: []Way{WithoutAssistance}})
	}
	return os
}

func TestDetermineAdult(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    Answers
		want Result
	}{
		{
			name: "all three met",
			a:    Answers{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("a", "b", "c"), SignificantImpact: true, ImpactAreas: []string{"b"}},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from an impairment or illness, the person is unable to achieve 3 of the specified outcomes (managing and maintaining nutrition, maintaining personal hygiene, managing toilet needs), and this has a significant impact on their wellbeing."},
		},
		{
			name: "exactly two outcomes",
			a:    Answers{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("g", "j"), SignificantImpact: true},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from an impairment or illness, the person is unable to achieve 2 of the specified outcomes (developing and maintaining family or other personal relationships, carrying out any caring responsibilities the adult has for a child), and this has a significant impact on their wellbeing."},
		},
		{
			name: "only one outcome",
			a:    Answers{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("a"), SignificantImpact: true},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the person is unable to achieve only 1 specified outcome; the regulations need two or more."},
		},
		{
			name: "no outcomes",
			a:    Answers{Kind: Adult, ImpairmentOrIllness: true, SignificantImpact: true},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the person can achieve all the specified outcomes; the regulations need them to be unable to achieve two or more."},
		},
		{
			name: "no impairment or illness",
			a:    Answers{Kind: Adult, Outcomes: unable("a", "b"), SignificantImpact: true},
			want: Result{Conditions: [3]bool{false, true, true}, Explanation: "Not eligible: needs do not arise from an impairment or illness."},
		},
		{
			name: "no significant impact",
			a:    Answers{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("a", "b")},
			want: Result{Conditions: [3]bool{true, true, false}, Explanation: "Not eligible: there is no significant impact on their wellbeing."},
		},
		{
			name: "nothing met",
			a:    Answers{Kind: Adult, Outcomes: unable("e")},
			want: Result{Conditions: [3]bool{false, false, false}, Explanation: "Not eligible: needs do not arise from an impairment or illness; the person is unable to achieve only 1 specified outcome (the regulations need two or more); and there is no significant impact on their wellbeing."},
		},
		{
			name: "each way counts",
			a: Answers{Kind: Adult, ImpairmentOrIllness: true, SignificantImpact: true, Outcomes: []OutcomeAnswer{
				{Code: "a", Ways: []Way{PainDistressAnxiety}},
				{Code: "b", Ways: []Way{SignificantlyLonger}},
			}},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from an impairment or illness, the person is unable to achieve 2 of the specified outcomes (managing and maintaining nutrition, maintaining personal hygiene), and this has a significant impact on their wellbeing."},
		},
		{
			name: "outcomes with no way, unknown or repeated codes do not count",
			a: Answers{Kind: Adult, ImpairmentOrIllness: true, SignificantImpact: true, Outcomes: []OutcomeAnswer{
				{Code: "a", Ways: []Way{Endangers}},
				{Code: "a", Ways: []Way{Endangers}},
				{Code: "b"},
				{Code: "z", Ways: []Way{WithoutAssistance}},
				{Code: "ii", Ways: []Way{WithoutAssistance}},
			}},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the person is unable to achieve only 1 specified outcome; the regulations need two or more."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Determine(tt.a)); diff != "" {
				t.Errorf("Determine (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetermineCarer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    Answers
		want Result
	}{
		{
			name: "one outcome is enough",
			a:    Answers{Kind: Carer, NecessaryCare: true, Outcomes: unable("viii"), SignificantImpact: true, ImpactAreas: []string{"e"}},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from providing necessary care for an adult, the carer is unable to achieve 1 of the specified outcomes (engaging in recreational activities), and this has a significant impact on their wellbeing."},
		},
		{
			name: "deteriorating health without outcomes",
			a:    Answers{Kind: Carer, NecessaryCare: true, HealthDeteriorating: true, SignificantImpact: true},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from providing necessary care for an adult, the carer's health is deteriorating or at risk of deteriorating, and this has a significant impact on their wellbeing."},
		},
		{
			name: "deteriorating health and outcomes",
			a:    Answers{Kind: Carer, NecessaryCare: true, HealthDeteriorating: true, Outcomes: unable("i", "vi"), SignificantImpact: true},
			want: Result{Eligible: true, Conditions: [3]bool{true, true, true}, Explanation: "Eligible: needs arise from providing necessary care for an adult, the carer's health is deteriorating or at risk of deteriorating and they are unable to achieve 2 of the specified outcomes (carrying out any caring responsibilities the carer has for a child, engaging in work, training, education or volunteering), and this has a significant impact on their wellbeing."},
		},
		{
			name: "neither health nor outcomes",
			a:    Answers{Kind: Carer, NecessaryCare: true, SignificantImpact: true},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the carer can achieve all the specified outcomes and their health is not deteriorating or at risk of deteriorating."},
		},
		{
			name: "significantly longer does not count for carers",
			a:    Answers{Kind: Carer, NecessaryCare: true, SignificantImpact: true, Outcomes: []OutcomeAnswer{{Code: "iv", Ways: []Way{SignificantlyLonger}}}},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the carer can achieve all the specified outcomes and their health is not deteriorating or at risk of deteriorating."},
		},
		{
			name: "not necessary care",
			a:    Answers{Kind: Carer, HealthDeteriorating: true, SignificantImpact: true},
			want: Result{Conditions: [3]bool{false, true, true}, Explanation: "Not eligible: needs do not arise from providing necessary care for an adult."},
		},
		{
			name: "no significant impact",
			a:    Answers{Kind: Carer, NecessaryCare: true, Outcomes: unable("ii")},
			want: Result{Conditions: [3]bool{true, true, false}, Explanation: "Not eligible: there is no significant impact on their wellbeing."},
		},
		{
			name: "impairment alone does not make a carer eligible",
			a:    Answers{Kind: Carer, ImpairmentOrIllness: true, Outcomes: unable("ii"), SignificantImpact: true},
			want: Result{Conditions: [3]bool{false, true, true}, Explanation: "Not eligible: needs do not arise from providing necessary care for an adult."},
		},
		{
			name: "nothing met",
			a:    Answers{Kind: Carer},
			want: Result{Conditions: [3]bool{false, false, false}, Explanation: "Not eligible: needs do not arise from providing necessary care for an adult; the carer can achieve all the specified outcomes and their health is not deteriorating or at risk of deteriorating; and there is no significant impact on their wellbeing."},
		},
		{
			name: "adult codes are not carer codes",
			a:    Answers{Kind: Carer, NecessaryCare: true, SignificantImpact: true, Outcomes: unable("a", "b")},
			want: Result{Conditions: [3]bool{true, false, true}, Explanation: "Not eligible: the carer can achieve all the specified outcomes and their health is not deteriorating or at risk of deteriorating."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Determine(tt.a)); diff != "" {
				t.Errorf("Determine (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetermineUnknownKind(t *testing.T) {
	t.Parallel()
	r := Determine(Answers{ImpairmentOrIllness: true, Outcomes: unable("a", "b"), SignificantImpact: true})
	if r.Eligible || r.Conditions != [3]bool{} || r.Explanation == "" {
		t.Errorf("Determine with no kind = %+v", r)
	}
}

func TestExplanationIsOneSentence(t *testing.T) {
	t.Parallel()
	for _, a := range []Answers{
		{Kind: Adult},
		{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("a", "i"), SignificantImpact: true},
		{Kind: Carer, NecessaryCare: true, HealthDeteriorating: true, Outcomes: unable("vii"), SignificantImpact: true},
		{Kind: Carer},
	} {
		e := Determine(a).Explanation
		if strings.Count(e, ".") != 1 || !strings.HasSuffix(e, ".") {
			t.Errorf("explanation is not one sentence: %q", e)
		}
	}
}

func TestAnswersValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    Answers
		want []string
	}{
		{"complete adult", Answers{Kind: Adult, ImpairmentOrIllness: true, Outcomes: unable("a", "b"), SignificantImpact: true, ImpactAreas: []string{"a", "b"}}, nil},
		{"complete carer", Answers{Kind: Carer, NecessaryCare: true, HealthDeteriorating: true, Outcomes: unable("i"), SignificantImpact: true, ImpactAreas: []string{"g"}}, nil},
		{"nothing yet", Answers{Kind: Adult}, nil},
		{"no kind", Answers{}, []string{"kind"}},
		{"unknown kind", Answers{Kind: "child"}, []string{"kind"}},
		{"carer's health on an adult", Answers{Kind: Adult, HealthDeteriorating: true}, []string{"kind"}},
		{"necessary care on an adult", Answers{Kind: Adult, NecessaryCare: true}, []string{"kind"}},
		{"impairment on a carer", Answers{Kind: Carer, ImpairmentOrIllness: true}, []string{"kind"}},
		{"unknown outcome", Answers{Kind: Adult, Outcomes: unable("k")}, []string{"outcomes"}},
		{"carer code on an adult", Answers{Kind: Adult, Outcomes: unable("viii")}, []string{"outcomes"}},
		{"adult code on a carer", Answers{Kind: Carer, Outcomes: unable("a")}, []string{"outcomes"}},
		{"outcome twice", Answers{Kind: Adult, Outcomes: unable("a", "a")}, []string{"outcomes"}},
		{"unable with no way", Answers{Kind: Adult, Outcomes: []OutcomeAnswer{{Code: "c"}}}, []string{"outcome_c_ways"}},
		{"unknown way", Answers{Kind: Adult, Outcomes: []OutcomeAnswer{{Code: "c", Ways: []Way{"tired"}}}}, []string{"outcome_c_ways"}},
		{"significantly longer on a carer", Answers{Kind: Carer, Outcomes: []OutcomeAnswer{{Code: "iv", Ways: []Way{WithoutAssistance, SignificantlyLonger}}}}, []string{"outcome_iv_ways"}},
		{"significantly longer on an adult", Answers{Kind: Adult, Outcomes: []OutcomeAnswer{{Code: "d", Ways: []Way{SignificantlyLonger}}}}, nil},
		{"long note", Answers{Kind: Adult, Outcomes: []OutcomeAnswer{{Code: "d", Ways: []Way{Endangers}, Note: strings.Repeat("x", 2001)}}}, []string{"outcome_d_note"}},
		{"impact with no area", Answers{Kind: Adult, SignificantImpact: true}, []string{"impact_areas"}},
		{"unknown area", Answers{Kind: Adult, ImpactAreas: []string{"z"}}, []string{"impact_areas"}},
		{"areas without significant impact", Answers{Kind: Carer, ImpactAreas: []string{"c"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(tt.a.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
	ps := Answers{Kind: Carer, Outcomes: []OutcomeAnswer{{Code: "iv", Ways: []Way{SignificantlyLonger}}}}.Validate()
	if len(ps) != 1 || ps[0].Message != "Select another way for managing and maintaining nutrition: taking significantly longer applies only to adults, not carers" {
		t.Errorf("carer significantly longer: %v", ps)
	}
	ps = Answers{Kind: Adult, SignificantImpact: true}.Validate()
	if len(ps) != 1 || ps[0].Message != "Select the areas of wellbeing the impact falls on" {
		t.Errorf("impact with no area: %v", ps)
	}
}

func TestKindsAndWays(t *testing.T) {
	t.Parallel()
	if got := len(Adult.Ways()); got != 4 {
		t.Errorf("adults have %d ways, want 4 (reg 2(3))", got)
	}
	if got := len(Carer.Ways()); got != 3 {
		t.Errorf("carers have %d ways, want 3 (reg 3(3))", got)
	}
	for _, w := range Adult.Ways() {
		if w.Label() == string(w) {
			t.Errorf("way %q has no label", w)
		}
	}
	for _, k := range []Kind{Adult, Carer} {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	if _, err := ParseKind("child"); err == nil {
		t.Error("ParseKind(child) did not fail")
	}
	if len(Adult.Outcomes().Codes) != 10 || len(Carer.Outcomes().Codes) != 8 || len(Kind("").Outcomes().Codes) != 0 {
		t.Error("Kind.Outcomes gives the wrong list")
	}
}
