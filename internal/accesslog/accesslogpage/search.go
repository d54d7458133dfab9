// Package accesslogpage provides the administrators' search of the access log.
package accesslogpage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Log is what the search page needs of the access log.
type Log interface {
	Search(ctx context.Context, f accesslog.Filter) ([]accesslog.Entry, error)
	Verify(ctx context.Context) (accesslog.Report, error)
}

// Staff lists the council's staff, to search by who.
type Staff interface {
	StaffList(ctx context.Context) ([]councils.Staff, error)
}

type searchData struct {
	web.Page
	StaffItems  []web.Item
	ActionItems []web.Item
	StaffID     string
	PersonID    string
	Action      string
	From, To    web.DateInput
	Entries     []accesslog.Entry
	Older       string // link to the next page back in time
	Report      accesslog.Report
}

// Search is the access log search for administrators: by member of staff, person, action and dates, newest first,
// with the state of the chain.
func Search(tmpl *web.Templates, log Log, staff Staff) web.Handler {
	return web.Requires(councils.Role.Administers, func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		data := searchData{Page: web.NewPage(r, "Access log"), StaffID: q.Get("staff"), PersonID: q.Get("person"), Action: q.Get("action"),
			From: web.DateInputFrom(q, "from"), To: web.DateInputFrom(q, "to")}
		list, err := staff.StaffList(r.Context())
		if err != nil {
			return err
		}
		data.StaffItems = []web.Item{{Value: "", Text: "Anyone"}}
		for _, s := range list {
			data.StaffItems = append(data.StaffItems, web.Item{Value: s.ID, Text: s.Name + " (" + s.Email + ")"})
		}
		data.ActionItems = []web.Item{{Value: "", Text: "Any"}}
		for _, a := range []accesslog.Action{accesslog.View, accesslog.Create, accesslog.Update, accesslog.BreakGlass, accesslog.Export} {
			data.ActionItems = append(data.ActionItems, web.Item{Value: string(a), Text: string(a)})
		}
		f := accesslog.Filter{StaffID: data.StaffID, PersonID: data.PersonID, Action: accesslog.Action(data.Action), Limit: 100}
		if !data.From.IsEmpty() {
			t, de := data.From.Parse("From date")
			data.Errors.AddDate("from", de)
			f.From = t
		}
		if !data.To.IsEmpty() {
			t, de := data.To.Parse("To date")
			data.Errors.AddDate("to", de)
			f.To = t.Add(24 * time.Hour)
		}
		// The older entries' link gives the sequence number to page back from; one that is not (from an edited
		// address) starts from the newest entry.
		if before, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && before > 0 {
			f.Before = before
		}
		if !data.Errors.Any() {
			if data.Entries, err = log.Search(r.Context(), f); err != nil {
				return err
			}
			// Entries still waiting to be sealed have no sequence number to page back from; a full page of them
			// (a moment's worth on a busy council) is followed by the sealed ones on the next visit.
			if n := len(data.Entries); n == f.Limit && data.Entries[n-1].Seq > 0 {
				older := r.URL.Query()
				older.Set("before", strconv.FormatInt(data.Entries[n-1].Seq, 10))
				data.Older = paths.AccessLog.URL() + "?" + older.Encode()
			}
		}
		if data.Report, err = log.Verify(r.Context()); err != nil {
			return err
		}
		return tmpl.Render(w, r, http.StatusOK, "accesslog/search.html", data)
	})
}
