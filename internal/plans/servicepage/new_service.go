package servicepage

import (
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"slices"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

type formData struct {
	web.Page
	Person    people.Person
	Form      serviceForm
	Choices   choices
	Action    string
	Button    string
	Threshold string
	Cancel    string
	Status    string // the service's status when the form was opened, to say what a change did
}

// New adds a service to an episode (GET and POST /people/{id}/episodes/{episode}/services/new). A service above
// the council's threshold waits for a team manager's authorisation.
func (p *Pages) New() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		load := func() (formData, error) {
			ep, err := p.store.Episode(web.Route(r), personID, episodeID)
			if err != nil {
				return formData{}, err
			}
			data := formData{
				Page: web.NewPage(r, "Add a service"), Person: ep.Person, Choices: choicesFor(ep),
				Action: paths.NewService.URL(personID, episodeID), Button: "Save service", Cancel: paths.Services.URL(personID, episodeID),
				Form: serviceForm{Term: "short"},
			}
			data.Back = paths.Services.URL(personID, episodeID)
			if ep.ThresholdPence > 0 {
				data.Threshold = plans.FormatPence(ep.ThresholdPence)
			}
			if len(ep.Outcomes) == 1 {
				data.Form.OutcomeIDs = []string{ep.Outcomes[0].ID}
			}
			// Arranged from a solution on the ladder (?solution=), the form starts from what the solution says.
			if i := slices.IndexFunc(ep.Solutions, func(c plans.SolutionChoice) bool { return c.ID == r.URL.Query().Get("solution") }); i >= 0 {
				data.Form = arranged(ep.Solutions[i].Arrange(ep.Today))
			}
			return data, nil
		}
		// show renders the form again with what was typed and its problems. Reading the episode for the form's
		// choices is a view of the record; a successful save logs only the change.
		show := func(status int, form *serviceForm, errs web.Errors) error {
			data, err := load()
			if err != nil {
				return err
			}
			if form != nil {
				data.Form = *form
			}
			data.Errors = errs
			return p.tmpl.Render(w, r, status, "services/new.html", data)
		}
		if r.Method != http.MethodPost {
			return show(http.StatusOK, nil, nil)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		form := readServiceForm(r.PostForm)
		svc, errs := form.service()
		if errs = checkAll(svc, errs); errs.Any() {
			return show(http.StatusUnprocessableEntity, &form, errs)
		}
		rec, err := p.store.Add(web.Route(r), personID, episodeID, svc)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&errs, ps, fieldOrder)
			sortErrors(errs)
			return show(http.StatusUnprocessableEntity, &form, errs)
		}
		if err != nil {
			return err
		}
		if rec.Status == plans.AwaitingAuthorisation {
			web.SetFlash(r, "Service saved. It costs "+plans.FormatPence(rec.WeeklyCost)+" a week, so a team manager must authorise it before it can start")
		} else {
			web.SetFlash(r, "Service saved. It costs "+plans.FormatPence(rec.WeeklyCost)+" a week and can start")
		}
		next := paths.Service.URL(personID, episodeID, rec.ID)
		if rec.DeliveryMechanism == codelists.DeliveryDirectPayment {
			next = paths.DirectPayment.URL(personID, episodeID, rec.ID)
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	})
}
