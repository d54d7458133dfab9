package advocacypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
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
		data := &referralData{Page: web.NewPage(r, "Referral to "+ref.Provider), PersonID: id, EpisodeID: epID, Person: person, Referral: ref,
			Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		data.Form = referralForm{Advocate: ref.AdvocateName, Outcome: ref.Outcome, Version: ref.Version}
		if !ref.AllocatedOn.IsZero() {
			data.Form.AllocatedOn = web.DateInputOf(ref.AllocatedOn.Time)
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[advocacy.Referral]{
			Template: "advocacy/referral_view.html",
			Order:    referralOrder,
			Conflict: "Someone else updated this referral while you were working. Check what they recorded, then save again to keep yours",
			Heading:  "What they recorded",
			// Load is the referral read above, already in the form; Latest glances at it again after a refused save.
			Load: func() (advocacy.Referral, error) { return ref, nil },
			Latest: func() (advocacy.Referral, error) {
				_, fresh, err := p.store.ReferralGlance(web.Route(r), id, epID, refID)
				data.Referral, data.Form.Version = fresh, fresh.Version
				return fresh, err
			},
			Read: func(f url.Values, errs *web.Errors) advocacy.Referral {
				data.Form.Advocate, data.Form.Outcome, data.Form.AllocatedOn = f.Get("advocate_name"), f.Get("outcome"), web.DateInputFrom(f, "allocated_on")
				data.Form.Version = web.FormVersion(f, "version")
				check := ref
				check.AllocatedOn = web.ReadDate(errs, data.Form.AllocatedOn, "allocated_on", "Date an advocate was allocated")
				check.AdvocateName, check.Outcome, check.Version = data.Form.Advocate, data.Form.Outcome, data.Form.Version
				check.Normalise()
				for _, pr := range check.Validate(web.Today(r)) {
					if !errs.Has(pr.Field) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return check
			},
			// Save sends what was typed (Read's copy is tidied only to check it).
			Save: func(rf advocacy.Referral) (advocacy.Referral, error) {
				return rf, p.store.UpdateReferral(web.Route(r), id, epID, refID, rf.AllocatedOn, data.Form.Advocate, data.Form.Outcome, rf.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed advocacy.Referral) []web.Difference {
				return web.Differences(
					[3]string{"Date an advocate was allocated", web.DateText(theirs.AllocatedOn.Time), web.DateText(typed.AllocatedOn.Time)},
					[3]string{"Advocate", theirs.AdvocateName, typed.AdvocateName},
					[3]string{"Outcome", theirs.Outcome, typed.Outcome},
				)
			},
			Done: func(advocacy.Referral) error {
				web.SetFlash(r, "Referral updated")
				http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
