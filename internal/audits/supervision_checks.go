package audits

import (
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// The computed checks of a supervision record: what the supervision audit tool asks that the session's record can
// answer (seeds/004, "Staff Supervision and Support").
const (
	CheckWentWell   CheckKey = "went_well"
	CheckDecisions  CheckKey = "case_decisions"
	CheckFollowedUp CheckKey = "actions_followed"
	CheckReflection CheckKey = "reflection"
	CheckWellbeing  CheckKey = "wellbeing"
)

// SupervisionChecks lists the checks of a supervision record in order.
func SupervisionChecks() []CheckKey {
	return []CheckKey{CheckWentWell, CheckDecisions, CheckFollowedUp, CheckReflection, CheckWellbeing}
}

// ChecksOf lists the checks of what a tool of kind audits.
func ChecksOf(k Kind) []CheckKey {
	if k == Supervision {
		return SupervisionChecks()
	}
	return Checks()
}

// CheckSession works out every computed check of one supervision session's record: the one place each is decided,
// as Check is for an episode. A finding says whether the personal sections hold anything, never what they hold,
// because findings are counted across a round.
func CheckSession(a supervision.Audited) []Finding {
	x := a.Session
	href := paths.SupervisionSession.URL(x.ID)
	session := []Evidence{{"The supervision record", href}}
	out := make([]Finding, 0, len(SupervisionChecks()))
	for _, k := range SupervisionChecks() {
		var f Finding
		switch k {
		case CheckWentWell:
			f = Finding{Result: Figures, Summary: fmt.Sprintf("What has gone well comes first, in %s", plural(len(strings.Fields(x.WentWell)), "word", "words")),
				Evidence: session}
		case CheckDecisions:
			f = decisions(x, session)
		case CheckFollowedUp:
			f = followedUp(a, session)
		case CheckReflection:
			f = recorded(x.Reflection, "The supervisee’s reflection", session)
		case CheckWellbeing:
			f = recorded(x.Wellbeing, "The supervisee’s wellbeing", session)
		}
		f.Check = k
		out = append(out, f)
	}
	return out
}

func decisions(x supervision.Session, session []Evidence) Finding {
	if len(x.Cases) == 0 {
		return Finding{Result: NotApplicable, Summary: "No cases were discussed", Evidence: session}
	}
	var without []int
	for i, c := range x.Cases {
		if c.Decision == "" {
			without = append(without, i+1)
		}
	}
	f := Finding{Result: Met, Summary: fmt.Sprintf("%d of %s discussed with a decision recorded", len(x.Cases)-len(without),
		plural(len(x.Cases), "case", "cases")), Evidence: session}
	if len(without) > 0 {
		f.Result = NotMet
		nums := make([]string, len(without))
		for i, n := range without {
			nums[i] = fmt.Sprint(n)
		}
		f.Summary += ". No decision for case " + strings.Join(nums, ", ")
	}
	return f
}

// followedUp looks at the actions agreed at the supervisee's session before this one: each should be done by this
// session, or not yet due at it.
func followedUp(a supervision.Audited, session []Evidence) Finding {
	switch {
	case a.First:
		return Finding{Result: NotApplicable, Summary: "This was the supervisee’s first session", Evidence: session}
	case len(a.Previous) == 0:
		return Finding{Result: NotApplicable, Summary: "No actions were agreed at the session before", Evidence: session}
	}
	held := a.Session.HeldOn
	var late []string
	for _, p := range a.Previous {
		doneBy := !p.DoneOn.IsZero() && !p.DoneOn.After(held.Time)
		if !doneBy && !p.DueOn.After(held.Time) {
			late = append(late, fmt.Sprintf("%s (due %s)", p.What, p.DueOn.Format("2 January 2006")))
		}
	}
	f := Finding{Result: Met, Summary: fmt.Sprintf("%d of %s agreed at the session before done by this one, or not yet due",
		len(a.Previous)-len(late), plural(len(a.Previous), "action", "actions")), Evidence: session}
	if len(late) > 0 {
		f.Result = NotMet
		f.Summary += ". Not done by this session: " + strings.Join(late, "; ")
	}
	return f
}

func recorded(text, what string, session []Evidence) Finding {
	if text == "" {
		return Finding{Result: NotMet, Summary: what + " is not recorded", Evidence: session}
	}
	return Finding{Result: Met, Summary: what + " is recorded", Evidence: session}
}
