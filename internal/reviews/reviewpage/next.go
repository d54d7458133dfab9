package reviewpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type nextData struct {
	web.Page
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
		data := nextData{Page: web.NewPage(r, "Schedule the next review"), Cancel: paths.Reviews.URL(personID, episodeID), Reasons: codeItems(codelists.ReviewReason)}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			pl, err := p.store.Planning(web.Route(r), personID, episodeID)
			if err != nil {
				return err
			}
			data.fill(pl)
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
			return p.tmpl.Render(w, r, http.StatusOK, "reviews/next.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.DueOn, data.Reason, data.Why = web.DateInputFrom(f, "due_on"), f.Get("reason"), strings.TrimSpace(f.Get("why"))
		data.Version = web.FormVersion(f, "version")
		n := reviews.NextDue{Reason: data.Reason, Why: data.Why}
		if !data.DueOn.IsEmpty() {
			if t, de := data.DueOn.Parse("Date of the next review"); de != nil {
				data.Errors.AddDate("due_on", de)
			} else {
				n.On = sqldb.NewDate(t)
			}
		}
		// show renders the form again with what was typed; reading the planning back is a view of the record.
		show := func(status int, ps validation.Problems) error {
			pl, err := p.store.Planning(web.Route(r), personID, episodeID)
			if err != nil {
				return err
			}
			data.fill(pl)
			if status == http.StatusConflict {
				data.Version = pl.Scheduled.Version
			}
			web.AddProblems(&data.Errors, ps, nextOrder)
			return p.tmpl.Render(w, r, status, "reviews/next.html", data)
		}
		if data.Errors.Any() {
			n.On = sqldb.Date{}
			ps := n.Validate(sqldb.Date{}, reviews.Limit{})
			return show(http.StatusUnprocessableEntity, ps)
		}
		_, err := p.store.SetNext(web.Route(r), personID, episodeID, n, data.Version)
		if ps, ok := validation.AsProblems(err); ok {
			return show(http.StatusUnprocessableEntity, ps)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("version", "Someone else scheduled, moved or held this review while you were changing it. Check the date it is due now, then save again")
			return show(http.StatusConflict, nil)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "The next review is due on "+n.On.Format("2 January 2006"))
		http.Redirect(w, r, paths.Reviews.URL(personID, episodeID), http.StatusSeeOther)
		return nil
	})
}
