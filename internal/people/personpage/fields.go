package personpage

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

// The person's record, field by field, in the form's order. Each row says what the form calls the field, where
// the form keeps it as typed and where the record keeps it, the choices it offers, and how the conflict panel and
// the record page show it. The form's reading and writing, the error summary's order (formOrder), the choices, the
// record page's summary (sections) and the comparison shown when someone else saved first (differences) are all
// made from this table, so a new field is a field of personForm and a row of the table, both here, and a question in
// templates/people/_person_form.html.

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

// field is one row of the table.
type field struct {
	// name is the form's name for the field, which the record's problems use too; empty for a row only the record
	// page shows (the name and address in one line).
	name string
	// label is the question as the conflict panel names it; empty when the panel leaves it out.
	label string
	// text and record are where the form keeps the field as typed and where the record keeps it, for a field that is
	// one piece of text. Both are nil for a field the form reads its own way (a date, a list, yes or no: form.go).
	text   func(*personForm) *string
	record func(*people.Person) *string
	// list is the code list the field's values come from; empty, when the form offers the list, is the choice for
	// "not known".
	list  *codelists.List
	empty string
	// typed is how the conflict panel shows the form's value, when not as typed or as its choice's text.
	typed func(personForm) string
	// section and summary are where the record page shows the field: its section and the row's key; saved is how,
	// when not as recorded or as its code list's label.
	section, summary string
	saved            func(people.Person, int) string
}

// The record page's sections, in order.
const (
	details     = "Details"
	contact     = "Address and contact"
	takingPart  = "Taking part"
	equality    = "Equality information"
	support     = "Support"
	consent     = "Consent to share information"
	allocation  = "Allocation"
	notRecorded = "Not recorded"
)

// fields is the table. It is read, never changed.
var fields = []field{
	{name: "given_name", label: "Given name", text: func(f *personForm) *string { return &f.GivenName }, record: func(p *people.Person) *string { return &p.GivenName }},
	{name: "family_name", label: "Family name", text: func(f *personForm) *string { return &f.FamilyName }, record: func(p *people.Person) *string { return &p.FamilyName }},
	{section: details, summary: "Name", saved: func(p people.Person, _ int) string { return p.FullName() }},
	{name: "preferred_name", label: "Preferred name", section: details, summary: "Preferred name",
		text: func(f *personForm) *string { return &f.PreferredName }, record: func(p *people.Person) *string { return &p.PreferredName }},
	{name: "date_of_birth", label: "Date of birth", typed: func(f personForm) string { return f.DateOfBirth.Text() },
		section: details, summary: "Date of birth", saved: dateOfBirth},
	{name: "nhs_number", label: "NHS number", typed: func(f personForm) string { return people.FormatNHSNumber(people.NormaliseNHSNumber(f.NHSNumber)) },
		section: details, summary: "NHS number", saved: func(p people.Person, _ int) string { return p.NHS() }},
	{name: "address_line1", label: "Address line 1", text: func(f *personForm) *string { return &f.AddressLine1 }, record: func(p *people.Person) *string { return &p.AddressLine1 }},
	{name: "address_line2", label: "Address line 2", text: func(f *personForm) *string { return &f.AddressLine2 }, record: func(p *people.Person) *string { return &p.AddressLine2 }},
	{name: "town", label: "Town or city", text: func(f *personForm) *string { return &f.Town }, record: func(p *people.Person) *string { return &p.Town }},
	// The postcode as saved is already in its standard form; as typed it is shown in that form too.
	{name: "postcode", label: "Postcode", text: func(f *personForm) *string { return &f.Postcode }, record: func(p *people.Person) *string { return &p.Postcode }},
	{section: contact, summary: "Address", saved: func(p people.Person, _ int) string {
		return strings.Join(nonEmpty(p.AddressLine1, p.AddressLine2, p.Town, p.Postcode), ", ")
	}},
	{name: "phone", label: "Telephone number", section: contact, summary: "Telephone",
		text: func(f *personForm) *string { return &f.Phone }, record: func(p *people.Person) *string { return &p.Phone }},
	{name: "email", label: "Email address", section: contact, summary: "Email",
		text: func(f *personForm) *string { return &f.Email }, record: func(p *people.Person) *string { return &p.Email }},
	{name: "contact_method", label: "How they would like to be contacted", list: &codelists.ContactMethod, section: contact, summary: "Prefers to be contacted by",
		text: func(f *personForm) *string { return &f.ContactMethod }, record: func(p *people.Person) *string { return &p.ContactMethod }},
	{name: "communication_needs", label: "Communication needs", section: takingPart, summary: "Communication needs",
		text: func(f *personForm) *string { return &f.CommunicationNeeds }, record: func(p *people.Person) *string { return &p.CommunicationNeeds }},
	{name: "information_formats", label: "Written information",
		typed: func(f personForm) string {
			return people.Person{InformationFormats: f.InformationFormats}.InformationFormatsText()
		},
		section: takingPart, summary: "Written information", saved: func(p people.Person, _ int) string { return p.InformationFormatsText() }},
	{name: "preferred_language", label: "Preferred language", section: takingPart, summary: "Preferred language",
		text: func(f *personForm) *string { return &f.PreferredLanguage }, record: func(p *people.Person) *string { return &p.PreferredLanguage }},
	{name: "interpreter_needed", label: "Needs an interpreter", typed: func(f personForm) string { return yesNo(f.InterpreterNeeded == "yes") },
		section: takingPart, summary: "Needs an interpreter", saved: func(p people.Person, _ int) string { return yesNo(p.InterpreterNeeded) }},
	{name: "gender", label: "Gender", list: &codelists.Gender, empty: notRecorded, section: equality, summary: "Gender",
		text: func(f *personForm) *string { return &f.Gender }, record: func(p *people.Person) *string { return &p.Gender }},
	{name: "ethnicity", label: "Ethnicity", list: &codelists.Ethnicity, empty: notRecorded, section: equality, summary: "Ethnicity",
		text: func(f *personForm) *string { return &f.Ethnicity }, record: func(p *people.Person) *string { return &p.Ethnicity }},
	{name: "religion", label: "Religion or belief", list: &codelists.Religion, empty: notRecorded, section: equality, summary: "Religion or belief",
		text: func(f *personForm) *string { return &f.Religion }, record: func(p *people.Person) *string { return &p.Religion }},
	{name: "sexual_orientation", label: "Sexual orientation", list: &codelists.SexualOrientation, empty: notRecorded, section: equality, summary: "Sexual orientation",
		text: func(f *personForm) *string { return &f.SexualOrientation }, record: func(p *people.Person) *string { return &p.SexualOrientation }},
	{name: "disability", label: "Disability", list: &codelists.Disability, empty: notRecorded, section: equality, summary: "Disability",
		text: func(f *personForm) *string { return &f.Disability }, record: func(p *people.Person) *string { return &p.Disability }},
	{name: "primary_support_reason", label: "Primary support reason", list: &codelists.PrimarySupportReason, empty: "Not yet known", section: support, summary: "Primary support reason",
		text: func(f *personForm) *string { return &f.PrimarySupportReason }, record: func(p *people.Person) *string { return &p.PrimarySupportReason }},
	{name: "client_type", label: "Client type", list: &codelists.ClientType, empty: "Not yet known", section: support, summary: "Client type",
		text: func(f *personForm) *string { return &f.ClientType }, record: func(p *people.Person) *string { return &p.ClientType }},
	{name: "accommodation_status", label: "Accommodation", list: &codelists.AccommodationStatus, empty: "Not yet known", section: support, summary: "Accommodation",
		text: func(f *personForm) *string { return &f.AccommodationStatus }, record: func(p *people.Person) *string { return &p.AccommodationStatus }},
	{name: "consent_to_share", label: "Consent to share", typed: func(f personForm) string { return f.ConsentToShare },
		section: consent, summary: "Agreed", saved: consentText},
	{name: "consent_date", label: "Date consent was given", typed: func(f personForm) string { return f.ConsentDate.Text() }},
	{name: "consent_scope", label: "Shared with", typed: func(f personForm) string { return strings.Join(f.ConsentScope, ", ") }},
	// The team and the named worker are chosen from the council's own (choices); the record page shows their names.
	{name: "team_id", label: "Team", text: func(f *personForm) *string { return &f.TeamID }, record: func(p *people.Person) *string { return &p.TeamID },
		section: allocation, summary: "Team", saved: func(p people.Person, _ int) string { return p.TeamName }},
	{name: "worker_id", label: "Named worker", text: func(f *personForm) *string { return &f.WorkerID }, record: func(p *people.Person) *string { return &p.WorkerID },
		section: allocation, summary: "Named worker", saved: func(p people.Person, _ int) string { return p.WorkerName }},
	{name: "restricted", section: allocation, summary: "Restricted record", saved: func(p people.Person, _ int) string {
		if p.Restricted {
			return "Yes: only staff granted access can find or open it"
		}
		return "No"
	}},
}

// formOrder is the order of the person form's fields, the error summary's.
var formOrder = func() []string {
	order := []string{"version"}
	for _, f := range fields {
		if f.name != "" {
			order = append(order, f.name)
		}
	}
	return order
}()

// itemsOf makes select or radio items from a code list, with a first option for "not known" when emptyText is
// given.
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

// codedChoices are the items of every field chosen from a code list, by the field's name. How they would like to
// be contacted is radios, with "Not known" last.
func codedChoices() map[string][]web.Item {
	out := map[string][]web.Item{}
	for _, f := range fields {
		switch {
		case f.list == nil:
		case f.empty == "":
			out[f.name] = append(itemsOf(*f.list, ""), web.Item{Value: "", Text: "Not known"})
		default:
			out[f.name] = itemsOf(*f.list, f.empty)
		}
	}
	return out
}

// Items are the choices the form offers for the named field; a name the form does not offer choices for is an
// error, so that a template that misspells one fails rather than showing an empty list.
func (c choices) Items(name string) ([]web.Item, error) {
	items, ok := c.items[name]
	if !ok {
		return nil, fmt.Errorf("the person form offers no choices for %q", name)
	}
	return items, nil
}

// sections is the record page's summary of the person, section by section.
func sections(p people.Person, age int) []section {
	var out []section
	for _, f := range fields {
		if f.summary == "" {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Title != f.section {
			out = append(out, section{Title: f.section})
		}
		var v string
		switch {
		case f.saved != nil:
			v = f.saved(p, age)
		case f.list != nil:
			v = f.list.Label(*f.record(&p))
		default:
			v = *f.record(&p)
		}
		if strings.TrimSpace(v) == "" {
			v = notRecorded
		}
		last := &out[len(out)-1]
		last.Rows = append(last.Rows, web.SummaryRow{Key: f.summary, Value: v})
	}
	return out
}

// differences lists the fields where two versions of the form disagree, in form order: Saved is from the first,
// Typed from the second.
func differences(saved, typed personForm, c choices) []difference {
	var out []difference
	for _, f := range fields {
		if f.label == "" {
			continue
		}
		s, t := f.shown(saved, c), f.shown(typed, c)
		if f.name == "postcode" {
			t = people.NormalisePostcode(t)
		}
		if strings.TrimSpace(s) != strings.TrimSpace(t) {
			out = append(out, difference{Label: f.label, Saved: s, Typed: t})
		}
	}
	return out
}

// shown is how the conflict panel shows the field's value in form: as typed, or as its choice's text.
func (f field) shown(form personForm, c choices) string {
	if f.typed != nil {
		return f.typed(form)
	}
	v := *f.text(&form)
	for _, it := range c.items[f.name] {
		if it.Value == v {
			return it.Text
		}
	}
	return v
}

func dateOfBirth(p people.Person, age int) string {
	if p.DateOfBirth.IsZero() {
		return ""
	}
	dob := p.DateOfBirth.Format("2 January 2006")
	if age > 0 {
		dob += " (aged " + strconv.Itoa(age) + ")"
	}
	return dob
}

func consentText(p people.Person, _ int) string {
	switch p.ConsentToShare {
	case people.ConsentGiven:
		return "Yes, on " + p.ConsentDate.Format("2 January 2006") + ": " + strings.Join(p.ConsentScope, "; ")
	case people.ConsentRefused:
		return "No, they have not agreed"
	}
	return "Not asked yet"
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
