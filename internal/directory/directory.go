// Package directory is the council's community directory on the Open Referral UK 3.0 model (the UK profile of the
// Human Services Data Specification): organisations and the services they run, where and when, how to get in
// touch, who they are for, what they cost, the languages they use, how accessible they are, and the categories
// (taxonomy terms) they are found by. Entries keep the standard's own ids, so an Open Referral UK feed imports and
// exports without loss.
//
// Directory records are not about people, so they carry no access log; they are the council's own data behind
// the same council wall as everything else. Each service records when its entry was last checked (the standard's
// assured_date); entries not checked within the council's period are listed for directory editors and marked
// wherever staff see them.
package directory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// CanEdit reports whether a role may add and change directory entries: directory editors and administrators.
// Everyone else who signs in may read the directory.
func CanEdit(r councils.Role) bool {
	return r == councils.DirectoryEditor || r == councils.Administrator
}

// Period is today and the council's checking period, which decide whether an entry is overdue for a check.
type Period struct {
	Today  sqldb.Date
	Months int
}

// Check is when a service's entry was last checked. Pages that show a service use its methods to mark an entry not
// checked within the council's period.
type Check struct {
	LastChecked sqldb.Date
}

// Overdue reports whether the entry was never checked, or last checked more than the period's months ago.
func (c Check) Overdue(p Period) bool {
	if c.LastChecked.IsZero() {
		return true
	}
	return c.LastChecked.AddDate(0, p.Months, 0).Before(p.Today.Time)
}

// NotCheckedSince is the warning an overdue entry carries: "Not checked since 3 March 2025", or "Never checked".
func (c Check) NotCheckedSince() string {
	if c.LastChecked.IsZero() {
		return "Never checked"
	}
	return "Not checked since " + c.LastChecked.Format("2 January 2006")
}

// CheckedText says when the entry was last checked, as a warning when it is overdue.
func (c Check) CheckedText(p Period) string {
	if c.Overdue(p) {
		return c.NotCheckedSince()
	}
	return "Checked " + c.LastChecked.Format("2 January 2006")
}

// Organisation is an organisation that runs services.
type Organisation struct {
	ID          string
	Name        string
	Description string
	Email       string
	Website     string
	Version     int
	UpdatedAt   time.Time
}

func organisationOf(s stored) Organisation {
	r := s.Record
	return Organisation{ID: r["id"], Name: r["name"], Description: r["description"], Email: r["email"], Website: r["website"],
		Version: s.Version, UpdatedAt: s.UpdatedAt}
}

// Validate checks an organisation as an editor typed it.
func (o Organisation) Validate() validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(o.Name) == "" {
		ps.Append("name", "Enter the name of the organisation")
	}
	if strings.TrimSpace(o.Description) == "" {
		ps.Append("description", "Enter what the organisation does")
	}
	if col, _ := layoutCol("organization", "email"); !good(col, o.Email) {
		ps.Append("email", "Enter an email address in the correct format, like name@example.org")
	}
	if col, _ := layoutCol("organization", "website"); !good(col, o.Website) {
		ps.Append("website", "Enter the website address in full, like https://example.org")
	}
	return ps
}

// ServiceSummary is a service as lists show it.
type ServiceSummary struct {
	ID               string
	Name             string
	Status           string
	OrganisationID   string
	OrganisationName string
	Check
}

// StatusText is the service's status as staff read it.
func (s ServiceSummary) StatusText() string { return StatusLabel(s.Status) }

// Service is a service with everything recorded about it.
type Service struct {
	ID                     string
	OrganisationID         string
	OrganisationName       string
	Name                   string
	Description            string
	URL                    string
	Email                  string
	Status                 string
	Fees                   string
	MinimumAge             string // years, "" when not given
	MaximumAge             string
	EligibilityDescription string
	Check
	CheckedBy    string // the email address of whoever last checked it
	LastModified string
	Version      int
	UpdatedAt    time.Time
	Locations    []Location
	Contacts     []Contact
	Schedules    []Schedule
	Costs        []CostOption
	Languages    []Language
	Terms        []Term
	Areas        []string
}

// Summary is the service as lists show it.
func (s Service) Summary() ServiceSummary {
	return ServiceSummary{ID: s.ID, Name: s.Name, Status: s.Status, OrganisationID: s.OrganisationID, OrganisationName: s.OrganisationName, Check: s.Check}
}

// AgeRange says who the service is for by age: "18 and over", "Up to 25", "12 to 100", or "" when not given.
func (s Service) AgeRange() string {
	switch {
	case s.MinimumAge != "" && s.MaximumAge != "":
		return s.MinimumAge + " to " + s.MaximumAge
	case s.MinimumAge != "":
		return s.MinimumAge + " and over"
	case s.MaximumAge != "":
		return "Up to " + s.MaximumAge
	}
	return ""
}

// Details is how to find and use the service, on one line, as a practitioner passes it on: when it is open, where
// (its first place), how to get in touch and what it costs. Empty when the directory records none of these.
func (s Service) Details() string {
	var parts []string
	for _, sc := range s.Schedules {
		if t := sc.Text(); t != "" {
			parts = append(parts, t)
		}
	}
	for _, l := range s.Locations {
		where := l.Name
		for _, a := range l.Addresses {
			if t := a.Text(); t != "" {
				where = joinSome(", ", where, t)
				break
			}
		}
		if where != "" {
			parts = append(parts, "at "+where)
			break
		}
	}
	for _, c := range s.Contacts {
		for _, ph := range c.Phones {
			parts = append(parts, joinSome(": ", joinSome(", ", c.Name, c.Title), ph.Number))
		}
	}
	for _, v := range []string{s.Email, s.URL} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	for _, c := range s.Costs {
		if t := c.Text(); t != "" {
			parts = append(parts, t)
			break
		}
	}
	return strings.Join(parts, "; ")
}

// joinSome joins the parts that are not empty.
func joinSome(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}

// StatusLabel is a service's status as staff read it.
func StatusLabel(status string) string {
	switch status {
	case "active":
		return "Running"
	case "inactive":
		return "Not running"
	case "defunct":
		return "Closed for good"
	case "temporarily closed":
		return "Temporarily closed"
	}
	return status
}

// Location is a place where a service is delivered.
type Location struct {
	ID                  string
	ServiceAtLocationID string
	Type                string
	Name                string
	Description         string
	Addresses           []Address
	Accessibility       []Accessibility
}

// Address is a location's address.
type Address struct {
	ID, Line1, Line2, City, Postcode string
}

// Text is the address on one line.
func (a Address) Text() string {
	var parts []string
	for _, p := range []string{a.Line1, a.Line2, a.City, a.Postcode} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Accessibility is how accessible a location is.
type Accessibility struct {
	ID, Description, Details string
}

// Contact is someone to contact about a service.
type Contact struct {
	ID, Name, Title string
	Phones          []Phone
}

// Phone is a contact's phone number.
type Phone struct {
	ID, Number, Description string
}

// Schedule is when a service is open.
type Schedule struct {
	ID, Freq, ByDay, OpensAt, ClosesAt, Description string
}

// Days are the days of the week, as iCal names them and staff read them.
var Days = []struct{ Code, Name string }{
	{"MO", "Monday"}, {"TU", "Tuesday"}, {"WE", "Wednesday"}, {"TH", "Thursday"}, {"FR", "Friday"}, {"SA", "Saturday"}, {"SU", "Sunday"},
}

func dayName(code string) string {
	for _, d := range Days {
		if d.Code == code {
			return d.Name
		}
	}
	return code
}

// Text is when the schedule is open, like "Thursday and Friday, 10:00 to 18:00".
func (s Schedule) Text() string {
	var days []string
	for _, d := range strings.Split(s.ByDay, ",") {
		if d = strings.TrimSpace(d); d != "" {
			days = append(days, dayName(d))
		}
	}
	var out string
	switch len(days) {
	case 0:
	case 1:
		out = days[0]
	default:
		out = strings.Join(days[:len(days)-1], ", ") + " and " + days[len(days)-1]
	}
	if s.Freq == "MONTHLY" && out != "" {
		out = "Monthly: " + s.ByDay
	}
	if s.OpensAt != "" || s.ClosesAt != "" {
		times := shortTime(s.OpensAt) + " to " + shortTime(s.ClosesAt)
		if out == "" {
			return times
		}
		out += ", " + times
	}
	if out == "" {
		return s.Description
	}
	return out
}

// shortTime drops the seconds of a time like 10:00:00.
func shortTime(t string) string {
	if len(t) >= 8 && t[5] == ':' {
		return t[:5] + t[8:]
	}
	return t
}

// CostOption is what a service costs.
type CostOption struct {
	ID, Option, Amount, AmountDescription string
}

// Free reports whether the option costs nothing.
func (c CostOption) Free() bool {
	f, err := strconv.ParseFloat(c.Amount, 64)
	return err == nil && f == 0
}

// Text is the cost as staff read it: "Free", or "£35.00 per 1 hour session".
func (c CostOption) Text() string {
	if c.Free() {
		return "Free"
	}
	var parts []string
	if f, err := strconv.ParseFloat(c.Amount, 64); err == nil {
		parts = append(parts, fmt.Sprintf("£%.2f", f))
	}
	for _, s := range []string{c.AmountDescription} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	text := strings.Join(parts, " ")
	if c.Option != "" {
		if text == "" {
			return c.Option
		}
		return c.Option + ": " + text
	}
	return text
}

// Language is a language a service is delivered in.
type Language struct {
	ID, Name, Code string
}

// Term is a category a service can be found by.
type Term struct {
	ID, Name, Taxonomy string
}

// Choices are what a service form offers: the organisations and the categories.
type Choices struct {
	Organisations []Organisation
	Terms         []Term
}

func layoutCol(table, name string) (Column, bool) {
	t, ok := TableNamed(table)
	if !ok {
		return Column{}, false
	}
	return t.Col(name)
}

// good reports whether v is a good value for the column.
func good(c Column, v string) bool {
	_, reason := canonical(c, strings.TrimSpace(v))
	return reason == ""
}

// ServiceInput is a service as an editor types it on the service form: the service itself and its main location,
// contact, opening times, cost, languages and categories. Anything else recorded about the service (imported
// from a feed, say) is kept as it is.
type ServiceInput struct {
	ID                     string // empty for a new service
	Version                int
	OrganisationID         string
	Name                   string
	Description            string
	Status                 string
	URL                    string
	Email                  string
	MinimumAge             string // whole years as typed
	MaximumAge             string
	EligibilityDescription string
	LocationName           string
	AddressLine1           string
	Town                   string
	Postcode               string
	Accessibility          string
	ContactName            string
	ContactRole            string
	Phone                  string
	Days                   []string // MO, TU, ...
	OpensAt                string   // HH:MM
	ClosesAt               string
	Cost                   string // "free", "cost" or "" when not recorded
	AmountPence            int64
	AmountDescription      string
	Languages              string // names, separated by commas
	TermIDs                []string
}

// CostFree and CostCharged are the choices of ServiceInput.Cost.
const (
	CostFree    = "free"
	CostCharged = "cost"
)

// InputOf is the service as its form shows it.
func InputOf(s Service) ServiceInput {
	in := ServiceInput{
		ID: s.ID, Version: s.Version, OrganisationID: s.OrganisationID, Name: s.Name, Description: s.Description, Status: s.Status,
		URL: s.URL, Email: s.Email, MinimumAge: s.MinimumAge, MaximumAge: s.MaximumAge, EligibilityDescription: s.EligibilityDescription,
	}
	if len(s.Locations) > 0 {
		l := s.Locations[0]
		in.LocationName = l.Name
		if len(l.Addresses) > 0 {
			in.AddressLine1, in.Town, in.Postcode = l.Addresses[0].Line1, l.Addresses[0].City, l.Addresses[0].Postcode
		}
		if len(l.Accessibility) > 0 {
			in.Accessibility = l.Accessibility[0].Description
		}
	}
	if len(s.Contacts) > 0 {
		c := s.Contacts[0]
		in.ContactName, in.ContactRole = c.Name, c.Title
		if len(c.Phones) > 0 {
			in.Phone = c.Phones[0].Number
		}
	}
	for _, sc := range s.Schedules {
		if sc.Freq == "MONTHLY" {
			continue
		}
		for _, d := range strings.Split(sc.ByDay, ",") {
			if d = strings.TrimSpace(d); d != "" {
				in.Days = append(in.Days, d)
			}
		}
		in.OpensAt, in.ClosesAt = shortTime(sc.OpensAt), shortTime(sc.ClosesAt)
		break
	}
	if len(s.Costs) > 0 {
		c := s.Costs[0]
		if c.Free() {
			in.Cost = CostFree
		} else {
			in.Cost = CostCharged
			if f, err := strconv.ParseFloat(c.Amount, 64); err == nil {
				in.AmountPence = int64(f*100 + 0.5)
			}
			in.AmountDescription = c.AmountDescription
		}
	}
	var langs []string
	for _, l := range s.Languages {
		if l.Name != "" {
			langs = append(langs, l.Name)
		}
	}
	in.Languages = strings.Join(langs, ", ")
	for _, t := range s.Terms {
		in.TermIDs = append(in.TermIDs, t.ID)
	}
	return in
}

// FormFields are the service form's fields in order, for the error summary.
var FormFields = []string{"organisation", "name", "description", "status", "url", "email", "minimum_age", "maximum_age",
	"eligibility", "location_name", "address_line_1", "town", "postcode", "accessibility", "contact_name", "contact_role", "phone",
	"days", "opens_at", "closes_at", "cost", "amount", "amount_description", "languages", "terms"}

// Validate checks the service as typed, saying what to do about each mistake.
func (in ServiceInput) Validate() validation.Problems {
	var ps validation.Problems
	if in.OrganisationID == "" {
		ps.Append("organisation", "Select the organisation that runs the service")
	}
	if strings.TrimSpace(in.Name) == "" {
		ps.Append("name", "Enter the name of the service")
	}
	if strings.TrimSpace(in.Description) == "" {
		ps.Append("description", "Enter what the service does and who it helps")
	}
	if !slices.Contains(Statuses, in.Status) {
		ps.Append("status", "Select whether the service is running")
	}
	if col, _ := layoutCol("service", "url"); !good(col, in.URL) {
		ps.Append("url", "Enter the website address in full, like https://example.org")
	}
	if col, _ := layoutCol("service", "email"); !good(col, in.Email) {
		ps.Append("email", "Enter an email address in the correct format, like name@example.org")
	}
	minAge, minOK := age(in.MinimumAge)
	if !minOK {
		ps.Append("minimum_age", "Enter the youngest age as a whole number of years, like 18, or leave it empty")
	}
	maxAge, maxOK := age(in.MaximumAge)
	if !maxOK {
		ps.Append("maximum_age", "Enter the oldest age as a whole number of years, like 65, or leave it empty")
	}
	if minOK && maxOK && minAge >= 0 && maxAge >= 0 && minAge > maxAge {
		ps.Append("maximum_age", "The oldest age must be the same as or more than the youngest age")
	}
	hasAddress := strings.TrimSpace(in.AddressLine1+in.Town+in.Postcode) != ""
	if hasAddress || strings.TrimSpace(in.LocationName) != "" || strings.TrimSpace(in.Accessibility) != "" {
		if strings.TrimSpace(in.AddressLine1) == "" {
			ps.Append("address_line_1", "Enter the first line of the address where the service is delivered")
		}
		if strings.TrimSpace(in.Town) == "" {
			ps.Append("town", "Enter the town or city")
		}
		if strings.TrimSpace(in.Postcode) == "" {
			ps.Append("postcode", "Enter the postcode, like AB1 2CD")
		} else if err := people.ValidPostcode(in.Postcode); err != nil {
			ps.Append("postcode", "Enter a real postcode, like AB1 2CD")
		}
	}
	if strings.TrimSpace(in.ContactRole) != "" && strings.TrimSpace(in.ContactName+in.Phone) == "" {
		ps.Append("contact_name", "Enter the name of the contact, or a phone number")
	}
	for _, d := range in.Days {
		if dayName(d) == d {
			ps.Append("days", "Select the days the service is open from the list")
			break
		}
	}
	opens, closes := strings.TrimSpace(in.OpensAt), strings.TrimSpace(in.ClosesAt)
	if len(in.Days) > 0 || opens != "" || closes != "" {
		if len(in.Days) == 0 {
			ps.Append("days", "Select the days the service is open")
		}
		okOpen := clock(opens)
		if !okOpen {
			ps.Append("opens_at", "Enter the time it opens, like 09:00")
		}
		okClose := clock(closes)
		if !okClose {
			ps.Append("closes_at", "Enter the time it closes, like 17:30")
		}
		if okOpen && okClose && padTime(closes) <= padTime(opens) {
			ps.Append("closes_at", "The closing time must be after the opening time")
		}
	}
	switch in.Cost {
	case "", CostFree:
	case CostCharged:
		if in.AmountPence <= 0 {
			ps.Append("amount", "Enter what it costs in pounds, like 5 or 5.50")
		}
	default:
		ps.Append("cost", "Select whether the service is free")
	}
	return ps
}

// age reads whole years; -1 when empty.
func age(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return -1, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 130
}

// clock checks a time of day typed as H:MM or HH:MM.
func clock(s string) bool {
	return s != "" && timePattern.MatchString(padTime(s)) && len(padTime(s)) == 5
}

// padTime writes 9:00 as 09:00.
func padTime(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ":"))
	if len(s) == 4 && s[1] == ':' {
		return "0" + s
	}
	return s
}

// LanguageNames splits the languages typed, separated by commas, without repeats.
func LanguageNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		n = strings.Join(strings.Fields(n), " ")
		if n != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			out = append(out, n)
		}
	}
	return out
}
