package advocacypage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Referral shows a referral and records what became of it: the advocate allocated, when, and the outcome (GET and
// POST .../advocacy/referrals/{referral}).
func (p *Pages) Referral() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, refID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("referral")
		load := p.store.Referral
		if r.Method == http.MethodPost {
			load = p.store.ReferralGlance
		}
		person, ref, err := load(web.Route(r), id, epID, refID)
		if err != nil {
			return err
		}
		data := referralData{Page: web.NewPage(r, "Referral to "+ref.Provider), PersonID: id, EpisodeID: epID, Person: person, Referral: ref,
			Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		data.Form = referralForm{Advocate: ref.AdvocateName, Outcome: ref.Outcome, Version: ref.Version}
		if !ref.AllocatedOn.IsZero() {
			data.Form.AllocatedOn = web.DateInputOf(ref.AllocatedOn.Time)
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/referral_view.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form.Advocate, data.Form.Outcome, data.Form.AllocatedOn = f.Get("advocate_name"), f.Get("outcome"), web.DateInputFrom(f, "allocated_on")
		data.Form.Version = web.FormVersion(f, "version")
		allocated := web.ReadDate(&data.Errors, data.Form.AllocatedOn, "allocated_on", "Date an advocate was allocated")
		check := ref
		check.AllocatedOn, check.AdvocateName, check.Outcome = allocated, data.Form.Advocate, data.Form.Outcome
		check.Normalise()
		for _, pr := range check.Validate(p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral_view.html", data)
		}
		err = p.store.UpdateReferral(web.Route(r), id, epID, refID, allocated, data.Form.Advocate, data.Form.Outcome, data.Form.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			_, fresh, ferr := p.store.ReferralGlance(web.Route(r), id, epID, refID)
			if ferr != nil {
				return ferr
			}
			data.Referral, data.Form.Version = fresh, fresh.Version
			data.Errors.Add("version", "Someone else updated this referral while you were working. Check what they recorded, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral_view.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral_view.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referral updated")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
