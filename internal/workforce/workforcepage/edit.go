package workforcepage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// field is one of the form's number inputs: its name, label, hint, suffix and what was typed.
type field struct {
	Name, Label, Hint, Suffix, Value string
}

type editData struct {
	web.Page
	web.ConflictPanel
	Name, Description, StudyID string
	Studies                    []web.Item
	Times                      []field
	Others                     []field
	Version                    int
	Button                     string
}

// order is the form's fields from top to bottom.
var order = func() []string {
	out := []string{"version", "name", "description", "study_id"}
	for _, a := range workforce.Activities() {
		out = append(out, a.Field())
	}
	return append(out, "with_people_percent", "supervision_minutes", "hours_per_week", "leave_percent", "training_percent", "span")
}()

// fields are the number inputs for assumptions a, as the form shows them.
func fields(a workforce.Assumptions) (times, others []field) {
	for _, act := range workforce.Activities() {
		times = append(times, field{Name: act.Field(), Label: "Time for each " + act.Each(), Suffix: "minutes", Value: strconv.Itoa(a.Minutes(act)),
			Hint: "Assumed: the time with the person and on their casework, from first call to recording"})
	}
	others = []field{
		{Name: "with_people_percent", Label: "Share of a practitioner’s time with people or on their casework", Suffix: "%", Value: strconv.Itoa(a.WithPeoplePercent),
			Hint: "Assumed: the rest goes on travel, recording, meetings and chasing"},
		{Name: "supervision_minutes", Label: "Supervision for each practitioner", Suffix: "minutes a month", Value: strconv.Itoa(a.SupervisionMinutes),
			Hint: "Assumed: a new scenario starts from the council’s supervision policy, at " + strconv.Itoa(workforce.SessionMinutes) + " minutes a session"},
		{Name: "hours_per_week", Label: "Contracted hours of a full-time member of staff", Suffix: "hours a week", Value: strconv.FormatFloat(a.HoursPerWeek, 'f', -1, 64), Hint: "Assumed"},
		{Name: "leave_percent", Label: "Leave, bank holidays and sickness", Suffix: "% of contracted time", Value: strconv.Itoa(a.LeavePercent), Hint: "Assumed"},
		{Name: "training_percent", Label: "Learning and development", Suffix: "% of contracted time", Value: strconv.Itoa(a.TrainingPercent), Hint: "Assumed"},
		{Name: "span", Label: "Practitioners for each supervisor", Suffix: "practitioners", Value: strconv.Itoa(a.Span), Hint: "Assumed: the span of supervision"},
	}
	return times, others
}

// read reads the form into the page data and a scenario, adding what cannot be read as a number to errs, and the
// scenario's own problems.
func (d *editData) read(f url.Values, errs *web.Errors) workforce.Scenario {
	d.Name, d.Description, d.StudyID = f.Get("name"), f.Get("description"), f.Get("study_id")
	x := workforce.Scenario{Name: d.Name, Description: d.Description, StudyID: d.StudyID}
	number := func(fl *field) int {
		fl.Value = strings.TrimSpace(f.Get(fl.Name))
		n, err := strconv.Atoi(fl.Value)
		if err != nil {
			errs.Add(fl.Name, fl.Label+" must be a whole number")
		}
		return n
	}
	for i, act := range workforce.Activities() {
		x.Assumptions.SetMinutes(act, number(&d.Times[i]))
	}
	a := &x.Assumptions
	a.WithPeoplePercent, a.SupervisionMinutes = number(&d.Others[0]), number(&d.Others[1])
	d.Others[2].Value = strings.TrimSpace(f.Get("hours_per_week"))
	if h, err := strconv.ParseFloat(d.Others[2].Value, 64); err != nil {
		errs.Add("hours_per_week", "Contracted hours must be a number, like 37 or 36.5")
	} else {
		a.HoursPerWeek = h
	}
	a.LeavePercent, a.TrainingPercent, a.Span = number(&d.Others[3]), number(&d.Others[4]), number(&d.Others[5])
	if !errs.Any() {
		check := x
		check.Normalise()
		web.AddProblems(errs, check.Validate(), order)
	}
	return x
}

func (p *Pages) newEditData(r *http.Request, title, button string) (*editData, error) {
	d := &editData{Page: web.NewPage(r, title), Button: button}
	studies, err := p.store.Studies(web.Route(r))
	if err != nil {
		return nil, err
	}
	if len(studies) > 0 {
		d.Studies = []web.Item{{Value: "", Text: "None: use the share assumed below"}}
		for _, s := range studies {
			d.Studies = append(d.Studies, web.Item{Value: s.ID, Text: s.Name})
		}
	}
	d.Times, d.Others = fields(workforce.Assumptions{})
	return d, nil
}

// New makes a scenario (GET and POST /insight/staff/scenarios/new): for quality leads and team managers, starting
// from the default assumptions and the council's supervision policy.
func (p *Pages) New() web.Handler {
	return web.Requires(workforce.MakesScenarios, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.newEditData(r, "Make a scenario", "Save the scenario")
		if err != nil {
			return err
		}
		data.Back = paths.Workforce.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[workforce.Scenario]{
			Template: "workforce/edit.html",
			Order:    order,
			Load:     func() (workforce.Scenario, error) { return p.store.Draft(web.Route(r)) },
			Fill: func(x workforce.Scenario) {
				data.Times, data.Others = fields(x.Assumptions)
			},
			Read:     data.read,
			Save:     func(x workforce.Scenario) (workforce.Scenario, error) { return p.store.Create(web.Route(r), x) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(x workforce.Scenario) error {
				web.SetFlash(r, x.Name+" saved")
				http.Redirect(w, r, paths.WorkforceScenario.URL(x.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// Edit changes a scenario's name and assumptions (GET and POST /insight/staff/scenarios/{scenario}/edit): for
// quality leads and team managers. A save over someone else's is refused (409) with theirs shown beside this one.
func (p *Pages) Edit() web.Handler {
	return web.Requires(workforce.MakesScenarios, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("scenario")
		data, err := p.newEditData(r, "Change the scenario", "Save the changes")
		if err != nil {
			return err
		}
		data.Back = paths.WorkforceScenario.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[workforce.Scenario]{
			Template: "workforce/edit.html",
			Order:    order,
			Conflict: "Someone else changed this scenario while you were editing it. Check their version below, then save again to keep yours",
			Load:     func() (workforce.Scenario, error) { return p.store.Scenario(web.Route(r), id) },
			Fill: func(x workforce.Scenario) {
				data.Name, data.Description, data.StudyID, data.Version = x.Name, x.Description, x.StudyID, x.Version
				data.Times, data.Others = fields(x.Assumptions)
			},
			Read: func(f url.Values, errs *web.Errors) workforce.Scenario {
				x := data.read(f, errs)
				data.Version = web.FormVersion(f, "version")
				x.ID, x.Version = id, data.Version
				return x
			},
			Save:     func(x workforce.Scenario) (workforce.Scenario, error) { return p.store.Change(web.Route(r), x) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed workforce.Scenario) []web.Difference {
				data.Version = saved.Version
				rows := [][3]string{{"Name", saved.Name, strings.TrimSpace(typed.Name)}, {"Description", saved.Description, strings.TrimSpace(typed.Description)},
					{"Practice study", web.ChosenText(data.Studies, saved.StudyID), web.ChosenText(data.Studies, typed.StudyID)}}
				theirs, theirsOthers := fields(saved.Assumptions)
				yours, yoursOthers := fields(typed.Assumptions)
				theirs, yours = append(theirs, theirsOthers...), append(yours, yoursOthers...)
				for i := range theirs {
					rows = append(rows, [3]string{theirs[i].Label, theirs[i].Value + " " + theirs[i].Suffix, yours[i].Value + " " + yours[i].Suffix})
				}
				return web.Differences(rows...)
			},
			Done: func(x workforce.Scenario) error {
				web.SetFlash(r, x.Name+" saved")
				http.Redirect(w, r, paths.WorkforceScenario.URL(x.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
