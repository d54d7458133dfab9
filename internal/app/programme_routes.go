package app

import (
	"github.com/golden-thread/goldenthread/internal/board/boardpage"
	"github.com/golden-thread/goldenthread/internal/kpis/kpipage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// programmeKPIRoutes mounts the implementation programme's KPIs (internal/kpis): the KPIs as at today, one KPI
// against its trajectory, and setting or changing one; and the Programme Board report.
func (a *App) programmeKPIRoutes(tmpl *web.Templates, page func(string, web.Handler)) {
	k := kpipage.New(tmpl, a.KPIs)
	page(paths.ProgrammeKPIs.Route("GET"), k.List())
	page(paths.NewProgrammeKPI.Route("GET"), k.New())
	page(paths.NewProgrammeKPI.Route("POST"), k.New())
	page(paths.ProgrammeKPI.Route("GET"), k.KPI())
	page(paths.ProgrammeKPIEdit.Route("GET"), k.Edit())
	page(paths.ProgrammeKPIEdit.Route("POST"), k.Edit())
	// The Programme Board report (internal/board): as at a day, printed or as a tagged PDF, and issued.
	b := boardpage.New(tmpl, a.Board, a.PDF, a.log)
	page(paths.ProgrammeBoard.Route("GET"), b.Report())
	page(paths.ProgrammeBoardPDF.Route("GET"), b.PDF())
	page(paths.ProgrammeBoardIssue.Route("POST"), b.Issue())
}
