package planpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

// rungView is one rung of the ladder with the solutions on it.
type rungView struct {
	Rung      plans.Rung
	Number    int
	Solutions []solutionView
}

// solutionView is one solution as the ladder shows it, with the outcomes it serves in words.
type solutionView struct {
	plans.Solution
	Serves []string
}

type ladderData struct {
	web.Page
	PersonID, PersonName, EpisodeID string
	Rungs                           []rungView
	Unserved                        []outcomes.Outcome
	HasOutcomes, CanChange          bool
	Count                           int
}

// Ladder shows the episode's solutions on the ladder, least intrusive rung first, so the shape of the plan is
// visible at a glance, and names any outcome that no solution serves yet.
func (p *Pages) Ladder() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, episode := r.PathValue("id"), r.PathValue("episode")
		l, err := p.store.Ladder(web.Route(r), id, episode)
		if err != nil {
			return err
		}
		data := ladderData{
			Page: web.NewPage(r, "Solutions"), PersonID: id, PersonName: l.Person.FullName(), EpisodeID: episode,
			HasOutcomes: len(l.Outcomes) > 0, CanChange: web.Can(r, councils.Role.ChangesPeople), Count: len(l.Solutions),
		}
		data.Back = paths.Episode.URL(id, episode)
		words := map[string]string{}
		served := map[string]bool{}
		for _, o := range l.Outcomes {
			words[o.ID] = o.Different
		}
		for i, rung := range plans.AllRungs() {
			rv := rungView{Rung: rung, Number: i + 1}
			for _, s := range l.On(rung) {
				sv := solutionView{Solution: s}
				for _, oid := range s.OutcomeIDs {
					sv.Serves = append(sv.Serves, words[oid])
					served[oid] = true
				}
				rv.Solutions = append(rv.Solutions, sv)
			}
			data.Rungs = append(data.Rungs, rv)
		}
		for _, o := range l.Outcomes {
			if !served[o.ID] {
				data.Unserved = append(data.Unserved, o)
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "plans/ladder.html", data)
	}
}
