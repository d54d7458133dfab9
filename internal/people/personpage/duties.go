package personpage

import (
	"context"
	"time"

	"github.com/golden-thread/goldenthread/internal/duties"
)

// Duties lists a person's open required actions that the reader may see, without logging another view.
type Duties interface {
	PersonDuties(ctx context.Context, personID string) ([]duties.Duty, error)
	Now() time.Time
}

// DutyLine is one required action as the person's page shows it.
type DutyLine struct {
	Text    string
	Reason  string
	Due     string // "by 4 June 2026" or "by 3:00pm on 4 June 2026"
	Overdue bool
	Href    string
}

// WithDuties adds the "Required actions" notice to a person's page.
func (p *Pages) WithDuties(d Duties) *Pages {
	p.duties = d
	return p
}

func dutyLines(ds []duties.Duty, now time.Time) []DutyLine {
	out := make([]DutyLine, 0, len(ds))
	for _, d := range ds {
		out = append(out, DutyLine{Text: d.Kind.Label(), Reason: d.Reason, Due: "by " + d.When(), Overdue: d.Overdue(now), Href: d.Path})
	}
	return out
}
