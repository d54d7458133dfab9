package directorypage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type serviceFormData struct {
	web.Page
	web.ConflictPanel
	Form          serviceForm
	Editing       bool
	Organisations []web.Item
	Statuses      []web.Item
	Days          []web.Item
	Costs         []web.Item
	Terms         []web.Item
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
		data := &serviceFormData{Editing: id != "", Cancel: paths.Directory.URL()}
		title := "Add a service"
		var current directory.ServiceInput
		if data.Editing {
			s, _, err := p.store.Service(r.Context(), id)
			if err != nil {
				return err
			}
			current = directory.InputOf(s)
			title, data.Cancel, data.Form = "Change "+s.Name, paths.DirectoryService.URL(id), formOf(current)
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
		if err := p.formChoices(r, data); err != nil {
			return err
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[directory.ServiceInput]{
			Template: "directory/service_form.html",
			Order:    directory.FormFields,
			Conflict: "Someone else changed this service while you were editing it. Check their change, then save again to keep yours",
			Heading:  "What they saved",
			// Load is the service read above, already in the form; Latest reads it again after a refused save.
			Load: func() (directory.ServiceInput, error) { return current, nil },
			Latest: func() (directory.ServiceInput, error) {
				s, _, err := p.store.Service(r.Context(), id)
				return directory.InputOf(s), err
			},
			Read: func(f url.Values, errs *web.Errors) directory.ServiceInput {
				data.Form = readServiceForm(f)
				in := data.Form.ServiceInput
				in.ID = id
				var own web.Errors
				if in.Cost == directory.CostCharged && strings.TrimSpace(data.Form.Amount) != "" {
					pence, ok := web.ParsePounds(data.Form.Amount)
					if !ok {
						own.Add("amount", "Enter what it costs in pounds, like 5 or 5.50")
					}
					in.AmountPence = pence
				}
				problems := in.Validate()
				for _, e := range own {
					if !hasField(problems, e.Field) {
						problems = append(problems, validation.Problem{Field: e.Field, Message: e.Message})
					}
				}
				web.AddProblems(errs, problems, directory.FormFields)
				return in
			},
			Save: func(in directory.ServiceInput) (directory.ServiceInput, error) {
				save := p.store.AddService
				if data.Editing {
					save = p.store.UpdateService
				}
				saved, err := save(r.Context(), in)
				in.ID, in.Name = saved.ID, saved.Name
				return in, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed directory.ServiceInput) []web.Difference {
				data.Form.Version = theirs.Version
				return data.differences(theirs, typed)
			},
			Done: func(saved directory.ServiceInput) error {
				if data.Editing {
					web.SetFlash(r, "Service saved")
				} else {
					web.SetFlash(r, saved.Name+" added to the directory")
				}
				http.Redirect(w, r, paths.DirectoryService.URL(saved.ID), http.StatusSeeOther)
				return nil
			},
		})
	}
}

// differences lists where the service as saved differs from what was typed, in the words of the form's choices.
func (data *serviceFormData) differences(theirs, typed directory.ServiceInput) []web.Difference {
	amount := func(in directory.ServiceInput) string {
		if in.Cost != directory.CostCharged || in.AmountPence <= 0 {
			return ""
		}
		return "£" + web.PoundsInput(in.AmountPence)
	}
	hours := func(in directory.ServiceInput) string {
		if in.OpensAt == "" && in.ClosesAt == "" {
			return ""
		}
		return in.OpensAt + " to " + in.ClosesAt
	}
	t := func(s string) string { return strings.TrimSpace(s) }
	return web.Differences(
		[3]string{"Organisation", web.ChosenText(data.Organisations, theirs.OrganisationID), web.ChosenText(data.Organisations, typed.OrganisationID)},
		[3]string{"Name", theirs.Name, t(typed.Name)},
		[3]string{"What it does", theirs.Description, t(typed.Description)},
		[3]string{"Status", web.ChosenText(data.Statuses, theirs.Status), web.ChosenText(data.Statuses, typed.Status)},
		[3]string{"Website", theirs.URL, t(typed.URL)},
		[3]string{"Email", theirs.Email, t(typed.Email)},
		[3]string{"Minimum age", theirs.MinimumAge, t(typed.MinimumAge)},
		[3]string{"Maximum age", theirs.MaximumAge, t(typed.MaximumAge)},
		[3]string{"Who can use it", theirs.EligibilityDescription, t(typed.EligibilityDescription)},
		[3]string{"Place", theirs.LocationName, t(typed.LocationName)},
		[3]string{"Address", theirs.AddressLine1, t(typed.AddressLine1)},
		[3]string{"Town", theirs.Town, t(typed.Town)},
		[3]string{"Postcode", theirs.Postcode, t(typed.Postcode)},
		[3]string{"Accessibility", theirs.Accessibility, t(typed.Accessibility)},
		[3]string{"Contact", theirs.ContactName, t(typed.ContactName)},
		[3]string{"Contact's role", theirs.ContactRole, t(typed.ContactRole)},
		[3]string{"Phone", theirs.Phone, t(typed.Phone)},
		[3]string{"Days", web.ChosenText(data.Days, theirs.Days...), web.ChosenText(data.Days, typed.Days...)},
		[3]string{"Opening hours", hours(theirs), hours(typed)},
		[3]string{"Cost", web.ChosenText(data.Costs, theirs.Cost), web.ChosenText(data.Costs, typed.Cost)},
		[3]string{"What it costs", amount(theirs), amount(typed)},
		[3]string{"What the cost is for", theirs.AmountDescription, t(typed.AmountDescription)},
		[3]string{"Languages", theirs.Languages, t(typed.Languages)},
		[3]string{"Categories", web.ChosenText(data.Terms, theirs.TermIDs...), web.ChosenText(data.Terms, typed.TermIDs...)},
	)
}

func hasField(ps []validation.Problem, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
