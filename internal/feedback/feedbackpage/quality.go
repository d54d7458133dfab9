package feedbackpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type homeData struct {
	web.Page
	People, Staff feedback.Results
	Rounds        []feedback.Round
	Round         feedback.Round // the staff round shown, if any
	Surveys       []feedback.Survey
	RunsSurveys   bool
	From, To      sqldb.Date
}

// Home shows the feedback results (GET /quality/feedback): people's answers over the last twelve months and a staff
// round's (the newest, or ?round=ID), by team and for the council, any group under six withheld; and for the
// quality lead the surveys to change and a round to open. For those who read measures; it names no one.
func (p *Pages) Home() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		today := web.Today(r)
		data := homeData{Page: web.NewPage(r, "Feedback from people and staff"), RunsSurveys: web.Can(r, councils.Role.RunsAudits),
			From: sqldb.NewDate(today.AddDate(-1, 0, 1)), To: today}
		var err error
		if data.People, err = p.store.Results(web.Route(r), feedback.Filter{Audience: feedback.People, From: data.From, To: data.To}); err != nil {
			return err
		}
		if data.Rounds, err = p.store.Rounds(web.Route(r)); err != nil {
			return err
		}
		want := r.URL.Query().Get("round")
		for _, rd := range data.Rounds {
			if (want == "" && !rd.OpensOn.After(today.Time)) || rd.ID == want {
				data.Round = rd
				break
			}
		}
		if want != "" && data.Round.ID == "" {
			return fmt.Errorf("staff survey round %s: %w", want, sqldb.ErrNotFound)
		}
		if data.Round.ID != "" {
			if data.Staff, err = p.store.Results(web.Route(r), feedback.Filter{Audience: feedback.Staff, RoundID: data.Round.ID}); err != nil {
				return err
			}
		}
		if data.RunsSurveys {
			if data.Surveys, err = p.store.Surveys(web.Route(r)); err != nil {
				return err
			}
		}
		data.Back = paths.Quality.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "feedback/home.html", data)
	})
}

type surveyEditData struct {
	web.Page
	web.ConflictPanel
	Survey  feedback.Survey
	Name    string
	Version int
	Add     string
	AddKind string
	Kinds   []web.Item
}

// surveyEdit is a survey as its form changes it, with the version it was changed from.
type surveyEdit struct {
	feedback.Survey
	From int
}

// EditSurvey changes a survey's name and the wording of its questions, removes a question and adds one (GET and
// POST /quality/feedback/surveys/{survey}/edit): for the quality lead. A version that has answers keeps them, and the
// change becomes the survey's next version; someone else's change since the form was opened is shown beside this
// one rather than lost.
func (p *Pages) EditSurvey() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("survey")
		data := &surveyEditData{Page: web.NewPage(r, "Change the survey"), Kinds: []web.Item{
			{Value: string(feedback.Scale), Text: "Yes, mostly, partly or no"},
			{Value: string(feedback.Words), Text: "In their own words"}}}
		data.Back = paths.FeedbackHome.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[surveyEdit]{
			Template: "feedback/survey-edit.html",
			Order:    []string{"version", "name"},
			Conflict: "Someone else changed this survey while you were editing it. Check their version below, then save again to keep yours",
			Load: func() (surveyEdit, error) {
				sv, err := p.store.Survey(web.Route(r), id)
				if err != nil {
					return surveyEdit{}, err
				}
				if data.Survey.ID == "" {
					data.Survey = sv
				}
				return surveyEdit{Survey: sv, From: sv.Version}, nil
			},
			Fill: func(s surveyEdit) { data.Survey, data.Name, data.Version = s.Survey, s.Name, s.Version },
			Read: func(f url.Values, errs *web.Errors) surveyEdit {
				sv, err := p.store.Survey(web.Route(r), id)
				if err != nil {
					errs.Add("name", "This survey cannot be found")
					return surveyEdit{}
				}
				data.Name, data.Version = f.Get("name"), web.FormVersion(f, "version")
				sv.Name = strings.TrimSpace(data.Name)
				var kept []feedback.Question
				for _, q := range sv.Questions {
					q.Text = strings.TrimSpace(f.Get("question-" + q.Key))
					if f.Get("remove-"+q.Key) != "yes" {
						kept = append(kept, q)
					}
				}
				data.Add, data.AddKind = strings.TrimSpace(f.Get("add-text")), f.Get("add-kind")
				switch {
				case data.Add == "":
				case feedback.Kind(data.AddKind) != feedback.Scale && feedback.Kind(data.AddKind) != feedback.Words:
					errs.Add("add-kind", "Select how the question to add is answered")
				default:
					// A new key, so that no answers given before are read against it.
					kept = append(kept, feedback.Question{Key: "q" + strings.ReplaceAll(sqldb.NewID(), "-", "")[20:], Text: data.Add, Kind: feedback.Kind(data.AddKind)})
				}
				sv.Questions = kept
				data.Survey = sv
				web.AddProblems(errs, sv.Validate(), nil)
				return surveyEdit{Survey: sv, From: data.Version}
			},
			Save: func(s surveyEdit) (surveyEdit, error) {
				saved, err := p.store.ChangeSurvey(web.Route(r), s.Survey, s.From)
				return surveyEdit{Survey: saved, From: saved.Version}, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed surveyEdit) []web.Difference {
				data.Version = saved.Version
				rows := [][3]string{{"Name", saved.Name, typed.Name}}
				for _, q := range saved.Questions {
					yours := "(removed)"
					if tq, ok := typed.Question(q.Key); ok {
						yours = tq.Text
					}
					rows = append(rows, [3]string{"Question", q.Text, yours})
				}
				for _, q := range typed.Questions {
					if _, ok := saved.Question(q.Key); !ok {
						rows = append(rows, [3]string{"Question", "(not in their version)", q.Text})
					}
				}
				return web.Differences(rows...)
			},
			Done: func(s surveyEdit) error {
				web.SetFlash(r, fmt.Sprintf("%s saved as version %d", s.Name, s.Version))
				http.Redirect(w, r, paths.FeedbackHome.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}

type newRoundData struct {
	web.Page
	web.ConflictPanel
	Name     string
	ClosesOn web.DateInput
}

// NewRound opens a staff survey round from today, closing on the date given (GET and POST
// /quality/feedback/rounds/new): for the quality lead.
func (p *Pages) NewRound() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		data := &newRoundData{Page: web.NewPage(r, "Open a staff survey round")}
		data.Back = paths.FeedbackHome.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[feedback.NewRound]{
			Template: "feedback/new-round.html",
			Order:    []string{"name", "closes_on"},
			Load:     func() (feedback.NewRound, error) { return feedback.NewRound{}, nil },
			Read: func(f url.Values, errs *web.Errors) feedback.NewRound {
				data.Name, data.ClosesOn = f.Get("name"), web.DateInputFrom(f, "closes_on")
				n := feedback.NewRound{Name: data.Name, ClosesOn: web.ReadDate(errs, data.ClosesOn, "closes_on", "the date the round closes")}
				web.AddProblems(errs, n.Validate(web.Today(r)), nil)
				return n
			},
			Save: func(n feedback.NewRound) (feedback.NewRound, error) {
				_, err := p.store.OpenRound(web.Route(r), n)
				return n, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(n feedback.NewRound) error {
				web.SetFlash(r, strings.TrimSpace(n.Name)+" is open: staff answer it from Staff survey")
				http.Redirect(w, r, paths.FeedbackHome.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
