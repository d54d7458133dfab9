// Package thread draws the golden thread of an episode of work: for each outcome, the aspiration it serves, the
// solutions and services that meet it, and how reviews rated it; and it names every break in the thread
// (DESIGN.md, "Golden thread view"). It reads across the outcome, plan and review tables and changes nothing.
package thread

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Aspiration is one of the person's hopes, as the thread shows it.
type Aspiration struct {
	ID    string
	Term  outcomes.Term
	Words string
}

// Solution is a solution on the ladder, as the thread shows it.
type Solution struct {
	ID          string
	Rung        plans.Rung
	Description string
	Reason      string // why lower rungs cannot meet the outcome
	OutcomeIDs  []string
}

// Service is a council-funded service, as the thread shows it.
type Service struct {
	ID         string
	Type       string // the Client Level Data service type
	Provider   string
	Status     plans.ServiceStatus
	EndOn      sqldb.Date
	OutcomeIDs []string
	SolutionID string // the solution it delivers, as recorded on the service; "" when none is recorded
}

// Name is how the thread names the service: its type, and its provider when known.
func (s Service) Name() string {
	name := codelists.ServiceType.Label(s.Type)
	if s.Provider != "" {
		name += " (" + s.Provider + ")"
	}
	return name
}

// Review is a completed review, with the level it gave each outcome it rated.
type Review struct {
	ID      string
	HeldOn  sqldb.Date
	Ratings map[string]outcomes.Level // by outcome ID
}

// Data is everything the thread of one episode is drawn from.
type Data struct {
	Today       sqldb.Date
	PlanAgreed  bool // the episode's latest support plan has been agreed with the person
	Aspirations []Aspiration
	Outcomes    []OutcomeRecord
	Solutions   []Solution
	Services    []Service
	Reviews     []Review // completed reviews, oldest first
}

// OutcomeRecord is an outcome with when it was set, so that a review held before it existed is not said to have
// skipped it.
type OutcomeRecord struct {
	outcomes.Outcome
	SetOn sqldb.Date
}

// Kind is the kind of break in the thread.
type Kind string

// The breaks the thread names (the list): each is something a practitioner can mend.
const (
	NoSolution      Kind = "no_solution"       // an outcome nothing serves
	ServesNoOutcome Kind = "serves_no_outcome" // a service that serves no outcome
	ReviewSkipped   Kind = "review_skipped"    // a review that did not rate an outcome
	NoRungReason    Kind = "no_rung_reason"    // a solution above information and advice with no reason
	AgreedNotSMART  Kind = "agreed_not_smart"  // a plan agreed while an outcome is not SMART
	RunningPastEnd  Kind = "running_past_end"  // a service past its end date still running
)

// Break is one break in the thread, said so that someone can mend it.
type Break struct {
	Kind    Kind
	Message string
	RefID   string // the outcome, solution, service or review it is about
}

// Rating is how one review rated one outcome.
type Rating struct {
	ReviewID string
	HeldOn   sqldb.Date
	Level    outcomes.Level
}

// Has reports whether the strand has a break of kind k.
func (s Strand) Has(k Kind) bool {
	return slices.ContainsFunc(s.Breaks, func(b Break) bool { return b.Kind == k })
}

// SolutionOf is the solution of the strand that svc delivers, or nil when the service records none (or one that
// does not serve this outcome).
func (s Strand) SolutionOf(svc Service) *Solution {
	for i := range s.Solutions {
		if svc.SolutionID != "" && s.Solutions[i].ID == svc.SolutionID {
			return &s.Solutions[i]
		}
	}
	return nil
}

// Strand is one outcome's thread: the aspiration it serves, what meets it, how it was rated, and its breaks.
type Strand struct {
	Outcome    OutcomeRecord
	Aspiration *Aspiration
	Solutions  []Solution
	Services   []Service
	Ratings    []Rating
	Breaks     []Break
	Beside     []Linked // records about this outcome from around the thread: risks, and the like
}

// Linked is a record from around the thread shown beside an outcome it affects: a risk with its positive
// risk-taking decision, and (by the same shape) other kinds of decision about the outcome.
type Linked struct {
	Kind      string     // what it is, as staff read it: "Risk"
	Title     string     // the record in a line
	Detail    string     // the decision, in a line
	DateLabel string     // what Date is: "Review by"
	Date      sqldb.Date // zero if none
	Overdue   bool       // Date has passed and the record is still open
	Href      string     // its page
}

// AddBeside shows l beside the strand of the outcome with outcomeID; an outcome not in the view (closed, or another
// episode's) is ignored.
func (v *View) AddBeside(outcomeID string, l Linked) {
	for i := range v.Strands {
		if v.Strands[i].Outcome.ID == outcomeID {
			v.Strands[i].Beside = append(v.Strands[i].Beside, l)
		}
	}
}

// View is an episode's whole thread: a strand for each outcome, the services that serve no outcome, and every
// break, strand by strand.
type View struct {
	Strands       []Strand
	Unlinked      []Service // services that serve no outcome
	ServiceBreaks []Break   // breaks about services rather than one outcome
	Breaks        []Break   // every break, strand by strand, then the services'
}

// Build draws the thread from its data and names every break.
func Build(d Data) View {
	var v View
	aspirations := map[string]*Aspiration{}
	for i := range d.Aspirations {
		aspirations[d.Aspirations[i].ID] = &d.Aspirations[i]
	}
	for _, o := range d.Outcomes {
		if o.Status == outcomes.Closed {
			continue
		}
		s := Strand{Outcome: o, Aspiration: aspirations[o.AspirationID]}
		for _, sol := range d.Solutions {
			if slices.Contains(sol.OutcomeIDs, o.ID) {
				s.Solutions = append(s.Solutions, sol)
			}
		}
		for _, svc := range d.Services {
			if slices.Contains(svc.OutcomeIDs, o.ID) {
				s.Services = append(s.Services, svc)
			}
		}
		for _, r := range d.Reviews {
			if level, ok := r.Ratings[o.ID]; ok {
				s.Ratings = append(s.Ratings, Rating{ReviewID: r.ID, HeldOn: r.HeldOn, Level: level})
			}
		}
		s.Breaks = strandBreaks(d, s)
		v.Strands = append(v.Strands, s)
		v.Breaks = append(v.Breaks, s.Breaks...)
	}
	for _, svc := range d.Services {
		if svc.Status == plans.Declined {
			continue
		}
		if len(svc.OutcomeIDs) == 0 {
			v.Unlinked = append(v.Unlinked, svc)
			v.ServiceBreaks = append(v.ServiceBreaks, Break{Kind: ServesNoOutcome, RefID: svc.ID,
				Message: fmt.Sprintf("%s serves no outcome", svc.Name())})
		}
		if svc.Status == plans.ServiceActive && !svc.EndOn.IsZero() && svc.EndOn.Before(d.Today.Time) {
			v.ServiceBreaks = append(v.ServiceBreaks, Break{Kind: RunningPastEnd, RefID: svc.ID,
				Message: fmt.Sprintf("%s was due to end on %s but is still running", svc.Name(), svc.EndOn.Format("2 January 2006"))})
		}
	}
	v.Breaks = append(v.Breaks, v.ServiceBreaks...)
	return v
}

// strandBreaks are the breaks that belong to one outcome.
func strandBreaks(d Data, s Strand) []Break {
	var out []Break
	o := s.Outcome
	if len(s.Solutions) == 0 {
		out = append(out, Break{Kind: NoSolution, RefID: o.ID, Message: "No solution serves this outcome yet"})
	}
	for _, sol := range s.Solutions {
		if sol.Rung.NeedsLowerRungReason() && strings.TrimSpace(sol.Reason) == "" {
			out = append(out, Break{Kind: NoRungReason, RefID: sol.ID,
				Message: fmt.Sprintf("“%s” (%s) does not say why lower rungs of the ladder cannot meet this outcome", sol.Description, sol.Rung.Label())})
		}
	}
	if d.PlanAgreed {
		if missing := o.MissingSMART(); len(missing) > 0 {
			out = append(out, Break{Kind: AgreedNotSMART, RefID: o.ID,
				Message: "The plan was agreed but this outcome is not SMART: missing " + elementList(missing)})
		}
	}
	for _, r := range d.Reviews {
		if _, rated := r.Ratings[o.ID]; rated || (!o.SetOn.IsZero() && r.HeldOn.Before(o.SetOn.Time)) {
			continue
		}
		out = append(out, Break{Kind: ReviewSkipped, RefID: r.ID,
			Message: fmt.Sprintf("The review on %s did not rate this outcome", r.HeldOn.Format("2 January 2006"))})
	}
	return out
}

func elementList(es []outcomes.Element) string {
	labels := make([]string, len(es))
	for i, e := range es {
		labels[i] = strings.ToLower(e.Label())
	}
	return strings.Join(labels, ", ")
}
