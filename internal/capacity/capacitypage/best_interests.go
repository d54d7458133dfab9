package capacitypage

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

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
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, aID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("assessment")
		load := p.store.Assessment
		if r.Method == http.MethodPost {
			load = p.store.AssessmentGlance
		}
		v, err := load(web.Route(r), id, epID, aID)
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
		for _, pr := range check.Validate(web.Today(r), outcomeIDs) {
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
		got, err := p.store.Decide(web.Route(r), b, data.Form.Latest)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.AssessmentGlance(web.Route(r), id, epID, aID)
			if ferr != nil {
				return ferr
			}
			data.View, data.Other, data.Form.Latest = fresh, fresh.Latest(), fresh.Latest().ID
			data.Errors.Add("latest", "Someone else recorded a best-interests decision on this assessment while you were working. Read theirs below, then save again to keep yours as well")
			return p.tmpl.Render(w, r, http.StatusConflict, "capacity/best_interests_new.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, biOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "capacity/best_interests_new.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Best-interests decision recorded: "+got.Decision)
		http.Redirect(w, r, paths.Assessment.URL(id, epID, aID), http.StatusSeeOther)
		return nil
	})
}

// rowProblems checks the consultee and option rows as the form numbers them: a row partly filled in.
func rowProblems(b capacity.BestInterests) validation.Problems {
	var ps validation.Problems
	for i, c := range b.Consultees {
		name, views := strings.TrimSpace(c.Name), strings.TrimSpace(c.Views)
		if name == "" && views == "" && c.Category == "" && strings.TrimSpace(c.Relationship) == "" {
			continue
		}
		switch {
		case name == "":
			ps = append(ps, validation.Problem{Field: capacity.ConsulteeField(i, "name"), Message: "Enter the name of person " + strconv.Itoa(i+1) + " consulted"})
		case c.Category == "":
			ps = append(ps, validation.Problem{Field: capacity.ConsulteeField(i, "category"), Message: "Select why " + name + " was consulted"})
		case views == "":
			ps = append(ps, validation.Problem{Field: capacity.ConsulteeField(i, "views"), Message: "Record the views of " + name})
		}
	}
	for i, o := range b.Options {
		if strings.TrimSpace(o.Text) == "" && (o.LessRestrictive || i == b.Chosen) {
			ps = append(ps, validation.Problem{Field: capacity.OptionField(i), Message: "Describe option " + strconv.Itoa(i+1)})
		}
	}
	return ps
}
