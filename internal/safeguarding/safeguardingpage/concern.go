package safeguardingpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listRow struct {
	Href, Received, Types, Status, StatusClass, Raiser string
}

// List is a person's safeguarding record (GET /people/{id}/safeguarding): every concern, newest first, with what
// became of it.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID := r.PathValue("id")
		pc, err := p.store.Person(route(r), personID)
		if err != nil {
			return err
		}
		d := struct {
			web.Page
			Person  people.Person
			Rows    []listRow
			NewHref string
		}{Page: web.NewPage(r, "Safeguarding"), Person: pc.Person, NewHref: paths.NewConcern.URL(personID)}
		d.Back = paths.Person.URL(personID)
		for _, c := range pc.Concerns {
			row := listRow{Href: paths.Concern.URL(personID, c.ID), Received: when(c.ReceivedAt), Types: strings.Join(c.Types, ", "), Raiser: c.Raiser()}
			e, hasEnquiry := pc.Enquiry[c.ID]
			switch {
			case !c.Decided():
				row.Status, row.StatusClass = dueTag(c.DecisionDueAt, pc.Now)
				row.Status = "Decision " + strings.ToLower(row.Status[:1]) + row.Status[1:]
			case hasEnquiry && !e.Closed():
				row.Status, row.StatusClass = e.Kind.Label()+" open", "govuk-tag--blue"
			case hasEnquiry:
				row.Status, row.StatusClass = e.Kind.Label()+" closed", "govuk-tag--grey"
			default:
				row.Status, row.StatusClass = c.Result.Label(), "govuk-tag--grey"
			}
			d.Rows = append(d.Rows, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/list.html", d)
	}
}

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
		v, err := p.store.Get(route(r), personID, concernID)
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

type decisionForm struct {
	Needs, Abuse, Unable                   string
	NeedsReason, AbuseReason, UnableReason string
	Choice, Reason, Lead                   string
	Version                                int
}

type criterionView struct {
	Name, ReasonName, Question, Hint, Reason, Error, ReasonError string
	Items                                                        []web.Item
}

type decisionData struct {
	web.Page
	View     safeguarding.View
	Rows     []web.SummaryRow
	Action   string
	Form     decisionForm
	Criteria []criterionView
	Choices  []web.Item
	Leads    []web.Item
	Conflict bool
}

var decisionOrder = []string{"version", "needs", "needs_reason", "abuse", "abuse_reason", "unable", "unable_reason", "choice", "reason", "lead"}

func readDecision(v url.Values) decisionForm {
	version, _ := strconv.Atoi(v.Get("version"))
	return decisionForm{Needs: v.Get("needs"), Abuse: v.Get("abuse"), Unable: v.Get("unable"), NeedsReason: v.Get("needs_reason"),
		AbuseReason: v.Get("abuse_reason"), UnableReason: v.Get("unable_reason"), Choice: v.Get("choice"), Reason: v.Get("reason"),
		Lead: v.Get("lead"), Version: version}
}

func (f decisionForm) decision() safeguarding.Decision {
	return safeguarding.Decision{
		Needs:  safeguarding.Criterion{Met: safeguarding.Answer(f.Needs), Reason: f.NeedsReason},
		Abuse:  safeguarding.Criterion{Met: safeguarding.Answer(f.Abuse), Reason: f.AbuseReason},
		Unable: safeguarding.Criterion{Met: safeguarding.Answer(f.Unable), Reason: f.UnableReason},
		Choice: safeguarding.Result(f.Choice), Reason: f.Reason, LeadStaffID: f.Lead,
	}
}

func (d *decisionData) fill() {
	f := d.Form
	values := [][2]string{{f.Needs, f.NeedsReason}, {f.Abuse, f.AbuseReason}, {f.Unable, f.UnableReason}}
	d.Criteria = nil
	for i, c := range safeguarding.Criteria {
		d.Criteria = append(d.Criteria, criterionView{Name: c.Field, ReasonName: c.Field + "_reason", Question: c.Question, Hint: c.Hint,
			Reason: values[i][1], Error: d.Errors.Get(c.Field), ReasonError: d.Errors.Get(c.Field + "_reason"),
			Items: []web.Item{{Value: "yes", Text: "Yes", Checked: values[i][0] == "yes"}, {Value: "no", Text: "No", Checked: values[i][0] == "no"}}})
	}
	d.Choices = []web.Item{
		{Value: string(safeguarding.Other), Text: "Make an other safeguarding enquiry", Hint: "Under the council's power, where not every criterion is met.", Checked: f.Choice == string(safeguarding.Other)},
		{Value: string(safeguarding.None), Text: "No enquiry", Hint: "Say what will happen instead, such as advice, a referral or a review of the plan.", Checked: f.Choice == string(safeguarding.None)},
	}
	d.Leads = []web.Item{{Value: "", Text: "Choose the lead enquirer"}}
	for _, e := range d.View.Enquirers {
		d.Leads = append(d.Leads, web.Item{Value: e.ID, Text: e.Name})
	}
}

// Decide is the section 42 decision (GET and POST /people/{id}/safeguarding/{concern}/decision): each of the three
// criteria with a reason; when all are met, a section 42 enquiry follows; otherwise an other enquiry or none.
func (p *Pages) Decide() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		load := func() (decisionData, error) {
			v, err := p.store.Get(route(r), personID, concernID)
			if err != nil {
				return decisionData{}, err
			}
			if v.Concern.Decided() {
				return decisionData{}, web.Conflict
			}
			d := decisionData{Page: web.NewPage(r, "Decide whether the section 42 duty applies"), View: v, Rows: concernRows(v),
				Action: paths.ConcernDecision.URL(personID, concernID)}
			d.Back = paths.Concern.URL(personID, concernID)
			return d, nil
		}
		if r.Method != http.MethodPost {
			if !staff(r).Role.ChangesPeople() {
				return web.Forbidden
			}
			d, err := load()
			if err != nil {
				return err
			}
			d.Form = decisionForm{Lead: staff(r).ID, Version: d.View.Concern.Version}
			d.fill()
			return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/decide.html", d)
		}
		if !staff(r).Role.ChangesPeople() {
			return web.Forbidden
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		form := readDecision(r.PostForm)
		var errs web.Errors
		show := func(status int) error {
			d, err := load()
			if err != nil {
				return err
			}
			if status == http.StatusConflict {
				form.Version, d.Conflict = d.View.Concern.Version, true
			}
			d.Form, d.Errors = form, errs
			d.fill()
			return p.tmpl.Render(w, r, status, "safeguarding/decide.html", d)
		}
		v, err := p.store.Decide(route(r), personID, concernID, form.decision(), form.Version)
		if ps, ok := people.AsProblems(err); ok {
			addProblems(&errs, ps, decisionOrder)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, safeguarding.ErrClosed) {
			return web.Conflict
		}
		if errors.Is(err, sqldb.ErrConflict) {
			errs.Add("version", "Someone else changed this concern while you were deciding. Check it below, then decide again")
			return show(http.StatusConflict)
		}
		if err != nil {
			return err
		}
		msg := "Decision recorded: " + v.Concern.Result.Label()
		next := paths.Concern.URL(personID, concernID)
		if v.Enquiry != nil {
			msg += ". Ask the person what outcomes they want from the enquiry before its first step"
			next = paths.Enquiry.URL(personID, concernID)
		}
		web.SetFlash(r, msg)
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
}

type allegedData struct {
	web.Page
	View     safeguarding.View
	Action   string
	Form     raiseForm // only its Alleged is used
	Answers  []web.Item
	Version  int
	Conflict bool
}

var allegedOrder = []string{"version", "alleged", "alleged_name", "alleged_relationship", "alleged_trust", "alleged_at_risk"}

// Alleged records or corrects who is alleged to have caused the harm (GET and POST
// /people/{id}/safeguarding/{concern}/alleged), for the safeguarding roles only.
func (p *Pages) Alleged() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !staff(r).Role.ChangesPeople() {
			return web.Forbidden
		}
		// Only the safeguarding roles see who is alleged: anyone else (a lead practitioner) is refused before
		// the concern is read, so nothing is logged.
		if err := p.guard(r); err != nil {
			return err
		}
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		load := func() (allegedData, error) {
			v, err := p.store.Get(route(r), personID, concernID)
			if err != nil {
				return allegedData{}, err
			}
			d := allegedData{Page: web.NewPage(r, "Who is alleged to have caused the harm"), View: v, Action: paths.ConcernAlleged.URL(personID, concernID),
				Answers: answerItems(), Version: v.Concern.Version}
			d.Back = paths.Concern.URL(personID, concernID)
			return d, nil
		}
		if r.Method != http.MethodPost {
			d, err := load()
			if err != nil {
				return err
			}
			a := d.View.Concern.Alleged
			d.Form.Alleged = allegedForm{Someone: string(a.Someone), Name: a.Name, Relationship: a.Relationship, Trust: string(a.Trust), AtRisk: string(a.AtRisk)}
			return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/alleged.html", d)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		form := readAlleged(r.PostForm)
		version, _ := strconv.Atoi(r.PostForm.Get("version"))
		var errs web.Errors
		show := func(status int) error {
			d, err := load()
			if err != nil {
				return err
			}
			if status != http.StatusConflict {
				d.Version = version
			}
			d.Form.Alleged, d.Errors, d.Conflict = form, errs, status == http.StatusConflict
			return p.tmpl.Render(w, r, status, "safeguarding/alleged.html", d)
		}
		err := p.store.RecordAlleged(route(r), personID, concernID, form.alleged(), version)
		if ps, ok := people.AsProblems(err); ok {
			addProblems(&errs, ps, allegedOrder)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, safeguarding.ErrClosed) {
			return web.Conflict
		}
		if errors.Is(err, sqldb.ErrConflict) {
			errs.Add("version", "Someone else changed this concern while you were editing. Check it, then save again")
			return show(http.StatusConflict)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Who is alleged to have caused the harm is recorded")
		http.Redirect(w, r, paths.Concern.URL(personID, concernID), http.StatusSeeOther)
		return nil
	}
}
