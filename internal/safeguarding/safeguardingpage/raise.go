package safeguardingpage

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type raiseForm struct {
	RaisedBy, Name, Relationship, Organisation string
	ReceivedOn                                 web.DateInput
	ReceivedTime                               string
	WhatHappened, Immediate                    string
	Types, Locations, Sources                  []string
	Alleged                                    allegedForm
}

// allegedForm is the person alleged to have caused the harm, as typed.
type allegedForm struct{ Someone, Name, Relationship, Trust, AtRisk string }

func readAlleged(v url.Values) allegedForm {
	return allegedForm{Someone: v.Get("alleged"), Name: v.Get("alleged_name"), Relationship: v.Get("alleged_relationship"),
		Trust: v.Get("alleged_trust"), AtRisk: v.Get("alleged_at_risk")}
}

func (f allegedForm) alleged() safeguarding.Alleged {
	return safeguarding.Alleged{Someone: safeguarding.Answer(f.Someone), Name: f.Name, Relationship: f.Relationship,
		Trust: safeguarding.Answer(f.Trust), AtRisk: safeguarding.Answer(f.AtRisk)}
}

type raiseData struct {
	web.Page
	Person                    people.Person
	Action                    string
	Form                      raiseForm
	RaisedBy                  []web.Item
	Types, Locations, Sources []web.Item
	Answers                   []web.Item // yes, no or not known
}

var raiseOrder = []string{"raised_by", "raiser_name", "raiser_relationship", "received_at", "what_happened", "immediate_actions", "types", "locations", "sources",
	"alleged", "alleged_name", "alleged_relationship", "alleged_trust", "alleged_at_risk"}

func readRaise(v url.Values) raiseForm {
	return raiseForm{RaisedBy: v.Get("raised_by"), Name: v.Get("raiser_name"), Relationship: v.Get("raiser_relationship"),
		Organisation: v.Get("raiser_organisation"), ReceivedOn: web.DateInputFrom(v, "received_at"), ReceivedTime: strings.TrimSpace(v.Get("received_time")),
		WhatHappened: v.Get("what_happened"), Immediate: v.Get("immediate_actions"), Types: v["types"], Locations: v["locations"], Sources: v["sources"],
		Alleged: readAlleged(v)}
}

func (f raiseForm) concern() (safeguarding.NewConcern, web.Errors) {
	var errs web.Errors
	c := safeguarding.NewConcern{RaisedBy: f.RaisedBy, Name: f.Name, Relationship: f.Relationship, Organisation: f.Organisation,
		WhatHappened: f.WhatHappened, Immediate: f.Immediate, Types: f.Types, Locations: f.Locations, Sources: f.Sources,
		Alleged: f.Alleged.alleged()}
	on, de := f.ReceivedOn.Parse("Date the concern was received")
	if de != nil {
		errs.AddDate("received_at", de)
		return c, errs
	}
	clock, err := time.Parse("15:04", f.ReceivedTime)
	if err != nil {
		errs.Add("received_at", "Enter the time the concern was received, for example 14:30")
		return c, errs
	}
	c.ReceivedAt = time.Date(on.Year(), on.Month(), on.Day(), clock.Hour(), clock.Minute(), 0, 0, london()).UTC()
	return c, errs
}

func (p *Pages) raiseData(r *http.Request, person people.Person, f raiseForm) raiseData {
	d := raiseData{Page: web.NewPage(r, "Raise a safeguarding concern"), Person: person, Action: paths.NewConcern.URL(person.ID), Form: f}
	d.Back = paths.Person.URL(person.ID)
	d.RaisedBy = []web.Item{
		{Value: safeguarding.RaisedByMe, Text: "I did", Checked: f.RaisedBy == safeguarding.RaisedByMe},
		{Value: safeguarding.RaisedByOther, Text: "Someone else", Checked: f.RaisedBy == safeguarding.RaisedByOther},
	}
	d.Types = codeItems(codelists.SafeguardingRiskType, f.Types)
	d.Locations = codeItems(codelists.SafeguardingLocation, f.Locations)
	d.Sources = codeItems(codelists.SafeguardingSource, f.Sources)
	d.Answers = answerItems()
	return d
}

// Raise is the form to raise a safeguarding concern about a person (GET and POST /people/{id}/safeguarding/new).
// Any member of staff who changes people's records may raise one. Staff in the safeguarding roles go on to the
// concern; everyone else goes to its receipt, told only that it went to the safeguarding team and who has it.
func (p *Pages) Raise() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID := r.PathValue("id")
		if r.Method != http.MethodPost {
			person, _, err := p.people.Get(web.Route(r), personID)
			if err != nil {
				return err
			}
			now := p.store.Now().In(london())
			f := raiseForm{RaisedBy: safeguarding.RaisedByMe, ReceivedOn: web.DateInputOf(now), ReceivedTime: now.Format("15:04")}
			return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/raise.html", p.raiseData(r, person, f))
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		form := readRaise(r.PostForm)
		c, errs := form.concern()
		show := func() error {
			person, _, err := p.people.Get(web.Route(r), personID)
			if err != nil {
				return err
			}
			if errs.Has("received_at") {
				c.ReceivedAt = p.store.Now()
			}
			c.Normalise()
			for _, pr := range c.Validate(p.store.Now()) {
				if !errs.Has(pr.Field) {
					errs.Add(pr.Field, pr.Message)
				}
			}
			errs.Sort(raiseOrder)
			d := p.raiseData(r, person, form)
			d.Errors = errs
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "safeguarding/raise.html", d)
		}
		if errs.Any() {
			return show()
		}
		raised, err := p.store.Raise(web.Route(r), personID, c)
		if ps, ok := validation.AsProblems(err); ok {
			addProblems(&errs, ps, raiseOrder)
			return show()
		}
		if err != nil {
			return err
		}
		if !raised.Visible {
			web.SetFlash(r, "Concern sent to the safeguarding team. They will decide what happens next by "+when(raised.DueAt))
			http.Redirect(w, r, paths.ConcernReceived.URL(personID, raised.ConcernID), http.StatusSeeOther)
			return nil
		}
		web.SetFlash(r, "Concern raised. The section 42 decision is due by "+when(raised.DueAt))
		http.Redirect(w, r, paths.Concern.URL(personID, raised.ConcernID), http.StatusSeeOther)
		return nil
	})
}

// answerItems are the choices of a yes, no or not known question.
func answerItems() []web.Item {
	var out []web.Item
	for _, a := range []safeguarding.Answer{safeguarding.Yes, safeguarding.No, safeguarding.NotKnown} {
		out = append(out, web.Item{Value: string(a), Text: a.Label()})
	}
	return out
}
