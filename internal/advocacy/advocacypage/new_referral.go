package advocacypage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

func typeItems() []web.Item {
	var out []web.Item
	for _, t := range []advocacy.AdvocateType{advocacy.CareActAdvocate, advocacy.IMCA} {
		out = append(out, web.Item{Value: string(t), Text: t.Label()})
	}
	return out
}

// NewReferral records a referral to an advocate, meeting the required action named by ?action= (GET and POST
// .../advocacy/referrals/new).
func (p *Pages) NewReferral() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := referralData{Page: web.NewPage(r, "Record a referral to an advocate"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Types: typeItems(), Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Form = referralForm{ReferredOn: web.DateInputOf(web.Today(r).Time), Action: r.URL.Query().Get("action")}
		} else {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			f := r.PostForm
			data.Form = referralForm{Type: f.Get("advocate_type"), Provider: f.Get("provider"), Advocate: f.Get("advocate_name"), Outcome: f.Get("outcome"),
				ReferredOn: web.DateInputFrom(f, "referred_on"), AllocatedOn: web.DateInputFrom(f, "allocated_on"), Action: f.Get("action")}
		}
		if data.Form.Action != "" {
			d, ok := findAction(ep, data.Form.Action)
			if !ok {
				if r.Method != http.MethodPost {
					return web.NotFound
				}
				data.Errors.Add("action", "This required action has already been met. Check the advocacy page before recording another referral")
				return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral.html", data)
			}
			data.Action = d
			data.Form.Type = string(advocacy.TypeFor(d.Kind))
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/referral.html", data)
		}
		ref := advocacy.Referral{PersonID: id, EpisodeID: epID, Type: advocacy.AdvocateType(data.Form.Type), Provider: data.Form.Provider,
			AdvocateName: data.Form.Advocate, Outcome: data.Form.Outcome, DutyKind: data.Action.Kind, DutySubject: data.Action.SubjectID}
		ref.ReferredOn = web.ReadDate(&data.Errors, data.Form.ReferredOn, "referred_on", "Date of the referral")
		ref.AllocatedOn = web.ReadDate(&data.Errors, data.Form.AllocatedOn, "allocated_on", "Date an advocate was allocated")
		ref.Normalise()
		for _, pr := range ref.Validate(web.Today(r)) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral.html", data)
		}
		got, err := p.store.Refer(web.Route(r), ref)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("action", "Someone else met this required action while you were working. Check the advocacy page before recording another referral")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referral to "+got.Provider+" recorded")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
