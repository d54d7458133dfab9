// Package modelpage provides the practice models' pages, among the council's quality pages: the council's models
// with the one chosen and the history of choices, where the quality lead chooses the council's model; a model with
// its headings and prompts; and the forms to add a model and to change one (its prompts, for a built-in model).
package modelpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of practicemodels.Store.
type Store interface {
	Models(ctx context.Context) ([]practicemodels.Model, error)
	Model(ctx context.Context, id string) (practicemodels.Model, error)
	Current(ctx context.Context) (practicemodels.Model, error)
	Choices(ctx context.Context) ([]practicemodels.Choice, error)
	Add(ctx context.Context, m practicemodels.Model) (practicemodels.Model, error)
	Update(ctx context.Context, m practicemodels.Model) (practicemodels.Model, error)
	Choose(ctx context.Context, modelID, reason string) (practicemodels.Choice, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// modelsData is the models page: the council's model, the models offered, the choice form and its history.
type modelsData struct {
	web.Page
	web.ConflictPanel
	Keeps   bool
	Current practicemodels.Model
	Models  []practicemodels.Model
	Choices []practicemodels.Choice
	Items   []web.Item
	Chosen  string
	Reason  string
}

var choiceOrder = []string{"model", "reason"}

// Models lists the council's practice models with the one chosen (GET /quality/practice-models); the quality lead
// chooses the council's model from it (POST), recorded with who, when and why.
func (p *Pages) Models() web.Handler {
	return web.Requires(practicemodels.Reads, web.RequiresToChange(practicemodels.Keeps, func(w http.ResponseWriter, r *http.Request) error {
		data := &modelsData{Page: web.NewPage(r, "Practice models"), Keeps: web.Can(r, practicemodels.Keeps)}
		data.Back = paths.Quality.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicemodels.Choice]{
			Template: "practicemodels/models.html",
			Order:    choiceOrder,
			Load: func() (practicemodels.Choice, error) {
				var err error
				if data.Models, err = p.store.Models(web.Route(r)); err != nil {
					return practicemodels.Choice{}, err
				}
				if data.Current, err = p.store.Current(web.Route(r)); err != nil {
					return practicemodels.Choice{}, err
				}
				if data.Choices, err = p.store.Choices(web.Route(r)); err != nil {
					return practicemodels.Choice{}, err
				}
				data.Items = nil
				for _, m := range data.Models {
					it := web.Item{Value: m.ID, Text: m.Name, Hint: m.Description}
					if m.ID == data.Current.ID {
						it.Text += " (the council's model now)"
					}
					data.Items = append(data.Items, it)
				}
				return practicemodels.Choice{}, nil
			},
			Read: func(f url.Values, errs *web.Errors) practicemodels.Choice {
				data.Chosen, data.Reason = strings.TrimSpace(f.Get("model")), f.Get("reason")
				if data.Chosen == "" {
					errs.Add("model", "Select the model the council records conversations under")
				}
				return practicemodels.Choice{ModelID: data.Chosen, Reason: data.Reason}
			},
			Save: func(c practicemodels.Choice) (practicemodels.Choice, error) {
				return p.store.Choose(web.Route(r), c.ModelID, c.Reason)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(c practicemodels.Choice) error {
				web.SetFlash(r, c.ModelName+" is now the council's practice model: new conversations are recorded under its headings")
				http.Redirect(w, r, paths.PracticeModels.URL(), http.StatusSeeOther)
				return nil
			},
		})
	}))
}

type modelData struct {
	web.Page
	Keeps   bool
	Current bool
	M       practicemodels.Model
}

// Model shows a model with its headings and prompts (GET /quality/practice-models/{model}).
func (p *Pages) Model() web.Handler {
	return web.Requires(practicemodels.Reads, func(w http.ResponseWriter, r *http.Request) error {
		m, err := p.store.Model(web.Route(r), r.PathValue("model"))
		if err != nil {
			return err
		}
		cur, err := p.store.Current(web.Route(r))
		if err != nil {
			return err
		}
		data := modelData{Page: web.NewPage(r, m.Name), Keeps: web.Can(r, practicemodels.Keeps), Current: cur.ID == m.ID, M: m}
		data.Back = paths.PracticeModels.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "practicemodels/model.html", data)
	})
}

// headingRow is one heading on the model form, as typed.
type headingRow struct {
	N                  int // counting from 1, as the form's fields do
	Key, Label, Prompt string
	KeyFixed           bool // KeyFixed: a built-in model's key, shown but not changed
	LabelName, KeyName string
	PromptName, Legend string
}

type modelForm struct {
	web.Page
	web.ConflictPanel
	Editing                   bool
	Builtin                   bool
	Name, Description, Source string
	Rows                      []headingRow
	Version                   int
}

// blankRows is how many empty headings the form offers to add, on a model of the council's own.
const blankRows = 3

// maxRows is the most heading rows a posted form is read for.
const maxRows = 20

func (data *modelForm) fill(m practicemodels.Model) {
	data.Name, data.Description, data.Source, data.Version = m.Name, m.Description, m.Source, m.Version
	data.Rows = nil
	for _, h := range m.Headings {
		data.addRow(h)
	}
	if !data.Builtin {
		for range blankRows {
			data.addRow(practicemodels.Heading{})
		}
	}
}

func (data *modelForm) addRow(h practicemodels.Heading) {
	n := len(data.Rows) + 1
	data.Rows = append(data.Rows, headingRow{N: n, Key: h.Key, Label: h.Label, Prompt: h.Prompt, KeyFixed: data.Builtin,
		KeyName: practicemodels.HeadingField(n-1, "key"), LabelName: practicemodels.HeadingField(n-1, "label"),
		PromptName: practicemodels.HeadingField(n-1, "prompt"), Legend: "Heading " + strconv.Itoa(n)})
}

// order is the form's fields from top to bottom, for the error summary.
func (data *modelForm) order() []string {
	out := []string{"version", "name", "description", "source", "headings"}
	for i := range maxRows {
		out = append(out, practicemodels.HeadingField(i, "key"), practicemodels.HeadingField(i, "label"), practicemodels.HeadingField(i, "prompt"))
	}
	return out
}

// read reads the posted form. A heading added with a label and no key is given a key made from its label; a
// built-in model's keys are its own whatever was posted.
func (data *modelForm) read(f url.Values, errs *web.Errors, id string, builtin practicemodels.Model) practicemodels.Model {
	data.Name, data.Description, data.Source = f.Get("name"), f.Get("description"), f.Get("source")
	data.Version = web.FormVersion(f, "version")
	m := practicemodels.Model{ID: id, Builtin: builtin.Builtin, Name: data.Name, Description: data.Description, Source: data.Source, Version: data.Version}
	data.Rows = nil
	for i := range maxRows {
		key, label, prompt := practicemodels.HeadingField(i, "key"), practicemodels.HeadingField(i, "label"), practicemodels.HeadingField(i, "prompt")
		if !f.Has(key) && !f.Has(label) && !f.Has(prompt) {
			if data.Builtin && i < len(builtin.Headings) {
				continue // a built-in's heading whose fields were not sent is kept as blank, and refused below
			}
			break
		}
		h := practicemodels.Heading{Key: f.Get(key), Label: f.Get(label), Prompt: f.Get(prompt)}
		if data.Builtin && i < len(builtin.Headings) {
			h.Key = builtin.Headings[i].Key
		}
		if strings.TrimSpace(h.Key) == "" && strings.TrimSpace(h.Label) != "" {
			h.Key = practicemodels.KeyOf(h.Label)
		}
		data.addRow(h)
		m.Headings = append(m.Headings, h)
	}
	check := m
	check.Normalise()
	web.AddProblems(errs, check.Validate(), data.order())
	return m
}

// NewModel adds a model of the council's own (GET and POST /quality/practice-models/new): for the quality lead.
func (p *Pages) NewModel() web.Handler {
	return web.Requires(practicemodels.Keeps, func(w http.ResponseWriter, r *http.Request) error {
		data := &modelForm{Page: web.NewPage(r, "Add a practice model")}
		data.Back = paths.PracticeModels.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicemodels.Model]{
			Template: "practicemodels/model-form.html",
			Order:    data.order(),
			Load:     func() (practicemodels.Model, error) { return practicemodels.Model{}, nil },
			Fill:     data.fill,
			Read: func(f url.Values, errs *web.Errors) practicemodels.Model {
				return data.read(f, errs, "", practicemodels.Model{})
			},
			Save: func(m practicemodels.Model) (practicemodels.Model, error) {
				return p.store.Add(web.Route(r), m)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(m practicemodels.Model) error {
				web.SetFlash(r, m.Name+" added. Choose it as the council's model when you are ready to record conversations under it")
				http.Redirect(w, r, paths.PracticeModel.URL(m.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// EditModel changes a model (GET and POST /quality/practice-models/{model}/edit): for the quality lead. A built-in
// model keeps its headings; its labels and prompts are the council's to change. Conversations already recorded keep
// the headings they were recorded under. A change saved by someone else since the form was opened is shown beside
// what was typed (409).
func (p *Pages) EditModel() web.Handler {
	return web.Requires(practicemodels.Keeps, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("model")
		saved, err := p.store.Model(web.Route(r), id)
		if err != nil {
			return err
		}
		data := &modelForm{Page: web.NewPage(r, "Change "+saved.Name), Editing: true, Builtin: saved.Builtin != ""}
		data.Back = paths.PracticeModel.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicemodels.Model]{
			Template: "practicemodels/model-form.html",
			Order:    data.order(),
			Conflict: "Someone else changed this model while you were editing it. Check their changes, then save again",
			Load:     func() (practicemodels.Model, error) { return p.store.Model(web.Route(r), id) },
			Fill:     data.fill,
			Read: func(f url.Values, errs *web.Errors) practicemodels.Model {
				return data.read(f, errs, id, saved)
			},
			Save: func(m practicemodels.Model) (practicemodels.Model, error) {
				return p.store.Update(web.Route(r), m)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed practicemodels.Model) []web.Difference {
				data.Version = theirs.Version
				typed.Normalise()
				rows := [][3]string{
					{"Name", theirs.Name, typed.Name},
					{"Description", theirs.Description, typed.Description},
					{"Source", theirs.Source, typed.Source},
				}
				for i := range max(len(theirs.Headings), len(typed.Headings)) {
					var a, b practicemodels.Heading
					if i < len(theirs.Headings) {
						a = theirs.Headings[i]
					}
					if i < len(typed.Headings) {
						b = typed.Headings[i]
					}
					n := strconv.Itoa(i + 1)
					rows = append(rows, [3]string{"Heading " + n, a.Label, b.Label}, [3]string{"Heading " + n + ": prompts", a.Prompt, b.Prompt})
				}
				return web.Differences(rows...)
			},
			Done: func(m practicemodels.Model) error {
				web.SetFlash(r, m.Name+" changed. Conversations already recorded keep the headings they were recorded under")
				http.Redirect(w, r, paths.PracticeModel.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
