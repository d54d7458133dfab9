package programme_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// started starts council c's programme as its quality lead.
func started(t *testing.T, s *programme.Store, c peopletest.Council) context.Context {
	t.Helper()
	ql := peopletest.As(c.Staff[councils.QualityLead])
	_, err := s.StartProgramme(ql, programme.Programme{Name: "Strengths-based practice", Aim: "Better outcomes",
		LeadStaffID: c.Staff[councils.QualityLead].ID, Board: "Programme Board", StartedOn: day(2026, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return ql
}

func TestAProgrammeStartsWithItsPhasesAndWorkstreamsBehindTheWall(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := programme.NewStore(db)
		ql := started(t, s, a)
		if _, err := s.StartProgramme(ql, programme.Programme{Name: "Again", StartedOn: day(2026, 2, 1)}); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a second programme was started: %v", err)
		}
		p, err := s.Programme(peopletest.As(a.Staff[councils.ProgrammeLead]))
		if err != nil || p.Name != "Strengths-based practice" || p.LeadName != a.Staff[councils.QualityLead].Name || p.Version != 1 {
			t.Fatalf("the programme: %+v, %v", p, err)
		}
		phases, err := s.Phases(ql)
		if err != nil || len(phases) != 4 || phases[0].Phase != programme.Discover || phases[3].Phase != programme.Deliver {
			t.Fatalf("phases %+v, %v", phases, err)
		}
		ws, err := s.Workstreams(ql)
		if err != nil || len(ws) != 3 || ws[0].Standard != programme.PracticeWorkstream {
			t.Fatalf("workstreams %+v, %v", ws, err)
		}
		// council B sees none of it, and its own programme is its own
		bq := peopletest.As(b.Staff[councils.QualityLead])
		if _, err := s.Programme(bq); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's programme: %v", err)
		}
		if _, err := s.Workstream(bq, ws[0].ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's workstream: %v", err)
		}
		if _, err := s.UpdateWorkstream(bq, programme.Workstream{ID: ws[0].ID, Name: "Ours", Version: 1}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changed council A's workstream: %v", err)
		}
		// roles
		for _, r := range councils.Roles {
			ctx := peopletest.As(a.Staff[r])
			_, readErr := s.Phases(ctx)
			if wantRead := r.ReadsProgramme(); (readErr == nil) != wantRead {
				t.Errorf("%s reading the phases: %v", r, readErr)
			}
			_, addErr := s.AddWorkstream(ctx, programme.Workstream{Name: "By " + string(r)})
			if wantChange := r.ChangesProgramme(); (addErr == nil) != wantChange {
				t.Errorf("%s adding a workstream: %v", r, addErr)
			}
			if !r.ChangesProgramme() && !errors.Is(addErr, sqldb.ErrForbidden) {
				t.Errorf("%s adding a workstream: %v, want forbidden", r, addErr)
			}
		}
		// a phase: stale saves conflict, bad dates are refused
		d := phases[1]
		d.Status, d.Findings, d.PlannedStart, d.PlannedEnd = programme.PhaseDone, "A shared vision", day(2026, 2, 1), day(2026, 3, 1)
		saved, err := s.UpdatePhase(ql, d)
		if err != nil || saved.Version != 2 {
			t.Fatalf("change the dream phase: %+v, %v", saved, err)
		}
		if _, err := s.UpdatePhase(ql, d); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale save of the phase: %v", err)
		}
		saved.PlannedEnd = day(2026, 1, 1)
		if _, err := s.UpdatePhase(ql, saved); !hasProblem(err, "planned_end") {
			t.Errorf("an end before the start: %v", err)
		}
	})
}

func hasProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return false
	}
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

func TestMilestonesKeepTheirHistoryAndTheTemplateLoadsOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := programme.NewStore(db)
		ql := started(t, s, a)
		n, err := s.LoadTemplate(ql)
		if err != nil || n != 9 {
			t.Fatalf("loaded %d milestones (%v), want 9", n, err)
		}
		again, err := s.LoadTemplate(peopletest.As(a.Staff[councils.ProgrammeLead]))
		if err != nil || again != 0 {
			t.Fatalf("loading again added %d (%v), want none", again, err)
		}
		ms, err := s.Milestones(ql)
		if err != nil || len(ms) != 9 {
			t.Fatalf("milestones %d, %v", len(ms), err)
		}
		if ms[0].DueOn.String() != "2026-06-01" || !ms[8].DueOn.IsZero() || ms[0].OwnerStaffID != a.Staff[councils.QualityLead].ID {
			t.Errorf("first milestone due %s owned by %s, last due %s", ms[0].DueOn, ms[0].OwnerStaffID, ms[8].DueOn)
		}
		if _, err := s.LoadTemplate(peopletest.As(b.Staff[councils.QualityLead])); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B, with no programme, loaded the template: %v", err)
		}
		// the first status is history; turning red needs a reason; each change is kept
		before := time.Now().Add(-time.Hour)
		m := ms[0]
		m.RAG = programme.Red
		if _, err := s.UpdateMilestone(ql, m); !hasProblem(err, "rag_reason") {
			t.Fatalf("red with no reason: %v", err)
		}
		m.RAGReason = "The operating model's draft is waiting on legal advice"
		m.Status = programme.MilestoneInProgress
		red, err := s.UpdateMilestone(ql, m)
		if err != nil {
			t.Fatal(err)
		}
		red.Notes = "Only the notes change"
		if red, err = s.UpdateMilestone(ql, red); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateMilestone(ql, m); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale save: %v", err)
		}
		hist, err := s.MilestoneHistory(ql, m.ID)
		if err != nil || len(hist) != 2 {
			t.Fatalf("history %+v, %v: want its loading and its turning red", hist, err)
		}
		last := hist[1]
		if last.FromRAG != programme.Green || last.ToRAG != programme.Red || last.FromStatus != programme.MilestoneNotStarted ||
			last.ToStatus != programme.MilestoneInProgress || last.Reason != m.RAGReason || last.ChangedByName != a.Staff[councils.QualityLead].Name {
			t.Errorf("the change to red: %+v", last)
		}
		changes, err := s.MilestoneChanges(ql, before)
		if err != nil || len(changes) != 10 {
			t.Errorf("changes since an hour ago: %d, %v, want nine loaded and one turned red", len(changes), err)
		}
		since, err := s.MilestoneChanges(ql, last.ChangedAt)
		if err != nil || len(since) != 0 {
			t.Errorf("changes since the last: %d, %v", len(since), err)
		}
		got, err := s.Milestone(peopletest.As(a.Staff[councils.TeamManager]), m.ID)
		if err != nil || got.RAG != programme.Red || got.RAGReason != m.RAGReason || got.Notes != "Only the notes change" {
			t.Errorf("the red milestone: %+v, %v", got, err)
		}
		bq := peopletest.As(b.Staff[councils.QualityLead])
		if _, err := s.Milestone(bq, m.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's milestone: %v", err)
		}
		if hist, err := s.MilestoneChanges(bq, time.Time{}); err != nil || len(hist) != 0 {
			t.Errorf("council B read council A's changes: %d, %v", len(hist), err)
		}
		// owners and workstreams are the council's own
		m2 := programme.Milestone{Title: "Theirs", WorkstreamID: m.WorkstreamID, OwnerStaffID: b.Staff[councils.QualityLead].ID,
			Status: programme.MilestoneNotStarted, RAG: programme.Green}
		if _, err := s.AddMilestone(ql, m2); !hasProblem(err, "owner") {
			t.Errorf("an owner from council B: %v", err)
		}
		// evidence: a link, an audit round that is not the council's, a measure, a document
		e, err := s.AddEvidence(ql, programme.Evidence{MilestoneID: m.ID, Kind: programme.EvidenceURL, Ref: "https://example.org/model.pdf", Name: "Draft model"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEvidence(ql, programme.Evidence{MilestoneID: m.ID, Kind: programme.EvidenceAuditRound, Ref: "nope"}); !hasProblem(err, "audit_round") {
			t.Errorf("an audit round not the council's: %v", err)
		}
		if _, err := s.AddEvidence(ql, programme.Evidence{MilestoneID: m.ID, Kind: programme.EvidenceURL, Ref: "javascript:alert(1)"}); !hasProblem(err, "url") {
			t.Errorf("a script as a link: %v", err)
		}
		doc, err := s.AddEvidence(ql, programme.Evidence{MilestoneID: m.ID, Kind: programme.EvidenceDocument, Name: "notes.txt", Content: []byte("Board minutes: approved.")})
		if err != nil || doc.MediaType != "text/plain" {
			t.Fatalf("a document: %+v, %v", doc, err)
		}
		read, err := s.Document(ql, m.ID, doc.ID)
		if err != nil || string(read.Content) != "Board minutes: approved." {
			t.Errorf("the document read back: %q, %v", read.Content, err)
		}
		if _, err := s.Document(bq, m.ID, doc.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's document: %v", err)
		}
		got, err = s.Milestone(ql, m.ID)
		if err != nil || len(got.Evidence) != 2 || got.Evidence[0].ID != e.ID {
			t.Errorf("evidence: %+v, %v", got.Evidence, err)
		}
	})
}

func TestActionsRisksAndDecisions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := programme.NewStore(db)
		ql := started(t, s, a)
		pl := peopletest.As(a.Staff[councils.ProgrammeLead])
		bq := peopletest.As(b.Staff[councils.QualityLead])
		owner := a.Staff[councils.TeamManager].ID
		act, err := s.AddAction(pl, programme.Action{What: "Run the launch event", OwnerStaffID: owner, DueOn: day(2026, 2, 1),
			How: "Book the hall", Status: programme.ActionNotStarted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAction(pl, programme.Action{What: "x", OwnerStaffID: owner, DueOn: day(2026, 2, 1), Status: programme.ActionDone, MilestoneID: "nope"}); !hasProblem(err, "milestone") {
			t.Errorf("an action linked to no milestone: %v", err)
		}
		act.Status = programme.ActionDone
		done, err := s.UpdateAction(pl, act)
		if err != nil || done.CompletedOn.IsZero() {
			t.Fatalf("done: %+v, %v", done, err)
		}
		if _, err := s.Action(bq, act.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's action: %v", err)
		}

		r, err := s.AddRisk(ql, programme.Risk{Title: "Staff turnover", Cause: "Vacancies", Effect: "Training lost", Likelihood: 3,
			Impact: 4, OwnerStaffID: owner, Mitigation: "Train the trainers", ReviewOn: day(2026, 2, 1), Status: programme.RiskOpen})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Risk(ql, r.ID)
		if err != nil || got.Trend() != programme.TrendNew || got.Band() != programme.BandHigh {
			t.Fatalf("a new risk: %+v %s %s, %v", got, got.Trend(), got.Band(), err)
		}
		got.Likelihood = 4
		if got, err = s.UpdateRisk(ql, got, "More leavers this quarter"); err != nil {
			t.Fatal(err)
		}
		got.Mitigation = "Wording only"
		if _, err = s.UpdateRisk(ql, got, ""); err != nil {
			t.Fatal(err)
		}
		got, err = s.Risk(ql, r.ID)
		if err != nil || len(got.Reviews) != 2 || got.Trend() != programme.TrendRising || got.Band() != programme.BandVeryHigh {
			t.Fatalf("a re-scored risk: %d reviews, %s %s, %v", len(got.Reviews), got.Trend(), got.Band(), err)
		}
		got.ReviewOn = day(2026, 3, 1)
		if got, err = s.UpdateRisk(ql, got, "Reviewed, no change"); err != nil {
			t.Fatal(err)
		}
		got, err = s.Risk(ql, r.ID)
		if err != nil || len(got.Reviews) != 3 || got.Trend() != programme.TrendSteady || got.Reviews[2].Note != "Reviewed, no change" {
			t.Errorf("a review that kept the score: %d reviews, %s, %v", len(got.Reviews), got.Trend(), err)
		}
		got.Impact = 9
		if _, err := s.UpdateRisk(ql, got, ""); !hasProblem(err, "impact") {
			t.Errorf("an impact of 9: %v", err)
		}
		if rs, err := s.Risks(bq); err != nil || len(rs) != 0 {
			t.Errorf("council B's risk log: %d, %v", len(rs), err)
		}
		if _, err := s.AddRisk(peopletest.As(a.Staff[councils.TeamManager]), r); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager logged a risk: %v", err)
		}

		d, err := s.AddDecision(ql, programme.Decision{Kind: programme.DecisionNeeded, What: "Approve the culture framework",
			RaisedBy: "Principal Social Worker", RaisedOn: day(2026, 1, 5), NeededBy: day(2026, 2, 1), Decider: "Programme Board",
			Status: programme.DecisionOpen})
		if err != nil || !d.Needed() {
			t.Fatalf("a decision needed: %+v, %v", d, err)
		}
		d.Kind = programme.DecisionMade
		if _, err := s.UpdateDecision(ql, d); !hasProblem(err, "outcome") {
			t.Errorf("a decision made with no outcome: %v", err)
		}
		d.Outcome, d.Status = "Approved with changes", programme.DecisionClosed
		made, err := s.UpdateDecision(ql, d)
		if err != nil || made.DecidedOn.IsZero() || made.Needed() {
			t.Errorf("the decision made: %+v, %v", made, err)
		}
		if _, err := s.Decision(bq, d.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's decision: %v", err)
		}
	})
}
