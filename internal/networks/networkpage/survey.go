package networkpage

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type surveyData struct {
	web.Page
	NetworkID, Network string
	Own                bool
	Survey             networks.Survey
	Rounds             []networks.CouncilRound
	Today              web.DateInput
	Name               string
	ClosesOn           web.DateInput
	Status             map[string]string
}

// showSurvey renders the survey page with status and errs: for GET, and for a round refused.
func (p *WorkPages) showSurvey(w http.ResponseWriter, r *http.Request, status int, data *surveyData) error {
	net := r.PathValue("network")
	ctx := web.Route(r)
	name, err := p.store.NetworkName(ctx, net)
	if err != nil {
		return err
	}
	data.Page.Title = "Staff survey"
	data.NetworkID, data.Network, data.Own = net, name, ownStaff(r, net)
	data.Back = paths.OurNetworks.URL()
	if data.Own {
		if data.Survey, err = p.store.Survey(ctx, net); err != nil {
			return err
		}
	}
	if data.Rounds, err = p.store.Rounds(ctx, net); err != nil {
		return err
	}
	data.Status = map[string]string{}
	for _, rd := range data.Rounds {
		data.Status[rd.ID] = rd.Status(web.Today(r))
	}
	return p.tmpl.Render(w, r, status, "networkwork/survey.html", data)
}

// Survey is the network's staff survey (GET /networks/{network}/survey). The network's own staff see its questions,
// change them and open rounds; a member council's staff see the rounds, answer those open, and, if they read
// measures, read their council's results.
func (p *WorkPages) Survey() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		return p.showSurvey(w, r, http.StatusOK, &surveyData{Page: web.NewPage(r, "Staff survey")})
	})
}

// OpenRound opens a round of the network's survey from today (POST /networks/{network}/survey/rounds): for the
// network's own staff. A round refused comes back on the survey page with the error summary (422).
func (p *WorkPages) OpenRound() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data := &surveyData{Page: web.NewPage(r, "Staff survey")}
		data.Name, data.ClosesOn = r.PostForm.Get("name"), web.DateInputFrom(r.PostForm, "closes_on")
		n := feedback.NewRound{Name: data.Name, ClosesOn: web.ReadDate(&data.Errors, data.ClosesOn, "closes_on", "the date the round closes")}
		if !data.Errors.Any() {
			rd, err := p.store.OpenRound(web.Route(r), net, n)
			if ps, ok := validation.AsProblems(err); ok {
				web.AddProblems(&data.Errors, ps, []string{"name", "closes_on"})
			} else if err != nil {
				return err
			} else {
				web.SetFlash(r, rd.Name+" is open: every member council’s staff can answer until "+web.DateText(rd.ClosesOn.Time))
				http.Redirect(w, r, paths.NetworkSurvey.URL(net), http.StatusSeeOther)
				return nil
			}
		}
		return p.showSurvey(w, r, http.StatusUnprocessableEntity, data)
	})
}

type questionsForm struct {
	web.Page
	web.ConflictPanel
	NetworkID  string
	Name       string
	Statements string // one a line
	Version    int
}

var questionsOrder = []string{"version", "name", "statements"}

// readQuestions reads statements typed one a line into questions, keeping the key of a statement whose words are
// unchanged, so that a later round's results line up with an earlier one's.
func readQuestions(text string, was []feedback.Question) []feedback.Question {
	var out []feedback.Question
	var taken []string
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		key := ""
		for _, q := range was {
			if q.Text == line && !slices.Contains(taken, q.Key) {
				key = q.Key
				break
			}
		}
		if key == "" {
			var keep []string
			for _, q := range was {
				keep = append(keep, q.Key)
			}
			key = networks.QuestionKey(line, append(keep, taken...))
		}
		taken = append(taken, key)
		out = append(out, feedback.Question{Key: key, Kind: feedback.Scale, Text: line})
	}
	return out
}

func statements(qs []feedback.Question) string {
	var lines []string
	for _, q := range qs {
		lines = append(lines, q.Text)
	}
	return strings.Join(lines, "\n")
}

// EditSurvey changes the network's survey (GET and POST /networks/{network}/survey/questions): its name and its
// statements, one a line, each answered yes, mostly, partly or no: for the network's own staff. Rounds already open
// keep their questions. A change saved by someone else since the form was opened is shown beside what was typed.
func (p *WorkPages) EditSurvey() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net := r.PathValue("network")
		data := &questionsForm{Page: web.NewPage(r, "Change the staff survey"), NetworkID: net}
		data.Back = paths.NetworkSurvey.URL(net)
		load := func() (networks.Survey, error) { return p.store.Survey(web.Route(r), net) }
		// The survey as it is is read before the form, whose statements keep their keys when unchanged.
		was, err := load()
		if err != nil {
			return err
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[networks.Survey]{
			Template: "networkwork/survey-form.html",
			Order:    questionsOrder,
			Conflict: "Someone else changed the survey while you were editing it. Check their changes, then save again",
			Load:     load,
			Fill: func(s networks.Survey) {
				data.Name, data.Statements, data.Version = s.Name, statements(s.Questions), s.Version
			},
			Read: func(f url.Values, errs *web.Errors) networks.Survey {
				data.Name, data.Statements, data.Version = f.Get("name"), f.Get("statements"), web.FormVersion(f, "version")
				s := networks.Survey{Name: strings.TrimSpace(data.Name), Questions: readQuestions(data.Statements, was.Questions), Version: data.Version}
				for _, pr := range s.Validate() {
					field := pr.Field
					if strings.HasPrefix(field, "question-") {
						field = "statements"
					}
					if field == "name" && len(s.Questions) == 0 && s.Name != "" {
						field = "statements"
					}
					if !errs.Has(field) {
						errs.Add(field, pr.Message)
					}
				}
				return s
			},
			Save:     func(s networks.Survey) (networks.Survey, error) { return p.store.ChangeSurvey(web.Route(r), net, s) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed networks.Survey) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Name", saved.Name, typed.Name},
					[3]string{"Statements", strings.ReplaceAll(statements(saved.Questions), "\n", "; "), strings.ReplaceAll(statements(typed.Questions), "\n", "; ")},
				)
			},
			Done: func(networks.Survey) error {
				web.SetFlash(r, "Staff survey changed: the next round asks these statements")
				http.Redirect(w, r, paths.NetworkSurvey.URL(net), http.StatusSeeOther)
				return nil
			},
		})
	})
}

type answerData struct {
	web.Page
	web.ConflictPanel
	NetworkID string
	Round     networks.CouncilRound
	Closed    bool
	Asked     asked
}

// asked is the questions of a round as the feedback pages' "feedback/_questions" part reads them.
type asked struct {
	Questions []feedback.Question
	Answers   map[string]string
	Options   []web.Item
}

func newAsked(qs []feedback.Question) asked {
	out := asked{Questions: qs, Answers: map[string]string{}}
	for _, o := range feedback.Options() {
		out.Options = append(out.Options, web.Item{Value: o.Value, Text: o.Label})
	}
	return out
}

// Answer is a round for a member council's member of staff to answer, once, anonymously (GET and POST
// /networks/{network}/survey/rounds/{round}/answer).
func (p *WorkPages) Answer() web.Handler {
	return web.Requires(networks.AnswersSurvey, func(w http.ResponseWriter, r *http.Request) error {
		net, id := r.PathValue("network"), r.PathValue("round")
		data := &answerData{NetworkID: net}
		load := func() error {
			var err error
			if data.Round, err = p.store.Round(web.Route(r), net, id); err == nil && data.Asked.Questions == nil {
				data.Asked = newAsked(data.Round.Questions)
			}
			return err
		}
		if err := load(); err != nil {
			return err
		}
		data.Page, data.Closed = web.NewPage(r, data.Round.Name), !data.Round.Open(web.Today(r))
		data.Back = paths.NetworkSurvey.URL(net)
		if r.Method != http.MethodPost && (data.Round.Answered || data.Closed) {
			return p.tmpl.Render(w, r, http.StatusOK, "networkwork/answer.html", data)
		}
		order := []string{"round"}
		for _, q := range data.Round.Questions {
			order = append(order, "answer-"+q.Key)
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[map[string]string]{
			Template: "networkwork/answer.html",
			Order:    order,
			Load:     func() (map[string]string, error) { return nil, load() },
			Read: func(f url.Values, errs *web.Errors) map[string]string {
				for _, q := range data.Round.Questions {
					data.Asked.Answers[q.Key] = strings.TrimSpace(f.Get("answer-" + q.Key))
				}
				res := feedback.Response{Answers: data.Asked.Answers}
				web.AddProblems(errs, res.Validate(feedback.Survey{Questions: data.Round.Questions}), order)
				return data.Asked.Answers
			},
			Save: func(a map[string]string) (map[string]string, error) {
				return a, p.store.AnswerRound(web.Route(r), net, id, a)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(map[string]string) error {
				web.SetFlash(r, "Thank you: your answers are kept in your council without your name")
				http.Redirect(w, r, paths.NetworkSurvey.URL(net), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// surveyBar is one group's bar in a question's chart: as long as the share who agreed, out of 100%.
type surveyBar struct {
	Label, Text string
	Y, Width    int
}

// chart is one question's chart: a bar for the network, then each council.
type chart struct {
	ID     string
	Title  string
	Height int
	Bars   []surveyBar
	Result networks.QuestionResult
}

// chartOf draws a question's results: each group's share agreeing (Yes or Mostly) as a bar out of 600, or no bar
// with the reason when the share is withheld.
func chartOf(i int, q networks.QuestionResult) chart {
	c := chart{ID: fmt.Sprintf("q%d", i+1), Title: q.Question.Text, Result: q}
	for j, g := range q.Groups() {
		b := surveyBar{Label: g.Label, Y: j * 44}
		pc, ok := g.AgreePercent, g.AgreeShown
		switch {
		case g.Withheld:
			b.Text = "withheld"
		case !ok:
			b.Text = "not shown"
		default:
			b.Width, b.Text = pc*6, fmt.Sprintf("%d%% agree", pc)
		}
		c.Bars = append(c.Bars, b)
	}
	c.Height = len(c.Bars)*44 + 4
	return c
}

type resultsData struct {
	web.Page
	NetworkID string
	Own       bool
	Results   networks.Results
	Charts    []chart
	Options   []feedback.Option
	Threshold int
	Status    string
}

// Results shows a round's results (GET /networks/{network}/survey/rounds/{round}): to the network's own staff, each
// member council's and the network's, made safe; to a member council's readers, their council's own. Each question
// is drawn as a chart of the share agreeing, with the counts in a table beside it.
func (p *WorkPages) Results() web.Handler {
	return web.Requires(signedIn, func(w http.ResponseWriter, r *http.Request) error {
		net, id := r.PathValue("network"), r.PathValue("round")
		res, err := p.store.RoundResults(web.Route(r), net, id)
		if err != nil {
			return err
		}
		data := resultsData{Page: web.NewPage(r, res.Round.Name+": results"), NetworkID: net, Own: ownStaff(r, net), Results: res,
			Options: feedback.Options(), Threshold: disclosure.Threshold, Status: res.Round.Status(web.Today(r))}
		data.Back = paths.NetworkSurvey.URL(net)
		for i, q := range res.Questions {
			c := chartOf(i, q)
			if !data.Own {
				c.Bars = c.Bars[1:]
				c.Height -= 44
				for j := range c.Bars {
					c.Bars[j].Y -= 44
				}
			}
			data.Charts = append(data.Charts, c)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "networkwork/results.html", data)
	})
}
