package apptest

import (
	"html"
	"net/url"
	"regexp"
)

var (
	templateTag = regexp.MustCompile(`(?s)<template.*?</template>`)
	inputTag    = regexp.MustCompile(`<input\b[^>]*>`)
	textareaTag = regexp.MustCompile(`(?s)<textarea\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</textarea>`)
	selectTag   = regexp.MustCompile(`(?s)<select\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</select>`)
	selected    = regexp.MustCompile(`<option value="([^"]*)"[^>]*\bselected`)
	attr        = func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\b` + name + `(?:="([^"]*)")?[\s>/]`).FindStringSubmatch(tag)
		if m == nil {
			return "", false
		}
		return html.UnescapeString(m[1]), true
	}
)

// FormValues are the values a browser would send from the page's form, as the page filled them in: text and
// hidden inputs, ticked boxes, textareas and selected options. Scripts' templates are left out, as browsers do.
func FormValues(page string) url.Values {
	page = templateTag.ReplaceAllString(page, "")
	v := url.Values{}
	for _, tag := range inputTag.FindAllString(page, -1) {
		name, ok := attr(tag, "name")
		if !ok {
			continue
		}
		typ, _ := attr(tag, "type")
		if _, checked := attr(tag, "checked"); (typ == "checkbox" || typ == "radio") && !checked {
			continue
		}
		value, _ := attr(tag, "value")
		v.Add(name, value)
	}
	for _, m := range textareaTag.FindAllStringSubmatch(page, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectTag.FindAllStringSubmatch(page, -1) {
		if o := selected.FindStringSubmatch(m[2]); o != nil {
			v.Add(m[1], html.UnescapeString(o[1]))
		}
	}
	return v
}
