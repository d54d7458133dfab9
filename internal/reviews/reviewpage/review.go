package reviewpage

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type reviewData struct {
	web.Page
	// ConflictPanel stays empty: the review's version moves when its date or plan changes, which no field of its
	// forms shows, so the page says in its own words that someone else changed it (Conflict).
	web.ConflictPanel
	View      reviews.View
	CanHold   bool
	Action    string
	Form      holdForm
	Methods   []web.Item
	Reasons   []web.Item
	Outcomes  []web.Item
	Rate      []rateView
	Decide    []decideView
	Rows      []web.SummaryRow // a completed review
	Ratings   []ratedView
	Decisions []decidedView
	DraftHref string
	PlanHref  string
	Conflict  bool
	Due       string
	DueStatus string
	DueClass  string
	End       *endForm // the offer to end the episode, on a review that finished the support
	NextHref  string   // the form to schedule or move the next review
	NextText  string   // its link's words
}

// holdForm is the review form as typed.
type holdForm struct {
	HeldOn                  web.DateInput
	Method, Reason, Outcome string
	PersonView              string
	PlanNeedsChange         bool
	Levels, Views           map[string]string // by outcome
	Decisions, Notes        map[string]string // by service
	Version                 int
}

type rateView struct {
	ID, Different, Name, ViewName, Error, View string
	Levels                                     []web.Item
}

type decideView struct {
	ID, Name, Detail, DecisionName, NoteName, Error, NoteError, Note string
	Choices                                                          []web.Item
}

type ratedView struct{ Different, Level, PersonView string }

type decidedView struct{ Name, Decision, Note string }

func readHoldForm(v url.Values) holdForm {
	version := web.FormVersion(v, "version")
	f := holdForm{HeldOn: web.DateInputFrom(v, "held_on"), Method: v.Get("method"), Reason: v.Get("reason"), Outcome: v.Get("review_outcome"),
		PersonView: strings.TrimSpace(v.Get("person_view")), PlanNeedsChange: v.Get("plan_needs_change") == "yes", Version: version,
		Levels: map[string]string{}, Views: map[string]string{}, Decisions: map[string]string{}, Notes: map[string]string{}}
	for key := range v {
		switch {
		case strings.HasPrefix(key, "rating-"):
			f.Levels[strings.TrimPrefix(key, "rating-")] = v.Get(key)
		case strings.HasPrefix(key, "view-"):
			f.Views[strings.TrimPrefix(key, "view-")] = strings.TrimSpace(v.Get(key))
		case strings.HasPrefix(key, "decision-"):
			f.Decisions[strings.TrimPrefix(key, "decision-")] = v.Get(key)
		case strings.HasPrefix(key, "note-"):
			f.Notes[strings.TrimPrefix(key, "note-")] = strings.TrimSpace(v.Get(key))
		}
	}
	return f
}

// held reads the form into what the store records, with the form's own problems (the date). The store checks
// that every outcome of the episode is rated and every running service decided.
func (f holdForm) held() (reviews.Held, web.Errors) {
	var errs web.Errors
	h := reviews.Held{Method: f.Method, Reason: f.Reason, Outcome: f.Outcome, PersonView: f.PersonView, PlanNeedsChange: f.PlanNeedsChange}
	if on, de := f.HeldOn.Parse("Date the review was held"); de != nil {
		errs.AddDate("held_on", de)
	} else {
		h.On = sqldb.NewDate(on)
	}
	for id, level := range f.Levels {
		r := reviews.Rating{OutcomeID: id, PersonView: f.Views[id]}
		if l, err := outcomes.ParseLevel(level); err == nil {
			r.Level, r.Rated = l, true
		}
		h.Ratings = append(h.Ratings, r)
	}
	for id, decision := range f.Decisions {
		d := reviews.Decision{ServiceID: id, Note: f.Notes[id]}
		if dec, err := reviews.ParseServiceDecision(decision); err == nil {
			d.Decision = dec
		}
		h.Decisions = append(h.Decisions, d)
	}
	return h, errs
}

func codeItems(l codelists.List) []web.Item {
	var out []web.Item
	for _, c := range l.Codes {
		out = append(out, web.Item{Value: c.Value, Text: c.Label})
	}
	return out
}

func levelSign(l outcomes.Level) string {
	if l > 0 {
		return "+" + strconv.Itoa(int(l))
	}
	if l < 0 {
		return "−" + strconv.Itoa(-int(l))
	}
	return "0"
}

// levelText is what the outcome's scale says for level l.
func levelText(o outcomes.Outcome, l outcomes.Level) string {
	switch l {
	case outcomes.MuchLess:
		return o.LevelMinus2
	case outcomes.Less:
		return o.LevelMinus1
	case outcomes.Expected:
		return o.Expected
	case outcomes.More:
		return o.LevelPlus1
	case outcomes.MuchMore:
		return o.LevelPlus2
	}
	return ""
}

func serviceName(s reviews.Service) string { return s.Name() }

func (p *Pages) load(w http.ResponseWriter, r *http.Request) (reviewData, error) {
	personID, episodeID, reviewID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("review")
	v, err := p.store.Get(web.Route(r), personID, episodeID, reviewID)
	if err != nil {
		return reviewData{}, err
	}
	data := reviewData{Page: web.NewPage(r, "Review"), View: v, Action: paths.Review.URL(personID, episodeID, reviewID),
		CanHold: !v.Review.Completed() && staff(r).Role.ChangesPeople()}
	data.Back = paths.Reviews.URL(personID, episodeID)
	if v.Review.PlanID != "" {
		data.PlanHref = paths.SupportPlan.URL(personID, episodeID, v.Review.PlanID)
	}
	if v.DraftPlanID != "" {
		data.DraftHref = paths.SupportPlan.URL(personID, episodeID, v.DraftPlanID)
	}
	data.Due = v.Review.DueOn.Format("2 January 2006")
	if v.Review.Completed() {
		data.Title = "Review held on " + v.Review.HeldOn.Format("2 January 2006")
		p.fillCompleted(&data)
		endOffer(&data)
		if !v.Episode.Ended() && staff(r).Role.ChangesPeople() {
			data.NextHref, data.NextText = paths.NextReview.URL(personID, episodeID), "Schedule a review"
			if v.NextID != "" {
				data.NextText = "Move the next review"
			}
		}
		return data, nil
	}
	st := reviews.Status(v.Review.DueOn, v.Today)
	data.DueStatus, data.DueClass = st.Label(), dueClass(st)
	if data.CanHold {
		data.NextHref, data.NextText = paths.NextReview.URL(personID, episodeID), "Move this review"
	}
	data.Title = "Hold the review"
	data.Methods, data.Reasons = codeItems(codelists.MethodOfAssessment), codeItems(codelists.ReviewReason)
	data.Outcomes = append([]web.Item{{Value: reviews.SuggestOutcome, Text: "Work it out from the ratings",
		Hint: "Fully met if every outcome is at the expected level or better; partially met if some progress was made; otherwise not met. Check it with the person."}},
		codeItems(codelists.ReviewOutcome)...)
	data.Form = holdForm{HeldOn: web.DateInputOf(v.Today.Time), Reason: codelists.ReviewReasonPlanned, Outcome: reviews.SuggestOutcome,
		Version: v.Review.Version, Levels: map[string]string{}, Views: map[string]string{}, Decisions: map[string]string{}, Notes: map[string]string{}}
	return data, nil
}

// fillForm builds each outcome's scale and each service's choices from the form as typed and its errors.
func (data *reviewData) fillForm() {
	data.Rate, data.Decide = nil, nil
	for _, o := range data.View.Outcomes {
		rv := rateView{ID: o.ID, Different: o.Different, Name: reviews.RatingField(o.ID), ViewName: "view-" + o.ID,
			Error: data.Errors.Get(reviews.RatingField(o.ID)), View: data.Form.Views[o.ID]}
		for _, l := range outcomes.Levels() {
			hint := levelText(o, l)
			if l == o.Baseline && o.Baseline != 0 {
				hint = strings.TrimSpace(hint + " (where they started)")
			}
			rv.Levels = append(rv.Levels, web.Item{Value: strconv.Itoa(int(l)), Text: levelSign(l) + ": " + l.Label(), Hint: hint,
				Checked: data.Form.Levels[o.ID] == strconv.Itoa(int(l))})
		}
		data.Rate = append(data.Rate, rv)
	}
	for _, s := range data.View.Services {
		dv := decideView{ID: s.ID, Name: serviceName(s), DecisionName: reviews.DecisionField(s.ID), NoteName: reviews.NoteField(s.ID),
			Error: data.Errors.Get(reviews.DecisionField(s.ID)), NoteError: data.Errors.Get(reviews.NoteField(s.ID)), Note: data.Form.Notes[s.ID]}
		dv.Detail = fmt.Sprintf("%s a week", pounds(s.WeeklyCostPence))
		if !s.End.IsZero() {
			dv.Detail += ", ends " + s.End.Format("2 January 2006")
		}
		for _, d := range reviews.ServiceDecisions() {
			dv.Choices = append(dv.Choices, web.Item{Value: string(d), Text: d.Label(), Checked: data.Form.Decisions[s.ID] == string(d)})
		}
		data.Decide = append(data.Decide, dv)
	}
}

func pounds(pence int64) string {
	return "£" + strconv.FormatInt(pence/100, 10) + "." + fmt.Sprintf("%02d", pence%100)
}

func (p *Pages) fillCompleted(data *reviewData) {
	rv := data.View.Review
	next := "None scheduled"
	switch {
	case !data.View.NextDue.IsZero():
		next = data.View.NextDue.Format("2 January 2006")
	case data.View.Finishes():
		next = "None: this review finished the support"
	}
	data.Rows = []web.SummaryRow{
		{Key: "Held on", Value: rv.HeldOn.Format("2 January 2006")},
		{Key: "Who took part", Value: rv.Method},
		{Key: "Reason", Value: rv.Reason},
		{Key: "Goal Attainment T-score", Value: rv.TScoreText() + " (50 means every outcome was met as expected)"},
		{Key: "Outcomes met", Value: rv.Outcome},
		{Key: "What the person said", Value: orText(rv.PersonView, "Nothing recorded")},
		{Key: "Next review", Value: next},
	}
	for _, o := range data.View.Outcomes {
		for _, r := range rv.Ratings {
			if r.OutcomeID == o.ID {
				data.Ratings = append(data.Ratings, ratedView{Different: o.Different, Level: levelSign(r.Level) + ": " + r.Level.Label(), PersonView: r.PersonView})
			}
		}
	}
	for _, s := range data.View.Services {
		for _, d := range rv.Decisions {
			if d.ServiceID == s.ID {
				data.Decisions = append(data.Decisions, decidedView{Name: serviceName(s), Decision: d.Decision.Label(), Note: d.Note})
			}
		}
	}
}

func orText(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

// fieldOrder puts the form's errors in the order of the page.
func fieldOrder(view reviews.View) []string {
	order := []string{"version", "held_on", "method", "reason"}
	for _, o := range view.Outcomes {
		order = append(order, reviews.RatingField(o.ID))
	}
	for _, s := range view.Services {
		order = append(order, reviews.DecisionField(s.ID), reviews.NoteField(s.ID))
	}
	return append(order, "person_view", "review_outcome", "outcomes")
}

// Review shows a review and holds it (GET and POST /people/{id}/episodes/{episode}/reviews/{review}): every outcome
// rated on its scale with the person's view, every running service stopped, continued or changed. A completed
// review shows its ratings, decisions, T-score and the next review date. A review someone else changed since the
// form was opened is not held: the form keeps the ratings as typed, with the review's version as saved now.
func (p *Pages) Review() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, reviewID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("review")
		data := &reviewData{}
		var held reviews.Held     // as typed
		var result reviews.Result // of holding it
		return web.Edit(p.tmpl, w, r, data, web.EditForm[reviews.Held]{
			Template: "reviews/review.html",
			Conflict: "Someone else changed this review while you were holding it. Check the ratings below, then complete the review again",
			// Load reads the review, a view of the record, for every page shown. A form shown again keeps what was
			// typed and what is wrong with it, in the order of the page, which depends on the episode's outcomes and
			// services; a review completed meanwhile is the GOV.UK conflict page.
			Load: func() (reviews.Held, error) {
				d, err := p.load(w, r)
				if err != nil {
					return reviews.Held{}, err
				}
				if r.Method == http.MethodPost {
					if d.View.Review.Completed() {
						return reviews.Held{}, web.Conflict
					}
					if data.Errors.Has("held_on") {
						// Check everything else too, so every mistake shows at once.
						held.On = d.View.Today
						web.AddProblems(&data.Errors, held.Validate(d.View.Today, d.View.Outcomes, d.View.ServicesToDecide()), nil)
					}
					d.Form = data.Form
				}
				d.Errors = data.Errors
				d.Errors.Sort(fieldOrder(d.View))
				*data = d
				data.fillForm()
				return reviews.Held{}, nil
			},
			Read: func(f url.Values, errs *web.Errors) reviews.Held {
				data.Form = readHoldForm(f)
				h, own := data.Form.held()
				*errs, held = own, h
				return h
			},
			Save: func(h reviews.Held) (reviews.Held, error) {
				res, err := p.store.Hold(web.Route(r), personID, episodeID, reviewID, h, data.Form.Version)
				if errors.Is(err, reviews.ErrCompleted) {
					return h, web.Conflict
				}
				result = res
				return h, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(reviews.Held, reviews.Held) []web.Difference {
				data.Form.Version, data.Conflict = data.View.Review.Version, true
				return nil
			},
			Done: func(reviews.Held) error {
				msg := fmt.Sprintf("Review completed. Goal Attainment T-score %.1f", result.TScore)
				if !result.NextDue.IsZero() {
					msg += ". The next review is due on " + result.NextDue.Format("2 January 2006")
				}
				if result.NewPlanID != "" {
					msg += ". A new draft of the plan is open for you to revise and agree with the person"
				}
				if result.Finished {
					msg += ". Every service has stopped and every outcome was met, so no further review is scheduled. End the episode below, or schedule a review if something is still to check"
				}
				web.SetFlash(r, msg)
				http.Redirect(w, r, paths.Review.URL(personID, episodeID, reviewID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// NeedsChangeValues are the ticked values of the "plan needs to change" checkbox.
func (f holdForm) NeedsChangeValues() []string {
	if f.PlanNeedsChange {
		return []string{"yes"}
	}
	return nil
}
