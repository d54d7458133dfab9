package personpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

// personPage is the data of the pages that show the person form.
type personPage struct {
	web.Page
	Form       personForm
	Choices    choices
	Duplicates people.Duplicates // on "Add a person": people already recorded who may be this person
	Refused    bool              // one of them has the same NHS number, so the record cannot be added
	Person     people.Person     // on the change page: the record being changed
	Theirs     []difference      // on a conflict: what someone else changed, beside what this user typed
	Original   string            // on the change page: the record as it was when the form was opened
	Action     string
}

// New is "Add a person". Before a record is created, people already recorded with the same names and date of birth
// are shown, with links to their records, and the practitioner confirms that this is someone else; the same NHS
// number is refused, as one NHS number is one person (people.Store.Add).
func (p *Pages) New() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		me := staff(r)
		data := personPage{Page: web.NewPage(r, "Add a person"), Action: paths.NewPerson.URL()}
		data.Back = paths.People.URL()
		var err error
		if data.Choices, err = p.choices(r); err != nil {
			return err
		}
		if r.Method != http.MethodPost {
			if len(me.TeamIDs) > 0 {
				data.Form.TeamID = me.TeamIDs[0]
			}
			return p.tmpl.Render(w, r, http.StatusOK, "people/new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readPersonForm(r.PostForm)
		person, errs := data.Form.person()
		person.Normalise()
		web.AddProblems(&errs, person.Validate(web.Today(r).Time), formOrder)
		if data.Errors = errs; errs.Any() {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/new.html", data)
		}
		created, err := p.store.Add(web.Route(r), person, data.Form.ConfirmNotDuplicate)
		if dups, ok := people.AsDuplicates(err); ok {
			data.Duplicates = dups
			if dups.Refused() {
				data.Refused, data.Title = true, "This NHS number is already recorded"
				web.AddProblems(&data.Errors, validation.Problems{dups.NHSNumberProblem()}, formOrder)
				return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/new.html", data)
			}
			data.Title = "Check this is not someone already recorded"
			return p.tmpl.Render(w, r, http.StatusOK, "people/new.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, formOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/new.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, created.FullName()+" has been added")
		http.Redirect(w, r, paths.Person.URL(created.ID), http.StatusSeeOther)
		return nil
	})
}
