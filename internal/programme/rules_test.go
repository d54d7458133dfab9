package programme_test

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func day(y int, m time.Month, d int) sqldb.Date {
	return sqldb.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func TestTheRAGRuleWantsAReasonForAmberAndRed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rag    programme.RAG
		reason string
		field  string // the field of the one problem, or "" for none
	}{
		{programme.Green, "", ""},
		{programme.Green, "on track", ""},
		{programme.Amber, "", "rag_reason"},
		{programme.Amber, "   ", "rag_reason"},
		{programme.Amber, "Trainer off sick: two sessions moved", ""},
		{programme.Red, "", "rag_reason"},
		{programme.Red, "No budget agreed", ""},
		{"", "", "rag"},
		{"purple", "why", "rag"},
	} {
		ps := programme.ValidateRAG(c.rag, c.reason)
		got := ""
		if len(ps) > 0 {
			got = ps[0].Field
		}
		if got != c.field || len(ps) > 1 {
			t.Errorf("ValidateRAG(%q, %q) = %v, want a problem with %q", c.rag, c.reason, ps, c.field)
		}
	}
}

func TestAMilestoneGreenDropsItsReasonAndADoneOneHasItsDate(t *testing.T) {
	t.Parallel()
	base := programme.Milestone{Title: "Operating model", WorkstreamID: "w", OwnerStaffID: "s", Status: programme.MilestoneInProgress}
	for _, c := range []struct {
		name  string
		edit  func(*programme.Milestone)
		field string
	}{
		{"green with a reason kept none", func(m *programme.Milestone) { m.RAG, m.RAGReason = programme.Green, "stale" }, ""},
		{"red with no reason", func(m *programme.Milestone) { m.RAG = programme.Red }, "rag_reason"},
		{"done with no date", func(m *programme.Milestone) { m.RAG, m.Status = programme.Green, programme.MilestoneDone }, "completed_on"},
		{"in progress with a completed date", func(m *programme.Milestone) { m.RAG, m.CompletedOn = programme.Green, day(2026, 1, 2) }, "completed_on"},
		{"no title", func(m *programme.Milestone) { m.RAG, m.Title = programme.Green, " " }, "title"},
		{"a phase not of the four", func(m *programme.Milestone) { m.RAG, m.Phase = programme.Green, "dawdle" }, "phase"},
	} {
		m := base
		c.edit(&m)
		m.Normalise()
		ps := m.Validate()
		got := ""
		if len(ps) > 0 {
			got = ps[0].Field
		}
		if got != c.field || len(ps) > 1 {
			t.Errorf("%s: problems %v, want one with %q", c.name, ps, c.field)
		}
		if m.RAG == programme.Green && m.RAGReason != "" {
			t.Errorf("%s: a green milestone kept the reason %q", c.name, m.RAGReason)
		}
	}
}

func TestRiskScoreBandsAndTrend(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		likelihood, impact, score int
		band                      programme.Band
	}{
		{1, 1, 1, programme.BandLow},
		{2, 2, 4, programme.BandLow},
		{1, 5, 5, programme.BandMedium},
		{3, 3, 9, programme.BandMedium},
		{2, 5, 10, programme.BandHigh},
		{3, 4, 12, programme.BandHigh},
		{2, 7, 14, programme.BandHigh},
		{3, 5, 15, programme.BandVeryHigh},
		{4, 4, 16, programme.BandVeryHigh},
		{5, 5, 25, programme.BandVeryHigh},
	} {
		r := programme.Risk{Likelihood: c.likelihood, Impact: c.impact}
		if r.Score() != c.score || r.Band() != c.band {
			t.Errorf("%d × %d: score %d band %s, want %d %s", c.likelihood, c.impact, r.Score(), r.Band(), c.score, c.band)
		}
	}
	rv := func(l, i int) programme.RiskReview { return programme.RiskReview{Likelihood: l, Impact: i} }
	for _, c := range []struct {
		name    string
		reviews []programme.RiskReview
		want    programme.Trend
	}{
		{"never scored", nil, programme.TrendNew},
		{"scored once", []programme.RiskReview{rv(3, 3)}, programme.TrendNew},
		{"up", []programme.RiskReview{rv(2, 3), rv(3, 3)}, programme.TrendRising},
		{"same score, other parts", []programme.RiskReview{rv(2, 3), rv(3, 2)}, programme.TrendSteady},
		{"down", []programme.RiskReview{rv(4, 4), rv(3, 4)}, programme.TrendFalling},
		{"only the last two count", []programme.RiskReview{rv(5, 5), rv(1, 1), rv(2, 1)}, programme.TrendRising},
	} {
		if got := programme.TrendOf(c.reviews); got != c.want {
			t.Errorf("%s: trend %s, want %s", c.name, got, c.want)
		}
	}
}

func TestOverdueAndLate(t *testing.T) {
	t.Parallel()
	today := day(2026, 3, 10)
	for _, c := range []struct {
		name string
		due  sqldb.Date
		done bool
		want bool
	}{
		{"yesterday, not done", day(2026, 3, 9), false, true},
		{"yesterday, done", day(2026, 3, 9), true, false},
		{"today is still in time", today, false, false},
		{"tomorrow", day(2026, 3, 11), false, false},
		{"no date", sqldb.Date{}, false, false},
	} {
		if got := programme.Overdue(c.due, today, c.done); got != c.want {
			t.Errorf("%s: overdue %v, want %v", c.name, got, c.want)
		}
	}
	a := programme.Action{DueOn: day(2026, 3, 1), Status: programme.ActionBlocked}
	if !a.Overdue(today) {
		t.Error("a blocked action past its date is not overdue")
	}
	a.Status = programme.ActionDone
	if a.Overdue(today) {
		t.Error("a done action is overdue")
	}
	r := programme.Risk{ReviewOn: day(2026, 3, 1), Status: programme.RiskClosed}
	if r.ReviewOverdue(today) {
		t.Error("a closed risk's review is overdue")
	}
	r.Status = programme.RiskOpen
	if !r.ReviewOverdue(today) {
		t.Error("an open risk past its review date is not overdue for review")
	}
	for _, c := range []struct {
		name string
		p    programme.PhasePlan
		want bool
	}{
		{"under way past its end", programme.PhasePlan{Status: programme.PhaseUnderWay, PlannedEnd: day(2026, 3, 1)}, true},
		{"not started past its end", programme.PhasePlan{Status: programme.PhaseNotStarted, PlannedEnd: day(2026, 3, 9)}, true},
		{"done past its end", programme.PhasePlan{Status: programme.PhaseDone, PlannedEnd: day(2026, 3, 1)}, false},
		{"ends today", programme.PhasePlan{Status: programme.PhaseUnderWay, PlannedEnd: today}, false},
		{"no end planned", programme.PhasePlan{Status: programme.PhaseUnderWay}, false},
	} {
		if got := c.p.Late(today); got != c.want {
			t.Errorf("%s: late %v, want %v", c.name, got, c.want)
		}
	}
	d := programme.Decision{Kind: programme.DecisionNeeded, Status: programme.DecisionOpen, NeededBy: day(2026, 3, 1)}
	if !d.Needed() || !d.NeededOverdue(today) {
		t.Error("an open decision needed by last week is not needed and overdue")
	}
	d.Status = programme.DecisionClosed
	if d.Needed() || d.NeededOverdue(today) {
		t.Error("a closed decision is still needed")
	}
}

func TestTheTemplateShiftsSeed001sDatesToTheProgrammesStart(t *testing.T) {
	t.Parallel()
	tmpl := programme.MilestoneTemplate()
	if len(tmpl) != 9 {
		t.Fatalf("the template has %d milestones, want seed 001's nine", len(tmpl))
	}
	keys := map[string]bool{}
	for _, m := range tmpl {
		if keys[m.Key] {
			t.Errorf("key %q is used twice", m.Key)
		}
		keys[m.Key] = true
	}
	for _, c := range []struct {
		start sqldb.Date
		key   string
		want  sqldb.Date
	}{
		{programme.TemplateStart, "operating-model", day(2024, 5, 31)},
		{programme.TemplateStart, "implementation-plan", day(2024, 10, 11)},
		{day(2026, 1, 1), "operating-model", day(2026, 6, 1)}, // 151 days on: 2024 had a 29 February, 2026 has none
		{day(2025, 9, 1), "skills-training", day(2026, 3, 6)}, // 5 July 2024 is 186 days after 1 January
		{day(2026, 1, 1), "delivery-plan", sqldb.Date{}},      // TBC stays to be confirmed
		{sqldb.Date{}, "operating-model", sqldb.Date{}},       // no start, no date
	} {
		var got sqldb.Date
		for _, m := range tmpl {
			if m.Key == c.key {
				got = m.ShiftedDue(c.start)
			}
		}
		if !got.Equal(c.want.Time) {
			t.Errorf("%s from %s: due %s, want %s", c.key, c.start, got, c.want)
		}
	}
}
