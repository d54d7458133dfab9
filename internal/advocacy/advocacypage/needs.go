package advocacypage

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

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
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
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
			data.Form = formOf(ep.Latest(), web.Today(r))
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
		for _, pr := range check.Validate(web.Today(r)) {
			if !data.Errors.Has(pr.Field) && !(pr.Field == "person_name" && data.Errors.Has("appropriate")) {
				data.Errors.Add(pr.Field, pr.Message)
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(needsOrder())
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/needs.html", data)
		}
		got, err := p.store.RecordNeeds(web.Route(r), n)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.EpisodeGlance(web.Route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Latest, data.Conflict, data.Form.Replaces = fresh.Latest(), true, fresh.Latest().ID
			data.Errors.Add("replaces", "Someone else recorded advocacy needs for this episode while you were working. Check what they recorded, then save again to replace it with yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/needs.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
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
	})
}
