package app

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme/programmepage"
	"github.com/golden-thread/goldenthread/internal/web"
)

// programmeRoutes mounts the implementation programme (internal/programme): the overview, the programme, its phases
// and workstreams, milestones with their evidence and seed 001's template, the action plan, the risk log and the
// decisions and issues log. Each page checks its own role (councils.Role.ReadsProgramme, ChangesProgramme).
func (a *App) programmeRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	p := programmepage.New(tmpl, a.Programme, a.Councils)
	page(paths.Programme.Route("GET"), p.Overview())
	for _, m := range []string{"GET", "POST"} {
		page(paths.ProgrammeStart.Route(m), p.Start())
		page(paths.ProgrammeEdit.Route(m), p.Edit())
		page(paths.ProgrammePhase.Route(m), p.Phase())
		page(paths.NewProgrammeWorkstream.Route(m), p.NewWorkstream())
		page(paths.ProgrammeWorkstream.Route(m), p.EditWorkstream())
		page(paths.ProgrammeTemplate.Route(m), p.Template())
		page(paths.NewProgrammeMilestone.Route(m), p.NewMilestone())
		page(paths.ProgrammeMilestoneEdit.Route(m), p.EditMilestone())
		page(paths.NewProgrammeAction.Route(m), p.NewAction())
		page(paths.ProgrammeAction.Route(m), p.EditAction())
		page(paths.NewProgrammeRisk.Route(m), p.NewRisk())
		page(paths.ProgrammeRisk.Route(m), p.EditRisk())
		page(paths.NewProgrammeDecision.Route(m), p.NewDecision())
		page(paths.ProgrammeDecision.Route(m), p.EditDecision())
	}
	page(paths.ProgrammeMilestones.Route("GET"), p.Milestones())
	page(paths.ProgrammeMilestone.Route("GET"), p.Milestone())
	page(paths.ProgrammeEvidence.Route("POST"), p.AddEvidence())
	page(paths.ProgrammeDocument.Route("GET"), p.Document())
	page(paths.ProgrammeEvidenceRemove.Route("POST"), p.RemoveEvidence())
	page(paths.ProgrammeActions.Route("GET"), p.Actions())
	page(paths.ProgrammeRisks.Route("GET"), p.Risks())
	page(paths.ProgrammeDecisions.Route("GET"), p.Decisions())
}
