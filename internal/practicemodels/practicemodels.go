// Package practicemodels holds the council's practice models: the headings, with their prompts, that a conversation
// with a person is recorded under. Two are built in and offered to every council, MASOSS with the ROPES prompts (the
// default) and Three Conversations; a council's quality lead may change their prompts, add a model of the council's
// own (local area coordination, say) and choose the council's model. Each conversation records the model and the
// model's version it was recorded under, so that it stays readable under its own headings after any change.
package practicemodels

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// The keys of the built-in models. A built-in model's id in every council is its key.
const (
	MASOSS             = "masoss"
	ThreeConversations = "three-conversations"
)

// Heading is one heading a conversation is recorded under: a key the record keeps its section under, the label
// staff read, and the prompt shown under it as hint text (a prompt only: nothing under a heading is required).
type Heading struct {
	Key    string
	Label  string
	Prompt string
}

// Model is a practice model as it stands at Version.
type Model struct {
	ID          string
	Builtin     string // the built-in model's key, or "" for a model the council added
	Name        string
	Description string
	Source      string // where the model comes from: its authors, a publication, the council's own
	Headings    []Heading
	Version     int
	CreatedAt   time.Time
	CreatedBy   string
	UpdatedAt   time.Time
	UpdatedBy   string
}

// Heading returns the model's heading with key, and whether it has one.
func (m Model) Heading(key string) (Heading, bool) {
	for _, h := range m.Headings {
		if h.Key == key {
			return h, true
		}
	}
	return Heading{}, false
}

// Keys are the model's heading keys in order.
func (m Model) Keys() []string {
	out := make([]string, len(m.Headings))
	for i, h := range m.Headings {
		out[i] = h.Key
	}
	return out
}

// Choice is one choice of the council's model: who chose which model, when and why.
type Choice struct {
	ID           string
	ModelID      string
	ModelName    string
	Reason       string
	ChosenAt     time.Time
	ChosenBy     string
	ChosenByName string
}

// Limits on what a model holds, in bytes and headings.
const (
	maxName     = 200
	maxText     = 4000
	maxHeadings = 12
)

// keyPattern is what a heading key may be: lower-case letters, digits and underscores, starting with a letter. The
// conversation form names its boxes after the key ("mindset_words"), so a key is also a field name.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Normalise trims what was typed and drops headings left wholly blank (a blank row of the form).
func (m *Model) Normalise() {
	m.Name, m.Description, m.Source = strings.TrimSpace(m.Name), strings.TrimSpace(m.Description), strings.TrimSpace(m.Source)
	var hs []Heading
	for _, h := range m.Headings {
		h.Key, h.Label, h.Prompt = strings.ToLower(strings.TrimSpace(h.Key)), strings.TrimSpace(h.Label), strings.TrimSpace(h.Prompt)
		if h.Key == "" && h.Label == "" && h.Prompt == "" {
			continue
		}
		hs = append(hs, h)
	}
	m.Headings = hs
}

// Validate checks a model: a name; at least one heading, each with a key and a label, no key twice; and for a
// built-in model, the built-in's own headings in its own order, because what reads conversations (the thread, My
// plan, the audits) reads MASOSS's sections by those keys. Its labels and prompts are the council's to change.
func (m Model) Validate() validation.Problems {
	var ps validation.Problems
	switch {
	case m.Name == "":
		ps.Append("name", "Enter the model's name")
	case len(m.Name) > maxName:
		ps.Append("name", "Name must be 200 characters or less")
	}
	if len(m.Description) > maxText {
		ps.Append("description", "Description must be 4,000 characters or less")
	}
	if len(m.Source) > maxText {
		ps.Append("source", "Source must be 4,000 characters or less")
	}
	if len(m.Headings) == 0 {
		ps.Append("headings", "Enter at least one heading")
	}
	if len(m.Headings) > maxHeadings {
		ps.Append("headings", "A model can have up to 12 headings")
	}
	seen := map[string]bool{}
	for i, h := range m.Headings {
		field := headingField(i)
		switch {
		case h.Key == "":
			ps.Append(field+"_key", "Enter a key for heading "+ordinal(i))
		case !keyPattern.MatchString(h.Key):
			ps.Append(field+"_key", "Key of heading "+ordinal(i)+" must start with a letter and have only lower-case letters, numbers and underscores")
		case seen[h.Key]:
			ps.Append(field+"_key", "Key of heading "+ordinal(i)+" is already used by another heading")
		}
		seen[h.Key] = true
		switch {
		case h.Label == "":
			ps.Append(field+"_label", "Enter a label for heading "+ordinal(i))
		case len(h.Label) > maxName:
			ps.Append(field+"_label", "Label of heading "+ordinal(i)+" must be 200 characters or less")
		}
		if len(h.Prompt) > maxText {
			ps.Append(field+"_prompt", "Prompts for heading "+ordinal(i)+" must be 4,000 characters or less")
		}
	}
	if b, ok := Builtin(m.Builtin); ok && strings.Join(m.Keys(), ",") != strings.Join(b.Keys(), ",") {
		ps.Append("headings", "Keep the headings of "+b.Name+": you can change their labels and prompts")
	}
	return ps
}

// headingField is the form's name for the heading at index i ("heading_1").
func headingField(i int) string { return "heading_" + strconv.Itoa(i+1) }

// HeadingField is the form's field for a part of heading i (counting from 0): "key", "label" or "prompt".
func HeadingField(i int, part string) string { return headingField(i) + "_" + part }

func ordinal(i int) string { return strconv.Itoa(i + 1) }

// KeyOf makes a heading key from a label, for a heading added without one: "Build a good life" is
// "build_a_good_life".
func KeyOf(label string) string {
	var b strings.Builder
	underscore := false
	for _, r := range strings.ToLower(strings.TrimSpace(label)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			if underscore && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			underscore = false
		default:
			underscore = true
		}
	}
	key := b.String()
	if len(key) > 40 {
		key = key[:40] // the letters and digits kept are one byte each
	}
	return strings.TrimRight(key, "_")
}
