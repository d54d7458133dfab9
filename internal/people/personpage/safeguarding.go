package personpage

import "context"

// SafeguardingNotice is what a person's page shows staff who may see safeguarding records: an open enquiry or a
// concern waiting for its section 42 decision, and where to go. Empty Text shows nothing at all.
type SafeguardingNotice struct {
	Text    string
	Href    string
	Overdue bool
	// Sees reports whether the member of staff may see safeguarding records, for the link to the person's
	// safeguarding record.
	Sees bool
}

// Safeguarding reads the notice for a person's page. The safeguarding area provides it; it must not log another
// view, as the page has already logged one, and it returns an empty notice to staff outside the council's
// safeguarding roles.
type Safeguarding interface {
	PersonNotice(ctx context.Context, personID string) (SafeguardingNotice, error)
}

// WithSafeguarding adds the safeguarding notice and the "Raise a safeguarding concern" link to a person's page.
func (p *Pages) WithSafeguarding(s Safeguarding) *Pages {
	p.safeguarding = s
	return p
}
