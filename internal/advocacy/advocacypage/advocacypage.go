// Package advocacypage provides an episode's advocacy pages: the open advocacy and IMCA required actions with their
// due dates (overdue ones marked), the forms that meet them (a referral, or a lawful reason not to refer), the
// advocacy needs record that raises them, and each referral with what became of it.
package advocacypage

import (
	"context"
	"embed"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of advocacy.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	RecordNeeds(ctx context.Context, n advocacy.Needs) (advocacy.Needs, error)
	Refer(ctx context.Context, r advocacy.Referral) (advocacy.Referral, error)
	NotNeeded(ctx context.Context, personID, episodeID string, kind duties.Kind, subject string, m advocacy.NotMet) error
	Referral(ctx context.Context, personID, episodeID, id string) (people.Person, advocacy.Referral, error)
	ReferralGlance(ctx context.Context, personID, episodeID, id string) (people.Person, advocacy.Referral, error)
	UpdateReferral(ctx context.Context, personID, episodeID, id string, allocatedOn sqldb.Date, advocate, outcome string, version int) error
	Today() sqldb.Date
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

func mayChange(r *http.Request) error {
	if s, _ := councils.StaffFrom(r.Context()); !s.Role.ChangesPeople() {
		return web.Forbidden
	}
	return nil
}

func (p *Pages) load(r *http.Request, id, epID string) (advocacy.Page, error) {
	if r.Method == http.MethodPost {
		return p.store.EpisodeGlance(route(r), id, epID)
	}
	return p.store.Episode(route(r), id, epID)
}

// action is a required action as the page lists it.
type action struct {
	duties.Duty
	Overdue bool
}

type episodeData struct {
	web.Page
	PersonID, EpisodeID string
	Ep                  advocacy.Page
	Actions             []action
}

// Episode shows an episode's advocacy (GET .../advocacy).
func (p *Pages) Episode() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(route(r), id, epID)
		if err != nil {
			return err
		}
		data := episodeData{Page: web.NewPage(r, "Advocacy"), PersonID: id, EpisodeID: epID, Ep: ep}
		for _, d := range ep.Actions {
			data.Actions = append(data.Actions, action{Duty: d, Overdue: d.Overdue(ep.Now)})
		}
		data.Back = paths.Episode.URL(id, epID)
		return p.tmpl.Render(w, r, http.StatusOK, "advocacy/episode.html", data)
	}
}

// needsForm is the needs form as typed.
type needsForm struct {
	Difficulty, Evidence map[string]string
	Appropriate          string // "named" or "none"
	Name, Relationship   string
	Passes               []string
	NHS, Disagreement    bool
	Processes            []string
	Notes                string
	On                   web.DateInput
	Replaces             string
}

type needsData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Form                needsForm
	Areas               []advocacy.Area
	Checks, Processes   []web.Item
	Latest              advocacy.Needs // on a conflict: the record someone else made
	Conflict            bool
	Cancel              string
}

func needsOrder() []string {
	var out []string
	for _, a := range advocacy.Areas() {
		out = append(out, a.Field(), a.Field()+"_evidence")
	}
	return append(out, "appropriate", "person_name", "relationship", "passes", "exceptions", "processes", "notes", "recorded_on", "replaces")
}

func formOf(n advocacy.Needs, today sqldb.Date) needsForm {
	f := needsForm{Difficulty: map[string]string{}, Evidence: map[string]string{}, On: web.DateInputOf(today.Time), Replaces: n.ID}
	if n.ID == "" {
		return f
	}
	for _, a := range advocacy.Areas() {
		d := n.Difficulties[a]
		f.Difficulty[string(a)], f.Evidence[string(a)] = "no", d.Evidence
		if d.Substantial {
			f.Difficulty[string(a)] = "yes"
		}
	}
	f.Appropriate, f.Name, f.Relationship = "named", n.PersonName, n.Relationship
	if n.NoAppropriatePerson {
		f.Appropriate = "none"
	}
	for _, c := range advocacy.Checks() {
		if n.Passes[c] {
			f.Passes = append(f.Passes, string(c))
		}
	}
	f.NHS, f.Disagreement, f.Notes = n.NHSAccommodation, n.Disagreement, n.Notes
	for _, pr := range n.Processes {
		f.Processes = append(f.Processes, string(pr))
	}
	return f
}

// Needs records the episode's advocacy needs, starting from the latest record (GET and POST .../advocacy/needs/new).
func (p *Pages) Needs() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := needsData{Page: web.NewPage(r, "Record advocacy needs"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Areas: advocacy.Areas(), Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		for _, c := range advocacy.Checks() {
			data.Checks = append(data.Checks, web.Item{Value: string(c), Text: c.Label()})
		}
		for _, pr := range advocacy.Processes() {
			data.Processes = append(data.Processes, web.Item{Value: string(pr), Text: pr.Label()})
		}
		if r.Method != http.MethodPost {
			data.Form = formOf(ep.Latest(), p.store.Today())
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/needs.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form = needsForm{Difficulty: map[string]string{}, Evidence: map[string]string{}, Appropriate: f.Get("appropriate"),
			Name: f.Get("person_name"), Relationship: f.Get("relationship"), Passes: f["passes"], NHS: f.Get("nhs_accommodation") == "yes",
			Disagreement: f.Get("disagreement") == "yes", Processes: f["processes"], Notes: f.Get("notes"), On: web.DateInputFrom(f, "recorded_on"),
			Replaces: f.Get("replaces")}
		n := advocacy.Needs{PersonID: id, EpisodeID: epID, Difficulties: map[advocacy.Area]advocacy.Difficulty{}, NoAppropriatePerson: data.Form.Appropriate == "none",
			PersonName: data.Form.Name, Relationship: data.Form.Relationship, Passes: map[advocacy.Check]bool{}, NHSAccommodation: data.Form.NHS,
			Disagreement: data.Form.Disagreement, Notes: data.Form.Notes, Replaces: data.Form.Replaces}
		for _, a := range advocacy.Areas() {
			v, ev := f.Get(a.Field()), f.Get(a.Field()+"_evidence")
			data.Form.Difficulty[string(a)], data.Form.Evidence[string(a)] = v, ev
			n.Difficulties[a] = advocacy.Difficulty{Answered: v == "yes" || v == "no", Substantial: v == "yes", Evidence: ev}
		}
		for _, c := range data.Form.Passes {
			n.Passes[advocacy.Check(c)] = true
		}
		for _, pr := range data.Form.Processes {
			n.Processes = append(n.Processes, advocacy.Process(pr))
		}
		if data.Form.Appropriate != "named" && data.Form.Appropriate != "none" {
			data.Errors.Add("appropriate", "Select whether there is an appropriate person to support and represent them")
		}
		if !data.Form.On.IsEmpty() {
			t, de := data.Form.On.Parse("Date of the record")
			data.Errors.AddDate("recorded_on", de)
			if de == nil {
				n.RecordedOn = sqldb.NewDate(t)
			}
		}
		check := n
		check.Normalise()
		for _, pr := range check.Validate(p.store.Today()) {
			if !data.Errors.Has(pr.Field) && !(pr.Field == "person_name" && data.Errors.Has("appropriate")) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(needsOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/needs.html", data)
		}
		got, err := p.store.RecordNeeds(route(r), n)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.EpisodeGlance(route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Latest, data.Conflict, data.Form.Replaces = fresh.Latest(), true, fresh.Latest().ID
			data.Errors.Add("replaces", "Someone else recorded advocacy needs for this episode while you were working. Check what they recorded, then save again to replace it with yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/needs.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, needsOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/needs.html", data)
		}
		if err != nil {
			return err
		}
		msg := "Advocacy needs recorded"
		if due := got.DutiesDue(); len(due) > 0 {
			msg += ": an independent advocate must be arranged (" + strconv.Itoa(len(due)) + " required action"
			if len(due) > 1 {
				msg += "s"
			}
			msg += ")"
		}
		web.SetFlash(r, msg)
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

// findAction is the open required action with ID dutyID on the page.
func findAction(ep advocacy.Page, dutyID string) (duties.Duty, bool) {
	for _, d := range ep.Actions {
		if d.ID == dutyID {
			return d, true
		}
	}
	return duties.Duty{}, false
}

type referralForm struct {
	Type, Provider, Advocate, Outcome string
	ReferredOn, AllocatedOn           web.DateInput
	Action                            string
	Version                           int
}

type referralData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Action              duties.Duty
	Form                referralForm
	Types               []web.Item
	Referral            advocacy.Referral // an existing referral being updated
	Cancel              string
}

var referralOrder = []string{"action", "advocate_type", "provider", "referred_on", "advocate_name", "allocated_on", "outcome", "version"}

func typeItems() []web.Item {
	var out []web.Item
	for _, t := range []advocacy.AdvocateType{advocacy.CareActAdvocate, advocacy.IMCA} {
		out = append(out, web.Item{Value: string(t), Text: t.Label()})
	}
	return out
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

// NewReferral records a referral to an advocate, meeting the required action named by ?action= (GET and POST
// .../advocacy/referrals/new).
func (p *Pages) NewReferral() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayChange(r); err != nil {
			return err
		}
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := referralData{Page: web.NewPage(r, "Record a referral to an advocate"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Types: typeItems(), Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Form = referralForm{ReferredOn: web.DateInputOf(p.store.Today().Time), Action: r.URL.Query().Get("action")}
		} else {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			f := r.PostForm
			data.Form = referralForm{Type: f.Get("advocate_type"), Provider: f.Get("provider"), Advocate: f.Get("advocate_name"), Outcome: f.Get("outcome"),
				ReferredOn: web.DateInputFrom(f, "referred_on"), AllocatedOn: web.DateInputFrom(f, "allocated_on"), Action: f.Get("action")}
		}
		if data.Form.Action != "" {
			d, ok := findAction(ep, data.Form.Action)
			if !ok {
				if r.Method != http.MethodPost {
					return web.NotFound
				}
				data.Errors.Add("action", "This required action has already been met. Check the advocacy page before recording another referral")
				return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral.html", data)
			}
			data.Action = d
			data.Form.Type = string(advocacy.TypeFor(d.Kind))
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/referral.html", data)
		}
		ref := advocacy.Referral{PersonID: id, EpisodeID: epID, Type: advocacy.AdvocateType(data.Form.Type), Provider: data.Form.Provider,
			AdvocateName: data.Form.Advocate, Outcome: data.Form.Outcome, DutyKind: data.Action.Kind, DutySubject: data.Action.SubjectID}
		ref.ReferredOn = readDate(&data.Errors, data.Form.ReferredOn, "referred_on", "Date of the referral")
		ref.AllocatedOn = readDate(&data.Errors, data.Form.AllocatedOn, "allocated_on", "Date an advocate was allocated")
		ref.Normalise()
		for _, pr := range ref.Validate(p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral.html", data)
		}
		got, err := p.store.Refer(route(r), ref)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("action", "Someone else met this required action while you were working. Check the advocacy page before recording another referral")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referral to "+got.Provider+" recorded")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

// Referral shows a referral and records what became of it: the advocate allocated, when, and the outcome (GET and
// POST .../advocacy/referrals/{referral}).
func (p *Pages) Referral() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, refID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("referral")
		load := p.store.Referral
		if r.Method == http.MethodPost {
			if err := mayChange(r); err != nil {
				return err
			}
			load = p.store.ReferralGlance
		}
		person, ref, err := load(route(r), id, epID, refID)
		if err != nil {
			return err
		}
		data := referralData{Page: web.NewPage(r, "Referral to "+ref.Provider), PersonID: id, EpisodeID: epID, Person: person, Referral: ref,
			Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		data.Form = referralForm{Advocate: ref.AdvocateName, Outcome: ref.Outcome, Version: ref.Version}
		if !ref.AllocatedOn.IsZero() {
			data.Form.AllocatedOn = web.DateInputOf(ref.AllocatedOn.Time)
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/referral_view.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Form.Advocate, data.Form.Outcome, data.Form.AllocatedOn = f.Get("advocate_name"), f.Get("outcome"), web.DateInputFrom(f, "allocated_on")
		data.Form.Version, _ = strconv.Atoi(f.Get("version"))
		allocated := readDate(&data.Errors, data.Form.AllocatedOn, "allocated_on", "Date an advocate was allocated")
		check := ref
		check.AllocatedOn, check.AdvocateName, check.Outcome = allocated, data.Form.Advocate, data.Form.Outcome
		check.Normalise()
		for _, pr := range check.Validate(p.store.Today()) {
			if !data.Errors.Has(pr.Field) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral_view.html", data)
		}
		err = p.store.UpdateReferral(route(r), id, epID, refID, allocated, data.Form.Advocate, data.Form.Outcome, data.Form.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			_, fresh, ferr := p.store.ReferralGlance(route(r), id, epID, refID)
			if ferr != nil {
				return ferr
			}
			data.Referral, data.Form.Version = fresh, fresh.Version
			data.Errors.Add("version", "Someone else updated this referral while you were working. Check what they recorded, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/referral_view.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, referralOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/referral_view.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Referral updated")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

type reasonData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Action              duties.Duty
	Reasons             []web.Item
	Reason, Details     string
	Cancel              string
}

// Reason meets a required action with a lawful reason not to arrange an advocate (GET and POST
// .../advocacy/actions/{action}/reason).
func (p *Pages) Reason() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID, dutyID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("action")
		if err := mayChange(r); err != nil {
			return err
		}
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := reasonData{Page: web.NewPage(r, "Record a reason not to arrange an advocate"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		d, ok := findAction(ep, dutyID)
		if !ok {
			if r.Method != http.MethodPost {
				return web.NotFound
			}
			data.Errors.Add("reason", "This required action has already been met. Check the advocacy page")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/reason.html", data)
		}
		data.Action = d
		for _, rs := range advocacy.ReasonsFor(d.Kind) {
			data.Reasons = append(data.Reasons, web.Item{Value: string(rs), Text: rs.Label()})
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/reason.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Reason, data.Details = r.PostForm.Get("reason"), strings.TrimSpace(r.PostForm.Get("details"))
		err = p.store.NotNeeded(route(r), id, epID, d.Kind, d.SubjectID, advocacy.NotMet{Reason: advocacy.Reason(data.Reason), Details: data.Details})
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("reason", "Someone else met this required action while you were working. Check the advocacy page")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/reason.html", data)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, []string{"reason", "details"})
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/reason.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Reason recorded: "+d.Kind.Label()+" is met")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	}
}

// DueOn is the last UK day on which the action is in time (DueAt is the first instant after it).
func (a action) DueOn() string { return DueOn(a.DueAt) }

// DueOn is the last UK day before the instant due, as "2 January 2006".
func DueOn(due time.Time) string {
	return due.Add(-time.Nanosecond).In(sqldb.London()).Format("2 January 2006")
}
