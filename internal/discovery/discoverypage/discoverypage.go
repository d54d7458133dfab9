// Package discoverypage provides the pages of what the implementation programme found and dreamed: the discovery's
// findings grouped by kind, the vision statement with its versions, the cultural web as it is and as it is to be
// (drawn side by side in SVG on the server, with the same observations as a list beneath, and what the web still
// lacks), and the stakeholder map on the influence and interest grid; each with its form.
package discoverypage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of discovery.Store.
type Store interface {
	Findings(ctx context.Context) ([]discovery.Finding, error)
	Finding(ctx context.Context, id string) (discovery.Finding, error)
	SaveFinding(ctx context.Context, f discovery.Finding) (discovery.Finding, error)
	RemoveFinding(ctx context.Context, id string, version int) error
	Vision(ctx context.Context) (discovery.Vision, error)
	AddVision(ctx context.Context, v discovery.VisionVersion) (discovery.VisionVersion, error)
	Observations(ctx context.Context) ([]discovery.Observation, error)
	Observation(ctx context.Context, id string) (discovery.Observation, error)
	SaveObservation(ctx context.Context, o discovery.Observation) (discovery.Observation, error)
	RemoveObservation(ctx context.Context, id string, version int) error
	Actions(ctx context.Context) ([]discovery.LinkedAction, error)
	Stakeholders(ctx context.Context) ([]discovery.Stakeholder, error)
	Stakeholder(ctx context.Context, id string) (discovery.Stakeholder, error)
	SaveStakeholder(ctx context.Context, x discovery.Stakeholder) (discovery.Stakeholder, error)
	RemoveStakeholder(ctx context.Context, id string, version int) error
}

// Staff is what the stakeholder form needs to offer the council's staff as the engagement's owner.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
	staff Staff
}

// New returns the pages.
func New(tmpl *web.Templates, store Store, staff Staff) *Pages {
	return &Pages{tmpl: tmpl, store: store, staff: staff}
}

// reads and changes: who reads the programme's discovery and dream, and who changes it, as for the rest of the
// programme.
var (
	reads   = councils.Role.ReadsProgramme
	changes = councils.Role.ChangesProgramme
)

// choices turns a domain's list of values into a form's items.
func choices(cs []discovery.Choice) []web.Item {
	out := make([]web.Item, len(cs))
	for i, c := range cs {
		out[i] = web.Item{Value: c.Value, Text: c.Label}
	}
	return out
}

// section is a link to one of the programme's discovery pages, for the links between them.
type section struct{ Text, Href string }

// sections are the discovery and dream pages, each linking to the others.
func sections() []section {
	return []section{
		{"The programme", paths.Programme.URL()},
		{"Findings from the discovery", paths.ProgrammeDiscovery.URL()},
		{"The vision", paths.ProgrammeVision.URL()},
		{"The cultural web", paths.CulturalWeb.URL()},
		{"Stakeholders", paths.Stakeholders.URL()},
	}
}

// recordForm is the page of a form that adds a record, or changes the one the route's {param} names (its id, ""
// on the page that adds one), for those who change the programme.
func recordForm(param string, form func(w http.ResponseWriter, r *http.Request, id string) error) web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error { return form(w, r, r.PathValue(param)) })
}

// removable lets a change form (id not "") remove its record when posted with its remove button, at the version the
// form was read: someone else's change since shows theirs beside yours with conflict; once removed, flash says so
// on back.
func removable[R any](form *web.EditForm[R], w http.ResponseWriter, r *http.Request, id string, remove func(context.Context, string, int) error,
	version func(R) int, conflict, flash, back string) {
	if id == "" {
		return
	}
	form.Remove = func(rec R) error { return remove(web.Route(r), id, version(rec)) }
	form.RemoveConflict = conflict
	form.Removed = func() error {
		web.SetFlash(r, flash)
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
}
