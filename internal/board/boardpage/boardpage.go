// Package boardpage provides the Programme Board report's pages: the report as at a day, generated from the record,
// made to print and as a tagged PDF; and issuing it, so that the next report says what changed since.
package boardpage

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/kpis/kpipage"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of board.Store.
type Store interface {
	Report(ctx context.Context, asAt sqldb.Date) (board.Report, error)
	Issue(ctx context.Context, asAt sqldb.Date) (board.Issued, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	printer web.Printer
	logger  *slog.Logger
}

// New returns the pages. printer may be nil, or unavailable where Chromium is not installed: then the report is
// printed from the browser.
func New(tmpl *web.Templates, store Store, printer web.Printer, logger *slog.Logger) *Pages {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Pages{tmpl: tmpl, store: store, printer: printer, logger: logger}
}

type milestoneView struct {
	board.MilestoneLine
	Changes []string
}

type kpiView struct {
	kpis.Progress
	Chart *kpipage.Chart
}

type issuedView struct {
	AsAt, IssuedOn, By string
	Href               string
}

type reportData struct {
	web.Page
	R          board.Report
	AsAtISO    string
	AsAt       web.DateInput
	Milestones []milestoneView
	Changes    []string
	KPIs       []kpiView
	Issued     []issuedView
	LastText   string
	// Green, Amber and Red are how many milestones are at each RAG.
	Green, Amber, Red int
	Issues            bool // the member of staff may issue the report
	Printing          bool
	PDFHref           string
}

// changeText says what one change to a milestone was, for the report.
func changeText(c programme.MilestoneChange, withTitle bool) string {
	var b strings.Builder
	if withTitle {
		b.WriteString(c.MilestoneTitle + ": ")
	}
	switch {
	case c.FromRAG == "" && c.FromStatus == "" && withTitle:
		b.WriteString("added as " + c.ToStatus.Label() + ", " + c.ToRAG.Label())
	case c.FromRAG == "" && c.FromStatus == "":
		b.WriteString("Added as " + c.ToStatus.Label() + ", " + c.ToRAG.Label())
	case c.FromRAG != c.ToRAG && c.FromStatus != c.ToStatus:
		b.WriteString(c.FromRAG.Label() + " to " + c.ToRAG.Label() + ", and " + c.FromStatus.Label() + " to " + c.ToStatus.Label())
	case c.FromRAG != c.ToRAG:
		b.WriteString(c.FromRAG.Label() + " to " + c.ToRAG.Label())
	case c.FromStatus != c.ToStatus:
		b.WriteString(c.FromStatus.Label() + " to " + c.ToStatus.Label())
	default:
		b.WriteString("its reason changed")
	}
	b.WriteString(" on " + web.DateText(c.ChangedAt.In(sqldb.London())))
	if c.ChangedByName != "" {
		b.WriteString(" by " + c.ChangedByName)
	}
	if c.Reason != "" {
		b.WriteString(": " + c.Reason)
	}
	return b.String()
}

// asAtOf reads the day a report is as at from the address: the date input's three boxes (on-day, on-month, on-year)
// from the page's form, or on=YYYY-MM-DD from a link; today when neither is given.
func asAtOf(r *http.Request, errs *web.Errors) (sqldb.Date, web.DateInput) {
	q := r.URL.Query()
	in := web.DateInputFrom(q, "on")
	if in.IsEmpty() {
		if s := strings.TrimSpace(q.Get("on")); s != "" {
			d, err := sqldb.ParseDate(s)
			if err != nil {
				errs.Add("on", "The day the report is as at must be a real date")
				return sqldb.Date{}, in
			}
			return d, web.DateInputOf(d.Time)
		}
		today := web.Today(r)
		return today, web.DateInputOf(today.Time)
	}
	d := web.ReadDate(errs, in, "on", "The day the report is as at")
	if !d.IsZero() && d.After(web.Today(r).Time) {
		errs.Add("on", "The day the report is as at must be today or in the past")
		d = sqldb.Date{}
	}
	return d, in
}

// view reads the report as at asAt and lays it out for the page.
func (p *Pages) view(r *http.Request, asAt sqldb.Date, in web.DateInput, errs web.Errors) (*reportData, error) {
	data := &reportData{Page: web.NewPage(r, "Programme Board report"), AsAt: in, Issues: web.Can(r, councils.Role.ChangesProgramme)}
	data.Errors = errs
	if asAt.IsZero() {
		return data, nil
	}
	rep, err := p.store.Report(web.Route(r), asAt)
	if err != nil {
		return nil, err
	}
	data.R, data.AsAtISO = rep, asAt.String()
	data.Green, data.Amber, data.Red = rep.RAGs[programme.Green], rep.RAGs[programme.Amber], rep.RAGs[programme.Red]
	data.PDFHref = paths.ProgrammeBoardPDF.URL() + "?" + url.Values{"on": {data.AsAtISO}}.Encode()
	for _, m := range rep.Milestones {
		v := milestoneView{MilestoneLine: m}
		for _, c := range m.Changed {
			v.Changes = append(v.Changes, changeText(c, false))
		}
		data.Milestones = append(data.Milestones, v)
	}
	for _, c := range rep.Changes {
		data.Changes = append(data.Changes, changeText(c, true))
	}
	for _, k := range rep.KPIs {
		v := kpiView{Progress: k}
		if c, ok := kpipage.ChartOf(k); ok {
			v.Chart = &c
		}
		data.KPIs = append(data.KPIs, v)
	}
	for _, is := range rep.Issued {
		data.Issued = append(data.Issued, issuedView{AsAt: web.DateText(is.AsAt.Time), IssuedOn: web.DateText(is.IssuedAt.In(sqldb.London())),
			By: is.IssuedByName, Href: paths.ProgrammeBoard.URL() + "?" + url.Values{"on": {is.AsAt.String()}}.Encode()})
	}
	data.LastText = "This is the first report: every milestone's history is shown."
	if l := rep.Last; l != nil {
		data.LastText = "Since the last report, as at " + web.DateText(l.AsAt.Time) + ", issued on " + web.DateText(l.IssuedAt.In(sqldb.London())) + " by " + l.IssuedByName + "."
	}
	return data, nil
}

// Report shows the Programme Board report as at a day (GET /programme/board, today unless ?on= says), generated
// from the record: for quality leads, team managers and programme leads. Made to print.
func (p *Pages) Report() web.Handler {
	return web.Requires(councils.Role.ReadsProgramme, func(w http.ResponseWriter, r *http.Request) error {
		var errs web.Errors
		asAt, in := asAtOf(r, &errs)
		data, err := p.view(r, asAt, in, errs)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if errs.Any() {
			status = http.StatusUnprocessableEntity
		}
		return p.tmpl.Render(w, r, status, "board/report.html", data)
	})
}

type noPDFData struct {
	web.Page
	ReportHref string
}

// PDF is the report printed to a tagged A4 PDF (GET /programme/board.pdf?on=), the same page as Report. Where no PDF
// can be made it answers 503 with a page that says so and offers the report to print from the browser.
func (p *Pages) PDF() web.Handler {
	return web.Requires(councils.Role.ReadsProgramme, func(w http.ResponseWriter, r *http.Request) error {
		var errs web.Errors
		asAt, in := asAtOf(r, &errs)
		if errs.Any() {
			return web.NotFound
		}
		data, err := p.view(r, asAt, in, errs)
		if err != nil {
			return err
		}
		data.Back, data.Printing, data.Issues = "", true, false
		err = p.tmpl.RenderPDF(w, r, p.printer, "board/report.html", data, "programme-board-report-"+data.AsAtISO+".pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			if web.CanPrint(p.printer) {
				p.logger.ErrorContext(r.Context(), "print a board report", "route", r.Pattern, "err", err)
			}
			return p.tmpl.Render(w, r, http.StatusServiceUnavailable, "board/no-pdf.html",
				noPDFData{Page: web.NewPage(r, "A PDF of the board report cannot be made here"),
					ReportHref: paths.ProgrammeBoard.URL() + "?" + url.Values{"on": {data.AsAtISO}}.Encode()})
		}
		return err
	})
}

// Issue records the report as at the day posted as issued, now, by the member of staff (POST
// /programme/board/issue): for the programme's owners. A day still to come, or before the last report issued, is
// refused on the report page with the GOV.UK error summary and nothing recorded.
func (p *Pages) Issue() web.Handler {
	return web.Requires(councils.Role.ChangesProgramme, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		asAt, err := sqldb.ParseDate(strings.TrimSpace(r.PostForm.Get("as_at")))
		var errs web.Errors
		if err != nil {
			errs.Add("as_at", "Choose the day the report is as at")
		} else {
			issued, err := p.store.Issue(web.Route(r), asAt)
			if ps, ok := validation.AsProblems(err); ok {
				web.AddProblems(&errs, ps, []string{"as_at"})
			} else if err != nil {
				return err
			} else {
				web.SetFlash(r, "The report as at "+web.DateText(issued.AsAt.Time)+" is issued: the next report will say what changed since")
				http.Redirect(w, r, paths.ProgrammeBoard.URL()+"?"+url.Values{"on": {asAt.String()}}.Encode(), http.StatusSeeOther)
				return nil
			}
		}
		show := asAt
		if show.IsZero() || show.After(web.Today(r).Time) {
			show = web.Today(r)
		}
		data, err := p.view(r, show, web.DateInputOf(show.Time), errs)
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "board/report.html", data)
	})
}
