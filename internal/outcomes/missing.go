package outcomes

import "strings"

// Phrase is the element as a list of what is missing names it, in lower case: "how everyone will know".
func (e Element) Phrase() string {
	switch e {
	case Specific:
		return "what will be different"
	case Measurable:
		return "how everyone will know"
	case Achievable:
		return "who is involved"
	case Relevant:
		return "which hope or area of wellbeing it serves"
	case TimeBound:
		return "by when"
	case ExpectedLevel:
		return "the expected level"
	}
	return string(e)
}

// MissingText names what the outcome still needs to be SMART, for a practitioner to mend at a glance:
// "how everyone will know; by when". It is empty when the outcome is SMART.
func (o Outcome) MissingText() string {
	missing := o.MissingSMART()
	phrases := make([]string, len(missing))
	for i, e := range missing {
		phrases[i] = e.Phrase()
	}
	return strings.Join(phrases, "; ")
}
