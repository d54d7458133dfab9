package api

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Person is a person's record as the API sends and receives it. The fields marked read-only are sent by the API
// and ignored when received, so a record fetched with GET can be changed and sent back with PUT as it is.
type Person struct {
	ID                   string          `json:"id"` // read-only
	GivenName            string          `json:"given_name"`
	FamilyName           string          `json:"family_name"`
	PreferredName        string          `json:"preferred_name"`
	DateOfBirth          *string         `json:"date_of_birth"` // YYYY-MM-DD, or null when not known
	NHSNumber            string          `json:"nhs_number"`    // ten digits; sent without spaces
	AddressLine1         string          `json:"address_line1"`
	AddressLine2         string          `json:"address_line2"`
	Town                 string          `json:"town"`
	Postcode             string          `json:"postcode"`
	Phone                string          `json:"phone"`
	Email                string          `json:"email"`
	ContactMethod        string          `json:"contact_method"` // a value of the contact_method code list, or "" when not known
	CommunicationNeeds   string          `json:"communication_needs"`
	InformationFormats   []string        `json:"information_formats"`
	PreferredLanguage    string          `json:"preferred_language"`
	InterpreterNeeded    bool            `json:"interpreter_needed"`
	Gender               string          `json:"gender"`
	Ethnicity            string          `json:"ethnicity"`
	Religion             string          `json:"religion"`
	SexualOrientation    string          `json:"sexual_orientation"`
	Disability           string          `json:"disability"`
	PrimarySupportReason string          `json:"primary_support_reason"`
	ClientType           string          `json:"client_type"`
	AccommodationStatus  string          `json:"accommodation_status"`
	ConsentToShare       string          `json:"consent_to_share"` // "yes", "no" or "not_asked"
	ConsentDate          *string         `json:"consent_date"`
	ConsentScope         []string        `json:"consent_scope"`
	TeamID               string          `json:"team_id"`
	TeamName             string          `json:"team_name"` // read-only
	WorkerID             string          `json:"worker_id"`
	WorkerName           string          `json:"worker_name"` // read-only
	Restricted           bool            `json:"restricted"`
	Network              []NetworkMember `json:"network"`    // set when the person is added; read-only afterwards
	CreatedAt            *time.Time      `json:"created_at"` // read-only
	CreatedBy            string          `json:"created_by"` // read-only
	UpdatedAt            *time.Time      `json:"updated_at"` // read-only
	UpdatedBy            string          `json:"updated_by"` // read-only
	Version              int             `json:"version"`    // read-only: send it back in If-Match
}

// NetworkMember is someone who matters to the person.
type NetworkMember struct {
	ID             string `json:"id"` // read-only
	Name           string `json:"name"`
	Relationship   string `json:"relationship"`
	Phone          string `json:"phone"`
	Email          string `json:"email"`
	Address        string `json:"address"`
	UnpaidCarer    bool   `json:"unpaid_carer"`
	LegalAuthority string `json:"legal_authority"`
	CrisisContact  bool   `json:"crisis_contact"` // the one to call in a crisis, named on a support plan drafted from the record
	Version        int    `json:"version"`        // read-only
}

// Duplicate is someone already recorded who may be the person being added: their name, where their record is, and
// why they matched; nothing else of their record. A restricted record the member of staff may not open has no id,
// name or url.
type Duplicate struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	URL   string `json:"url,omitempty"`
	Match string `json:"match"` // same_nhs_number or same_name_and_date_of_birth
}

func duplicatesOf(ds people.Duplicates) []Duplicate {
	out := make([]Duplicate, len(ds))
	for i, d := range ds {
		out[i] = Duplicate{ID: d.ID, Name: d.Name, Match: string(d.Match)}
		if !d.Hidden() {
			out[i].URL = PersonPath(d.ID)
		}
	}
	return out
}

// duplicateProblem is the answer when the person may already be recorded: refused outright for the same NHS
// number, otherwise until the request confirms this is someone else.
func duplicateProblem(ds people.Duplicates) *Problem {
	if ds.Refused() {
		p := &Problem{
			Type: TypeNHSNumberRecorded, Title: "This NHS number is already recorded", Status: http.StatusConflict,
			Detail: "One NHS number is one person, so a second record cannot have it, even with confirm_not_duplicate. " +
				"Use the record already there, or check the number.",
			Duplicates: duplicatesOf(ds.Refusing()),
		}
		for _, d := range p.Duplicates {
			if d.URL != "" {
				p.Detail = "One NHS number is one person, so a second record cannot have it, even with confirm_not_duplicate. " +
					"The person with this NHS number is at " + d.URL + ": use that record, or check the number."
				break
			}
		}
		return p
	}
	return &Problem{
		Type: TypePossibleDuplicate, Title: "This may be someone already recorded", Status: http.StatusConflict,
		Detail: "Someone with the same names and date of birth is already recorded. Check the people listed at their url. " +
			"If this is someone else, send the request again with ?confirm_not_duplicate=true.",
		Duplicates: duplicatesOf(ds),
	}
}

// PersonSummary is a search result: enough to tell people apart, and how the member of
// staff may reach the record.
type PersonSummary struct {
	ID            string  `json:"id"`
	GivenName     string  `json:"given_name"`
	FamilyName    string  `json:"family_name"`
	PreferredName string  `json:"preferred_name"`
	DateOfBirth   *string `json:"date_of_birth"`
	NHSNumber     string  `json:"nhs_number"`
	Postcode      string  `json:"postcode"`
	TeamName      string  `json:"team_name"`
	Access        string  `json:"access"`
}

// SearchResults is the answer to a search.
type SearchResults struct {
	Items []PersonSummary `json:"items"`
	// Truncated is true when the search found more people than it lists; a more exact search finds the rest.
	Truncated bool `json:"truncated"`
}

// The values of PersonSummary.Access.
const (
	AccessAllocated        = "allocated"
	AccessWholeCouncil     = "whole_council"
	AccessGranted          = "granted"
	AccessBreakGlassNeeded = "break_glass_needed"
	AccessBrokenGlass      = "broken_glass"
)

func accessName(a people.Access) string {
	switch a {
	case people.Allocated:
		return AccessAllocated
	case people.WholeCouncil:
		return AccessWholeCouncil
	case people.Granted:
		return AccessGranted
	case people.NeedsBreakGlass:
		return AccessBreakGlassNeeded
	case people.BrokenGlass:
		return AccessBrokenGlass
	}
	return "" // the store never lists a person its caller has no way to reach
}

// consentNotAsked is how the API writes people.ConsentNotAsked, which the store keeps as an empty string.
const consentNotAsked = "not_asked"

func dateOrNull(d sqldb.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func timeOrNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func personOf(p people.Person) Person {
	out := Person{
		ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName,
		DateOfBirth: dateOrNull(p.DateOfBirth), NHSNumber: p.NHSNumber, AddressLine1: p.AddressLine1,
		AddressLine2: p.AddressLine2, Town: p.Town, Postcode: p.Postcode, Phone: p.Phone, Email: p.Email,
		ContactMethod: p.ContactMethod, CommunicationNeeds: p.CommunicationNeeds, InformationFormats: nonNil(p.InformationFormats), PreferredLanguage: p.PreferredLanguage,
		InterpreterNeeded: p.InterpreterNeeded, Gender: p.Gender, Ethnicity: p.Ethnicity, Religion: p.Religion,
		SexualOrientation: p.SexualOrientation, Disability: p.Disability, PrimarySupportReason: p.PrimarySupportReason,
		ClientType: p.ClientType, AccommodationStatus: p.AccommodationStatus, ConsentToShare: string(p.ConsentToShare),
		ConsentDate: dateOrNull(p.ConsentDate), ConsentScope: nonNil(p.ConsentScope), TeamID: p.TeamID,
		TeamName: p.TeamName, WorkerID: p.WorkerID, WorkerName: p.WorkerName, Restricted: p.Restricted,
		Network: make([]NetworkMember, len(p.Network)), CreatedAt: timeOrNull(p.CreatedAt), CreatedBy: p.CreatedBy,
		UpdatedAt: timeOrNull(p.UpdatedAt), UpdatedBy: p.UpdatedBy, Version: p.Version,
	}
	if p.ConsentToShare == people.ConsentNotAsked {
		out.ConsentToShare = consentNotAsked
	}
	for i, m := range p.Network {
		out.Network[i] = memberOf(m)
	}
	return out
}

func memberOf(m people.NetworkMember) NetworkMember {
	return NetworkMember{
		ID: m.ID, Name: m.Name, Relationship: m.Relationship, Phone: m.Phone, Email: m.Email, Address: m.Address,
		UnpaidCarer: m.UnpaidCarer, LegalAuthority: m.LegalAuthority, CrisisContact: m.CrisisContact, Version: m.Version,
	}
}

func (m NetworkMember) record() people.NetworkMember {
	return people.NetworkMember{
		Name: m.Name, Relationship: m.Relationship, Phone: m.Phone, Email: m.Email, Address: m.Address,
		UnpaidCarer: m.UnpaidCarer, LegalAuthority: m.LegalAuthority, CrisisContact: m.CrisisContact,
	}
}

func summaryOf(s people.Summary) PersonSummary {
	return PersonSummary{
		ID: s.ID, GivenName: s.GivenName, FamilyName: s.FamilyName, PreferredName: s.PreferredName,
		DateOfBirth: dateOrNull(s.DateOfBirth), NHSNumber: s.NHSNumber, Postcode: s.Postcode, TeamName: s.TeamName,
		Access: accessName(s.Access),
	}
}

func summariesOf(ss []people.Summary) []PersonSummary {
	out := make([]PersonSummary, len(ss))
	for i, s := range ss {
		out[i] = summaryOf(s)
	}
	return out
}

// record turns what was received into a person's record, leaving out the read-only fields, with the problems only
// the API can see (dates that are not dates). The record's own rules are people.Person.Validate's.
func (in Person) record() (people.Person, validation.Problems) {
	var ps validation.Problems
	p := people.Person{
		GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName, NHSNumber: in.NHSNumber,
		AddressLine1: in.AddressLine1, AddressLine2: in.AddressLine2, Town: in.Town, Postcode: in.Postcode,
		Phone: in.Phone, Email: in.Email, ContactMethod: in.ContactMethod, CommunicationNeeds: in.CommunicationNeeds, InformationFormats: in.InformationFormats,
		PreferredLanguage: in.PreferredLanguage, InterpreterNeeded: in.InterpreterNeeded, Gender: in.Gender,
		Ethnicity: in.Ethnicity, Religion: in.Religion, SexualOrientation: in.SexualOrientation,
		Disability: in.Disability, PrimarySupportReason: in.PrimarySupportReason, ClientType: in.ClientType,
		AccommodationStatus: in.AccommodationStatus, ConsentToShare: people.Consent(in.ConsentToShare),
		ConsentScope: in.ConsentScope, TeamID: in.TeamID, WorkerID: in.WorkerID, Restricted: in.Restricted,
	}
	if in.ConsentToShare == consentNotAsked {
		p.ConsentToShare = people.ConsentNotAsked
	}
	date := func(field, label string, s *string) sqldb.Date {
		if s == nil || strings.TrimSpace(*s) == "" {
			return sqldb.Date{}
		}
		d, err := sqldb.ParseDate(strings.TrimSpace(*s))
		if err != nil {
			ps.Append(field, label+" must be a real date, written as YYYY-MM-DD, such as 1941-06-15")
		}
		return d
	}
	p.DateOfBirth = date("date_of_birth", "Date of birth", in.DateOfBirth)
	p.ConsentDate = date("consent_date", "Date consent was given", in.ConsentDate)
	for _, m := range in.Network {
		p.Network = append(p.Network, m.record())
	}
	return p, ps
}

// check tidies and checks a record as the store will, so that every problem is reported at once: the API's own
// first, then the record's rules for the fields the API's problems left alone.
func (a *API) check(r *http.Request, p *people.Person, ps validation.Problems) error {
	p.Normalise()
	for _, rule := range p.Validate(sqldb.TodayIn(r.Context()).Time) {
		if !hasField(ps, rule.Field) {
			ps = append(ps, rule)
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

var strongETag = regexp.MustCompile(`^"([1-9][0-9]{0,9})"$`)

// searchPeople is GET /api/v1/people?q=: the pages' one-box search. People outside the member of staff's
// allocation are listed, marked "break_glass_needed", so that a duplicate is found before it is created.
func (a *API) searchPeople(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		return badRequest("Say who to search for in the q parameter: a name, NHS number, date of birth or postcode.",
			FieldError{Field: "q", Detail: "Enter a name, NHS number, date of birth or postcode"})
	}
	found, err := a.people.Search(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, "application/json", SearchResults{Items: summariesOf(found), Truncated: len(found) >= people.SearchLimit})
	return nil
}

// getPerson is GET /api/v1/people/{id}. The store logs the view.
func (a *API) getPerson(w http.ResponseWriter, r *http.Request) error {
	p, _, err := a.people.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, p.Version, personOf(p))
	return nil
}

// createPerson is POST /api/v1/people. Unlike the pages, which ask the practitioner to look at possible duplicates
// first, the API refuses with the possible duplicates unless the request says confirm_not_duplicate=true; the same
// NHS number is refused either way (people.Store.Add).
func (a *API) createPerson(w http.ResponseWriter, r *http.Request) error {
	staff, _ := councils.StaffFrom(r.Context())
	if !staff.Role.ChangesPeople() {
		return sqldb.ErrForbidden
	}
	confirmed := false
	if v := r.URL.Query().Get("confirm_not_duplicate"); v != "" {
		var err error
		if confirmed, err = strconv.ParseBool(v); err != nil {
			return badRequest("confirm_not_duplicate must be true or false.",
				FieldError{Field: "confirm_not_duplicate", Detail: "Must be true or false"})
		}
	}
	var in Person
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, ps := in.record()
	if p.Restricted {
		// A record restricted as it is added would have no one granted sight of it.
		ps.Append("restricted", "A record cannot be restricted as it is added. Add the person, then restrict the record by changing it")
	}
	if err := a.check(r, &p, ps); err != nil {
		return err
	}
	created, err := a.people.Add(r.Context(), p, confirmed)
	if ds, ok := people.AsDuplicates(err); ok {
		return duplicateProblem(ds)
	}
	if err != nil {
		return err
	}
	sendCreated(w, PersonPath(created.ID), created.Version, personOf(created))
	return nil
}

// updatePerson is PUT /api/v1/people/{id}: every field that can be changed is replaced by what is sent, if the
// record is still at the version named in If-Match. The people who matter are not changed by it.
func (a *API) updatePerson(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	version, err := ifMatch(r, "the person")
	if err != nil {
		return err
	}
	var in Person
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, ps := in.record()
	if err := a.check(r, &p, ps); err != nil {
		return err
	}
	p.ID, p.Version = id, version
	err = a.people.Update(r.Context(), p)
	if errors.Is(err, sqldb.ErrConflict) {
		// The store refuses only a stale version this way (an unknown team or worker is a field problem), so
		// the current version is read to tell the client which one to send.
		current, _, getErr := a.people.Get(r.Context(), id)
		if getErr != nil {
			return getErr
		}
		return changedFirst("the person", version, current.Version)
	}
	if err != nil {
		return err
	}
	saved, _, err := a.people.Get(r.Context(), id)
	if errors.Is(err, people.ErrBreakGlassNeeded) || errors.Is(err, sqldb.ErrNotFound) {
		// Saved, but the change took the person out of the member of staff's reach (another team, say), so the
		// record can no longer be shown to them.
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, saved.Version, personOf(saved))
	return nil
}
