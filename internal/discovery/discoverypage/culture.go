package discoverypage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type cultureData struct {
	web.Page
	Sections []section
	Webs     []discovery.Web
	Drawings []webDrawing
	Gaps     []discovery.Gap
	Count    int
	Changes  bool
}

// Culture is the cultural web (GET /programme/culture): as it is and as it is to be, drawn side by side, with the
// same observations as a list beneath, each change on the to-be web with the actions that make it, and what the web
// still lacks.
func (p *Pages) Culture() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		obs, err := p.store.Observations(web.Route(r))
		if err != nil {
			return err
		}
		data := cultureData{Page: web.NewPage(r, "The cultural web"), Sections: sections(), Webs: discovery.Webs(obs), Gaps: discovery.Gaps(obs),
			Count: len(obs), Changes: web.Can(r, changes)}
		for _, x := range data.Webs {
			data.Drawings = append(data.Drawings, drawWeb(x))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "discovery/culture.html", data)
	})
}

type observationForm struct {
	web.Page
	web.ConflictPanel
	ID          string
	Webs        []web.Item
	Web         string
	Elements    []web.Item
	Element     string
	Observation string
	Sources     []web.Item
	Source      string
	Actions     []web.Item
	ActionIDs   []string
	Version     int
}

var observationOrder = []string{"version", "web", "element", "observation", "source", "actions"}

// ObservationForm records an observation on the cultural web (GET and POST /programme/culture/new, where ?web=to-be
// and ?element=stories choose where it goes) or changes one and, on the to-be web, the actions that make it
// (…/{observation}/edit), for those who change the programme; a stale change shows theirs beside yours (409).
func (p *Pages) ObservationForm() web.Handler {
	return recordForm("observation", p.observationForm)
}

func (p *Pages) observationForm(w http.ResponseWriter, r *http.Request, id string) error {
	title := "Record an observation on the cultural web"
	if id != "" {
		title = "Change an observation on the cultural web"
	}
	data := &observationForm{Page: web.NewPage(r, title), ID: id, Webs: choices(discovery.WebKinds), Sources: choices(discovery.Sources)}
	for _, e := range discovery.Elements {
		data.Elements = append(data.Elements, web.Item{Value: string(e.Element), Text: e.Label, Hint: e.LookAt})
	}
	data.Back = paths.CulturalWeb.URL()
	form := web.EditForm[discovery.Observation]{
		Template: "discovery/observation-form.html",
		Order:    observationOrder,
		Conflict: "Someone else changed this observation while you were editing it. Check what they changed, then save again",
		Load: func() (discovery.Observation, error) {
			actions, err := p.store.Actions(web.Route(r))
			if err != nil {
				return discovery.Observation{}, err
			}
			data.Actions = nil
			for _, a := range actions {
				data.Actions = append(data.Actions, web.Item{Value: a.ID, Text: a.Title})
			}
			if id == "" {
				q := r.URL.Query()
				return discovery.Observation{Web: discovery.WebKind(strings.ReplaceAll(q.Get("web"), "-", "_")), Element: discovery.Element(q.Get("element"))}, nil
			}
			return p.store.Observation(web.Route(r), id)
		},
		Fill: func(o discovery.Observation) {
			data.Web, data.Element, data.Observation, data.Source = string(o.Web), string(o.Element), o.Text, string(o.Source)
			data.ActionIDs, data.Version = o.ActionIDs(), o.Version
		},
		Read: func(form url.Values, errs *web.Errors) discovery.Observation {
			data.Web, data.Element, data.Observation, data.Source = form.Get("web"), form.Get("element"), form.Get("observation"), form.Get("source")
			data.ActionIDs, data.Version = form["actions"], web.FormVersion(form, "version")
			o := discovery.Observation{ID: id, Web: discovery.WebKind(data.Web), Element: discovery.Element(data.Element), Text: data.Observation,
				Source: discovery.Source(data.Source), Version: data.Version}
			for _, a := range data.ActionIDs {
				o.Actions = append(o.Actions, discovery.LinkedAction{ID: a})
			}
			check := o
			check.Normalise()
			web.AddProblems(errs, check.Validate(), observationOrder)
			return o
		},
		Save: func(o discovery.Observation) (discovery.Observation, error) {
			return p.store.SaveObservation(web.Route(r), o)
		},
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed discovery.Observation) []web.Difference {
			typed.Normalise()
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Web", saved.Web.Label(), typed.Web.Label()},
				[3]string{"Part of the web", saved.Element.Label(), typed.Element.Label()},
				[3]string{"The observation", saved.Text, typed.Text},
				[3]string{"Source", saved.Source.Label(), typed.Source.Label()},
				[3]string{"Actions that make it", web.ChosenText(data.Actions, saved.ActionIDs()...), web.ChosenText(data.Actions, typed.ActionIDs()...)},
			)
		},
		Done: func(o discovery.Observation) error {
			web.SetFlash(r, "Observation saved on the web "+o.Web.Phrase())
			http.Redirect(w, r, paths.CulturalWeb.URL()+"#"+o.Web.Slug()+"-"+string(o.Element), http.StatusSeeOther)
			return nil
		},
	}
	removable(&form, w, r, id, p.store.RemoveObservation, func(o discovery.Observation) int { return o.Version },
		"Someone else changed this observation while you were looking at it. Check what they changed, then remove it again if you still want to", "Observation removed", paths.CulturalWeb.URL())
	return web.Edit(p.tmpl, w, r, data, form)
}
