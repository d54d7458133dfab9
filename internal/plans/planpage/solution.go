package planpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

// solutionForm is the solution form as typed. The reason is asked for under the ladder: it is needed only above
// information and advice, and kept only there. (No conditional reveal: GOV.UK Frontend's reveal puts
// aria-expanded on radios, which accessibility checkers refuse, and the form must work without JavaScript anyway.)
type solutionForm struct {
	Rung, Description, WhoWhen, Reason string
	OutcomeIDs                         []string
	Version                            int
}

// reasonField is the reason box under the ladder.
const reasonField = "lower_rungs_reason"

func readSolutionForm(f url.Values) solutionForm {
	v := web.FormVersion(f, "version")
	return solutionForm{Rung: f.Get("rung"), Description: f.Get("description"), WhoWhen: f.Get("who_when"),
		Reason: f.Get(reasonField), OutcomeIDs: f["outcome_ids"], Version: v}
}

func formOf(s plans.Solution) solutionForm {
	return solutionForm{Rung: s.Rung.String(), Description: s.Description, WhoWhen: s.WhoWhen, OutcomeIDs: s.OutcomeIDs,
		Version: s.Version, Reason: s.LowerRungsReason}
}

func (f solutionForm) solution() plans.Solution {
	rung, _ := plans.ParseRung(f.Rung)
	reason := f.Reason
	if !rung.NeedsLowerRungReason() {
		reason = ""
	}
	return plans.Solution{Rung: rung, Description: f.Description, WhoWhen: f.WhoWhen, LowerRungsReason: reason,
		OutcomeIDs: f.OutcomeIDs, Version: f.Version}
}

type solutionData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Form                            solutionForm
	Outcomes                        []web.Item
	Labels                          map[string]string // rung labels by code
}

func labels() map[string]string {
	m := map[string]string{}
	for _, r := range plans.AllRungs() {
		m[r.String()] = r.Label()
	}
	return m
}

// solutionOrder is the order of the form's fields, for the error summary.
func solutionOrder() []string {
	return []string{"version", "outcome_ids", "rung", reasonField, "description", "who_when"}
}

// Solution adds a solution to the ladder (at /solutions/new) or changes one. A solution above information and
// advice must say why the rungs below cannot meet the outcome, in the box under the ladder.
func (p *Pages) Solution() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, episode, solutionID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("solution")
		data := &solutionData{PersonID: id, EpisodeID: episode, Editing: solutionID != "", Labels: labels()}
		title := "Add a solution"
		if data.Editing {
			title = "Change a solution"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Solutions.URL(id, episode)
		var ladder plans.Ladder
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.Solution]{
			Template: "plans/solution.html",
			Order:    solutionOrder(),
			Conflict: "Someone else changed this solution while you were editing it. Check their version below, then save again to keep yours",
			Load: func() (plans.Solution, error) {
				l, err := p.store.Ladder(web.Route(r), id, episode)
				if err != nil {
					return plans.Solution{}, err
				}
				ladder = l
				data.PersonName = l.Person.FullName()
				data.Outcomes = nil
				for _, o := range l.Outcomes {
					hint := "SMART"
					if m := o.MissingText(); m != "" {
						hint = "Not SMART yet. Missing: " + m
					}
					data.Outcomes = append(data.Outcomes, web.Item{Value: o.ID, Text: "“" + o.Different + "”", Hint: hint})
				}
				if !data.Editing {
					return plans.Solution{}, nil
				}
				s, ok := l.Solution(solutionID)
				if !ok {
					return s, web.NotFound
				}
				return s, nil
			},
			Fill: func(s plans.Solution) {
				if data.Editing {
					data.Form = formOf(s)
				} else if len(ladder.Outcomes) == 1 {
					data.Form.OutcomeIDs = []string{ladder.Outcomes[0].ID}
				}
			},
			Read: func(form url.Values, errs *web.Errors) plans.Solution {
				data.Form = readSolutionForm(form)
				sol := data.Form.solution()
				sol.ID, sol.PersonID, sol.EpisodeID = solutionID, id, episode
				web.AddProblems(errs, sol.Validate(), solutionOrder())
				return sol
			},
			Save: func(sol plans.Solution) (plans.Solution, error) {
				if data.Editing {
					return sol, p.store.UpdateSolution(web.Route(r), sol)
				}
				_, err := p.store.AddSolution(web.Route(r), sol)
				return sol, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, sol plans.Solution) []web.Difference {
				words := func(ids []string) string {
					var out []string
					for _, o := range ladder.Outcomes {
						if slices.Contains(ids, o.ID) {
							out = append(out, o.Different)
						}
					}
					return strings.Join(out, "; ")
				}
				data.Form.Version = saved.Version
				return web.Differences(
					[3]string{"Outcomes it serves", words(saved.OutcomeIDs), words(sol.OutcomeIDs)},
					[3]string{"Rung", saved.Rung.Label(), sol.Rung.Label()},
					[3]string{"Why the rungs below cannot meet the outcome", saved.LowerRungsReason, strings.TrimSpace(sol.LowerRungsReason)},
					[3]string{"The solution", saved.Description, strings.TrimSpace(sol.Description)},
					[3]string{"Who will do what, and when", saved.WhoWhen, strings.TrimSpace(sol.WhoWhen)},
				)
			},
			Done: func(sol plans.Solution) error {
				web.SetFlash(r, "Solution saved on the ladder: "+sol.Rung.Label())
				http.Redirect(w, r, paths.Solutions.URL(id, episode), http.StatusSeeOther)
				return nil
			},
		})
	})
}
