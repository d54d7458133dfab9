package discovery

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/validation"
)

// WebKind says which cultural web an observation is on: the culture as it is, or as it is to be.
type WebKind string

// The two webs.
const (
	AsIs WebKind = "as_is"
	ToBe WebKind = "to_be"
)

// WebKinds lists the webs in the order they are drawn, as-is on the left.
var WebKinds = []Choice{
	{string(AsIs), "As it is"},
	{string(ToBe), "As it is to be"},
}

// Label is the web as staff read it.
func (k WebKind) Label() string { return labelOf(WebKinds, string(k)) }

// Phrase is the web's label as it reads inside a sentence: "the web as it is to be".
func (k WebKind) Phrase() string { return strings.ToLower(k.Label()) }

// Slug is the web as an address and an element id write it: as-is, to-be.
func (k WebKind) Slug() string { return strings.ReplaceAll(string(k), "_", "-") }

// Element is a part of the cultural web: the paradigm in the centre, or one of the six elements around it.
type Element string

// The paradigm and the six elements (reference standards §10.3).
const (
	Paradigm   Element = "paradigm"
	Stories    Element = "stories"
	Rituals    Element = "rituals"
	Symbols    Element = "symbols"
	Structures Element = "structures"
	Controls   Element = "controls"
	Power      Element = "power"
)

// ElementInfo is an element with its label and what to look at for it.
type ElementInfo struct {
	Element Element
	Label   string
	LookAt  string
}

// Elements lists the paradigm then the six elements, clockwise from the top as the web draws them.
var Elements = []ElementInfo{
	{Paradigm, "Paradigm", "The taken-for-granted assumptions, beliefs and values about what the organisation is and does."},
	{Stories, "Stories", "Past events and people talked about inside and outside the organisation; what they say is valued."},
	{Rituals, "Rituals and routines", "Everyday behaviour and the way things are done here: meetings, forms, induction, hand-offs."},
	{Symbols, "Symbols", "Visible signs: titles, language and jargon, offices, who gets what."},
	{Structures, "Organisational structures", "The formal hierarchy and lines of accountability, and the unwritten lines of influence."},
	{Controls, "Control systems", "What is measured and rewarded: finance, quality, performance indicators, audit."},
	{Power, "Power structures", "Where real decision-making power lies, and what it rests on."},
}

// Info is the element's label and what to look at for it.
func (e Element) Info() ElementInfo {
	for _, x := range Elements {
		if x.Element == e {
			return x
		}
	}
	return ElementInfo{Element: e, Label: string(e)}
}

// Label is the element as staff read it.
func (e Element) Label() string { return e.Info().Label }

func isElement(e Element) bool {
	return slices.ContainsFunc(Elements, func(x ElementInfo) bool { return x.Element == e })
}

// Observation is one observation on a cultural web. On the to-be web it is a change wanted, which the programme's
// actions make.
type Observation struct {
	ID      string
	Web     WebKind
	Element Element
	Text    string
	Source  Source
	// Actions are the programme's actions that make a to-be change, by id, with their titles as read.
	Actions []LinkedAction
	Version int
}

// LinkedAction is one of the programme's actions linked to a to-be change.
type LinkedAction struct {
	ID, Title string
}

// ActionIDs are the ids of the actions linked to the observation.
func (o Observation) ActionIDs() []string {
	out := make([]string, len(o.Actions))
	for i, a := range o.Actions {
		out[i] = a.ID
	}
	return out
}

// Normalise trims what was typed and drops empty and repeated action ids.
func (o *Observation) Normalise() {
	o.Text = strings.TrimSpace(o.Text)
	var actions []LinkedAction
	for _, a := range o.Actions {
		a.ID = strings.TrimSpace(a.ID)
		if a.ID != "" && !slices.ContainsFunc(actions, func(b LinkedAction) bool { return b.ID == a.ID }) {
			actions = append(actions, a)
		}
	}
	o.Actions = actions
}

// Validate says what is wrong with an observation, by form field.
func (o Observation) Validate() validation.Problems {
	var ps validation.Problems
	if !isOneOf(WebKinds, string(o.Web)) {
		ps.Append("web", "Select which web it is on")
	}
	if !isElement(o.Element) {
		ps.Append("element", "Select which part of the web it belongs to")
	}
	checkText(&ps, "observation", o.Text, "Enter the observation", "The observation")
	if !isOneOf(Sources, string(o.Source)) {
		ps.Append("source", "Select where the observation came from")
	}
	if o.Web == AsIs && len(o.Actions) > 0 {
		ps.Append("actions", "Only a change on the to-be web is linked to actions")
	}
	return ps
}

// WebPart is one element of a web with its observations.
type WebPart struct {
	ElementInfo
	Observations []Observation
}

// Web is one cultural web: the paradigm first, then the six elements, each with its observations.
type Web struct {
	Kind  WebKind
	Parts []WebPart
}

// Centre is the paradigm, in the centre of the web.
func (w Web) Centre() WebPart { return w.Parts[0] }

// Around is the six elements around the paradigm.
func (w Web) Around() []WebPart { return w.Parts[1:] }

// Count is how many observations the web holds.
func (w Web) Count() int {
	n := 0
	for _, p := range w.Parts {
		n += len(p.Observations)
	}
	return n
}

// Webs arranges observations into the two webs, as-is then to-be, each with every element in order and the
// observations in the order given.
func Webs(obs []Observation) []Web {
	out := make([]Web, len(WebKinds))
	for i, k := range WebKinds {
		out[i].Kind = WebKind(k.Value)
		for _, e := range Elements {
			part := WebPart{ElementInfo: e}
			for _, o := range obs {
				if o.Web == out[i].Kind && o.Element == e.Element {
					part.Observations = append(part.Observations, o)
				}
			}
			out[i].Parts = append(out[i].Parts, part)
		}
	}
	return out
}

// Gap is something the cultural web still lacks.
type Gap struct {
	Web     WebKind
	Element Element
	// Observation is the to-be change with no action to make it, or "" for an element with no observation.
	Observation string
	Message     string
}

// Gaps says what keeps the cultural web from being complete: every element of both webs, the paradigm with them,
// has at least one observation, and every change on the to-be web is linked to at least one action that makes it.
// A web with no gaps is complete.
func Gaps(obs []Observation) []Gap {
	var out []Gap
	for _, w := range Webs(obs) {
		for _, p := range w.Parts {
			if len(p.Observations) == 0 {
				out = append(out, Gap{Web: w.Kind, Element: p.Element,
					Message: fmt.Sprintf("%s: nothing recorded about %s", w.Kind.Label(), strings.ToLower(p.Label))})
				continue
			}
			if w.Kind != ToBe {
				continue
			}
			for _, o := range p.Observations {
				if len(o.Actions) == 0 {
					out = append(out, Gap{Web: w.Kind, Element: p.Element, Observation: o.ID,
						Message: fmt.Sprintf("%s: no action makes the change “%s”", p.Label, o.Text)})
				}
			}
		}
	}
	return out
}
