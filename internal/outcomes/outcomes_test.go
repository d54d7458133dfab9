package outcomes

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func fields(ps validation.Problems) []string {
	var f []string
	for _, p := range ps {
		f = append(f, p.Field)
	}
	return f
}

func TestAspirationValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    Aspiration
		want []string
	}{
		{"short", Aspiration{Term: ShortTerm, Words: "Get back to my allotment"}, nil},
		{"long", Aspiration{Term: LongTerm, Words: "Live in my own flat"}, nil},
		{"no term", Aspiration{Words: "Swim again"}, []string{"term"}},
		{"no words", Aspiration{Term: ShortTerm, Words: " "}, []string{"words"}},
		{"too long", Aspiration{Term: ShortTerm, Words: strings.Repeat("a", 2001)}, []string{"words"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(tt.a.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
	for _, term := range []Term{ShortTerm, LongTerm} {
		if got, err := ParseTerm(string(term)); err != nil || got != term || term.Label() == string(term) {
			t.Errorf("term %q: %q, %v, label %q", term, got, err, term.Label())
		}
	}
}

func smart(t *testing.T) Outcome {
	return Outcome{
		Different:    "I can make my own breakfast",
		HowWeKnow:    "I make breakfast on at least five mornings a week",
		WhoInvolved:  "Me, my daughter and the reablement team",
		AspirationID: "asp-1",
		ByWhen:       dbtest.Date("2026-09-30"),
		Expected:     "Breakfast five mornings a week",
		Baseline:     Less,
		Importance:   3,
		Difficulty:   2,
		Status:       Active,
	}
}

func TestMissingSMART(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Outcome)
		want   []Element
	}{
		{"complete", func(*Outcome) {}, nil},
		{"wellbeing area instead of aspiration", func(o *Outcome) { o.AspirationID = ""; o.WellbeingAreas = []string{"b"} }, nil},
		{"nothing", func(o *Outcome) { *o = Outcome{} }, []Element{Specific, Measurable, Achievable, Relevant, TimeBound, ExpectedLevel}},
		{"no what", func(o *Outcome) { o.Different = "  " }, []Element{Specific}},
		{"no how", func(o *Outcome) { o.HowWeKnow = "" }, []Element{Measurable}},
		{"no who", func(o *Outcome) { o.WhoInvolved = "" }, []Element{Achievable}},
		{"no link", func(o *Outcome) { o.AspirationID = "" }, []Element{Relevant}},
		{"no date", func(o *Outcome) { o.ByWhen = sqldb.Date{} }, []Element{TimeBound}},
		{"no expected level", func(o *Outcome) { o.Expected = "" }, []Element{ExpectedLevel}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := smart(t)
			tt.change(&o)
			got := o.MissingSMART()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MissingSMART (-want +got):\n%s", diff)
			}
			if o.IsSMART() != (len(tt.want) == 0) {
				t.Errorf("IsSMART() = %v", o.IsSMART())
			}
		})
	}
	if got := Measurable.Message(); got != "Say how everyone will know this outcome has been achieved" {
		t.Errorf("Measurable.Message() = %q", got)
	}
	for _, e := range []Element{Specific, Measurable, Achievable, Relevant, TimeBound, ExpectedLevel} {
		if e.Message() == "" || e.Label() == string(e) || e.Field() == "" {
			t.Errorf("element %q is missing a message, label or field", e)
		}
	}
}

func TestOutcomeValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Outcome)
		want   []string
	}{
		{"active and SMART", func(*Outcome) {}, nil},
		{"draft with only what", func(o *Outcome) { *o = Outcome{Different: "See my friends", Status: Draft} }, nil},
		{"no status is a draft", func(o *Outcome) { *o = Outcome{Different: "See my friends"} }, nil},
		{"draft with nothing", func(o *Outcome) { *o = Outcome{Status: Draft} }, []string{"different"}},
		{"active but not SMART", func(o *Outcome) { o.HowWeKnow = ""; o.ByWhen = sqldb.Date{} }, []string{"how_we_know", "by_when"}},
		{"achieved needs SMART too", func(o *Outcome) { o.Status = Achieved; o.Expected = "" }, []string{"expected"}},
		{"unknown status", func(o *Outcome) { o.Status = "paused" }, []string{"status"}},
		{"unknown wellbeing area", func(o *Outcome) { o.WellbeingAreas = []string{"b", "z"} }, []string{"wellbeing_areas"}},
		{"adult and carer codes", func(o *Outcome) { o.EligibilityOutcomes = []string{"a", "viii"} }, nil},
		{"unknown eligibility outcome", func(o *Outcome) { o.EligibilityOutcomes = []string{"x"} }, []string{"eligibility_outcomes"}},
		{"baseline not set", func(o *Outcome) { o.Baseline = 0 }, nil},
		{"baseline much less", func(o *Outcome) { o.Baseline = MuchLess }, nil},
		{"baseline above expected", func(o *Outcome) { o.Baseline = More }, []string{"baseline"}},
		{"baseline out of range", func(o *Outcome) { o.Baseline = -3 }, []string{"baseline"}},
		{"importance too high", func(o *Outcome) { o.Importance = 4 }, []string{"importance"}},
		{"difficulty negative", func(o *Outcome) { o.Difficulty = -1 }, []string{"difficulty"}},
		{"level description too long", func(o *Outcome) { o.LevelPlus2 = strings.Repeat("x", 2001) }, []string{"level_plus2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := smart(t)
			tt.change(&o)
			if diff := cmp.Diff(tt.want, fields(o.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLevels(t *testing.T) {
	t.Parallel()
	want := []string{
		"Much less than expected", "Somewhat less than expected", "Expected level",
		"Somewhat more than expected", "Much more than expected",
	}
	var got []string
	for _, l := range Levels() {
		got = append(got, l.Label())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("level labels (-want +got):\n%s", diff)
	}
	parse := []struct {
		in      string
		want    Level
		wantErr bool
	}{
		{"-2", MuchLess, false}, {"+1", More, false}, {"0", Expected, false}, {"2", MuchMore, false},
		{"3", 0, true}, {"-3", 0, true}, {"", 0, true}, {"one", 0, true},
	}
	for _, tt := range parse {
		got, err := ParseLevel(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseLevel(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestWeight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		importance, difficulty int
		want                   float64
	}{
		{3, 2, 6}, {1, 1, 1}, {3, 3, 9}, {0, 3, 1}, {2, 0, 1}, {0, 0, 1},
	}
	for _, tt := range tests {
		o := Outcome{Importance: tt.importance, Difficulty: tt.difficulty}
		if got := o.Weight(); got != tt.want {
			t.Errorf("Weight(%d×%d) = %v, want %v", tt.importance, tt.difficulty, got, tt.want)
		}
	}
}

// TestTScore checks every test vector in standards.md §9.2 (ρ = 0.3) to two decimal places.
func TestTScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		levels  []Level
		weights []float64
		want    float64
	}{
		{[]Level{0, 0, 0}, []float64{1, 1, 1}, 50.00},
		{[]Level{1, 1, 1}, []float64{1, 1, 1}, 63.69},
		{[]Level{-1, -1, -1}, []float64{1, 1, 1}, 36.31},
		{[]Level{1}, []float64{1}, 60.00},
		{[]Level{2, 2, 2}, []float64{1, 1, 1}, 77.39},
		{[]Level{-2, -2, -2}, []float64{1, 1, 1}, 22.61},
		{[]Level{1, -1, 0}, []float64{3, 1, 2}, 54.41},
		{[]Level{-1, -1}, []float64{6, 2}, 38.36},
	}
	for _, tt := range tests {
		scores := make([]Scored, len(tt.levels))
		for i := range tt.levels {
			scores[i] = Scored{Level: tt.levels[i], Weight: tt.weights[i]}
		}
		got, err := TScore(scores, DefaultRho)
		if err != nil {
			t.Errorf("TScore(%v, %v): %v", tt.levels, tt.weights, err)
			continue
		}
		if math.Round(got*100)/100 != tt.want {
			t.Errorf("TScore(%v, %v) = %.4f, want %.2f", tt.levels, tt.weights, got, tt.want)
		}
	}
}

func TestTScoreErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scores []Scored
		rho    float64
		want   error
	}{
		{"no goals", nil, DefaultRho, ErrNoGoals},
		{"zero weights", []Scored{{Level: 1, Weight: 0}, {Level: -1, Weight: 0}}, DefaultRho, ErrZeroWeight},
		{"negative weight", []Scored{{Level: 1, Weight: -1}}, DefaultRho, ErrInvalidGoal},
		{"NaN weight", []Scored{{Level: 1, Weight: math.NaN()}}, DefaultRho, ErrInvalidGoal},
		{"level out of range", []Scored{{Level: 3, Weight: 1}}, DefaultRho, ErrInvalidGoal},
		{"rho out of range", []Scored{{Level: 1, Weight: 1}}, 1.5, ErrInvalidGoal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := TScore(tt.scores, tt.rho)
			if !errors.Is(err, tt.want) {
				t.Errorf("TScore error = %v, want %v", err, tt.want)
			}
		})
	}
	// One goal of zero weight among weighted ones is fine.
	if _, err := TScore([]Scored{{Level: 1, Weight: 0}, {Level: 0, Weight: 2}}, DefaultRho); err != nil {
		t.Errorf("a zero weight beside a positive one: %v", err)
	}
}

func ExampleTScore() {
	// Three goals, weighted by importance × difficulty: one exceeded, one fell short, one met as expected.
	scores := []Scored{
		{Level: More, Weight: 3},
		{Level: Less, Weight: 1},
		{Level: Expected, Weight: 2},
	}
	t, err := TScore(scores, DefaultRho)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("T = %.2f\n", t)
	// Output: T = 54.41
}

func TestSuggestReviewOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		ratings []Rated
		want    string
	}{
		{"none", nil, ""},
		{"all expected", []Rated{{Expected, Less}, {More, MuchLess}}, codelists.ReviewOutcomeFullyMet},
		{"all better", []Rated{{MuchMore, Less}}, codelists.ReviewOutcomeFullyMet},
		{"one met, one not", []Rated{{Expected, Less}, {MuchLess, MuchLess}}, codelists.ReviewOutcomePartiallyMet},
		{"partial progress from −2", []Rated{{Less, MuchLess}, {MuchLess, Less}}, codelists.ReviewOutcomePartiallyMet},
		{"stayed at baseline −1", []Rated{{Less, Less}}, codelists.ReviewOutcomeNotMet},
		{"stayed at −1 with no baseline", []Rated{{Less, 0}}, codelists.ReviewOutcomeNotMet},
		{"got worse", []Rated{{MuchLess, Less}}, codelists.ReviewOutcomeNotMet},
		{"stayed at −2", []Rated{{MuchLess, MuchLess}, {Less, Less}}, codelists.ReviewOutcomeNotMet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SuggestReviewOutcome(tt.ratings)
			if got != tt.want {
				t.Errorf("SuggestReviewOutcome = %q, want %q", got, tt.want)
			}
			if got != "" && !codelists.ReviewOutcome.Has(got) {
				t.Errorf("%q is not a ReviewOutcome value", got)
			}
		})
	}
}

func TestStatuses(t *testing.T) {
	t.Parallel()
	for _, s := range Statuses() {
		if got, err := ParseStatus(string(s)); err != nil || got != s || s.Label() == string(s) {
			t.Errorf("status %q: %q, %v, label %q", s, got, err, s.Label())
		}
	}
	if _, err := ParseStatus("paused"); err == nil {
		t.Error("ParseStatus(paused) did not fail")
	}
}
