package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// ReviewStore is what the API needs of reviews.Store.
type ReviewStore interface {
	Episode(ctx context.Context, personID, episodeID string) (reviews.EpisodeReviews, error)
	Get(ctx context.Context, personID, episodeID, reviewID string) (reviews.View, error)
	Hold(ctx context.Context, personID, episodeID, reviewID string, h reviews.Held, version int) (reviews.Result, error)
}

// ReviewSummary is one of an episode's reviews, as the list shows it.
type ReviewSummary struct {
	ID            string   `json:"id"`
	EpisodeID     string   `json:"episode_id"`
	PlanID        string   `json:"plan_id"`
	PlanVersion   int      `json:"plan_version"`
	DueOn         *string  `json:"due_on"`
	DueStatus     string   `json:"due_status"`
	Reason        string   `json:"reason"`
	Status        string   `json:"status"`
	HeldOn        *string  `json:"held_on"`
	ReviewOutcome string   `json:"review_outcome"`
	GASTScore     *float64 `json:"gas_t_score"`
	Version       int      `json:"version"`
}

// Review is a review: scheduled, with the outcomes to rate and the running services to decide about; or completed,
// with its ratings, decisions, review outcome and Goal Attainment T-score. Read-only: hold a scheduled review by
// POST to its held.
type Review struct {
	ID              string           `json:"id"`
	EpisodeID       string           `json:"episode_id"`
	PlanID          string           `json:"plan_id"`
	PlanVersion     int              `json:"plan_version"`
	DueOn           *string          `json:"due_on"`
	DueStatus       string           `json:"due_status"`
	Reason          string           `json:"reason"`
	Status          string           `json:"status"`
	HeldOn          *string          `json:"held_on"`
	Method          string           `json:"method"`
	PersonView      string           `json:"person_view"`
	ReviewOutcome   string           `json:"review_outcome"`
	GASTScore       *float64         `json:"gas_t_score"`
	Ratings         []Rating         `json:"ratings"`
	Decisions       []ReviewDecision `json:"decisions"`
	NextReview      *NextReview      `json:"next_review"`
	DraftPlanID     string           `json:"draft_plan_id"`
	DueReason       string           `json:"due_reason"`
	FinishesSupport bool             `json:"finishes_support"`
	Version         int              `json:"version"`
}

// Rating is an outcome's rating at a review on its Goal Attainment Scale; its level is null until it is rated.
type Rating struct {
	OutcomeID  string `json:"outcome_id"`
	Different  string `json:"different"`
	Expected   string `json:"expected"`
	Baseline   int    `json:"baseline"`
	Level      *int   `json:"level"`
	PersonView string `json:"person_view"`
	Note       string `json:"note"`
}

// ReviewDecision is what a review decided about a service; its decision is empty until the review is held.
type ReviewDecision struct {
	ServiceID       string `json:"service_id"`
	Name            string `json:"name"`
	WeeklyCostPence int64  `json:"weekly_cost_pence"`
	Decision        string `json:"decision"`
	Note            string `json:"note"`
}

// NextReview is the review scheduled after a completed one.
type NextReview struct {
	ID    string  `json:"id"`
	DueOn *string `json:"due_on"`
}

// HoldReview is what is sent to hold a scheduled review. Ratings and decisions are keyed by the outcome's and the
// service's ID, so a problem with one points at it: "#/ratings/<outcome ID>".
type HoldReview struct {
	HeldOn          *string                 `json:"held_on"` // today when null
	Method          string                  `json:"method"`
	Reason          string                  `json:"reason"`
	PersonView      string                  `json:"person_view"`
	ReviewOutcome   *string                 `json:"review_outcome"` // null: worked out from the ratings
	Ratings         map[string]HeldRating   `json:"ratings"`
	Decisions       map[string]HeldDecision `json:"decisions"`
	PlanNeedsChange bool                    `json:"plan_needs_change"`
}

// HeldRating is an outcome's rating sent to hold a review.
type HeldRating struct {
	Level      *int   `json:"level"`
	PersonView string `json:"person_view"`
	Note       string `json:"note"`
}

// HeldDecision is a service's decision sent to hold a review.
type HeldDecision struct {
	Decision string `json:"decision"`
	Note     string `json:"note"`
}

func dueStatus(r reviews.Review, today sqldb.Date) string {
	if r.Completed() {
		return ""
	}
	return string(reviews.Status(r.DueOn, today))
}

func reviewSummaryOf(today sqldb.Date) func(reviews.Review) ReviewSummary {
	return func(r reviews.Review) ReviewSummary {
		return ReviewSummary{
			ID: r.ID, EpisodeID: r.EpisodeID, PlanID: r.PlanID, PlanVersion: r.PlanVersion, DueOn: dateOrNull(r.DueOn),
			DueStatus: dueStatus(r, today), Reason: r.Reason, Status: r.Status, HeldOn: dateOrNull(r.HeldOn),
			ReviewOutcome: r.Outcome, GASTScore: r.GASTScore, Version: r.Version,
		}
	}
}

func reviewOf(v reviews.View) Review {
	r := v.Review
	out := Review{
		ID: r.ID, EpisodeID: r.EpisodeID, PlanID: r.PlanID, PlanVersion: r.PlanVersion, DueOn: dateOrNull(r.DueOn),
		DueStatus: dueStatus(r, v.Today), Reason: r.Reason, Status: r.Status, HeldOn: dateOrNull(r.HeldOn), Method: r.Method,
		PersonView: r.PersonView, ReviewOutcome: r.Outcome, GASTScore: r.GASTScore, DraftPlanID: v.DraftPlanID, DueReason: r.DueReason,
		FinishesSupport: v.Finishes(), Version: r.Version,
	}
	held := reviews.Held{Ratings: r.Ratings, Decisions: r.Decisions}
	out.Ratings = listOf(v.Outcomes, func(o outcomes.Outcome) Rating {
		rt := Rating{OutcomeID: o.ID, Different: o.Different, Expected: o.Expected, Baseline: int(o.Baseline)}
		if given, ok := held.Rating(o.ID); ok {
			level := int(given.Level)
			rt.Level, rt.PersonView, rt.Note = &level, given.PersonView, given.Note
		}
		return rt
	})
	out.Decisions = listOf(v.Services, func(s reviews.Service) ReviewDecision {
		d := ReviewDecision{ServiceID: s.ID, Name: s.Name(), WeeklyCostPence: s.WeeklyCostPence}
		if given, ok := held.Decision(s.ID); ok {
			d.Decision, d.Note = string(given.Decision), given.Note
		}
		return d
	})
	if r.Completed() && v.NextID != "" {
		out.NextReview = &NextReview{ID: v.NextID, DueOn: dateOrNull(v.NextDue)}
	}
	return out
}

// held turns a request to hold a review into what the rules check.
func (in HoldReview) held(f *fields, today sqldb.Date) reviews.Held {
	h := reviews.Held{
		On: f.date("held_on", "The date the review was held", in.HeldOn), Method: strings.TrimSpace(in.Method),
		Reason: strings.TrimSpace(in.Reason), PersonView: in.PersonView, Outcome: reviews.SuggestOutcome,
		PlanNeedsChange: in.PlanNeedsChange,
	}
	if in.HeldOn == nil {
		h.On = today
	}
	if in.ReviewOutcome != nil {
		h.Outcome = strings.TrimSpace(*in.ReviewOutcome)
	}
	for outcomeID, rt := range in.Ratings {
		if rt.Level == nil {
			continue // not rated, which the rules name
		}
		h.Ratings = append(h.Ratings, reviews.Rating{OutcomeID: outcomeID, Level: outcomes.Level(*rt.Level), Rated: true,
			PersonView: rt.PersonView, Note: rt.Note})
	}
	for serviceID, d := range in.Decisions {
		h.Decisions = append(h.Decisions, reviews.Decision{ServiceID: serviceID, Decision: reviews.ServiceDecision(strings.TrimSpace(d.Decision)),
			Note: d.Note})
	}
	return h
}

// reviewField names the review rules' fields as the JSON does: an outcome's rating is "ratings.<outcome ID>", a
// service's decision "decisions.<service ID>" and its note "decisions.<service ID>.note".
func reviewField(field string) string {
	switch {
	case strings.HasPrefix(field, reviews.RatingField("")):
		return "ratings." + strings.TrimPrefix(field, reviews.RatingField(""))
	case strings.HasPrefix(field, reviews.DecisionField("")):
		return "decisions." + strings.TrimPrefix(field, reviews.DecisionField(""))
	case strings.HasPrefix(field, reviews.NoteField("")):
		return "decisions." + strings.TrimPrefix(field, reviews.NoteField("")) + ".note"
	}
	return field
}

// reviewProblem says what to do about the refusals particular to reviews.
func reviewProblem(err error) error {
	if errors.Is(err, reviews.ErrCompleted) {
		return &Problem{Status: http.StatusConflict, Detail: "This review has been held, so it is kept as it was held. The next review is in the episode's reviews."}
	}
	return renamed(err, reviewField)
}

// listReviews is GET .../episodes/{episode}/reviews: scheduled reviews by due date, then those held, newest first.
func (a *API) listReviews(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	er, err := a.thread.Reviews.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(er.Reviews, reviewSummaryOf(er.Today)))
	return nil
}

func (a *API) readReview(r *http.Request, reviewID string) (int, any, error) {
	id := idsOf(r)
	v, err := a.thread.Reviews.Get(r.Context(), id.person, id.episode, reviewID)
	if err != nil {
		return 0, nil, err
	}
	return v.Review.Version, reviewOf(v), nil
}

// getReview is GET .../episodes/{episode}/reviews/{review}.
func (a *API) getReview(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readReview(r, r.PathValue("review")) })
}

// holdReview is POST .../episodes/{episode}/reviews/{review}/held: every outcome rated, every running service
// decided, the T-score worked out and the next review scheduled, unless the review finished the support
// (finishes_support). The answer is the review as held, with its
// gas_t_score and the next review.
func (a *API) holdReview(w http.ResponseWriter, r *http.Request) error {
	id, reviewID := idsOf(r), r.PathValue("review")
	return change(w, r, "the review",
		func(in HoldReview, version int) error {
			var f fields
			today := sqldb.TodayIn(r.Context())
			h := in.held(&f, today)
			if err := f.check(h.Validate(today, nil, nil)); err != nil {
				return reviewProblem(err)
			}
			_, err := a.thread.Reviews.Hold(r.Context(), id.person, id.episode, reviewID, h, version)
			return reviewProblem(err)
		},
		func() (int, any, error) { return a.readReview(r, reviewID) })
}
