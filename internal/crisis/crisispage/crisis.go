package crisispage

import (
	"net/http"
	"net/url"
	"strings"
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
	web.ConflictPanel
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
		data := &pageData{Page: web.NewPage(r, "Crisis"), PersonID: id, EpisodeID: epID, Now: p.store.Now(), CanChange: web.Can(r, councils.Role.ChangesPeople),
			EpisodePath: paths.Episode.URL(id, epID)}
		data.set(page)
		for _, o := range crisis.Outcomes() {
			data.Outcomes = append(data.Outcomes, web.Item{Value: string(o), Text: o.Label()})
		}
		data.Back = data.EpisodePath
		if page.Current != nil {
			data.Version = page.Current.Version
		}
		if r.Method == http.MethodPost && page.Current == nil {
			return sqldb.ErrNotFound
		}
		// The early review is recorded against the crisis's version: what someone else recorded first (their review
		// and the holding support it left) is set beside this one.
		return web.Edit(p.tmpl, w, r, data, web.EditForm[crisis.Review]{
			Template: "crisis/crisis.html",
			Order:    reviewOrder,
			Conflict: "Someone else reviewed this crisis while you were working. Check what they recorded, then save again to keep your review",
			Heading:  "What they recorded",
			// Load is the crisis read above: with a view logged for the page, glanced at for a post.
			Load: func() (crisis.Review, error) { return crisis.Review{}, nil },
			Latest: func() (crisis.Review, error) {
				fresh, err := p.store.Glance(web.Route(r), id, epID)
				if err != nil {
					return crisis.Review{}, err
				}
				data.set(fresh)
				var theirs crisis.Review
				if c := fresh.Current; c != nil {
					data.Version, theirs.Support = c.Version, c.Support
					if n := len(c.Reviews); n > 0 {
						theirs.WhatHappened, theirs.Outcome = c.Reviews[n-1].WhatHappened, c.Reviews[n-1].Outcome
					}
				}
				return theirs, nil
			},
			Fill: func(crisis.Review) {
				if page.Current != nil {
					data.Support = supportRows(nil, page.Current.Support)
				}
			},
			Read: func(f url.Values, errs *web.Errors) crisis.Review {
				data.WhatHappened, data.Outcome, data.Support = f.Get("review_what_happened"), f.Get("outcome"), supportRows(f, nil)
				data.Version = web.FormVersion(f, "version")
				rv := crisis.Review{WhatHappened: data.WhatHappened, Outcome: crisis.Outcome(data.Outcome), Support: supportValues(data.Support)}
				rv.Normalise()
				web.AddProblems(errs, rv.Validate(), reviewOrder)
				return rv
			},
			Save: func(rv crisis.Review) (crisis.Review, error) {
				return p.store.RecordReview(web.Route(r), id, epID, page.Current.ID, rv, data.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, yours crisis.Review) []web.Difference {
				support := func(items []string) string {
					var out []string
					for _, s := range items {
						if s = strings.TrimSpace(s); s != "" {
							out = append(out, s)
						}
					}
					return strings.Join(out, "; ")
				}
				typed := support(yours.Support)
				if typed == "" && yours.Outcome != crisis.Over {
					typed = support(theirs.Support) // left as it is, the support in place is kept
				}
				return web.Differences(
					[3]string{"What has happened since", theirs.WhatHappened, yours.WhatHappened},
					[3]string{"Is the crisis over?", theirs.Outcome.Label(), yours.Outcome.Label()},
					[3]string{"Holding support", support(theirs.Support), typed},
				)
			},
			Done: func(got crisis.Review) error {
				if got.Outcome == crisis.Over {
					web.SetFlash(r, "Early review recorded: the crisis is over, back to the four steps")
					http.Redirect(w, r, data.EpisodePath, http.StatusSeeOther)
					return nil
				}
				web.SetFlash(r, "Early review recorded: holding support continues, next review due "+crisis.UKTime(got.NextDueAt))
				http.Redirect(w, r, paths.Crisis.URL(id, epID), http.StatusSeeOther)
				return nil
			},
		})
	}))
}
