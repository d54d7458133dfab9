package studypage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/web"
)

// teamResult is a team's diary results as the page shows them: a team's own counts as recorded, the whole study's
// made safe (disclosure.Safe), and the shares only where enough staff kept a diary that they are not one person's.
type teamResult struct {
	Name       string
	Days       string
	Diarists   string
	Recorded   string
	WithPeople string
	Shares     []practicestudy.Share
	Shown      bool
}

func resultOf(t practicestudy.TeamTime, safe bool) teamResult {
	shares, shown := t.Shares()
	out := teamResult{Name: t.TeamName, Shares: shares, Shown: shown && t.Total() > 0, Recorded: practicestudy.Duration(t.Total())}
	if safe {
		out.Days, out.Diarists = disclosure.Safe(t.Days).String(), disclosure.Safe(t.Diarists).String()
	} else {
		out.Days, out.Diarists = itoa(t.Days), itoa(t.Diarists)
	}
	if out.Shown {
		out.WithPeople = itoa(t.WithPeoplePercent()) + "%"
	}
	return out
}

type studyData struct {
	web.Page
	Study       practicestudy.Study
	State       practicestudy.State
	Teams       []teamResult
	All         teamResult
	Kinds       []practicestudy.Activity
	Reflections []practicestudy.Reflection
	Engagements []practicestudy.Engagement
	Themes      []practicestudy.ThemeCount
	Insight     *practicestudy.Insight
	Case        practicestudy.Case
	Diarists    []practicestudy.Diarist
	KeepsDiary  bool
	Records     bool
	WritesCase  bool
	MinDiarists int
	Headings    []practicestudy.Heading
}

// Study is a study's page (GET /quality/studies/{study}): its state and teams; the day in the life by team (the share
// of time with people, and what takes the rest); the reflective sessions; what people with lived experience said,
// with their themes counted; practice insight from the record for the same teams and period (for the quality lead
// and team managers); and the case for change so far.
func (p *Pages) Study() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		res, err := p.store.Results(web.Route(r), r.PathValue("study"))
		if err != nil {
			return err
		}
		s, st := res.Study, me(r.Context())
		data := studyData{Page: web.NewPage(r, s.Name), Study: s, State: s.StateOn(web.Today(r)), Kinds: practicestudy.Activities(),
			KeepsDiary: practicestudy.KeepsDiary(st, s), Records: practicestudy.Records(st, s) && s.AgreedAt.IsZero(),
			WritesCase: st.Role.RunsAudits(), MinDiarists: practicestudy.MinDiarists, Headings: practicestudy.Headings(),
			Reflections: res.Reflections, Engagements: res.Engagements, Themes: practicestudy.CountThemes(res.Engagements),
			Insight: res.Insight, Case: res.Case, Diarists: res.Diarists}
		data.Back = paths.PracticeStudies.URL()
		for _, t := range res.Teams {
			data.Teams = append(data.Teams, resultOf(t, false))
		}
		data.All = resultOf(practicestudy.Combined(res.Teams), true)
		return p.tmpl.Render(w, r, http.StatusOK, "studies/study.html", data)
	})
}
