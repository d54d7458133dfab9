package frontdoorpage

import (
	"net/http"
	"net/url"
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
	web.ConflictPanel
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
		data := &checkInData{Page: web.NewPage(r, "Check in with "+cs.Person.FullName()), Case: cs, Priorities: priorityItems(), Cancel: paths.Waiting.URL(),
			Version: cs.Episode.Version, Priority: string(cs.Priority), Reason: cs.TriageReason}
		data.Back = data.Cancel
		// A check-in triages the contact again: someone else's check-in or triage since the form was opened is
		// refused on the contact's version, and the conflict compares the priority and its reason; their check-in
		// is among the earlier ones the page lists.
		return web.Edit(p.tmpl, w, r, data, web.EditForm[frontdoor.CheckInNote]{
			Template: "frontdoor/checkin.html",
			Order:    checkInOrder,
			Conflict: "Someone else checked in or triaged while you were working. Check what they recorded, then save again to keep yours",
			Heading:  "The priority they recorded",
			Load:     func() (frontdoor.CheckInNote, error) { return frontdoor.CheckInNote{Triage: triageOf(cs)}, nil },
			Latest: func() (frontdoor.CheckInNote, error) {
				fresh, err := p.store.Glance(web.Route(r), id, epID)
				data.Case, data.Version = fresh, fresh.Episode.Version
				return frontdoor.CheckInNote{Triage: triageOf(fresh)}, err
			},
			Fill: func(frontdoor.CheckInNote) { data.On = web.DateInputOf(web.Today(r).Time) },
			Read: func(f url.Values, errs *web.Errors) frontdoor.CheckInNote {
				data.On, data.HowThings, data.WhatChanged = web.DateInputFrom(f, "checked_in_on"), strings.TrimSpace(f.Get("how_things")), strings.TrimSpace(f.Get("what_changed"))
				data.Priority, data.Reason = f.Get("priority"), strings.TrimSpace(f.Get("triage_reason"))
				data.Version = web.FormVersion(f, "version")
				n := frontdoor.CheckInNote{HowThings: data.HowThings, WhatChanged: data.WhatChanged,
					Triage: frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}}
				n.On = web.ReadDate(errs, data.On, "checked_in_on", "Date of the check-in")
				if !errs.Has("checked_in_on") {
					web.AddProblems(errs, n.Validate(web.Today(r).Time), checkInOrder)
				} else {
					n.On = sqldb.NewDate(web.Today(r).Time)
					for _, pr := range n.Validate(web.Today(r).Time) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return n
			},
			Save: func(n frontdoor.CheckInNote) (frontdoor.CheckInNote, error) {
				_, err := p.store.CheckIn(web.Route(r), id, epID, n, data.Version)
				return n, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed frontdoor.CheckInNote) []web.Difference {
				return triageDifferences(theirs.Triage, typed.Triage)
			},
			Done: func(frontdoor.CheckInNote) error {
				web.SetFlash(r, "Check-in with "+cs.Person.FullName()+" recorded")
				http.Redirect(w, r, paths.Waiting.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
