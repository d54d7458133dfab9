package reviews_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

var (
	walk   = outcomes.Outcome{ID: "o1", Different: "I walk to the shop", Importance: 3, Difficulty: 2, Baseline: outcomes.Less}
	stairs = outcomes.Outcome{ID: "o2", Different: "I get up the stairs", Baseline: outcomes.MuchLess}
	care   = reviews.ServiceToDecide{ID: "s1", Name: "Reablement from Example Care"}
)

func rated(id string, l outcomes.Level) reviews.Rating {
	return reviews.Rating{OutcomeID: id, Level: l, Rated: true}
}

func TestHeldValidate(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2025, 4, 28, 0, 0, 0, 0, time.UTC))
	ok := reviews.Held{On: today, Method: "Service user only", Reason: codelists.ReviewReasonPlanned, Outcome: reviews.SuggestOutcome,
		Ratings:   []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.MuchLess)},
		Decisions: []reviews.Decision{{ServiceID: "s1", Decision: reviews.Continue}}}
	tests := []struct {
		name   string
		change func(*reviews.Held)
		want   []string
	}{
		{"complete", func(*reviews.Held) {}, nil},
		{"an outcome of the scale's own expected level 0 counts as rated", func(h *reviews.Held) { h.Ratings[1] = rated("o2", 0) }, nil},
		{"every outcome not rated is named", func(h *reviews.Held) { h.Ratings = nil }, []string{
			"rating-o1: Rate outcome “I walk to the shop” on its scale", "rating-o2: Rate outcome “I get up the stairs” on its scale"}},
		{"one not rated", func(h *reviews.Held) { h.Ratings = h.Ratings[:1] }, []string{"rating-o2: Rate outcome “I get up the stairs” on its scale"}},
		{"a level off the scale", func(h *reviews.Held) { h.Ratings[0] = rated("o1", 3) }, []string{"rating-o1: Rate outcome “I walk to the shop” from −2 to +2"}},
		{"a service not decided", func(h *reviews.Held) { h.Decisions = nil }, []string{"decision-s1: Select whether Reablement from Example Care stops, continues or changes"}},
		{"a change without a note", func(h *reviews.Held) { h.Decisions[0].Decision = reviews.Change }, []string{"note-s1: Say what will change about Reablement from Example Care"}},
		{"a stop needs no note", func(h *reviews.Held) { h.Decisions[0].Decision = reviews.Stop }, nil},
		{"no date, method, reason or outcome", func(h *reviews.Held) { h.On, h.Method, h.Reason, h.Outcome = sqldb.Date{}, "", "", "" }, []string{
			"held_on: Enter the date the review was held", "method: Select who took part in the review", "reason: Select the reason for the review",
			"review_outcome: Select whether the person's outcomes were met"}},
		{"held tomorrow", func(h *reviews.Held) { h.On = sqldb.NewDate(today.AddDate(0, 0, 1)) }, []string{"held_on: The date the review was held must be today or in the past"}},
		{"an outcome chosen from the list", func(h *reviews.Held) { h.Outcome = codelists.ReviewOutcomeNotMet }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := ok
			h.Ratings = append([]reviews.Rating(nil), ok.Ratings...)
			h.Decisions = append([]reviews.Decision(nil), ok.Decisions...)
			tt.change(&h)
			var got []string
			for _, p := range h.Validate(today, []outcomes.Outcome{walk, stairs}, []reviews.ServiceToDecide{care}) {
				got = append(got, p.Field+": "+p.Message)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPlanMustChange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		decisions []reviews.ServiceDecision
		ticked    bool
		want      bool
	}{
		{"nothing changed", []reviews.ServiceDecision{reviews.Continue, reviews.Continue}, false, false},
		{"no services, nothing ticked", nil, false, false},
		{"a service stopped", []reviews.ServiceDecision{reviews.Continue, reviews.Stop}, false, true},
		{"a service to change", []reviews.ServiceDecision{reviews.Change}, false, true},
		{"the practitioner says the plan needs to change", []reviews.ServiceDecision{reviews.Continue}, true, true},
	}
	for _, tt := range tests {
		var ds []reviews.Decision
		for i, d := range tt.decisions {
			ds = append(ds, reviews.Decision{ServiceID: string(rune('a' + i)), Decision: d})
		}
		if got := reviews.PlanMustChange(ds, tt.ticked); got != tt.want {
			t.Errorf("%s: PlanMustChange = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !reviews.BelowExpected([]reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Less)}) ||
		reviews.BelowExpected([]reviews.Rating{rated("o1", outcomes.Expected), {OutcomeID: "o2", Level: -2}}) {
		t.Error("BelowExpected counts only rated outcomes below 0")
	}
}

func TestTScoreWiring(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		ratings []reviews.Rating
		scored  []outcomes.Scored
		suggest string
	}{
		{"both as expected", []reviews.Rating{rated("o1", 0), rated("o2", 0)},
			[]outcomes.Scored{{Level: 0, Weight: 6}, {Level: 0, Weight: 1}}, codelists.ReviewOutcomeFullyMet},
		{"one better, one worse, weighted by importance × difficulty", []reviews.Rating{rated("o2", -1), rated("o1", 2)},
			[]outcomes.Scored{{Level: 2, Weight: 6}, {Level: -1, Weight: 1}}, codelists.ReviewOutcomePartiallyMet},
		{"neither improved", []reviews.Rating{rated("o1", -1), rated("o2", -2)},
			[]outcomes.Scored{{Level: -1, Weight: 6}, {Level: -2, Weight: 1}}, codelists.ReviewOutcomeNotMet},
	}
	toRate := []outcomes.Outcome{walk, stairs}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reviews.Scores(toRate, tt.ratings); !reflect.DeepEqual(got, tt.scored) {
				t.Errorf("scores %v, want %v", got, tt.scored)
			}
			want, err := outcomes.TScore(tt.scored, outcomes.DefaultRho)
			if err != nil {
				t.Fatal(err)
			}
			got, err := reviews.TScore(toRate, tt.ratings)
			if err != nil || math.Abs(got-want) > 1e-9 {
				t.Errorf("T-score %v (%v), want %v", got, err, want)
			}
			if got := reviews.Suggest(toRate, tt.ratings); got != tt.suggest {
				t.Errorf("suggested %q, want %q", got, tt.suggest)
			}
		})
	}
}
