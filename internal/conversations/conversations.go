// Package conversations holds episodes of work through the practice framework's four steps, the conversations held
// in them under the MASOSS headings, and Care Act eligibility determinations.
package conversations

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Step is one of the four steps of the practice framework (the Islington framework "Building Strengths for Better
// Lives", seeds/004): gather information, develop ideas, support planning and review. Steps can be shortened,
// lengthened or not needed; information and advice may end the work at any step.
type Step int

// The four steps, in order. The zero Step is not a step.
const (
	Step1 Step = 1 // Gather information
	Step2 Step = 2 // Develop ideas
	Step3 Step = 3 // Support planning
	Step4 Step = 4 // Review
)

// Steps returns the four steps in order.
func Steps() []Step { return []Step{Step1, Step2, Step3, Step4} }

// Valid reports whether s is one of the four steps.
func (s Step) Valid() bool { return s >= Step1 && s <= Step4 }

// Label is the step's name as the practice framework gives it, such as "Gather information".
func (s Step) Label() string {
	switch s {
	case Step1:
		return "Gather information"
	case Step2:
		return "Develop ideas"
	case Step3:
		return "Support planning"
	case Step4:
		return "Review"
	}
	return "Step " + strconv.Itoa(int(s))
}

// ParseStep reads a step number, 1 to 4, as a form or the database holds it.
func ParseStep(s string) (Step, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || !Step(n).Valid() {
		return 0, fmt.Errorf("step %q is not a number from 1 to 4", s)
	}
	return Step(n), nil
}

// StepStatus is where an episode has got to in one step.
type StepStatus string

// The step statuses. A step that is not needed must say why (NeedsReason): the framework lets steps be skipped, but
// the record should show it was a decision.
const (
	NotStarted StepStatus = "not_started"
	InProgress StepStatus = "in_progress"
	Completed  StepStatus = "completed"
	NotNeeded  StepStatus = "not_needed"
)

// StepStatuses returns every step status in the order a form offers them.
func StepStatuses() []StepStatus { return []StepStatus{NotStarted, InProgress, Completed, NotNeeded} }

// Label is the status as staff read it.
func (s StepStatus) Label() string {
	switch s {
	case NotStarted:
		return "Not started"
	case InProgress:
		return "In progress"
	case Completed:
		return "Completed"
	case NotNeeded:
		return "Not needed"
	}
	return string(s)
}

// ParseStepStatus reads a stored step status.
func ParseStepStatus(s string) (StepStatus, error) {
	for _, st := range StepStatuses() {
		if string(st) == strings.TrimSpace(s) {
			return st, nil
		}
	}
	return "", fmt.Errorf("step status %q is not one of not_started, in_progress, completed, not_needed", s)
}

// NeedsReason reports whether moving a step to this status needs a reason recorded: only "not needed" does.
func (s StepStatus) NeedsReason() bool { return s == NotNeeded }

// StepChange is a change to one step's status in an episode.
type StepChange struct {
	Step   Step
	From   StepStatus // the status before; empty for a step not yet recorded
	To     StepStatus
	Reason string // why the step is not needed
}

// maxReason is the longest reason or note the rules accept, in bytes.
const maxReason = 2000

// Validate checks a step change. A step that is not needed needs a reason. A step that has been started or decided
// cannot go back to "not started": reopen it as "in progress" instead, so the record keeps that work happened.
// This last rule is Golden Thread's own, not the framework's.
func (c StepChange) Validate() validation.Problems {
	var ps validation.Problems
	if !c.Step.Valid() {
		ps.Append("step", "Select a step from 1 to 4")
	}
	if _, err := ParseStepStatus(string(c.To)); err != nil {
		ps.Append("status", "Select where this step has got to")
		return ps
	}
	if c.To == NotStarted && c.From != "" && c.From != NotStarted {
		ps.Append("status", "Select in progress to reopen a step that has already been started")
	}
	reason := strings.TrimSpace(c.Reason)
	if c.To.NeedsReason() && reason == "" {
		ps.Append("reason", "Explain why this step is not needed")
	}
	if len(reason) > maxReason {
		ps.Append("reason", "Reason must be 2,000 characters or less")
	}
	return ps
}

// Heading is one of the six MASOSS headings a conversation is recorded under (seeds/000, seeds/001): Mindset,
// Aspirations, Strengths, Outcomes, Solutions, Services. Hints are prompts, never required fields.
type Heading string

// The MASOSS headings, in order.
const (
	Mindset     Heading = "mindset"
	Aspirations Heading = "aspirations"
	Strengths   Heading = "strengths"
	Outcomes    Heading = "outcomes"
	Solutions   Heading = "solutions"
	Services    Heading = "services"
)

// Headings returns the six MASOSS headings in order.
func Headings() []Heading {
	return []Heading{Mindset, Aspirations, Strengths, Outcomes, Solutions, Services}
}

// ParseHeading reads a stored heading.
func ParseHeading(s string) (Heading, error) {
	for _, h := range Headings() {
		if string(h) == strings.TrimSpace(s) {
			return h, nil
		}
	}
	return "", fmt.Errorf("heading %q is not one of mindset, aspirations, strengths, outcomes, solutions, services", s)
}

// Label is the heading as staff read it, as MASOSS's first version gives it (practicemodels.Default): a heading of
// another model, or of a council's own labels, is read from the model a conversation was recorded under
// (Conversation.Label).
func (h Heading) Label() string {
	if m, ok := practicemodels.Default().Heading(string(h)); ok {
		return m.Label
	}
	return string(h)
}

// Hint is the prompt shown under the heading in MASOSS's first version. It draws on the MASOSS definitions
// (seeds/000), the ROPES prompts (Graybeal 2001; standards.md §10.2) and the toolkit's open questions (seeds/004).
// It is a prompt only: nothing under a heading is required.
func (h Heading) Hint() string {
	m, _ := practicemodels.Default().Heading(string(h))
	return m.Prompt
}

// Method is how a conversation was held. The framework allows face to face, by telephone and in many other ways
// (seeds/004, "Application of the Framework").
type Method string

// The methods of holding a conversation.
const (
	FaceToFace Method = "face_to_face"
	Phone      Method = "phone"
	Video      Method = "video"
)

// Methods returns every method in the order a form offers them.
func Methods() []Method { return []Method{FaceToFace, Phone, Video} }

// Label is the method as staff read it.
func (m Method) Label() string {
	switch m {
	case FaceToFace:
		return "Face to face"
	case Phone:
		return "Phone"
	case Video:
		return "Video call"
	}
	return string(m)
}

// ParseMethod reads a stored method.
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods() {
		if string(m) == strings.TrimSpace(s) {
			return m, nil
		}
	}
	return "", fmt.Errorf("method %q is not one of face_to_face, phone, video", s)
}

// Place is where a conversation was held: the framework names the person's home and an acute hospital among the
// settings (seeds/004, "Application of the Framework").
type Place string

// The places a conversation is held.
const (
	Home      Place = "home"
	Hospital  Place = "hospital"
	Office    Place = "office"
	Community Place = "community"
	Other     Place = "other"
)

// Places returns every place in the order a form offers them.
func Places() []Place { return []Place{Home, Hospital, Office, Community, Other} }

// Label is the place as staff read it.
func (p Place) Label() string {
	switch p {
	case Home:
		return "The person's home"
	case Hospital:
		return "Hospital"
	case Office:
		return "Council office"
	case Community:
		return "Somewhere in the community"
	case Other:
		return "Somewhere else"
	}
	return string(p)
}

// ParsePlace reads a stored place.
func ParsePlace(s string) (Place, error) {
	for _, p := range Places() {
		if string(p) == strings.TrimSpace(s) {
			return p, nil
		}
	}
	return "", fmt.Errorf("place %q is not one of home, hospital, office, community, other", s)
}

// ResultsForStep1 returns the event outcomes a front-door (Step 1) ending offers first, most common first. Any
// codelists.EventOutcome value may end an episode at any step (ValidateResult); this is only the short list. The
// framework says information, advice and signposting may be all a person needs "at this step and any other step"
// (seeds/004, Step 1); the values are CLD Release 2 event outcomes (standards.md §1.4).
func ResultsForStep1() []string {
	return []string{
		codelists.EventOutcomeInformationAdvice,
		codelists.EventOutcomeOtherCouncilService,
		codelists.EventOutcomeNHS,
		codelists.EventOutcomeReablement,
		codelists.EventOutcomeAssessment,
		codelists.EventOutcomeSupportDeclined,
		codelists.EventOutcomeSelfFunded,
		codelists.EventOutcomeMovedLA,
	}
}

// ValidateResult checks the result that ends an episode at a step: the step must be one of the four, and the
// result any CLD event outcome (standards.md §1.4). Which results suit which step is left to the practitioner.
func ValidateResult(step Step, result string) validation.Problems {
	var ps validation.Problems
	if !step.Valid() {
		ps.Append("step", "Select the step the work ended at")
	}
	switch {
	case result == "":
		ps.Append("result", "Select how the work ended")
	case !codelists.EventOutcome.Has(result):
		ps.Append("result", "Select how the work ended from the list")
	}
	return ps
}
