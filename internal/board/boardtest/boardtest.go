// Package boardtest builds a council's programme part-way through, for the board report's tests and benchmark:
// discover and dream done and design under way, milestones green, amber and red, risks and a decision needed.
package boardtest

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Programme is what Start made.
type Programme struct {
	Green, Amber, Red programme.Milestone
	TopRisk, LowRisk  programme.Risk
	ClosedRisk        programme.Risk
	Needed            programme.Decision
}

// Start starts council c's programme as its quality lead, dated from today, and fills it.
func Start(tb testing.TB, s *programme.Store, c peopletest.Council, today sqldb.Date) Programme {
	tb.Helper()
	lead := c.Staff[councils.QualityLead]
	ctx := peopletest.As(lead)
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	on := func(days int) sqldb.Date { return sqldb.NewDate(today.AddDate(0, 0, days)) }
	_, err := s.StartProgramme(ctx, programme.Programme{Name: "Strengths-based practice", Aim: "Conversations that start with what matters",
		LeadStaffID: lead.ID, Board: "Programme Board", StartedOn: on(-200)})
	must(err)
	phases, err := s.Phases(ctx)
	must(err)
	for i, st := range []programme.PhaseStatus{programme.PhaseDone, programme.PhaseDone, programme.PhaseUnderWay} {
		p := phases[i]
		p.Status, p.Findings = st, "What the "+string(p.Phase)+" phase found"
		_, err := s.UpdatePhase(ctx, p)
		must(err)
	}
	ws, err := s.Workstreams(ctx)
	must(err)
	var out Programme
	add := func(title string, rag programme.RAG, reason string, due int) programme.Milestone {
		m, err := s.AddMilestone(ctx, programme.Milestone{Title: title, WorkstreamID: ws[0].ID, OwnerStaffID: lead.ID, DueOn: on(due),
			Status: programme.MilestoneInProgress, RAG: rag, RAGReason: reason, Phase: programme.Design})
		must(err)
		return m
	}
	out.Green = add("Practice framework agreed", programme.Green, "", 30)
	out.Amber = add("Supervision policy rewritten", programme.Amber, "Waiting for the union's comments", 20)
	out.Red = add("Case recording system changed", programme.Red, "The supplier has not started", -10)
	risk := func(title string, l, i int, status programme.RiskStatus) programme.Risk {
		r, err := s.AddRisk(ctx, programme.Risk{Title: title, Cause: "A cause", Effect: "An effect", Likelihood: l, Impact: i,
			OwnerStaffID: lead.ID, Mitigation: "A mitigation", ReviewOn: on(30), Status: status})
		must(err)
		return r
	}
	out.TopRisk = risk("Staff turnover in the locality teams", 4, 5, programme.RiskOpen)
	out.LowRisk = risk("Training rooms unavailable", 2, 2, programme.RiskOpen)
	out.ClosedRisk = risk("Funding not agreed", 5, 5, programme.RiskClosed)
	out.Needed, err = s.AddDecision(ctx, programme.Decision{Kind: programme.DecisionNeeded, What: "Approve the new supervision policy",
		RaisedBy: lead.Name, RaisedOn: on(-7), NeededBy: on(14), Decider: "Programme Board", Status: programme.DecisionOpen})
	must(err)
	return out
}
