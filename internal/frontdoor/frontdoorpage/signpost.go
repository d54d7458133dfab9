package frontdoorpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type signpostData struct {
	web.Page
	web.ConflictPanel
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
		data := &signpostData{Page: web.NewPage(r, sp.ServiceName), PersonID: id, EpisodeID: epID, Person: person, Signpost: sp, Version: sp.Version,
			Cancel: paths.Signposts.URL(id, epID), Result: string(sp.Result), Note: sp.ResultNote}
		for _, h := range frontdoor.HelpedResults() {
			data.Results = append(data.Results, web.Item{Value: string(h), Text: h.Label()})
		}
		data.Back = data.Cancel
		followUpOf := func(sp frontdoor.Signpost) frontdoor.FollowUp {
			return frontdoor.FollowUp{On: sp.FollowedUpOn, Result: sp.Result, Note: sp.ResultNote}
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[frontdoor.FollowUp]{
			Template: "frontdoor/signpost.html",
			Order:    followUpOrder,
			Conflict: "Someone else recorded a follow-up while you were working. Check what they found, then save again to keep yours",
			Heading:  "What they found",
			// Load is the signpost read above; Latest glances at it again after a refused save.
			Load: func() (frontdoor.FollowUp, error) { return followUpOf(sp), nil },
			Latest: func() (frontdoor.FollowUp, error) {
				_, fresh, err := p.store.SignpostGlance(web.Route(r), id, epID, spID)
				data.Signpost, data.Version = fresh, fresh.Version
				return followUpOf(fresh), err
			},
			Fill: func(frontdoor.FollowUp) {
				data.On = web.DateInputOf(web.Today(r).Time)
				if sp.FollowedUp() {
					data.On = web.DateInputOf(sp.FollowedUpOn.Time)
				}
			},
			Read: func(f url.Values, errs *web.Errors) frontdoor.FollowUp {
				data.On, data.Result, data.Note = web.DateInputFrom(f, "followed_up_on"), f.Get("result"), strings.TrimSpace(f.Get("result_note"))
				data.Version = web.FormVersion(f, "version")
				fu := frontdoor.FollowUp{Result: frontdoor.Helped(data.Result), Note: data.Note}
				fu.On = web.ReadDate(errs, data.On, "followed_up_on", "Date of the follow-up")
				for _, pr := range fu.Validate(sp.SignpostedOn, web.Today(r).Time) {
					if !errs.Has(pr.Field) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return fu
			},
			Save: func(fu frontdoor.FollowUp) (frontdoor.FollowUp, error) {
				return fu, p.store.RecordFollowUp(web.Route(r), id, epID, spID, fu, data.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed frontdoor.FollowUp) []web.Difference {
				return web.Differences(
					[3]string{"Date of the follow-up", web.DateText(theirs.On.Time), web.DateText(typed.On.Time)},
					[3]string{"Did it help?", theirs.Result.Label(), typed.Result.Label()},
					[3]string{"Why", theirs.Note, typed.Note},
				)
			},
			Done: func(fu frontdoor.FollowUp) error {
				web.SetFlash(r, "Follow-up recorded: "+strings.ToLower(fu.Result.Label()))
				http.Redirect(w, r, paths.Signposts.URL(id, epID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
