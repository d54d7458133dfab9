package insightpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type fairUseData struct {
	web.Page
	Quarter, Period  string
	ByLabel, ByLower string
	Cuts             []cutOption
	Census           int
	RecordsHref      string // the population form, for the quality lead
	F                insight.FairUse
}

// FairUse is fair use of resources (GET /insight/fair-use?quarter=2026-Q3&by=ethnicity): for the year to the
// quarter's end, each group of a characteristic the Census counts beside its share of the council's adults.
func (p *Pages) FairUse() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		var errs web.Errors
		quarterly, q := quarter(r, &errs)
		period := quarterly.YearsTo(1)
		by := insight.Cut(r.URL.Query().Get("by"))
		if by == "" {
			by = insight.ByAgeBand
		}
		known := false
		d := fairUseData{Page: web.NewPage(r, "Fair use of resources"), Quarter: q, Period: period.Label()}
		for _, c := range insight.FairUseCuts() {
			known = known || c == by
			d.Cuts = append(d.Cuts, cutOption{Value: string(c), Label: c.Label(), Selected: c == by})
		}
		if !known {
			errs.Add("by", "Choose age band, sex, ethnic group or disability")
		}
		d.ByLabel, d.ByLower = by.Label(), strings.ToLower(by.Label())
		d.Back = paths.Insight.URL() + "?" + url.Values{"quarter": {quarterly.Name()}}.Encode()
		if councils.Role.RecordsPopulation(staffRole(r)) {
			d.RecordsHref = paths.InsightPopulation.URL()
		}
		if errs.Any() {
			d.Errors = errs
			return p.render(w, r, "insight/fair-use.html", d, errInput)
		}
		f, err := p.store.FairUse(r.Context(), period, by)
		if err != nil {
			return err
		}
		d.F, d.Census = f, f.Census
		return p.render(w, r, "insight/fair-use.html", d, nil)
	})
}

// staffRole is the signed-in member of staff's role.
func staffRole(r *http.Request) councils.Role {
	st, _ := councils.StaffFrom(r.Context())
	return st.Role
}

type populationData struct {
	web.Page
	web.ConflictPanel
	Census  string
	Cuts    []populationCut
	Version int
}

type populationCut struct {
	Legend string
	Inputs []populationInput
}

type populationInput struct {
	Name, Label, Value string
}

// populationForm is what the form holds: the Census year and each group's number of people, as typed.
type populationForm struct {
	census string
	groups map[string]string // by PopulationField
	pop    insight.Population
}

// Population is the form on which the quality lead records the council's adult population from the Census (GET and
// POST /insight/population): the denominator of rates per head and of fair use.
func (p *Pages) Population() web.Handler {
	return web.Requires(councils.Role.RecordsPopulation, func(w http.ResponseWriter, r *http.Request) error {
		d := &populationData{Page: web.NewPage(r, "The council’s population")}
		d.Back = paths.InsightFairUse.URL()
		show := func(f populationForm, version int) {
			d.Census, d.Version, d.Cuts = f.census, version, nil
			for _, pc := range insight.PopulationCuts() {
				c := populationCut{Legend: pc.Cut.Label()}
				for _, g := range pc.Groups {
					name := insight.PopulationField(pc.Cut, g)
					c.Inputs = append(c.Inputs, populationInput{Name: name, Label: g, Value: f.groups[name]})
				}
				d.Cuts = append(d.Cuts, c)
			}
		}
		var order []string
		order = append(order, "census")
		for _, pc := range insight.PopulationCuts() {
			for _, g := range pc.Groups {
				order = append(order, insight.PopulationField(pc.Cut, g))
			}
		}
		order = append(order, "version")
		return web.Edit(p.tmpl, w, r, d, web.EditForm[populationForm]{
			Template: "insight/population.html",
			Order:    order,
			Conflict: "Someone else recorded the population while you were changing it: check their figures below and save again",
			Heading:  "What they recorded",
			Load: func() (populationForm, error) {
				pop, err := p.store.Population(r.Context())
				if err != nil {
					return populationForm{}, err
				}
				return formOf(pop), nil
			},
			Fill: func(saved populationForm) { show(saved, saved.pop.Version) },
			Read: func(form url.Values, errs *web.Errors) populationForm {
				f := populationForm{census: strings.TrimSpace(form.Get("census")), groups: map[string]string{}}
				version := web.FormVersion(form, "version")
				f.pop.Version = version
				if n, err := strconv.Atoi(f.census); err == nil {
					f.pop.Census = n
				} else {
					errs.Add("census", "Enter the Census year as a number, such as 2021")
				}
				for _, pc := range insight.PopulationCuts() {
					for _, g := range pc.Groups {
						name := insight.PopulationField(pc.Cut, g)
						v := strings.ReplaceAll(strings.TrimSpace(form.Get(name)), ",", "")
						f.groups[name] = v
						if v == "" {
							continue
						}
						n, err := strconv.Atoi(v)
						if err != nil {
							errs.Add(name, g+" must be a whole number of people, such as 12,400")
							continue
						}
						f.pop.Set(pc.Cut, g, n)
					}
				}
				if !errs.Any() {
					for _, ps := range f.pop.Validate(web.Today(r).Year()) {
						errs.Add(ps.FieldMessage())
					}
				}
				show(f, version)
				return f
			},
			Save: func(f populationForm) (populationForm, error) {
				pop, err := p.store.SavePopulation(r.Context(), f.pop)
				return formOf(pop), err
			},
			Compare: func(saved, typed populationForm) []web.Difference {
				rows := [][3]string{{"Census year", saved.census, typed.census}}
				for _, pc := range insight.PopulationCuts() {
					for _, g := range pc.Groups {
						name := insight.PopulationField(pc.Cut, g)
						rows = append(rows, [3]string{pc.Cut.Label() + ": " + g, saved.groups[name], typed.groups[name]})
					}
				}
				d.Version = saved.pop.Version
				return web.Differences(rows...)
			},
			Done: func(populationForm) error {
				web.SetFlash(r, "Population recorded")
				http.Redirect(w, r, paths.InsightFairUse.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// formOf is a recorded population as the form shows it.
func formOf(pop insight.Population) populationForm {
	f := populationForm{groups: map[string]string{}, pop: pop}
	if pop.Recorded() {
		f.census = strconv.Itoa(pop.Census)
	}
	for _, pc := range insight.PopulationCuts() {
		for _, g := range pc.Groups {
			if n, ok := pop.Of(pc.Cut, g); ok {
				f.groups[insight.PopulationField(pc.Cut, g)] = strconv.Itoa(n)
			}
		}
	}
	return f
}
