package supportplanpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type agreeData struct {
	planData
	Hows       []web.Item
	AgreedOn   web.DateInput
	How        string
	With       string
	Comment    string
	Version    int
	AgreeTitle string
}

func (p *Pages) loadAgree(w http.ResponseWriter, r *http.Request) (agreeData, error) {
	pd, err := p.load(w, r)
	if err != nil {
		return agreeData{}, err
	}
	if !pd.CanChange {
		if pd.View.Plan.Status != plans.PlanDraft {
			return agreeData{}, web.Conflict
		}
		return agreeData{}, web.Forbidden
	}
	pd.Title = "Agree the plan with " + pd.View.Person.FullName()
	d := agreeData{planData: pd, AgreedOn: web.DateInputOf(pd.View.Today.Time), Version: pd.View.Plan.Version}
	for _, h := range plans.AgreedHows() {
		d.Hows = append(d.Hows, web.Item{Value: string(h), Text: h.Label()})
	}
	return d, nil
}

// Agree records that the person agreed the draft plan: when, how, who was there and what they said (GET and POST
// /people/{id}/episodes/{episode}/plan/{plan}/agree). The plan cannot be agreed while an outcome is not SMART: the
// error summary names each one and what it misses, and nothing is saved. A plan someone else changed since the form
// was opened is not agreed: the page shows the plan as it is now, with what was typed, to agree again.
func (p *Pages) Agree() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, planID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("plan")
		var data agreeData
		return web.Edit(p.tmpl, w, r, &data, web.EditForm[plans.Agreement]{
			Template:      "supportplans/agree.html",
			Conflict:      "Someone else changed this plan while you were agreeing it. Check what it says now, then agree it again",
			ConflictField: "agreed_on",
			// The plan is read only to show the form, so that agreeing it logs the change and not a view as well;
			// what was typed, and its errors, are kept over it.
			Load: func() (plans.Agreement, error) {
				d, err := p.loadAgree(w, r)
				if err != nil {
					return plans.Agreement{}, err
				}
				if r.Method == http.MethodPost {
					d.AgreedOn, d.How, d.With, d.Comment, d.Version, d.Errors = data.AgreedOn, data.How, data.With, data.Comment, data.Version, data.Errors
				}
				data = d
				return plans.Agreement{}, nil
			},
			Read: func(f url.Values, errs *web.Errors) plans.Agreement {
				data.AgreedOn, data.Version = web.DateInputFrom(f, "agreed_on"), web.FormVersion(f, "version")
				a := plans.Agreement{How: plans.AgreedHow(f.Get("agreed_how")), With: strings.TrimSpace(f.Get("agreed_with")),
					Comment: strings.TrimSpace(f.Get("person_comment"))}
				data.How, data.With, data.Comment = string(a.How), a.With, a.Comment
				on, de := data.AgreedOn.Parse("Date the plan was agreed")
				if de != nil {
					errs.AddDate("agreed_on", de)
					// Check the rest too, as if agreed today, so every mistake shows at once.
					check := a
					check.On = web.Today(r)
					for _, pr := range check.Validate(check.On) {
						errs.Add(pr.Field, pr.Message)
					}
					return a
				}
				a.On = sqldb.NewDate(on)
				return a
			},
			Save: func(a plans.Agreement) (plans.Agreement, error) {
				_, err := p.store.Agree(web.Route(r), personID, episodeID, planID, a, data.Version)
				return a, err
			},
			// The outcomes that are not SMART come first in the summary: they are why the plan cannot be agreed.
			Problems: func(err error, errs *web.Errors) bool {
				ps, ok := validation.AsProblems(err)
				for _, pr := range ps {
					if strings.HasPrefix(pr.Field, "outcome") {
						errs.Add(pr.Field, pr.Message)
					}
				}
				for _, pr := range ps {
					errs.Add(pr.Field, pr.Message)
				}
				return ok
			},
			// The page shows the plan as saved now; the form takes its version, to agree it again.
			Compare: func(plans.Agreement, plans.Agreement) []web.Difference {
				data.Version = data.View.Plan.Version
				return nil
			},
			Done: func(plans.Agreement) error {
				web.SetFlash(r, "Plan agreed. The first review is scheduled")
				http.Redirect(w, r, paths.SupportPlan.URL(personID, episodeID, planID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
