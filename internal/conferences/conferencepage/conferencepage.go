// Package conferencepage provides the family group conference pages of an episode: its conferences, a referral with
// the person's consent, and a conference's page, where it is recorded as held (with the family's private time and
// their plan), where items of the family's plan are added to the support plan, and where the plan is reviewed.
package conferencepage

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
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of conferences.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (conferences.Page, error)
	Conference(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Glance(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Refer(ctx context.Context, personID, episodeID string, r conferences.Referral) (conferences.Conference, error)
	RecordHeld(ctx context.Context, personID, episodeID, id string, m conferences.Meeting, version int) error
	RecordReview(ctx context.Context, personID, episodeID, id string, r conferences.Review, version int) error
	AddToSupportPlan(ctx context.Context, personID, episodeID, id, itemID string, outcomeIDs []string) (plans.Solution, error)
	Today() time.Time
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

func readDate(errs *web.Errors, in web.DateInput, field, label string) sqldb.Date {
	if in.IsEmpty() {
		return sqldb.Date{}
	}
	t, de := in.Parse(label)
	errs.AddDate(field, de)
	if de != nil {
		return sqldb.Date{}
	}
	return sqldb.NewDate(t)
}

// Rows is how many rows of people invited, and of the family's plan, the forms offer.
const Rows = 5

type cell struct{ Name, Label, Value string }

type row struct {
	Cells []cell
}

func formRows(r *http.Request, labels ...string) []row {
	out := make([]row, Rows)
	for i := range out {
		for j := 0; j < len(labels); j += 2 {
			c := cell{Name: fmt.Sprintf("%s_%d", labels[j], i+1), Label: labels[j+1]}
			if j == 0 {
				c.Label = fmt.Sprintf(labels[j+1], i+1)
			}
			if r != nil {
				c.Value = strings.TrimSpace(r.PostForm.Get(c.Name))
			}
			out[i].Cells = append(out[i].Cells, c)
		}
	}
	return out
}

type listData struct {
	web.Page
	Person      people.Person
	Conferences []conferences.Conference
	CanChange   bool
	Base        string
}

// List shows an episode's family group conferences (GET .../conferences).
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayView(r); err != nil {
			return err
		}
		id, epID := r.PathValue("id"), r.PathValue("episode")
		page, err := p.store.Episode(route(r), id, epID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Family group conferences"), Person: page.Person, Conferences: page.Conferences,
			CanChange: mayChange(r) == nil, Base: paths.Conferences.URL(id, epID)}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "conferences/list.html", data)
	}
}

type referData struct {
	web.Page
	Person                              people.Person
	ReferredOn, ConsentOn, ConferenceOn web.DateInput
	Consent, Coordinator                string
	Invitees                            []row
	Cancel                              string
}

var referOrder = []string{"referred_on", "consent", "consent_on", "coordinator", "invitees", "conference_on"}

// Refer records a referral for a family group conference (GET and POST .../conferences/new).
func (p *Pages) Refer() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		load := p.store.Episode
		if r.Method == http.MethodPost {
			load = func(ctx context.Context, personID, episodeID string) (conferences.Page, error) {
				return p.store.Glance(ctx, personID, episodeID, "")
			}
		}
		page, err := load(route(r), id, epID)
		if err != nil {
			return err
		}
		data := referData{Page: web.NewPage(r, "Refer for a family group conference"), Person: page.Person, Cancel: paths.Conferences.URL(id, epID)}
		data.Back = data.Cancel
		today := p.store.Today()
		if r.Method != http.MethodPost {
			data.ReferredOn, data.ConsentOn = web.DateInputOf(today), web.DateInputOf(today)
			data.Invitees = formRows(nil, "invitee_name", "Person %d: name", "invitee_relationship", "Relationship to the person")
			return p.tmpl.Render(w, r, http.StatusOK, "conferences/refer.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.ReferredOn, data.ConsentOn, data.ConferenceOn = web.DateInputFrom(f, "referred_on"), web.DateInputFrom(f, "consent_on"), web.DateInputFrom(f, "conference_on")
		data.Consent, data.Coordinator = f.Get("consent"), f.Get("coordinator")
		data.Invitees = formRows(r, "invitee_name", "Person %d: name", "invitee_relationship", "Relationship to the person")
		ref := conferences.Referral{Consent: data.Consent == "yes", Coordinator: data.Coordinator}
		for _, v := range data.Invitees {
			ref.Invitees = append(ref.Invitees, conferences.Invitee{Name: v.Cells[0].Value, Relationship: v.Cells[1].Value})
		}
		ref.ReferredOn = readDate(&data.Errors, data.ReferredOn, "referred_on", "Date of the referral")
		ref.ConsentOn = readDate(&data.Errors, data.ConsentOn, "consent_on", "Date the person agreed")
		ref.ConferenceOn = readDate(&data.Errors, data.ConferenceOn, "conference_on", "Date of the conference")
		ref.Normalise()
		for _, pr := range ref.Validate(today) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/refer.html", data)
		}
		c, err := p.store.Refer(route(r), id, epID, ref)
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/refer.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referred for a family group conference")
		http.Redirect(w, r, paths.Conference.URL(id, epID, c.ID), http.StatusSeeOther)
		return nil
	}
}

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
	page, err := load(route(r), id, epID, cID)
	if err != nil {
		return conferenceData{}, err
	}
	c := page.Conferences[0]
	today := p.store.Today()
	data := conferenceData{Page: web.NewPage(r, "Family group conference"), Person: page.Person, C: c, Base: paths.Conference.URL(id, epID, c.ID),
		CanChange: mayChange(r) == nil, Version: c.Version, HeldOn: web.DateInputOf(today), ReviewedOn: web.DateInputOf(today),
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
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayView(r); err != nil {
			return err
		}
		data, err := p.conference(r, false)
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "conferences/conference.html", data)
	}
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
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayChange(r); err != nil {
			return err
		}
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
		data.Version, _ = strconv.Atoi(f.Get("version"))
		m := conferences.Meeting{PrivateTimeGiven: data.PrivateTime, PrivateTimeNote: data.PrivateNote}
		for _, it := range data.Items {
			m.Items = append(m.Items, conferences.Item{What: it.Cells[0].Value, Who: it.Cells[1].Value, ByWhen: it.Cells[2].Value})
		}
		m.HeldOn = readDate(&data.Errors, data.HeldOn, "held_on", "Date of the conference")
		m.ReviewOn = readDate(&data.Errors, data.ReviewOn, "review_on", "Date to review the plan")
		m.Normalise()
		for _, pr := range m.Validate(data.C.ReferredOn, p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(heldOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		err = p.store.RecordHeld(route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, m, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			return p.conflict(w, r, data, "yours")
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, heldOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Conference recorded as held, with the family’s plan")
		http.Redirect(w, r, data.Base, http.StatusSeeOther)
		return nil
	}
}

// Review records the review of the family's plan (POST .../conferences/{conference}/review).
func (p *Pages) Review() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayChange(r); err != nil {
			return err
		}
		data, err := p.conference(r, true)
		if err != nil {
			return err
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.ReviewedOn, data.ReviewNote = web.DateInputFrom(f, "reviewed_on"), f.Get("review_note")
		data.Version, _ = strconv.Atoi(f.Get("version"))
		rv := conferences.Review{Note: data.ReviewNote, Results: map[string]conferences.ItemResult{}, Notes: map[string]string{}}
		for i := range data.ItemResults {
			ir := &data.ItemResults[i]
			ir.Result, ir.Note = f.Get(ir.Field), strings.TrimSpace(f.Get(ir.Field+"_note"))
			rv.Results[ir.Item.ID], rv.Notes[ir.Item.ID] = conferences.ItemResult(ir.Result), ir.Note
		}
		rv.On = readDate(&data.Errors, data.ReviewedOn, "reviewed_on", "Date of the review")
		order := []string{"version", "reviewed_on", "review_note"}
		for _, ir := range data.ItemResults {
			order = append(order, ir.Field)
		}
		for _, pr := range rv.Validate(data.C, p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		err = p.store.RecordReview(route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, rv, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			return p.conflict(w, r, data, "your review")
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conferences/conference.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Review of the family’s plan recorded")
		http.Redirect(w, r, data.Base, http.StatusSeeOther)
		return nil
	}
}

// AddItem puts an item of the family's plan in the support plan as a network solution serving the outcomes chosen
// (POST .../conferences/{conference}/items/{item}/solution).
func (p *Pages) AddItem() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayChange(r); err != nil {
			return err
		}
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
		_, err = p.store.AddToSupportPlan(route(r), r.PathValue("id"), r.PathValue("episode"), data.C.ID, itemID, r.PostForm["outcome_ids"])
		if ps, ok := people.AsProblems(err); ok {
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
	}
}
