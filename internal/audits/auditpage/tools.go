package auditpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
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
	Added   map[int]addedQuestion // what was typed to add to each section, by its place
	Scales  []web.Item
}

// addedQuestion is a question typed to add to a section of a tool.
type addedQuestion struct {
	Text, Guidance, Scale string
}

// addField is the form field of part of the question to add to the i-th section (from 0, as the form counts them).
func addField(i int, part string) string { return fmt.Sprintf("add-%d-%s", i, part) }

// toolEdit is a tool as its form changes it, with the version it was changed from.
type toolEdit struct {
	audits.Tool
	From int
}

// EditTool changes a tool's name and the wording and guidance of its questions, adds a question to a section and
// removes one (never the overall grade) (GET and POST
// /quality/tools/{tool}/edit): for the quality lead. A tool a round has used keeps that version for the round, and
// the change becomes the tool's next version.
func (p *Pages) EditTool() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("tool")
		data := &toolEditData{Page: web.NewPage(r, "Change the audit tool"), Scales: []web.Item{
			{Value: string(audits.Quality), Text: "Outstanding, good, requires improvement or inadequate"},
			{Value: string(audits.YesNo), Text: "Yes, partly, no or not applicable"}}}
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
				data.Added = map[int]addedQuestion{}
				for i := range t.Sections {
					var kept []audits.Question
					for _, q := range t.Sections[i].Questions {
						q.Text = strings.TrimSpace(f.Get("question-" + q.Key))
						q.Guidance = strings.TrimSpace(f.Get("guidance-" + q.Key))
						if f.Get("remove-"+q.Key) == "yes" {
							if q.Key == audits.OverallKey {
								errs.Add("question-"+q.Key, "The overall grade cannot be removed: a round’s findings count it by team")
							} else {
								continue
							}
						}
						kept = append(kept, q)
					}
					// A question added to the section: its key is new, so that no round's grades are read against it.
					add := addedQuestion{Text: strings.TrimSpace(f.Get(addField(i, "text"))), Guidance: strings.TrimSpace(f.Get(addField(i, "guidance"))),
						Scale: f.Get(addField(i, "scale"))}
					data.Added[i] = add
					switch {
					case add.Text == "" && add.Guidance == "":
					case add.Text == "":
						errs.Add(addField(i, "text"), "Enter the question to add, or leave its guidance empty")
					case audits.Scale(add.Scale) != audits.Quality && audits.Scale(add.Scale) != audits.YesNo:
						errs.Add(addField(i, "scale"), "Select how the question to add is graded")
					default:
						kept = append(kept, audits.Question{Key: "q" + strings.ReplaceAll(sqldb.NewID(), "-", "")[:12], Text: add.Text,
							Guidance: add.Guidance, Scale: audits.Scale(add.Scale)})
					}
					t.Sections[i].Questions = kept
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
