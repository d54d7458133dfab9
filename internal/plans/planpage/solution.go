package planpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
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

func readSolutionForm(r *http.Request) solutionForm {
	f := r.PostForm
	v, _ := strconv.Atoi(f.Get("version"))
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
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Form                            solutionForm
	Outcomes                        []web.Item
	Labels                          map[string]string // rung labels by code
	Theirs                          []difference
}

// difference is one field someone else saved differently from what this user typed.
type difference struct{ Label, Theirs, Yours string }

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
	return func(w http.ResponseWriter, r *http.Request) error {
		id, episode, solutionID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("solution")
		if err := mayChange(r); err != nil {
			return err
		}
		data := solutionData{PersonID: id, EpisodeID: episode, Editing: solutionID != "", Labels: labels()}
		title := "Add a solution"
		if data.Editing {
			title = "Change a solution"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Solutions.URL(id, episode)
		ladder := func() (plans.Ladder, plans.Solution, error) {
			l, err := p.store.Ladder(route(r), id, episode)
			if err != nil {
				return l, plans.Solution{}, err
			}
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
				return l, plans.Solution{}, nil
			}
			s, ok := l.Solution(solutionID)
			if !ok {
				return l, s, web.NotFound
			}
			return l, s, nil
		}
		if r.Method != http.MethodPost {
			l, s, err := ladder()
			if err != nil {
				return err
			}
			if data.Editing {
				data.Form = formOf(s)
			} else if len(l.Outcomes) == 1 {
				data.Form.OutcomeIDs = []string{l.Outcomes[0].ID}
			}
			return p.tmpl.Render(w, r, http.StatusOK, "plans/solution.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readSolutionForm(r)
		sol := data.Form.solution()
		sol.ID, sol.PersonID, sol.EpisodeID = solutionID, id, episode
		show := func(status int, ps people.Problems) error {
			web.AddProblems(&data.Errors, ps, solutionOrder())
			if _, _, err := ladder(); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, status, "plans/solution.html", data)
		}
		if ps := sol.Validate(); len(ps) > 0 {
			return show(http.StatusUnprocessableEntity, ps)
		}
		var err error
		if data.Editing {
			err = p.store.UpdateSolution(route(r), sol)
		} else {
			_, err = p.store.AddSolution(route(r), sol)
		}
		if ps, ok := people.AsProblems(err); ok {
			return show(http.StatusUnprocessableEntity, ps)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			l, saved, err := ladder()
			if err != nil {
				return err
			}
			words := func(ids []string) string {
				var out []string
				for _, o := range l.Outcomes {
					if slices.Contains(ids, o.ID) {
						out = append(out, o.Different)
					}
				}
				return strings.Join(out, "; ")
			}
			for _, d := range [][3]string{
				{"Outcomes it serves", words(saved.OutcomeIDs), words(sol.OutcomeIDs)},
				{"Rung", saved.Rung.Label(), sol.Rung.Label()},
				{"Why the rungs below cannot meet the outcome", saved.LowerRungsReason, strings.TrimSpace(sol.LowerRungsReason)},
				{"The solution", saved.Description, strings.TrimSpace(sol.Description)},
				{"Who will do what, and when", saved.WhoWhen, strings.TrimSpace(sol.WhoWhen)},
			} {
				if d[1] != d[2] {
					data.Theirs = append(data.Theirs, difference{Label: d[0], Theirs: d[1], Yours: d[2]})
				}
			}
			data.Form.Version = saved.Version
			data.Errors.Add("version", "Someone else changed this solution while you were editing it. Check their version below, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "plans/solution.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Solution saved on the ladder: "+sol.Rung.Label())
		http.Redirect(w, r, paths.Solutions.URL(id, episode), http.StatusSeeOther)
		return nil
	}
}
