package frontdoorpage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type signpostData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Signpost            frontdoor.Signpost
	On                  web.DateInput
	Result, Note        string
	Version             int
	Results             []web.Item
	Cancel              string
}

var followUpOrder = []string{"version", "followed_up_on", "result", "result_note"}

// Signpost shows a signpost and records its follow-up: whether it helped, and why
// (GET and POST .../signposts/{signpost}).
func (p *Pages) Signpost() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, spID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("signpost")
		load := p.store.Signpost
		if r.Method == http.MethodPost {
			load = p.store.SignpostGlance
		}
		person, sp, err := load(web.Route(r), id, epID, spID)
		if err != nil {
			return err
		}
		data := signpostData{Page: web.NewPage(r, sp.ServiceName), PersonID: id, EpisodeID: epID, Person: person, Signpost: sp, Version: sp.Version,
			Cancel: paths.Signposts.URL(id, epID), Result: string(sp.Result), Note: sp.ResultNote}
		for _, h := range frontdoor.HelpedResults() {
			data.Results = append(data.Results, web.Item{Value: string(h), Text: h.Label()})
		}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.On = web.DateInputOf(p.store.Today())
			if sp.FollowedUp() {
				data.On = web.DateInputOf(sp.FollowedUpOn.Time)
			}
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/signpost.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.On, data.Result, data.Note = web.DateInputFrom(f, "followed_up_on"), f.Get("result"), strings.TrimSpace(f.Get("result_note"))
		data.Version = web.FormVersion(f, "version")
		fu := frontdoor.FollowUp{Result: frontdoor.Helped(data.Result), Note: data.Note}
		fu.On = web.ReadDate(&data.Errors, data.On, "followed_up_on", "Date of the follow-up")
		for _, pr := range fu.Validate(sp.SignpostedOn, p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(followUpOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost.html", data)
		}
		err = p.store.RecordFollowUp(web.Route(r), id, epID, spID, fu, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			_, fresh, ferr := p.store.SignpostGlance(web.Route(r), id, epID, spID)
			if ferr != nil {
				return ferr
			}
			data.Signpost, data.Version = fresh, fresh.Version
			data.Errors.Add("version", "Someone else recorded a follow-up while you were working. Check what they found, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/signpost.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, followUpOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Follow-up recorded: "+strings.ToLower(fu.Result.Label()))
		http.Redirect(w, r, paths.Signposts.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
