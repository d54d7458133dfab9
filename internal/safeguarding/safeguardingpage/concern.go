package safeguardingpage

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/web"
)

type concernData struct {
	web.Page
	View         safeguarding.View
	Rows         []web.SummaryRow
	DecisionRows []web.SummaryRow
	DueText      string
	DueClass     string
	DecideHref   string
	EnquiryHref  string
	AllegedHref  string // to record or correct who is alleged to have caused the harm
}

func concernRows(v safeguarding.View) []web.SummaryRow {
	c := v.Concern
	rows := []web.SummaryRow{
		{Key: "Raised by", Value: c.Raiser()},
		{Key: "Received", Value: when(c.ReceivedAt)},
		{Key: "What happened", Value: c.WhatHappened},
		{Key: "What was done at once to keep the person safe", Value: orText(c.Immediate, "Nothing recorded")},
		{Key: "Type of abuse or neglect", Value: strings.Join(c.Types, ", ")},
		{Key: "Where the risk is", Value: strings.Join(c.Locations, ", ")},
		{Key: "Who or what the risk is from", Value: strings.Join(c.Sources, ", ")},
	}
	if v.SeesAlleged {
		rows = append(rows, allegedRows(c.Alleged)...)
	}
	return rows
}

// allegedRows are the person alleged to have caused the harm, for staff in the safeguarding roles only.
func allegedRows(a safeguarding.Alleged) []web.SummaryRow {
	switch a.Someone {
	case safeguarding.No:
		return []web.SummaryRow{{Key: "Person alleged to have caused the harm", Value: "Nobody is alleged to have caused it"}}
	case safeguarding.Yes:
	default:
		return []web.SummaryRow{{Key: "Person alleged to have caused the harm", Value: "Not recorded"}}
	}
	return []web.SummaryRow{
		{Key: "Person alleged to have caused the harm", Value: orText(a.Name, "Name not known")},
		{Key: "Their relationship to the person", Value: a.Relationship},
		{Key: "In a position of trust", Value: a.Trust.Label()},
		{Key: "Themselves an adult at risk", Value: a.AtRisk.Label()},
	}
}

func answer(a safeguarding.Answer) string {
	switch a {
	case safeguarding.Yes:
		return "Yes"
	case safeguarding.No:
		return "No"
	}
	return "Not answered"
}

func decisionRows(c safeguarding.Concern) []web.SummaryRow {
	rows := []web.SummaryRow{}
	for i, cr := range []safeguarding.Criterion{c.Decision.Needs, c.Decision.Abuse, c.Decision.Unable} {
		rows = append(rows, web.SummaryRow{Key: safeguarding.Criteria[i].Question, Value: answer(cr.Met) + ". " + cr.Reason})
	}
	rows = append(rows, web.SummaryRow{Key: "Decision", Value: c.Result.Label()})
	switch c.Result {
	case safeguarding.Other:
		rows = append(rows, web.SummaryRow{Key: "Why the council will make an enquiry", Value: c.Decision.Reason})
	case safeguarding.None:
		rows = append(rows, web.SummaryRow{Key: "What will happen instead", Value: c.Decision.Reason})
	}
	inTime := "Yes"
	if c.DecidedAt.After(c.DecisionDueAt) {
		inTime = "No, it was due " + when(c.DecisionDueAt)
	}
	return append(rows, web.SummaryRow{Key: "Decided", Value: when(c.DecidedAt) + " by " + c.DecidedByName},
		web.SummaryRow{Key: "Decided in time", Value: inTime})
}

// Concern is one concern with its decision, or what is due (GET /people/{id}/safeguarding/{concern}).
func (p *Pages) Concern() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		v, err := p.store.Get(web.Route(r), personID, concernID)
		if err != nil {
			return err
		}
		d := concernData{Page: web.NewPage(r, "Safeguarding concern"), View: v, Rows: concernRows(v)}
		d.Back = paths.Concerns.URL(personID)
		if v.Relationship != safeguarding.RelationshipRole { // a lead enquirer sees this concern, not the person's list
			d.Back = paths.Person.URL(personID)
		}
		if v.Concern.Decided() {
			d.DecisionRows = decisionRows(v.Concern)
		} else {
			d.DueText, d.DueClass = dueTag(v.Concern.DecisionDueAt, v.Now)
			if staff(r).Role.ChangesPeople() {
				d.DecideHref = paths.ConcernDecision.URL(personID, concernID)
			}
		}
		if v.Enquiry != nil {
			d.EnquiryHref = paths.Enquiry.URL(personID, concernID)
		}
		if v.SeesAlleged && staff(r).Role.ChangesPeople() && (v.Enquiry == nil || !v.Enquiry.Closed()) {
			d.AllegedHref = paths.ConcernAlleged.URL(personID, concernID)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/concern.html", d)
	}
}
