package auditpage

import (
	"encoding/csv"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// cellOf is a safe count as a table shows it.
type cellOf struct {
	Label string // the grade
	Text  string
	N     int // the safe value, 0 when suppressed, for drawing
}

// tallyRow is a question's (or a team's) grades as the findings page shows them: safe counts by grade.
type tallyRow struct {
	Label string
	Cells []cellOf
	Total string
	Bars  []bar
	Y     int
}

// bar is one grade's part of a row's bar in the chart.
type bar struct {
	X, Width int
	Class    string
	Label    string
}

type checkRow struct {
	Label                      string
	Met, NotMet, NotApplicable string
	Share                      string
}

type agreementRow struct {
	Label, Compared, Agreed, Share string
}

type findingsData struct {
	web.Page
	F          audits.Findings
	Grades     []audits.Grade // the overall grade's scale, for the team table's columns
	Questions  []tallyRow
	Teams      []tallyRow
	Checks     []checkRow
	Agreement  []agreementRow
	Moderated  string
	Completed  string
	Sampled    string
	ChartH     int
	Suppressed bool // some count is fewer than 6 and not shown
	Drawn      bool // some question has a grade to draw
	Printing   bool // the page is printed to PDF: no links to other pages
}

// chart geometry, in SVG units.
const (
	chartBarW = 600
	chartRowH = 46
)

// rowsOf makes a round's tallies safe to show and draws each as a bar of grades.
func rowsOf(tallies []audits.Tally, grades func(i int) []audits.Grade, suppressed *bool) []tallyRow {
	var out []tallyRow
	for i, t := range tallies {
		row := tallyRow{Label: t.Label, Total: disclosure.Safe(t.Total).String(), Y: i * chartRowH}
		total := 0
		for _, g := range grades(i) {
			f := disclosure.Safe(t.Counts[g.Value])
			n, _ := f.Value()
			*suppressed = *suppressed || f.Suppressed()
			row.Cells = append(row.Cells, cellOf{Label: g.Label, Text: f.String(), N: n})
			total += n
		}
		x := 0
		for j, c := range row.Cells {
			if total == 0 || c.N == 0 {
				continue
			}
			w := c.N * chartBarW / total
			row.Bars = append(row.Bars, bar{X: x, Width: w, Class: fmt.Sprintf("gt-grade-%d", j), Label: grades(i)[j].Label + ": " + c.Text})
			x += w
		}
		out = append(out, row)
	}
	return out
}

func (p *Pages) findings(r *http.Request) (findingsData, error) {
	f, err := p.store.Findings(web.Route(r), r.PathValue("round"))
	if err != nil {
		return findingsData{}, err
	}
	qs := f.Tool.Questions()
	data := findingsData{Page: web.NewPage(r, "What the round found"), F: f, Grades: audits.Quality.Grades(),
		Completed: disclosure.Safe(f.Completed).String(), Sampled: disclosure.Safe(f.Audits).String()}
	data.Questions = rowsOf(f.ByQuestion, func(i int) []audits.Grade { return qs[i].Scale.Grades() }, &data.Suppressed)
	data.Teams = rowsOf(f.OverallBy, func(int) []audits.Grade { return audits.Quality.Grades() }, &data.Suppressed)
	for _, c := range f.Checks {
		row := checkRow{Label: c.Check.Label(), Met: disclosure.Safe(c.Met).String(), NotMet: disclosure.Safe(c.NotMet).String(),
			NotApplicable: disclosure.Safe(c.NotApplicable).String(), Share: disclosure.Percent(c.Met, c.Met+c.NotMet)}
		data.Suppressed = data.Suppressed || disclosure.Safe(c.Met).Suppressed() || disclosure.Safe(c.NotMet).Suppressed()
		data.Checks = append(data.Checks, row)
	}
	for _, a := range f.Agreement {
		data.Agreement = append(data.Agreement, agreementRow{Label: a.Label, Compared: disclosure.Safe(a.Compared).String(),
			Agreed: disclosure.Safe(a.Agreed).String(), Share: disclosure.Percent(a.Agreed, a.Compared)})
	}
	data.Moderated = disclosure.Safe(f.Moderated).String()
	data.ChartH = len(data.Questions) * chartRowH
	for _, q := range data.Questions {
		data.Drawn = data.Drawn || len(q.Bars) > 0
	}
	if !web.Can(r, councils.Role.RunsAudits) {
		// Learning points are written about single cases: the quality lead reads them, managers see the figures.
		data.F.Learning = nil
	}
	data.Back = paths.AuditRound.URL(f.Round.ID)
	return data, nil
}

// Findings shows what a round found (GET /quality/rounds/{round}/findings): grades by question as a chart with its
// table, the overall grade by team, how often each check was found in the record, and the learning recorded.
// Counts from 1 to 5 are shown as "fewer than 6" and the rest rounded to 5, as every figure above one team is.
func (p *Pages) Findings() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.findings(r)
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "quality/findings.html", data)
	})
}

// FindingsCSV is the findings as a CSV file (GET /quality/rounds/{round}/findings.csv), with the same safe counts.
func (p *Pages) FindingsCSV() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.findings(r)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		name := strings.NewReplacer(" ", "-", ",", "", "/", "-").Replace(strings.ToLower(data.F.Round.Name))
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`-findings.csv"`)
		records := [][]string{{"part", "about", "grade or result", "count"}}
		qs := data.F.Tool.Questions()
		for i, row := range data.Questions {
			for j, c := range row.Cells {
				records = append(records, []string{"question", row.Label, qs[i].Scale.Grades()[j].Label, c.Text})
			}
		}
		for _, row := range data.Teams {
			for j, c := range row.Cells {
				records = append(records, []string{"overall grade by team", row.Label, data.Grades[j].Label, c.Text})
			}
		}
		for _, c := range data.Checks {
			records = append(records, []string{"check", c.Label, audits.Met.Label(), c.Met},
				[]string{"check", c.Label, audits.NotMet.Label(), c.NotMet},
				[]string{"check", c.Label, audits.NotApplicable.Label(), c.NotApplicable})
		}
		return csv.NewWriter(w).WriteAll(records)
	})
}

type noPDFData struct {
	web.Page
	FindingsHref string
}

// FindingsPDF is the round's report printed to a tagged A4 PDF (GET /quality/rounds/{round}/findings.pdf), for a
// Principal Social Worker to take to the Programme Board: the same page and figures as Findings. Where no PDF can be
// made it answers 503 with a page that says so and offers the report to print from the browser.
func (p *Pages) FindingsPDF(logger *slog.Logger) web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.findings(r)
		if err != nil {
			return err
		}
		data.Back, data.Printing = "", true
		name := strings.NewReplacer(" ", "-", ",", "", "/", "-").Replace(strings.ToLower(data.F.Round.Name))
		err = p.tmpl.RenderPDF(w, r, p.printer, "quality/findings.html", data, name+"-findings.pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			if web.CanPrint(p.printer) {
				logger.ErrorContext(r.Context(), "print a round's findings", "route", r.Pattern, "err", err)
			}
			return p.tmpl.Render(w, r, http.StatusServiceUnavailable, "quality/no-pdf.html",
				noPDFData{Page: web.NewPage(r, "A PDF of this report cannot be made here"), FindingsHref: paths.AuditFindings.URL(data.F.Round.ID)})
		}
		return err
	})
}
