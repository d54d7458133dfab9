package audits

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// wellHeld is a supervision session that every check finds in order: what went well, a case with its decision,
// the previous session's action done by this one, reflection and wellbeing recorded.
func wellHeld() supervision.Audited {
	return supervision.Audited{
		Session: supervision.Session{ID: "s1", HeldOn: dbtest.Date("2026-04-01"), WentWell: "Ada's plan reads as hers",
			Cases:      []supervision.Case{{PersonID: "p", Discussion: "Her plan", Decision: "Carry on with reablement"}},
			Reflection: "I rush the first visit", Wellbeing: "Better since the rota changed"},
		Previous: []supervision.Action{{What: "Book Ada's review", DueOn: dbtest.Date("2026-03-20"), DoneOn: dbtest.Date("2026-03-18")}},
	}
}

func TestCheckSession(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		change  func(*supervision.Audited)
		check   CheckKey
		want    Result
		summary string // a part of the finding's summary
	}{
		{"what went well is figures to judge", nil, CheckWentWell, Figures, "in 5 words"},
		{"every case has its decision", nil, CheckDecisions, Met, "1 of 1 case discussed with a decision recorded"},
		{"a case without a decision", func(a *supervision.Audited) {
			a.Session.Cases = append(a.Session.Cases, supervision.Case{PersonID: "q", Discussion: "Risk at home"})
		}, CheckDecisions, NotMet, "No decision for case 2"},
		{"no cases discussed", func(a *supervision.Audited) { a.Session.Cases = nil }, CheckDecisions, NotApplicable, "No cases"},
		{"the last session's action done in time", nil, CheckFollowedUp, Met, "1 of 1 action"},
		{"an action due before this session and not done", func(a *supervision.Audited) {
			a.Previous[0].DoneOn = dbtest.Date("2026-04-10")
		}, CheckFollowedUp, NotMet, "Book Ada's review (due 20 March 2026)"},
		{"an action not yet due counts as followed", func(a *supervision.Audited) {
			a.Previous[0].DoneOn, a.Previous[0].DueOn = sqldb.Date{}, dbtest.Date("2026-05-01")
		}, CheckFollowedUp, Met, "1 of 1 action"},
		{"the supervisee's first session", func(a *supervision.Audited) { a.Previous, a.First = nil, true }, CheckFollowedUp, NotApplicable, "first session"},
		{"no actions agreed last time", func(a *supervision.Audited) { a.Previous = nil }, CheckFollowedUp, NotApplicable, "No actions"},
		{"reflection recorded, without its words", nil, CheckReflection, Met, "reflection is recorded"},
		{"no reflection", func(a *supervision.Audited) { a.Session.Reflection = "" }, CheckReflection, NotMet, "not recorded"},
		{"no wellbeing", func(a *supervision.Audited) { a.Session.Wellbeing = "" }, CheckWellbeing, NotMet, "not recorded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := wellHeld()
			if tc.change != nil {
				tc.change(&a)
			}
			fs := CheckSession(a)
			if len(fs) != len(SupervisionChecks()) {
				t.Fatalf("%d findings, want one a check", len(fs))
			}
			for _, f := range fs {
				if strings.Contains(f.Summary, "I rush") || strings.Contains(f.Summary, "rota") {
					t.Errorf("%s gives a personal section's words: %q", f.Check, f.Summary)
				}
				if f.Check != tc.check {
					continue
				}
				if f.Result != tc.want || !strings.Contains(f.Summary, tc.summary) {
					t.Errorf("%s: %s %q; want %s with %q", f.Check, f.Result, f.Summary, tc.want, tc.summary)
				}
				if len(f.Evidence) == 0 || f.Evidence[0].Href != "/supervision/s1" {
					t.Errorf("%s evidence %v; want the supervision record", f.Check, f.Evidence)
				}
			}
		})
	}
}
