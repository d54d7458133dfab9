// Package riskpage provides the risk enablement pages of an episode: its risks, recording a risk with the person's
// view, the agreed ways to reduce it and the positive risk-taking decision, and a risk's page, where its review is
// recorded.
package riskpage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of risks.Store.
type Store interface {
	Risks(ctx context.Context, personID, episodeID string) (risks.Page, error)
	RisksGlance(ctx context.Context, personID, episodeID string) (risks.Page, error)
	Risk(ctx context.Context, personID, episodeID, id string) (risks.Page, risks.Risk, error)
	RiskGlance(ctx context.Context, personID, episodeID, id string) (risks.Page, risks.Risk, error)
	Add(ctx context.Context, r risks.Risk) (risks.Risk, error)
	Update(ctx context.Context, r risks.Risk) error
	RecordReview(ctx context.Context, personID, episodeID, riskID string, rv risks.Review, version int) (risks.Review, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// Rows is how many rows of ways to reduce the risk, and of people who agreed, the form offers.
const Rows = 4

type row struct {
	N         int
	What, Who string // a mitigation; or a name and role
	WhatName  string
	WhoName   string
	WhatLabel string
	WhoLabel  string
}

type formData struct {
	web.Page
	web.ConflictPanel
	Person                  people.Person
	Form                    form
	Mitigations, Agreed     []row
	DecidedOn, ReviewOn     web.DateInput
	Likelihoods, Severities []web.Item
	Decisions               []web.Item
	Outcomes, Solutions     []web.Item
	OutcomeIDs, SolutionIDs []string
	Cancel                  string
	Submit                  string
	Version                 int // the risk's version when the form was opened (changing a risk)
	Choices                 risks.Page
}

type form struct {
	What, PersonView, WhatMatters, CouldGoWrong  string
	Likelihood, Severity, Decision, DecisionNote string
}

var order = []string{"version", "what", "person_view", "what_matters", "could_go_wrong", "likelihood", "severity", "mitigations", "decision",
	"agreed_by", "decision_note", "decided_on", "review_on", "outcome_ids", "solution_ids"}

func rows(kind string, f url.Values) []row {
	out := make([]row, Rows)
	for i := range out {
		n := i + 1
		out[i] = row{N: n}
		if kind == "mitigation" {
			out[i].WhatName, out[i].WhoName = fmt.Sprintf("mitigation_what_%d", n), fmt.Sprintf("mitigation_who_%d", n)
			out[i].WhatLabel, out[i].WhoLabel = fmt.Sprintf("Way %d to reduce the risk", n), "Who does it"
		} else {
			out[i].WhatName, out[i].WhoName = fmt.Sprintf("agreed_name_%d", n), fmt.Sprintf("agreed_role_%d", n)
			out[i].WhatLabel, out[i].WhoLabel = fmt.Sprintf("Person %d: name", n), "Role"
		}
		if f != nil {
			out[i].What, out[i].Who = strings.TrimSpace(f.Get(out[i].WhatName)), strings.TrimSpace(f.Get(out[i].WhoName))
		}
	}
	return out
}

func items[T interface{ Label() string }](values []T, code func(T) string) []web.Item {
	out := make([]web.Item, len(values))
	for i, v := range values {
		out[i] = web.Item{Value: code(v), Text: v.Label()}
	}
	return out
}

func choiceItems(cs []risks.Choice) []web.Item {
	out := make([]web.Item, len(cs))
	for i, c := range cs {
		out[i] = web.Item{Value: c.ID, Text: c.Text}
	}
	return out
}

// newForm is the form of a risk with what it offers.
func newForm(r *http.Request, title string, page risks.Page, cancel string) formData {
	data := formData{Page: web.NewPage(r, title), Person: page.Person, Cancel: cancel, Choices: page, Submit: "Save risk",
		Likelihoods: items(risks.Likelihoods(), func(l risks.Likelihood) string { return string(l) }),
		Severities:  items(risks.Severities(), func(s risks.Severity) string { return string(s) }),
		Decisions:   []web.Item{{Value: "agreed", Text: "Agreed: the person will take this risk, with the ways to reduce it"}, {Value: "not_agreed", Text: "Not agreed"}},
		Outcomes:    choiceItems(page.Outcomes), Solutions: choiceItems(page.Solutions)}
	data.Back = cancel
	return data
}

// read fills data from the posted form and returns the risk it describes, with the problems only the form can see
// (dates that are not dates) in data.Errors.
func (data *formData) read(f url.Values, id, epID string) risks.Risk {
	data.Form = form{What: f.Get("what"), PersonView: f.Get("person_view"), WhatMatters: f.Get("what_matters"), CouldGoWrong: f.Get("could_go_wrong"),
		Likelihood: f.Get("likelihood"), Severity: f.Get("severity"), Decision: f.Get("decision"), DecisionNote: f.Get("decision_note")}
	data.Mitigations, data.Agreed = rows("mitigation", f), rows("agreed", f)
	data.DecidedOn, data.ReviewOn = web.DateInputFrom(f, "decided_on"), web.DateInputFrom(f, "review_on")
	data.OutcomeIDs, data.SolutionIDs = f["outcome_ids"], f["solution_ids"]
	data.Version = web.FormVersion(f, "version")
	rk := risks.Risk{PersonID: id, EpisodeID: epID, What: data.Form.What, PersonView: data.Form.PersonView, WhatMatters: data.Form.WhatMatters,
		CouldGoWrong: data.Form.CouldGoWrong, Likelihood: risks.Likelihood(data.Form.Likelihood), Severity: risks.Severity(data.Form.Severity),
		Decision:   risks.Decision{Made: data.Form.Decision == "agreed" || data.Form.Decision == "not_agreed", Agreed: data.Form.Decision == "agreed", Note: data.Form.DecisionNote},
		OutcomeIDs: data.OutcomeIDs, SolutionIDs: data.SolutionIDs}
	for _, m := range data.Mitigations {
		rk.Mitigations = append(rk.Mitigations, risks.Mitigation{What: m.What, Who: m.Who})
	}
	for _, a := range data.Agreed {
		rk.Decision.AgreedBy = append(rk.Decision.AgreedBy, risks.Agreer{Name: a.What, Role: a.Who})
	}
	rk.Decision.On = web.ReadDate(&data.Errors, data.DecidedOn, "decided_on", "Date of the decision")
	rk.ReviewOn = web.ReadDate(&data.Errors, data.ReviewOn, "review_on", "Review date")
	rk.Normalise()
	return rk
}

// check adds the rules' problems to those of the form; it reports whether there are any.
func (data *formData) check(ps validation.Problems) bool {
	for _, pr := range ps {
		if !data.Errors.Has(pr.Field) {
			data.Errors.Add(pr.Field, pr.Message)
		}
	}
	data.Errors.Sort(order)
	return data.Errors.Any()
}

// fill puts a saved risk into the form.
func (data *formData) fill(rk risks.Risk) {
	data.Form = form{What: rk.What, PersonView: rk.PersonView, WhatMatters: rk.WhatMatters, CouldGoWrong: rk.CouldGoWrong,
		Likelihood: string(rk.Likelihood), Severity: string(rk.Severity), DecisionNote: rk.Decision.Note}
	switch {
	case rk.Decision.Made && rk.Decision.Agreed:
		data.Form.Decision = "agreed"
	case rk.Decision.Made:
		data.Form.Decision = "not_agreed"
	}
	data.Mitigations, data.Agreed = rows("mitigation", nil), rows("agreed", nil)
	for i, m := range rk.Mitigations {
		if i < len(data.Mitigations) {
			data.Mitigations[i].What, data.Mitigations[i].Who = m.What, m.Who
		}
	}
	for i, a := range rk.Decision.AgreedBy {
		if i < len(data.Agreed) {
			data.Agreed[i].What, data.Agreed[i].Who = a.Name, a.Role
		}
	}
	data.DecidedOn, data.ReviewOn = web.DateInputOf(rk.Decision.On.Time), web.DateInputOf(rk.ReviewOn.Time)
	data.OutcomeIDs, data.SolutionIDs = rk.OutcomeIDs, rk.SolutionIDs
	data.Version = rk.Version
}
