// Package sittings records a conversation in one sitting: what was said and seen under the practice model's
// headings, and what came up as it went — the person's strengths, the people who matter to them, their hopes, the
// outcomes and the solutions found for each — saved together in one transaction, each as the same record its own
// page saves, through that record's own rules.
package sittings

import (
	"fmt"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Sitting is a conversation and what came up in it.
type Sitting struct {
	Conversation conversations.Conversation
	Strengths    []strengths.Strength
	Network      []people.NetworkMember // people who matter to the person, met or named in the conversation
	Hopes        []outcomes.Aspiration
	Outcomes     []Outcome
	// Solutions are solutions found for outcomes the episode already had (their OutcomeIDs); a new outcome's
	// solutions are in its Outcome.
	Solutions []plans.Solution
}

// Outcome is an outcome written in the sitting, with the solutions found for it.
type Outcome struct {
	outcomes.Outcome
	// Hope is the number, from 1, of the hope in Sitting.Hopes this outcome serves; 0 when it serves one already
	// recorded (Outcome.AspirationID) or none.
	Hope      int
	Solutions []plans.Solution
}

// Entries is how many records the sitting adds beside the conversation.
func (s Sitting) Entries() int {
	n := len(s.Strengths) + len(s.Network) + len(s.Hopes) + len(s.Solutions)
	for _, o := range s.Outcomes {
		n += 1 + len(o.Solutions)
	}
	return n
}

// The field of a problem with an entry is "<list>_<i>_<field>", i counted from 0, such as "outcome_1_by_when"; a
// problem with a new outcome's solution is "outcome_<i>_solution_<j>_<field>".
const (
	StrengthField = "strength"
	NetworkField  = "network"
	HopeField     = "hope"
	OutcomeField  = "outcome"
	SolutionField = "solution"
)

// EntryField names field of the i-th entry of list, as the problems of a sitting name it.
func EntryField(list string, i int, field string) string {
	return fmt.Sprintf("%s_%d_%s", list, i, field)
}

// SolutionOf names field of the j-th solution of the i-th new outcome.
func SolutionOf(i, j int, field string) string {
	return EntryField(OutcomeField, i, EntryField(SolutionField, j, field))
}

// entry names the fields of the i-th entry of list.
func entry(list string, i int) func(string) string {
	return func(f string) string { return EntryField(list, i, f) }
}

// newSolution names the fields of the j-th solution of the i-th new outcome.
func newSolution(i, j int) func(string) string {
	return func(f string) string { return SolutionOf(i, j, f) }
}

// within names each problem of ps as a field of one entry.
func within(ps validation.Problems, name func(field string) string) validation.Problems {
	out := make(validation.Problems, len(ps))
	for i, p := range ps {
		p.Field = name(p.Field)
		out[i] = p
	}
	return out
}

// pending stands for a record of the same sitting not saved yet, when an entry that points at it is checked: the
// outcome a new outcome's solutions serve, the hope a new outcome serves.
const pending = "pending"

// Check tidies what was typed in every entry and checks each against its own record's rules, naming each problem
// by its entry (EntryField). The conversation is checked by the store, under its practice model.
func (s *Sitting) Check() validation.Problems {
	var ps validation.Problems
	for i := range s.Strengths {
		st := &s.Strengths[i]
		st.Normalise()
		ps = append(ps, within(st.Validate(), entry(StrengthField, i))...)
	}
	for i := range s.Network {
		m := &s.Network[i]
		m.Normalise()
		ps = append(ps, within(m.Validate(), entry(NetworkField, i))...)
	}
	for i := range s.Hopes {
		ps = append(ps, within(s.Hopes[i].Validate(), entry(HopeField, i))...)
	}
	for i := range s.Outcomes {
		o := &s.Outcomes[i]
		if o.Hope < 0 || o.Hope > len(s.Hopes) {
			ps.Append(EntryField(OutcomeField, i, "aspiration_id"), "Select one of the person's hopes from the list")
		}
		o.Normalise()
		ps = append(ps, within(o.Validate(), entry(OutcomeField, i))...)
		for j := range o.Solutions {
			sol := &o.Solutions[j]
			sol.OutcomeIDs = []string{pending}
			sol.Normalise()
			ps = append(ps, within(sol.Validate(), newSolution(i, j))...)
		}
	}
	for i := range s.Solutions {
		sol := &s.Solutions[i]
		sol.Normalise()
		ps = append(ps, within(sol.Validate(), entry(SolutionField, i))...)
	}
	return ps
}

// Missing names what a new outcome still needs to be SMART ("how everyone will know; by when"), counting a hope of
// the same sitting as the hope it serves; empty when it is SMART.
func (o Outcome) Missing() string {
	if o.Hope > 0 && o.AspirationID == "" {
		o.AspirationID = pending
	}
	return o.MissingText()
}
