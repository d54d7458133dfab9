package conferencepage

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type referData struct {
	web.Page
	Person                              people.Person
	ReferredOn, ConsentOn, ConferenceOn web.DateInput
	Consent, Coordinator                string
	Invitees                            []row
	Cancel                              string
}

var referOrder = []string{"referred_on", "consent", "consent_on", "coordinator", "invitees", "conference_on"}

// Refer records a referral for a family group conference (GET and POST .../conferences/new).
func (p *Pages) Refer() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Episode
		if r.Method == http.MethodPost {
			load = func(ctx context.Context, personID, episodeID string) (conferences.Page, error) {
				return p.store.Glance(ctx, personID, episodeID, "")
			}
		}
		page, err := load(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := referData{Page: web.NewPage(r, "Refer for a family group conference"), Person: page.Person, Cancel: paths.Conferences.URL(id, epID)}
		data.Back = data.Cancel
		today := web.Today(r).Time
		if r.Method != http.MethodPost {
			data.ReferredOn, data.ConsentOn = web.DateInputOf(today), web.DateInputOf(today)
			data.Invitees = formRows(nil, "invitee_name", "Person %d: name", "invitee_relationship", "Relationship to the person")
			return p.tmpl.Render(w, r, http.StatusOK, "conferences/refer.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.ReferredOn, data.ConsentOn, data.ConferenceOn = web.DateInputFrom(f, "referred_on"), web.DateInputFrom(f, "consent_on"), web.DateInputFrom(f, "conference_on")
		data.Consent, data.Coordinator = f.Get("consent"), f.Get("coordinator")
		data.Invitees = formRows(r, "invitee_name", "Person %d: name", "invitee_relationship", "Relationship to the person")
		ref := conferences.Referral{Consent: data.Consent == "yes", Coordinator: data.Coordinator}
		for _, v := range data.Invitees {
			ref.Invitees = append(ref.Invitees, conferences.Invitee{Name: v.Cells[0].Value, Relationship: v.Cells[1].Value})
		}
		ref.ReferredOn = web.ReadDate(&data.Errors, data.ReferredOn, "referred_on", "Date of the referral")
		ref.ConsentOn = web.ReadDate(&data.Errors, data.ConsentOn, "consent_on", "Date the person agreed")
		ref.ConferenceOn = web.ReadDate(&data.Errors, data.ConferenceOn, "conference_on", "Date of the conference")
		ref.Normalise()
		for _, pr := range ref.Validate(today) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/refer.html", data)
		}
		c, err := p.store.Refer(web.Route(r), id, epID, ref)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/refer.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referred for a family group conference")
		http.Redirect(w, r, paths.Conference.URL(id, epID, c.ID), http.StatusSeeOther)
		return nil
	})
}
