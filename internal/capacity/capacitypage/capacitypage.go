// Package capacitypage provides the pages for mental capacity: an episode's assessments and best-interests
// decisions, recording an assessment (the five principles shown as guidance, the two stages with evidence, the
// causal link, the result), one assessment with its IMCA duty, and recording a best-interests decision (the s4
// checklist item by item, the people consulted, the options with the less restrictive first).
package capacitypage

import (
	"context"
	"embed"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of capacity.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (capacity.EpisodePage, error)
	Person(ctx context.Context, personID, episodeID string) (people.Person, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (people.Person, error)
	Assessment(ctx context.Context, personID, episodeID, id string) (capacity.AssessmentPage, error)
	AssessmentGlance(ctx context.Context, personID, episodeID, id string) (capacity.AssessmentPage, error)
	Record(ctx context.Context, a capacity.Assessment) (capacity.Assessment, error)
	Decide(ctx context.Context, b capacity.BestInterests, latest string) (capacity.BestInterests, error)
	Now() time.Time
	Today() sqldb.Date
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

func route(r *http.Request) context.Context {
	return accesslog.WithRoute(r.Context(), accesslog.Page, r.Pattern)
}

func mayChange(r *http.Request) error {
	if s, _ := councils.StaffFrom(r.Context()); !s.Role.ChangesPeople() {
		return web.Forbidden
	}
	return nil
}

type listData struct {
	web.Page
	PersonID, EpisodeID string
	Ep                  capacity.EpisodePage
}

// List shows an episode's assessments and best-interests decisions (GET .../capacity).
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(route(r), id, epID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Mental capacity"), PersonID: id, EpisodeID: epID, Ep: ep}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "capacity/list.html", data)
	}
}

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

var clock = regexp.MustCompile(`^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$`)

// NewAssessment records a capacity assessment (GET and POST .../capacity/new).
func (p *Pages) NewAssessment() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		load := p.store.Person
		if r.Method == http.MethodPost {
			load = p.store.EpisodeGlance
		}
		person, err := load(route(r), id, epID)
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
		got, err := p.store.Record(route(r), a)
		if ps, ok := people.AsProblems(err); ok {
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
	}
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
	m := clock.FindStringSubmatch(at)
	if m == nil {
		errs.Add("assessed_time", "Enter the time of the assessment in 24-hour time, like 14:30")
		return time.Time{}
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	return time.Date(d.Year(), d.Month(), d.Day(), h, min, 0, 0, sqldb.London()).UTC()
}

type assessmentViewData struct {
	web.Page
	PersonID, EpisodeID string
	View                capacity.AssessmentPage
	AdvocacyPath        string
	OutcomeText         map[string]string
}

// Assessment shows one assessment, its IMCA duty and its best-interests decisions (GET .../capacity/{assessment}).
func (p *Pages) Assessment() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, aID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("assessment")
		v, err := p.store.Assessment(route(r), id, epID, aID)
		if err != nil {
			return err
		}
		data := assessmentViewData{Page: web.NewPage(r, "Capacity assessment"), PersonID: id, EpisodeID: epID, View: v,
			AdvocacyPath: paths.Advocacy.URL(id, epID), OutcomeText: map[string]string{}}
		for _, o := range v.Outcomes {
			data.OutcomeText[o.ID] = o.Different
		}
		data.Back = paths.Capacity.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "capacity/assessment.html", data)
	}
}

// biForm is the best-interests form as typed.
type biForm struct {
	Checks                        map[string]string
	Notes                         map[string]string
	Wishes, Beliefs, OtherFactors string
	Consultees                    []capacity.Consultee
	NoConsulteeReason             string
	Options                       []capacity.Option
	Chosen, ChosenWhy             string
	Decision, DecidedBy           string
	DecidedOn                     web.DateInput
	Outcomes                      []string
	Latest                        string
}

type biData struct {
	web.Page
	PersonID, EpisodeID string
	View                capacity.AssessmentPage
	Form                biForm
	Items               []capacity.Item
	Categories          []web.Item
	OutcomeItems        []web.Item
	Other               capacity.BestInterests // on a conflict: what the other person recorded
	Cancel              string
}

// Rows of consultees and options the form offers.
const (
	consulteeRows = 3
	optionRows    = 4
)

func biOrder() []string {
	var out []string
	for _, it := range capacity.Items() {
		out = append(out, it.Field(), it.Field()+"_notes")
	}
	out = append(out, "wishes", "beliefs", "other_factors")
	for i := range consulteeRows {
		out = append(out, capacity.ConsulteeField(i, "name"), capacity.ConsulteeField(i, "category"), capacity.ConsulteeField(i, "views"))
	}
	out = append(out, "no_consultee_reason")
	for i := range optionRows {
		out = append(out, capacity.OptionField(i))
	}
	return append(out, "chosen", "chosen_why", "decision", "decided_by", "decided_on", "outcomes", "latest")
}

// NewBestInterests records a best-interests decision on an assessment that found the person lacks capacity
// (GET and POST .../capacity/{assessment}/best-interests/new).
func (p *Pages) NewBestInterests() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, aID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("assessment")
		if err := mayChange(r); err != nil {
			return err
		}
		load := p.store.Assessment
		if r.Method == http.MethodPost {
			load = p.store.AssessmentGlance
		}
		v, err := load(route(r), id, epID, aID)
		if err != nil {
			return err
		}
		if v.Assessment.Result != capacity.LacksCapacity {
			return web.NotFound
		}
		data := biData{Page: web.NewPage(r, "Record a best-interests decision"), PersonID: id, EpisodeID: epID, View: v,
			Items: capacity.Items(), Cancel: paths.Assessment.URL(id, epID, aID)}
		data.Back = data.Cancel
		data.Categories = []web.Item{{Value: "", Text: "Select why"}}
		for _, c := range capacity.Categories() {
			data.Categories = append(data.Categories, web.Item{Value: string(c), Text: c.Label()})
		}
		for _, o := range v.Outcomes {
			data.OutcomeItems = append(data.OutcomeItems, web.Item{Value: o.ID, Text: o.Different})
		}
		if r.Method != http.MethodPost {
			data.Form = biForm{Checks: map[string]string{}, Notes: map[string]string{}, Consultees: make([]capacity.Consultee, consulteeRows),
				Options: make([]capacity.Option, optionRows), DecidedOn: web.DateInputOf(p.store.Now()), Latest: v.Latest().ID}
			return p.tmpl.Render(w, r, http.StatusOK, "capacity/best_interests_new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form = biForm{Checks: map[string]string{}, Notes: map[string]string{}, Wishes: f.Get("wishes"), Beliefs: f.Get("beliefs"),
			OtherFactors: f.Get("other_factors"), NoConsulteeReason: f.Get("no_consultee_reason"), Chosen: f.Get("chosen"),
			ChosenWhy: f.Get("chosen_why"), Decision: f.Get("decision"), DecidedBy: f.Get("decided_by"),
			DecidedOn: web.DateInputFrom(f, "decided_on"), Outcomes: f["outcomes"], Latest: f.Get("latest")}
		b := capacity.BestInterests{PersonID: id, EpisodeID: epID, AssessmentID: aID, Checklist: map[capacity.Item]capacity.Check{},
			Wishes: data.Form.Wishes, Beliefs: data.Form.Beliefs, OtherFactors: data.Form.OtherFactors, NoConsulteeReason: data.Form.NoConsulteeReason,
			ChosenWhy: data.Form.ChosenWhy, Decision: data.Form.Decision, DecidedBy: data.Form.DecidedBy, OutcomeIDs: data.Form.Outcomes, Chosen: -1}
		for _, it := range capacity.Items() {
			data.Form.Checks[string(it)], data.Form.Notes[string(it)] = f.Get(it.Field()), f.Get(it.Field()+"_notes")
			b.Checklist[it] = capacity.Check{State: f.Get(it.Field()), Notes: f.Get(it.Field() + "_notes")}
		}
		for i := range consulteeRows {
			c := capacity.Consultee{Name: f.Get(capacity.ConsulteeField(i, "name")), Relationship: f.Get(capacity.ConsulteeField(i, "relationship")),
				Category: capacity.Category(f.Get(capacity.ConsulteeField(i, "category"))), Views: f.Get(capacity.ConsulteeField(i, "views"))}
			data.Form.Consultees = append(data.Form.Consultees, c)
			b.Consultees = append(b.Consultees, c)
		}
		for i := range optionRows {
			o := capacity.Option{Text: f.Get(capacity.OptionField(i)), LessRestrictive: f.Get(capacity.OptionField(i)+"_less") == "yes"}
			data.Form.Options = append(data.Form.Options, o)
			b.Options = append(b.Options, o)
		}
		if n, err := strconv.Atoi(data.Form.Chosen); err == nil {
			b.Chosen = n
		}
		if !data.Form.DecidedOn.IsEmpty() {
			t, de := data.Form.DecidedOn.Parse("Date of the decision")
			data.Errors.AddDate("decided_on", de)
			if de == nil {
				b.DecidedOn = sqldb.NewDate(t)
			}
		}
		var outcomeIDs []string
		for _, o := range v.Outcomes {
			outcomeIDs = append(outcomeIDs, o.ID)
		}
		check := b
		check.Normalise()
		// The problems name rows as the form numbers them, so check the rows as typed before empty ones are dropped.
		for _, pr := range rowProblems(b) {
			data.Errors.Add(pr.Field, pr.Message)
		}
		for _, pr := range check.Validate(p.store.Today(), outcomeIDs) {
			if strings.HasPrefix(pr.Field, "consultee_") || (strings.HasPrefix(pr.Field, "option_") && pr.Field != capacity.OptionField(0)) {
				continue
			}
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(biOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "capacity/best_interests_new.html", data)
		}
		got, err := p.store.Decide(route(r), b, data.Form.Latest)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.AssessmentGlance(route(r), id, epID, aID)
			if ferr != nil {
				return ferr
			}
			data.View, data.Other, data.Form.Latest = fresh, fresh.Latest(), fresh.Latest().ID
			data.Errors.Add("latest", "Someone else recorded a best-interests decision on this assessment while you were working. Read theirs below, then save again to keep yours as well")
			return p.tmpl.Render(w, r, http.StatusConflict, "capacity/best_interests_new.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, biOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "capacity/best_interests_new.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Best-interests decision recorded: "+got.Decision)
		http.Redirect(w, r, paths.Assessment.URL(id, epID, aID), http.StatusSeeOther)
		return nil
	}
}

// rowProblems checks the consultee and option rows as the form numbers them: a row partly filled in.
func rowProblems(b capacity.BestInterests) people.Problems {
	var ps people.Problems
	for i, c := range b.Consultees {
		name, views := strings.TrimSpace(c.Name), strings.TrimSpace(c.Views)
		if name == "" && views == "" && c.Category == "" && strings.TrimSpace(c.Relationship) == "" {
			continue
		}
		switch {
		case name == "":
			ps = append(ps, people.Problem{Field: capacity.ConsulteeField(i, "name"), Message: "Enter the name of person " + strconv.Itoa(i+1) + " consulted"})
		case c.Category == "":
			ps = append(ps, people.Problem{Field: capacity.ConsulteeField(i, "category"), Message: "Select why " + name + " was consulted"})
		case views == "":
			ps = append(ps, people.Problem{Field: capacity.ConsulteeField(i, "views"), Message: "Record the views of " + name})
		}
	}
	for i, o := range b.Options {
		if strings.TrimSpace(o.Text) == "" && (o.LessRestrictive || i == b.Chosen) {
			ps = append(ps, people.Problem{Field: capacity.OptionField(i), Message: "Describe option " + strconv.Itoa(i+1)})
		}
	}
	return ps
}
