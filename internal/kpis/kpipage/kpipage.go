// Package kpipage provides the implementation programme's KPI pages: the KPIs with their status as at today, one
// KPI with its trajectory drawn beside a table of its figures, and the form that sets or changes a KPI, which offers
// only the catalogue's measures and takes no figure the record can count.
package kpipage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates. The chart ("kpis/chart") is shared, so that
// the board report draws KPIs as these pages do.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of kpis.Store.
type Store interface {
	KPIs(ctx context.Context, asAt sqldb.Date) ([]kpis.Progress, error)
	KPI(ctx context.Context, id string, asAt sqldb.Date) (kpis.Progress, error)
	Add(ctx context.Context, k kpis.KPI) (kpis.KPI, error)
	Update(ctx context.Context, k kpis.KPI) (kpis.KPI, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

type listData struct {
	web.Page
	AsAt    sqldb.Date
	KPIs    []kpis.Progress
	Changes bool
}

// List shows the programme's KPIs as at today (GET /programme/kpis), each with its baseline, target, latest quarter
// and status, or why it cannot be computed yet: for quality leads, team managers and programme leads.
func (p *Pages) List() web.Handler {
	return web.Requires(councils.Role.ReadsProgramme, func(w http.ResponseWriter, r *http.Request) error {
		today := web.Today(r)
		ks, err := p.store.KPIs(web.Route(r), today)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "KPIs"), AsAt: today, KPIs: ks, Changes: web.Can(r, councils.Role.ChangesProgramme)}
		return p.tmpl.Render(w, r, http.StatusOK, "kpis/list.html", data)
	})
}

type kpiData struct {
	web.Page
	P             kpis.Progress
	BaselineLabel string
	TargetText    string
	Chart         *Chart
	Changes       bool
}

// KPI shows one KPI (GET /programme/kpis/{kpi}): its measure and definition, baseline, target and status, and its
// trajectory drawn with each quarter's actual, the same figures in a table beside it.
func (p *Pages) KPI() web.Handler {
	return web.Requires(councils.Role.ReadsProgramme, func(w http.ResponseWriter, r *http.Request) error {
		k, err := p.store.KPI(web.Route(r), r.PathValue("kpi"), web.Today(r))
		if err != nil {
			return err
		}
		data := kpiData{Page: web.NewPage(r, k.Name), P: k, BaselineLabel: quarterText(k.Baseline), Changes: web.Can(r, councils.Role.ChangesProgramme)}
		data.Back = paths.ProgrammeKPIs.URL()
		data.TargetText = strconv.FormatFloat(k.Target, 'f', -1, 64)
		if k.Measure.ID != "" {
			data.TargetText = k.Value(k.Target)
		}
		if c, ok := ChartOf(k); ok {
			data.Chart = &c
		}
		return p.tmpl.Render(w, r, http.StatusOK, "kpis/kpi.html", data)
	})
}

type formData struct {
	web.Page
	web.ConflictPanel
	Editing                    bool
	Name, Measure, Baseline    string
	Target, Why                string
	TargetOn                   web.DateInput
	Version                    int
	MeasureItems, QuarterItems []web.Item
}

var order = []string{"version", "name", "measure", "baseline", "target", "target_on", "why"}

// load fills the form's choices: every measure of the catalogue, and the quarters a baseline may be taken over.
func (data *formData) load(r *http.Request, chosen string) {
	data.MeasureItems = []web.Item{{Value: "", Text: "Choose a measure"}}
	for _, m := range insight.Catalogue() {
		data.MeasureItems = append(data.MeasureItems, web.Item{Value: m.ID, Text: m.Name})
	}
	data.QuarterItems = []web.Item{{Value: "", Text: "Choose a quarter"}}
	for _, q := range quarterChoices(web.Today(r), chosen) {
		data.QuarterItems = append(data.QuarterItems, web.Item{Value: q, Text: quarterText(q)})
	}
}

func (data *formData) fill(k kpis.KPI) {
	data.Name, data.Measure, data.Baseline, data.Why, data.Version = k.Name, k.MeasureID, k.Baseline, k.Why, k.Version
	data.Target = strconv.FormatFloat(k.Target, 'f', -1, 64)
	data.TargetOn = web.DateInputOf(k.TargetOn.Time)
}

func (data *formData) read(r *http.Request, f url.Values, errs *web.Errors, id string) kpis.KPI {
	data.Name, data.Measure, data.Baseline, data.Why = f.Get("name"), f.Get("measure"), f.Get("baseline"), f.Get("why")
	data.Target, data.TargetOn, data.Version = strings.TrimSpace(f.Get("target")), web.DateInputFrom(f, "target_on"), web.FormVersion(f, "version")
	k := kpis.KPI{ID: id, Name: data.Name, MeasureID: data.Measure, Baseline: data.Baseline, Why: data.Why, Version: data.Version}
	target, err := strconv.ParseFloat(strings.TrimSuffix(data.Target, "%"), 64)
	switch {
	case data.Target == "":
		errs.Add("target", "Enter the target")
	case err != nil:
		errs.Add("target", "The target must be a number, such as 80")
	default:
		k.Target = target
	}
	if data.TargetOn.IsEmpty() {
		errs.Add("target_on", "Enter the date the target is to be met by")
	} else {
		k.TargetOn = web.ReadDate(errs, data.TargetOn, "target_on", "The date the target is to be met by")
	}
	check := k
	check.Normalise()
	ps := check.Validate(web.Today(r))
	// What the form has said already about the target and its date, it does not say twice.
	ps = dropFields(ps, errs, "target", "target_on")
	web.AddProblems(errs, ps, order)
	return k
}

// dropFields is ps without the problems on those of fields that errs has a problem on already.
func dropFields(ps validation.Problems, errs *web.Errors, fields ...string) validation.Problems {
	var out validation.Problems
	for _, pr := range ps {
		skip := false
		for _, f := range fields {
			if pr.Field == f && errs.Get(f) != "" {
				skip = true
			}
		}
		if !skip {
			out = append(out, pr)
		}
	}
	return out
}

// New sets a KPI (GET and POST /programme/kpis/new): for quality leads and programme leads.
func (p *Pages) New() web.Handler {
	return web.Requires(councils.Role.ChangesProgramme, func(w http.ResponseWriter, r *http.Request) error {
		data := &formData{Page: web.NewPage(r, "Set a KPI")}
		data.Back = paths.ProgrammeKPIs.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[kpis.KPI]{
			Template: "kpis/form.html",
			Order:    order,
			Load: func() (kpis.KPI, error) {
				data.load(r, "")
				return kpis.KPI{}, nil
			},
			Read:     func(f url.Values, errs *web.Errors) kpis.KPI { return data.read(r, f, errs, "") },
			Save:     func(k kpis.KPI) (kpis.KPI, error) { return p.store.Add(web.Route(r), k) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(k kpis.KPI) error {
				web.SetFlash(r, k.Name+" set")
				http.Redirect(w, r, paths.ProgrammeKPI.URL(k.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// Edit changes a KPI (GET and POST /programme/kpis/{kpi}/edit): for quality leads and programme leads. A change
// saved by someone else since the form was opened is shown beside what was typed (409).
func (p *Pages) Edit() web.Handler {
	return web.Requires(councils.Role.ChangesProgramme, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("kpi")
		data := &formData{Page: web.NewPage(r, "Change a KPI"), Editing: true}
		data.Back = paths.ProgrammeKPI.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[kpis.KPI]{
			Template: "kpis/form.html",
			Order:    order,
			Conflict: "Someone else changed this KPI while you were editing it. Check their changes, then save again",
			Load: func() (kpis.KPI, error) {
				k, err := p.store.KPI(web.Route(r), id, web.Today(r))
				if err != nil {
					return kpis.KPI{}, err
				}
				data.Title = "Change " + k.Name
				data.load(r, k.Baseline)
				return k.KPI, nil
			},
			Fill:     data.fill,
			Read:     func(f url.Values, errs *web.Errors) kpis.KPI { return data.read(r, f, errs, id) },
			Save:     func(k kpis.KPI) (kpis.KPI, error) { return p.store.Update(web.Route(r), k) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed kpis.KPI) []web.Difference {
				data.Version = saved.Version
				typed.Normalise()
				return web.Differences(
					[3]string{"What the KPI is called", saved.Name, typed.Name},
					[3]string{"Measure", web.ChosenText(data.MeasureItems, saved.MeasureID), web.ChosenText(data.MeasureItems, typed.MeasureID)},
					[3]string{"Baseline quarter", saved.Baseline, typed.Baseline},
					[3]string{"Target", strconv.FormatFloat(saved.Target, 'f', -1, 64), strconv.FormatFloat(typed.Target, 'f', -1, 64)},
					[3]string{"Date the target is to be met by", web.DateText(saved.TargetOn.Time), web.DateText(typed.TargetOn.Time)},
					[3]string{"Why it matters", saved.Why, typed.Why},
				)
			},
			Done: func(k kpis.KPI) error {
				web.SetFlash(r, k.Name+" changed")
				http.Redirect(w, r, paths.ProgrammeKPI.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
