package reviews

import (
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// SuggestOutcome is the review outcome a practitioner chooses to take the suggestion worked out from the ratings
// (outcomes.SuggestReviewOutcome) rather than name one of codelists.ReviewOutcome themselves.
const SuggestOutcome = "suggest"

// maxText is the longest free text the rules accept, in bytes.
const maxText = 2000

// Rating is how a review rated one outcome on its Goal Attainment Scale, with the person's own view.
type Rating struct {
	OutcomeID  string
	Level      outcomes.Level
	Rated      bool // false until a level is chosen: 0 is the expected level, not "not rated"
	PersonView string
	Note       string
}

// Decision is what a review decided about one service, with a note.
type Decision struct {
	ServiceID string
	Decision  ServiceDecision
	Note      string
}

// Held is what the practitioner records when they hold a review.
type Held struct {
	On         sqldb.Date
	Method     string // codelists.MethodOfAssessment
	Reason     string // codelists.ReviewReason
	PersonView string // the person's view of the review as a whole, in their words
	Outcome    string // codelists.ReviewOutcome, or SuggestOutcome
	Ratings    []Rating
	Decisions  []Decision
	// PlanNeedsChange is the practitioner's "the plan needs to change" (for example, an outcome rated below
	// expected), which opens a new draft version of the plan.
	PlanNeedsChange bool
}

// RatingField is the form field of an outcome's rating, so a problem names and links to that outcome.
func RatingField(outcomeID string) string { return "rating-" + outcomeID }

// DecisionField is the form field of a service's decision.
func DecisionField(serviceID string) string { return "decision-" + serviceID }

// NoteField is the form field of a service decision's note.
func NoteField(serviceID string) string { return "note-" + serviceID }

// Rating returns the rating of the outcome, or false when it was not rated.
func (h Held) Rating(outcomeID string) (Rating, bool) {
	for _, r := range h.Ratings {
		if r.OutcomeID == outcomeID && r.Rated {
			return r, true
		}
	}
	return Rating{}, false
}

// Decision returns the decision about the service, or false.
func (h Held) Decision(serviceID string) (Decision, bool) {
	for _, d := range h.Decisions {
		if d.ServiceID == serviceID && d.Decision != "" {
			return d, true
		}
	}
	return Decision{}, false
}

// ServiceToDecide is a running service a review decides about, as the rules see it.
type ServiceToDecide struct {
	ID   string
	Name string
}

// Validate checks a review before it is completed: the date it was held (not in the future), the method, reason
// and outcome from their lists, a rating on its scale for every outcome in toRate (each one not rated is named,
// because the golden thread flags a review that skips an outcome), a decision for every running service, and a
// note saying what will change for each service continued with changes.
func (h Held) Validate(today sqldb.Date, toRate []outcomes.Outcome, running []ServiceToDecide) validation.Problems {
	var ps validation.Problems
	switch {
	case h.On.IsZero():
		ps.Append("held_on", "Enter the date the review was held")
	case h.On.After(today.Time):
		ps.Append("held_on", "The date the review was held must be today or in the past")
	}
	if !codelists.MethodOfAssessment.Has(h.Method) {
		ps.Append("method", "Select who took part in the review")
	}
	if !codelists.ReviewReason.Has(h.Reason) {
		ps.Append("reason", "Select the reason for the review")
	}
	if len(h.PersonView) > maxText {
		ps.Append("person_view", "The person's view must be 2,000 characters or less")
	}
	for _, o := range toRate {
		r, ok := h.Rating(o.ID)
		switch {
		case !ok:
			ps.Append(RatingField(o.ID), fmt.Sprintf("Rate outcome “%s” on its scale", shorten(o.Different, 80)))
		case !r.Level.Valid():
			ps.Append(RatingField(o.ID), fmt.Sprintf("Rate outcome “%s” from −2 to +2", shorten(o.Different, 80)))
		case len(r.PersonView) > maxText || len(r.Note) > maxText:
			ps.Append(RatingField(o.ID), "What the person said about an outcome must be 2,000 characters or less")
		}
	}
	for _, s := range running {
		d, ok := h.Decision(s.ID)
		switch {
		case !ok:
			ps.Append(DecisionField(s.ID), fmt.Sprintf("Select whether %s stops, continues or changes", s.Name))
		case d.Decision == Change && strings.TrimSpace(d.Note) == "":
			ps.Append(NoteField(s.ID), fmt.Sprintf("Say what will change about %s", s.Name))
		case len(d.Note) > maxText:
			ps.Append(NoteField(s.ID), "The note must be 2,000 characters or less")
		}
	}
	if h.Outcome != SuggestOutcome && !codelists.ReviewOutcome.Has(h.Outcome) {
		ps.Append("review_outcome", "Select whether the person's outcomes were met")
	}
	return ps
}

// Scores pairs each rated outcome's level with its weight (importance × difficulty), for outcomes.TScore.
func Scores(toRate []outcomes.Outcome, ratings []Rating) []outcomes.Scored {
	var out []outcomes.Scored
	for _, o := range toRate {
		for _, r := range ratings {
			if r.OutcomeID == o.ID && r.Rated {
				out = append(out, outcomes.Scored{Level: r.Level, Weight: o.Weight()})
				break
			}
		}
	}
	return out
}

// TScore is the review's Goal Attainment T-score across the rated outcomes, with outcomes.DefaultRho and each
// outcome's weight.
func TScore(toRate []outcomes.Outcome, ratings []Rating) (float64, error) {
	return outcomes.TScore(Scores(toRate, ratings), outcomes.DefaultRho)
}

// Suggest is the review outcome suggested by the ratings (outcomes.SuggestReviewOutcome), each against its
// outcome's baseline.
func Suggest(toRate []outcomes.Outcome, ratings []Rating) string {
	var rated []outcomes.Rated
	for _, o := range toRate {
		for _, r := range ratings {
			if r.OutcomeID == o.ID && r.Rated {
				rated = append(rated, outcomes.Rated{Attained: r.Level, Baseline: o.Baseline})
				break
			}
		}
	}
	return outcomes.SuggestReviewOutcome(rated)
}

// PlanMustChange is the rule for opening a new draft of the plan after a review: when anything changed, that is
// a service was stopped or is to change, or the practitioner says the plan needs to change (as they should when an
// outcome was rated below expected).
func PlanMustChange(decisions []Decision, planNeedsChange bool) bool {
	if planNeedsChange {
		return true
	}
	for _, d := range decisions {
		if d.Decision == Stop || d.Decision == Change {
			return true
		}
	}
	return false
}

// BelowExpected reports whether any rating is below the expected level.
func BelowExpected(ratings []Rating) bool {
	for _, r := range ratings {
		if r.Rated && r.Level < outcomes.Expected {
			return true
		}
	}
	return false
}

func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Finishes is the rule for a review that finishes the support: every outcome it rated (and there is at least one)
// at or above the expected level, every running service stopped, no service still waiting to start or for
// authorisation (waiting), and the practitioner not saying the plan needs to change. Such a review schedules
// nothing more and opens no new plan: it offers to end the episode with its result instead. Anything less, and the
// support goes on to a next review.
func Finishes(toRate []outcomes.Outcome, ratings []Rating, running []ServiceToDecide, decisions []Decision, waiting int, planNeedsChange bool) bool {
	if len(toRate) == 0 || waiting > 0 || planNeedsChange {
		return false
	}
	h := Held{Ratings: ratings, Decisions: decisions}
	for _, o := range toRate {
		if r, ok := h.Rating(o.ID); !ok || r.Level < outcomes.Expected {
			return false
		}
	}
	for _, s := range running {
		if d, ok := h.Decision(s.ID); !ok || d.Decision != Stop {
			return false
		}
	}
	return true
}

// EndResults are the results a review that finished the support offers to end the episode with: the Client Level
// Data event outcomes that take no further action (standards.md §1.4), "support ended as planned" first, as the
// one that fits a review where every outcome was met. Another result is chosen on the episode's own end form.
func EndResults() []codelists.Code {
	var out []codelists.Code
	for _, c := range codelists.EventOutcome.Codes {
		if c.Group != "NFA" {
			continue
		}
		if c.Value == codelists.EventOutcomeSupportEnded {
			out = append([]codelists.Code{c}, out...)
			continue
		}
		out = append(out, c)
	}
	return out
}
