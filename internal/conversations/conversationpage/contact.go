package conversationpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor/frontdoorpage"
	"github.com/golden-thread/goldenthread/internal/web"
)

// contactForm is the contact form as typed.
type contactForm struct {
	ContactedOn              web.DateInput
	RouteOfAccess, ContactBy string
	Channel                  string
	ContactName, Reason      string
	WhatMatters              string
	Next                     string // "open" or "resolve"
	Result, Note             string
}

type contactData struct {
	web.Page
	PersonID, PersonName string
	Form                 contactForm
	Signposting          frontdoorpage.SignpostsForm
	Routes, Bys, Results []web.Item
	Channels             []web.Item
}

var contactOrder = []string{"contacted_on", "channel", "contact_by", "contact_name", "route_of_access", "reason", "what_matters", "next", "result", "note"}

func itemsOf(values []string, label func(string) string) []web.Item {
	out := make([]web.Item, len(values))
	for i, v := range values {
		out[i] = web.Item{Value: v, Text: label(v)}
	}
	return out
}

// resultLabel is an event outcome as a worker at the front door reads it.
func resultLabel(v string) string {
	switch v {
	case codelists.EventOutcomeInformationAdvice:
		return "Information and advice, or signposted to universal or community services"
	case codelists.EventOutcomeOtherCouncilService:
		return "Referred to another council service"
	case codelists.EventOutcomeNHS:
		return "Referred to NHS services"
	case codelists.EventOutcomeReablement:
		return "Short-term support to maximise independence (reablement)"
	case codelists.EventOutcomeAssessment:
		return "Passed on for an assessment or review"
	case codelists.EventOutcomeSupportDeclined:
		return "Support declined"
	case codelists.EventOutcomeSelfFunded:
		return "Self-funding, or within the 12-week disregard"
	case codelists.EventOutcomeMovedLA:
		return "Moved to another council"
	}
	return codelists.EventOutcome.Label(v)
}

// NewContact is "Record a contact": who got in touch, why and what matters now, then either open an episode of work
// or resolve it there and then (Step 1, most often with information and advice), with signposts to community
// services found in the directory on the episode either way. One page, one submit (and, without JavaScript, one
// more page for each search of the directory).
func (p *Pages) NewContact() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		name, err := p.glance(r, id)
		if err != nil {
			return err
		}
		bys := make([]web.Item, 0, 4)
		for _, b := range conversations.ContactBys() {
			item := web.Item{Value: string(b), Text: b.Label()}
			if b == conversations.ByProfessional {
				item.Hint = "For example, a GP, the hospital, the police or housing"
			}
			bys = append(bys, item)
		}
		data := contactData{
			Page: web.NewPage(r, "Record a contact"), PersonID: id, PersonName: name, Bys: bys,
			Routes:   itemsOf(codelists.RouteOfAccess.Values(), func(v string) string { return v }),
			Channels: itemsOf(codelists.ContactChannels(), codelists.ContactChannel.Label),
			Results:  itemsOf(conversations.ResultsForStep1(), resultLabel),
		}
		data.Back = paths.Person.URL(id)
		if r.Method != http.MethodPost {
			// Most contacts resolved at once are information, advice or a signpost: the result that fits them is
			// chosen, and can be changed.
			data.Form.ContactedOn, data.Form.Result = web.DateInputOf(web.Today(r).Time), codelists.EventOutcomeInformationAdvice
			if data.Signposting, err = p.signposting.Blank(r.Context()); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/contact.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
		data.Form = contactForm{
			ContactedOn: web.DateInputFrom(f, "contacted_on"), RouteOfAccess: get("route_of_access"), ContactBy: get("contact_by"),
			Channel:     get("channel"),
			ContactName: get("contact_name"), Reason: get("reason"), WhatMatters: get("what_matters"), Next: get("next"),
			Result: get("result"), Note: get("note"),
		}
		sf, acted, err := p.signposting.Read(r, &data.Errors)
		if err != nil {
			return err
		}
		data.Signposting = sf
		order := append(slices.Clone(contactOrder), sf.Order()...)
		if acted {
			if data.Form.Result == "" && len(sf.Chosen) > 0 {
				data.Form.Result = codelists.EventOutcomeInformationAdvice
			}
			return p.tmpl.Render(w, r, frontdoorpage.StatusOf(data.Errors), "conversations/contact.html", data)
		}
		c := conversations.Contact{
			PersonID: id, RouteOfAccess: data.Form.RouteOfAccess, Channel: data.Form.Channel, ContactBy: conversations.ContactBy(data.Form.ContactBy),
			ContactName: data.Form.ContactName, Reason: data.Form.Reason, WhatMatters: data.Form.WhatMatters,
		}
		c.ContactedOn = web.ReadDate(&data.Errors, data.Form.ContactedOn, "contacted_on", "Date of the contact")
		var end *conversations.Ending
		switch data.Form.Next {
		case "open":
		case "resolve":
			end = &conversations.Ending{Step: conversations.Step1, Result: data.Form.Result, Note: data.Form.Note}
		default:
			data.Errors.Add("next", "Select what happens next")
		}
		sps := sf.Signposts(&data.Errors, c.ContactedOn, web.Today(r).Time)
		// Show every mistake at once.
		c.Normalise()
		ps := c.Validate(web.Today(r).Time)
		if end != nil {
			ps = append(ps, end.Validate(c.ContactedOn, web.Today(r).Time)...)
		}
		web.AddProblems(&data.Errors, ps, order)
		if data.Errors.Any() {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conversations/contact.html", data)
		}
		_, ep, err := p.contacts.RecordContact(web.Route(r), c, end, sps)
		if ps, ok := validation.AsProblems(err); ok {
			sf.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conversations/contact.html", data)
		}
		if err != nil {
			return err
		}
		if end != nil {
			web.SetFlash(r, "Contact recorded and resolved: "+resultLabel(end.Result)+sf.Summary())
			http.Redirect(w, r, paths.Person.URL(id)+"#episodes", http.StatusSeeOther)
			return nil
		}
		web.SetFlash(r, "Contact recorded and episode of work opened"+sf.Summary())
		http.Redirect(w, r, paths.Episode.URL(id, ep.ID), http.StatusSeeOther)
		return nil
	})
}
