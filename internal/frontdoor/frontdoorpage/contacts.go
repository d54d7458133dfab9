package frontdoorpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type contactsData struct {
	web.Page
	Contacts []frontdoor.NewContact
}

// Contacts lists the contacts not yet triaged or resolved, newest first (GET /front-door).
func (p *Pages) Contacts() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		list, err := p.store.Contacts(r.Context())
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/contacts.html", contactsData{Page: web.NewPage(r, "New contacts"), Contacts: list})
	}
}

type waitingData struct {
	web.Page
	Waiting          []frontdoor.Waiter
	Team, Priority   string
	Teams, Priorites []web.Item
	Overdue          int
	OverdueText      string
}

// Waiting is the waiting list, by team and priority, longest wait first (GET /front-door/waiting).
func (p *Pages) Waiting() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		data := waitingData{Page: web.NewPage(r, "Waiting list"), Team: r.URL.Query().Get("team"), Priority: r.URL.Query().Get("priority")}
		teams, err := p.teams.Teams(r.Context())
		if err != nil {
			return err
		}
		data.Teams = []web.Item{{Value: "", Text: "All teams"}}
		known := false
		for _, t := range teams {
			data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name})
			known = known || t.ID == data.Team
		}
		if !known {
			data.Team = ""
		}
		data.Priorites = []web.Item{{Value: "", Text: "All priorities"}}
		for _, pr := range frontdoor.Priorities() {
			data.Priorites = append(data.Priorites, web.Item{Value: string(pr), Text: pr.Label()})
		}
		f := frontdoor.WaitingFilter{TeamID: data.Team}
		if pr, err := frontdoor.ParsePriority(data.Priority); err == nil {
			f.Priority = pr
		} else {
			data.Priority = ""
		}
		if data.Waiting, err = p.store.Waiting(r.Context(), f); err != nil {
			return err
		}
		for _, wt := range data.Waiting {
			if wt.CheckIn.Overdue {
				data.Overdue++
			}
		}
		switch data.Overdue {
		case 0:
		case 1:
			data.OverdueText = "1 person is overdue a check-in"
		default:
			data.OverdueText = strconv.Itoa(data.Overdue) + " people are overdue a check-in"
		}
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/waiting.html", data)
	}
}

type triageData struct {
	web.Page
	Case             frontdoor.Case
	PersonID         string
	Priority, Reason string
	Next             string
	Version          int
	Priorities       []web.Item
	Cancel           string
}

var triageOrder = []string{"version", "priority", "triage_reason", "next"}

// Triage is the first page from a new contact: how soon, why, and whether to resolve it now or add the person to
// the waiting list (GET and POST /people/{id}/episodes/{episode}/triage).
func (p *Pages) Triage() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		cs, err := p.caseFor(r, id, epID)
		if err != nil {
			return err
		}
		data := triageData{Page: web.NewPage(r, "Triage this contact"), Case: cs, PersonID: id, Priorities: priorityItems(), Cancel: paths.FrontDoor.URL(),
			Priority: string(cs.Priority), Reason: cs.TriageReason, Version: cs.Episode.Version}
		data.Back = paths.FrontDoor.URL()
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/triage.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Priority, data.Reason, data.Next = f.Get("priority"), strings.TrimSpace(f.Get("triage_reason")), f.Get("next")
		data.Version, _ = strconv.Atoi(f.Get("version"))
		t := frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}
		web.AddProblems(&data.Errors, t.Validate(), triageOrder)
		if data.Next != "resolve" && data.Next != "wait" {
			data.Errors.Add("next", "Select whether to resolve the contact now or add the person to the waiting list")
		}
		if data.Errors.Any() {
			data.Errors.Sort(triageOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/triage.html", data)
		}
		err = p.store.Triage(route(r), id, epID, t, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Case, data.Version = fresh, fresh.Episode.Version
			data.Errors.Add("version", "Someone else triaged this contact while you were working. Check their priority and reason, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/triage.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, triageOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/triage.html", data)
		}
		if err != nil {
			return err
		}
		if data.Next == "resolve" {
			http.Redirect(w, r, paths.Resolve.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		web.SetFlash(r, cs.Person.FullName()+" added to the waiting list, "+strings.ToLower(t.Priority.Label())+" priority")
		http.Redirect(w, r, paths.FrontDoor.URL(), http.StatusSeeOther)
		return nil
	}
}

type resolveData struct {
	web.Page
	Case         frontdoor.Case
	Result, Note string
	Signposting  SignpostsForm
	Version      int
	Results      []web.Item
	Cancel       string
}

// Resolve is the second page: the Client Level Data result that closes the contact, what advice was given, and
// signposts to community services found in the directory (GET and POST /people/{id}/episodes/{episode}/resolve).
func (p *Pages) Resolve() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		cs, err := p.caseFor(r, id, epID)
		if err != nil {
			return err
		}
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		data := resolveData{Page: web.NewPage(r, "Resolve this contact"), Case: cs, Version: cs.Episode.Version, Cancel: paths.Triage.URL(id, epID)}
		for _, v := range conversations.ResultsForStep1() {
			data.Results = append(data.Results, web.Item{Value: v, Text: resultLabel(v)})
		}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Result = codelists.EventOutcomeInformationAdvice
			if data.Signposting, err = p.signposting.Blank(r.Context()); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/resolve.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Result, data.Note = f.Get("result"), strings.TrimSpace(f.Get("note"))
		data.Version, _ = strconv.Atoi(f.Get("version"))
		sf, acted, err := p.signposting.Read(r, &data.Errors)
		if err != nil {
			return err
		}
		data.Signposting = sf
		order := append([]string{"version", "result", "note"}, sf.Order()...)
		if acted {
			return p.tmpl.Render(w, r, StatusOf(data.Errors), "frontdoor/resolve.html", data)
		}
		end := conversations.Ending{Step: conversations.Step1, Result: data.Result, Note: data.Note}
		web.AddProblems(&data.Errors, end.Validate(cs.Episode.OpenedOn, p.store.Today()), order)
		today := p.store.Today()
		sps := sf.Signposts(&data.Errors, sqldb.NewDate(today), today)
		if data.Errors.Any() {
			data.Errors.Sort(order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/resolve.html", data)
		}
		err = p.store.Resolve(route(r), id, epID, end, sps, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("version", "Someone else changed this contact while you were working. Check it on the contacts list, then try again")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/resolve.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			sf.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/resolve.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Contact about "+cs.Person.FullName()+" resolved: "+resultLabel(end.Result)+sf.Summary())
		http.Redirect(w, r, paths.FrontDoor.URL(), http.StatusSeeOther)
		return nil
	}
}

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
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
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
		data.Version, _ = strconv.Atoi(f.Get("version"))
		n := frontdoor.CheckInNote{HowThings: data.HowThings, WhatChanged: data.WhatChanged,
			Triage: frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}}
		n.On = readDate(&data.Errors, data.On, "checked_in_on", "Date of the check-in")
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
		_, err = p.store.CheckIn(route(r), id, epID, n, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Case, data.Version = fresh, fresh.Episode.Version
			data.Errors.Add("version", "Someone else checked in or triaged while you were working. Check what they recorded, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/checkin.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, checkInOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/checkin.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Check-in with "+cs.Person.FullName()+" recorded")
		http.Redirect(w, r, paths.Waiting.URL(), http.StatusSeeOther)
		return nil
	}
}
