// Package validation holds what every domain says about a record it will not accept: the problems with it, each
// against the field it belongs to. It is its own package, apart from any domain, because every domain validates
// and no domain should import another (people, say) only to say that a field is wrong.
package validation

import (
	"errors"
	"strings"
)

// Problem is one thing wrong with what was entered, against the field it belongs to.
type Problem struct {
	Field   string
	Message string
}

// FieldMessage is the problem's field and message, for the pages' error summaries.
func (p Problem) FieldMessage() (field, message string) { return p.Field, p.Message }

// Problems is every problem found, in the order of the form. It is an error so that a store can refuse a change
// with it; pages turn it into a GOV.UK error summary and the API into a problem document.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Field + ": " + p.Message
	}
	return "the record has problems: " + strings.Join(msgs, "; ")
}

// Add records err, if there is one, as a problem with field: it lets a validator call a field's check and keep
// only its failures, without an if around each.
func (ps *Problems) Add(field string, err error) {
	if err != nil {
		*ps = append(*ps, Problem{Field: field, Message: err.Error()})
	}
}

// Append records a problem with field.
func (ps *Problems) Append(field, message string) {
	*ps = append(*ps, Problem{Field: field, Message: message})
}

// AsProblems reports whether err carries Problems.
func AsProblems(err error) (Problems, bool) {
	var ps Problems
	ok := errors.As(err, &ps)
	return ps, ok
}
