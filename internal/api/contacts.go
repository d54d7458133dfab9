package api

import (
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Contact is a contact at the front door: who got in touch about the person, why, and what matters now. Recording
// one opens an episode of work.
type Contact struct {
	ID            string  `json:"id"`         // read-only
	EpisodeID     string  `json:"episode_id"` // read-only: the episode the contact opened
	ContactedOn   *string `json:"contacted_on"`
	RouteOfAccess string  `json:"route_of_access"` // CLD route of access
	Channel       string  `json:"channel"`         // codelists.ContactChannel: how it came in
	ContactBy     string  `json:"contact_by"`      // self, family, professional or other
	ContactName   string  `json:"contact_name"`
	Reason        string  `json:"reason"`
	WhatMatters   string  `json:"what_matters"`
	// Resolved, when sent with a new contact, ends the episode at once: most often with information and advice at
	// step 1. Write-only.
	Resolved *Ending `json:"resolved,omitempty"`
}

func contactOf(c conversations.Contact, episodeID string) Contact {
	return Contact{
		ID: c.ID, EpisodeID: episodeID, ContactedOn: dateOrNull(c.ContactedOn), RouteOfAccess: c.RouteOfAccess,
		Channel: c.Channel, ContactBy: string(c.ContactBy), ContactName: c.ContactName, Reason: c.Reason, WhatMatters: c.WhatMatters,
	}
}

// listContacts is GET /api/v1/people/{id}/contacts: each contact with the episode it opened, newest first.
func (a *API) listContacts(w http.ResponseWriter, r *http.Request) error {
	eps, err := a.thread.Conversations.Episodes(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(eps, func(e conversations.Episode) Contact { return contactOf(e.Contact, e.ID) }))
	return nil
}

// recordContact is POST /api/v1/people/{id}/contacts: it records the contact and opens an episode, which it sends
// back (with the contact in it) at the episode's address. With "resolved" the episode ends at once.
func (a *API) recordContact(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	return create(w, r, func(in Contact) (string, int, any, error) {
		var f fields
		c := conversations.Contact{
			PersonID: personID, ContactedOn: f.date("contacted_on", "Date of the contact", in.ContactedOn),
			RouteOfAccess: in.RouteOfAccess, Channel: in.Channel, ContactBy: conversations.ContactBy(strings.TrimSpace(in.ContactBy)),
			ContactName: in.ContactName, Reason: in.Reason, WhatMatters: in.WhatMatters,
		}
		c.Normalise()
		today := sqldb.TodayIn(r.Context()).Time
		rules := c.Validate(today)
		var end *conversations.Ending
		if in.Resolved != nil {
			var ef fields
			e := in.Resolved.ending(&ef)
			end = &e
			for _, p := range ef.problems {
				f.add("resolved."+p.Field, p.Message)
			}
			for _, p := range e.Validate(c.ContactedOn, today) {
				rules = append(rules, validation.Problem{Field: "resolved." + p.Field, Message: p.Message})
			}
		}
		if err := f.check(rules); err != nil {
			return "", 0, nil, err
		}
		_, ep, err := a.thread.Conversations.RecordContact(r.Context(), c, end)
		if err != nil {
			return "", 0, nil, renamed(err, func(field string) string {
				if end != nil && (field == "step" || field == "result" || field == "note" || field == "ended_on") {
					return "resolved." + field
				}
				return field
			})
		}
		return EpisodePath(personID, ep.ID), ep.Version, episodeOf(ep), nil
	})
}
