package feedbackpage

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type answerData struct {
	web.Page
	web.ConflictPanel
	Asked
	Council        string
	Anonymous      bool
	AnonymousItems []web.Item
	Done           bool
}

// Answer is the page a person answers the survey on with their one-time code, with no sign-in (GET and POST
// /feedback/{code}). A code that is not known, used or expired gets one page that says so, whichever it is.
func (p *Pages) Answer() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		code := r.PathValue("code")
		data := &answerData{Page: web.NewPage(r, "Tell us how it went")}
		if r.Method == http.MethodGet && r.URL.Query().Get("done") == "yes" {
			data.Title, data.Done = "Thank you", true
			return p.tmpl.Render(w, r, http.StatusOK, "feedback/answer.html", data)
		}
		var sv feedback.Survey
		err := web.Edit(p.tmpl, w, r, data, web.EditForm[feedback.Response]{
			Template: "feedback/answer.html",
			Load: func() (feedback.Response, error) {
				var err error
				sv, data.Council, err = p.store.ByCode(r.Context(), code)
				if err != nil {
					return feedback.Response{}, err
				}
				if data.Questions == nil {
					data.Asked = newQuestions(sv)
				}
				data.AnonymousItems = anonymousItems("Yes, keep my name off my answers", data.Anonymous)
				return feedback.Response{}, nil
			},
			Read: func(f url.Values, errs *web.Errors) feedback.Response {
				var err error
				if sv, data.Council, err = p.store.ByCode(r.Context(), code); err != nil {
					return feedback.Response{}
				}
				data.Asked = newQuestions(sv)
				data.Anonymous = f.Get("anonymous") == "yes"
				res := feedback.Response{Anonymous: data.Anonymous, Answers: data.read(f)}
				web.AddProblems(errs, res.Validate(sv), nil)
				return res
			},
			Order: order(feedback.DefaultPeopleSurvey()),
			Save: func(res feedback.Response) (feedback.Response, error) {
				return res, p.store.AnswerByCode(web.Route(r), code, res)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(feedback.Response) error {
				http.Redirect(w, r, paths.AnswerFeedback.URL(code)+"?done=yes", http.StatusSeeOther)
				return nil
			},
		})
		if errors.Is(err, feedback.ErrCodeNotValid) {
			data.Title = "This link cannot be used"
			return p.tmpl.Render(w, r, http.StatusGone, "feedback/code-gone.html", data)
		}
		return err
	}
}

type roundsData struct {
	web.Page
	Open []feedback.Round
}

// StaffSurveys lists the staff survey rounds open now, and whether the member of staff has answered each (GET
// /staff-survey): for every member of staff but finance, whose role changes nothing.
func (p *Pages) StaffSurveys() web.Handler {
	return web.Requires(answersSurveys, func(w http.ResponseWriter, r *http.Request) error {
		rounds, err := p.store.Rounds(web.Route(r))
		if err != nil {
			return err
		}
		data := roundsData{Page: web.NewPage(r, "Staff survey")}
		for _, rd := range rounds {
			if rd.Open(web.Today(r)) {
				data.Open = append(data.Open, rd)
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "feedback/staff-surveys.html", data)
	})
}

// answersSurveys: every member of staff answers the staff survey but finance, whose role changes nothing.
func answersSurveys(r councils.Role) bool { return !r.ChangesNothing() }

type staffAnswerData struct {
	web.Page
	web.ConflictPanel
	Asked
	Round  feedback.Round
	Closed bool
}

// StaffSurvey is a staff survey round for a member of staff to answer, once, anonymously (GET and POST
// /staff-survey/{round}): for every member of staff but finance.
func (p *Pages) StaffSurvey() web.Handler {
	return web.Requires(answersSurveys, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("round")
		data := &staffAnswerData{}
		var sv feedback.Survey
		load := func() error {
			var err error
			data.Round, sv, err = p.store.Round(web.Route(r), id)
			if err == nil && data.Questions == nil {
				data.Asked = newQuestions(sv)
			}
			return err
		}
		if err := load(); err != nil {
			return err
		}
		data.Page, data.Closed = web.NewPage(r, sv.Name), !data.Round.Open(web.Today(r))
		data.Back = paths.StaffSurveys.URL()
		if r.Method != http.MethodPost && (data.Round.Answered || !data.Round.Open(web.Today(r))) {
			return p.tmpl.Render(w, r, http.StatusOK, "feedback/staff-survey.html", data)
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[feedback.Response]{
			Template: "feedback/staff-survey.html",
			Load:     func() (feedback.Response, error) { return feedback.Response{}, load() },
			Read: func(f url.Values, errs *web.Errors) feedback.Response {
				res := feedback.Response{Answers: data.read(f)}
				web.AddProblems(errs, res.Validate(sv), nil)
				return res
			},
			Order: order(feedback.DefaultStaffSurvey(), "round"),
			Save: func(res feedback.Response) (feedback.Response, error) {
				return res, p.store.AnswerRound(web.Route(r), id, res)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(feedback.Response) error {
				web.SetFlash(r, "Thank you: your answers are kept without your name")
				http.Redirect(w, r, paths.StaffSurveys.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
