// Package discovery holds what a council's implementation programme found and dreamed: the findings of its discovery
// (strengths to preserve and build on, opportunities to improve, each with its source), the vision statement with
// its versions and who co-produced each, the cultural web as it is and as it is to be (Johnson and Scholes: the
// paradigm in the centre and six elements around it) with each wanted change linked to the programme's actions that
// make it, and the stakeholder map with each stakeholder's quarter of the influence and interest grid. These are
// programme records: none of them is about a person who draws on care.
package discovery

import (
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Choice is one value of a closed list with its label, for forms and the API's lists of values.
type Choice struct{ Value, Label string }

// labelOf is the label of value in choices, or value itself when it is not one of them.
func labelOf(choices []Choice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

func isOneOf(choices []Choice, value string) bool {
	return slices.ContainsFunc(choices, func(c Choice) bool { return c.Value == value })
}

// Kind says whether a finding is a strength or an opportunity.
type Kind string

// The kinds of finding.
const (
	Strength    Kind = "strength"
	Opportunity Kind = "opportunity"
)

// Kinds lists the kinds of finding in the order the findings page groups them.
var Kinds = []Choice{
	{string(Strength), "Strengths to preserve and build on"},
	{string(Opportunity), "Opportunities to improve"},
}

// Label is the kind as staff read it.
func (k Kind) Label() string { return labelOf(Kinds, string(k)) }

// Source is where a finding or an observation came from.
type Source string

// The sources.
const (
	Workshop   Source = "workshop"
	FileReview Source = "file_review"
	Survey     Source = "survey"
	Interview  Source = "interview"
	Other      Source = "other"
)

// Sources lists the sources in the order forms offer them.
var Sources = []Choice{
	{string(Workshop), "Workshop"},
	{string(FileReview), "File review"},
	{string(Survey), "Survey"},
	{string(Interview), "Interview"},
	{string(Other), "Other"},
}

// Label is the source as staff read it.
func (s Source) Label() string { return labelOf(Sources, string(s)) }

// Finding is one thing the discovery found.
type Finding struct {
	ID         string
	Kind       Kind
	Text       string
	Source     Source
	FoundOn    sqldb.Date
	Workstream string // the workstream's name, when it belongs to one
	Version    int
}

// MaxText is the longest a finding, an observation or an engagement note may be.
const MaxText = 2000

// Normalise trims what was typed.
func (f *Finding) Normalise() {
	f.Text, f.Workstream = strings.TrimSpace(f.Text), strings.TrimSpace(f.Workstream)
}

// Validate says what is wrong with a finding, by form field.
func (f Finding) Validate() validation.Problems {
	var ps validation.Problems
	if !isOneOf(Kinds, string(f.Kind)) {
		ps.Append("kind", "Select whether it is a strength or an opportunity")
	}
	checkText(&ps, "finding", f.Text, "Enter the finding", "The finding")
	if !isOneOf(Sources, string(f.Source)) {
		ps.Append("source", "Select where the finding came from")
	}
	if f.FoundOn.IsZero() {
		ps.Append("found_on", "Enter when it was found")
	}
	if len(f.Workstream) > 200 {
		ps.Append("workstream", "The workstream must be 200 characters or fewer")
	}
	return ps
}

// checkText adds a problem when text is empty or longer than MaxText.
func checkText(ps *validation.Problems, field, text, empty, what string) {
	switch {
	case text == "":
		ps.Append(field, empty)
	case len(text) > MaxText:
		ps.Append(field, what+" must be 2,000 characters or fewer")
	}
}

// FindingGroup is the findings of one kind.
type FindingGroup struct {
	Kind     Kind
	Findings []Finding
}

// GroupFindings groups findings by kind, strengths first, keeping their order within a kind; a kind with no finding
// is still listed, empty, so that the page says there are none.
func GroupFindings(fs []Finding) []FindingGroup {
	out := make([]FindingGroup, len(Kinds))
	for i, k := range Kinds {
		out[i].Kind = Kind(k.Value)
		for _, f := range fs {
			if f.Kind == out[i].Kind {
				out[i].Findings = append(out[i].Findings, f)
			}
		}
	}
	return out
}
