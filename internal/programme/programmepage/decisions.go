package programmepage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// decisionRow is an entry of the log as the list shows it.
type decisionRow struct {
	programme.Decision
	Needed, Overdue bool
}

type decisionList struct {
	web.Page
	Changes   bool
	Decisions []decisionRow
	Needed    int
}

// Decisions is the decisions and issues log, open entries first by when they are needed (GET
// /programme/decisions).
func (p *Pages) Decisions() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		ds, err := p.store.Decisions(web.Route(r))
		if err != nil {
			return err
		}
		data := &decisionList{Page: web.NewPage(r, "Decisions and issues"), Changes: web.Can(r, changes)}
		data.Back = paths.Programme.URL()
		for _, d := range ds {
			row := decisionRow{Decision: d, Needed: d.Needed(), Overdue: d.NeededOverdue(web.Today(r))}
			if row.Needed {
				data.Needed++
			}
			data.Decisions = append(data.Decisions, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/decisions.html", data)
	})
}

type decisionForm struct {
	web.Page
	web.ConflictPanel
	Editing                                bool
	Kind, What, RaisedBy, Decider, Outcome string
	Status                                 string
	RaisedOn, NeededBy                     web.DateInput
	Version                                int
	KindItems, StatusItems                 []web.Item
}

var decisionOrder = []string{"version", "kind", "what", "raised_by", "raised_on", "needed_by", "decider", "outcome", "status"}

func (data *decisionForm) read(f url.Values, errs *web.Errors, id string) programme.Decision {
	data.Kind, data.What, data.RaisedBy, data.Decider = f.Get("kind"), f.Get("what"), f.Get("raised_by"), f.Get("decider")
	data.Outcome, data.Status, data.Version = f.Get("outcome"), f.Get("status"), web.FormVersion(f, "version")
	data.RaisedOn, data.NeededBy = web.DateInputFrom(f, "raised_on"), web.DateInputFrom(f, "needed_by")
	d := programme.Decision{ID: id, Kind: programme.DecisionKind(data.Kind), What: data.What, RaisedBy: data.RaisedBy,
		Decider: data.Decider, Outcome: data.Outcome, Status: programme.DecisionStatus(data.Status), Version: data.Version,
		RaisedOn: web.ReadDate(errs, data.RaisedOn, "raised_on", "The date it was raised"),
		NeededBy: web.ReadDate(errs, data.NeededBy, "needed_by", "The date it is needed by")}
	checkForm(errs, programme.Check(d))
	return d
}

func (data *decisionForm) fill(d programme.Decision) {
	data.Kind, data.What, data.RaisedBy, data.Decider, data.Outcome = string(d.Kind), d.What, d.RaisedBy, d.Decider, d.Outcome
	data.Status, data.RaisedOn, data.NeededBy = string(d.Status), web.DateInputOf(d.RaisedOn.Time), web.DateInputOf(d.NeededBy.Time)
	data.Version = d.Version
}

func newDecisionForm(r *http.Request, title string, editing bool) *decisionForm {
	data := &decisionForm{Page: web.NewPage(r, title), Editing: editing, KindItems: items(programme.DecisionKinds),
		StatusItems: items(programme.DecisionStatuses)}
	data.Back = paths.ProgrammeDecisions.URL()
	return data
}

// NewDecision adds a decision needed, a decision made or an issue to the log (GET and POST
// /programme/decisions/new): for the programme's owners.
func (p *Pages) NewDecision() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := newDecisionForm(r, "Add a decision or issue", false)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Decision]{
			Template: "programme/decision-form.html",
			Order:    decisionOrder,
			Load: func() (programme.Decision, error) {
				_, err := p.store.Programme(web.Route(r))
				return programme.Decision{}, err
			},
			Fill: func(programme.Decision) {
				data.Kind, data.Status, data.Decider = string(programme.DecisionNeeded), string(programme.DecisionOpen), "Programme Board"
				data.RaisedOn = web.DateInputOf(web.Today(r).Time)
			},
			Read:     func(f url.Values, errs *web.Errors) programme.Decision { return data.read(f, errs, "") },
			Save:     func(d programme.Decision) (programme.Decision, error) { return p.store.AddDecision(web.Route(r), d) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(d programme.Decision) error {
				return flashTo(w, r, d.Kind.Label()+" added", paths.ProgrammeDecisions.URL())
			},
		})
	})
}

// EditDecision changes an entry of the log, recording a decision's outcome (GET and POST
// /programme/decisions/{decision}): for the programme's owners.
func (p *Pages) EditDecision() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("decision")
		data := newDecisionForm(r, "Change a decision or issue", true)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Decision]{
			Template: "programme/decision-form.html",
			Order:    decisionOrder,
			Conflict: "Someone else changed this entry while you were editing it. Check their changes, then save again",
			Load:     func() (programme.Decision, error) { return p.store.Decision(web.Route(r), id) },
			Fill:     data.fill,
			Read:     func(f url.Values, errs *web.Errors) programme.Decision { return data.read(f, errs, id) },
			Save:     func(d programme.Decision) (programme.Decision, error) { return p.store.UpdateDecision(web.Route(r), d) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Decision) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Kind", saved.Kind.Label(), typed.Kind.Label()},
					[3]string{"What", saved.What, strings.TrimSpace(typed.What)},
					[3]string{"Raised by", saved.RaisedBy, strings.TrimSpace(typed.RaisedBy)},
					[3]string{"Raised on", web.DateText(saved.RaisedOn.Time), data.RaisedOn.Text()},
					[3]string{"Needed by", web.DateText(saved.NeededBy.Time), data.NeededBy.Text()},
					[3]string{"Who decides", saved.Decider, strings.TrimSpace(typed.Decider)},
					[3]string{"Outcome", saved.Outcome, strings.TrimSpace(typed.Outcome)},
					[3]string{"Status", saved.Status.Label(), typed.Status.Label()},
				)
			},
			Done: func(d programme.Decision) error {
				return flashTo(w, r, "Entry changed", paths.ProgrammeDecisions.URL())
			},
		})
	})
}
