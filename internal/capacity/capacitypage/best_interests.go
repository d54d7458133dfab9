package capacitypage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
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
	web.ConflictPanel
	PersonID, EpisodeID string
	View                capacity.AssessmentPage
	Form                biForm
	Items               []capacity.Item
	Categories          []web.Item
	OutcomeItems        []web.Item
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
	return append(out, "chosen", "chosen_why", "decision", "decided_by", "decided_on", "outcomes", "version")
}

// NewBestInterests records a best-interests decision on an assessment that found the person lacks capacity
// (GET and POST .../capacity/{assessment}/best-interests/new). The form carries the newest decision it was opened
// beside ("latest"): when someone else recorded one since, nothing is saved and the page (409) shows theirs beside
// what was typed, to save again and record this one as well.
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
		data := &biData{Page: web.NewPage(r, "Record a best-interests decision"), PersonID: id, EpisodeID: epID, View: v,
			Items: capacity.Items(), Cancel: paths.Assessment.URL(id, epID, aID)}
		data.Back = data.Cancel
		data.Categories = []web.Item{{Value: "", Text: "Select why"}}
		for _, c := range capacity.Categories() {
			data.Categories = append(data.Categories, web.Item{Value: string(c), Text: c.Label()})
		}
		for _, o := range v.Outcomes {
			data.OutcomeItems = append(data.OutcomeItems, web.Item{Value: o.ID, Text: o.Different})
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[capacity.BestInterests]{
			Template:  "capacity/best_interests_new.html",
			Order:     biOrder(),
			Conflict:  "Someone else recorded a best-interests decision on this assessment while you were working. Read theirs below, then save again to keep yours as well",
			Heading:   "The decision they recorded",
			SaveAgain: "Save again to record yours as well: theirs stays on the record.",
			// Load is the assessment read above, with its newest decision; Latest glances at it again after a
			// refused save.
			Load: func() (capacity.BestInterests, error) { return v.Latest(), nil },
			Latest: func() (capacity.BestInterests, error) {
				fresh, err := p.store.AssessmentGlance(web.Route(r), id, epID, aID)
				data.View = fresh
				return fresh.Latest(), err
			},
			Fill: func(latest capacity.BestInterests) {
				data.Form = biForm{Checks: map[string]string{}, Notes: map[string]string{}, Consultees: make([]capacity.Consultee, consulteeRows),
					Options: make([]capacity.Option, optionRows), DecidedOn: web.DateInputOf(p.store.Now()), Latest: latest.ID}
			},
			Read: func(f url.Values, errs *web.Errors) capacity.BestInterests {
				data.Form = readBestInterests(f)
				b := data.Form.decision(id, epID, aID)
				b.DecidedOn = web.ReadDate(errs, data.Form.DecidedOn, "decided_on", "Date of the decision")
				var outcomeIDs []string
				for _, o := range v.Outcomes {
					outcomeIDs = append(outcomeIDs, o.ID)
				}
				// The problems name rows as the form numbers them, so check the rows as typed before empty ones are
				// dropped.
				for _, pr := range rowProblems(b) {
					errs.Add(pr.Field, pr.Message)
				}
				b.Normalise()
				for _, pr := range b.Validate(web.Today(r), outcomeIDs) {
					if strings.HasPrefix(pr.Field, "consultee_") || (strings.HasPrefix(pr.Field, "option_") && pr.Field != capacity.OptionField(0)) {
						continue
					}
					if !errs.Has(pr.Field) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return b
			},
			Save: func(b capacity.BestInterests) (capacity.BestInterests, error) {
				return p.store.Decide(web.Route(r), b, data.Form.Latest)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// The form takes the newest decision as its own, so that saving again records this one beside it.
			Compare: func(theirs, typed capacity.BestInterests) []web.Difference {
				data.Form.Latest = theirs.ID
				return biDifferences(theirs, typed, data.Categories, data.OutcomeItems)
			},
			Done: func(got capacity.BestInterests) error {
				web.SetFlash(r, "Best-interests decision recorded: "+got.Decision)
				http.Redirect(w, r, paths.Assessment.URL(id, epID, aID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// readBestInterests reads the form as typed.
func readBestInterests(f url.Values) biForm {
	form := biForm{Checks: map[string]string{}, Notes: map[string]string{}, Wishes: f.Get("wishes"), Beliefs: f.Get("beliefs"),
		OtherFactors: f.Get("other_factors"), NoConsulteeReason: f.Get("no_consultee_reason"), Chosen: f.Get("chosen"),
		ChosenWhy: f.Get("chosen_why"), Decision: f.Get("decision"), DecidedBy: f.Get("decided_by"),
		DecidedOn: web.DateInputFrom(f, "decided_on"), Outcomes: f["outcomes"], Latest: f.Get("latest")}
	for _, it := range capacity.Items() {
		form.Checks[string(it)], form.Notes[string(it)] = f.Get(it.Field()), f.Get(it.Field()+"_notes")
	}
	for i := range consulteeRows {
		form.Consultees = append(form.Consultees, capacity.Consultee{Name: f.Get(capacity.ConsulteeField(i, "name")),
			Relationship: f.Get(capacity.ConsulteeField(i, "relationship")), Category: capacity.Category(f.Get(capacity.ConsulteeField(i, "category"))),
			Views: f.Get(capacity.ConsulteeField(i, "views"))})
	}
	for i := range optionRows {
		form.Options = append(form.Options, capacity.Option{Text: f.Get(capacity.OptionField(i)), LessRestrictive: f.Get(capacity.OptionField(i)+"_less") == "yes"})
	}
	return form
}

// decision is the decision as typed, its rows as the form numbers them and without its date, which the page reads.
func (f biForm) decision(personID, episodeID, assessmentID string) capacity.BestInterests {
	b := capacity.BestInterests{PersonID: personID, EpisodeID: episodeID, AssessmentID: assessmentID, Checklist: map[capacity.Item]capacity.Check{},
		Wishes: f.Wishes, Beliefs: f.Beliefs, OtherFactors: f.OtherFactors, NoConsulteeReason: f.NoConsulteeReason, ChosenWhy: f.ChosenWhy,
		Decision: f.Decision, DecidedBy: f.DecidedBy, OutcomeIDs: f.Outcomes, Chosen: -1,
		Consultees: slices.Clone(f.Consultees), Options: slices.Clone(f.Options)}
	for _, it := range capacity.Items() {
		b.Checklist[it] = capacity.Check{State: f.Checks[string(it)], Notes: f.Notes[string(it)]}
	}
	if n, err := strconv.Atoi(f.Chosen); err == nil {
		b.Chosen = n
	}
	return b
}

// biDifferences lists where the decision someone else recorded differs from the one typed, as the conflict panel
// shows them: the checklist item by item, then the rest of the form in its order.
func biDifferences(theirs, typed capacity.BestInterests, categories, outcomes []web.Item) []web.Difference {
	var rows [][3]string
	for _, it := range capacity.Items() {
		rows = append(rows, [3]string{it.Label(), checkText(theirs.Checklist[it]), checkText(typed.Checklist[it])})
	}
	consulted := func(b capacity.BestInterests) string {
		var out []string
		for _, c := range b.Consultees {
			who := c.Name
			if c.Relationship != "" {
				who += " (" + c.Relationship + ")"
			}
			out = append(out, who+", "+web.ChosenText(categories, string(c.Category))+": "+c.Views)
		}
		return strings.Join(out, "; ")
	}
	options := func(b capacity.BestInterests) string {
		var out []string
		for _, o := range b.OrderedOptions() {
			text := o.Option.Text
			if o.Option.LessRestrictive {
				text += " (less restrictive)"
			}
			out = append(out, text)
		}
		return strings.Join(out, "; ")
	}
	rows = append(rows,
		[3]string{"Past and present wishes and feelings", theirs.Wishes, typed.Wishes},
		[3]string{"Beliefs and values", theirs.Beliefs, typed.Beliefs},
		[3]string{"Other factors", theirs.OtherFactors, typed.OtherFactors},
		[3]string{"People consulted", consulted(theirs), consulted(typed)},
		[3]string{"Why nobody could be consulted", theirs.NoConsulteeReason, typed.NoConsulteeReason},
		[3]string{"Options, less restrictive first", options(theirs), options(typed)},
		[3]string{"The option in their best interests", theirs.ChosenOption().Text, typed.ChosenOption().Text},
		[3]string{"Why it is in their best interests", theirs.ChosenWhy, typed.ChosenWhy},
		[3]string{"The decision", theirs.Decision, typed.Decision},
		[3]string{"Who made the decision", theirs.DecidedBy, typed.DecidedBy},
		[3]string{"Date of the decision", web.DateText(theirs.DecidedOn.Time), web.DateText(typed.DecidedOn.Time)},
		[3]string{"Outcomes it affects", web.ChosenText(outcomes, theirs.OutcomeIDs...), web.ChosenText(outcomes, typed.OutcomeIDs...)},
	)
	return web.Differences(rows...)
}

// checkText is how a checklist item was addressed, as the decision's record says it.
func checkText(c capacity.Check) string {
	switch c.State {
	case capacity.NotApplicable:
		return "Not applicable"
	case capacity.Considered:
		return "Considered: " + c.Notes
	}
	return ""
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
