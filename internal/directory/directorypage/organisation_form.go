package directorypage

import (
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

var organisationOrder = []string{"version", "name", "description", "email", "website"}

type organisationFormData struct {
	web.Page
	web.ConflictPanel
	Form    directory.Organisation
	Editing bool
	Cancel  string
}

// OrganisationForm adds an organisation (/directory/organisations/new) or changes one
// (/directory/organisations/{organisation}/edit). A change from an old version is refused: the page shows what was
// saved beside what this user typed, and keeps what they typed.
func (p *Pages) OrganisationForm() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("organisation")
		data := &organisationFormData{Editing: id != "", Cancel: paths.Directory.URL()}
		title := "Add an organisation"
		// An organisation that is not there is not found, before whether this user may change it is asked.
		var current *directory.Organisation
		if data.Editing {
			title, data.Cancel = "Change an organisation", paths.Organisation.URL(id)
			o, _, _, err := p.store.Organisation(r.Context(), id)
			if err != nil {
				return err
			}
			current = &o
		}
		if !canEdit(r) {
			return web.Forbidden
		}
		data.Page = web.NewPage(r, title)
		data.Back = data.Cancel
		return web.Edit(p.tmpl, w, r, data, web.EditForm[directory.Organisation]{
			Template: "directory/organisation_form.html",
			Order:    organisationOrder,
			Conflict: "Someone else changed this organisation while you were editing it. Check their change, then save again to keep yours",
			Heading:  "What they saved",
			Load: func() (directory.Organisation, error) {
				switch {
				case !data.Editing:
					return directory.Organisation{}, nil
				case r.Method != http.MethodPost: // the form, filled from the organisation read above
					return *current, nil
				}
				o, _, _, err := p.store.Organisation(r.Context(), id)
				return o, err
			},
			Fill: func(o directory.Organisation) { data.Form = o },
			Read: func(f url.Values, _ *web.Errors) directory.Organisation {
				version := web.FormVersion(f, "version")
				data.Form = directory.Organisation{ID: id, Name: f.Get("name"), Description: f.Get("description"), Email: f.Get("email"), Website: f.Get("website"), Version: version}
				return data.Form
			},
			Save: func(o directory.Organisation) (directory.Organisation, error) {
				if data.Editing {
					return p.store.UpdateOrganisation(r.Context(), o)
				}
				return p.store.AddOrganisation(r.Context(), o)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed directory.Organisation) []web.Difference {
				data.Form.Version = theirs.Version
				return web.Differences(
					[3]string{"Name", theirs.Name, typed.Name},
					[3]string{"What it does", theirs.Description, typed.Description},
					[3]string{"Email", theirs.Email, typed.Email},
					[3]string{"Website", theirs.Website, typed.Website},
				)
			},
			Done: func(saved directory.Organisation) error {
				if data.Editing {
					web.SetFlash(r, "Organisation saved")
				} else {
					web.SetFlash(r, saved.Name+" added to the directory")
				}
				http.Redirect(w, r, paths.Organisation.URL(saved.ID), http.StatusSeeOther)
				return nil
			},
		})
	}
}
