package supportplanpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
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
// error summary names each one and what it misses, and nothing is saved.
func (p *Pages) Agree() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodPost {
			data, err := p.loadAgree(w, r)
			if err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "supportplans/agree.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		personID, episodeID, planID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("plan")
		version := web.FormVersion(r.PostForm, "version")
		in := web.DateInputFrom(r.PostForm, "agreed_on")
		a := plans.Agreement{How: plans.AgreedHow(r.PostForm.Get("agreed_how")), With: strings.TrimSpace(r.PostForm.Get("agreed_with")),
			Comment: strings.TrimSpace(r.PostForm.Get("person_comment"))}
		var errs web.Errors
		if on, de := in.Parse("Date the plan was agreed"); de != nil {
			errs.AddDate("agreed_on", de)
		} else {
			a.On = sqldb.NewDate(on)
		}
		show := func(status int) error {
			data, err := p.loadAgree(w, r)
			if err != nil {
				return err
			}
			data.AgreedOn, data.How, data.With, data.Comment, data.Errors = in, string(a.How), a.With, a.Comment, errs
			if status == http.StatusConflict {
				data.Version = data.View.Plan.Version
			} else {
				data.Version = version
			}
			return p.tmpl.Render(w, r, status, "supportplans/agree.html", data)
		}
		if a.On.IsZero() {
			// Check the rest too, so every mistake shows at once.
			a.On = p.store.Today()
			for _, pr := range a.Validate(a.On) {
				errs.Add(pr.Field, pr.Message)
			}
			return show(http.StatusUnprocessableEntity)
		}
		_, err := p.store.Agree(web.Route(r), personID, episodeID, planID, a, version)
		if ps, ok := validation.AsProblems(err); ok {
			var ordered web.Errors
			for _, pr := range ps {
				if strings.HasPrefix(pr.Field, "outcome") {
					ordered.Add(pr.Field, pr.Message)
				}
			}
			for _, pr := range ps {
				ordered.Add(pr.Field, pr.Message)
			}
			errs = ordered
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			errs.Add("agreed_on", "Someone else changed this plan while you were agreeing it. Check what it says now, then agree it again")
			return show(http.StatusConflict)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Plan agreed. The first review is scheduled")
		http.Redirect(w, r, paths.SupportPlan.URL(personID, episodeID, planID), http.StatusSeeOther)
		return nil
	})
}
