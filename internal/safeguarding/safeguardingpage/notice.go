package safeguardingpage

import (
	"context"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"

	"github.com/golden-thread/goldenthread/internal/people/personpage"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
)

// Notices reads a person's safeguarding notice for their page.
type Notices interface {
	Sees(ctx context.Context) (bool, error)
	NoticeFor(ctx context.Context, personID string) (safeguarding.Notice, error)
}

// PersonNotice gives the person page its safeguarding notice: for staff outside the safeguarding roles, only an
// enquiry they lead or the receipt of the latest concern they raised.
func PersonNotice(n Notices) personpage.Safeguarding { return notices{n} }

type notices struct{ n Notices }

func (s notices) PersonNotice(ctx context.Context, personID string) (personpage.SafeguardingNotice, error) {
	sees, err := s.n.Sees(ctx)
	if err != nil {
		return personpage.SafeguardingNotice{}, err
	}
	n, err := s.n.NoticeFor(ctx, personID)
	if err != nil {
		return personpage.SafeguardingNotice{}, fmt.Errorf("read the safeguarding notice: %w", err)
	}
	out := personpage.SafeguardingNotice{Sees: sees, Overdue: n.Overdue}
	switch {
	case n.Leading != "":
		out.Text, out.Href = "You lead a safeguarding enquiry about this person.", paths.Enquiry.URL(personID, n.Leading)
	case n.Mine != "":
		out.Text, out.Href = "You raised a safeguarding concern on "+when(n.MineAt)+". The safeguarding team has it.", paths.ConcernReceived.URL(personID, n.Mine)
	case n.Enquiries > 0:
		out.Text, out.Href = "A safeguarding enquiry is open.", paths.Enquiry.URL(personID, n.OpenConcern)
	case n.Undecided > 0 && n.Overdue:
		out.Text, out.Href = "A safeguarding concern is waiting for its section 42 decision, which is overdue.", paths.Concern.URL(personID, n.OpenConcern)
	case n.Undecided > 0:
		out.Text, out.Href = "A safeguarding concern is waiting for its section 42 decision.", paths.Concern.URL(personID, n.OpenConcern)
	}
	return out, nil
}
