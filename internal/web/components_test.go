package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The partials in templates/govuk are compared with GOV.UK Frontend's own
// reference HTML: each component's fixtures.json holds the Nunjucks macro's
// options and the HTML they produce. Each converter below turns a fixture's
// options into the partial's arguments, and gives up (the fixture is not
// compared) when the fixture uses an option the partial does not offer.

// frontendDir is where `npm ci` puts GOV.UK Frontend, from this package.
var frontendDir = filepath.Join("..", "..", "node_modules", "govuk-frontend", "dist", "govuk", "components")

type fixture struct {
	Name    string         `json:"name"`
	Options map[string]any `json:"options"`
	HTML    string         `json:"html"`
}

func loadFixtures(t *testing.T, component string) []fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(frontendDir, component, "fixtures.json"))
	if err != nil {
		testenv.Missing(t, fmt.Sprintf("GOV.UK Frontend fixtures are missing (run npm ci): %v", err),
			fmt.Sprintf("GOV.UK Frontend is not installed (run make assets): %v", err))
	}
	var f struct {
		Fixtures []fixture `json:"fixtures"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("read %s fixtures: %v", component, err)
	}
	return f.Fixtures
}

// opts reads a fixture's options as dotted paths ("label.text") and
// remembers which it used, so a fixture with options left over is skipped.
type opts struct {
	flat map[string]any
	used map[string]bool
	bad  string // why the fixture cannot be converted
	html string // the fixture's HTML, to see the order of extra attributes
}

func newOpts(m map[string]any) *opts {
	o := &opts{flat: map[string]any{}, used: map[string]bool{}}
	if len(m) > 0 {
		flatten("", m, o.flat)
	}
	return o
}

func flatten(prefix string, v any, out map[string]any) {
	if m, ok := v.(map[string]any); ok && len(m) > 0 {
		for k, x := range m {
			if prefix != "" {
				k = prefix + "." + k
			}
			flatten(k, x, out)
		}
		return
	}
	out[prefix] = v
}

func (o *opts) take(key string) (any, bool) {
	v, ok := o.flat[key]
	if ok {
		o.used[key] = true
	}
	return v, ok
}

// set copies an option to args under name, if it is there.
func (o *opts) set(args map[string]any, name, key string) {
	if v, ok := o.take(key); ok {
		args[name] = toArg(v)
	}
}

// text copies key.text, or key.html as template.HTML, to args under name.
// base "" means the top-level text and html options.
func (o *opts) text(args map[string]any, name, base string) {
	t, h := "text", "html"
	if base != "" {
		t, h = base+".text", base+".html"
	}
	if v, ok := o.take(h); ok && v != nil && v != false && v != "" {
		args[name] = template.HTML(fmt.Sprint(v))
		o.used[t] = true
		return
	}
	o.set(args, name, t)
}

// attributes copies attributes.* to args["Attributes"].
func (o *opts) attributes(args map[string]any, base string) {
	m := map[string]string{}
	prefix := "attributes."
	if base != "" {
		prefix = base + ".attributes."
	}
	for k, v := range o.flat {
		if name, ok := strings.CutPrefix(k, prefix); ok {
			o.used[k] = true
			if !validAttrName(name) || strings.Contains(name, ".") {
				o.bad = "attribute " + name
			}
			m[name] = fmt.Sprint(v)
		}
	}
	if len(m) > 0 {
		args["Attributes"] = m
	}
	// attrs writes extra attributes in name order; JSON objects lose the
	// order the fixture used, so a fixture with them in another order is
	// not compared.
	if len(m) > 1 && o.html != "" {
		names := slices.Sorted(maps.Keys(m))
		last := -1
		for _, name := range names {
			i := strings.Index(o.html, " "+name+"=")
			if i < last {
				o.bad = "attributes not in name order"
			}
			last = i
		}
	}
}

func (o *opts) list(key string) []any {
	v, _ := o.take(key)
	l, _ := v.([]any)
	return l
}

func (o *opts) leftovers() []string {
	var left []string
	for k := range o.flat {
		if !o.used[k] {
			left = append(left, k)
		}
	}
	slices.Sort(left)
	return left
}

// toArg turns JSON numbers into the ints or strings partials expect.
func toArg(v any) any {
	if f, ok := v.(float64); ok && f == math.Trunc(f) {
		return int(f)
	}
	return v
}

func strOf(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(toArg(v))
}

// formField handles the options shared by input, textarea, select and
// character count.
func formField(o *opts, args map[string]any) {
	o.set(args, "Name", "name")
	if _, ok := o.flat["id"]; ok {
		o.set(args, "ID", "id")
	} else {
		args["ID"] = strOf(o.flat["name"])
	}
	o.text(args, "Label", "label")
	o.set(args, "LabelClasses", "label.classes")
	o.set(args, "IsPageHeading", "label.isPageHeading")
	o.text(args, "Hint", "hint")
	o.text(args, "Error", "errorMessage")
	o.set(args, "Classes", "classes")
	o.set(args, "FormGroupClasses", "formGroup.classes")
	o.set(args, "DescribedBy", "describedBy")
	o.attributes(args, "")
}

// convertItem turns a radios, checkboxes or select item into an Item.
func convertItem(v any, o *opts) (Item, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		o.bad = "falsy item"
		return Item{}, false
	}
	io := newOpts(m)
	var it Item
	if v, ok := io.take("value"); ok {
		if v == false || v == nil {
			o.bad = "falsy value"
		}
		it.Value = strOf(v)
	} else if _, hasDivider := m["divider"]; !hasDivider {
		o.bad = "item without value"
	}
	if v, ok := io.take("html"); ok {
		it.HTML = template.HTML(fmt.Sprint(v))
	}
	if v, ok := io.take("text"); ok {
		it.Text = strOf(v)
	}
	if v, ok := io.take("hint.text"); ok {
		it.Hint = strOf(v)
	}
	if v, ok := io.take("id"); ok {
		it.ID = strOf(v)
	}
	if v, ok := io.take("name"); ok {
		it.Name = strOf(v)
	}
	for _, k := range []string{"checked", "selected"} {
		if v, ok := io.take(k); ok {
			if v != true {
				o.bad = "explicit " + k + " false"
			}
			it.Checked = true
		}
	}
	if v, ok := io.take("disabled"); ok {
		it.Disabled = v == true
	}
	if v, ok := io.take("divider"); ok {
		it.Divider = strOf(v)
	}
	if v, ok := io.take("conditional.html"); ok {
		if v == false {
			o.bad = "empty conditional"
		}
		it.Conditional = template.HTML(strOf(v))
	}
	if v, ok := io.take("behaviour"); ok {
		if v != "exclusive" {
			o.bad = "behaviour"
		}
		it.Exclusive = true
	}
	if v, ok := io.take("label.classes"); ok {
		it.LabelClasses = strOf(v)
	}
	attrs := map[string]any{}
	io.attributes(attrs, "")
	if a, ok := attrs["Attributes"].(map[string]string); ok {
		it.Attributes = a
	}
	if io.bad != "" {
		o.bad = io.bad
	}
	if left := io.leftovers(); len(left) > 0 {
		o.bad = "item option " + strings.Join(left, ", ")
	}
	return it, o.bad == ""
}

func convertItems(o *opts, key string) []Item {
	var out []Item
	for _, v := range o.list(key) {
		if it, ok := convertItem(v, o); ok {
			out = append(out, it)
		}
	}
	return out
}

// choices handles radios and checkboxes.
func choices(o *opts, args map[string]any, valuesKey, valuesArg string) {
	o.set(args, "Name", "name")
	if _, ok := o.flat["idPrefix"]; ok {
		o.set(args, "IDPrefix", "idPrefix")
	} else {
		args["IDPrefix"] = strOf(o.flat["name"])
	}
	args["Items"] = convertItems(o, "items")
	o.set(args, valuesArg, valuesKey)
	if vs, ok := args[valuesArg].([]any); ok {
		var s []string
		for _, v := range vs {
			s = append(s, strOf(v))
		}
		args[valuesArg] = s
	}
	legend(o, args)
	o.text(args, "Hint", "hint")
	o.text(args, "Error", "errorMessage")
	o.set(args, "Classes", "classes")
	o.set(args, "FormGroupClasses", "formGroup.classes")
	_, top := o.flat["describedBy"]
	_, fs := o.flat["fieldset.describedBy"]
	if top && fs {
		o.bad = "two describedBy"
	}
	o.set(args, "DescribedBy", "describedBy")
	o.set(args, "DescribedBy", "fieldset.describedBy")
	o.attributes(args, "")
}

func legend(o *opts, args map[string]any) {
	o.text(args, "Legend", "fieldset.legend")
	o.set(args, "LegendClasses", "fieldset.legend.classes")
	o.set(args, "IsPageHeading", "fieldset.legend.isPageHeading")
	_, hasFieldset := o.flat["fieldset.legend.text"]
	_, hasFieldsetHTML := o.flat["fieldset.legend.html"]
	for k := range o.flat {
		if strings.HasPrefix(k, "fieldset") && !hasFieldset && !hasFieldsetHTML {
			o.bad = "fieldset without legend"
		}
	}
}

func summaryAction(v any, o *opts) Action {
	m, _ := v.(map[string]any)
	ao := newOpts(m)
	var a Action
	if v, ok := ao.take("href"); ok {
		a.Href = strOf(v)
	}
	if v, ok := ao.take("text"); ok {
		a.Text = strOf(v)
	}
	if v, ok := ao.take("visuallyHiddenText"); ok {
		a.VisuallyHiddenText = strOf(v)
	}
	if v, ok := ao.take("classes"); ok {
		a.Classes = strOf(v)
	}
	if left := ao.leftovers(); len(left) > 0 {
		o.bad = "action option " + strings.Join(left, ", ")
	}
	return a
}

func tableCell(v any, o *opts) TableCell {
	m, _ := v.(map[string]any)
	co := newOpts(m)
	var c TableCell
	if v, ok := co.take("html"); ok {
		c.Text = template.HTML(strOf(v))
	}
	if v, ok := co.take("text"); ok {
		c.Text = strOf(v)
	}
	if v, ok := co.take("format"); ok {
		c.Format = strOf(v)
	}
	if v, ok := co.take("classes"); ok {
		c.Classes = strOf(v)
	}
	if v, ok := co.take("colspan"); ok {
		c.Colspan, _ = toArg(v).(int)
	}
	if v, ok := co.take("rowspan"); ok {
		c.Rowspan, _ = toArg(v).(int)
	}
	if left := co.leftovers(); len(left) > 0 {
		o.bad = "cell option " + strings.Join(left, ", ")
	}
	return c
}

// fixtureErr is an error summary entry with any href, as fixtures use.
type fixtureErr struct{ href, text string }

func (e fixtureErr) Href() string    { return e.href }
func (e fixtureErr) Message() string { return e.text }

func pageLink(o *opts, key string) *PageLink {
	var l PageLink
	found := false
	for _, f := range []struct {
		k   string
		dst *string
	}{{"href", &l.Href}, {"text", &l.Text}, {"labelText", &l.LabelText}} {
		if v, ok := o.take(key + "." + f.k); ok {
			*f.dst = strOf(v)
			found = true
		}
	}
	if !found {
		return nil
	}
	return &l
}

// converters turn fixture options into partial arguments, per component.
var converters = map[string]func(o *opts) map[string]any{
	"label": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Text", "")
		o.set(args, "For", "for")
		o.set(args, "Classes", "classes")
		o.set(args, "IsPageHeading", "isPageHeading")
		o.attributes(args, "")
		return args
	},
	"hint": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Text", "")
		o.set(args, "ID", "id")
		o.set(args, "Classes", "classes")
		o.attributes(args, "")
		return args
	},
	"error-message": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Text", "")
		o.set(args, "ID", "id")
		o.set(args, "Classes", "classes")
		if v, ok := o.take("visuallyHiddenText"); ok {
			if v == false || v == "" {
				o.bad = "no visually hidden text"
			}
			args["VisuallyHiddenText"] = v
		}
		o.attributes(args, "")
		return args
	},
	"fieldset": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Legend", "legend")
		o.set(args, "LegendClasses", "legend.classes")
		o.set(args, "IsPageHeading", "legend.isPageHeading")
		o.set(args, "Classes", "classes")
		o.set(args, "Role", "role")
		o.set(args, "DescribedBy", "describedBy")
		if v, ok := o.take("html"); ok {
			args["Content"] = template.HTML(strOf(v))
		}
		o.attributes(args, "")
		return args
	},
	"input": func(o *opts) map[string]any {
		args := map[string]any{}
		formField(o, args)
		for name, key := range map[string]string{"Type": "type", "Value": "value", "Autocomplete": "autocomplete",
			"Autocapitalize": "autocapitalize", "Inputmode": "inputmode", "Pattern": "pattern",
			"Spellcheck": "spellcheck", "Disabled": "disabled", "Prefix": "prefix.text", "Suffix": "suffix.text"} {
			o.set(args, name, key)
		}
		return args
	},
	"textarea": func(o *opts) map[string]any {
		args := map[string]any{}
		formField(o, args)
		for name, key := range map[string]string{"Value": "value", "Rows": "rows", "Autocomplete": "autocomplete",
			"Spellcheck": "spellcheck", "Disabled": "disabled"} {
			o.set(args, name, key)
		}
		return args
	},
	"character-count": func(o *opts) map[string]any {
		args := map[string]any{}
		formField(o, args)
		if _, ok := args["DescribedBy"]; ok {
			o.bad = "describedBy"
		}
		for name, key := range map[string]string{"Value": "value", "Rows": "rows", "Spellcheck": "spellcheck",
			"MaxLength": "maxlength", "MaxWords": "maxwords", "Threshold": "threshold"} {
			o.set(args, name, key)
		}
		return args
	},
	"select": func(o *opts) map[string]any {
		args := map[string]any{}
		formField(o, args)
		args["Items"] = convertItems(o, "items")
		o.set(args, "Value", "value")
		o.set(args, "Disabled", "disabled")
		return args
	},
	"radios": func(o *opts) map[string]any {
		args := map[string]any{}
		choices(o, args, "value", "Value")
		return args
	},
	"checkboxes": func(o *opts) map[string]any {
		args := map[string]any{}
		choices(o, args, "values", "Values")
		return args
	},
	"date-input": func(o *opts) map[string]any {
		args := map[string]any{}
		if _, ok := o.flat["id"]; !ok {
			o.bad = "no id"
		}
		o.set(args, "ID", "id")
		o.set(args, "Name", "namePrefix")
		prefix := ""
		if n, ok := args["Name"].(string); ok && n != "" {
			prefix = n + "-"
		}
		values := map[string]string{}
		for _, part := range []string{"day", "month", "year"} {
			if v, ok := o.take("values." + prefix + part); ok {
				values[part] = strOf(v)
			}
		}
		if len(values) > 0 {
			args["Value"] = values
		}
		parts := []string{"day", "month", "year"}
		var errorParts, notError []string
		for _, part := range []string{"day", "month", "year"} {
			if v, ok := o.take(part); ok {
				if v == false {
					parts = slices.DeleteFunc(parts, func(p string) bool { return p == part })
				} else {
					o.bad = "custom " + part
				}
			}
			if v, ok := o.take(part + ".error"); ok {
				if v == true {
					errorParts = append(errorParts, part)
				} else {
					notError = append(notError, part)
				}
			}
		}
		if items := o.list("items"); items != nil {
			parts = nil
			for _, v := range items {
				m, _ := v.(map[string]any)
				name, _ := m["name"].(string)
				width := "govuk-input--width-2"
				if name == "year" {
					width = "govuk-input--width-4"
				}
				if !slices.Contains([]string{"day", "month", "year"}, name) || m["classes"] != width {
					o.bad = "custom items"
				}
				for k := range m {
					if k != "name" && k != "classes" && k != "error" {
						o.bad = "item option " + k
					}
				}
				parts = append(parts, name)
				switch m["error"] {
				case true:
					errorParts = append(errorParts, name)
				case false:
					notError = append(notError, name)
				}
			}
		}
		if len(parts) != 3 {
			args["Parts"] = parts
		}
		legend(o, args)
		o.text(args, "Hint", "hint")
		o.text(args, "Error", "errorMessage")
		if len(errorParts) == 0 && len(notError) > 0 {
			// Boxes marked error: false are left out; the rest are highlighted.
			for _, p := range parts {
				if !slices.Contains(notError, p) {
					errorParts = append(errorParts, p)
				}
			}
		}
		if len(errorParts) > 0 {
			if args["Error"] == nil {
				o.bad = "highlighted boxes without a message"
			}
			args["ErrorParts"] = errorParts
		}
		o.set(args, "Classes", "classes")
		o.set(args, "FormGroupClasses", "formGroup.classes")
		o.attributes(args, "")
		return args
	},
	"error-summary": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Title", "title")
		o.set(args, "Title", "titleText")
		if v, ok := o.take("titleHtml"); ok {
			args["Title"] = template.HTML(strOf(v))
		}
		o.set(args, "Description", "descriptionText")
		if v, ok := o.take("descriptionHtml"); ok {
			args["Description"] = template.HTML(strOf(v))
		}
		var errs []fixtureErr
		for _, v := range o.list("errorList") {
			m, _ := v.(map[string]any)
			for k := range m {
				if k != "href" && k != "text" {
					o.bad = "error list option " + k
				}
			}
			errs = append(errs, fixtureErr{href: strOf(m["href"]), text: strOf(m["text"])})
		}
		if errs != nil {
			args["Errors"] = errs
		}
		o.set(args, "Classes", "classes")
		o.set(args, "DisableAutoFocus", "disableAutoFocus")
		o.attributes(args, "")
		return args
	},
	"summary-list": func(o *opts) map[string]any {
		args := map[string]any{}
		var rows []SummaryRow
		for _, v := range o.list("rows") {
			m, ok := v.(map[string]any)
			if !ok {
				o.bad = "falsy row"
				continue
			}
			ro := newOpts(m)
			r := map[string]any{}
			ro.text(r, "Key", "key")
			ro.text(r, "Value", "value")
			row := SummaryRow{Key: r["Key"], Value: r["Value"]}
			if v, ok := ro.take("key.classes"); ok {
				row.KeyClasses = strOf(v)
			}
			if v, ok := ro.take("value.classes"); ok {
				row.ValueClasses = strOf(v)
			}
			if v, ok := ro.take("actions.classes"); ok {
				row.ActionsClasses = strOf(v)
			}
			if v, ok := ro.take("classes"); ok {
				row.Classes = strOf(v)
			}
			for _, a := range ro.list("actions.items") {
				row.Actions = append(row.Actions, summaryAction(a, o))
			}
			if left := ro.leftovers(); len(left) > 0 {
				o.bad = "row option " + strings.Join(left, ", ")
			}
			rows = append(rows, row)
		}
		args["Rows"] = rows
		o.set(args, "Classes", "classes")
		o.text(args, "CardTitle", "card.title")
		o.set(args, "CardHeadingLevel", "card.title.headingLevel")
		o.set(args, "CardClasses", "card.classes")
		var actions []Action
		for _, a := range o.list("card.actions.items") {
			actions = append(actions, summaryAction(a, o))
		}
		if actions != nil {
			args["CardActions"] = actions
		}
		o.attributes(args, "")
		return args
	},
	"button": func(o *opts) map[string]any {
		args := map[string]any{}
		o.text(args, "Text", "")
		if _, ok := args["Text"].(template.HTML); ok && o.flat["isStartButton"] == true {
			o.bad = "start button with html"
		}
		for name, key := range map[string]string{"Href": "href", "Type": "type", "Name": "name", "Value": "value",
			"ID": "id", "Classes": "classes", "Disabled": "disabled", "PreventDoubleClick": "preventDoubleClick",
			"IsStartButton": "isStartButton"} {
			o.set(args, name, key)
		}
		o.attributes(args, "")
		return args
	},
	"notification-banner": func(o *opts) map[string]any {
		args := map[string]any{}
		o.set(args, "Title", "titleText")
		if v, ok := o.take("titleHtml"); ok {
			args["Title"] = template.HTML(strOf(v))
		}
		if v, ok := o.take("html"); ok {
			args["HTML"] = template.HTML(strOf(v))
		}
		for name, key := range map[string]string{"Type": "type", "TitleID": "titleId", "TitleHeadingLevel": "titleHeadingLevel",
			"Text": "text", "Role": "role", "Classes": "classes", "DisableAutoFocus": "disableAutoFocus"} {
			o.set(args, name, key)
		}
		o.attributes(args, "")
		return args
	},
	"table": func(o *opts) map[string]any {
		args := map[string]any{}
		var head []TableCell
		for _, c := range o.list("head") {
			head = append(head, tableCell(c, o))
		}
		if head != nil {
			args["Head"] = head
		}
		var rows [][]TableCell
		for _, r := range o.list("rows") {
			cells, ok := r.([]any)
			if !ok {
				o.bad = "falsy row"
				continue
			}
			var row []TableCell
			for _, c := range cells {
				row = append(row, tableCell(c, o))
			}
			rows = append(rows, row)
		}
		args["Rows"] = rows
		for name, key := range map[string]string{"Caption": "caption", "CaptionClasses": "captionClasses",
			"FirstCellIsHeader": "firstCellIsHeader", "Classes": "classes"} {
			o.set(args, name, key)
		}
		o.attributes(args, "")
		return args
	},
	"tag":          simple("Text", "", "Classes", "classes"),
	"back-link":    simple("Text", "", "Href", "href", "Classes", "classes"),
	"inset-text":   simple("Text", "", "ID", "id", "Classes", "classes"),
	"warning-text": simple("Text", "", "IconFallbackText", "iconFallbackText", "Classes", "classes"),
	"skip-link":    simple("Text", "", "Href", "href", "Classes", "classes"),
	"details": func(o *opts) map[string]any {
		args := simple("Text", "", "ID", "id", "Classes", "classes", "Open", "open")(o)
		o.set(args, "Summary", "summaryText")
		if v, ok := o.take("summaryHtml"); ok {
			args["Summary"] = template.HTML(strOf(v))
		}
		return args
	},
	"generic-header": func(o *opts) map[string]any {
		args := simple("URL", "url", "Classes", "classes", "ContainerClasses", "containerClasses")(o)
		o.set(args, "Logo", "logoText")
		if v, ok := o.take("logoHtml"); ok {
			args["Logo"] = template.HTML(strOf(v))
		}
		return args
	},
	"pagination": func(o *opts) map[string]any {
		args := simple("LandmarkLabel", "landmarkLabel", "Classes", "classes")(o)
		if l := pageLink(o, "previous"); l != nil {
			args["Previous"] = l
		}
		if l := pageLink(o, "next"); l != nil {
			args["Next"] = l
		}
		var items []PageItem
		for _, v := range o.list("items") {
			m, _ := v.(map[string]any)
			if len(m) == 0 {
				continue // Nunjucks leaves out empty items
			}
			var it PageItem
			for k, x := range m {
				switch k {
				case "number":
					n, ok := toArg(x).(int)
					if !ok {
						o.bad = "number " + strOf(x)
					}
					it.Number = n
				case "href":
					it.Href = strOf(x)
				case "current":
					it.Current = x == true
				case "ellipsis":
					it.Ellipsis = x == true
				case "visuallyHiddenText":
					it.VisuallyHiddenText = strOf(x)
				default:
					o.bad = "item option " + k
				}
			}
			items = append(items, it)
		}
		if items != nil {
			args["Items"] = items
		}
		return args
	},
	"service-navigation": func(o *opts) map[string]any {
		args := simple("ServiceName", "serviceName", "ServiceURL", "serviceUrl", "AriaLabel", "ariaLabel",
			"MenuButtonText", "menuButtonText", "MenuButtonLabel", "menuButtonLabel", "NavigationLabel", "navigationLabel",
			"NavigationID", "navigationId", "NavigationClasses", "navigationClasses",
			"CollapseNavigationOnMobile", "collapseNavigationOnMobile", "Classes", "classes")(o)
		var nav []NavItem
		for _, v := range o.list("navigation") {
			m, ok := v.(map[string]any)
			if !ok {
				o.bad = "falsy navigation item"
				continue
			}
			var it NavItem
			for k, x := range m {
				switch k {
				case "text":
					it.Text = strOf(x)
				case "href":
					it.Href = strOf(x)
				case "current":
					it.Current = x == true
				case "active":
					it.Active = x == true
				default:
					o.bad = "navigation option " + k
				}
			}
			nav = append(nav, it)
		}
		if nav != nil {
			args["Items"] = nav
		}
		for name, key := range map[string]string{"Start": "slots.start", "NavigationStart": "slots.navigationStart",
			"NavigationEnd": "slots.navigationEnd"} {
			if v, ok := o.take(key); ok {
				args[name] = template.HTML(strOf(v))
			}
		}
		if v, ok := o.take("slots.end"); ok {
			args["End"] = template.HTML(strOf(v))
		}
		if v, ok := o.take("slots.end.html"); ok {
			args["End"] = template.HTML(strOf(v))
		}
		if v, ok := o.take("slots.end.align"); ok {
			args["EndInline"] = v == "inline"
		}
		return args
	},
}

// simple converts a component whose options map one to one: pairs of
// argument name and option key ("" for text/html).
func simple(pairs ...string) func(o *opts) map[string]any {
	return func(o *opts) map[string]any {
		args := map[string]any{}
		for i := 0; i < len(pairs); i += 2 {
			if pairs[i+1] == "" {
				o.text(args, pairs[i], "")
			} else {
				o.set(args, pairs[i], pairs[i+1])
			}
		}
		o.attributes(args, "")
		return args
	}
}

// mustCompare lists fixtures that must be converted and compared, so a
// converter that starts skipping everything fails instead of passing.
var mustCompare = map[string][]string{
	"input":               {"default", "with hint text", "with error message", "with error and hint", "with label as page heading", "with prefix and suffix and error", "with autocomplete attribute", "zero value"},
	"radios":              {"default", "with hint", "inline", "with legend as page heading", "with a divider", "with hints on items", "without fieldset", "with fieldset and error message", "with conditional item checked"},
	"date-input":          {"default", "with values and name prefix", "with error message and hint", "with error on day input", "with error on month input", "with error on year input", "month and year"},
	"error-summary":       {"default", "without links", "mixed with and without links", "with description only", "with everything"},
	"summary-list":        {"default", "with actions", "no-border", "as a summary card with a text header", "as a summary card with actions", "as a summary card with actions plus summary list actions"},
	"checkboxes":          {"default", "with hint", "with error message"},
	"select":              {"default", "with hint text and error message"},
	"textarea":            {"default", "with error message", "with default value"},
	"character-count":     {"default", "with hint and error"},
	"service-navigation":  {"with navigation with a current item", "with service name and navigation", "with `inline` end slot"},
	"generic-header":      {"default", "with text and image logo"},
	"button":              {"default", "link", "start", "secondary", "warning"},
	"notification-banner": {"default", "with type as success"},
	"table":               {"default", "with head", "with firstCellIsHeader true"},
	"pagination":          {"default", "with many pages", "with prev and next only and labels"},
}

// minCompared is the fewest fixtures of each component that must match.
const minCompared = 3

func TestPartialsMatchGOVUKFrontend(t *testing.T) {
	t.Parallel()
	tmpl := mustTemplates(t)
	set := tmpl.pages["errors/404.html"]
	for _, component := range slices.Sorted(maps.Keys(converters)) {
		t.Run(component, func(t *testing.T) {
			fixtures := loadFixtures(t, component)
			compared := map[string]bool{}
			var skipped []string
			for _, f := range fixtures {
				o := newOpts(f.Options)
				o.html = f.HTML
				args := converters[component](o)
				if left := o.leftovers(); len(left) > 0 || o.bad != "" {
					skipped = append(skipped, fmt.Sprintf("%q (%s%s)", f.Name, o.bad, strings.Join(left, ", ")))
					continue
				}
				compared[f.Name] = true
				t.Run(f.Name, func(t *testing.T) {
					var b bytes.Buffer
					if err := set.ExecuteTemplate(&b, "govuk/"+component, args); err != nil {
						t.Fatalf("render: %v", err)
					}
					want, got := normaliseHTML(f.HTML), normaliseHTML(b.String())
					if diff := cmp.Diff(splitTags(want), splitTags(got)); diff != "" {
						t.Errorf("govuk/%s differs from GOV.UK Frontend's %q fixture (-want +got):\n%s", component, f.Name, diff)
					}
				})
			}
			for _, name := range mustCompare[component] {
				if !compared[name] {
					t.Errorf("fixture %q was not compared", name)
				}
			}
			if len(compared) < minCompared {
				t.Errorf("only %d fixtures compared", len(compared))
			}
			t.Logf("compared %d of %d fixtures; not compared (options the partial does not offer): %s",
				len(compared), len(fixtures), strings.Join(skipped, "; "))
		})
	}
}

var (
	tagRE        = regexp.MustCompile(`<[^>]*>`)
	spaceRE      = regexp.MustCompile(`\s+`)
	spaceCloseRE = regexp.MustCompile(`\s+(/?>)`)
)

// normaliseHTML removes the differences in whitespace that do not change
// what the HTML means: indentation (whitespace with a line break) after an
// opening tag, before a closing tag and between tags is removed, other runs
// of whitespace become one space, and entities are written one way.
// Whitespace without a line break is kept, so a missing space such as
// "Error:</span> Enter a name" is still caught.
func normaliseHTML(s string) string {
	s = strings.NewReplacer("&#34;", "&quot;", "&#43;", "+", "&#39;", "&#39;").Replace(s)
	var b strings.Builder
	locs := tagRE.FindAllStringIndex(s, -1)
	prev := 0
	isClosing := func(tag string) bool { return strings.HasPrefix(tag, "</") }
	prevTag := ""
	for i, loc := range append(locs, []int{len(s), len(s)}) {
		text := s[prev:loc[0]]
		nextTag := ""
		if i < len(locs) {
			nextTag = s[loc[0]:loc[1]]
		}
		// Leading indentation after an opening tag, and trailing indentation
		// before a closing tag (or another opening tag), is not content.
		if lead := len(text) - len(strings.TrimLeft(text, " \t\r\n")); lead > 0 && strings.ContainsAny(text[:lead], "\n") {
			if prevTag == "" || !isClosing(prevTag) || strings.TrimSpace(text) == "" {
				text = text[lead:]
			}
		}
		if trimmed := strings.TrimRight(text, " \t\r\n"); len(trimmed) < len(text) && strings.ContainsAny(text[len(trimmed):], "\n") {
			if nextTag == "" || isClosing(nextTag) || strings.TrimSpace(text) == "" {
				text = trimmed
			}
		}
		b.WriteString(spaceRE.ReplaceAllString(text, " "))
		if i < len(locs) {
			tag := spaceCloseRE.ReplaceAllString(spaceRE.ReplaceAllString(nextTag, " "), "$1")
			b.WriteString(tag)
			prevTag = tag
		}
		prev = loc[1]
	}
	return strings.TrimSpace(b.String())
}

// splitTags puts each tag on its own line, so a diff points at the tag.
func splitTags(s string) []string {
	return strings.Split(strings.ReplaceAll(s, "<", "\n<"), "\n")
}

func TestNormaliseHTML(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"<label for=\"x\">\n  Name\n</label>", `<label for="x">Name</label>`},
		{"<p>\n  <span>Error:</span> Enter a name\n</p>", `<p><span>Error:</span> Enter a name</p>`},
		{"<strong>\n  <span>Warning</span>\n  You can be fined\n</strong>", `<strong><span>Warning</span> You can be fined</strong>`},
		{"<a href=\"#\">Edit<span class=\"x\"> name</span></a>", `<a href="#">Edit<span class="x"> name</span></a>`},
		{"<ul id=\"n\" >\n\n  <li>a</li>\n  <li>b</li>\n</ul>", `<ul id="n"><li>a</li><li>b</li></ul>`},
		{"<div class=\"a\"\ndata-x=\"y\"\n>", `<div class="a" data-x="y">`},
	}
	for _, tt := range tests {
		if got := normaliseHTML(tt.in); got != tt.want {
			t.Errorf("normaliseHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func mustTemplates(t testing.TB, pageFS ...fs.FS) *Templates {
	t.Helper()
	tm, err := NewTemplates(discardLogger(), pageFS...)
	if err != nil {
		t.Fatalf("NewTemplates: %v", err)
	}
	return tm
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
