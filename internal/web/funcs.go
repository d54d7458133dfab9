package web

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must load even where the system has no zoneinfo

	"github.com/golden-thread/goldenthread/internal/paths"
)

// Item is one choice in govuk/radios, govuk/checkboxes or govuk/select.
type Item struct {
	Value string
	Text  string
	// HTML, when set, is shown instead of Text.
	HTML template.HTML
	// Hint is shown under the choice (radios and checkboxes).
	Hint string
	// ID overrides the generated id (IDPrefix, then "-2", "-3" …).
	ID string
	// Checked ticks a radio or checkbox, or selects an option, whatever the
	// field's Value or Values say.
	Checked  bool
	Disabled bool
	// Divider, when set, makes this item a divider ("or") instead of a choice.
	Divider string
	// Conditional is revealed when the choice is selected, for example
	// (include "people/_phone_field.html" .).
	Conditional template.HTML
	// Exclusive makes a checkbox ("None of these") untick the others.
	Exclusive bool
	// Name overrides the field name for this checkbox.
	Name         string
	LabelClasses string
	Attributes   map[string]string
}

// Label is what the item's label shows.
func (i Item) Label() any {
	if i.HTML != "" {
		return i.HTML
	}
	return i.Text
}

// SummaryRow is one row of govuk/summary-list.
type SummaryRow struct {
	// Key and Value are strings (escaped) or template.HTML.
	Key            any
	Value          any
	Actions        []Action
	Classes        string
	KeyClasses     string
	ValueClasses   string
	ActionsClasses string
}

// Action is a link in a summary list row or card, such as "Change".
type Action struct {
	Href string
	Text string
	// VisuallyHiddenText finishes the link text for screen readers, for
	// example "name" for "Change name".
	VisuallyHiddenText string
	Classes            string
}

// TableCell is one cell of govuk/table.
type TableCell struct {
	Text    any    // string (escaped) or template.HTML
	Format  string // "numeric" right-aligns numbers
	Classes string
	Colspan int
	Rowspan int
}

// funcs are the functions every template can use.
func funcs(assets *assetIndex) template.FuncMap {
	return template.FuncMap{
		// building arguments for partials
		"dict":   dict,
		"list":   list,
		"items":  items,
		"item":   item,
		"row":    row,
		"action": action,
		"cell":   cell,
		"params": checkParams,
		// links: a page's address from its shape in internal/paths
		"path": pathOf,
		// replaced per page by one that renders from the page's own set
		"include": func(string, any) (template.HTML, error) {
			return "", errors.New("include is not available here")
		},

		// forms
		"fieldID":  FieldID,
		"errorFor": func(e Errors, field string) string { return e.Get(field) },

		// formatting
		"date":     formatDate,
		"datetime": formatDateTime,
		"time":     formatTime,
		"plural":   Plural,
		"join":     join,
		"add":      func(a, b int) int { return a + b },
		"sub":      func(a, b int) int { return a - b },
		"str":      str,

		// used inside the partials
		"present":    present,
		"contains":   contains,
		"words":      words,
		"boolString": boolString,
		"attrs":      attrs,
		"capitalise": capitalise,
		"itemID":     itemID,
		"datePart":   datePart,
		"asset":      assets.url,
	}
}

// dict builds a map from key, value pairs: the arguments of a partial.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments (%d)", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is a %T, not a string", pairs[i], pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

func list(v ...any) []any { return v }

// items builds radio, checkbox or select choices from value, text pairs:
// (items "yes" "Yes" "no" "No").
func items(pairs ...string) ([]Item, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("items: odd number of arguments (%d)", len(pairs))
	}
	out := make([]Item, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Item{Value: pairs[i], Text: pairs[i+1]})
	}
	return out, nil
}

// item builds one choice with optional named fields:
// (item "phone" "Phone" "Hint" "We will text first" "Conditional" (include "people/_phone" .)).
// The names are Hint, HTML, ID, Checked, Disabled, Divider, Conditional,
// Exclusive, Name and LabelClasses.
func item(value, text string, fields ...any) (Item, error) {
	it := Item{Value: value, Text: text}
	if len(fields)%2 != 0 {
		return it, fmt.Errorf("item %q: odd number of field arguments", value)
	}
	for i := 0; i < len(fields); i += 2 {
		name, _ := fields[i].(string)
		v := fields[i+1]
		var ok bool
		switch name {
		case "Hint":
			it.Hint, ok = v.(string)
		case "HTML":
			it.HTML, ok = v.(template.HTML)
		case "ID":
			it.ID, ok = v.(string)
		case "Name":
			it.Name, ok = v.(string)
		case "LabelClasses":
			it.LabelClasses, ok = v.(string)
		case "Divider":
			it.Divider, ok = v.(string)
		case "Conditional":
			it.Conditional, ok = v.(template.HTML)
		case "Checked":
			it.Checked, ok = v.(bool)
		case "Disabled":
			it.Disabled, ok = v.(bool)
		case "Exclusive":
			it.Exclusive, ok = v.(bool)
		default:
			return it, fmt.Errorf("item %q: unknown field %v", value, fields[i])
		}
		if !ok {
			return it, fmt.Errorf("item %q: %s is a %T", value, name, v)
		}
	}
	return it, nil
}

// row builds a summary list row: (row "Name" .Person.Name (action "/people/1/name" "Change" "name")).
func row(key, value any, actions ...Action) SummaryRow {
	return SummaryRow{Key: key, Value: value, Actions: actions}
}

// action builds a summary list action link: href, text and the words that
// finish the link text for screen readers.
func action(href, text string, visuallyHidden ...string) Action {
	return Action{Href: href, Text: text, VisuallyHiddenText: strings.Join(visuallyHidden, " ")}
}

// cell builds a table cell, optionally with a format ("numeric").
func cell(text any, format ...string) TableCell {
	return TableCell{Text: text, Format: strings.Join(format, " ")}
}

// partialParams lists the arguments each partial accepts, so a mistyped
// argument ("Lable") fails the page's render test instead of quietly
// leaving something out. templates/govuk/README.md describes them.
var partialParams = map[string][]string{
	"govuk/label":               {"Text", "For", "Classes", "IsPageHeading", "Attributes"},
	"govuk/hint":                {"Text", "ID", "Classes", "Attributes"},
	"govuk/error-message":       {"Text", "ID", "Classes", "VisuallyHiddenText", "Attributes"},
	"govuk/fieldset":            {"Legend", "LegendClasses", "IsPageHeading", "Classes", "Role", "DescribedBy", "Content", "Attributes"},
	"govuk/input":               {"Name", "ID", "Type", "Value", "Label", "LabelClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "Autocomplete", "Autocapitalize", "Inputmode", "Pattern", "Spellcheck", "Disabled", "DescribedBy", "Prefix", "Suffix", "Attributes"},
	"govuk/textarea":            {"Name", "ID", "Value", "Rows", "Label", "LabelClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "Autocomplete", "Spellcheck", "Disabled", "DescribedBy", "Attributes"},
	"govuk/character-count":     {"Name", "ID", "Value", "Rows", "Label", "LabelClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "Spellcheck", "MaxLength", "MaxWords", "Threshold", "Attributes"},
	"govuk/select":              {"Name", "ID", "Items", "Value", "Label", "LabelClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "Disabled", "DescribedBy", "Autocomplete", "Attributes"},
	"govuk/radios":              {"Name", "IDPrefix", "Items", "Value", "Legend", "LegendClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "DescribedBy", "Attributes"},
	"govuk/checkboxes":          {"Name", "IDPrefix", "Items", "Values", "Legend", "LegendClasses", "IsPageHeading", "Hint", "Error", "Classes", "FormGroupClasses", "DescribedBy", "Attributes"},
	"govuk/date-input":          {"Name", "ID", "Value", "Parts", "Legend", "LegendClasses", "IsPageHeading", "Hint", "Error", "ErrorParts", "Classes", "FormGroupClasses", "Autocomplete", "Attributes"},
	"govuk/error-summary":       {"Errors", "Title", "Description", "Classes", "DisableAutoFocus", "Attributes"},
	"govuk/summary-list":        {"Rows", "Classes", "CardTitle", "CardActions", "CardHeadingLevel", "CardClasses", "Attributes"},
	"govuk/summary-action":      {"Action", "CardTitle"},
	"govuk/button":              {"Text", "Href", "Type", "Name", "Value", "ID", "Classes", "Disabled", "PreventDoubleClick", "IsStartButton", "Attributes"},
	"govuk/notification-banner": {"Type", "Title", "TitleID", "TitleHeadingLevel", "Text", "HTML", "Role", "Classes", "DisableAutoFocus", "Attributes"},
	"govuk/table":               {"Caption", "CaptionClasses", "Head", "Rows", "FirstCellIsHeader", "Classes", "Attributes"},
	"govuk/tag":                 {"Text", "Classes", "Attributes"},
	"govuk/back-link":           {"Href", "Text", "Classes", "Attributes"},
	"govuk/inset-text":          {"Text", "ID", "Classes", "Attributes"},
	"govuk/warning-text":        {"Text", "IconFallbackText", "Classes", "Attributes"},
	"govuk/details":             {"Summary", "Text", "ID", "Open", "Classes", "Attributes"},
	"govuk/pagination":          {"Previous", "Next", "Items", "LandmarkLabel", "Classes", "Attributes"},
	"govuk/skip-link":           {"Href", "Text", "Classes", "Attributes"},
	"govuk/generic-header":      {"Logo", "URL", "Classes", "ContainerClasses", "Attributes"},
	"govuk/service-navigation":  {"ServiceName", "ServiceURL", "Items", "Start", "End", "EndInline", "NavigationStart", "NavigationEnd", "AriaLabel", "MenuButtonText", "MenuButtonLabel", "NavigationLabel", "NavigationID", "NavigationClasses", "CollapseNavigationOnMobile", "Classes", "Attributes"},
}

// checkParams fails when a component is called with an argument it does not
// know, or without one it needs. Components call it first. The GOV.UK
// partials' arguments are listed in partialParams: {{params "govuk/input" .}}.
// Every other component declares its own after its data, each needed unless it
// ends in "?": {{params "risks/_rows" . "Name" "Legend" "Hint?" "Rows" "Errors"}}.
// NewTemplates checks every call written as (dict "Key" value …) against the
// declaration at start-up (checkArgs); this check covers the calls it cannot
// see, at render.
func checkParams(name string, args any, declared ...string) (string, error) {
	m, ok := args.(map[string]any)
	if !ok {
		return "", nil // a struct: the template itself reports unknown fields
	}
	known, required, err := paramsOf(name, declared)
	if err != nil {
		return "", err
	}
	return "", checkKeys(name, slices.Sorted(maps.Keys(m)), known, required)
}

// paramsOf is the arguments a component takes, and those of them it needs: its
// own declaration, or else the GOV.UK partial's list (all optional).
func paramsOf(name string, declared []string) (known, required []string, err error) {
	if len(declared) == 0 {
		known, ok := partialParams[name]
		if !ok {
			return nil, nil, fmt.Errorf("params: no argument list for partial %q", name)
		}
		return known, nil, nil
	}
	for _, d := range declared {
		if k, optional := strings.CutSuffix(d, "?"); optional {
			known = append(known, k)
		} else {
			known, required = append(known, d), append(required, d)
		}
	}
	return known, required, nil
}

// checkKeys reports the first argument given that the component does not know,
// or needs and was not given.
func checkKeys(name string, given, known, required []string) error {
	for _, k := range given {
		if !slices.Contains(known, k) {
			return fmt.Errorf("%s: unknown argument %q (known: %s)", name, k, strings.Join(known, ", "))
		}
	}
	for _, k := range required {
		if !slices.Contains(given, k) {
			return fmt.Errorf("%s: missing argument %q", name, k)
		}
	}
	return nil
}

// pathOf is a page's address, built from its shape in internal/paths: {{path "Risk" .PersonID .EpisodeID .ID}}.
// NewTemplates checks every call's name and argument count at start-up (checkPaths).
func pathOf(name string, args ...any) (string, error) {
	s, ok := paths.ByName(name)
	if !ok {
		return "", fmt.Errorf("path: no path %q in internal/paths", name)
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = str(a)
	}
	return paths.Build(s, parts...)
}

var london = mustLoadLocation("Europe/London")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded, so this cannot happen
	}
	return loc
}

// asTime accepts time.Time and *time.Time; the zero time and nil give false.
func asTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, !t.IsZero()
	case *time.Time:
		if t == nil {
			return time.Time{}, false
		}
		return *t, !t.IsZero()
	}
	return time.Time{}, false
}

// formatDate writes a date as GOV.UK style does: "2 January 2006". A zero or
// nil time gives "". Dates are shown as stored (UTC midnight for a date
// without a time), so they never move a day.
func formatDate(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	return t.Format("2 January 2006")
}

// formatTime writes a time of day in UK time as GOV.UK style does: "9:30am",
// "midday", "midnight".
func formatTime(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(london)
	switch {
	case t.Hour() == 12 && t.Minute() == 0:
		return "midday"
	case t.Hour() == 0 && t.Minute() == 0:
		return "midnight"
	}
	return strings.ToLower(t.Format("3:04PM"))
}

// TimeText is the time of a moment as a page writes it, in UK time: "3:04pm".
func TimeText(t time.Time) string { return formatTime(t) }

// DateTimeText is a moment as a page writes it, in UK time: "2 January 2006 at 3:04pm".
func DateTimeText(t time.Time) string { return formatDateTime(t) }

// formatDateTime writes a moment in UK time: "2 January 2006 at 3:04pm".
func formatDateTime(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	return t.In(london).Format("2 January 2006") + " at " + formatTime(t)
}

// Plural picks the singular or plural word for n, with n: (plural 2 "person" "people") → "2 people".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// join joins strings (or anything printable) with sep.
func join(sep string, v any) string {
	switch s := v.(type) {
	case []string:
		return strings.Join(s, sep)
	case nil:
		return ""
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return fmt.Sprint(v)
	}
	parts := make([]string, rv.Len())
	for i := range parts {
		parts[i] = fmt.Sprint(rv.Index(i).Interface())
	}
	return strings.Join(parts, sep)
}

// str prints v as text, with nil as "".
func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// present reports whether an optional argument was given: anything except
// nil, "", false and an empty slice. Zero is present (value="0").
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case bool:
		return x
	case template.HTML:
		return x != ""
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() > 0
	case reflect.Pointer, reflect.Interface:
		return !rv.IsNil()
	}
	return true
}

// contains reports whether the list (a []string or []any) holds value,
// compared as text.
func contains(list any, value any) bool {
	if list == nil {
		return false
	}
	want := str(value)
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return str(list) == want
	}
	for i := range rv.Len() {
		if str(rv.Index(i).Interface()) == want {
			return true
		}
	}
	return false
}

// words joins the arguments that are present with single spaces, for class
// and aria-describedby lists.
func words(v ...any) string {
	var parts []string
	for _, w := range v {
		if present(w) {
			if s := strings.TrimSpace(str(w)); s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, " ")
}

// boolString gives "true" or "false" for a bool, and "" when v is not a bool,
// for attributes such as spellcheck that have three states.
func boolString(v any) string {
	if b, ok := v.(bool); ok {
		return strconv.FormatBool(b)
	}
	return ""
}

// attrs writes extra attributes (the Attributes argument of a partial) with
// their values escaped, in name order. Names must be plain attribute names.
func attrs(v any) (template.HTMLAttr, error) {
	if v == nil {
		return "", nil
	}
	var m map[string]string
	switch a := v.(type) {
	case map[string]string:
		m = a
	case map[string]any:
		m = make(map[string]string, len(a))
		for k, val := range a {
			m[k] = str(val)
		}
	default:
		return "", fmt.Errorf("attrs: want map[string]string, got %T", v)
	}
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if !validAttrName(name) {
			return "", fmt.Errorf("attrs: %q is not an allowed attribute name", name)
		}
		b.WriteString(" ")
		b.WriteString(name)
		b.WriteString(`="`)
		b.WriteString(template.HTMLEscapeString(m[name]))
		b.WriteString(`"`)
	}
	return template.HTMLAttr(b.String()), nil
}

// validAttrName allows data-*, aria-* and a few harmless attributes, never
// event handlers (on…), style or anything that takes a URL.
func validAttrName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	switch {
	case strings.HasPrefix(name, "data-"), strings.HasPrefix(name, "aria-"):
		return true
	}
	switch name {
	case "autocomplete", "inputmode", "lang", "maxlength", "minlength", "readonly", "required",
		"role", "spellcheck", "tabindex", "title", "translate", "dir", "hidden", "size":
		return true
	}
	return false
}

// capitalise upper-cases the first letter: "day" → "Day".
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// itemID is the id of the i-th (from 0) radio or checkbox: the first is
// just the prefix, so the error summary can link to it; then "-2", "-3" …
func itemID(prefix string, i int) string {
	if i == 0 {
		return prefix
	}
	return prefix + "-" + strconv.Itoa(i+1)
}

// datePart returns one box of a date input's value: v is a DateInput,
// *DateInput or a map keyed "day", "month" and "year".
func datePart(v any, part string) string {
	var d DateInput
	switch x := v.(type) {
	case DateInput:
		d = x
	case *DateInput:
		if x != nil {
			d = *x
		}
	case map[string]string:
		return x[part]
	case map[string]any:
		return str(x[part])
	}
	switch part {
	case "day":
		return d.Day
	case "month":
		return d.Month
	case "year":
		return d.Year
	}
	return ""
}
