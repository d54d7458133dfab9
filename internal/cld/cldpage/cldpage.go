// Package cldpage provides the Client Level Data return's page: choose a quarter, see each row DHSC's validation
// would reject with a link to the record to fix, and download the return as CSV. Only the roles that see the whole
// council have it (the quality lead and the administrator), since the return holds every person's identifiable
// details; routes.go says so.
package cldpage

import (
	"context"
	"embed"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the page needs of cld.Store.
type Store interface {
	Check(ctx context.Context, p cld.Period) (cld.Report, error)
	Write(ctx context.Context, p cld.Period, w io.Writer, allowRejects bool) (int, error)
}

// Pages holds what the page needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the return's pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// rejection is one line of the report.
type rejection struct {
	cld.Rejection
	Event string // "Request 0199…", as the report names it
}

type returnPage struct {
	web.Page
	Quarter   string // as typed
	Period    string
	Report    cld.Report
	Checked   bool
	Counts    []web.SummaryRow
	Rows      []rejection
	More      int // rejections not listed
	Confirm   []web.Item
	CSVAction string
}

// Return is the page (GET /quality/client-level-data?quarter=2026-Q3): the quarter to check, by default the last
// one to have ended, and its validation report. The download (GET …/client-level-data.csv) is refused while any
// row would be rejected, unless the user confirms they want the file all the same; it then streams the file.
func (p *Pages) Return(download bool) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		d := returnPage{Page: web.NewPage(r, "Client Level Data return"), Quarter: strings.TrimSpace(r.URL.Query().Get("quarter")),
			CSVAction: paths.ClientLevelDataCSV.URL()}
		d.Back = paths.Quality.URL()
		d.Confirm = []web.Item{{Value: "yes", Text: "Download the return with the rows DHSC would reject"}}
		if d.Quarter == "" {
			d.Quarter = cld.LastQuarter(web.Today(r))
		}
		period, err := cld.ParseQuarter(d.Quarter)
		if err != nil {
			d.Errors.Add("quarter", "Enter the quarter as a year and a quarter from 2023, like "+cld.LastQuarter(web.Today(r)))
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "cld/return.html", d)
		}
		ctx := web.Route(r)
		rep, err := p.store.Check(ctx, period)
		if err != nil {
			return err
		}
		allow := r.URL.Query().Get("confirm") == "yes"
		if download && (rep.OK() || allow) {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="client-level-data-`+period.Quarter+`.csv"`)
			_, err := p.store.Write(ctx, period, w, allow)
			return err
		}
		d.Checked, d.Report, d.Period = true, rep, period.Label()
		d.Counts = []web.SummaryRow{
			{Key: "Reporting period", Value: period.Label()},
			{Key: "Rows (events)", Value: strconv.Itoa(rep.Rows)},
			{Key: "People", Value: strconv.Itoa(rep.People)},
			{Key: "Values DHSC would reject", Value: strconv.Itoa(rep.Rejected)},
		}
		for _, rj := range rep.Problems {
			d.Rows = append(d.Rows, rejection{Rejection: rj, Event: strings.TrimSpace(rj.EventType + " " + rj.EventReference)})
		}
		d.More = rep.Rejected - len(rep.Problems)
		status := http.StatusOK
		if download {
			d.Errors.Add("confirm", "Fix the "+rep.Rejections()+" DHSC would reject first, or confirm you want the return with them")
			status = http.StatusUnprocessableEntity
		}
		return p.tmpl.Render(w, r, status, "cld/return.html", d)
	}
}
