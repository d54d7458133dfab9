package frontdoorpage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type checkInData struct {
	web.Page
	Case                   frontdoor.Case
	HowThings, WhatChanged string
	On                     web.DateInput
	Priority, Reason       string
	Version                int
	Priorities             []web.Item
	Cancel                 string
}

var checkInOrder = []string{"version", "checked_in_on", "how_things", "what_changed", "priority", "triage_reason"}

// CheckIn records a check-in with someone waiting: how things are, what has changed, and the priority again
// (GET and POST /people/{id}/episodes/{episode}/check-ins/new).
func (p *Pages) CheckIn() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		cs, err := p.caseFor(r, id, epID)
		if err != nil {
			return err
		}
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		data := checkInData{Page: web.NewPage(r, "Check in with "+cs.Person.FullName()), Case: cs, Priorities: priorityItems(), Cancel: paths.Waiting.URL(),
			Version: cs.Episode.Version, Priority: string(cs.Priority), Reason: cs.TriageReason}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.On = web.DateInputOf(p.store.Today())
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/checkin.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.On, data.HowThings, data.WhatChanged = web.DateInputFrom(f, "checked_in_on"), strings.TrimSpace(f.Get("how_things")), strings.TrimSpace(f.Get("what_changed"))
		data.Priority, data.Reason = f.Get("priority"), strings.TrimSpace(f.Get("triage_reason"))
		data.Version = web.FormVersion(f, "version")
		n := frontdoor.CheckInNote{HowThings: data.HowThings, WhatChanged: data.WhatChanged,
			Triage: frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}}
		n.On = web.ReadDate(&data.Errors, data.On, "checked_in_on", "Date of the check-in")
		if !data.Errors.Has("checked_in_on") {
			web.AddProblems(&data.Errors, n.Validate(p.store.Today()), checkInOrder)
		} else {
			n.On = sqldb.NewDate(p.store.Today())
			for _, pr := range n.Validate(p.store.Today()) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(checkInOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/checkin.html", data)
		}
		_, err = p.store.CheckIn(web.Route(r), id, epID, n, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(web.Route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Case, data.Version = fresh, fresh.Episode.Version
			data.Errors.Add("version", "Someone else checked in or triaged while you were working. Check what they recorded, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/checkin.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, checkInOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/checkin.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Check-in with "+cs.Person.FullName()+" recorded")
		http.Redirect(w, r, paths.Waiting.URL(), http.StatusSeeOther)
		return nil
	})
}
