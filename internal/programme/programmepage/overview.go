package programmepage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// phaseRow is a phase as the overview's timeline shows it.
type phaseRow struct {
	programme.PhasePlan
	Late bool
}

// milestoneRow is a milestone as a list shows it.
type milestoneRow struct {
	programme.Milestone
	Overdue bool
}

// workstreamRow is a workstream with its milestones.
type workstreamRow struct {
	programme.Workstream
	Milestones []milestoneRow
}

type overview struct {
	web.Page
	Started        bool
	Changes        bool
	P              programme.Programme
	Phases         []phaseRow
	Workstreams    []workstreamRow
	Red, Amber     int
	Green          int
	Milestones     int
	OverdueActions int
	VeryHighRisks  int
	DecisionsDue   int
}

func rowOf(m programme.Milestone, today sqldb.Date) milestoneRow {
	return milestoneRow{Milestone: m, Overdue: m.Overdue(today)}
}

// Overview is the programme at a glance (GET /programme): its phases as a timeline, its milestones by workstream
// with their RAG (and the reason beside an amber or red), and how many actions are overdue, risks very high and
// decisions needed. Before a council starts its programme, its owners are offered to start it.
func (p *Pages) Overview() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		ctx, today := web.Route(r), web.Today(r)
		data := &overview{Page: web.NewPage(r, "Implementation programme"), Changes: web.Can(r, changes)}
		prog, err := p.store.Programme(ctx)
		if errors.Is(err, sqldb.ErrNotFound) {
			return p.tmpl.Render(w, r, http.StatusOK, "programme/overview.html", data)
		}
		if err != nil {
			return err
		}
		data.Started, data.P, data.Title = true, prog, prog.Name
		phases, err := p.store.Phases(ctx)
		if err != nil {
			return err
		}
		for _, ph := range phases {
			data.Phases = append(data.Phases, phaseRow{PhasePlan: ph, Late: ph.Late(today)})
		}
		ws, err := p.store.Workstreams(ctx)
		if err != nil {
			return err
		}
		ms, err := p.store.Milestones(ctx)
		if err != nil {
			return err
		}
		for _, w := range ws {
			row := workstreamRow{Workstream: w}
			for _, m := range ms {
				if m.WorkstreamID == w.ID {
					row.Milestones = append(row.Milestones, rowOf(m, today))
				}
			}
			data.Workstreams = append(data.Workstreams, row)
		}
		for _, m := range ms {
			switch m.RAG {
			case programme.Red:
				data.Red++
			case programme.Amber:
				data.Amber++
			default:
				data.Green++
			}
		}
		data.Milestones = len(ms)
		actions, err := p.store.Actions(ctx)
		if err != nil {
			return err
		}
		for _, a := range actions {
			if a.Overdue(today) {
				data.OverdueActions++
			}
		}
		risks, err := p.store.Risks(ctx)
		if err != nil {
			return err
		}
		for _, rk := range risks {
			if rk.Status == programme.RiskOpen && rk.Band() == programme.BandVeryHigh {
				data.VeryHighRisks++
			}
		}
		decisions, err := p.store.Decisions(ctx)
		if err != nil {
			return err
		}
		for _, d := range decisions {
			if d.Needed() {
				data.DecisionsDue++
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/overview.html", data)
	})
}

type programmeForm struct {
	web.Page
	web.ConflictPanel
	Editing          bool
	Name, Aim, Board string
	Lead             string
	StartedOn        web.DateInput
	Version          int
	LeadItems        []web.Item
}

var programmeOrder = []string{"version", "name", "aim", "lead", "board", "started_on"}

func (data *programmeForm) fill(pr programme.Programme) {
	data.Name, data.Aim, data.Board, data.Lead = pr.Name, pr.Aim, pr.Board, pr.LeadStaffID
	data.StartedOn, data.Version = web.DateInputOf(pr.StartedOn.Time), pr.Version
}

func (data *programmeForm) read(f url.Values, errs *web.Errors) programme.Programme {
	data.Name, data.Aim, data.Board, data.Lead = f.Get("name"), f.Get("aim"), f.Get("board"), f.Get("lead")
	data.StartedOn, data.Version = web.DateInputFrom(f, "started_on"), web.FormVersion(f, "version")
	pr := programme.Programme{Name: data.Name, Aim: data.Aim, Board: data.Board, LeadStaffID: data.Lead, Version: data.Version,
		StartedOn: web.ReadDate(errs, data.StartedOn, "started_on", "The date the programme started")}
	checkForm(errs, programme.Check(pr))
	return pr
}

// Start starts the council's programme (GET and POST /programme/start): for its owners. The four phases and three
// standard workstreams come with it.
func (p *Pages) Start() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &programmeForm{Page: web.NewPage(r, "Start the implementation programme")}
		data.Back = paths.Programme.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Programme]{
			Template: "programme/programme-form.html",
			Order:    programmeOrder,
			Load: func() (programme.Programme, error) {
				var err error
				data.LeadItems, err = p.staffItems(r)
				return programme.Programme{}, err
			},
			Fill: func(programme.Programme) {
				data.Name, data.Board = "Strengths-based practice programme", "Programme Board"
				data.StartedOn = web.DateInputOf(web.Today(r).Time)
			},
			Read: data.read,
			Save: func(pr programme.Programme) (programme.Programme, error) {
				return p.store.StartProgramme(web.Route(r), pr)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(pr programme.Programme) error {
				return flashTo(w, r, pr.Name+" started, with its four phases and three workstreams", paths.Programme.URL())
			},
		})
	})
}

// Edit changes the programme's name, aim, lead, board and start (GET and POST /programme/edit): for its owners.
func (p *Pages) Edit() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &programmeForm{Page: web.NewPage(r, "Change the programme"), Editing: true}
		data.Back = paths.Programme.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Programme]{
			Template: "programme/programme-form.html",
			Order:    programmeOrder,
			Conflict: "Someone else changed the programme while you were editing it. Check their changes, then save again",
			Load: func() (programme.Programme, error) {
				pr, err := p.store.Programme(web.Route(r))
				if err != nil {
					return pr, err
				}
				data.LeadItems, err = p.staffItems(r)
				return pr, err
			},
			Fill: data.fill,
			Read: data.read,
			Save: func(pr programme.Programme) (programme.Programme, error) {
				return p.store.UpdateProgramme(web.Route(r), pr)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Programme) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Name", saved.Name, strings.TrimSpace(typed.Name)},
					[3]string{"Aim", saved.Aim, strings.TrimSpace(typed.Aim)},
					[3]string{"Who leads it", chosen(data.LeadItems, saved.LeadStaffID), chosen(data.LeadItems, typed.LeadStaffID)},
					[3]string{"Board", saved.Board, strings.TrimSpace(typed.Board)},
					[3]string{"Started", web.DateText(saved.StartedOn.Time), data.StartedOn.Text()},
				)
			},
			Done: func(pr programme.Programme) error {
				return flashTo(w, r, "Programme changed", paths.Programme.URL())
			},
		})
	})
}

type phaseForm struct {
	web.Page
	web.ConflictPanel
	Phase                    programme.Phase
	PlannedStart, PlannedEnd web.DateInput
	Status, Findings         string
	Version                  int
	StatusItems              []web.Item
}

var phaseOrder = []string{"version", "planned_start", "planned_end", "status", "findings"}

// Phase changes one phase's planned dates, status and what it found or decided (GET and POST
// /programme/phases/{phase}): for the programme's owners.
func (p *Pages) Phase() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		ph := programme.Phase(r.PathValue("phase"))
		data := &phaseForm{Page: web.NewPage(r, "Change the "+ph.Label()+" phase"), Phase: ph, StatusItems: items(programme.PhaseStatuses)}
		data.Back = paths.Programme.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.PhasePlan]{
			Template: "programme/phase-form.html",
			Order:    phaseOrder,
			Conflict: "Someone else changed this phase while you were editing it. Check their changes, then save again",
			Load: func() (programme.PhasePlan, error) {
				phases, err := p.store.Phases(web.Route(r))
				if err != nil {
					return programme.PhasePlan{}, err
				}
				for _, x := range phases {
					if x.Phase == ph {
						return x, nil
					}
				}
				return programme.PhasePlan{}, web.NotFound
			},
			Fill: func(x programme.PhasePlan) {
				data.PlannedStart, data.PlannedEnd = web.DateInputOf(x.PlannedStart.Time), web.DateInputOf(x.PlannedEnd.Time)
				data.Status, data.Findings, data.Version = string(x.Status), x.Findings, x.Version
			},
			Read: func(f url.Values, errs *web.Errors) programme.PhasePlan {
				data.PlannedStart, data.PlannedEnd = web.DateInputFrom(f, "planned_start"), web.DateInputFrom(f, "planned_end")
				data.Status, data.Findings, data.Version = f.Get("status"), f.Get("findings"), web.FormVersion(f, "version")
				x := programme.PhasePlan{Phase: ph, Status: programme.PhaseStatus(data.Status), Findings: data.Findings, Version: data.Version,
					PlannedStart: web.ReadDate(errs, data.PlannedStart, "planned_start", "The planned start"),
					PlannedEnd:   web.ReadDate(errs, data.PlannedEnd, "planned_end", "The planned end")}
				checkForm(errs, programme.Check(x))
				return x
			},
			Save:     func(x programme.PhasePlan) (programme.PhasePlan, error) { return p.store.UpdatePhase(web.Route(r), x) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.PhasePlan) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Planned start", web.DateText(saved.PlannedStart.Time), data.PlannedStart.Text()},
					[3]string{"Planned end", web.DateText(saved.PlannedEnd.Time), data.PlannedEnd.Text()},
					[3]string{"Status", saved.Status.Label(), typed.Status.Label()},
					[3]string{"What it found or decided", saved.Findings, strings.TrimSpace(typed.Findings)},
				)
			},
			Done: func(x programme.PhasePlan) error {
				return flashTo(w, r, "The "+ph.Label()+" phase changed", paths.Programme.URL())
			},
		})
	})
}

type workstreamForm struct {
	web.Page
	web.ConflictPanel
	Editing   bool
	Name, Aim string
	Version   int
}

var workstreamOrder = []string{"version", "name", "aim"}

func (data *workstreamForm) read(f url.Values, errs *web.Errors, id string) programme.Workstream {
	data.Name, data.Aim, data.Version = f.Get("name"), f.Get("aim"), web.FormVersion(f, "version")
	ws := programme.Workstream{ID: id, Name: data.Name, Aim: data.Aim, Version: data.Version}
	checkForm(errs, programme.Check(ws))
	return ws
}

// NewWorkstream adds a workstream (GET and POST /programme/workstreams/new): for the programme's owners.
func (p *Pages) NewWorkstream() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &workstreamForm{Page: web.NewPage(r, "Add a workstream")}
		data.Back = paths.Programme.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Workstream]{
			Template: "programme/workstream-form.html",
			Order:    workstreamOrder,
			Load: func() (programme.Workstream, error) {
				_, err := p.store.Programme(web.Route(r))
				return programme.Workstream{}, err
			},
			Read: func(f url.Values, errs *web.Errors) programme.Workstream { return data.read(f, errs, "") },
			Save: func(ws programme.Workstream) (programme.Workstream, error) {
				return p.store.AddWorkstream(web.Route(r), ws)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(ws programme.Workstream) error {
				return flashTo(w, r, ws.Name+" added", paths.Programme.URL())
			},
		})
	})
}

// EditWorkstream renames a workstream or changes its aim (GET and POST /programme/workstreams/{workstream}): for
// the programme's owners.
func (p *Pages) EditWorkstream() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("workstream")
		data := &workstreamForm{Page: web.NewPage(r, "Change a workstream"), Editing: true}
		data.Back = paths.Programme.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Workstream]{
			Template: "programme/workstream-form.html",
			Order:    workstreamOrder,
			Conflict: "Someone else changed this workstream while you were editing it. Check their changes, then save again",
			Load:     func() (programme.Workstream, error) { return p.store.Workstream(web.Route(r), id) },
			Fill: func(ws programme.Workstream) {
				data.Name, data.Aim, data.Version, data.Title = ws.Name, ws.Aim, ws.Version, "Change "+ws.Name
			},
			Read: func(f url.Values, errs *web.Errors) programme.Workstream { return data.read(f, errs, id) },
			Save: func(ws programme.Workstream) (programme.Workstream, error) {
				return p.store.UpdateWorkstream(web.Route(r), ws)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Workstream) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Name", saved.Name, strings.TrimSpace(typed.Name)},
					[3]string{"Aim", saved.Aim, strings.TrimSpace(typed.Aim)},
				)
			},
			Done: func(ws programme.Workstream) error {
				return flashTo(w, r, ws.Name+" changed", paths.Programme.URL())
			},
		})
	})
}
