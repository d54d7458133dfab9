package reviewpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type nextData struct {
	web.Page
	web.ConflictPanel
	Person   people.Person
	Planning reviews.Planning
	DueOn    web.DateInput
	Reason   string
	Why      string
	Version  int
	Reasons  []web.Item
	DueHint  string
	Moving   bool
	Ended    bool
	Cancel   string
}

var nextOrder = []string{"version", "due_on", "reason", "why"}

// fill sets what the page says from the planning: the title, whether it moves a review, and the date's hint.
func (data *nextData) fill(pl reviews.Planning) {
	data.Person, data.Planning, data.Moving, data.Ended = pl.Person, pl, pl.Scheduled.ID != "", pl.Episode.Ended()
	data.Title = "Schedule the next review"
	if data.Moving {
		data.Title = "Move the next review"
	}
	hint := "An annual review, or sooner when something changes. A plan must be reviewed at least every 12 months: set a date on or before " +
		pl.Limit.Latest.Format("2 January 2006") + "."
	if pl.Limit.Late {
		hint = "The review is overdue. Set a date on or before " + pl.Limit.Latest.Format("2 January 2006") + "."
	}
	if data.Moving {
		hint = "It is due on " + pl.Scheduled.DueOn.Format("2 January 2006") + ". " + hint
	}
	data.DueHint = hint
}

// Next schedules the episode's next review, or moves the one scheduled (GET and POST
// /people/{id}/episodes/{episode}/reviews/next): the date, from today to 12 months after the last review or the
// plan's agreement, the Client Level Data review reason, and why, in the practitioner's words. The caseload shows
// the new date at once. Opening the form is logged as a view of the person's record and saving it as a change.
func (p *Pages) Next() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		data := &nextData{Page: web.NewPage(r, "Schedule the next review"), Cancel: paths.Reviews.URL(personID, episodeID), Reasons: codeItems(codelists.ReviewReason)}
		data.Back = data.Cancel
		var pl reviews.Planning
		return web.Edit(p.tmpl, w, r, data, web.EditForm[reviews.NextDue]{
			Template: "reviews/next.html",
			Order:    nextOrder,
			Conflict: "Someone else scheduled, moved or held this review while you were changing it. Check the date it is due now, then save again",
			Heading:  "The review as it is scheduled now",
			// Load reads the planning, a view of the record, for every form shown.
			Load: func() (reviews.NextDue, error) {
				var err error
				if pl, err = p.store.Planning(web.Route(r), personID, episodeID); err != nil {
					return reviews.NextDue{}, err
				}
				data.fill(pl)
				return reviews.NextDue{On: pl.Scheduled.DueOn, Reason: pl.Scheduled.Reason, Why: pl.Scheduled.DueReason}, nil
			},
			Fill: func(reviews.NextDue) {
				data.Version, data.Reason, data.Why = pl.Scheduled.Version, pl.Scheduled.Reason, pl.Scheduled.DueReason
				due := pl.Scheduled.DueOn
				if due.IsZero() {
					due = pl.Suggested
				}
				if due.IsZero() || due.After(pl.Limit.Latest.Time) {
					due = pl.Limit.Latest
				}
				data.DueOn = web.DateInputOf(due.Time)
				if data.Reason == "" {
					data.Reason = codelists.ReviewReasonPlanned
				}
			},
			Read: func(f url.Values, errs *web.Errors) reviews.NextDue {
				data.DueOn, data.Reason, data.Why = web.DateInputFrom(f, "due_on"), f.Get("reason"), strings.TrimSpace(f.Get("why"))
				data.Version = web.FormVersion(f, "version")
				n := reviews.NextDue{Reason: data.Reason, Why: data.Why}
				if !data.DueOn.IsEmpty() {
					if t, de := data.DueOn.Parse("Date of the next review"); de != nil {
						errs.AddDate("due_on", de)
					} else {
						n.On = sqldb.NewDate(t)
					}
				}
				// A date that is not one is reported with the rest of what the form can check without the planning.
				if errs.Any() {
					checked := n
					checked.On = sqldb.Date{}
					web.AddProblems(errs, checked.Validate(sqldb.Date{}, reviews.Limit{}), nextOrder)
				}
				return n
			},
			Save: func(n reviews.NextDue) (reviews.NextDue, error) {
				_, err := p.store.SetNext(web.Route(r), personID, episodeID, n, data.Version)
				return n, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed reviews.NextDue) []web.Difference {
				data.Version = pl.Scheduled.Version
				return web.Differences(
					[3]string{"Date of the next review", web.DateText(theirs.On.Time), web.DateText(typed.On.Time)},
					[3]string{"Reason", codelists.ReviewReason.Label(theirs.Reason), codelists.ReviewReason.Label(typed.Reason)},
					[3]string{"Why", theirs.Why, typed.Why},
				)
			},
			Done: func(n reviews.NextDue) error {
				web.SetFlash(r, "The next review is due on "+n.On.Format("2 January 2006"))
				http.Redirect(w, r, paths.Reviews.URL(personID, episodeID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
