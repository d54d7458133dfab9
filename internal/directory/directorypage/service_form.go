package directorypage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type serviceFormData struct {
	web.Page
	Form          serviceForm
	Editing       bool
	Organisations []web.Item
	Statuses      []web.Item
	Days          []web.Item
	Costs         []web.Item
	Terms         []web.Item
	Theirs        []web.SummaryRow // the service as someone else saved it while this user was editing
	Cancel        string
}

// serviceForm is the service form as typed, kept as text so a mistake is shown back as it was typed.
type serviceForm struct {
	directory.ServiceInput
	Amount string
}

func formOf(in directory.ServiceInput) serviceForm {
	f := serviceForm{ServiceInput: in}
	if in.Cost == directory.CostCharged && in.AmountPence > 0 {
		f.Amount = web.PoundsInput(in.AmountPence)
	}
	return f
}

func readServiceForm(v url.Values) serviceForm {
	version := web.FormVersion(v, "version")
	return serviceForm{Amount: v.Get("amount"), ServiceInput: directory.ServiceInput{
		Version: version, OrganisationID: v.Get("organisation"), Name: v.Get("name"), Description: v.Get("description"), Status: v.Get("status"),
		URL: v.Get("url"), Email: v.Get("email"), MinimumAge: v.Get("minimum_age"), MaximumAge: v.Get("maximum_age"),
		EligibilityDescription: v.Get("eligibility"), LocationName: v.Get("location_name"), AddressLine1: v.Get("address_line_1"),
		Town: v.Get("town"), Postcode: v.Get("postcode"), Accessibility: v.Get("accessibility"), ContactName: v.Get("contact_name"),
		ContactRole: v.Get("contact_role"), Phone: v.Get("phone"), Days: v["days"], OpensAt: v.Get("opens_at"), ClosesAt: v.Get("closes_at"),
		Cost: v.Get("cost"), AmountDescription: v.Get("amount_description"), Languages: v.Get("languages"), TermIDs: v["terms"],
	}}
}

func (p *Pages) formChoices(r *http.Request, data *serviceFormData) error {
	c, err := p.store.Choices(r.Context())
	if err != nil {
		return err
	}
	data.Organisations = []web.Item{{Value: "", Text: "Choose an organisation"}}
	for _, o := range c.Organisations {
		data.Organisations = append(data.Organisations, web.Item{Value: o.ID, Text: o.Name})
	}
	for _, s := range directory.Statuses {
		data.Statuses = append(data.Statuses, web.Item{Value: s, Text: directory.StatusLabel(s)})
	}
	for _, d := range directory.Days {
		data.Days = append(data.Days, web.Item{Value: d.Code, Text: d.Name})
	}
	data.Costs = []web.Item{{Value: directory.CostFree, Text: "Free"}, {Value: directory.CostCharged, Text: "There is a cost"}}
	for _, t := range c.Terms {
		data.Terms = append(data.Terms, web.Item{Value: t.ID, Text: t.Name, Hint: t.Taxonomy})
	}
	return nil
}

// ServiceForm adds a service (/directory/services/new, with ?organisation= to choose the organisation) or changes
// one (/directory/services/{service}/edit). A change from an old version is refused: the page shows what was
// saved beside what this user typed, and keeps what they typed.
func (p *Pages) ServiceForm() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("service")
		data := serviceFormData{Editing: id != "", Cancel: paths.Directory.URL()}
		title := "Add a service"
		if data.Editing {
			s, _, err := p.store.Service(r.Context(), id)
			if err != nil {
				return err
			}
			title, data.Cancel, data.Form = "Change "+s.Name, paths.DirectoryService.URL(id), formOf(directory.InputOf(s))
		} else {
			data.Form.OrganisationID, data.Form.Status = r.URL.Query().Get("organisation"), "active"
			if data.Form.OrganisationID != "" {
				data.Cancel = paths.Organisation.URL(data.Form.OrganisationID)
			}
		}
		if !canEdit(r) {
			return web.Forbidden
		}
		data.Page = web.NewPage(r, title)
		data.Back = data.Cancel
		if err := p.formChoices(r, &data); err != nil {
			return err
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "directory/service_form.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readServiceForm(r.PostForm)
		in := data.Form.ServiceInput
		in.ID = id
		var errs web.Errors
		if in.Cost == directory.CostCharged && strings.TrimSpace(data.Form.Amount) != "" {
			pence, ok := web.ParsePounds(data.Form.Amount)
			if !ok {
				errs.Add("amount", "Enter what it costs in pounds, like 5 or 5.50")
			}
			in.AmountPence = pence
		}
		problems := in.Validate()
		if len(problems) > 0 || errs.Any() {
			for _, e := range errs {
				if !hasField(problems, e.Field) {
					problems = append(problems, validation.Problem{Field: e.Field, Message: e.Message})
				}
			}
			web.AddProblems(&data.Errors, problems, directory.FormFields)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "directory/service_form.html", data)
		}
		var saved directory.Service
		var err error
		if data.Editing {
			saved, err = p.store.UpdateService(r.Context(), in)
		} else {
			saved, err = p.store.AddService(r.Context(), in)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, directory.FormFields)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "directory/service_form.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			theirs, _, err := p.store.Service(r.Context(), id)
			if err != nil {
				return err
			}
			data.Theirs, data.Form.Version = serviceRows(theirs), theirs.Version
			data.Errors.Add("version", "Someone else changed this service while you were editing it. Check their change, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "directory/service_form.html", data)
		}
		if err != nil {
			return err
		}
		if data.Editing {
			web.SetFlash(r, "Service saved")
		} else {
			web.SetFlash(r, saved.Name+" added to the directory")
		}
		http.Redirect(w, r, paths.DirectoryService.URL(saved.ID), http.StatusSeeOther)
		return nil
	}
}

func hasField(ps []validation.Problem, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
