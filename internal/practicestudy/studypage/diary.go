package studypage

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// The diary offers a few rows to start with, enough for most days between visits, and one more each time "Add another
// activity" is pressed, up to MaxRows.
const (
	StartRows = 4
	MaxRows   = 16
)

type entryRow struct {
	N                               int
	KindName, MinutesName, NoteName string
	Kind, Minutes, Note             string
	KindLabel                       string
}

// dayLink is a recorded day of a diary, as the list under the day links to it.
type dayLink struct{ Href, Label, Text string }

type diaryData struct {
	web.Page
	web.ConflictPanel
	Study      practicestudy.Study
	Day        sqldb.Date
	DayValue   string
	Action     string // the day's own address, which the form posts to
	Prev, Next string // the days before and after within the study, as diary addresses; empty at its ends
	Rows       []entryRow
	Kinds      []web.Item
	Total      string
	Over       bool // the rows add up to more than a day
	Version    int
	Days       []dayLink
	StaffName  string
	ReadOnly   bool // a manager reading a diary the study lets them read
}

func itoa(n int) string { return strconv.Itoa(n) }

// diaryDay is the day a diary page is for: the one asked for, else today, kept within the study.
func diaryDay(r *http.Request, s practicestudy.Study) sqldb.Date {
	d, err := sqldb.ParseDate(cmp.Or(r.PostFormValue("day"), r.URL.Query().Get("day")))
	if err != nil || d.IsZero() {
		d = web.Today(r)
	}
	switch {
	case d.Before(s.From.Time):
		return s.From
	case d.After(s.To.Time):
		return s.To
	}
	return d
}

func diaryURL(studyID string, d sqldb.Date, staffID string) string {
	q := url.Values{"day": {d.String()}}
	if staffID != "" {
		q.Set("staff", staffID)
	}
	return paths.PracticeStudyDiary.URL(studyID) + "?" + q.Encode()
}

func rowsOf(entries []practicestudy.Entry, n int) []entryRow {
	out := make([]entryRow, max(n, len(entries)))
	for i := range out {
		out[i] = entryRow{N: i + 1, KindName: practicestudy.EntryField(i, "kind"), MinutesName: practicestudy.EntryField(i, "minutes"),
			NoteName: practicestudy.EntryField(i, "note")}
		if i < len(entries) {
			out[i].Kind, out[i].Minutes, out[i].Note = string(entries[i].Kind), itoa(entries[i].Minutes), entries[i].Note
			out[i].KindLabel = entries[i].Kind.Label()
		}
	}
	return out
}

// readRows reads the diary's rows as typed, for showing again, and the entries they make: a number of minutes that is
// not a whole number is a problem of its own.
func readRows(f url.Values, errs *web.Errors) ([]entryRow, []practicestudy.Entry) {
	n, err := strconv.Atoi(f.Get("rows"))
	if err != nil || n < 1 {
		n = StartRows
	}
	n = min(n, MaxRows)
	rows := rowsOf(nil, n)
	var entries []practicestudy.Entry
	for i := range rows {
		row := &rows[i]
		row.Kind, row.Minutes, row.Note = f.Get(row.KindName), strings.TrimSpace(f.Get(row.MinutesName)), f.Get(row.NoteName)
		e := practicestudy.Entry{Kind: practicestudy.Activity(row.Kind), Note: row.Note}
		if row.Minutes != "" {
			m, err := practicestudy.ParseMinutes(row.Minutes)
			if err != nil && errs != nil {
				errs.Add(row.MinutesName, "Enter the time for activity "+itoa(i+1)+" in minutes, like 45, or hours and minutes, like 1:30")
			}
			e.Minutes = m
		}
		entries = append(entries, e)
	}
	return rows, entries
}

func (data *diaryData) total(entries []practicestudy.Entry) {
	d := practicestudy.Day{Entries: entries}
	data.Total, data.Over = practicestudy.Duration(d.Total()), d.Total() > practicestudy.DayMinutes
}

// Diary is a day of a diary (GET and POST /quality/studies/{study}/diary?day=2026-03-02): one page a day, a few rows
// of what was done and for how long, made to be filled in on a phone between visits. "Add another activity" adds a
// row and keeps what is typed; the day's total is shown as it stands. A day over 24 hours, or a negative minute, is
// refused. The signed-in member of staff keeps their own; a team manager reads a diary of their teams (?staff=ID)
// only where the study allows.
func (p *Pages) Diary() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("study")
		ctx := web.Route(r)
		s, err := p.store.Study(ctx, id)
		if err != nil {
			return err
		}
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
		}
		st := me(r.Context())
		day := diaryDay(r, s)
		data := &diaryData{Page: web.NewPage(r, "Your day"), Study: s, Day: day, DayValue: day.String()}
		data.Back, data.Action = paths.PracticeStudy.URL(id), diaryURL(id, day, "")
		for _, k := range practicestudy.Activities() {
			data.Kinds = append(data.Kinds, web.Item{Value: string(k), Text: k.Label()})
		}
		data.Kinds = append([]web.Item{{Value: "", Text: "Choose an activity"}}, data.Kinds...)
		staffID := r.URL.Query().Get("staff")
		if staffID == st.ID {
			staffID = ""
		}
		if prev := sqldb.NewDate(day.AddDate(0, 0, -1)); !prev.Before(s.From.Time) {
			data.Prev = diaryURL(id, prev, staffID)
		}
		if next := sqldb.NewDate(day.AddDate(0, 0, 1)); !next.After(s.To.Time) && !next.After(web.Today(r).Time) {
			data.Next = diaryURL(id, next, staffID)
		}
		if staffID != "" {
			return p.readDiary(w, r, data, staffID)
		}
		if !practicestudy.KeepsDiary(st, s) {
			return fmt.Errorf("keep a diary in study %s: %w", id, sqldb.ErrForbidden)
		}
		if !s.AgreedAt.IsZero() {
			// A concluded study's diaries are settled: its own is shown as it was kept.
			return p.readDiary(w, r, data, st.ID)
		}
		load := func() (practicestudy.Day, error) {
			d, err := p.store.Day(ctx, id, "", day)
			if err != nil {
				return d, err
			}
			return d, data.days(ctx, p.store, "")
		}
		if r.Method == http.MethodPost && r.PostForm.Get("add") == "yes" {
			// Another row, with what is typed kept and nothing saved.
			f := r.PostForm
			f.Set("rows", itoa(min(MaxRows, web.FormVersion(f, "rows")+1)))
			var entries []practicestudy.Entry
			data.Rows, entries = readRows(f, nil)
			data.Version = web.FormVersion(f, "version")
			data.total(entries)
			if _, err := load(); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "studies/diary.html", data)
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicestudy.Day]{
			Template: "studies/diary.html",
			Order:    diaryOrder,
			Conflict: "This day was changed on another device while you were filling it in",
			Load:     load,
			Fill: func(d practicestudy.Day) {
				data.Rows, data.Version = rowsOf(d.Entries, max(StartRows, len(d.Entries)+1)), d.Version
				data.total(d.Entries)
			},
			Read: func(f url.Values, errs *web.Errors) practicestudy.Day {
				var entries []practicestudy.Entry
				data.Rows, entries = readRows(f, errs)
				data.Version = web.FormVersion(f, "version")
				data.total(entries)
				d := practicestudy.Day{Day: day, Entries: entries, Version: data.Version}
				check := d
				check.Normalise()
				web.AddProblems(errs, dropDates(check.Validate(s, web.Today(r)), errs), diaryOrder)
				return d
			},
			Save:     func(d practicestudy.Day) (practicestudy.Day, error) { return p.store.SaveDay(ctx, id, d) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed practicestudy.Day) []web.Difference {
				data.Version = saved.Version
				var rows [][3]string
				for i := range max(len(saved.Entries), len(typed.Entries)) {
					rows = append(rows, [3]string{"Activity " + itoa(i+1), entryText(saved.Entries, i), entryText(typed.Entries, i)})
				}
				return web.Differences(rows...)
			},
			Done: func(d practicestudy.Day) error {
				web.SetFlash(r, "Day saved: "+practicestudy.Duration(d.Total())+" recorded, "+practicestudy.Duration(minutesOf(d, practicestudy.WithPeople))+" with people")
				http.Redirect(w, r, diaryURL(id, day, ""), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// diaryOrder is the diary's fields from top to bottom, for the error summary.
var diaryOrder = func() []string {
	out := []string{"day"}
	for i := range MaxRows {
		out = append(out, practicestudy.EntryField(i, "kind"), practicestudy.EntryField(i, "minutes"), practicestudy.EntryField(i, "note"))
	}
	return append(out, "total")
}()

func entryText(es []practicestudy.Entry, i int) string {
	if i >= len(es) || (es[i].Kind == "" && es[i].Minutes == 0) {
		return ""
	}
	return strings.TrimSpace(es[i].Kind.Label() + ", " + itoa(es[i].Minutes) + " minutes " + es[i].Note)
}

func minutesOf(d practicestudy.Day, k practicestudy.Activity) int {
	n := 0
	for _, e := range d.Entries {
		if e.Kind == k {
			n += e.Minutes
		}
	}
	return n
}

// readDiary shows a day of someone else's diary, read only, to a manager the study lets read it.
func (p *Pages) readDiary(w http.ResponseWriter, r *http.Request, data *diaryData, staffID string) error {
	if r.Method != http.MethodGet {
		return fmt.Errorf("change someone else's diary: %w", sqldb.ErrForbidden)
	}
	ctx := web.Route(r)
	d, err := p.store.Day(ctx, data.Study.ID, staffID, data.Day)
	if err != nil {
		return err
	}
	if err := data.days(ctx, p.store, staffID); err != nil {
		return err
	}
	data.ReadOnly, data.StaffName, data.Title = true, d.StaffName, d.StaffName+"’s day"
	data.Rows = rowsOf(d.Entries, len(d.Entries))
	data.total(d.Entries)
	return p.tmpl.Render(w, r, http.StatusOK, "studies/diary.html", data)
}

// days reads the diary's recorded days into the list under the day.
func (data *diaryData) days(ctx context.Context, store Store, staffID string) error {
	days, err := store.Days(ctx, data.Study.ID, staffID)
	data.Days = nil
	for _, d := range days {
		data.Days = append(data.Days, dayLink{Href: diaryURL(data.Study.ID, d.Day, staffID), Label: d.Day.Format("Monday 2 January"),
			Text: practicestudy.Duration(d.Minutes) + ", " + practicestudy.Duration(d.WithPeople) + " with people"})
	}
	return err
}
