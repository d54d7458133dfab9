package advocacypage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

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
	web.ConflictPanel
	PersonID, EpisodeID string
	Person              people.Person
	Form                needsForm
	Areas               []advocacy.Area
	Checks, Processes   []web.Item
	Cancel              string
}

func needsOrder() []string {
	var out []string
	for _, a := range advocacy.Areas() {
		out = append(out, a.Field(), a.Field()+"_evidence")
	}
	return append(out, "appropriate", "person_name", "relationship", "passes", "exceptions", "processes", "notes", "recorded_on", "version")
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
// The form carries the record it replaces ("replaces"): when someone else recorded needs since, nothing is saved and
// the page (409) shows theirs beside what was typed, to save again and replace theirs.
func (p *Pages) Needs() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := &needsData{Page: web.NewPage(r, "Record advocacy needs"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Areas: advocacy.Areas(), Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		for _, c := range advocacy.Checks() {
			data.Checks = append(data.Checks, web.Item{Value: string(c), Text: c.Label()})
		}
		for _, pr := range advocacy.Processes() {
			data.Processes = append(data.Processes, web.Item{Value: string(pr), Text: pr.Label()})
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[advocacy.Needs]{
			Template: "advocacy/needs.html",
			Order:    needsOrder(),
			Conflict: "Someone else recorded advocacy needs for this episode while you were working. Check what they recorded, then save again to replace it with yours",
			Heading:  "What they recorded",
			// Load is the episode read above, with its latest record; Latest glances at it again after a refused save.
			Load: func() (advocacy.Needs, error) { return ep.Latest(), nil },
			Latest: func() (advocacy.Needs, error) {
				fresh, err := p.store.EpisodeGlance(web.Route(r), id, epID)
				return fresh.Latest(), err
			},
			Fill: func(latest advocacy.Needs) { data.Form = formOf(latest, web.Today(r)) },
			Read: func(f url.Values, errs *web.Errors) advocacy.Needs {
				data.Form = readNeeds(f)
				n := data.Form.needs(id, epID)
				if data.Form.Appropriate != "named" && data.Form.Appropriate != "none" {
					errs.Add("appropriate", "Select whether there is an appropriate person to support and represent them")
				}
				n.RecordedOn = web.ReadDate(errs, data.Form.On, "recorded_on", "Date of the record")
				n.Normalise()
				for _, pr := range n.Validate(web.Today(r)) {
					if !errs.Has(pr.Field) && !(pr.Field == "person_name" && errs.Has("appropriate")) {
						errs.Add(pr.Field, pr.Message)
					}
				}
				return n
			},
			Save:     func(n advocacy.Needs) (advocacy.Needs, error) { return p.store.RecordNeeds(web.Route(r), n) },
			Problems: web.ProblemsIn(validation.AsProblems),
			// The form takes their record as the one it replaces, so that saving again replaces it on purpose.
			Compare: func(theirs, typed advocacy.Needs) []web.Difference {
				data.Form.Replaces = theirs.ID
				return needsDifferences(theirs, typed, data.Checks, data.Processes)
			},
			Done: func(got advocacy.Needs) error {
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
			},
		})
	})
}

// readNeeds reads the form as typed.
func readNeeds(f url.Values) needsForm {
	form := needsForm{Difficulty: map[string]string{}, Evidence: map[string]string{}, Appropriate: f.Get("appropriate"),
		Name: f.Get("person_name"), Relationship: f.Get("relationship"), Passes: f["passes"], NHS: f.Get("nhs_accommodation") == "yes",
		Disagreement: f.Get("disagreement") == "yes", Processes: f["processes"], Notes: f.Get("notes"), On: web.DateInputFrom(f, "recorded_on"),
		Replaces: f.Get("replaces")}
	for _, a := range advocacy.Areas() {
		form.Difficulty[string(a)], form.Evidence[string(a)] = f.Get(a.Field()), f.Get(a.Field()+"_evidence")
	}
	return form
}

// needs is the record as typed, without its date, which the page reads.
func (f needsForm) needs(personID, episodeID string) advocacy.Needs {
	n := advocacy.Needs{PersonID: personID, EpisodeID: episodeID, Difficulties: map[advocacy.Area]advocacy.Difficulty{}, NoAppropriatePerson: f.Appropriate == "none",
		PersonName: f.Name, Relationship: f.Relationship, Passes: map[advocacy.Check]bool{}, NHSAccommodation: f.NHS,
		Disagreement: f.Disagreement, Notes: f.Notes, Replaces: f.Replaces}
	for _, a := range advocacy.Areas() {
		v := f.Difficulty[string(a)]
		n.Difficulties[a] = advocacy.Difficulty{Answered: v == "yes" || v == "no", Substantial: v == "yes", Evidence: f.Evidence[string(a)]}
	}
	for _, c := range f.Passes {
		n.Passes[advocacy.Check(c)] = true
	}
	for _, pr := range f.Processes {
		n.Processes = append(n.Processes, advocacy.Process(pr))
	}
	return n
}

// needsDifferences lists where the needs someone else recorded differ from those typed, in the form's order.
func needsDifferences(theirs, typed advocacy.Needs, checks, processes []web.Item) []web.Difference {
	var rows [][3]string
	for _, a := range advocacy.Areas() {
		rows = append(rows, [3]string{"Substantial difficulty in " + strings.ToLower(a.Label()), difficultyText(theirs.Difficulties[a]), difficultyText(typed.Difficulties[a])})
	}
	appropriate := func(n advocacy.Needs) string {
		if n.NoAppropriatePerson {
			return "Nobody appropriate"
		}
		return n.PersonName
	}
	passes := func(n advocacy.Needs) string {
		var out []string
		for c, ok := range n.Passes {
			if ok {
				out = append(out, string(c))
			}
		}
		return web.ChosenText(checks, out...)
	}
	yes := func(b bool) string {
		if b {
			return "Yes"
		}
		return "No"
	}
	covers := func(n advocacy.Needs) string {
		var out []string
		for _, pr := range n.Processes {
			out = append(out, string(pr))
		}
		return web.ChosenText(processes, out...)
	}
	rows = append(rows,
		[3]string{"Someone appropriate to support and represent them", appropriate(theirs), appropriate(typed)},
		[3]string{"How they know the person", theirs.Relationship, typed.Relationship},
		[3]string{"What is true of them", passes(theirs), passes(typed)},
		[3]string{"NHS accommodation", yes(theirs.NHSAccommodation), yes(typed.NHSAccommodation)},
		[3]string{"Disagreement", yes(theirs.Disagreement), yes(typed.Disagreement)},
		[3]string{"Processes it covers", covers(theirs), covers(typed)},
		[3]string{"Notes", theirs.Notes, typed.Notes},
		[3]string{"Date", web.DateText(theirs.RecordedOn.Time), web.DateText(typed.RecordedOn.Time)},
	)
	return web.Differences(rows...)
}

// difficultyText is the answer about one area, and its evidence.
func difficultyText(d advocacy.Difficulty) string {
	switch {
	case !d.Answered:
		return ""
	case d.Substantial && d.Evidence != "":
		return "Yes: " + d.Evidence
	case d.Substantial:
		return "Yes"
	case d.Evidence != "":
		return "No: " + d.Evidence
	}
	return "No"
}
