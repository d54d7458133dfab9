// Package people holds the person record at the centre of Golden Thread: who the person is, how to reach them,
// what they need to take part, the equality information the council reports, the people who matter to them,
// their consent to share information, and which team and worker they are allocated to. It also decides who may
// see a person (allocation, restriction, break-glass) and writes every view and change to the access log.
package people

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Person is someone who draws on care and support, or a carer.
type Person struct {
	ID                   string
	CouncilID            string
	GivenName            string
	FamilyName           string
	PreferredName        string
	DateOfBirth          sqldb.Date
	NHSNumber            string // ten digits, no spaces; empty when not known
	AddressLine1         string
	AddressLine2         string
	Town                 string
	Postcode             string
	Phone                string
	Email                string
	ContactMethod        string // how they would like to be contacted, from codelists.ContactMethod; empty when not known
	CommunicationNeeds   string
	InformationFormats   []string // how they need written information: EasyRead, LargePrint, or both
	PreferredLanguage    string
	InterpreterNeeded    bool
	Gender               string
	Ethnicity            string
	Religion             string
	SexualOrientation    string
	Disability           string
	PrimarySupportReason string
	ClientType           string
	AccommodationStatus  string
	ConsentToShare       Consent
	ConsentDate          sqldb.Date
	ConsentScope         []string
	TeamID               string
	WorkerID             string
	Restricted           bool
	CreatedAt, UpdatedAt time.Time
	CreatedBy, UpdatedBy string
	Version              int

	// Read with the person, not written with them.
	TeamName   string
	WorkerName string
	Network    []NetworkMember
}

// Consent is whether the person agreed to share information about them.
type Consent string

// The answers to "has the person consented to share information?".
const (
	ConsentNotAsked Consent = ""
	ConsentGiven    Consent = "yes"
	ConsentRefused  Consent = "no"
)

// Name is how the person is addressed: their preferred name if they have one, then their family name.
func (p Person) Name() string {
	given := p.GivenName
	if p.PreferredName != "" {
		given = p.PreferredName
	}
	return strings.TrimSpace(given + " " + p.FamilyName)
}

// FullName is the person's given and family names, as recorded.
func (p Person) FullName() string { return strings.TrimSpace(p.GivenName + " " + p.FamilyName) }

// Normalise tidies what was typed: spacing in names, the NHS number without spaces, the postcode in capitals.
func (p *Person) Normalise() {
	p.GivenName = NormaliseName(p.GivenName)
	p.FamilyName = NormaliseName(p.FamilyName)
	p.PreferredName = NormaliseName(p.PreferredName)
	p.NHSNumber = NormaliseNHSNumber(p.NHSNumber)
	p.Postcode = NormalisePostcode(p.Postcode)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Email = strings.TrimSpace(p.Email)
	for _, s := range []*string{&p.AddressLine1, &p.AddressLine2, &p.Town, &p.CommunicationNeeds, &p.PreferredLanguage} {
		*s = strings.TrimSpace(*s)
	}
	for i := range p.Network {
		p.Network[i].Normalise()
	}
}

// Validate checks the record as the form asks for it, in the form's order. today is the date in the UK.
func (p Person) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	ps.Add("given_name", ValidName("given name", p.GivenName, true))
	ps.Add("family_name", ValidName("family name", p.FamilyName, true))
	ps.Add("preferred_name", ValidName("preferred name", p.PreferredName, false))
	if !p.DateOfBirth.IsZero() {
		ps.Add("date_of_birth", ValidDateOfBirth(p.DateOfBirth.Time, today))
	}
	if p.NHSNumber != "" {
		ps.Add("nhs_number", ValidNHSNumber(p.NHSNumber))
	}
	if len(p.AddressLine1) > 200 || len(p.AddressLine2) > 200 || len(p.Town) > 100 {
		ps.Append("address_line1", "Address must be 200 characters or less")
	}
	if p.Postcode != "" {
		ps.Add("postcode", ValidPostcode(p.Postcode))
	}
	if p.Phone != "" {
		ps.Add("phone", ValidPhone(p.Phone))
	}
	if p.Email != "" {
		ps.Add("email", ValidEmail(p.Email))
	}
	ps.Add("contact_method", p.validContactMethod())
	if len(p.CommunicationNeeds) > 2000 {
		ps.Append("communication_needs", "Communication needs must be 2,000 characters or less")
	}
	if !ValidInformationFormats(p.InformationFormats) {
		ps.Append("information_formats", "Select how the person needs written information from the list")
	}
	for _, c := range []struct {
		field, value, what string
		list               codelists.List
	}{
		{"gender", p.Gender, "gender", codelists.Gender},
		{"ethnicity", p.Ethnicity, "ethnicity", codelists.Ethnicity},
		{"religion", p.Religion, "religion or belief", codelists.Religion},
		{"sexual_orientation", p.SexualOrientation, "sexual orientation", codelists.SexualOrientation},
		{"disability", p.Disability, "disability", codelists.Disability},
		{"primary_support_reason", p.PrimarySupportReason, "primary support reason", codelists.PrimarySupportReason},
		{"client_type", p.ClientType, "client type", codelists.ClientType},
		{"accommodation_status", p.AccommodationStatus, "accommodation status", codelists.AccommodationStatus},
	} {
		if c.value != "" && !c.list.Has(c.value) {
			ps.Append(c.field, "Select a "+c.what+" from the list")
		}
	}
	switch p.ConsentToShare {
	case ConsentNotAsked:
	case ConsentGiven:
		if p.ConsentDate.IsZero() {
			ps.Append("consent_date", "Enter the date the person gave consent")
		} else if p.ConsentDate.After(today) {
			ps.Append("consent_date", "Date consent was given must be today or in the past")
		}
		if len(p.ConsentScope) == 0 {
			ps.Append("consent_scope", "Select who the person agreed information can be shared with")
		}
	case ConsentRefused:
	default:
		ps.Append("consent_to_share", "Select whether the person consents to share information")
	}
	for _, s := range p.ConsentScope {
		if !codelists.ConsentScope.Has(s) {
			ps.Append("consent_scope", "Select who information can be shared with from the list")
			break
		}
	}
	for i, m := range p.Network {
		for _, mp := range m.Validate() {
			ps.Append(fmt.Sprintf("network_%d_%s", i, mp.Field), mp.Message)
		}
	}
	return ps
}

// NetworkMember is someone who matters to the person: family, a friend, a neighbour, a carer, or someone with
// legal authority to act for them.
type NetworkMember struct {
	ID             string
	PersonID       string
	Name           string
	Relationship   string
	Phone          string
	Email          string
	Address        string
	UnpaidCarer    bool
	LegalAuthority string // lasting power of attorney or deputyship, from codelists.LegalAuthority; empty for none
	CrisisContact  bool   // the one to call in a crisis, named on a support plan drafted from the record
	Version        int
}

// Normalise tidies what was typed.
func (m *NetworkMember) Normalise() {
	m.Name = NormaliseName(m.Name)
	m.Phone = strings.TrimSpace(m.Phone)
	m.Email = strings.TrimSpace(m.Email)
	m.Address = strings.TrimSpace(m.Address)
}

// Validate checks a person who matters.
func (m NetworkMember) Validate() validation.Problems {
	var ps validation.Problems
	if m.Name == "" {
		ps.Append("name", "Enter the name of the person who matters")
	} else {
		ps.Add("name", ValidName("name", m.Name, true))
	}
	if m.Relationship != "" && !codelists.Relationship.Has(m.Relationship) {
		ps.Append("relationship", "Select a relationship from the list")
	}
	if m.Phone != "" {
		ps.Add("phone", ValidPhone(m.Phone))
	}
	if m.Email != "" {
		ps.Add("email", ValidEmail(m.Email))
	}
	if m.LegalAuthority != "" && !codelists.LegalAuthority.Has(m.LegalAuthority) {
		ps.Append("legal_authority", "Select a legal authority from the list")
	}
	return ps
}

// validContactMethod checks that the way the person would like to be contacted is on the list, and that the record
// holds what it needs: an email address for email, a telephone number for a phone call or a text message.
func (p Person) validContactMethod() error {
	switch p.ContactMethod {
	case "":
		return nil
	case codelists.ContactMethodEmail:
		if p.Email == "" {
			return errors.New("Enter the person's email address, or select another way to contact them")
		}
	case codelists.ContactMethodPhone, codelists.ContactMethodText:
		if p.Phone == "" {
			return errors.New("Enter the person's telephone number, or select another way to contact them")
		}
	default:
		if !codelists.ContactMethod.Has(p.ContactMethod) {
			return errors.New("Select how the person would like to be contacted from the list")
		}
	}
	return nil
}
