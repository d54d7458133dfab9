package capacity

import (
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Item is one item of the best-interests checklist of MCA s4 (standards.md §4.3) that the decision-maker must
// consider and note. Item 6 (wishes and feelings, beliefs and values, other factors) and item 7 (the views of
// those consulted) have their own fields on BestInterests.
type Item string

// The checklist's items.
const (
	NoAssumptions    Item = "no_assumptions"    // not merely age, appearance, a condition or behaviour
	AllCircumstances Item = "all_circumstances" // all relevant circumstances
	RegainCapacity   Item = "regain_capacity"   // whether and when they may regain capacity
	Participation    Item = "participation"     // permit and encourage them to participate
	LifeSustaining   Item = "life_sustaining"   // not motivated by a desire to bring about death
)

// Items lists the checklist items in the order of section 4.
func Items() []Item {
	return []Item{NoAssumptions, AllCircumstances, RegainCapacity, Participation, LifeSustaining}
}

// Label is the item as the checklist says it.
func (i Item) Label() string {
	switch i {
	case NoAssumptions:
		return "The decision is not made merely on the basis of the person's age or appearance, or a condition or behaviour that might lead to unjustified assumptions"
	case AllCircumstances:
		return "All relevant circumstances have been considered"
	case RegainCapacity:
		return "Whether the person is likely to regain capacity, and if so when"
	case Participation:
		return "The person has been permitted and encouraged to take part as fully as possible"
	case LifeSustaining:
		return "For life-sustaining treatment: the decision is not motivated by a desire to bring about the person's death"
	}
	return string(i)
}

// Field is the form field of the item; its notes are Field()+"_notes".
func (i Item) Field() string { return "item_" + string(i) }

// MayBeNotApplicable reports whether the item may be marked not applicable: only life-sustaining treatment.
func (i Item) MayBeNotApplicable() bool { return i == LifeSustaining }

// The states of a checklist item.
const (
	Considered    = "considered"
	NotApplicable = "not_applicable"
)

// Check is how one checklist item was addressed.
type Check struct {
	State string // Considered or NotApplicable; empty until addressed
	Notes string
}

// Category is whose views the decision-maker must take into account (s4(7)).
type Category string

// The categories of people consulted.
const (
	NamedByPerson      Category = "named"
	CaringOrInterested Category = "caring"
	Attorney           Category = "attorney"
	Deputy             Category = "deputy"
)

// Categories lists them in the order of s4(7).
func Categories() []Category { return []Category{NamedByPerson, CaringOrInterested, Attorney, Deputy} }

// Label is the category as the form says it.
func (c Category) Label() string {
	switch c {
	case NamedByPerson:
		return "Named by the person to be consulted"
	case CaringOrInterested:
		return "Caring for the person or interested in their welfare"
	case Attorney:
		return "Attorney under a lasting power of attorney"
	case Deputy:
		return "Deputy appointed by the Court of Protection"
	}
	return string(c)
}

// Consultee is someone consulted about the decision, and their views.
type Consultee struct {
	Name, Relationship string
	Category           Category
	Views              string
}

// Option is one option considered, and whether it is less restrictive of the person's rights and freedom of action
// than the others (principle 5).
type Option struct {
	Text            string
	LessRestrictive bool
}

// BestInterests is a best-interests decision made for a person who lacks capacity for the decision an assessment
// was about.
type BestInterests struct {
	ID, PersonID, EpisodeID, AssessmentID string
	Checklist                             map[Item]Check
	Wishes                                string // past and present wishes and feelings, especially anything written with capacity
	Beliefs                               string // beliefs and values
	OtherFactors                          string // other factors they would be likely to consider
	Consultees                            []Consultee
	NoConsulteeReason                     string // why nobody could be consulted, when Consultees is empty
	Options                               []Option
	Chosen                                int // index into Options; -1 when none chosen
	ChosenWhy                             string
	Decision                              string
	DecidedBy                             string // the decision-maker, by name and role
	DecidedOn                             sqldb.Date
	OutcomeIDs                            []string // the episode's outcomes the decision affects, for the golden thread
	RecordedBy                            string
	Version                               int
}

// OrderedOptions are the options with the less restrictive ones first, each with its index, as pages show them.
func (b BestInterests) OrderedOptions() []IndexedOption {
	var out []IndexedOption
	for pass := range 2 {
		for i, o := range b.Options {
			if o.LessRestrictive == (pass == 0) {
				out = append(out, IndexedOption{Index: i, Option: o, Chosen: i == b.Chosen})
			}
		}
	}
	return out
}

// IndexedOption is an option with its place in the record.
type IndexedOption struct {
	Index  int
	Option Option
	Chosen bool
}

// ChosenOption is the option chosen, or an empty Option.
func (b BestInterests) ChosenOption() Option {
	if b.Chosen >= 0 && b.Chosen < len(b.Options) {
		return b.Options[b.Chosen]
	}
	return Option{}
}

// Normalise trims what was typed and drops empty consultee and option rows (a form offers several blank ones).
func (b *BestInterests) Normalise() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, s := range []*string{&b.Wishes, &b.Beliefs, &b.OtherFactors, &b.NoConsulteeReason, &b.ChosenWhy, &b.Decision, &b.DecidedBy} {
		trim(s)
	}
	cl := make(map[Item]Check, len(b.Checklist))
	for i, c := range b.Checklist {
		c.Notes = strings.TrimSpace(c.Notes)
		cl[i] = c
	}
	b.Checklist = cl
	var cs []Consultee
	for _, c := range b.Consultees {
		trim(&c.Name)
		trim(&c.Relationship)
		trim(&c.Views)
		if c.Name != "" || c.Relationship != "" || c.Views != "" || c.Category != "" {
			cs = append(cs, c)
		}
	}
	b.Consultees = cs
	var os []Option
	chosen := -1
	for i, o := range b.Options {
		trim(&o.Text)
		if o.Text == "" && !o.LessRestrictive && i != b.Chosen {
			continue
		}
		if i == b.Chosen {
			chosen = len(os)
		}
		os = append(os, o)
	}
	b.Options, b.Chosen = os, chosen
	var ids []string
	for _, id := range b.OutcomeIDs {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	b.OutcomeIDs = ids
}

// ConsulteeField is the form field of a consultee's row.
func ConsulteeField(i int, part string) string { return "consultee_" + strconv.Itoa(i) + "_" + part }

// OptionField is the form field of an option's row.
func OptionField(i int) string { return "option_" + strconv.Itoa(i) }

// Validate checks that a best-interests decision is complete before it is recorded, as of today: every checklist
// item addressed with notes (life-sustaining treatment may be not applicable); the person's past and present wishes
// and feelings, beliefs and values, and other factors; at least one person consulted (name, relationship, category,
// views) or the reason nobody could be; at least two options including a less restrictive one, the chosen option
// and why; the decision, who made it and when (not in the future); and outcomes only from the episode
// (episodeOutcomes).
func (b BestInterests) Validate(today sqldb.Date, episodeOutcomes []string) validation.Problems {
	var ps validation.Problems
	for _, it := range Items() {
		c := b.Checklist[it]
		switch {
		case c.State == NotApplicable && it.MayBeNotApplicable():
		case c.State != Considered:
			if it.MayBeNotApplicable() {
				ps.Append(it.Field(), "Say whether life-sustaining treatment is part of the decision, and if it is, confirm the checklist item")
			} else {
				ps.Append(it.Field(), "Confirm that you have considered: "+lowerFirst(it.Label()))
			}
		case c.Notes == "":
			ps.Append(it.Field()+"_notes", "Add notes on how you considered: "+lowerFirst(it.Label()))
		}
		if tooLong(c.Notes) {
			ps.Append(it.Field()+"_notes", "Notes must be 4,000 characters or less")
		}
	}
	if b.Wishes == "" {
		ps.Append("wishes", "Record the person's past and present wishes and feelings, or say why they could not be found out")
	}
	if b.Beliefs == "" {
		ps.Append("beliefs", "Record the beliefs and values that would be likely to influence the person, or say why they could not be found out")
	}
	if b.OtherFactors == "" {
		ps.Append("other_factors", "Record other factors the person would be likely to consider, or say there are none")
	}
	for _, s := range []string{b.Wishes, b.Beliefs, b.OtherFactors, b.NoConsulteeReason, b.ChosenWhy, b.Decision} {
		if tooLong(s) {
			ps.Append("decision", "Each answer must be 4,000 characters or less")
			break
		}
	}
	for i, c := range b.Consultees {
		switch {
		case c.Name == "":
			ps.Append(ConsulteeField(i, "name"), "Enter the name of the person consulted")
		case !slices.Contains(Categories(), c.Category):
			ps.Append(ConsulteeField(i, "category"), "Select why "+c.Name+" was consulted")
		case c.Views == "":
			ps.Append(ConsulteeField(i, "views"), "Record the views of "+c.Name)
		}
	}
	if len(b.Consultees) == 0 && b.NoConsulteeReason == "" {
		ps.Append("no_consultee_reason", "Record who was consulted, or why nobody could be consulted")
	}
	less := false
	for _, o := range b.Options {
		less = less || o.LessRestrictive
	}
	switch {
	case len(b.Options) < 2:
		ps.Append(OptionField(0), "Record at least two options considered, including a less restrictive one")
	case !less:
		ps.Append(OptionField(0), "Record at least one option that is less restrictive of the person's rights and freedom of action")
	}
	for i, o := range b.Options {
		if o.Text == "" {
			ps.Append(OptionField(i), "Describe option "+strconv.Itoa(i+1))
		}
	}
	switch {
	case b.Chosen < 0 || b.Chosen >= len(b.Options):
		ps.Append("chosen", "Select the option chosen")
	case b.ChosenWhy == "":
		ps.Append("chosen_why", "Explain why this option is in the person's best interests")
	}
	if b.Decision == "" {
		ps.Append("decision", "Enter the decision")
	}
	if b.DecidedBy == "" {
		ps.Append("decided_by", "Enter who made the decision")
	}
	switch {
	case b.DecidedOn.IsZero():
		ps.Append("decided_on", "Enter the date of the decision")
	case b.DecidedOn.After(today.Time):
		ps.Append("decided_on", "The date of the decision must be today or in the past")
	}
	for _, id := range b.OutcomeIDs {
		if !slices.Contains(episodeOutcomes, id) {
			ps.Append("outcomes", "Select outcomes from this episode only")
			break
		}
	}
	return ps
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// ItemCheck is one checklist item and how it was addressed.
type ItemCheck struct {
	Item  Item
	Check Check
}

// Steps are the checklist's items in the order of section 4, each with how it was addressed.
func (b BestInterests) Steps() []ItemCheck {
	var out []ItemCheck
	for _, it := range Items() {
		out = append(out, ItemCheck{Item: it, Check: b.Checklist[it]})
	}
	return out
}
