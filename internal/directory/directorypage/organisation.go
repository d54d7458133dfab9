package directorypage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

var organisationOrder = []string{"version", "name", "description", "email", "website"}

type organisationData struct {
	web.Page
	Organisation directory.Organisation
	Services     []directory.ServiceSummary
	Period       directory.Period
	CanEdit      bool
}

// Organisation shows an organisation and its services (GET /directory/organisations/{organisation}).
func (p *Pages) Organisation() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		o, services, period, err := p.store.Organisation(r.Context(), r.PathValue("organisation"))
		if err != nil {
			return err
		}
		data := organisationData{Page: web.NewPage(r, o.Name), Organisation: o, Services: services, Period: period, CanEdit: canEdit(r)}
		data.Back = paths.Directory.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "directory/organisation.html", data)
	}
}

type organisationFormData struct {
	web.Page
	Form    directory.Organisation
	Editing bool
	Theirs  *directory.Organisation // as someone else saved it while this user was editing
	Cancel  string
}

// OrganisationForm adds an organisation (/directory/organisations/new) or changes one
// (/directory/organisations/{organisation}/edit). A change from an old version is refused: the page shows what was
// saved beside what this user typed, and keeps what they typed.
func (p *Pages) OrganisationForm() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("organisation")
		data := organisationFormData{Editing: id != "", Cancel: paths.Directory.URL()}
		title := "Add an organisation"
		if data.Editing {
			title, data.Cancel = "Change an organisation", paths.Organisation.URL(id)
			o, _, _, err := p.store.Organisation(r.Context(), id)
			if err != nil {
				return err
			}
			data.Form = o
		}
		if !canEdit(r) {
			return web.Forbidden
		}
		data.Page = web.NewPage(r, title)
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "directory/organisation_form.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		version, _ := strconv.Atoi(f.Get("version"))
		data.Form = directory.Organisation{ID: id, Name: f.Get("name"), Description: f.Get("description"), Email: f.Get("email"), Website: f.Get("website"), Version: version}
		var saved directory.Organisation
		var err error
		if data.Editing {
			saved, err = p.store.UpdateOrganisation(r.Context(), data.Form)
		} else {
			saved, err = p.store.AddOrganisation(r.Context(), data.Form)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, organisationOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "directory/organisation_form.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			theirs, _, _, err := p.store.Organisation(r.Context(), id)
			if err != nil {
				return err
			}
			data.Theirs, data.Form.Version = &theirs, theirs.Version
			data.Errors.Add("version", "Someone else changed this organisation while you were editing it. Check their change, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "directory/organisation_form.html", data)
		}
		if err != nil {
			return err
		}
		if data.Editing {
			web.SetFlash(r, "Organisation saved")
		} else {
			web.SetFlash(r, saved.Name+" added to the directory")
		}
		http.Redirect(w, r, paths.Organisation.URL(saved.ID), http.StatusSeeOther)
		return nil
	}
}
