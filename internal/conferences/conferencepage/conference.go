package conferencepage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type conferenceData struct {
	web.Page
	Person        people.Person
	C             conferences.Conference
	Base          string
	CanChange     bool
	Version       int
	Outcomes      []web.Item
	HeldOn        web.DateInput
	ReviewOn      web.DateInput
	PrivateTime   string
	PrivateNote   string
	Items         []row
	ReviewedOn    web.DateInput
	ReviewNote    string
	ItemResults   []itemResult
	ResultChoices []web.Item
}

type itemResult struct {
	Item         conferences.Item
	Field        string
	Result, Note string
}

var heldOrder = []string{"version", "held_on", "private_time", "private_time_note", "items", "review_on"}

func (p *Pages) conference(r *http.Request, peek bool) (conferenceData, error) {
	id, epID, cID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("conference")
	load := p.store.Conference
	if peek {
		load = p.store.Glance
	}
	page, err := load(web.Route(r), id, epID, cID)
	if err != nil {
		return conferenceData{}, err
	}
	c := page.Conferences[0]
	today := web.Today(r).Time
	data := conferenceData{Page: web.NewPage(r, "Family group conference"), Person: page.Person, C: c, Base: paths.Conference.URL(id, epID, c.ID),
		CanChange: web.Can(r, councils.Role.ChangesPeople), Version: c.Version, HeldOn: web.DateInputOf(today), ReviewedOn: web.DateInputOf(today),
		Items: formRows(nil, "item_what", "Item %d: what", "item_who", "Who will do it", "item_by_when", "By when")}
	if !c.ConferenceOn.IsZero() && !c.ConferenceOn.After(today) {
		data.HeldOn = web.DateInputOf(c.ConferenceOn.Time)
	}
	data.ReviewOn = web.DateInputOf(today.AddDate(0, 3, 0))
	data.Back = paths.Conferences.URL(id, epID)
	for _, o := range page.Outcomes {
		data.Outcomes = append(data.Outcomes, web.Item{Value: o.ID, Text: o.Different})
	}
	for _, res := range conferences.ItemResults() {
		data.ResultChoices = append(data.ResultChoices, web.Item{Value: string(res), Text: res.Label()})
	}
	for i, it := range c.Items {
		data.ItemResults = append(data.ItemResults, itemResult{Item: it, Field: conferences.ItemField(i), Result: string(it.Result), Note: it.ResultNote})
	}
	return data, nil
}

// Conference shows a family group conference (GET .../conferences/{conference}).
func (p *Pages) Conference() web.Handler {
	return web.Requires(councils.Role.WorksWithPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.conference(r, false)
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "conferences/conference.html", data)
	})
}

func (p *Pages) conflict(w http.ResponseWriter, r *http.Request, data conferenceData, what string) error {
	fresh, err := p.conference(r, true)
	if err != nil {
		return err
	}
	data.C, data.Version, data.ItemResults = fresh.C, fresh.Version, fresh.ItemResults
	data.Errors.Add("version", "Someone else changed this conference while you were working. Check what they recorded, then save again to keep "+what)
	return p.tmpl.Render(w, r, http.StatusConflict, "conferences/conference.html", data)
}

// Held records the conference as held, with the family's private time and their plan
// (POST .../conferences/{conference}/held).
func (p *Pages) Held() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.conference(r, true)
		if err != nil {
			return err
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.HeldOn, data.ReviewOn = web.DateInputFrom(f, "held_on"), web.DateInputFrom(f, "review_on")
		data.PrivateTime, data.PrivateNote = f.Get("private_time"), f.Get("private_time_note")
		data.Items = formRows(r, "item_what", "Item %d: what", "item_who", "Who will do it", "item_by_when", "By when")
		data.Version = web.FormVersion(f, "version")
		m := conferences.Meeting{PrivateTimeGiven: data.PrivateTime, PrivateTimeNote: data.PrivateNote}
		for _, it := range data.Items {
			m.Items = append(m.Items, conferences.Item{What: it.Cells[0].Value, Who: it.Cells[1].Value, ByWhen: it.Cells[2].Value})
		}
		m.HeldOn = web.ReadDate(&data.Errors, data.HeldOn, "held_on", "Date of the conference")
		m.ReviewOn = web.ReadDate(&data.Errors, data.ReviewOn, "review_on", "Date to review the plan")
		m.Normalise()
		for _, pr := range m.Validate(data.C.ReferredOn, web.Today(r).Time) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(heldOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		err = p.store.RecordHeld(web.Route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, m, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			return p.conflict(w, r, data, "yours")
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, heldOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Conference recorded as held, with the family’s plan")
		http.Redirect(w, r, data.Base, http.StatusSeeOther)
		return nil
	})
}

// Review records the review of the family's plan (POST .../conferences/{conference}/review).
func (p *Pages) Review() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.conference(r, true)
		if err != nil {
			return err
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.ReviewedOn, data.ReviewNote = web.DateInputFrom(f, "reviewed_on"), f.Get("review_note")
		data.Version = web.FormVersion(f, "version")
		rv := conferences.Review{Note: data.ReviewNote, Results: map[string]conferences.ItemResult{}, Notes: map[string]string{}}
		for i := range data.ItemResults {
			ir := &data.ItemResults[i]
			ir.Result, ir.Note = f.Get(ir.Field), strings.TrimSpace(f.Get(ir.Field+"_note"))
			rv.Results[ir.Item.ID], rv.Notes[ir.Item.ID] = conferences.ItemResult(ir.Result), ir.Note
		}
		rv.On = web.ReadDate(&data.Errors, data.ReviewedOn, "reviewed_on", "Date of the review")
		order := []string{"version", "reviewed_on", "review_note"}
		for _, ir := range data.ItemResults {
			order = append(order, ir.Field)
		}
		for _, pr := range rv.Validate(data.C, web.Today(r).Time) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		err = p.store.RecordReview(web.Route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, rv, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			return p.conflict(w, r, data, "your review")
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Review of the family’s plan recorded")
		http.Redirect(w, r, data.Base, http.StatusSeeOther)
		return nil
	})
}

// AddItem puts an item of the family's plan in the support plan as a network solution serving the outcomes chosen
// (POST .../conferences/{conference}/items/{item}/solution).
func (p *Pages) AddItem() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.conference(r, true)
		if err != nil {
			return err
		}
		itemID := r.PathValue("item")
		if _, ok := data.C.Item(itemID); !ok {
			return sqldb.ErrNotFound
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		_, err = p.store.AddToSupportPlan(web.Route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, itemID, r.PostForm["outcome_ids"])
		if ps, ok := validation.AsProblems(err); ok {
			for _, pr := range ps {
				data.Errors.Add("outcome-"+itemID, pr.Message)
			}
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Added to the support plan as a solution from the family and network")
		http.Redirect(w, r, data.Base, http.StatusSeeOther)
		return nil
	})
}
