package conversations

import (
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// ContactBy is who got in touch at the front door.
type ContactBy string

// Who can get in touch.
const (
	BySelf         ContactBy = "self"
	ByFamily       ContactBy = "family"
	ByProfessional ContactBy = "professional"
	ByOther        ContactBy = "other"
)

// ContactBys returns who can get in touch, in the order a form offers them.
func ContactBys() []ContactBy { return []ContactBy{BySelf, ByFamily, ByProfessional, ByOther} }

// Label is who got in touch, as staff read it.
func (c ContactBy) Label() string {
	switch c {
	case BySelf:
		return "The person themselves"
	case ByFamily:
		return "Family, a friend or a neighbour"
	case ByProfessional:
		return "A professional"
	case ByOther:
		return "Someone else"
	}
	return string(c)
}

// ChannelLabel is how the contact came in, as staff read it: "Not recorded" for a contact recorded before the
// channel was asked.
func (c Contact) ChannelLabel() string {
	if c.Channel == "" {
		return codelists.ContactChannel.Label(codelists.ContactChannelNotRecorded)
	}
	return codelists.ContactChannel.Label(c.Channel)
}

// Summary is the contact's line in the chronology: how it came in, from whom, and why. "Phone call from a
// professional: …"; a contact whose channel was not recorded is simply a "Contact".
func (c Contact) Summary() string {
	how := "Contact"
	switch c.Channel {
	case "Phone":
		how = "Phone call"
	case "Email", "Letter", "Visit", "Online form":
		how = c.Channel
	case "Another professional":
		how = "Referral"
	}
	return how + " from " + lowerFirst(c.ContactBy.Label()) + ": " + clip(c.Reason)
}

// Contact is a contact at the front door: who got in touch about a person, why, and what matters now.
type Contact struct {
	ID            string
	PersonID      string
	ContactedOn   sqldb.Date
	RouteOfAccess string // codelists.RouteOfAccess
	Channel       string // codelists.ContactChannel: how the contact came in
	ContactBy     ContactBy
	ContactName   string // the name of whoever got in touch, when it was not the person
	Reason        string
	WhatMatters   string
	CreatedAt     time.Time
	CreatedBy     string
	Version       int
}

// maxText is the longest free text a conversation section or note accepts, in bytes.
const maxText = 20000

// Normalise trims what was typed.
func (c *Contact) Normalise() {
	c.RouteOfAccess = strings.TrimSpace(c.RouteOfAccess)
	c.Channel = strings.TrimSpace(c.Channel)
	c.ContactName = strings.TrimSpace(c.ContactName)
	c.Reason = strings.TrimSpace(c.Reason)
	c.WhatMatters = strings.TrimSpace(c.WhatMatters)
}

// Validate checks a contact against today's date (in the UK).
func (c Contact) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case c.ContactedOn.IsZero():
		ps.Append("contacted_on", "Enter the date of the contact")
	case c.ContactedOn.After(today):
		ps.Append("contacted_on", "Date of the contact must be today or in the past")
	}
	switch {
	case c.Channel == "":
		ps.Append("channel", "Select how they got in touch")
	case !slices.Contains(codelists.ContactChannels(), c.Channel):
		ps.Append("channel", "Select how they got in touch from the list")
	}
	if !slices.Contains(ContactBys(), c.ContactBy) {
		ps.Append("contact_by", "Select who got in touch")
	}
	if len(c.ContactName) > 200 {
		ps.Append("contact_name", "Name must be 200 characters or less")
	}
	switch {
	case c.RouteOfAccess == "":
		ps.Append("route_of_access", "Select the route of access")
	case !codelists.RouteOfAccess.Has(c.RouteOfAccess):
		ps.Append("route_of_access", "Select the route of access from the list")
	}
	switch {
	case c.Reason == "":
		ps.Append("reason", "Enter why they got in touch")
	case len(c.Reason) > maxReason:
		ps.Append("reason", "Why they got in touch must be 2,000 characters or less")
	}
	if len(c.WhatMatters) > maxReason {
		ps.Append("what_matters", "What matters now must be 2,000 characters or less")
	}
	return ps
}

// StepRecord is where an episode has got to in one step.
type StepRecord struct {
	Step    Step
	Status  StepStatus
	Reason  string // why the step is not needed
	Version int
}

// Episode is one journey through the framework for a person, opened by a contact. It may end at any step with a
// result from the Client Level Data event outcome list.
type Episode struct {
	ID        string
	PersonID  string
	ContactID string
	OpenedOn  sqldb.Date
	TeamID    string
	WorkerID  string
	Result    string // a codelists.EventOutcome value; empty while the episode is open
	EndedOn   sqldb.Date
	EndedStep Step
	EndNote   string
	CreatedAt time.Time
	CreatedBy string
	Version   int

	// Read with the episode.
	Steps      []StepRecord // always the four steps, in order
	WorkStep   Step         // the furthest step with work recorded in it (WorkStepSQL); 0 when none
	Contact    Contact
	WorkerName string
}

// Ended reports whether the episode has a result.
func (e Episode) Ended() bool { return e.Result != "" }

// StepOf returns the record of step s.
func (e Episode) StepOf(s Step) StepRecord {
	for _, r := range e.Steps {
		if r.Step == s {
			return r
		}
	}
	return StepRecord{Step: s, Status: NotStarted}
}

// Ending is how an episode ends: the step it ended at, the result and a note.
type Ending struct {
	Step    Step
	Result  string
	Note    string
	EndedOn sqldb.Date // empty means today
}

// Validate checks an ending of an episode opened on opened, against today.
func (e Ending) Validate(opened sqldb.Date, today time.Time) validation.Problems {
	ps := ValidateResult(e.Step, e.Result)
	switch {
	case e.EndedOn.IsZero():
	case e.EndedOn.After(today):
		ps.Append("ended_on", "Date the work ended must be today or in the past")
	case !opened.IsZero() && e.EndedOn.Before(opened.Time):
		ps.Append("ended_on", "Date the work ended must be on or after the day the episode opened, "+opened.Format("2 January 2006"))
	}
	if len(strings.TrimSpace(e.Note)) > maxReason {
		ps.Append("note", "Note must be 2,000 characters or less")
	}
	return ps
}

// Section is what was said and seen under one heading of the conversation's practice model (MASOSS by default): the person's own words kept apart from what the
// practitioner observed.
type Section struct {
	Heading     Heading
	PersonWords string
	Observed    string
}

// Empty reports whether nothing was written under the heading.
func (s Section) Empty() bool {
	return strings.TrimSpace(s.PersonWords) == "" && strings.TrimSpace(s.Observed) == ""
}

// Conversation is a conversation with the person in an episode, recorded under the MASOSS headings, with how it
// happened, who took part and whether the person needed help to take part.
type Conversation struct {
	ID           string
	PersonID     string
	EpisodeID    string
	Step         Step
	HeldOn       sqldb.Date
	Method       Method
	Place        Place // empty when not recorded
	Participants string
	NeededHelp   bool
	HelpNote     string
	Sections     []Section // only headings with something written, in heading order
	// Model is the practice model the conversation was recorded under, with its headings as they stood at the
	// version recorded: the council's model when the conversation was first recorded, kept through every change.
	// Empty on a conversation not yet recorded, which is recorded under the council's model.
	Model     practicemodels.Model
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	UpdatedBy string
	Version   int

	// Read with the conversation.
	CreatedByName string
}

// Section returns what was written under h.
func (c Conversation) Section(h Heading) Section {
	for _, s := range c.Sections {
		if s.Heading == h {
			return s
		}
	}
	return Section{Heading: h}
}

// Headings are the headings the conversation is recorded under: its model's, or MASOSS's when it has none yet.
func (c Conversation) Headings() []practicemodels.Heading {
	if len(c.Model.Headings) > 0 {
		return c.Model.Headings
	}
	return practicemodels.Default().Headings
}

// Label is the label of heading h under the conversation's model.
func (c Conversation) Label(h Heading) string {
	for _, mh := range c.Headings() {
		if mh.Key == string(h) {
			return mh.Label
		}
	}
	return h.Label()
}

// Normalise trims what was typed and keeps only the headings of its model with something written, in heading order.
func (c *Conversation) Normalise() {
	c.Participants = strings.TrimSpace(c.Participants)
	c.HelpNote = strings.TrimSpace(c.HelpNote)
	if !c.NeededHelp {
		c.HelpNote = ""
	}
	var out []Section
	for _, mh := range c.Headings() {
		h := Heading(mh.Key)
		s := c.Section(h)
		s.Heading, s.PersonWords, s.Observed = h, strings.TrimSpace(s.PersonWords), strings.TrimSpace(s.Observed)
		if !s.Empty() {
			out = append(out, s)
		}
	}
	c.Sections = out
}

// Validate checks a conversation against today's date. Nothing under any one heading is required, but a
// conversation with nothing written under any heading records nothing.
func (c Conversation) Validate(today time.Time) validation.Problems {
	var ps validation.Problems
	switch {
	case c.HeldOn.IsZero():
		ps.Append("held_on", "Enter the date of the conversation")
	case c.HeldOn.After(today):
		ps.Append("held_on", "Date of the conversation must be today or in the past")
	}
	if !c.Step.Valid() {
		ps.Append("step", "Select the step this conversation was part of")
	}
	if _, err := ParseMethod(string(c.Method)); err != nil {
		ps.Append("method", "Select how the conversation happened")
	}
	if c.Place != "" {
		if _, err := ParsePlace(string(c.Place)); err != nil {
			ps.Append("place", "Select where the conversation happened from the list")
		}
	}
	if len(c.Participants) > maxReason {
		ps.Append("participants", "Who took part must be 2,000 characters or less")
	}
	if len(c.HelpNote) > maxReason {
		ps.Append("help_note", "Help they needed must be 2,000 characters or less")
	}
	written := false
	for _, s := range c.Sections {
		if !s.Empty() {
			written = true
		}
		if len(s.PersonWords) > maxText {
			ps.Append(string(s.Heading)+"_words", c.Label(s.Heading)+": their words must be 20,000 characters or less")
		}
		if len(s.Observed) > maxText {
			ps.Append(string(s.Heading)+"_observed", c.Label(s.Heading)+": what you observed must be 20,000 characters or less")
		}
	}
	if !written {
		ps.Append("sections", "Write what the person said, or what you observed, under at least one heading")
	}
	return ps
}

// Determination is a Care Act eligibility determination stored with an episode: the answers, the result the
// regulations give (Determine), and the practitioner's decision, which may disagree with reasons.
type Determination struct {
	ID                 string
	PersonID           string
	EpisodeID          string
	Answers            Answers
	ComputedEligible   bool
	Explanation        string
	Agrees             bool
	DisagreementReason string
	Eligible           bool // the decision: the computed result, or its opposite when the practitioner disagrees
	DeterminedOn       sqldb.Date
	CreatedAt          time.Time
	CreatedBy          string
	Version            int

	// Read with the determination.
	CreatedByName string
}

// Decide computes the regulations' result from the answers and the decision from the practitioner's agreement.
func (d *Determination) Decide() {
	r := Determine(d.Answers)
	d.ComputedEligible, d.Explanation = r.Eligible, r.Explanation
	d.DisagreementReason = strings.TrimSpace(d.DisagreementReason)
	if d.Agrees {
		d.DisagreementReason = ""
		d.Eligible = r.Eligible
	} else {
		d.Eligible = !r.Eligible
	}
}

// Validate checks the answers and the decision against today's date.
func (d Determination) Validate(today time.Time) validation.Problems {
	ps := d.Answers.Validate()
	switch {
	case d.DeterminedOn.IsZero():
		ps.Append("determined_on", "Enter the date of the determination")
	case d.DeterminedOn.After(today):
		ps.Append("determined_on", "Date of the determination must be today or in the past")
	}
	reason := strings.TrimSpace(d.DisagreementReason)
	switch {
	case !d.Agrees && reason == "":
		ps.Append("disagreement_reason", "Explain why you disagree with the result the regulations give")
	case len(reason) > maxReason:
		ps.Append("disagreement_reason", "Reason must be 2,000 characters or less")
	}
	return ps
}

// EncodeOutcomes writes outcome answers as the eligibility table keeps them: one line per outcome, the code, a
// colon and the ways separated by commas, such as "a:without_assistance,endangers".
func EncodeOutcomes(os []OutcomeAnswer) string {
	lines := make([]string, 0, len(os))
	for _, o := range os {
		ways := make([]string, len(o.Ways))
		for i, w := range o.Ways {
			ways[i] = string(w)
		}
		lines = append(lines, o.Code+":"+strings.Join(ways, ","))
	}
	return strings.Join(lines, "\n")
}

// DecodeOutcomes reads what EncodeOutcomes wrote.
func DecodeOutcomes(s string) []OutcomeAnswer {
	var out []OutcomeAnswer
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		code, ways, _ := strings.Cut(line, ":")
		o := OutcomeAnswer{Code: code}
		for _, w := range strings.Split(ways, ",") {
			if w = strings.TrimSpace(w); w != "" {
				o.Ways = append(o.Ways, Way(w))
			}
		}
		out = append(out, o)
	}
	return out
}
