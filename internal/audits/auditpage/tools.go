package auditpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type toolsData struct {
	web.Page
	Tools []audits.Tool
}

// Tools lists the council's audit tools, each at its latest version (GET /quality/tools): for the quality lead.
func (p *Pages) Tools() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		tools, err := p.store.Tools(web.Route(r))
		if err != nil {
			return err
		}
		data := toolsData{Page: web.NewPage(r, "Audit tools"), Tools: tools}
		data.Back = paths.Quality.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "quality/tools.html", data)
	})
}

type toolData struct {
	web.Page
	Tool audits.Tool
}

// Tool shows one version of a tool with its sections, questions, guidance, scales and the checks beside them (GET
// /quality/tools/{tool}): for those who audit, so that an auditor can read the tool a round uses.
func (p *Pages) Tool() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		t, err := p.store.Tool(web.Route(r), r.PathValue("tool"))
		if err != nil {
			return err
		}
		data := toolData{Page: web.NewPage(r, t.Name), Tool: t}
		data.Back = paths.AuditTools.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "quality/tool.html", data)
	})
}
