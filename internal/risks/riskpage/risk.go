package riskpage

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type riskData struct {
	web.Page
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
		today := p.store.Today()
		data := riskData{Page: web.NewPage(r, rk.What), Person: page.Person, Choices: page, Risk: rk, Today: today, CanChange: web.Can(r, councils.Role.ChangesPeople),
			Version: rk.Version, Cancel: paths.Risks.URL(id, epID), Base: paths.Risk.URL(id, epID, riskID),
			Results: items(risks.Results(), func(s risks.Status) string { return string(s) })}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.On, data.Next = web.DateInputOf(today), web.DateInputOf(today.AddDate(0, 3, 0))
			return p.tmpl.Render(w, r, http.StatusOK, "risks/risk.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.On, data.Next = web.DateInputFrom(f, "reviewed_on"), web.DateInputFrom(f, "next_review_on")
		data.WhatHappened, data.Result = f.Get("what_happened"), f.Get("result")
		data.Version = web.FormVersion(f, "version")
		rv := risks.Review{WhatHappened: data.WhatHappened, Result: risks.Status(data.Result)}
		rv.On = web.ReadDate(&data.Errors, data.On, "reviewed_on", "Date of the review")
		if rv.Result != risks.Closed {
			rv.NextReviewOn = web.ReadDate(&data.Errors, data.Next, "next_review_on", "Date of the next review")
		}
		rv.Normalise()
		for _, pr := range rv.Validate(today) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(reviewOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/risk.html", data)
		}
		_, err = p.store.RecordReview(web.Route(r), id, epID, riskID, rv, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			_, fresh, ferr := p.store.RiskGlance(web.Route(r), id, epID, riskID)
			if ferr != nil {
				return ferr
			}
			data.Risk, data.Version = fresh, fresh.Version
			data.Errors.Add("version", "Someone else changed or reviewed this risk while you were working. Check what they saved, then save again to keep your review")
			return p.tmpl.Render(w, r, http.StatusConflict, "risks/risk.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, reviewOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/risk.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Review recorded: "+strings.ToLower(rv.Result.Label()))
		http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
		return nil
	}))
}
