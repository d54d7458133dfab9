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

// actionRow is an action as the plan shows it.
type actionRow struct {
	programme.Action
	Overdue        bool
	MilestoneTitle string
}

type actionList struct {
	web.Page
	Changes bool
	Actions []actionRow
	Overdue int
}

// Actions is the action plan: who does what, by when, and how, with what is overdue (GET /programme/actions).
func (p *Pages) Actions() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		ctx := web.Route(r)
		as, err := p.store.Actions(ctx)
		if err != nil {
			return err
		}
		ms, err := p.store.Milestones(ctx)
		if err != nil {
			return err
		}
		titles := map[string]string{}
		for _, m := range ms {
			titles[m.ID] = m.Title
		}
		data := &actionList{Page: web.NewPage(r, "Action plan"), Changes: web.Can(r, changes)}
		data.Back = paths.Programme.URL()
		for _, a := range as {
			row := actionRow{Action: a, Overdue: a.Overdue(web.Today(r)), MilestoneTitle: titles[a.MilestoneID]}
			if row.Overdue {
				data.Overdue++
			}
			data.Actions = append(data.Actions, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/actions.html", data)
	})
}

type actionForm struct {
	web.Page
	web.ConflictPanel
	Editing                  bool
	What, Owner, How, Status string
	Milestone                string
	DueOn                    web.DateInput
	Version                  int
	OwnerItems, StatusItems  []web.Item
	MilestoneItems           []web.Item
}

var actionOrder = []string{"version", "what", "owner", "due_on", "how", "status", "milestone"}

func (p *Pages) loadActionForm(r *http.Request, data *actionForm) error {
	ms, err := p.store.Milestones(web.Route(r))
	if err != nil {
		return err
	}
	data.MilestoneItems = []web.Item{{Value: "", Text: "Not linked to a milestone"}}
	for _, m := range ms {
		data.MilestoneItems = append(data.MilestoneItems, web.Item{Value: m.ID, Text: m.Title})
	}
	data.StatusItems = items(programme.ActionStatuses)
	data.OwnerItems, err = p.staffItems(r)
	return err
}

func (data *actionForm) read(f url.Values, errs *web.Errors, id string) programme.Action {
	data.What, data.Owner, data.How, data.Status = f.Get("what"), f.Get("owner"), f.Get("how"), f.Get("status")
	data.Milestone, data.DueOn, data.Version = f.Get("milestone"), web.DateInputFrom(f, "due_on"), web.FormVersion(f, "version")
	a := programme.Action{ID: id, What: data.What, OwnerStaffID: data.Owner, How: data.How, Status: programme.ActionStatus(data.Status),
		MilestoneID: data.Milestone, Version: data.Version, DueOn: web.ReadDate(errs, data.DueOn, "due_on", "The date it is due by")}
	checkForm(errs, programme.Check(a))
	return a
}

func (data *actionForm) fill(a programme.Action) {
	data.What, data.Owner, data.How, data.Status = a.What, a.OwnerStaffID, a.How, string(a.Status)
	data.Milestone, data.DueOn, data.Version = a.MilestoneID, web.DateInputOf(a.DueOn.Time), a.Version
}

// NewAction adds an action to the plan (GET and POST /programme/actions/new), linked to the milestone named in the
// query when there is one: for the programme's owners.
func (p *Pages) NewAction() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &actionForm{Page: web.NewPage(r, "Add an action")}
		data.Back = paths.ProgrammeActions.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Action]{
			Template: "programme/action-form.html",
			Order:    actionOrder,
			Load:     func() (programme.Action, error) { return programme.Action{}, p.loadActionForm(r, data) },
			Fill: func(programme.Action) {
				data.Status, data.Milestone = string(programme.ActionNotStarted), r.URL.Query().Get("milestone")
			},
			Read:     func(f url.Values, errs *web.Errors) programme.Action { return data.read(f, errs, "") },
			Save:     func(a programme.Action) (programme.Action, error) { return p.store.AddAction(web.Route(r), a) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done:     func(a programme.Action) error { return flashTo(w, r, "Action added", paths.ProgrammeActions.URL()) },
		})
	})
}

// EditAction changes an action (GET and POST /programme/actions/{action}): for the programme's owners.
func (p *Pages) EditAction() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("action")
		data := &actionForm{Page: web.NewPage(r, "Change an action"), Editing: true}
		data.Back = paths.ProgrammeActions.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Action]{
			Template: "programme/action-form.html",
			Order:    actionOrder,
			Conflict: "Someone else changed this action while you were editing it. Check their changes, then save again",
			Load: func() (programme.Action, error) {
				a, err := p.store.Action(web.Route(r), id)
				if err != nil {
					return a, err
				}
				return a, p.loadActionForm(r, data)
			},
			Fill:     data.fill,
			Read:     func(f url.Values, errs *web.Errors) programme.Action { return data.read(f, errs, id) },
			Save:     func(a programme.Action) (programme.Action, error) { return p.store.UpdateAction(web.Route(r), a) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Action) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"What", saved.What, strings.TrimSpace(typed.What)},
					[3]string{"Who", chosen(data.OwnerItems, saved.OwnerStaffID), chosen(data.OwnerItems, typed.OwnerStaffID)},
					[3]string{"By when", web.DateText(saved.DueOn.Time), data.DueOn.Text()},
					[3]string{"How", saved.How, strings.TrimSpace(typed.How)},
					[3]string{"Status", saved.Status.Label(), typed.Status.Label()},
					[3]string{"Milestone", chosen(data.MilestoneItems, saved.MilestoneID), chosen(data.MilestoneItems, typed.MilestoneID)},
				)
			},
			Done: func(a programme.Action) error { return flashTo(w, r, "Action changed", paths.ProgrammeActions.URL()) },
		})
	})
}
