package safeguarding

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func fields(ps validation.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func sameFields(t *testing.T, name string, got validation.Problems, want []string) {
	t.Helper()
	g := fields(got)
	if len(g) != len(want) {
		t.Errorf("%s: problems %v, want %v", name, g, want)
		return
	}
	for i := range g {
		if g[i] != want[i] {
			t.Errorf("%s: problems %v, want %v", name, g, want)
			return
		}
	}
}

func TestSection42Criteria(t *testing.T) {
	t.Parallel()
	yes := func(r string) Criterion { return Criterion{Met: Yes, Reason: r} }
	no := func(r string) Criterion { return Criterion{Met: No, Reason: r} }
	tests := []struct {
		name   string
		d      Decision
		result Result
		want   []string
	}{
		{"all three met: the duty applies", Decision{Needs: yes("a"), Abuse: yes("b"), Unable: yes("c"), LeadStaffID: "s"}, Section42, nil},
		{"all three met: a choice of none is ignored", Decision{Needs: yes("a"), Abuse: yes("b"), Unable: yes("c"), Choice: None, LeadStaffID: "s"}, Section42, nil},
		{"all three met needs a lead enquirer", Decision{Needs: yes("a"), Abuse: yes("b"), Unable: yes("c")}, Section42, []string{"lead"}},
		{"no care needs: other enquiry under the power", Decision{Needs: no("a"), Abuse: yes("b"), Unable: yes("c"), Choice: Other, Reason: "r", LeadStaffID: "s"}, Other, nil},
		{"able to protect themselves: no enquiry", Decision{Needs: yes("a"), Abuse: yes("b"), Unable: no("c"), Choice: None, Reason: "advice given"}, None, nil},
		{"no abuse: must choose", Decision{Needs: yes("a"), Abuse: no("b"), Unable: no("c")}, "", []string{"choice"}},
		{"an other enquiry needs its reason", Decision{Needs: no("a"), Abuse: yes("b"), Unable: yes("c"), Choice: Other, LeadStaffID: "s"}, Other, []string{"reason"}},
		{"no enquiry needs what happens instead", Decision{Needs: no("a"), Abuse: no("b"), Unable: no("c"), Choice: None}, None, []string{"reason"}},
		{"a section 42 result is not a choice", Decision{Needs: no("a"), Abuse: yes("b"), Unable: yes("c"), Choice: Section42}, "", []string{"choice"}},
		{"every criterion needs an answer and a reason", Decision{Needs: Criterion{Reason: "a"}, Abuse: Criterion{Met: Yes}, Unable: Criterion{}},
			"", []string{"needs", "abuse_reason", "unable", "unable_reason"}},
		{"an unanswered criterion never derives the duty", Decision{Needs: yes("a"), Abuse: yes("b"), Unable: Criterion{Reason: "c"}, Choice: Other, Reason: "r"},
			Other, []string{"unable"}},
	}
	for _, tt := range tests {
		if got := tt.d.Result(); got != tt.result {
			t.Errorf("%s: result %q, want %q", tt.name, got, tt.result)
		}
		sameFields(t, tt.name, tt.d.Validate(), tt.want)
	}
}

func TestConcernValidate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	good := NewConcern{RaisedBy: RaisedByMe, ReceivedAt: now.Add(-time.Hour), WhatHappened: "Bruises on her arms",
		Types: []string{"Physical Abuse"}, Locations: []string{"Own Home"}, Sources: []string{"Other - Known to individual"},
		Alleged: Alleged{Someone: Yes, Name: "Dan", Relationship: "Son", Trust: Yes, AtRisk: No}}
	with := func(f func(*NewConcern)) NewConcern { c := good; f(&c); return c }
	tests := []struct {
		name string
		c    NewConcern
		want []string
	}{
		{"complete", good, nil},
		{"raised by a neighbour", with(func(c *NewConcern) { c.RaisedBy, c.Name, c.Relationship = RaisedByOther, "Sam", "Neighbour" }), nil},
		{"raised by a provider", with(func(c *NewConcern) { c.RaisedBy, c.Name, c.Organisation = RaisedByOther, "Jo", "Homecare Ltd" }), nil},
		{"someone else needs a name and a relationship", with(func(c *NewConcern) { c.RaisedBy = RaisedByOther }), []string{"raiser_name", "raiser_relationship"}},
		{"who raised it", with(func(c *NewConcern) { c.RaisedBy = "" }), []string{"raised_by"}},
		{"received in the future", with(func(c *NewConcern) { c.ReceivedAt = now.Add(time.Hour) }), []string{"received_at"}},
		{"no time received", with(func(c *NewConcern) { c.ReceivedAt = time.Time{} }), []string{"received_at"}},
		{"nothing happened", with(func(c *NewConcern) { c.WhatHappened = "" }), []string{"what_happened"}},
		{"no categories", with(func(c *NewConcern) { c.Types, c.Locations, c.Sources = nil, nil, nil }), []string{"types", "locations", "sources"}},
		{"a category not in the SAC list", with(func(c *NewConcern) { c.Types = []string{"Self-neglect"} }), []string{"types"}},
		{"nobody alleged to have caused it", with(func(c *NewConcern) { c.Alleged = Alleged{Someone: No} }), nil},
		{"nobody alleged: details typed before are dropped", with(func(c *NewConcern) { c.Alleged.Someone, c.Alleged.Trust = No, "maybe" }), nil},
		{"someone whose name is not known", with(func(c *NewConcern) {
			c.Alleged = Alleged{Someone: Yes, Relationship: "Stranger at the door", Trust: No, AtRisk: NotKnown}
		}), nil},
		{"whether anyone is alleged must be answered", with(func(c *NewConcern) { c.Alleged = Alleged{} }), []string{"alleged"}},
		{"someone alleged needs a relationship, trust and risk", with(func(c *NewConcern) { c.Alleged = Alleged{Someone: Yes, Name: "Dan", Trust: "maybe"} }),
			[]string{"alleged_relationship", "alleged_trust", "alleged_at_risk"}},
		{"a relationship of spaces is none", with(func(c *NewConcern) { c.Alleged.Relationship = "   " }), []string{"alleged_relationship"}},
		{"several of each", with(func(c *NewConcern) {
			c.Types = []string{"Financial or Material Abuse", "Psychological Abuse"}
			c.Locations = []string{"Own Home", "In the Community"}
			c.Sources = []string{"Service Provider", "Other - Unknown to individual"}
		}), nil},
	}
	for _, tt := range tests {
		tt.c.Normalise()
		sameFields(t, tt.name, tt.c.Validate(now), tt.want)
	}
}

func TestDecisionDue(t *testing.T) {
	t.Parallel()
	received := time.Date(2026, 3, 27, 16, 30, 0, 0, time.UTC)
	tests := []struct {
		days int
		want time.Time
	}{
		{2, time.Date(2026, 3, 29, 16, 30, 0, 0, time.UTC)},
		{5, time.Date(2026, 4, 1, 16, 30, 0, 0, time.UTC)},
		{0, time.Date(2026, 3, 28, 16, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := DecisionDue(received, tt.days); !got.Equal(tt.want) {
			t.Errorf("%d days: due %v, want %v", tt.days, got, tt.want)
		}
	}
}

func TestMSPStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    MSPStart
		want []string
	}{
		{"outcomes expressed, in their words", MSPStart{Asked: codelists.MSPAskedExpressed, Outcomes: []string{"I want to feel safe at home", " "}}, nil},
		{"expressed needs at least one", MSPStart{Asked: codelists.MSPAskedExpressed, Outcomes: []string{"  "}}, []string{"outcomes"}},
		{"asked, none expressed", MSPStart{Asked: "Yes they were asked but no outcomes were expressed"}, nil},
		{"not asked has no outcomes", MSPStart{Asked: "No", Outcomes: []string{"x"}}, []string{"outcomes"}},
		{"don't know", MSPStart{Asked: "Don't Know"}, nil},
		{"must answer", MSPStart{}, []string{"msp_asked"}},
		{"SAC spelling only", MSPStart{Asked: "Don't know"}, []string{"msp_asked"}},
	}
	for _, tt := range tests {
		tt.m.Normalise()
		sameFields(t, tt.name, tt.m.Validate(), tt.want)
	}
}

func TestStepValidate(t *testing.T) {
	t.Parallel()
	today := dbtest.Date("2026-05-10")
	e := Enquiry{StartedOn: dbtest.Date("2026-05-01"), MSPAsked: codelists.MSPAskedExpressed}
	tests := []struct {
		name string
		e    Enquiry
		s    Step
		want []string
	}{
		{"a step", e, Step{On: dbtest.Date("2026-05-02"), What: "Visited", By: "Sam"}, nil},
		{"Making Safeguarding Personal first", Enquiry{StartedOn: e.StartedOn}, Step{On: dbtest.Date("2026-05-02"), What: "Visited", By: "Sam"}, []string{"msp_asked"}},
		{"not before the enquiry", e, Step{On: dbtest.Date("2026-04-30"), What: "Visited", By: "Sam"}, []string{"taken_on"}},
		{"not in the future", e, Step{On: dbtest.Date("2026-05-11"), What: "Visited", By: "Sam"}, []string{"taken_on"}},
		{"what and who", e, Step{On: today}, []string{"what", "by"}},
	}
	for _, tt := range tests {
		sameFields(t, tt.name, tt.s.Validate(tt.e, today), tt.want)
	}
}

func TestClosingValidate(t *testing.T) {
	t.Parallel()
	today := dbtest.Date("2026-05-10")
	e := Enquiry{StartedOn: dbtest.Date("2026-05-01"), MSPAsked: codelists.MSPAskedExpressed,
		Outcomes: []DesiredOutcome{{ID: "o1", Words: "Stay in my flat"}, {ID: "o2", Words: "My son to stop taking my money"}}}
	good := Closing{On: today, Achieved: map[string]string{"o1": "Fully Achieved", "o2": "Partially Achieved"},
		ActionResult: codelists.RiskIdentifiedActionTaken, RiskOutcome: "Risk reduced", RiskReason: "Bank protections", Capacity: "No, they did not lack capacity"}
	with := func(f func(*Closing)) Closing {
		c := good
		c.Achieved = map[string]string{"o1": "Fully Achieved", "o2": "Partially Achieved"}
		f(&c)
		return c
	}
	tests := []struct {
		name string
		e    Enquiry
		c    Closing
		want []string
	}{
		{"complete", e, good, nil},
		{"every outcome rated", e, with(func(c *Closing) { delete(c.Achieved, "o2") }), []string{"achieved-o2"}},
		{"achieved in the SAC's words", e, with(func(c *Closing) { c.Achieved["o1"] = "Fully achieved" }), []string{"achieved-o1"}},
		{"risk outcome when risk identified and action taken", e, with(func(c *Closing) { c.RiskOutcome, c.RiskReason = "", "" }), []string{"risk_outcome", "risk_reason"}},
		{"no risk outcome otherwise", e, with(func(c *Closing) { c.ActionResult = "No risk identified and no action taken" }), []string{"risk_outcome"}},
		{"no risk, no outcome", e, with(func(c *Closing) {
			c.ActionResult, c.RiskOutcome, c.RiskReason = "No risk identified and no action taken", "", ""
		}), nil},
		{"capacity and action", e, with(func(c *Closing) { c.Capacity, c.ActionResult, c.RiskOutcome = "", "", "" }), []string{"action_result", "capacity"}},
		{"not before it started", e, with(func(c *Closing) { c.On = dbtest.Date("2026-04-01") }), []string{"closed_on"}},
		{"Making Safeguarding Personal first", Enquiry{StartedOn: e.StartedOn}, good, []string{"msp_asked"}},
	}
	for _, tt := range tests {
		sameFields(t, tt.name, tt.c.Validate(tt.e, today), tt.want)
	}
}

func TestOverall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"Fully Achieved"}, "Fully Achieved"},
		{[]string{"Fully Achieved", "Fully Achieved"}, "Fully Achieved"},
		{[]string{"Fully Achieved", "Not Achieved"}, "Partially Achieved"},
		{[]string{"Partially Achieved"}, "Partially Achieved"},
		{[]string{"Not Achieved", "Not Achieved"}, "Not Achieved"},
		{[]string{"Fully Achieved", ""}, ""},
	}
	for _, tt := range tests {
		if got := Overall(tt.in); got != tt.want {
			t.Errorf("Overall(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMakingSafeguardingPersonalJudgements covers every SG4a, SG2c and SG2e value: asked (with or without
// outcomes), a risk identified (with or without action), and a risk reduced or removed.
func TestMakingSafeguardingPersonalJudgements(t *testing.T) {
	t.Parallel()
	asked := map[string]bool{"Yes they were asked and outcomes were expressed": true, "Yes they were asked but no outcomes were expressed": true}
	for _, v := range codelists.MSPAsked.Values() {
		if got := Asked(v); got != asked[v] {
			t.Errorf("Asked(%q) = %v", v, got)
		}
	}
	identified := map[string]bool{"Risk identified and action taken": true, "Risk identified and no action taken": true}
	for _, v := range codelists.SafeguardingActionResult.Values() {
		if got := RiskIdentified(v); got != identified[v] {
			t.Errorf("RiskIdentified(%q) = %v", v, got)
		}
	}
	reduced := map[string]bool{"Risk reduced": true, "Risk removed": true}
	for _, v := range append(codelists.SafeguardingRiskOutcome.Values(), "") {
		if got := RiskReducedOrRemoved(v); got != reduced[v] {
			t.Errorf("RiskReducedOrRemoved(%q) = %v", v, got)
		}
	}
	if Asked("") || RiskIdentified("") {
		t.Error("nothing recorded is read as asked or as a risk identified")
	}
}

func TestFinancialYearToDate(t *testing.T) {
	t.Parallel()
	tests := []struct{ today, from, to string }{
		{"2026-05-10", "2026-04-01", "2026-05-10"},
		{"2026-03-31", "2025-04-01", "2026-03-31"},
		{"2026-04-01", "2026-04-01", "2026-04-01"},
		{"2026-01-15", "2025-04-01", "2026-01-15"},
		{"2026-12-04", "2026-04-01", "2026-12-04"},
		{"2024-02-29", "2023-04-01", "2024-02-29"},
	}
	for _, tt := range tests {
		from, to := FinancialYearToDate(dbtest.Date(tt.today))
		if from.String() != tt.from || to.String() != tt.to {
			t.Errorf("%s: %s to %s, want %s to %s", tt.today, from, to, tt.from, tt.to)
		}
	}
}

func TestInvolvedValidate(t *testing.T) {
	t.Parallel()
	sameFields(t, "complete", Involved{Name: "Sam", Role: Advocate}.Validate(), nil)
	sameFields(t, "empty", Involved{Role: "friend"}.Validate(), []string{"name", "role"})
}

func TestRelationshipOf(t *testing.T) {
	t.Parallel()
	set := councils.Settings{SafeguardingRoles: councils.NewRoleSet(councils.TeamManager, councils.QualityLead)}
	leading := set
	leading.PractitionersLeadEnquiries = true
	worker := councils.Staff{ID: "w", Role: councils.Practitioner}
	manager := councils.Staff{ID: "m", Role: councils.TeamManager}
	tests := []struct {
		name        string
		set         councils.Settings
		staff       councils.Staff
		lead        string
		want        string
		seesAlleged bool
	}{
		{"a team manager in the safeguarding roles", set, manager, "", RelationshipRole, true},
		{"a team manager leading another's enquiry", set, manager, "w", RelationshipRole, true},
		{"the quality lead", set, councils.Staff{ID: "q", Role: councils.QualityLead}, "", RelationshipRole, true},
		{"a practitioner outside the safeguarding roles", set, worker, "", "", false},
		{"a practitioner named lead where the council does not let them lead", set, worker, "w", "", false},
		{"a practitioner leading the enquiry where the council lets them", leading, worker, "w", RelationshipLead, false},
		{"a practitioner not leading this enquiry", leading, worker, "someone else", "", false},
		{"a practitioner before any enquiry started", leading, worker, "", "", false},
		{"practitioners in the safeguarding roles", councils.Settings{SafeguardingRoles: councils.NewRoleSet(councils.Practitioner)}, worker, "", RelationshipRole, true},
		{"an administrator outside the safeguarding roles", leading, councils.Staff{ID: "a", Role: councils.Administrator}, "a", "", false},
		{"finance never", leading, councils.Staff{ID: "f", Role: councils.Finance}, "f", "", false},
		{"the command line has no relationship", set, councils.Staff{Role: councils.TeamManager}, "", "", false},
	}
	for _, tt := range tests {
		if got := RelationshipOf(tt.set, tt.staff, tt.lead); got != tt.want {
			t.Errorf("%s: relationship %q, want %q", tt.name, got, tt.want)
		}
		if got := SeesAlleged(tt.set, tt.staff); got != tt.seesAlleged {
			t.Errorf("%s: sees who is alleged to have caused harm %v, want %v", tt.name, got, tt.seesAlleged)
		}
	}
}

func TestLookedAtBy(t *testing.T) {
	t.Parallel()
	roles := councils.NewRoleSet(councils.TeamManager, councils.QualityLead)
	tests := []struct{ name, lead, decidedBy, want string }{
		{"waiting for the decision", "", "", "The safeguarding team: Team manager, Principal social worker or quality lead"},
		{"decided, no enquiry", "", "Sam Manager", "Sam Manager"},
		{"an enquiry has a lead", "Lee Lead", "Sam Manager", "Lee Lead, the lead enquirer"},
	}
	for _, tt := range tests {
		if got := LookedAtBy(tt.lead, tt.decidedBy, roles); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
