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

// personForm is the person form as typed: every field kept as entered, so a form with mistakes comes back exactly
// as the practitioner left it.
type personForm struct {
	GivenName, FamilyName, PreferredName string
	DateOfBirth                          web.DateInput
	NHSNumber                            string
	AddressLine1, AddressLine2, Town     string
	Postcode, Phone, Email               string
	ContactMethod                        string
	CommunicationNeeds                   string
	InformationFormats                   []string
	PreferredLanguage                    string
	InterpreterNeeded                    string // "yes" or ""
	Gender, Ethnicity, Religion          string
	SexualOrientation, Disability        string
	PrimarySupportReason                 string
	ClientType, AccommodationStatus      string
	ConsentToShare                       string
	ConsentDate                          web.DateInput
	ConsentScope                         []string
	TeamID, WorkerID                     string
	Restricted                           string // "yes" or ""
	Version                              int
	ConfirmNotDuplicate                  bool
}

func readPersonForm(form url.Values) personForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	v := web.FormVersion(form, "version")
	return personForm{
		GivenName: get("given_name"), FamilyName: get("family_name"), PreferredName: get("preferred_name"),
		DateOfBirth: web.DateInputFrom(form, "date_of_birth"), NHSNumber: get("nhs_number"),
		AddressLine1: get("address_line1"), AddressLine2: get("address_line2"), Town: get("town"),
		Postcode: get("postcode"), Phone: get("phone"), Email: get("email"), ContactMethod: get("contact_method"),
		CommunicationNeeds: get("communication_needs"), InformationFormats: form["information_formats"], PreferredLanguage: get("preferred_language"),
		InterpreterNeeded: get("interpreter_needed"), Gender: get("gender"), Ethnicity: get("ethnicity"),
		Religion: get("religion"), SexualOrientation: get("sexual_orientation"), Disability: get("disability"),
		PrimarySupportReason: get("primary_support_reason"), ClientType: get("client_type"),
		AccommodationStatus: get("accommodation_status"), ConsentToShare: get("consent_to_share"),
		ConsentDate: web.DateInputFrom(form, "consent_date"), ConsentScope: form["consent_scope"],
		TeamID: get("team_id"), WorkerID: get("worker_id"), Restricted: get("restricted"), Version: v,
		ConfirmNotDuplicate: form.Get("confirm_not_duplicate") == "yes",
	}
}

// values is the form as it would be posted: the inverse of readPersonForm.
func (f personForm) values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("given_name", f.GivenName)
	set("family_name", f.FamilyName)
	set("preferred_name", f.PreferredName)
	set("date_of_birth-day", f.DateOfBirth.Day)
	set("date_of_birth-month", f.DateOfBirth.Month)
	set("date_of_birth-year", f.DateOfBirth.Year)
	set("nhs_number", f.NHSNumber)
	set("address_line1", f.AddressLine1)
	set("address_line2", f.AddressLine2)
	set("town", f.Town)
	set("postcode", f.Postcode)
	set("phone", f.Phone)
	set("email", f.Email)
	set("contact_method", f.ContactMethod)
	set("communication_needs", f.CommunicationNeeds)
	for _, s := range f.InformationFormats {
		v.Add("information_formats", s)
	}
	set("preferred_language", f.PreferredLanguage)
	set("interpreter_needed", f.InterpreterNeeded)
	set("gender", f.Gender)
	set("ethnicity", f.Ethnicity)
	set("religion", f.Religion)
	set("sexual_orientation", f.SexualOrientation)
	set("disability", f.Disability)
	set("primary_support_reason", f.PrimarySupportReason)
	set("client_type", f.ClientType)
	set("accommodation_status", f.AccommodationStatus)
	set("consent_to_share", f.ConsentToShare)
	set("consent_date-day", f.ConsentDate.Day)
	set("consent_date-month", f.ConsentDate.Month)
	set("consent_date-year", f.ConsentDate.Year)
	for _, s := range f.ConsentScope {
		v.Add("consent_scope", s)
	}
	set("team_id", f.TeamID)
	set("worker_id", f.WorkerID)
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
		GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName,
		NHSNumber: people.FormatNHSNumber(p.NHSNumber), AddressLine1: p.AddressLine1, AddressLine2: p.AddressLine2,
		Town: p.Town, Postcode: p.Postcode, Phone: p.Phone, Email: p.Email, ContactMethod: p.ContactMethod, CommunicationNeeds: p.CommunicationNeeds,
		InformationFormats: p.InformationFormats, PreferredLanguage: p.PreferredLanguage, InterpreterNeeded: yes(p.InterpreterNeeded), Gender: p.Gender,
		Ethnicity: p.Ethnicity, Religion: p.Religion, SexualOrientation: p.SexualOrientation, Disability: p.Disability,
		PrimarySupportReason: p.PrimarySupportReason, ClientType: p.ClientType, AccommodationStatus: p.AccommodationStatus,
		ConsentToShare: string(p.ConsentToShare), ConsentScope: p.ConsentScope, TeamID: p.TeamID, WorkerID: p.WorkerID,
		Restricted: yes(p.Restricted), Version: p.Version,
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
		GivenName: f.GivenName, FamilyName: f.FamilyName, PreferredName: f.PreferredName, NHSNumber: f.NHSNumber,
		AddressLine1: f.AddressLine1, AddressLine2: f.AddressLine2, Town: f.Town, Postcode: f.Postcode, Phone: f.Phone,
		Email: f.Email, ContactMethod: f.ContactMethod, CommunicationNeeds: f.CommunicationNeeds, InformationFormats: f.InformationFormats, PreferredLanguage: f.PreferredLanguage,
		InterpreterNeeded: f.InterpreterNeeded == "yes", Gender: f.Gender, Ethnicity: f.Ethnicity, Religion: f.Religion,
		SexualOrientation: f.SexualOrientation, Disability: f.Disability, PrimarySupportReason: f.PrimarySupportReason,
		ClientType: f.ClientType, AccommodationStatus: f.AccommodationStatus,
		ConsentToShare: people.Consent(f.ConsentToShare), TeamID: f.TeamID, WorkerID: f.WorkerID,
		Restricted: f.Restricted == "yes", Version: f.Version,
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

// choices are the options the person form offers.
type choices struct {
	Gender, Ethnicity, Religion, SexualOrientation, Disability []web.Item
	PrimarySupportReason, ClientType, AccommodationStatus      []web.Item
	ConsentScope, Teams, Workers                               []web.Item
	ContactMethod                                              []web.Item
	MayRestrict                                                bool
}

// itemsOf makes select or radio items from a code list, with an empty first option for a select.
func itemsOf(l codelists.List, emptyText string) []web.Item {
	var items []web.Item
	if emptyText != "" {
		items = append(items, web.Item{Value: "", Text: emptyText})
	}
	for _, c := range l.Codes {
		items = append(items, web.Item{Value: c.Value, Text: l.Label(c.Value)})
	}
	return items
}

func (p *Pages) choices(r *http.Request) (choices, error) {
	c := choices{
		Gender:               itemsOf(codelists.Gender, "Not recorded"),
		Ethnicity:            itemsOf(codelists.Ethnicity, "Not recorded"),
		Religion:             itemsOf(codelists.Religion, "Not recorded"),
		SexualOrientation:    itemsOf(codelists.SexualOrientation, "Not recorded"),
		Disability:           itemsOf(codelists.Disability, "Not recorded"),
		PrimarySupportReason: itemsOf(codelists.PrimarySupportReason, "Not yet known"),
		ClientType:           itemsOf(codelists.ClientType, "Not yet known"),
		AccommodationStatus:  itemsOf(codelists.AccommodationStatus, "Not yet known"),
		ConsentScope:         itemsOf(codelists.ConsentScope, ""),
		ContactMethod:        append(itemsOf(codelists.ContactMethod, ""), web.Item{Value: "", Text: "Not known"}),
		MayRestrict:          people.MayRestrict(staff(r).Role),
	}
	teams, err := p.dir.Teams(r.Context())
	if err != nil {
		return c, err
	}
	c.Teams = []web.Item{{Value: "", Text: "Not allocated"}}
	for _, t := range teams {
		c.Teams = append(c.Teams, web.Item{Value: t.ID, Text: t.Name})
	}
	list, err := p.dir.StaffList(r.Context())
	if err != nil {
		return c, err
	}
	c.Workers = []web.Item{{Value: "", Text: "No named worker"}}
	for _, s := range list {
		if s.Disabled() || !s.Role.ChangesPeople() {
			continue
		}
		c.Workers = append(c.Workers, web.Item{Value: s.ID, Text: s.Name + " (" + s.Role.Label() + ")"})
	}
	return c, nil
}
