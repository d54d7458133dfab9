package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/practicemodels"
)

// Practice models: the headings, with their prompts, that the council's conversations are recorded under. Those
// who see the council's quality pages read them; the quality lead adds a model, changes one (If-Match) and chooses
// the council's model. Another council's own models are 404.

// PracticeModelStore is what the API needs of practicemodels.Store.
type PracticeModelStore interface {
	Models(ctx context.Context) ([]practicemodels.Model, error)
	Model(ctx context.Context, id string) (practicemodels.Model, error)
	Current(ctx context.Context) (practicemodels.Model, error)
	Choices(ctx context.Context) ([]practicemodels.Choice, error)
	Add(ctx context.Context, m practicemodels.Model) (practicemodels.Model, error)
	Update(ctx context.Context, m practicemodels.Model) (practicemodels.Model, error)
	Choose(ctx context.Context, modelID, reason string) (practicemodels.Choice, error)
}

// WithPracticeModels adds the practice models' store to the API.
func (a *API) WithPracticeModels(s PracticeModelStore) *API {
	a.practiceModels = s
	return a
}

// PracticeModelsPath is where the API's practice models live.
const PracticeModelsPath = "/api/v1/practice-models"

func (a *API) practiceModelRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+PracticeModelsPath, a.listPracticeModels),
		route("POST "+PracticeModelsPath, a.addPracticeModel),
		route("GET "+PracticeModelsPath+"/choices", a.listPracticeModelChoices),
		route("POST "+PracticeModelsPath+"/choices", a.choosePracticeModel),
		route("GET "+PracticeModelsPath+"/{model}", a.getPracticeModel),
		route("PUT "+PracticeModelsPath+"/{model}", a.changePracticeModel),
	}
}

// PracticeModel is one of the council's practice models.
type PracticeModel struct {
	ID          string                 `json:"id"`      // read-only
	Builtin     string                 `json:"builtin"` // read-only
	Name        string                 `json:"name"`
	Description string                 `json:"description"`
	Source      string                 `json:"source"`
	Headings    []PracticeModelHeading `json:"headings"`
	Current     bool                   `json:"current"` // read-only
	Version     int                    `json:"version"` // read-only
}

// PracticeModelHeading is one heading of a practice model.
type PracticeModelHeading struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Prompt string `json:"prompt"`
}

// PracticeModelChoice is one choice of the council's model.
type PracticeModelChoice struct {
	ID        string     `json:"id"`         // read-only
	ModelID   string     `json:"model_id"`   //
	ModelName string     `json:"model_name"` // read-only
	Reason    string     `json:"reason"`
	ChosenAt  *time.Time `json:"chosen_at"` // read-only
	ChosenBy  string     `json:"chosen_by"` // read-only
}

func practiceModelOf(m practicemodels.Model, currentID string) PracticeModel {
	return PracticeModel{ID: m.ID, Builtin: m.Builtin, Name: m.Name, Description: m.Description, Source: m.Source, Version: m.Version,
		Current: m.ID == currentID, Headings: listOf(m.Headings, func(h practicemodels.Heading) PracticeModelHeading {
			return PracticeModelHeading{Key: h.Key, Label: h.Label, Prompt: h.Prompt}
		})}
}

func (in PracticeModel) record(id string, version int) practicemodels.Model {
	return practicemodels.Model{ID: id, Name: in.Name, Description: in.Description, Source: in.Source, Version: version,
		Headings: listOf(in.Headings, func(h PracticeModelHeading) practicemodels.Heading {
			return practicemodels.Heading{Key: h.Key, Label: h.Label, Prompt: h.Prompt}
		})}
}

func choiceOf(c practicemodels.Choice) PracticeModelChoice {
	return PracticeModelChoice{ID: c.ID, ModelID: c.ModelID, ModelName: c.ModelName, Reason: c.Reason, ChosenAt: timeOrNull(c.ChosenAt), ChosenBy: c.ChosenBy}
}

// practiceModelField names the store's fields as the JSON does: "heading_2_label" is "headings[1].label".
func practiceModelField(field string) string { return listField(field, "heading_", "headings", 1) }

// listPracticeModels is GET /api/v1/practice-models: the council's models, built-in ones first, saying which is the
// council's.
func (a *API) listPracticeModels(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.practiceModels.Models(r.Context())
	if err != nil {
		return err
	}
	cur, err := a.practiceModels.Current(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(ms, func(m practicemodels.Model) PracticeModel { return practiceModelOf(m, cur.ID) }))
	return nil
}

func (a *API) readPracticeModel(r *http.Request, id string) (int, any, error) {
	m, err := a.practiceModels.Model(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	cur, err := a.practiceModels.Current(r.Context())
	if err != nil {
		return 0, nil, err
	}
	return m.Version, practiceModelOf(m, cur.ID), nil
}

// getPracticeModel is GET /api/v1/practice-models/{model}.
func (a *API) getPracticeModel(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readPracticeModel(r, r.PathValue("model")) })
}

// addPracticeModel is POST /api/v1/practice-models: a model of the council's own.
func (a *API) addPracticeModel(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in PracticeModel) (string, int, any, error) {
		m, err := a.practiceModels.Add(r.Context(), in.record("", 0))
		if err != nil {
			return "", 0, nil, renamed(err, practiceModelField)
		}
		cur, err := a.practiceModels.Current(r.Context())
		if err != nil {
			return "", 0, nil, err
		}
		return PracticeModelsPath + "/" + m.ID, m.Version, practiceModelOf(m, cur.ID), nil
	})
}

// changePracticeModel is PUT /api/v1/practice-models/{model}: its name, description, source and headings replaced.
func (a *API) changePracticeModel(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("model")
	return change(w, r, "the practice model",
		func(in PracticeModel, version int) error {
			_, err := a.practiceModels.Update(r.Context(), in.record(id, version))
			return renamed(err, practiceModelField)
		},
		func() (int, any, error) { return a.readPracticeModel(r, id) })
}

// listPracticeModelChoices is GET /api/v1/practice-models/choices: each choice of the council's model, latest first.
func (a *API) listPracticeModelChoices(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.practiceModels.Choices(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(cs, choiceOf))
	return nil
}

// choosePracticeModel is POST /api/v1/practice-models/choices: the council's model from now on.
func (a *API) choosePracticeModel(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in PracticeModelChoice) (string, int, any, error) {
		c, err := a.practiceModels.Choose(r.Context(), strings.TrimSpace(in.ModelID), in.Reason)
		if err != nil {
			return "", 0, nil, renamed(err, func(f string) string {
				if f == "model" {
					return "model_id"
				}
				return f
			})
		}
		// A choice is never changed, only followed by another: its version is always 1.
		return PracticeModelsPath + "/choices", 1, choiceOf(c), nil
	})
}
