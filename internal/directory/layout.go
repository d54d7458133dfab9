package directory

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is what a field of the Open Referral UK layout holds, which decides how it is checked and stored.
type Kind int

// The kinds of field.
const (
	Text     Kind = iota
	ID            // a UUID: the record's own id
	Ref           // a UUID naming another record
	Number        // a JSON number
	Date          // YYYY-MM-DD
	Time          // HH:MM or HH:MM:SS, with Z or an offset if given
	DateTime      // RFC 3339
	Email
	URI
)

// Column is one field of a table in the Open Referral UK CSV layout (datapackage.json), which is also a property of
// the JSON objects.
type Column struct {
	Name     string // the standard's name
	DB       string // the column that stores it, when its name differs
	Kind     Kind
	Required bool
	Enum     []string
	Ref      string // for Ref: the table it names
	// Soft references may name records outside this directory (a parent organisation, a published taxonomy), so
	// they are kept as given and not checked.
	Soft bool
	// Extra fields are HSDS 3.0 fields that Golden Thread keeps beside the UK profile's layout. Imports read them
	// when present; exports write them after the layout's own columns.
	Extra bool
}

// Column returns the database column.
func (c Column) Column() string {
	if c.DB != "" {
		return c.DB
	}
	return c.Name
}

// Table is one table of the layout.
type Table struct {
	Name    string // the datapackage resource name, such as "service"
	File    string // its CSV file, such as "services.csv"
	DB      string // the table that stores it
	Columns []Column
}

// Col returns the column named name.
func (t Table) Col(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

func id() Column                           { return Column{Name: "id", Kind: ID, Required: true} }
func text(name string) Column              { return Column{Name: name, Kind: Text} }
func required(c Column) Column             { c.Required = true; return c }
func ref(name, table string) Column        { return Column{Name: name, Kind: Ref, Ref: table} }
func soft(name string) Column              { return Column{Name: name, Kind: Ref, Soft: true} }
func kind(name string, k Kind) Column      { return Column{Name: name, Kind: k} }
func enum(name string, e ...string) Column { return Column{Name: name, Kind: Text, Enum: e} }
func extra(c Column) Column                { c.Extra = true; return c }

// Statuses are a service's statuses in the standard.
var Statuses = []string{"active", "inactive", "defunct", "temporarily closed"}

var locationTypes = []string{"physical", "postal", "virtual"}

// Layout is the tables Golden Thread keeps, in the order a record's references come before it. It follows the UK
// profile's datapackage.json; a test checks it against the standard's own file.
var Layout = []Table{
	{"organization", "organizations.csv", "directory_organization", []Column{id(), required(text("name")), required(text("description")),
		kind("email", Email), kind("website", URI), text("logo"), kind("uri", URI), soft("parent_organization_id")}},
	{"taxonomy", "taxonomies.csv", "directory_taxonomy", []Column{id(), required(text("name")), required(text("description")),
		kind("uri", URI), {Name: "version", DB: "taxonomy_version", Kind: Text}}},
	{"taxonomy_term", "taxonomy_terms.csv", "directory_taxonomy_term", []Column{id(), required(text("name")), required(text("description")),
		soft("parent_id"), text("taxonomy"), soft("taxonomy_id"), kind("term_uri", URI), text("term")}},
	{"service", "services.csv", "directory_service", []Column{id(), required(ref("organization_id", "organization")), required(text("name")),
		text("description"), kind("url", URI), kind("email", Email), required(enum("status", Statuses...)), text("fees"), text("accreditations"),
		kind("minimum_age", Number), kind("maximum_age", Number), kind("assured_date", Date), kind("assurer_email", Email), text("alert"),
		kind("last_modified", DateTime), extra(text("eligibility_description"))}},
	{"location", "locations.csv", "directory_location", []Column{id(), required(enum("location_type", locationTypes...)), text("name"),
		text("description"), kind("latitude", Number), kind("longitude", Number), text("external_identifier"), text("external_identifier_type")}},
	{"address", "address.csv", "directory_address", []Column{id(), ref("location_id", "location"), text("attention"), required(text("address_1")),
		required(text("city")), text("region"), required(text("state_province")), required(text("postal_code")), required(text("country")),
		required(enum("address_type", locationTypes...)), extra(text("address_2"))}},
	{"service_at_location", "service_at_location.csv", "directory_service_at_location", []Column{id(),
		required(ref("service_id", "service")), required(ref("location_id", "location"))}},
	{"contact", "contacts.csv", "directory_contact", []Column{id(), ref("service_id", "service"), text("name"), text("title")}},
	{"phone", "phones.csv", "directory_phone", []Column{id(), ref("contact_id", "contact"), required(text("number")), text("description")}},
	{"schedule", "schedule.csv", "directory_schedule", []Column{id(), ref("service_id", "service"), ref("service_at_location_id", "service_at_location"),
		kind("valid_from", Date), kind("valid_to", Date), kind("dtstart", Date), enum("freq", "WEEKLY", "MONTHLY"),
		{Name: "interval", DB: "repeat_interval", Kind: Number}, text("byday"), text("bymonthday"), text("description"),
		kind("opens_at", Time), kind("closes_at", Time), kind("schedule_link", URI), text("attending_type"), text("notes")}},
	{"service_area", "service_areas.csv", "directory_service_area", []Column{id(), ref("service_id", "service"), text("name"), text("extent"),
		text("extent_type"), text("uri"), text("service_area")}},
	{"cost_option", "cost_options.csv", "directory_cost_option", []Column{id(), required(ref("service_id", "service")), kind("valid_from", Date),
		kind("valid_to", Date), {Name: "option", DB: "option_text", Kind: Text}, kind("amount", Number), text("amount_description")}},
	{"language", "languages.csv", "directory_language", []Column{id(), ref("service_id", "service"), ref("phone_id", "phone"),
		extra(text("name")), extra(text("code")), extra(text("note"))}},
	{"accessibility", "accessibility.csv", "directory_accessibility", []Column{id(), ref("location_id", "location"), text("description"),
		text("details"), kind("url", URI), text("accessibility")}},
	{"attribute", "attribute.csv", "directory_attribute", []Column{id(), required(soft("link_id")), required(ref("taxonomy_term_id", "taxonomy_term")),
		text("link_type")}},
}

// TableNamed returns the table of the layout called name.
func TableNamed(name string) (Table, bool) {
	for _, t := range Layout {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// notKept are the tables of the standard's layout that Golden Thread does not keep: an import says so and goes on.
var notKept = map[string]string{
	"funding.csv":                  "funding",
	"organization_identifiers.csv": "organisation identifiers",
}

var (
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	timePattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?$`)
	dayPattern  = regexp.MustCompile(`^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$`)
)

// canonical checks a field's value and returns it as Golden Thread keeps it, so that the same value read from
// JSON, CSV or the database compares equal. An empty value is "not given". The reason is "" when it is good.
func canonical(c Column, v string) (string, string) {
	if v == "" {
		return "", ""
	}
	switch c.Kind {
	case ID, Ref:
		if !uuidPattern.MatchString(v) {
			return v, fmt.Sprintf("%q is not a UUID, like ac148810-d857-441c-9679-408f346de14b", v)
		}
	case Number:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return v, fmt.Sprintf("%q is not a number", v)
		}
		return formatNumber(f), ""
	case Date:
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return v, fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", v)
		}
	case Time:
		if !timePattern.MatchString(v) {
			return v, fmt.Sprintf("%q is not a time in the form HH:MM or HH:MM:SS", v)
		}
	case DateTime:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return v, fmt.Sprintf("%q is not a date and time like 2023-03-15T10:30:45.123Z", v)
		}
		return formatDateTime(t), ""
	case Email:
		at := strings.LastIndex(v, "@")
		if at < 1 || at == len(v)-1 || strings.ContainsAny(v, " \t\r\n") {
			return v, fmt.Sprintf("%q is not an email address", v)
		}
	case URI:
		u, err := url.Parse(v)
		if err != nil || u.Scheme == "" || strings.ContainsAny(v, " \t\r\n") {
			return v, fmt.Sprintf("%q is not a web address, like https://example.org", v)
		}
	}
	if len(c.Enum) > 0 && !slices.Contains(c.Enum, v) {
		return v, fmt.Sprintf("%q is not one of %s", v, strings.Join(c.Enum, ", "))
	}
	return v, ""
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func formatDateTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// checkByDay checks an iCal BYDAY list such as "MO,WE" or "2MO,-1FR".
func checkByDay(v string) string {
	if v == "" {
		return ""
	}
	for _, d := range strings.Split(v, ",") {
		if !dayPattern.MatchString(strings.TrimSpace(d)) {
			return fmt.Sprintf("%q is not a list of days like MO,TU,WE", v)
		}
	}
	return ""
}
