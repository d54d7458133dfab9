package frontdoorpage

import (
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// NewSignpost records signposts or referrals to one or more community services found in the directory, each
// serving one of the episode's outcomes or none (GET and POST .../signposts/new; ?service= chooses one at once).
func (p *Pages) NewSignpost() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Signposts
		if r.Method == http.MethodPost {
			load = p.store.SignpostsGlance
		}
		page, err := load(web.Route(r), id, epID)
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
		today := web.Today(r).Time
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
		on := web.ReadDate(&data.Errors, data.SignpostedOn, "signposted_on", "Date of the signposts")
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
		got, err := p.store.AddSignposts(web.Route(r), id, epID, on, sps)
		if ps, ok := validation.AsProblems(err); ok {
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
	})
}
