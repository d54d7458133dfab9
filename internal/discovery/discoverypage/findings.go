package discoverypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type findingsData struct {
	web.Page
	Sections []section
	Groups   []discovery.FindingGroup
	Count    int
	Changes  bool
}

// Findings is the discovery's findings (GET /programme/discovery), strengths to preserve and build on first, then
// opportunities to improve, each with its source and when it was found.
func (p *Pages) Findings() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		fs, err := p.store.Findings(web.Route(r))
		if err != nil {
			return err
		}
		data := findingsData{Page: web.NewPage(r, "Findings from the discovery"), Sections: sections(), Groups: discovery.GroupFindings(fs),
			Count: len(fs), Changes: web.Can(r, changes)}
		return p.tmpl.Render(w, r, http.StatusOK, "discovery/findings.html", data)
	})
}

type findingForm struct {
	web.Page
	web.ConflictPanel
	ID         string
	Kinds      []web.Item
	Kind       string
	Finding    string
	Sources    []web.Item
	Source     string
	FoundOn    web.DateInput
	Workstream string
	Version    int
}

var findingOrder = []string{"version", "kind", "finding", "source", "found_on", "workstream"}

// FindingForm records a finding (GET and POST /programme/discovery/new) or changes one (…/{finding}/edit), for those
// who change the programme; a stale change shows theirs beside yours (409).
func (p *Pages) FindingForm() web.Handler {
	return recordForm("finding", p.findingForm)
}

func (p *Pages) findingForm(w http.ResponseWriter, r *http.Request, id string) error {
	title := "Record a finding"
	if id != "" {
		title = "Change a finding"
	}
	data := &findingForm{Page: web.NewPage(r, title), ID: id, Kinds: choices(discovery.Kinds), Sources: choices(discovery.Sources)}
	data.Back = paths.ProgrammeDiscovery.URL()
	form := web.EditForm[discovery.Finding]{
		Template: "discovery/finding-form.html",
		Order:    findingOrder,
		Conflict: "Someone else changed this finding while you were editing it. Check what they changed, then save again",
		Load: func() (discovery.Finding, error) {
			if id == "" {
				return discovery.Finding{}, nil
			}
			return p.store.Finding(web.Route(r), id)
		},
		Fill: func(f discovery.Finding) {
			data.Kind, data.Finding, data.Source, data.Workstream, data.Version = string(f.Kind), f.Text, string(f.Source), f.Workstream, f.Version
			data.FoundOn = web.DateInputOf(f.FoundOn.Time)
			if id == "" {
				data.FoundOn = web.DateInputOf(web.Today(r).Time)
			}
		},
		Read: func(form url.Values, errs *web.Errors) discovery.Finding {
			data.Kind, data.Finding, data.Source, data.Workstream = form.Get("kind"), form.Get("finding"), form.Get("source"), form.Get("workstream")
			data.Version, data.FoundOn = web.FormVersion(form, "version"), web.DateInputFrom(form, "found_on")
			f := discovery.Finding{ID: id, Kind: discovery.Kind(data.Kind), Text: data.Finding, Source: discovery.Source(data.Source),
				Workstream: data.Workstream, Version: data.Version, FoundOn: web.ReadDate(errs, data.FoundOn, "found_on", "When it was found")}
			check := f
			check.Normalise()
			web.AddProblems(errs, withoutDate(check.Validate(), "found_on", errs), findingOrder)
			return f
		},
		Save:     func(f discovery.Finding) (discovery.Finding, error) { return p.store.SaveFinding(web.Route(r), f) },
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed discovery.Finding) []web.Difference {
			typed.Normalise()
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Kind", saved.Kind.Label(), typed.Kind.Label()},
				[3]string{"The finding", saved.Text, typed.Text},
				[3]string{"Source", saved.Source.Label(), typed.Source.Label()},
				[3]string{"When", web.DateText(saved.FoundOn.Time), web.DateText(typed.FoundOn.Time)},
				[3]string{"Workstream", saved.Workstream, typed.Workstream},
			)
		},
		Done: func(discovery.Finding) error {
			web.SetFlash(r, "Finding saved")
			http.Redirect(w, r, paths.ProgrammeDiscovery.URL(), http.StatusSeeOther)
			return nil
		},
	}
	removable(&form, w, r, id, p.store.RemoveFinding, func(f discovery.Finding) int { return f.Version },
		"Someone else changed this finding while you were looking at it. Check what they changed, then remove it again if you still want to", "Finding removed", paths.ProgrammeDiscovery.URL())
	return web.Edit(p.tmpl, w, r, data, form)
}

// withoutDate drops the record's problem with a date field the form already found wrong, so that it is said once.
func withoutDate(ps validation.Problems, field string, errs *web.Errors) validation.Problems {
	if !errs.Has(field) {
		return ps
	}
	var out validation.Problems
	for _, p := range ps {
		if p.Field != field {
			out = append(out, p)
		}
	}
	return out
}
