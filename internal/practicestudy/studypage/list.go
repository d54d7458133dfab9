package studypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type studyRow struct {
	practicestudy.Study
	State      practicestudy.State
	KeepsDiary bool
}

type listData struct {
	web.Page
	Studies []studyRow
	Opens   bool
}

// List is the council's practice studies (GET /quality/studies): those of the signed-in member of staff's teams, or
// every one for the quality lead, each with its state and, for those who keep a diary in it, a link to their diary.
func (p *Pages) List() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		studies, err := p.store.Studies(web.Route(r))
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Practice studies"), Opens: web.Can(r, councils.Role.RunsAudits)}
		data.Back = paths.Quality.URL()
		today, st := web.Today(r), me(r.Context())
		for _, s := range studies {
			data.Studies = append(data.Studies, studyRow{Study: s, State: s.StateOn(today), KeepsDiary: practicestudy.KeepsDiary(st, s)})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "studies/list.html", data)
	})
}

type newData struct {
	web.Page
	web.ConflictPanel
	Name          string
	From, To      web.DateInput
	Teams         []web.Item
	TeamIDs       []string
	ManagersDiary string
	DiaryChoices  []web.Item
}

var newOrder = []string{"name", "starts_on", "ends_on", "teams", "managers_see_diaries"}

// New opens a practice study (GET and POST /quality/studies/new): for the quality lead. A name, the period, the
// teams, and whether team managers may read each practitioner's own diary, which by default they may not.
func (p *Pages) New() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		data := &newData{Page: web.NewPage(r, "Open a practice study"), ManagersDiary: "no",
			DiaryChoices: []web.Item{{Value: "no", Text: "No: managers see their teams’ results only"}, {Value: "yes", Text: "Yes: managers may read the diaries of their teams’ staff"}}}
		data.Back = paths.PracticeStudies.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicestudy.Study]{
			Template: "studies/new.html",
			Order:    newOrder,
			Load: func() (practicestudy.Study, error) {
				teams, err := p.teams.Teams(web.Route(r))
				data.Teams = nil
				for _, t := range teams {
					data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name})
				}
				return practicestudy.Study{}, err
			},
			Fill: func(practicestudy.Study) {
				today := web.Today(r)
				data.From, data.To = web.DateInputOf(today.Time), web.DateInputOf(today.AddDate(0, 0, 27))
			},
			Read: func(f url.Values, errs *web.Errors) practicestudy.Study {
				data.Name, data.TeamIDs, data.ManagersDiary = f.Get("name"), f["teams"], f.Get("managers_see_diaries")
				data.From, data.To = web.DateInputFrom(f, "starts_on"), web.DateInputFrom(f, "ends_on")
				s := practicestudy.Study{Name: data.Name, TeamIDs: data.TeamIDs, ManagersSeeDiaries: data.ManagersDiary == "yes",
					From: web.ReadDate(errs, data.From, "starts_on", "The date the study starts"),
					To:   web.ReadDate(errs, data.To, "ends_on", "The date the study ends")}
				ps := s.Validate()
				web.AddProblems(errs, dropDates(ps, errs), newOrder)
				return s
			},
			Save:     func(s practicestudy.Study) (practicestudy.Study, error) { return p.store.Open(web.Route(r), s) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(s practicestudy.Study) error {
				web.SetFlash(r, s.Name+" opened: its teams can now keep their diaries")
				http.Redirect(w, r, paths.PracticeStudy.URL(s.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// dropDates leaves out the record's problems with fields the form already has a problem with (a date that is not a
// real date is said once, as the form reads it).
func dropDates(ps validation.Problems, errs *web.Errors) validation.Problems {
	var out validation.Problems
	for _, x := range ps {
		if !errs.Has(x.Field) {
			out = append(out, x)
		}
	}
	return out
}
