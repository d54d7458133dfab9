package crisispage

import (
	"errors"
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

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
	return web.Requires(councils.Role.WorksWithPeople, web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Episode
		if r.Method == http.MethodPost {
			load = p.store.Glance
		}
		page, err := load(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := pageData{Page: web.NewPage(r, "Crisis"), PersonID: id, EpisodeID: epID, Now: p.store.Now(), CanChange: web.Can(r, councils.Role.ChangesPeople),
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
		data.Version = web.FormVersion(f, "version")
		rv := crisis.Review{WhatHappened: data.WhatHappened, Outcome: crisis.Outcome(data.Outcome), Support: supportValues(data.Support)}
		rv.Normalise()
		if ps := rv.Validate(); len(ps) > 0 {
			web.AddProblems(&data.Errors, ps, reviewOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "crisis/crisis.html", data)
		}
		got, err := p.store.RecordReview(web.Route(r), id, epID, page.Current.ID, rv, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(web.Route(r), id, epID)
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
		if ps, ok := validation.AsProblems(err); ok {
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
	}))
}
