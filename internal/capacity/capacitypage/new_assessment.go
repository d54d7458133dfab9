package capacitypage

import (
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// assessmentForm is the assessment form as typed.
type assessmentForm struct {
	Decision, Type         string
	On                     web.DateInput
	At                     string
	Impairment, ImpEvid    string
	Abilities              map[string]string
	Evidence               map[string]string
	Causal, CausalEvidence string
	Support, Result        string
	Anyone, Consultees     string
	MHA                    string
}

type assessmentData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Form                assessmentForm
	Principles          []capacity.Principle
	Types               []web.Item
	Abilities           []capacity.Ability
	Cancel              string
}

var assessmentOrder = []string{"decision", "decision_type", "assessed_on", "assessed_time", "impairment", "impairment_evidence",
	"ability_understand", "ability_understand_evidence", "ability_retain", "ability_retain_evidence", "ability_use_or_weigh",
	"ability_use_or_weigh_evidence", "ability_communicate", "ability_communicate_evidence", "causal_link", "causal_link_evidence",
	"support_given", "result", "anyone_to_consult", "consultees", "mha_residence"}

// NewAssessment records a capacity assessment (GET and POST .../capacity/new).
func (p *Pages) NewAssessment() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Person
		if r.Method == http.MethodPost {
			load = p.store.EpisodeGlance
		}
		person, err := load(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := assessmentData{Page: web.NewPage(r, "Record a mental capacity assessment"), PersonID: id, EpisodeID: epID, Person: person,
			Principles: capacity.Principles(), Abilities: capacity.Abilities(), Cancel: paths.Capacity.URL(id, epID)}
		data.Back = data.Cancel
		for _, t := range capacity.DecisionTypes() {
			data.Types = append(data.Types, web.Item{Value: string(t), Text: t.Label()})
		}
		now := p.store.Now().In(sqldb.London())
		if r.Method != http.MethodPost {
			data.Form = assessmentForm{On: web.DateInputOf(now), At: now.Format("15:04")}
			return p.tmpl.Render(w, r, http.StatusOK, "capacity/assessment_new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form = assessmentForm{Decision: f.Get("decision"), Type: f.Get("decision_type"), On: web.DateInputFrom(f, "assessed_on"),
			At: strings.TrimSpace(f.Get("assessed_time")), Impairment: f.Get("impairment"), ImpEvid: f.Get("impairment_evidence"),
			Abilities: map[string]string{}, Evidence: map[string]string{}, Causal: f.Get("causal_link"), CausalEvidence: f.Get("causal_link_evidence"),
			Support: f.Get("support_given"), Result: f.Get("result"), Anyone: f.Get("anyone_to_consult"), Consultees: f.Get("consultees"), MHA: f.Get("mha_residence")}
		a := capacity.Assessment{PersonID: id, EpisodeID: epID, Decision: data.Form.Decision, Type: capacity.DecisionType(data.Form.Type),
			Impairment: capacity.Answer(data.Form.Impairment), ImpairmentEvidence: data.Form.ImpEvid, Findings: map[capacity.Ability]capacity.Finding{},
			CausalLink: capacity.Answer(data.Form.Causal), CausalLinkEvidence: data.Form.CausalEvidence, SupportGiven: data.Form.Support,
			Result: capacity.Result(data.Form.Result), AnyoneToConsult: capacity.Answer(data.Form.Anyone), Consultees: data.Form.Consultees,
			MHAResidence: capacity.Answer(data.Form.MHA)}
		for _, ab := range capacity.Abilities() {
			data.Form.Abilities[string(ab)], data.Form.Evidence[string(ab)] = f.Get(ab.Field()), f.Get(ab.Field()+"_evidence")
			a.Findings[ab] = capacity.Finding{State: f.Get(ab.Field()), Evidence: f.Get(ab.Field() + "_evidence")}
		}
		a.AssessedAt = readWhen(&data.Errors, data.Form.On, data.Form.At)
		a.Normalise()
		for _, pr := range a.Validate(p.store.Now()) {
			if !data.Errors.Has(pr.Field) || pr.Field == "result" {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(assessmentOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "capacity/assessment_new.html", data)
		}
		got, err := p.store.Record(web.Route(r), a)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, assessmentOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "capacity/assessment_new.html", data)
		}
		if err != nil {
			return err
		}
		msg := "Capacity assessment recorded"
		if capacity.IMCA(got).Due {
			msg += ". An IMCA must be instructed: the required action is on the advocacy page"
		}
		web.SetFlash(r, msg)
		http.Redirect(w, r, paths.Assessment.URL(id, epID, got.ID), http.StatusSeeOther)
		return nil
	})
}

// readWhen reads the date and the 24-hour time of an assessment, in UK time.
func readWhen(errs *web.Errors, on web.DateInput, at string) time.Time {
	if on.IsEmpty() {
		return time.Time{}
	}
	d, de := on.Parse("Date of the assessment")
	errs.AddDate("assessed_on", de)
	if de != nil {
		return time.Time{}
	}
	// 24-hour time, with a colon or a full stop, the hour with or without its leading zero: 9:05, 09.05, 14:30.
	clock, err := time.Parse("15:04", strings.Replace(at, ".", ":", 1))
	if err != nil {
		errs.Add("assessed_time", "Enter the time of the assessment in 24-hour time, like 14:30")
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), clock.Hour(), clock.Minute(), 0, 0, sqldb.London()).UTC()
}
