package people

import (
	"slices"
	"strings"
)

// The formats of written information a person may need, as the Accessible Information Standard asks councils to
// record and meet. Each is a code stored on the person.
const (
	EasyRead   = "easy_read"   // short sentences, one idea a line, plain words
	LargePrint = "large_print" // larger type
)

// InformationFormatChoice is one format as forms offer it.
type InformationFormatChoice struct{ Code, Label, Hint string }

// InformationFormatChoices are the formats, in the order forms offer them.
var InformationFormatChoices = []InformationFormatChoice{
	{EasyRead, "Easy Read", "Short sentences, one idea on each line, plain words"},
	{LargePrint, "Large print", "Larger type: at least 16 point when printed"},
}

// InformationFormatLabel is a format as staff read it.
func InformationFormatLabel(code string) string {
	for _, c := range InformationFormatChoices {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// ValidInformationFormats reports whether every code is a format, each at most once.
func ValidInformationFormats(codes []string) bool {
	for i, code := range codes {
		if !slices.ContainsFunc(InformationFormatChoices, func(c InformationFormatChoice) bool { return c.Code == code }) ||
			slices.Contains(codes[:i], code) {
			return false
		}
	}
	return true
}

// Needs reports whether the person needs written information in format (EasyRead or LargePrint).
func (p Person) Needs(format string) bool { return slices.Contains(p.InformationFormats, format) }

// joinFormats stores formats in the order forms offer them, joined by commas.
func joinFormats(codes []string) string {
	var out []string
	for _, c := range InformationFormatChoices {
		if slices.Contains(codes, c.Code) {
			out = append(out, c.Code)
		}
	}
	return strings.Join(out, ",")
}

// InformationFormatsText is the formats the person needs, as staff read them, or "Standard print".
func (p Person) InformationFormatsText() string {
	if len(p.InformationFormats) == 0 {
		return "Standard print"
	}
	labels := make([]string, len(p.InformationFormats))
	for i, code := range p.InformationFormats {
		labels[i] = InformationFormatLabel(code)
	}
	return strings.Join(labels, " and ")
}
