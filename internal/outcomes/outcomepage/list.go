package outcomepage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/web"
)

// outcomeView is one outcome as the list shows it.
type outcomeView struct {
	outcomes.Outcome
	Number             int
	Missing            string
	Aspiration         string
	Areas, Eligibility []string
}

type listData struct {
	web.Page
	PersonID, PersonName, EpisodeID string
	Aspirations                     []outcomes.Recorded
	Outcomes                        []outcomeView
	NotSMART                        int
	CanChange                       bool
}

// List shows an episode's aspirations and outcomes, each outcome tagged SMART or with what it still needs.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, episode := r.PathValue("id"), r.PathValue("episode")
		b, err := p.store.Board(web.Route(r), id, episode)
		if err != nil {
			return err
		}
		data := listData{
			Page: web.NewPage(r, "Aspirations and outcomes"), PersonID: id, PersonName: b.Person.FullName(), EpisodeID: episode,
			Aspirations: b.Aspirations, CanChange: web.Can(r, councils.Role.ChangesPeople),
		}
		data.Back = paths.Episode.URL(id, episode)
		eligibility := codelists.AdultOutcome
		if isCarer(b.Person) {
			eligibility = codelists.CarerOutcome
		}
		for i, o := range b.Outcomes {
			v := outcomeView{Outcome: o, Number: i + 1, Missing: o.MissingText()}
			if a, ok := b.Aspiration(o.AspirationID); ok {
				v.Aspiration = a.Words
			}
			for _, c := range o.WellbeingAreas {
				v.Areas = append(v.Areas, codelists.WellbeingArea.Label(c))
			}
			for _, c := range o.EligibilityOutcomes {
				v.Eligibility = append(v.Eligibility, eligibility.Label(c))
			}
			if v.Missing != "" {
				data.NotSMART++
			}
			data.Outcomes = append(data.Outcomes, v)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "outcomes/list.html", data)
	}
}

// BaselineText is where the person starts on the scale, as the list shows it.
func (v outcomeView) BaselineText() string {
	switch v.Baseline {
	case outcomes.Less:
		return v.Baseline.Label() + " (−1)"
	case outcomes.MuchLess:
		return v.Baseline.Label() + " (−2)"
	}
	return "Not set yet"
}
