package riskpage

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type riskData struct {
	web.Page
	web.ConflictPanel
	Person       people.Person
	Choices      risks.Page
	Risk         risks.Risk
	Today        time.Time
	CanChange    bool
	On, Next     web.DateInput
	WhatHappened string
	Result       string
	Results      []web.Item
	Version      int
	Cancel       string
	Base         string // the risk's page
}

var reviewOrder = []string{"version", "reviewed_on", "what_happened", "result", "next_review_on"}

// Risk shows a risk and records its review (GET and POST .../risks/{risk}).
func (p *Pages) Risk() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, riskID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("risk")
		load := p.store.Risk
		if r.Method == http.MethodPost {
			load = p.store.RiskGlance
		}
		page, rk, err := load(web.Route(r), id, epID, riskID)
		if err != nil {
			return err
		}
		today := web.Today(r).Time
		data := &riskData{Page: web.NewPage(r, rk.What), Person: page.Person, Choices: page, Risk: rk, Today: today, CanChange: web.Can(r, councils.Role.ChangesPeople),
			Version: rk.Version, Cancel: paths.Risks.URL(id, epID), Base: paths.Risk.URL(id, epID, riskID),
			Results: items(risks.Results(), func(s risks.Status) string { return string(s) })}
		data.Back = data.Cancel
		// A review sets where the risk stands and when it is next reviewed, refused on the risk's version: what
		// someone else saved first is set beside the review typed, and the page shows the risk as saved now.
		standing := func(rk risks.Risk) risks.Review { return risks.Review{Result: rk.Status, NextReviewOn: rk.ReviewOn} }
		return web.Edit(p.tmpl, w, r, data, web.EditForm[risks.Review]{
			Template: "risks/risk.html",
			Order:    reviewOrder,
			Conflict: "Someone else changed or reviewed this risk while you were working. Check what they saved, then save again to keep your review",
			Heading:  "Where the risk stands now",
			// Load is the risk read above: with a view logged for the page, glanced at for a post.
			Load: func() (risks.Review, error) { return standing(rk), nil },
			Latest: func() (risks.Review, error) {
				_, fresh, err := p.store.RiskGlance(web.Route(r), id, epID, riskID)
				data.Risk, data.Version = fresh, fresh.Version
				return standing(fresh), err
			},
			Fill: func(risks.Review) {
				data.On, data.Next = web.DateInputOf(today), web.DateInputOf(today.AddDate(0, 3, 0))
			},
			Read: func(f url.Values, errs *web.Errors) risks.Review {
				data.On, data.Next = web.DateInputFrom(f, "reviewed_on"), web.DateInputFrom(f, "next_review_on")
				data.WhatHappened, data.Result = f.Get("what_happened"), f.Get("result")
				data.Version = web.FormVersion(f, "version")
				rv := risks.Review{WhatHappened: data.WhatHappened, Result: risks.Status(data.Result)}
				rv.On = web.ReadDate(errs, data.On, "reviewed_on", "Date of the review")
				if rv.Result != risks.Closed {
					rv.NextReviewOn = web.ReadDate(errs, data.Next, "next_review_on", "Date of the next review")
				}
				rv.Normalise()
				for _, pr := range rv.Validate(today) {
					if !errs.Has(pr.Field) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return rv
			},
			Save: func(rv risks.Review) (risks.Review, error) {
				_, err := p.store.RecordReview(web.Route(r), id, epID, riskID, rv, data.Version)
				return rv, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, yours risks.Review) []web.Difference {
				return web.Differences(
					[3]string{"Is it still a risk?", theirs.Result.Label(), yours.Result.Label()},
					[3]string{"Review by", web.DateText(theirs.NextReviewOn.Time), web.DateText(yours.NextReviewOn.Time)},
				)
			},
			Done: func(rv risks.Review) error {
				web.SetFlash(r, "Review recorded: "+strings.ToLower(rv.Result.Label()))
				http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
				return nil
			},
		})
	}))
}
