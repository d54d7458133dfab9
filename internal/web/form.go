package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// FieldError is one problem with one form field, in the words the page shows.
type FieldError struct {
	// Field is the form field's name. Its element id is "f-" + Field.
	Field string
	// Message says what to do, following GOV.UK error message guidance,
	// for example "Enter a given name".
	Message string
	// Parts, for a date input, lists the boxes with the problem ("day",
	// "month", "year"). The error summary links to the first one.
	Parts []string
}

// ID is the id of the element the error summary links to.
func (e FieldError) ID() string {
	if len(e.Parts) > 0 {
		return FieldID(e.Field) + "-" + e.Parts[0]
	}
	return FieldID(e.Field)
}

// Href is the error summary's link to the field.
func (e FieldError) Href() string { return "#" + e.ID() }

// Errors is a form's field errors in the order the fields appear on the page,
// which is the order the error summary lists them.
type Errors []FieldError

// Add records a problem with field. Only the first problem per field is kept,
// as GOV.UK shows one message per field.
func (e *Errors) Add(field, message string) {
	if e.Has(field) {
		return
	}
	*e = append(*e, FieldError{Field: field, Message: message})
}

// FieldProblem is a domain's validation problem: the field it belongs to and what to do about it. The domain
// packages' problem types satisfy it, so that web need not import them.
type FieldProblem interface {
	FieldMessage() (field, message string)
}

// AddProblems adds a domain's validation problems to the form's errors (a field keeps its first message, so the
// form's own error for a field wins), then puts every error in the order of the form's fields, so that the error
// summary reads from top to bottom.
func AddProblems[P FieldProblem](e *Errors, problems []P, order []string) {
	for _, p := range problems {
		e.Add(p.FieldMessage())
	}
	e.Sort(order)
}

// Sort puts the errors in the order of the form's fields. Fields not in order go last, as they came.
func (e Errors) Sort(order []string) {
	rank := func(field string) int {
		if i := slices.Index(order, field); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(e, func(a, b FieldError) int { return rank(a.Field) - rank(b.Field) })
}

// AddDate records a date problem from ParseDate. A nil de adds nothing.
func (e *Errors) AddDate(field string, de *DateError) {
	if de == nil || e.Has(field) {
		return
	}
	*e = append(*e, FieldError{Field: field, Message: de.Message, Parts: de.Parts})
}

// Get returns the message for field, or "".
func (e Errors) Get(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Parts returns the date boxes with a problem for field, or nil.
func (e Errors) Parts(field string) []string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Parts
		}
	}
	return nil
}

// Has reports whether field has a problem.
func (e Errors) Has(field string) bool {
	for _, fe := range e {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// Any reports whether there are any problems.
func (e Errors) Any() bool { return len(e) > 0 }

// FormVersion reads the version of the record a form was filled from, which the form posts back in its hidden field
// name ("version" on most forms). A missing or altered one reads as 0, which no saved record has (every version
// starts at 1), so the store refuses the save as a conflict and the user is shown the record as it is now: nothing
// is saved over a version nobody saw.
func FormVersion(form url.Values, name string) int {
	v, err := strconv.Atoi(form.Get(name))
	if err != nil || v < 1 {
		return 0
	}
	return v
}

// PageNumber reads a list's page, counting from 1, from the address's "page" parameter. A missing one, or one that
// is not a page number (from an edited address), is the first page.
func PageNumber(query url.Values) int {
	n, err := strconv.Atoi(query.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// FieldID is the element id for the form field name: "f-" + name.
func FieldID(name string) string { return "f-" + name }

// ParseForm parses the request body into r.PostForm. The body is already
// limited by LimitBody; a body over the limit gives a 413 error, and a body
// that is not a form gives a 400 error, for Handle to show.
func ParseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return TooLarge
		}
		return BadRequest
	}
	return nil
}

// DateInput is what was typed into a GOV.UK date input, kept as typed so the
// form can be shown again with the user's own text.
type DateInput struct {
	Day, Month, Year string
}

// DateInputFrom reads the date input called name from a parsed form: the
// values of name-day, name-month and name-year.
func DateInputFrom(form url.Values, name string) DateInput {
	return DateInput{
		Day:   strings.TrimSpace(form.Get(name + "-day")),
		Month: strings.TrimSpace(form.Get(name + "-month")),
		Year:  strings.TrimSpace(form.Get(name + "-year")),
	}
}

// DateInputOf fills a date input from a stored date, for an edit form. The
// zero time gives empty boxes.
func DateInputOf(t time.Time) DateInput {
	if t.IsZero() {
		return DateInput{}
	}
	return DateInput{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
}

// IsEmpty reports whether nothing was typed, for optional dates.
// Text is the date as typed, day/month/year, for a row of the conflict panel; nothing when nothing was typed.
func (d DateInput) Text() string {
	if d.IsEmpty() {
		return ""
	}
	return strings.Join([]string{d.Day, d.Month, d.Year}, "/")
}

func (d DateInput) IsEmpty() bool {
	return strings.TrimSpace(d.Day+d.Month+d.Year) == ""
}

// Parse is ParseDate for d.
func (d DateInput) Parse(label string) (time.Time, *DateError) {
	return ParseDate(label, d.Day, d.Month, d.Year)
}

// ReadDate reads an optional date input into the form's errors: the zero Date when nothing was typed or when the
// date is not a real one (its problem added to errs under field, unless field already has one), otherwise the date.
// Every form with an optional date reads it so, and a required one checks DateInput.IsEmpty first.
func ReadDate(errs *Errors, in DateInput, field, label string) sqldb.Date {
	if in.IsEmpty() {
		return sqldb.Date{}
	}
	t, de := in.Parse(label)
	if de != nil {
		errs.AddDate(field, de)
		return sqldb.Date{}
	}
	return sqldb.NewDate(t)
}

// DateError is a problem with a date input: the message to show and the boxes
// to highlight. It deliberately does not implement error, so a nil
// *DateError is never mistaken for a non-nil error.
type DateError struct {
	Message string
	Parts   []string // "day", "month" and/or "year"
}

var allParts = []string{"day", "month", "year"}

// ParseDate reads a date typed into the three boxes of a GOV.UK date input
// and returns it as midnight UTC. label names the date as the error messages
// should, for example "Date of birth".
//
// It follows the GOV.UK date input guidance: it accepts leading zeros,
// ordinals ("1st") and month names in full or short ("january", "jan"), and
// its messages are "Enter date of birth", "Date of birth must include a month"
// (or "a day and month"), "Year must include 4 numbers" and "Date of birth
// must be a real date". Optional dates should check DateInput.IsEmpty first.
func ParseDate(label, day, month, year string) (time.Time, *DateError) {
	day, month, year = strings.TrimSpace(day), strings.TrimSpace(month), strings.TrimSpace(year)

	var missing []string
	for _, p := range []struct{ name, value string }{{"day", day}, {"month", month}, {"year", year}} {
		if p.value == "" {
			missing = append(missing, p.name)
		}
	}
	switch len(missing) {
	case 3:
		return time.Time{}, &DateError{Message: "Enter " + lowerFirst(label), Parts: allParts}
	case 2:
		// Guidance: highlight the whole date when more than one box is missing.
		return time.Time{}, &DateError{Message: label + " must include a " + missing[0] + " and " + missing[1], Parts: allParts}
	case 1:
		return time.Time{}, &DateError{Message: label + " must include a " + missing[0], Parts: missing}
	}

	d, dayOK := parseDay(day)
	m, monthOK := parseMonth(month)
	y, yearOK := parseYear(year)
	var wrong []string
	if !dayOK {
		wrong = append(wrong, "day")
	}
	if !monthOK {
		wrong = append(wrong, "month")
	}
	if yearOK == yearBadLength && dayOK && monthOK {
		return time.Time{}, &DateError{Message: "Year must include 4 numbers", Parts: []string{"year"}}
	}
	if yearOK != yearValid {
		wrong = append(wrong, "year")
	}
	switch len(wrong) {
	case 0:
	case 1:
		return time.Time{}, &DateError{Message: label + " must be a real date", Parts: wrong}
	default:
		return time.Time{}, &DateError{Message: label + " must be a real date", Parts: allParts}
	}

	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		// 31 April or 29 February in a common year: it is not clear which box
		// is wrong, so highlight the whole date.
		return time.Time{}, &DateError{Message: label + " must be a real date", Parts: allParts}
	}
	return t, nil
}

func parseDay(s string) (int, bool) {
	s = strings.ToLower(s)
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suffix) {
			s = strings.TrimSuffix(s, suffix)
			break
		}
	}
	n, ok := digits(s, 2)
	return n, ok && n >= 1 && n <= 31
}

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

func parseMonth(s string) (int, bool) {
	if m, ok := monthNames[strings.ToLower(s)]; ok {
		return m, true
	}
	n, ok := digits(s, 2)
	return n, ok && n >= 1 && n <= 12
}

type yearResult int

const (
	yearValid yearResult = iota
	yearBadLength
	yearNotNumber
)

func parseYear(s string) (int, yearResult) {
	n, ok := digits(s, 4)
	if !ok {
		if _, err := strconv.Atoi(s); err == nil && !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "+") {
			return 0, yearBadLength
		}
		return 0, yearNotNumber
	}
	if len(s) != 4 {
		return 0, yearBadLength
	}
	if n < 1000 {
		return 0, yearNotNumber
	}
	return n, yearValid
}

// digits parses s as a number of at most max digits (0-9 only).
func digits(s string, max int) (int, bool) {
	if s == "" || len(s) > max {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// lowerFirst lower-cases the first letter of a label for "Enter …", unless it
// starts an abbreviation ("NHS number" stays as it is).
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[size:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
