package personpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

func readPersonForm(form url.Values) personForm {
	f := personForm{
		DateOfBirth: web.DateInputFrom(form, "date_of_birth"), NHSNumber: strings.TrimSpace(form.Get("nhs_number")),
		InformationFormats: form["information_formats"], InterpreterNeeded: strings.TrimSpace(form.Get("interpreter_needed")),
		ConsentToShare: strings.TrimSpace(form.Get("consent_to_share")), ConsentDate: web.DateInputFrom(form, "consent_date"),
		ConsentScope: form["consent_scope"], Restricted: strings.TrimSpace(form.Get("restricted")),
		Version: web.FormVersion(form, "version"), ConfirmNotDuplicate: form.Get("confirm_not_duplicate") == "yes",
	}
	for _, fd := range fields {
		if fd.text != nil {
			*fd.text(&f) = strings.TrimSpace(form.Get(fd.name))
		}
	}
	return f
}

// values is the form as it would be posted: the inverse of readPersonForm.
func (f personForm) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	for _, fd := range fields {
		if fd.text != nil {
			set(fd.name, *fd.text(&f))
		}
	}
	set("date_of_birth-day", f.DateOfBirth.Day)
	set("date_of_birth-month", f.DateOfBirth.Month)
	set("date_of_birth-year", f.DateOfBirth.Year)
	set("nhs_number", f.NHSNumber)
	for _, s := range f.InformationFormats {
		v.Add("information_formats", s)
	}
	set("interpreter_needed", f.InterpreterNeeded)
	set("consent_to_share", f.ConsentToShare)
	set("consent_date-day", f.ConsentDate.Day)
	set("consent_date-month", f.ConsentDate.Month)
	set("consent_date-year", f.ConsentDate.Year)
	for _, s := range f.ConsentScope {
		v.Add("consent_scope", s)
	}
	set("restricted", f.Restricted)
	v.Set("version", strconv.Itoa(f.Version))
	return v
}

func formOf(p people.Person) personForm {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return ""
	}
	f := personForm{
		NHSNumber: people.FormatNHSNumber(p.NHSNumber), InformationFormats: p.InformationFormats, InterpreterNeeded: yes(p.InterpreterNeeded),
		ConsentToShare: string(p.ConsentToShare), ConsentScope: p.ConsentScope, Restricted: yes(p.Restricted), Version: p.Version,
	}
	for _, fd := range fields {
		if fd.text != nil {
			*fd.text(&f) = *fd.record(&p)
		}
	}
	if !p.DateOfBirth.IsZero() {
		f.DateOfBirth = web.DateInputOf(p.DateOfBirth.Time)
	}
	if !p.ConsentDate.IsZero() {
		f.ConsentDate = web.DateInputOf(p.ConsentDate.Time)
	}
	return f
}

// person turns the form into a record, with the errors the form itself can find (dates that are not dates).
// The record's own rules are checked by the store.
func (f personForm) person() (people.Person, web.Errors) {
	var errs web.Errors
	p := people.Person{
		NHSNumber: f.NHSNumber, InformationFormats: f.InformationFormats, InterpreterNeeded: f.InterpreterNeeded == "yes",
		ConsentToShare: people.Consent(f.ConsentToShare), Restricted: f.Restricted == "yes", Version: f.Version,
	}
	for _, fd := range fields {
		if fd.text != nil {
			*fd.record(&p) = *fd.text(&f)
		}
	}
	if !f.DateOfBirth.IsEmpty() {
		t, de := f.DateOfBirth.Parse("Date of birth")
		errs.AddDate("date_of_birth", de)
		if de == nil {
			p.DateOfBirth = sqldb.NewDate(t)
		}
	}
	if p.ConsentToShare == people.ConsentGiven {
		p.ConsentScope = f.ConsentScope
		if !f.ConsentDate.IsEmpty() {
			t, de := f.ConsentDate.Parse("Date consent was given")
			errs.AddDate("consent_date", de)
			if de == nil {
				p.ConsentDate = sqldb.NewDate(t)
			}
		}
	}
	return p, errs
}

// choices are the options the person form offers: the items of each field chosen from a list, by the field's name
// (Items), and whether this member of staff may restrict a record.
type choices struct {
	items       map[string][]web.Item
	MayRestrict bool
}

func (p *Pages) choices(r *http.Request) (choices, error) {
	c := choices{items: codedChoices(), MayRestrict: people.MayRestrict(staff(r).Role)}
	c.items["consent_scope"] = itemsOf(codelists.ConsentScope, "")
	teams, err := p.dir.Teams(r.Context())
	if err != nil {
		return c, err
	}
	c.items["team_id"] = []web.Item{{Value: "", Text: "Not allocated"}}
	for _, t := range teams {
		c.items["team_id"] = append(c.items["team_id"], web.Item{Value: t.ID, Text: t.Name})
	}
	list, err := p.dir.StaffList(r.Context())
	if err != nil {
		return c, err
	}
	workers := []web.Item{{Value: "", Text: "No named worker"}}
	for _, s := range list {
		if s.Disabled() || !s.Role.ChangesPeople() {
			continue
		}
		workers = append(workers, web.Item{Value: s.ID, Text: s.Name + " (" + s.Role.Label() + ")"})
	}
	c.items["worker_id"] = workers
	return c, nil
}
