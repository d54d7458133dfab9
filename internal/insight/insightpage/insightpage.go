// Package insightpage is the council's insight: the IQAM pack (the four priorities, each measure this quarter
// against the last and the same quarter a year ago) and each measure on its own page, with its definition, its
// figures cut by team, month or protected characteristic, a chart with its table, and a CSV. Every figure is
// computed from the record by the catalogue in package insight and shown as disclosure allows.
package insightpage

import (
	"context"
	"embed"
	"encoding/csv"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the pages need of insight.Store.
type Store interface {
	Pack(ctx context.Context, p insight.Period, teamID string) (insight.Pack, error)
	Figures(ctx context.Context, id string, p insight.Period, by insight.Cut) (insight.Result, error)
	FairUse(ctx context.Context, p insight.Period, by insight.Cut) (insight.FairUse, error)
	Population(ctx context.Context) (insight.Population, error)
	SavePopulation(ctx context.Context, p insight.Population) (insight.Population, error)
	People(ctx context.Context, id string, p insight.Period, by insight.Cut, key string, page int) (insight.Behind, error)
}

// Pages are the insight pages.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	printer web.Printer
	logger  *slog.Logger
}

// New returns the insight pages, printing the IQAM pack with printer (nil where there is none).
func New(tmpl *web.Templates, store Store, printer web.Printer, logger *slog.Logger) *Pages {
	return &Pages{tmpl: tmpl, store: store, printer: printer, logger: logger}
}

// quarter reads the page's quarter (?quarter=2026-Q3); with none, the last whole quarter before today.
func quarter(r *http.Request, errs *web.Errors) (insight.Period, string) {
	q := r.URL.Query().Get("quarter")
	if q == "" {
		p := insight.QuarterOf(web.Today(r)).Before()
		return p, p.Name()
	}
	p, err := insight.Quarter(q)
	if err != nil {
		errs.Add("quarter", "Enter a quarter as the year and the quarter, such as 2026-Q3")
		p = insight.QuarterOf(web.Today(r)).Before()
	}
	return p, q
}

type iqamData struct {
	web.Page
	Quarter, Period string
	Team            string // the team's name, "" for the whole council
	Teams           []teamOption
	Priorities      []priorityRows
	PDFHref         string
	FairUseHref     string
	Printing        bool
}

type teamOption struct {
	ID, Name string
	Selected bool
}

type priorityRows struct {
	Label string
	Rows  []comparisonRow
}

type comparisonRow struct {
	Name, Href, Definition, This, Before, YearAgo, Change string
}

// pack reads the IQAM pack the request asks for: its quarter and its team ("" for the whole council).
func (p *Pages) pack(r *http.Request) (iqamData, error) {
	var errs web.Errors
	period, q := quarter(r, &errs)
	team := r.URL.Query().Get("team")
	d := iqamData{Page: web.NewPage(r, "Insight: the IQAM pack"), Quarter: q, Period: period.Label()}
	if errs.Any() {
		d.Errors = errs
		return d, errInput
	}
	pack, err := p.store.Pack(r.Context(), period, team)
	if err != nil {
		return d, err
	}
	d.Team = pack.TeamName
	d.Teams = append(d.Teams, teamOption{Name: "The whole council", Selected: team == ""})
	for _, t := range pack.Teams {
		d.Teams = append(d.Teams, teamOption{ID: t.ID, Name: t.Name, Selected: t.ID == team})
	}
	q2 := url.Values{"quarter": {period.Name()}}
	if team != "" {
		q2.Set("team", team)
	}
	d.PDFHref = paths.InsightPackPDF.URL() + "?" + q2.Encode()
	d.FairUseHref = paths.InsightFairUse.URL() + "?" + url.Values{"quarter": {period.Name()}}.Encode()
	for _, pr := range pack.Priorities {
		rows := priorityRows{Label: pr.Priority.Label()}
		for _, c := range pr.Measures {
			rows.Rows = append(rows.Rows, comparisonRow{Name: c.Measure.Name, Href: measureHref(c.Measure.ID, period.Name(), ""),
				Definition: c.Measure.Definition, This: shown(c.This), Before: shown(c.Before), YearAgo: shown(c.YearAgo),
				Change: change(c.Measure, c.This, c.Before)})
		}
		d.Priorities = append(d.Priorities, rows)
	}
	return d, nil
}

// IQAM is the IQAM pack (GET /insight?quarter=2026-Q3&team=...): each of the four priorities with its measures for
// the whole council or one team, this quarter beside the last and the same quarter a year ago.
func (p *Pages) IQAM() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		d, err := p.pack(r)
		return p.render(w, r, "insight/iqam.html", d, err)
	})
}

// PackPDF is the IQAM pack printed to a tagged PDF for the meeting (GET /insight/pack.pdf?quarter=...&team=...).
// Where nothing here can print, it says so and offers the page to print from the browser.
func (p *Pages) PackPDF() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		d, err := p.pack(r)
		if err != nil {
			return p.render(w, r, "insight/iqam.html", d, err)
		}
		d.Printing = true
		err = p.tmpl.RenderPDF(w, r, p.printer, "insight/iqam.html", d, "iqam-pack-"+d.Quarter+".pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			if web.CanPrint(p.printer) {
				p.logger.ErrorContext(r.Context(), "print the IQAM pack", "route", r.Pattern, "err", err)
			}
			d.Title, d.Printing = "A PDF of the IQAM pack cannot be made here", false
			return p.tmpl.Render(w, r, http.StatusServiceUnavailable, "insight/no-pdf.html", d)
		}
		return err
	})
}

// shown is a figure as a table cell shows it.
func shown(f insight.Figure) string {
	switch {
	case f.Withheld:
		return f.Text
	case f.Second != "":
		return f.Text + " (" + f.Second + ")"
	}
	return f.Text
}

// change says how this period compares with the last, in words, for the measure's better direction.
func change(m insight.Measure, this, before insight.Figure) string {
	if this.Withheld || before.Withheld || this.NoRate || before.NoRate || this.Text == "None" || before.Text == "None" {
		return ""
	}
	switch {
	case this.Number == before.Number:
		return "No change"
	case m.Better == insight.Neither && this.Number > before.Number:
		return "Higher"
	case m.Better == insight.Neither:
		return "Lower"
	case (this.Number > before.Number) == (m.Better == insight.Up):
		return "Better"
	}
	return "Worse"
}

func measureHref(id, quarter string, by insight.Cut) string {
	q := url.Values{"quarter": {quarter}}
	if by != insight.Whole {
		q.Set("by", string(by))
	}
	return paths.InsightMeasure.URL(id) + "?" + q.Encode()
}

type measureData struct {
	web.Page
	M               insight.Measure
	Quarter, Period string
	By              insight.Cut
	ByLabel         string
	Heading         string // the figures' heading: the measure and how they are divided
	Cuts, Spans     []cutOption
	Rows            []figureRow
	All             *figureRow // the whole council beneath the groups; nil when the figures are the whole council's
	Withheld        bool
	ChartH          int
	Bars            []bar
	Columns         []column // a monthly series, drawn as columns
	CSVHref         string
	FollowsToPeople bool
}

// column is one month of a series: its column's place and height, and the January ticks below.
type column struct {
	X, Width, Y, Height int
	Label, Tick         string
}

type cutOption struct {
	Value, Label string
	Selected     bool
}

type figureRow struct {
	Label, Of, In, Figure string
	PeopleHref            string // the people behind the figure, for those who may see them
}

type bar struct {
	Y, Width    int
	Label, Text string
}

const (
	barRowH      = 44
	chartWide    = 600
	columnChartH = 200
)

// spans are how much of the time before a quarter's end a measure's page may show.
var spans = []struct {
	value, label string
	years        int
}{{"", "The quarter", 0}, {"year", "The year to the quarter's end", 1}, {"five-years", "The five years to the quarter's end", 5}}

// choice is what a measure's address asks for: the measure, its quarter and span, and how to divide it.
type choice struct {
	m           insight.Measure
	period      insight.Period
	quarter     string // as typed, for the form
	span        string
	by          insight.Cut
	errs        web.Errors
	queryString url.Values // the choices as an address carries them on
}

// choose reads the measure and the choices of its address; a measure there is not is web.NotFound.
func choose(r *http.Request) (choice, error) {
	var c choice
	c.period, c.quarter = quarter(r, &c.errs)
	c.span = r.URL.Query().Get("span")
	known := false
	for _, s := range spans {
		if s.value == c.span {
			known = true
			if s.years > 0 {
				c.period = c.period.YearsTo(s.years)
			}
		}
	}
	if !known {
		c.errs.Add("span", "Choose how long a time to show")
	}
	var ok bool
	if c.m, ok = insight.Find(r.PathValue("measure")); !ok {
		return c, web.NotFound
	}
	by, err := c.m.ParseCut(r.URL.Query().Get("by"))
	if err != nil {
		c.errs.Add("by", "Choose one of the ways to divide the figures")
	}
	c.by = by
	c.queryString = url.Values{"quarter": {c.quarter}}
	if c.span != "" {
		c.queryString.Set("span", c.span)
	}
	if by != insight.Whole {
		c.queryString.Set("by", string(by))
	}
	return c, nil
}

// peopleHref is the address of the people behind the figure of the group keyed key.
func (c choice) peopleHref(key string) string {
	q := url.Values{"key": {key}}
	for k, v := range c.queryString {
		q[k] = v
	}
	return paths.InsightPeople.URL(c.m.ID) + "?" + q.Encode()
}

func (p *Pages) measure(r *http.Request) (measureData, error) {
	c, err := choose(r)
	if err != nil {
		return measureData{}, err
	}
	m, period, q, span, by, errs := c.m, c.period, c.quarter, c.span, c.by, c.errs
	d := measureData{Page: web.NewPage(r, m.Name), M: m, Quarter: q, Period: period.Label(), By: by, ByLabel: m.CutLabel(by)}
	d.Heading = m.Name + " by " + strings.ToLower(m.CutLabel(by))
	if by == insight.Whole {
		d.Heading = m.Name + " for the whole council"
	}
	d.Back = paths.Insight.URL() + "?" + url.Values{"quarter": {period.Name()}}.Encode()
	managers := staffRole(r).SeesPeopleBehindMeasures()
	for _, c := range m.Cuts() {
		if c.ForManagers() && !managers {
			continue
		}
		d.Cuts = append(d.Cuts, cutOption{Value: string(c), Label: m.CutLabel(c), Selected: c == by})
	}
	for _, s := range spans {
		d.Spans = append(d.Spans, cutOption{Value: s.value, Label: s.label, Selected: s.value == span})
	}
	if errs.Any() {
		d.Errors = errs
		return d, errInput
	}
	res, err := p.store.Figures(r.Context(), m.ID, period, by)
	if err != nil {
		return d, err
	}
	if by == insight.Whole {
		// The council as a whole is one row: the total, not a group beside it.
		res.Rows = []insight.Figure{res.All}
	}
	top := 0.0
	for _, f := range res.Rows {
		top = max(top, f.Number)
	}
	if m.Kind == insight.Share {
		top = 100
	}
	for i, f := range res.Rows {
		d.Rows = append(d.Rows, row(f))
		if res.FollowsToPeople && f.Text != "None" {
			d.Rows[i].PeopleHref = c.peopleHref(f.Key)
		}
		d.Withheld = d.Withheld || f.Withheld || f.Of.Suppressed()
		b := bar{Y: i * barRowH, Label: f.Label, Text: shown(f)}
		if !f.Withheld && top > 0 {
			b.Width = int(f.Number / top * chartWide)
		}
		d.Bars = append(d.Bars, b)
	}
	if by != insight.Whole {
		all := row(res.All)
		if res.FollowsToPeople && res.All.Text != "None" {
			all.PeopleHref = paths.InsightPeople.URL(m.ID) + "?" + url.Values{"quarter": {q}, "span": {span}, "key": {"All"}}.Encode()
		}
		d.All = &all
	}
	d.FollowsToPeople = res.FollowsToPeople
	d.ChartH = max(len(d.Bars), 1) * barRowH
	if by == insight.ByMonth {
		d.Bars, d.ChartH = nil, columnChartH+30
		width := chartWide / max(len(res.Rows), 1)
		for i, f := range res.Rows {
			c := column{X: i * width, Width: max(width-2, 1), Label: f.Label + ": " + shown(f)}
			if !f.Withheld && top > 0 {
				c.Height = int(f.Number / top * columnChartH)
			}
			c.Y = columnChartH - c.Height
			if strings.HasPrefix(f.Label, "January ") {
				c.Tick = strings.TrimPrefix(f.Label, "January ")
			}
			d.Columns = append(d.Columns, c)
		}
		if len(d.Columns) > 0 && len(d.Columns) < 12 {
			d.Columns[0].Tick = res.Rows[0].Label // a span within a year is marked by its first month
		}
	}
	d.CSVHref = paths.InsightMeasureCSV.URL(m.ID) + "?" + url.Values{"quarter": {q}, "by": {string(by)}, "span": {span}}.Encode()
	return d, nil
}

var errInput = errors.New("the page's choices need correcting")

// render answers with the page named: its choices' errors (errInput) with 422, another error as the handler's, or
// the page.
func (p *Pages) render(w http.ResponseWriter, r *http.Request, name string, d any, err error) error {
	switch {
	case errors.Is(err, errInput):
		return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, name, d)
	case err != nil:
		return err
	}
	return p.tmpl.Render(w, r, http.StatusOK, name, d)
}

// row is a figure as a table row shows it. Where the count behind it is withheld, so is how many met the measure:
// "0" beside "fewer than 6" would say something of every one of them.
func row(f insight.Figure) figureRow {
	r := figureRow{Label: f.Label, Of: f.Of.String(), In: f.In.String(), Figure: shown(f)}
	if f.Of.Suppressed() {
		r.In = ""
	}
	return r
}

// Measure is one measure's page (GET /insight/measures/{measure}?quarter=2026-Q3&by=team): its definition, what it
// counts and reads, and its figures for the quarter cut one way, as a chart with its table.
func (p *Pages) Measure() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		d, err := p.measure(r)
		return p.render(w, r, "insight/measure.html", d, err)
	})
}

// MeasureCSV is the measure's figures as a CSV file (GET /insight/measures/{measure}/figures.csv), with the same
// safe figures as the page.
func (p *Pages) MeasureCSV() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		d, err := p.measure(r)
		if errors.Is(err, errInput) {
			http.Error(w, "Choose a quarter such as 2026-Q3 and one of the ways to divide the figures.", http.StatusUnprocessableEntity)
			return nil
		} else if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+d.M.ID+`-`+d.Quarter+`.csv"`)
		by := d.M.CutLabel(d.By)
		records := [][]string{{"measure", "period", by, "counted", "meeting the measure", "figure", "definition"}}
		rows := d.Rows
		if d.All != nil {
			rows = append(rows, *d.All)
		}
		for _, f := range rows {
			records = append(records, []string{d.M.Name, d.Period, f.Label, f.Of, inOrBlank(d.M, f.In), f.Figure, d.M.Definition})
		}
		return csv.NewWriter(w).WriteAll(records)
	})
}

// inOrBlank is the count meeting the measure, only for a Share, whose figure it is part of.
func inOrBlank(m insight.Measure, in string) string {
	if m.Kind != insight.Share {
		return ""
	}
	return in
}

type peopleData struct {
	web.Page
	M              insight.Measure
	Period, Group  string
	Column         string // what each fact says, as its column is headed; "" for none
	Facts          []personRow
	Total, Showing string
	Unseen         bool
	Pagination     web.Pagination
	FiguresHref    string
}

type personRow struct {
	Name, Href, Born, On, Says string
}

// People is the people behind one figure of a measure (GET /insight/measures/{measure}/people?quarter&span&by&key),
// for the quality lead and team managers: each fact of the group with the person it is about, linked to their
// record, as far as the member of staff may see them. Each person listed is a view of their record, in the access
// log. Finance reads figures only and is refused.
func (p *Pages) People() web.Handler {
	return web.Requires(councils.Role.SeesPeopleBehindMeasures, func(w http.ResponseWriter, r *http.Request) error {
		c, err := choose(r)
		if err != nil {
			return err
		}
		if c.errs.Any() {
			return web.NotFound // the figures' page says what is wrong with its choices; this page has no form
		}
		page := web.PageNumber(r.URL.Query())
		key := r.URL.Query().Get("key")
		b, err := p.store.People(web.Route(r), c.m.ID, c.period, c.by, key, page)
		if err != nil {
			return err
		}
		d := peopleData{Page: web.NewPage(r, "The people behind the figure"), M: c.m, Period: b.Period.Label(), Group: b.Label,
			Column: c.m.FactColumn(), Unseen: b.Unseen, Total: strconv.Itoa(b.Total)}
		if c.by != insight.Whole && c.by != insight.ByMonth {
			d.Group = c.m.CutLabel(c.by) + ": " + b.Label
		}
		if c.by == insight.ByGroup && c.m.Kind == insight.Count {
			d.Column = "" // every fact's category is the group's, said above
		}
		d.FiguresHref = paths.InsightMeasure.URL(c.m.ID) + "?" + c.queryString.Encode()
		d.Back = d.FiguresHref
		for _, f := range b.Facts {
			row := personRow{Name: f.Name, Href: paths.Person.URL(f.PersonID), Born: "Not recorded", On: f.On.Format("2 January 2006"), Says: f.Says}
			if !f.Born.IsZero() {
				row.Born = f.Born.Format("2 January 2006")
			}
			d.Facts = append(d.Facts, row)
		}
		if b.Pages > 1 {
			from := (b.Page-1)*insight.BehindPageSize + 1
			d.Showing = strconv.Itoa(from) + " to " + strconv.Itoa(from+len(b.Facts)-1)
		}
		d.Pagination = web.NewPagination(b.Page, b.Pages, func(n int) string {
			q := r.URL.Query()
			q.Set("page", strconv.Itoa(n))
			return r.URL.Path + "?" + q.Encode()
		})
		return p.tmpl.Render(w, r, http.StatusOK, "insight/people.html", d)
	})
}
