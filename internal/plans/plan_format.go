package plans

import "github.com/golden-thread/goldenthread/internal/people"

// PlanFormat is how My plan is written for the person it belongs to, on the page and in the PDF alike.
type PlanFormat struct {
	// EasyRead: short sentences, one idea on each line, the plan's key facts first.
	EasyRead bool
	// LargePrint: larger type, at least 16 point on paper, the plan's key facts first.
	LargePrint bool
}

// PlanFormatFor decides My plan's format from the person's record: the formats they need written information in
// (people.EasyRead, people.LargePrint). It is the one place the decision is made; the page and the PDF both ask it.
func PlanFormatFor(p people.Person) PlanFormat {
	return PlanFormat{EasyRead: p.Needs(people.EasyRead), LargePrint: p.Needs(people.LargePrint)}
}

// KeyFactsFirst: a plan in an accessible format opens with what matters to the person, their outcomes, who
// supports them and when the plan will be looked at again, before anything else.
func (f PlanFormat) KeyFactsFirst() bool { return f.EasyRead || f.LargePrint }

// Label names the format, as staff and the person read it.
func (f PlanFormat) Label() string {
	switch {
	case f.EasyRead && f.LargePrint:
		return "Easy Read in large print"
	case f.EasyRead:
		return "Easy Read"
	case f.LargePrint:
		return "Large print"
	}
	return "Standard print"
}
