package riskpage

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Edit changes a saved risk (GET and POST .../risks/{risk}/edit). A risk someone else changed since the form was
// opened is not saved: the page (409) shows what they saved and keeps what was typed, to save again.
func (p *Pages) Edit() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, riskID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("risk")
		load := p.store.Risk
		if r.Method == http.MethodPost {
			load = p.store.RiskGlance
		}
		page, was, err := load(web.Route(r), id, epID, riskID)
		if err != nil {
			return err
		}
		if was.Closed() {
			web.SetFlash(r, "This risk was closed at its review and cannot be changed")
			http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
			return nil
		}
		data := newForm(r, "Change the risk", page, paths.Risk.URL(id, epID, riskID))
		data.Submit = "Save changes"
		return web.Edit(p.tmpl, w, r, &data, web.EditForm[risks.Risk]{
			Template: "risks/edit.html",
			Order:    order,
			Conflict: "Someone else changed this risk while you were working. Check what they saved, then save again to keep your changes",
			Heading:  "What they saved",
			// Load is the risk read above: with a view logged for the form, glanced at for a post. A save refused on
			// the version shows it, as it was saved when the post came.
			Load: func() (risks.Risk, error) { return was, nil },
			Fill: data.fill,
			Read: func(f url.Values, _ *web.Errors) risks.Risk {
				rk := data.read(f, id, epID)
				rk.ID, rk.Version = riskID, data.Version
				data.check(rk.Validate(web.Today(r).Time, was.ReviewOn))
				return rk
			},
			Save:     func(rk risks.Risk) (risks.Risk, error) { return rk, p.store.Update(web.Route(r), rk) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed risks.Risk) []web.Difference {
				data.Version = theirs.Version
				return differences(page, theirs, typed)
			},
			Done: func(risks.Risk) error {
				web.SetFlash(r, "Risk changed")
				http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// differences lists where the risk as saved differs from what was typed, as its page shows them.
func differences(page risks.Page, theirs, typed risks.Risk) []web.Difference {
	quoted := func(s string) string {
		if s == "" {
			return ""
		}
		return "“" + s + "”"
	}
	mitigations := func(rk risks.Risk) string {
		var out []string
		for _, m := range rk.Mitigations {
			if m.What != "" || m.Who != "" {
				out = append(out, m.What+" — "+m.Who)
			}
		}
		return strings.Join(out, "; ")
	}
	decision := func(rk risks.Risk) string {
		s := rk.Decision.Summary()
		if rk.Decision.Note != "" {
			s += ". " + rk.Decision.Note
		}
		return s
	}
	chosen := func(choices []risks.Choice, ids []string) string {
		var out []string
		for _, c := range choices {
			if slices.Contains(ids, c.ID) {
				out = append(out, c.Text)
			}
		}
		return strings.Join(out, "; ")
	}
	return web.Differences(
		[3]string{"The risk", theirs.What, typed.What},
		[3]string{"The person’s view", quoted(theirs.PersonView), quoted(typed.PersonView)},
		[3]string{"What matters to them about it", quoted(theirs.WhatMatters), quoted(typed.WhatMatters)},
		[3]string{"What could go wrong", theirs.CouldGoWrong, typed.CouldGoWrong},
		[3]string{"How likely", theirs.Likelihood.Label(), typed.Likelihood.Label()},
		[3]string{"How serious", theirs.Severity.Label(), typed.Severity.Label()},
		[3]string{"Agreed ways to reduce it", mitigations(theirs), mitigations(typed)},
		[3]string{"Positive risk-taking decision", decision(theirs), decision(typed)},
		[3]string{"Review by", web.DateText(theirs.ReviewOn.Time), web.DateText(typed.ReviewOn.Time)},
		[3]string{"Outcomes it affects", chosen(page.Outcomes, theirs.OutcomeIDs), chosen(page.Outcomes, typed.OutcomeIDs)},
		[3]string{"Solutions it affects", chosen(page.Solutions, theirs.SolutionIDs), chosen(page.Solutions, typed.SolutionIDs)},
	)
}
