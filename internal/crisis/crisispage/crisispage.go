// Package crisispage provides an episode's crisis page: marking the episode as crisis with its short-term holding
// support, the current crisis with its early review due (and overdue), recording the early review, and earlier
// crises.
package crisispage

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of crisis.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Glance(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Mark(ctx context.Context, personID, episodeID string, m crisis.Mark) (crisis.Crisis, error)
	RecordReview(ctx context.Context, personID, episodeID, crisisID string, r crisis.Review, version int) (crisis.Review, error)
	Now() time.Time
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

func route(r *http.Request) context.Context {
	return accesslog.WithRoute(r.Context(), accesslog.Page, r.Pattern)
}

// mayView refuses roles that do not open person records (finance).
func mayView(r *http.Request) error {
	if st, _ := councils.StaffFrom(r.Context()); !st.Role.WorksWithPeople() {
		return web.Forbidden
	}
	return nil
}

func mayChange(r *http.Request) error {
	if st, _ := councils.StaffFrom(r.Context()); !st.Role.ChangesPeople() {
		return web.Forbidden
	}
	return nil
}

// SupportRows is how many items of holding support the forms offer.
const SupportRows = 4

type supportRow struct {
	Name, Label, Value string
}

func supportRows(r *http.Request, current []string) []supportRow {
	out := make([]supportRow, SupportRows)
	for i := range out {
		out[i] = supportRow{Name: fmt.Sprintf("support_%d", i+1), Label: fmt.Sprintf("Item %d", i+1)}
		if r != nil {
			out[i].Value = strings.TrimSpace(r.PostForm.Get(out[i].Name))
		} else if i < len(current) {
			out[i].Value = current[i]
		}
	}
	return out
}

func supportValues(rows []supportRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Value
	}
	return out
}

type pageData struct {
	web.Page
	Person              people.Person
	Current             *crisis.Crisis
	Past                []crisis.Crisis
	EpisodeEnded        bool
	ReviewHours         int
	PersonID, EpisodeID string
	Now                 time.Time
	CanChange           bool
	WhatHappened        string
	Outcome             string
	Outcomes            []web.Item
	Support             []supportRow
	Version             int
	EpisodePath         string
}

func (d *pageData) set(p crisis.Page) {
	d.Person, d.Current, d.Past, d.EpisodeEnded, d.ReviewHours = p.Person, p.Current, p.Past, p.EpisodeEnded, p.ReviewHours
}

var reviewOrder = []string{"version", "review_what_happened", "outcome", "support"}

// Crisis shows an episode's crisis page and records the current crisis's early review (GET and POST .../crisis).
func (p *Pages) Crisis() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayView(r); err != nil {
			return err
		}
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Episode
		if r.Method == http.MethodPost {
			if err := mayChange(r); err != nil {
				return err
			}
			load = p.store.Glance
		}
		page, err := load(route(r), id, epID)
		if err != nil {
			return err
		}
		data := pageData{Page: web.NewPage(r, "Crisis"), PersonID: id, EpisodeID: epID, Now: p.store.Now(), CanChange: mayChange(r) == nil,
			EpisodePath: paths.Episode.URL(id, epID)}
		data.set(page)
		for _, o := range crisis.Outcomes() {
			data.Outcomes = append(data.Outcomes, web.Item{Value: string(o), Text: o.Label()})
		}
		data.Back = data.EpisodePath
		if page.Current != nil {
			data.Version = page.Current.Version
		}
		if r.Method != http.MethodPost {
			if page.Current != nil {
				data.Support = supportRows(nil, page.Current.Support)
			}
			return p.tmpl.Render(w, r, http.StatusOK, "crisis/crisis.html", data)
		}
		if page.Current == nil {
			return sqldb.ErrNotFound
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.WhatHappened, data.Outcome, data.Support = f.Get("review_what_happened"), f.Get("outcome"), supportRows(r, nil)
		data.Version, _ = strconv.Atoi(f.Get("version"))
		rv := crisis.Review{WhatHappened: data.WhatHappened, Outcome: crisis.Outcome(data.Outcome), Support: supportValues(data.Support)}
		rv.Normalise()
		if ps := rv.Validate(); len(ps) > 0 {
			web.AddProblems(&data.Errors, ps, reviewOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "crisis/crisis.html", data)
		}
		got, err := p.store.RecordReview(route(r), id, epID, page.Current.ID, rv, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.set(fresh)
			if fresh.Current != nil {
				data.Version = fresh.Current.Version
			}
			data.Errors.Add("version", "Someone else reviewed this crisis while you were working. Check what they recorded, then save again to keep your review")
			return p.tmpl.Render(w, r, http.StatusConflict, "crisis/crisis.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, reviewOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "crisis/crisis.html", data)
		}
		if err != nil {
			return err
		}
		if got.Outcome == crisis.Over {
			web.SetFlash(r, "Early review recorded: the crisis is over, back to the four steps")
			http.Redirect(w, r, data.EpisodePath, http.StatusSeeOther)
			return nil
		}
		web.SetFlash(r, "Early review recorded: holding support continues, next review due "+crisis.UKTime(got.NextDueAt))
		http.Redirect(w, r, paths.Crisis.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

type markData struct {
	web.Page
	Person       people.Person
	WhatHappened string
	Support      []supportRow
	ReviewHours  int
	Cancel       string
}

var markOrder = []string{"what_happened", "support"}

// Mark marks an episode as crisis (GET and POST .../crisis/new).
func (p *Pages) Mark() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		load := p.store.Episode
		if r.Method == http.MethodPost {
			load = p.store.Glance
		}
		page, err := load(route(r), id, epID)
		if err != nil {
			return err
		}
		data := markData{Page: web.NewPage(r, "Mark as crisis"), Person: page.Person, ReviewHours: page.ReviewHours, Cancel: paths.Crisis.URL(id, epID)}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Support = supportRows(nil, nil)
			return p.tmpl.Render(w, r, http.StatusOK, "crisis/mark.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.WhatHappened, data.Support = r.PostForm.Get("what_happened"), supportRows(r, nil)
		m := crisis.Mark{WhatHappened: data.WhatHappened, Support: supportValues(data.Support)}
		_, err = p.store.Mark(route(r), id, epID, m)
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, markOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "crisis/mark.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Marked as crisis")
		http.Redirect(w, r, paths.Crisis.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}
