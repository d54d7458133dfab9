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

type episodeData struct {
	web.Page
	feedback.EpisodeFeedback
	PersonID  string
	CanChange bool
	CodeDays  int
}

// Episode shows an episode's feedback (GET /people/{id}/episodes/{episode}/feedback): the answers the person gave
// that are not anonymous, the codes given out, and the three ways to ask: with the person now, on a printed form,
// or by a link. Reading it is a view of the person's record, and logged.
func (p *Pages) Episode() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ef, err := p.store.Episode(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := episodeData{Page: web.NewPage(r, "Feedback from the person"), EpisodeFeedback: ef, PersonID: id,
			CanChange: web.Can(r, councils.Role.ChangesPeople), CodeDays: feedback.CodeDays}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "feedback/episode.html", data)
	})
}

type recordData struct {
	web.Page
	web.ConflictPanel
	Asked
	Person         string
	How            string
	Hows           []web.Item
	Anonymous      bool
	AnonymousItems []web.Item
	Due            bool
}

// Record records the person's answers with them, or from the printed form (GET and POST
// /people/{id}/episodes/{episode}/feedback/new). Recording is a change to their record, and logged.
func (p *Pages) Record() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, web.RequiresToChange(councils.Role.ChangesPeople,
		func(w http.ResponseWriter, r *http.Request) error {
			id, epID := r.PathValue("id"), r.PathValue("episode")
			data := &recordData{Page: web.NewPage(r, "Record the person’s feedback"), Hows: []web.Item{
				{Value: string(feedback.WithPractitioner), Text: "With me, now"},
				{Value: string(feedback.Paper), Text: "On the printed form", Hint: "Type in what they wrote"}}}
			data.Back = paths.EpisodeFeedback.URL(id, epID)
			var sv feedback.Survey
			return web.Edit(p.tmpl, w, r, data, web.EditForm[feedback.Response]{
				Template: "feedback/record.html",
				Load: func() (feedback.Response, error) {
					load := p.store.Episode
					if r.Method == http.MethodPost {
						load = p.store.EpisodeGlance // the change logs, or nothing was changed
					}
					ef, err := load(web.Route(r), id, epID)
					if err != nil {
						return feedback.Response{}, err
					}
					sv, data.Person, data.Due = ef.Survey, ef.Person.FullName(), ef.Due
					data.AnonymousItems = anonymousItems("They asked for their answers to be anonymous", data.Anonymous)
					if data.Questions == nil {
						data.Asked = newQuestions(sv)
					}
					return feedback.Response{}, nil
				},
				Read: func(f url.Values, errs *web.Errors) feedback.Response {
					ef, err := p.store.EpisodeGlance(web.Route(r), id, epID)
					if err != nil {
						errs.Add("how", "This episode cannot be found")
						return feedback.Response{}
					}
					sv = ef.Survey
					data.Asked = newQuestions(sv)
					data.How, data.Anonymous = f.Get("how"), f.Get("anonymous") == "yes"
					res := feedback.Response{SurveyID: sv.ID, How: feedback.How(data.How), Anonymous: data.Anonymous, Answers: data.read(f)}
					if data.How != string(feedback.WithPractitioner) && data.How != string(feedback.Paper) {
						errs.Add("how", "Select how the person gave their answers")
					}
					web.AddProblems(errs, res.Validate(sv), nil)
					return res
				},
				Order: order(feedback.DefaultPeopleSurvey(), "survey", "how"),
				Save: func(res feedback.Response) (feedback.Response, error) {
					return p.store.Record(web.Route(r), id, epID, res)
				},
				Problems: web.ProblemsIn(validation.AsProblems),
				Done: func(res feedback.Response) error {
					msg := "Feedback recorded"
					if res.Anonymous {
						msg = "Feedback recorded anonymously: it is counted in the results and not shown on this record"
					}
					web.SetFlash(r, msg)
					http.Redirect(w, r, paths.EpisodeFeedback.URL(id, epID), http.StatusSeeOther)
					return nil
				},
			})
		}))
}

type codeData struct {
	web.Page
	Person    string
	PersonID  string
	EpisodeID string
	Code      string // grouped for reading
	Link      string
	Survey    feedback.Survey
	Invite    feedback.Invitation
	Options   []feedback.Option
	Printing  bool
}

// Link makes a one-time code and shows the link to give the person (POST
// /people/{id}/episodes/{episode}/feedback/link). The code is shown once: only its hash is kept.
func (p *Pages) Link() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.invite(r, "A link for the person’s feedback")
		if err != nil {
			return p.notDue(w, r, err)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "feedback/link.html", data)
	})
}

// Paper makes a one-time code and prints the survey as a form to give the person, carrying the code and the link
// (POST /people/{id}/episodes/{episode}/feedback/form): a tagged PDF, or where nothing here can print, the form to
// print from the browser.
func (p *Pages) Paper() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.invite(r, "Tell us how it went")
		if err != nil {
			return p.notDue(w, r, err)
		}
		data.Printing = true
		data.Back = ""
		err = p.tmpl.RenderPDF(w, r, p.printer, "feedback/paper.html", data, "feedback-form.pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			data.Printing = false
			data.Back = paths.EpisodeFeedback.URL(data.PersonID, data.EpisodeID)
			return p.tmpl.Render(w, r, http.StatusOK, "feedback/paper.html", data)
		}
		return err
	})
}

func (p *Pages) invite(r *http.Request, title string) (*codeData, error) {
	id, epID := r.PathValue("id"), r.PathValue("episode")
	inv, sv, err := p.store.Invite(web.Route(r), id, epID)
	if err != nil {
		return nil, err
	}
	ef, err := p.store.EpisodeGlance(web.Route(r), id, epID)
	if err != nil {
		return nil, err
	}
	data := &codeData{Page: web.NewPage(r, title), Person: ef.Person.FullName(), PersonID: id, EpisodeID: epID, Code: feedback.GroupCode(inv.Code),
		Link: absolute(r, paths.AnswerFeedback.URL(inv.Code)), Survey: sv, Invite: inv, Options: feedback.Options()}
	data.Back = paths.EpisodeFeedback.URL(id, epID)
	return data, nil
}

// notDue answers a code asked for before the plan was agreed or a review held: the episode's page with the reason.
func (p *Pages) notDue(w http.ResponseWriter, r *http.Request, err error) error {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return err
	}
	id, epID := r.PathValue("id"), r.PathValue("episode")
	ef, gerr := p.store.EpisodeGlance(web.Route(r), id, epID)
	if gerr != nil {
		return gerr
	}
	data := episodeData{Page: web.NewPage(r, "Feedback from the person"), EpisodeFeedback: ef, PersonID: id, CanChange: true, CodeDays: feedback.CodeDays}
	web.AddProblems(&data.Errors, ps, nil)
	data.Back = paths.Episode.URL(id, epID)
	return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "feedback/episode.html", data)
}

// absolute is a path on this site as a full address, for a link given to the person.
func absolute(r *http.Request, path string) string {
	scheme := "https"
	if r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" {
		scheme = "http"
	}
	return scheme + "://" + r.Host + path
}
