package frontdoorpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type signpostsData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Signposts           []frontdoor.Signpost
	Today               sqldb.Date // for the follow-ups overdue
	Signposting         SignpostsForm
	SignpostedOn        web.DateInput
	Cancel              string
}

// Signposts lists an episode's signposts and referrals with their follow-ups (GET .../signposts), and records a
// new one (GET and POST .../signposts/new).
func (p *Pages) Signposts() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		page, err := p.store.Signposts(route(r), id, epID)
		if err != nil {
			return err
		}
		data := signpostsData{Page: web.NewPage(r, "Signposts and referrals"), PersonID: id, EpisodeID: epID, Person: page.Person, Signposts: page.Signposts, Today: page.Today}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/signposts.html", data)
	}
}

// NewSignpost records signposts or referrals to one or more community services found in the directory, each
// serving one of the episode's outcomes or none (GET and POST .../signposts/new; ?service= chooses one at once).
func (p *Pages) NewSignpost() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		load := p.store.Signposts
		if r.Method == http.MethodPost {
			load = p.store.SignpostsGlance
		}
		page, err := load(route(r), id, epID)
		if err != nil {
			return err
		}
		data := signpostsData{Page: web.NewPage(r, "Signpost or refer to a community service"), PersonID: id, EpisodeID: epID, Person: page.Person,
			Cancel: paths.Signposts.URL(id, epID)}
		outcomes := []web.Item{{Value: "", Text: "Not for a particular outcome"}}
		for _, o := range page.Outcomes {
			outcomes = append(outcomes, web.Item{Value: o.ID, Text: o.Different})
		}
		data.Back = data.Cancel
		today := p.store.Today()
		if r.Method != http.MethodPost {
			data.SignpostedOn = web.DateInputOf(today)
			if data.Signposting, err = p.signposting.Blank(r.Context(), r.URL.Query().Get("service")); err != nil {
				return err
			}
			data.Signposting.WithOutcomes(outcomes)
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/signpost_new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.SignpostedOn = web.DateInputFrom(r.PostForm, "signposted_on")
		sf, acted, err := p.signposting.Read(r, &data.Errors)
		if err != nil {
			return err
		}
		sf.WithOutcomes(outcomes)
		data.Signposting = sf
		order := sf.Order()
		if acted {
			return p.tmpl.Render(w, r, StatusOf(data.Errors), "frontdoor/signpost_new.html", data)
		}
		on := readDate(&data.Errors, data.SignpostedOn, "signposted_on", "Date of the signposts")
		if data.SignpostedOn.IsEmpty() {
			data.Errors.Add("signposted_on", "Enter the date of the signposts")
		}
		if len(sf.Chosen) == 0 {
			data.Errors.Add("signpost_find", "Find a service in the directory and add it")
		}
		sps := sf.Signposts(&data.Errors, on, today)
		if data.Errors.Any() {
			data.Errors.Sort(order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost_new.html", data)
		}
		got, err := p.store.AddSignposts(route(r), id, epID, on, sps)
		if ps, ok := people.AsProblems(err); ok {
			sf.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost_new.html", data)
		}
		if err != nil {
			return err
		}
		what := "Signpost"
		if len(got) > 1 {
			what = strconv.Itoa(len(got)) + " signposts"
		} else if got[0].Referred {
			what = "Referral"
		}
		web.SetFlash(r, what+" to "+sf.Names()+" recorded")
		http.Redirect(w, r, paths.Signposts.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

type signpostData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Signpost            frontdoor.Signpost
	On                  web.DateInput
	Result, Note        string
	Version             int
	Results             []web.Item
	Cancel              string
}

var followUpOrder = []string{"version", "followed_up_on", "result", "result_note"}

// Signpost shows a signpost and records its follow-up: whether it helped, and why
// (GET and POST .../signposts/{signpost}).
func (p *Pages) Signpost() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, spID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("signpost")
		if r.Method == http.MethodPost {
			if err := mayChange(r); err != nil {
				return err
			}
		}
		load := p.store.Signpost
		if r.Method == http.MethodPost {
			load = p.store.SignpostGlance
		}
		person, sp, err := load(route(r), id, epID, spID)
		if err != nil {
			return err
		}
		data := signpostData{Page: web.NewPage(r, sp.ServiceName), PersonID: id, EpisodeID: epID, Person: person, Signpost: sp, Version: sp.Version,
			Cancel: paths.Signposts.URL(id, epID), Result: string(sp.Result), Note: sp.ResultNote}
		for _, h := range frontdoor.HelpedResults() {
			data.Results = append(data.Results, web.Item{Value: string(h), Text: h.Label()})
		}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.On = web.DateInputOf(p.store.Today())
			if sp.FollowedUp() {
				data.On = web.DateInputOf(sp.FollowedUpOn.Time)
			}
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/signpost.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.On, data.Result, data.Note = web.DateInputFrom(f, "followed_up_on"), f.Get("result"), strings.TrimSpace(f.Get("result_note"))
		data.Version, _ = strconv.Atoi(f.Get("version"))
		fu := frontdoor.FollowUp{Result: frontdoor.Helped(data.Result), Note: data.Note}
		fu.On = readDate(&data.Errors, data.On, "followed_up_on", "Date of the follow-up")
		for _, pr := range fu.Validate(sp.SignpostedOn, p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(followUpOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost.html", data)
		}
		err = p.store.RecordFollowUp(route(r), id, epID, spID, fu, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			_, fresh, ferr := p.store.SignpostGlance(route(r), id, epID, spID)
			if ferr != nil {
				return ferr
			}
			data.Signpost, data.Version = fresh, fresh.Version
			data.Errors.Add("version", "Someone else recorded a follow-up while you were working. Check what they found, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/signpost.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, followUpOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/signpost.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Follow-up recorded: "+strings.ToLower(fu.Result.Label()))
		http.Redirect(w, r, paths.Signposts.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}
