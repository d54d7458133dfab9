package conversationpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// outcomeView is one specified outcome on the form: the ways the person is unable to achieve it, ticked.
type outcomeView struct {
	Name, Legend string
	Ways         []web.Item
	Values       []string
}

// kindView is one kind's questions: condition 1 (and for carers, deteriorating health) and the outcomes.
type kindView struct {
	Kind     conversations.Kind
	Outcomes []outcomeView
}

// determinationForm is the eligibility form as typed.
type determinationForm struct {
	Kind                                   string
	AdultCondition, CarerCondition, Health string // "yes", "no" or ""
	Impact                                 string
	ImpactAreas                            []string
	DeterminedOn                           web.DateInput
	Agrees                                 string
	Reason                                 string
	Checked                                string // the result the practitioner saw: "eligible" or "not_eligible"
}

type determinationData struct {
	web.Page
	PersonName   string
	Form         determinationForm
	Adult, Carer kindView
	Areas, YesNo []web.Item
	Kinds        []web.Item
	Result       *conversations.Result // once the answers have been checked
	Cancel       string

	KindLabel, OtherKind, OtherLabel string
}

// setKind chooses whose eligibility the form asks about: an adult's unless a carer's is asked for.
func (d *determinationData) setKind(k string) {
	if k != string(conversations.Carer) {
		k = string(conversations.Adult)
	}
	d.Form.Kind = k
	d.KindLabel, d.OtherKind, d.OtherLabel = "an adult with care and support needs", "carer", "a carer's eligibility"
	if k == string(conversations.Carer) {
		d.KindLabel, d.OtherKind, d.OtherLabel = "a carer", "adult", "an adult's eligibility"
	}
}

func kindOf(k conversations.Kind, f url.Values) kindView {
	v := kindView{Kind: k}
	list := k.Outcomes()
	var ways []web.Item
	for _, w := range k.Ways() {
		ways = append(ways, web.Item{Value: string(w), Text: w.Label()})
	}
	for _, code := range list.Values() {
		name := string(k) + "_outcome_" + code
		v.Outcomes = append(v.Outcomes, outcomeView{Name: name, Legend: list.Label(code), Ways: ways, Values: f[name]})
	}
	return v
}

// answers reads the chosen kind's answers from the form; the other kind's boxes are ignored.
func (d determinationData) answers() conversations.Answers {
	f := d.Form
	a := conversations.Answers{Kind: conversations.Kind(f.Kind), SignificantImpact: f.Impact == "yes"}
	if a.SignificantImpact {
		a.ImpactAreas = f.ImpactAreas
	}
	var kv kindView
	switch a.Kind {
	case conversations.Adult:
		a.ImpairmentOrIllness, kv = f.AdultCondition == "yes", d.Adult
	case conversations.Carer:
		a.NecessaryCare, a.HealthDeteriorating, kv = f.CarerCondition == "yes", f.Health == "yes", d.Carer
	}
	for _, o := range kv.Outcomes {
		if len(o.Values) == 0 {
			continue
		}
		ans := conversations.OutcomeAnswer{Code: strings.TrimPrefix(o.Name, string(a.Kind)+"_outcome_")}
		for _, w := range o.Values {
			ans.Ways = append(ans.Ways, conversations.Way(w))
		}
		a.Outcomes = append(a.Outcomes, ans)
	}
	return a
}

var determinationOrder = []string{"kind", "adult_condition", "carer_condition", "carer_health", "impact", "impact_areas", "determined_on", "agrees", "disagreement_reason"}

// NewDetermination records a Care Act eligibility determination. The practitioner answers the three conditions;
// "Check the result" shows what the regulations give, explained in a sentence; they then confirm it, or disagree
// and say why, and save.
func (p *Pages) NewDetermination() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		data := determinationData{
			Page: web.NewPage(r, "Care Act eligibility"), Cancel: paths.Episode.URL(id, epID),
			YesNo: []web.Item{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No"}},
			Areas: itemsOf(codelists.WellbeingArea.Values(), codelists.WellbeingArea.Label),
		}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			data.PersonName = rec.Person.FullName()
			data.Form.DeterminedOn = web.DateInputOf(web.Today(r).Time)
			data.setKind(r.URL.Query().Get("kind"))
			data.Adult, data.Carer = kindOf(conversations.Adult, nil), kindOf(conversations.Carer, nil)
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/determination.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form = determinationForm{
			Kind: f.Get("kind"), AdultCondition: f.Get("adult_condition"), CarerCondition: f.Get("carer_condition"),
			Health: f.Get("carer_health"), Impact: f.Get("impact"), ImpactAreas: f["impact_areas"],
			DeterminedOn: web.DateInputFrom(f, "determined_on"), Agrees: f.Get("agrees"),
			Reason: strings.TrimSpace(f.Get("disagreement_reason")), Checked: f.Get("checked"),
		}
		data.Adult, data.Carer = kindOf(conversations.Adult, f), kindOf(conversations.Carer, f)
		data.setKind(data.Form.Kind)
		d := conversations.Determination{PersonID: id, EpisodeID: epID, Answers: data.answers(), Agrees: data.Form.Agrees != "no", DisagreementReason: data.Form.Reason}
		if data.Form.DeterminedOn.IsEmpty() {
			data.Errors.Add("determined_on", "Enter the date of the determination")
		} else {
			d.DeterminedOn = web.ReadDate(&data.Errors, data.Form.DeterminedOn, "determined_on", "Date of the determination")
		}
		switch d.Answers.Kind {
		case conversations.Adult:
			if data.Form.AdultCondition == "" {
				data.Errors.Add("adult_condition", "Select whether the needs arise from an impairment or illness")
			}
		case conversations.Carer:
			if data.Form.CarerCondition == "" {
				data.Errors.Add("carer_condition", "Select whether the needs arise from providing necessary care")
			}
			if data.Form.Health == "" {
				data.Errors.Add("carer_health", "Select whether the carer's health is deteriorating or at risk of deteriorating")
			}
		}
		if data.Form.Impact == "" {
			data.Errors.Add("impact", "Select whether there is, or is likely to be, a significant impact on wellbeing")
		}
		ps := d.Answers.Validate()
		for i := range ps {
			if strings.HasPrefix(ps[i].Field, "outcome_") {
				ps[i].Field = string(d.Answers.Kind) + "_" + strings.TrimSuffix(ps[i].Field, "_ways")
			}
		}
		web.AddProblems(&data.Errors, ps, determinationOrder)
		if !data.Errors.Any() {
			result := conversations.Determine(d.Answers)
			data.Result = &result
			seen := "not_eligible"
			if result.Eligible {
				seen = "eligible"
			}
			switch {
			case f.Get("action") != "save" || data.Form.Checked == "":
				// Show the result for the practitioner to confirm or disagree with.
				data.Form.Checked, data.Form.Agrees = seen, ""
				return p.renderDetermination(w, r, id, http.StatusOK, data)
			case data.Form.Checked != seen:
				data.Form.Checked, data.Form.Agrees = seen, ""
				data.Errors.Add("agrees", "The answers changed since you checked the result. Check the new result, then say whether you agree")
			case data.Form.Agrees == "":
				data.Errors.Add("agrees", "Select whether you agree with the result")
			case data.Form.Agrees == "no" && data.Form.Reason == "":
				data.Errors.Add("disagreement_reason", "Explain why you disagree with the result the regulations give")
			}
		}
		if data.Errors.Any() {
			return p.renderDetermination(w, r, id, http.StatusUnprocessableEntity, data)
		}
		saved, err := p.store.AddDetermination(web.Route(r), d)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, determinationOrder)
			return p.renderDetermination(w, r, id, http.StatusUnprocessableEntity, data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Eligibility determination saved")
		http.Redirect(w, r, paths.Determination.URL(id, epID, saved.ID), http.StatusSeeOther)
		return nil
	})
}

func (p *Pages) renderDetermination(w http.ResponseWriter, r *http.Request, id string, status int, data determinationData) error {
	name, err := p.glance(r, id)
	if err != nil {
		return err
	}
	data.PersonName = name
	return p.tmpl.Render(w, r, status, "conversations/determination.html", data)
}
