package learningpage

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type mineData struct {
	web.Page
	Evaluate, Booked, Waiting, Done, Other []learning.Learner
	// Training is where the member of staff stands with each course required of them; Inducted that they have an
	// induction pathway to follow.
	Training []training
	Inducted bool
	StaffID  string
}

// training is one course required of the member of staff and where they stand with it.
type training struct {
	Course   learning.Course
	Standing learning.Standing
	Last     sqldb.Date
}

// Mine is the signed-in member of staff's own learning (GET /learning/mine): evaluations to give, sessions booked,
// sessions they wait for, and sessions completed.
func (p *Pages) Mine() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		all, err := p.store.MyLearning(web.Route(r))
		if err != nil {
			return err
		}
		me, _ := councils.StaffFrom(r.Context())
		data := mineData{Page: web.NewPage(r, "My learning"), StaffID: me.ID}
		mine, err := p.store.MyTraining(web.Route(r))
		if err != nil {
			return err
		}
		for _, row := range mine.Staff {
			for i, c := range mine.Courses {
				if row.Standings[i] != learning.NotRequired {
					data.Training = append(data.Training, training{Course: c, Standing: row.Standings[i], Last: row.Last[i]})
				}
			}
		}
		switch _, err := p.store.Pathway(web.Route(r), me.ID); {
		case err == nil:
			data.Inducted = true
		case !errors.Is(err, sqldb.ErrNotFound):
			return err
		}
		today := web.Today(r)
		for _, l := range all {
			switch {
			case l.Cancelled || l.Session.Cancelled:
				continue
			case l.ToEvaluate():
				data.Evaluate = append(data.Evaluate, l)
			case l.Completed != nil && *l.Completed:
				data.Done = append(data.Done, l)
			case l.Place == learning.Waiting && !l.Session.HeldOn.Before(today.Time):
				data.Waiting = append(data.Waiting, l)
			case l.Place == learning.Booked && !l.Session.HeldOn.Before(today.Time):
				data.Booked = append(data.Booked, l)
			default:
				data.Other = append(data.Other, l)
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "learning/mine.html", data)
	})
}

// rating is one learning outcome on the evaluation form.
type rating struct {
	N                     int
	Outcome               string
	BeforeName, AfterName string
	Before, After         string
}

type evaluationData struct {
	web.Page
	web.ConflictPanel
	L           learning.Learner
	Ratings     []rating
	Scale       []web.Item
	Differently string
	Version     int
}

func scale() []web.Item {
	labels := []string{"1: not at all confident", "2", "3", "4", "5: very confident"}
	out := make([]web.Item, len(labels))
	for i, l := range labels {
		out[i] = web.Item{Value: strconv.Itoa(i + 1), Text: l}
	}
	return out
}

// Evaluation is the learner's evaluation of a session they attended (GET and POST
// /learning/bookings/{booking}/evaluation): for each learning outcome, how confident they were before and are after,
// and what they will do differently. Only the learner sees and gives it; they may change it after, with the version.
func (p *Pages) Evaluation() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("booking")
		data := &evaluationData{Page: web.NewPage(r, "Evaluate the session"), Scale: scale()}
		data.Back = paths.MyLearning.URL()
		l, c, err := p.store.Booking(web.Route(r), id)
		if err != nil {
			return err
		}
		data.Title = "Evaluate " + c.Name
		order := []string{"version"}
		for i, o := range c.Outcomes {
			x := rating{N: i + 1, Outcome: o, BeforeName: learning.ConfidenceField(i, "before"), AfterName: learning.ConfidenceField(i, "after")}
			data.Ratings = append(data.Ratings, x)
			order = append(order, x.BeforeName, x.AfterName)
		}
		order = append(order, "differently")
		return web.Edit(p.tmpl, w, r, data, web.EditForm[learning.Evaluation]{
			Template: "learning/evaluation.html",
			Order:    order,
			Conflict: "You changed this evaluation in another window. Check what you saved there, then save again",
			Heading:  "What you saved before",
			Load: func() (learning.Evaluation, error) {
				if r.Method == http.MethodPost {
					if l, _, err = p.store.Booking(web.Route(r), id); err != nil {
						return learning.Evaluation{}, err
					}
				}
				data.L = l
				return learning.Evaluation{Confidence: l.Confidence, Differently: l.Differently, Version: l.Version}, nil
			},
			Fill: func(e learning.Evaluation) {
				for _, c := range e.Confidence {
					if c.Outcome < len(data.Ratings) {
						data.Ratings[c.Outcome].Before, data.Ratings[c.Outcome].After = strconv.Itoa(c.Before), strconv.Itoa(c.After)
					}
				}
				data.Differently, data.Version = e.Differently, e.Version
			},
			Read: func(f url.Values, errs *web.Errors) learning.Evaluation {
				e := learning.Evaluation{Differently: f.Get("differently"), Version: web.FormVersion(f, "version")}
				data.Differently, data.Version = e.Differently, e.Version
				for i := range data.Ratings {
					x := &data.Ratings[i]
					x.Before, x.After = f.Get(x.BeforeName), f.Get(x.AfterName)
					before, errB := strconv.Atoi(x.Before)
					after, errA := strconv.Atoi(x.After)
					if errB != nil {
						before = 0
					}
					if errA != nil {
						after = 0
					}
					e.Confidence = append(e.Confidence, learning.Confidence{Outcome: i, Before: before, After: after})
				}
				web.AddProblems(errs, e.Validate(len(data.Ratings)), order)
				return e
			},
			Save: func(e learning.Evaluation) (learning.Evaluation, error) {
				return e, p.store.Evaluate(web.Route(r), id, e)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed learning.Evaluation) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"What you will do differently", saved.Differently, strings.TrimSpace(typed.Differently)})
			},
			Done: func(learning.Evaluation) error {
				web.SetFlash(r, "Thank you: your evaluation is saved")
				http.Redirect(w, r, paths.MyLearning.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
