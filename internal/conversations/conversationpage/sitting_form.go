package conversationpage

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// The conversation page records a conversation in one sitting: beside what was said under each heading, the
// practitioner adds strengths, people who matter, hopes, outcomes and the solutions for each as they come up, each a
// short entry of its own. An entry's fields are named as the sitting's problems name them
// (sittings.EntryField: "outcome_1_by_when"), so that an error links to its box.
//
// Its buttons "Add …" and "Remove" post the form with entry=add:<list> or entry=remove:<entry>, and the page comes
// back as typed with the entry added or gone, at the same place (the button's formaction names it); with
// JavaScript (static/sitting.js) the same post swaps the form in place, without a page load.

// maxEntries is the most entries of one list a form reads: more than anyone records in one sitting.
const maxEntries = 50

type strengthEntry struct {
	entry
	Kind, Words, Observed string
}

type memberEntry struct {
	entry
	Name, Relationship, Phone string
	Crisis                    bool // to call in a crisis
}

type hopeEntry struct {
	entry
	Term, Words string
}

// outcomeEntry is a new outcome as typed, with the solutions found for it and what it still needs to be SMART.
type outcomeEntry struct {
	entry
	// Hope is the hope it serves: the id of one already recorded, newHope plus the number of one of the sitting's
	// own (from 0), or empty.
	Hope                                                       string
	Different, HowWeKnow, WhoInvolved                          string
	ByWhen                                                     web.DateInput
	Expected, LevelMinus2, LevelMinus1, LevelPlus1, LevelPlus2 string
	Baseline, Importance, Difficulty                           string
	Solutions                                                  []solutionEntry
	Missing                                                    string // what it still needs to be SMART; empty when it is
}

// solutionEntry is a solution as typed: for a new outcome, or (Outcome) for one the episode already had.
type solutionEntry struct {
	entry
	Outcome                            string
	Rung, Description, WhoWhen, Reason string
}

// entry is what every entry has: the prefix of its fields' names, "outcome_1_".
type entry struct{ Prefix string }

// Key names the entry, "outcome_1", for its Remove button and its place on the page.
func (e entry) Key() string { return strings.TrimSuffix(e.Prefix, "_") }

// newHope marks, in an outcome's Hope, a hope written in the same sitting: "new_0" is the first.
const newHope = "new_"

// sittingForm is the conversation page as typed.
type sittingForm struct {
	Model     practicemodels.Model // the model the conversation is recorded under
	Strengths []strengthEntry
	Network   []memberEntry
	Hopes     []hopeEntry
	Outcomes  []outcomeEntry
	Solutions []solutionEntry
	// Added is the prefix of the entry just added, whose first box takes the focus.
	Added string
}

func (e strengthEntry) blank() bool { return e.Kind == "" && e.Words == "" && e.Observed == "" }
func (e memberEntry) blank() bool {
	return e.Name == "" && e.Relationship == "" && e.Phone == "" && !e.Crisis
}
func (e hopeEntry) blank() bool { return e.Term == "" && e.Words == "" }
func (e solutionEntry) blank() bool {
	return e.Rung == "" && e.Description == "" && e.WhoWhen == "" && e.Reason == ""
}
func (e outcomeEntry) blank() bool {
	typed := []string{e.Different, e.HowWeKnow, e.WhoInvolved, e.Expected, e.LevelMinus2, e.LevelMinus1, e.LevelPlus1,
		e.LevelPlus2, e.Baseline, e.Importance, e.Difficulty, e.Hope}
	return !slices.ContainsFunc(typed, func(s string) bool { return s != "" && s != "0" }) && e.ByWhen.IsEmpty() &&
		!slices.ContainsFunc(e.Solutions, func(s solutionEntry) bool { return !s.blank() })
}

// count reads how many entries of list the form holds.
func count(f url.Values, list string) int {
	n, err := strconv.Atoi(f.Get(list + "_count"))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, maxEntries)
}

func readSittingForm(f url.Values, m practicemodels.Model) sittingForm {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	out := sittingForm{Model: m}
	for i := range count(f, sittings.StrengthField) {
		p := sittings.EntryField(sittings.StrengthField, i, "")
		out.Strengths = append(out.Strengths, strengthEntry{Kind: get(p + "kind"), Words: get(p + "person_words"), Observed: get(p + "observed")})
	}
	for i := range count(f, sittings.NetworkField) {
		p := sittings.EntryField(sittings.NetworkField, i, "")
		out.Network = append(out.Network, memberEntry{Name: get(p + "name"), Relationship: get(p + "relationship"), Phone: get(p + "phone"),
			Crisis: get(p+"crisis_contact") == "true"})
	}
	for i := range count(f, sittings.HopeField) {
		p := sittings.EntryField(sittings.HopeField, i, "")
		out.Hopes = append(out.Hopes, hopeEntry{Term: get(p + "term"), Words: get(p + "words")})
	}
	readSolution := func(p string) solutionEntry {
		return solutionEntry{Outcome: get(p + "outcome_ids"), Rung: get(p + "rung"), Description: get(p + "description"),
			WhoWhen: get(p + "who_when"), Reason: get(p + "lower_rungs_reason")}
	}
	for i := range count(f, sittings.OutcomeField) {
		p := sittings.EntryField(sittings.OutcomeField, i, "")
		o := outcomeEntry{Hope: get(p + "aspiration_id"), Different: get(p + "different"), HowWeKnow: get(p + "how_we_know"),
			WhoInvolved: get(p + "who_involved"), ByWhen: web.DateInputFrom(f, p+"by_when"), Expected: get(p + "expected"),
			LevelMinus2: get(p + "level_minus2"), LevelMinus1: get(p + "level_minus1"), LevelPlus1: get(p + "level_plus1"),
			LevelPlus2: get(p + "level_plus2"), Baseline: get(p + "baseline"), Importance: get(p + "importance"), Difficulty: get(p + "difficulty")}
		for j := range count(f, p+sittings.SolutionField) {
			o.Solutions = append(o.Solutions, readSolution(sittings.SolutionOf(i, j, "")))
		}
		out.Outcomes = append(out.Outcomes, o)
	}
	for i := range count(f, sittings.SolutionField) {
		out.Solutions = append(out.Solutions, readSolution(sittings.EntryField(sittings.SolutionField, i, "")))
	}
	out.number()
	return out
}

// change applies the button the form was posted with ("add:outcome", "add:outcome_0_solution",
// "remove:strength_1"), and reports whether it was one of them. "check:outcome_0" changes nothing: the script asks
// for the page again to show that outcome's SMART check.
func (f *sittingForm) change(button string) bool {
	verb, target, ok := strings.Cut(button, ":")
	if !ok {
		return false
	}
	list, i, nested, j := entryOf(target)
	switch {
	case verb == "add" && list == sittings.StrengthField && i < 0:
		f.Strengths = append(f.Strengths, strengthEntry{})
	case verb == "add" && list == sittings.NetworkField && i < 0:
		f.Network = append(f.Network, memberEntry{})
	case verb == "add" && list == sittings.HopeField && i < 0:
		f.Hopes = append(f.Hopes, hopeEntry{})
	case verb == "add" && list == sittings.OutcomeField && i < 0:
		f.Outcomes = append(f.Outcomes, outcomeEntry{Solutions: []solutionEntry{{}}})
	case verb == "add" && list == sittings.OutcomeField && i < len(f.Outcomes) && nested && j < 0:
		f.Outcomes[i].Solutions = append(f.Outcomes[i].Solutions, solutionEntry{})
		f.number()
		f.Added = f.Outcomes[i].Solutions[len(f.Outcomes[i].Solutions)-1].Prefix
		return true
	case verb == "add" && list == sittings.SolutionField && i < 0:
		f.Solutions = append(f.Solutions, solutionEntry{})
	case verb == "remove" && list == sittings.StrengthField && i >= 0:
		f.Strengths = without(f.Strengths, i)
	case verb == "remove" && list == sittings.NetworkField && i >= 0:
		f.Network = without(f.Network, i)
	case verb == "remove" && list == sittings.HopeField && i >= 0 && i < len(f.Hopes):
		f.dropHopes(func(k int) bool { return k == i })
	case verb == "remove" && list == sittings.OutcomeField && nested && j >= 0 && i < len(f.Outcomes):
		f.Outcomes[i].Solutions = without(f.Outcomes[i].Solutions, j)
	case verb == "remove" && list == sittings.OutcomeField && !nested && i >= 0:
		f.Outcomes = without(f.Outcomes, i)
	case verb == "remove" && list == sittings.SolutionField && i >= 0:
		f.Solutions = without(f.Solutions, i)
	default:
		return true // a button from an older page: shown again as it was
	}
	f.number()
	if verb == "add" {
		f.Added = f.lastPrefix(list)
	}
	return true
}

// entryOf reads a button's target: "strength" (i −1), "strength_1", "outcome_0_solution" (nested, j −1) or
// "outcome_0_solution_1".
func entryOf(target string) (list string, i int, nested bool, j int) {
	parts := strings.Split(target, "_")
	list, i, j = parts[0], -1, -1
	number := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n >= maxEntries {
			return maxEntries
		}
		return n
	}
	if len(parts) > 1 {
		i = number(parts[1])
	}
	if len(parts) > 2 {
		nested = parts[2] == sittings.SolutionField
	}
	if len(parts) > 3 {
		j = number(parts[3])
	}
	return list, i, nested, j
}

func without[E any](s []E, i int) []E {
	if i < 0 || i >= len(s) {
		return s
	}
	return slices.Delete(s, i, i+1)
}

// dropHopes takes out the sitting's hopes for which gone is true, and keeps each outcome pointing at the hope it
// served (or at none, when its hope is gone).
func (f *sittingForm) dropHopes(gone func(i int) bool) {
	renumber := map[string]string{}
	var kept []hopeEntry
	for i, h := range f.Hopes {
		if gone(i) {
			renumber[newHope+strconv.Itoa(i)] = ""
			continue
		}
		renumber[newHope+strconv.Itoa(i)] = newHope + strconv.Itoa(len(kept))
		kept = append(kept, h)
	}
	f.Hopes = kept
	for i, o := range f.Outcomes {
		if to, ok := renumber[o.Hope]; ok {
			f.Outcomes[i].Hope = to
		}
	}
}

// compact drops the entries nothing was typed in, before the sitting is saved: an "Add another" pressed and not
// used is not a record.
func (f *sittingForm) compact() {
	f.Strengths = slices.DeleteFunc(f.Strengths, strengthEntry.blank)
	f.Network = slices.DeleteFunc(f.Network, memberEntry.blank)
	f.dropHopes(func(i int) bool { return f.Hopes[i].blank() })
	f.Outcomes = slices.DeleteFunc(f.Outcomes, outcomeEntry.blank)
	for i := range f.Outcomes {
		f.Outcomes[i].Solutions = slices.DeleteFunc(f.Outcomes[i].Solutions, solutionEntry.blank)
	}
	f.Solutions = slices.DeleteFunc(f.Solutions, solutionEntry.blank)
	f.number()
}

// number gives every entry its prefix, after entries were added or taken out.
func (f *sittingForm) number() {
	for i := range f.Strengths {
		f.Strengths[i].Prefix = sittings.EntryField(sittings.StrengthField, i, "")
	}
	for i := range f.Network {
		f.Network[i].Prefix = sittings.EntryField(sittings.NetworkField, i, "")
	}
	for i := range f.Hopes {
		f.Hopes[i].Prefix = sittings.EntryField(sittings.HopeField, i, "")
	}
	for i := range f.Outcomes {
		f.Outcomes[i].Prefix = sittings.EntryField(sittings.OutcomeField, i, "")
		for j := range f.Outcomes[i].Solutions {
			f.Outcomes[i].Solutions[j].Prefix = sittings.SolutionOf(i, j, "")
		}
	}
	for i := range f.Solutions {
		f.Solutions[i].Prefix = sittings.EntryField(sittings.SolutionField, i, "")
	}
}

func (f *sittingForm) lastPrefix(list string) string {
	last := func(n int) string { return sittings.EntryField(list, n-1, "") }
	switch list {
	case sittings.StrengthField:
		return last(len(f.Strengths))
	case sittings.NetworkField:
		return last(len(f.Network))
	case sittings.HopeField:
		return last(len(f.Hopes))
	case sittings.OutcomeField:
		return last(len(f.Outcomes))
	}
	return last(len(f.Solutions))
}

// order is the page's fields from top to bottom, for the error summary.
func (f sittingForm) order() []string {
	out := conversationOrder(f.Model)
	add := func(prefix string, fields ...string) {
		for _, field := range fields {
			out = append(out, prefix+field)
		}
	}
	solution := []string{"outcome_ids", "rung", "description", "lower_rungs_reason", "who_when"}
	for _, e := range f.Strengths {
		add(e.Prefix, "kind", "person_words", "observed")
	}
	for _, e := range f.Network {
		add(e.Prefix, "name", "relationship", "phone", "crisis_contact")
	}
	for _, e := range f.Hopes {
		add(e.Prefix, "words", "term")
	}
	for _, e := range f.Outcomes {
		add(e.Prefix, "different", "aspiration_id", "how_we_know", "by_when", "who_involved", "expected", "level_minus2",
			"level_minus1", "level_plus1", "level_plus2", "baseline", "importance", "difficulty", "status")
		for _, s := range e.Solutions {
			add(s.Prefix, solution...)
		}
	}
	for _, e := range f.Solutions {
		add(e.Prefix, solution...)
	}
	return out
}

// sitting turns the entries into the records they add, with the errors only the form can find (a date that is not
// a date, a number that is not one of the choices).
func (f sittingForm) sitting(errs *web.Errors) sittings.Sitting {
	var s sittings.Sitting
	for _, e := range f.Strengths {
		s.Strengths = append(s.Strengths, strengths.Strength{Kind: strengths.Kind(e.Kind), PersonWords: e.Words, Observed: e.Observed})
	}
	for _, e := range f.Network {
		s.Network = append(s.Network, people.NetworkMember{Name: e.Name, Relationship: e.Relationship, Phone: e.Phone, CrisisContact: e.Crisis})
	}
	for _, e := range f.Hopes {
		s.Hopes = append(s.Hopes, outcomes.Aspiration{Term: outcomes.Term(e.Term), Words: e.Words})
	}
	solution := func(e solutionEntry) plans.Solution {
		rung, _ := plans.ParseRung(e.Rung)
		sol := plans.Solution{Rung: rung, Description: e.Description, WhoWhen: e.WhoWhen, LowerRungsReason: e.Reason}
		if e.Outcome != "" {
			sol.OutcomeIDs = []string{e.Outcome}
		}
		return sol
	}
	for _, e := range f.Outcomes {
		s.Outcomes = append(s.Outcomes, e.outcome(errs))
		for _, sol := range e.Solutions {
			last := &s.Outcomes[len(s.Outcomes)-1]
			last.Solutions = append(last.Solutions, solution(sol))
		}
	}
	for _, e := range f.Solutions {
		s.Solutions = append(s.Solutions, solution(e))
	}
	return s
}

// outcome is the entry as the sitting's outcome, adding to errs what only the form can find.
func (e outcomeEntry) outcome(errs *web.Errors) sittings.Outcome {
	o := sittings.Outcome{Outcome: outcomes.Outcome{Different: e.Different, HowWeKnow: e.HowWeKnow, WhoInvolved: e.WhoInvolved,
		Expected: e.Expected, LevelMinus2: e.LevelMinus2, LevelMinus1: e.LevelMinus1, LevelPlus1: e.LevelPlus1, LevelPlus2: e.LevelPlus2}}
	if n, ok := strings.CutPrefix(e.Hope, newHope); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 {
			errs.Add(e.Prefix+"aspiration_id", "Select one of the person's hopes from the list")
		}
		o.Hope = i + 1
	} else {
		o.AspirationID = e.Hope
	}
	if !e.ByWhen.IsEmpty() {
		t, de := e.ByWhen.Parse("Date it should be achieved by")
		errs.AddDate(e.Prefix+"by_when", de)
		o.ByWhen = sqldb.NewDate(t)
	}
	number := func(field, s, message string, lo, hi int) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			errs.Add(e.Prefix+field, message)
			return 0
		}
		return n
	}
	o.Baseline = outcomes.Level(number("baseline", e.Baseline, "Select where the person starts from the list", -2, 0))
	o.Importance = number("importance", e.Importance, "Select how much this matters to the person", 0, 3)
	o.Difficulty = number("difficulty", e.Difficulty, "Select how hard the team thinks this will be", 0, 3)
	return o
}

// checkOutcomes says, beside each new outcome, what it still needs to be SMART, by the outcome's own rule.
func (f *sittingForm) checkOutcomes() {
	for i := range f.Outcomes {
		var ignored web.Errors
		f.Outcomes[i].Missing = f.Outcomes[i].outcome(&ignored).Missing()
	}
}
