package auditpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
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
	Tool      audits.Tool
	CanChange bool
}

// Tool shows one version of a tool with its sections, questions, guidance, scales and the checks beside them (GET
// /quality/tools/{tool}): for those who audit, so that an auditor can read the tool a round uses.
func (p *Pages) Tool() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		t, err := p.store.Tool(web.Route(r), r.PathValue("tool"))
		if err != nil {
			return err
		}
		data := toolData{Page: web.NewPage(r, t.Name), Tool: t, CanChange: web.Can(r, councils.Role.RunsAudits)}
		data.Back = paths.AuditTools.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "quality/tool.html", data)
	})
}

type toolEditData struct {
	web.Page
	web.ConflictPanel
	Tool    audits.Tool
	Name    string
	Version int
}

// toolEdit is a tool as its form changes it, with the version it was changed from.
type toolEdit struct {
	audits.Tool
	From int
}

// EditTool changes a tool's name and the wording and guidance of its questions (GET and POST
// /quality/tools/{tool}/edit): for the quality lead. A tool a round has used keeps that version for the round, and
// the change becomes the tool's next version.
func (p *Pages) EditTool() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("tool")
		data := &toolEditData{Page: web.NewPage(r, "Change the audit tool")}
		data.Back = paths.AuditTool.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[toolEdit]{
			Template: "quality/tool_edit.html",
			Order:    []string{"version", "name"},
			Conflict: "Someone else changed this tool while you were editing it. Check their version below, then save again to keep yours",
			Load: func() (toolEdit, error) {
				t, err := p.store.Tool(web.Route(r), id)
				if err != nil {
					return toolEdit{}, err
				}
				if data.Tool.ID == "" {
					data.Tool = t
				}
				return toolEdit{Tool: t, From: t.Version}, nil
			},
			Fill: func(t toolEdit) { data.Tool, data.Name, data.Version = t.Tool, t.Name, t.Version },
			Read: func(f url.Values, errs *web.Errors) toolEdit {
				t, err := p.store.Tool(web.Route(r), id)
				if err != nil {
					errs.Add("name", "This tool cannot be found")
					return toolEdit{}
				}
				data.Name, data.Version = f.Get("name"), web.FormVersion(f, "version")
				t.Name = strings.TrimSpace(data.Name)
				for i := range t.Sections {
					for j := range t.Sections[i].Questions {
						q := &t.Sections[i].Questions[j]
						q.Text = strings.TrimSpace(f.Get("question-" + q.Key))
						q.Guidance = strings.TrimSpace(f.Get("guidance-" + q.Key))
					}
				}
				data.Tool = t
				web.AddProblems(errs, t.Validate(), nil)
				return toolEdit{Tool: t, From: data.Version}
			},
			Save: func(t toolEdit) (toolEdit, error) {
				saved, err := p.store.ChangeTool(web.Route(r), t.Tool, t.From)
				return toolEdit{Tool: saved, From: saved.Version}, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed toolEdit) []web.Difference {
				data.Version = saved.Version
				rows := [][3]string{{"Name", saved.Name, typed.Name}}
				for _, q := range saved.Questions() {
					if tq, ok := typed.Question(q.Key); ok {
						rows = append(rows, [3]string{q.Key, q.Text, tq.Text})
					}
				}
				return web.Differences(rows...)
			},
			Done: func(t toolEdit) error {
				web.SetFlash(r, fmt.Sprintf("%s saved as version %d", t.Name, t.Version))
				http.Redirect(w, r, paths.AuditTool.URL(t.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
