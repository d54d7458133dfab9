package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// demoProgrammeDays is how long ago the demo council's programme started: long enough that discover and dream are
// done and design is under way, with seed 001's milestones due on both sides of today.
const demoProgrammeDays = 200

// milestonePlan is where one of seed 001's template milestones stands in the demo: its status and RAG (with the
// reason for an amber or red), when it was done, and how many days ago the change to where it stands was made.
type milestonePlan struct {
	status   programme.MilestoneStatus
	rag      programme.RAG
	reason   string
	doneAgo  int // days ago it was completed; 0 when not done
	changed  int // days ago its status or RAG last changed
	evidence *programme.Evidence
}

var demoMilestones = map[string]milestonePlan{
	"operating-model": {status: programme.MilestoneDone, rag: programme.Green, doneAgo: 52, changed: 52,
		evidence: &programme.Evidence{Kind: programme.EvidenceURL, Ref: "https://intranet.example.org/asc/operating-model-draft", Name: "Draft operating model, as agreed by the Programme Board"}},
	"skills-training": {status: programme.MilestoneDone, rag: programme.Green, doneAgo: 10, changed: 10,
		evidence: &programme.Evidence{Kind: programme.EvidenceMeasure, Ref: "staff-trained-strengths-based"}},
	"structure": {status: programme.MilestoneInProgress, rag: programme.Amber, changed: 20,
		reason: "The draft structure waits on the staff consultation, which closes next month; the Programme Board agreed a new date"},
	"assessment-process": {status: programme.MilestoneInProgress, rag: programme.Green, changed: 45},
	"supervision-process": {status: programme.MilestoneInProgress, rag: programme.Red, changed: 6,
		reason: "The supervision policy review has not started: the practice development lead post is vacant until the new year"},
	"culture-framework": {status: programme.MilestoneInProgress, rag: programme.Amber, changed: 13,
		reason: "The as-is cultural web interviews took longer than planned: two teams are still to visit"},
}

// addProgramme gives the demo council its implementation programme mid-way: discover and dream done, design under
// way, deliver not started; seed 001's milestones loaded from the template, some done, some amber or red with their
// reasons; an action plan with some actions overdue; a risk log whose reviews give each risk its trend; and a few
// decisions waiting for the Programme Board. Everything goes through the programme's store; only the times of the
// history (changes and reviews), which the store stamps with now, are set back to when they happened.
func addProgramme(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	lead, asLead := qualityLead(ctx, staff)
	s := programme.NewStore(db)
	today := db.Today()
	ago := func(days int) sqldb.Date { return sqldb.NewDate(today.AddDate(0, 0, -days)) }
	byRole := map[councils.Role]councils.Staff{}
	for _, st := range staff {
		if _, ok := byRole[st.Role]; !ok {
			byRole[st.Role] = st
		}
	}
	manager, worker := byRole[councils.TeamManager], byRole[councils.Practitioner]
	if _, err := s.StartProgramme(asLead, programme.Programme{Name: "Strengths-based practice: better lives for everyone",
		Aim:         "Every resident who needs support is supported to live their best life, through strengths-based conversations, processes that fit them and a culture that values them.",
		LeadStaffID: lead.ID, Board: "Adult Social Care Programme Board", StartedOn: ago(demoProgrammeDays)}); err != nil {
		return fmt.Errorf("demo programme: %w", err)
	}
	phases, err := s.Phases(asLead)
	if err != nil {
		return fmt.Errorf("demo programme: %w", err)
	}
	plans := map[programme.Phase]programme.PhasePlan{
		programme.Discover: {PlannedStart: ago(200), PlannedEnd: ago(130), Status: programme.PhaseDone,
			Findings: "The file review found good pockets of strengths-based practice, applied unevenly between teams. Staff and experts by experience said conversations too often start from what people cannot do."},
		programme.Dream: {PlannedStart: ago(130), PlannedEnd: ago(90), Status: programme.PhaseDone,
			Findings: "Staff, experts by experience and carers co-produced the vision: \"We start with what matters to you and what you can do.\""},
		programme.Design:  {PlannedStart: ago(90), PlannedEnd: ago(-90), Status: programme.PhaseUnderWay},
		programme.Deliver: {PlannedStart: ago(-90), PlannedEnd: ago(-300), Status: programme.PhaseNotStarted},
	}
	for _, ph := range phases {
		plan := plans[ph.Phase]
		plan.Phase, plan.Version = ph.Phase, ph.Version
		if _, err := s.UpdatePhase(asLead, plan); err != nil {
			return fmt.Errorf("demo programme's %s phase: %w", ph.Phase, err)
		}
	}
	if _, err := s.LoadTemplate(asLead); err != nil {
		return fmt.Errorf("demo programme: %w", err)
	}
	ms, err := s.Milestones(asLead)
	if err != nil {
		return fmt.Errorf("demo programme: %w", err)
	}
	byKey := map[string]programme.Milestone{}
	backdate := map[string]int{} // milestone ID: days ago its last change was made
	for _, m := range ms {
		byKey[m.Template] = m
		plan, ok := demoMilestones[m.Template]
		if !ok {
			continue
		}
		m.Status, m.RAG, m.RAGReason = plan.status, plan.rag, plan.reason
		if plan.doneAgo > 0 {
			m.CompletedOn = ago(plan.doneAgo)
		}
		if _, err := s.UpdateMilestone(asLead, m); err != nil {
			return fmt.Errorf("demo milestone %s: %w", m.Template, err)
		}
		backdate[m.ID] = plan.changed
		if plan.evidence != nil {
			e := *plan.evidence
			e.MilestoneID = m.ID
			if _, err := s.AddEvidence(asLead, e); err != nil {
				return fmt.Errorf("demo milestone %s's evidence: %w", m.Template, err)
			}
		}
	}
	if err := backdateHistory(ctx, db, lead.CouncilID, backdate, demoProgrammeDays-30); err != nil {
		return err
	}
	if err := addProgrammeActions(asLead, s, byKey, lead, manager, worker, ago); err != nil {
		return err
	}
	if err := addProgrammeRisks(ctx, db, asLead, s, lead, manager, ago); err != nil {
		return err
	}
	for _, d := range []programme.Decision{
		{Kind: programme.DecisionNeeded, What: "Approve the draft staff, team and management structure for consultation", RaisedBy: lead.Name,
			RaisedOn: ago(12), NeededBy: ago(-16), Decider: "Adult Social Care Programme Board", Status: programme.DecisionOpen},
		{Kind: programme.DecisionNeeded, What: "Fund a fixed-term practice development lead to take forward the supervision policy review", RaisedBy: lead.Name,
			RaisedOn: ago(6), NeededBy: ago(-9), Decider: "Director of Adult Social Services", Status: programme.DecisionOpen},
		{Kind: programme.DecisionNeeded, What: "Agree that experts by experience are paid for their time on the design workshops", RaisedBy: "Experts by experience forum",
			RaisedOn: ago(20), NeededBy: ago(2), Decider: "Adult Social Care Programme Board", Status: programme.DecisionOpen},
		{Kind: programme.DecisionMade, What: "Adopt the draft strengths-based practice operating model as the basis for design", RaisedBy: lead.Name,
			RaisedOn: ago(60), NeededBy: ago(50), Decider: "Adult Social Care Programme Board", Outcome: "Approved, with the front door's part to be tested first in the North locality",
			Status: programme.DecisionClosed},
		{Kind: programme.Issue, What: "The case recording system's assessment form still asks for deficits first", RaisedBy: manager.Name,
			RaisedOn: ago(30), Decider: "Head of business systems", Status: programme.DecisionOpen},
	} {
		if _, err := s.AddDecision(asLead, d); err != nil {
			return fmt.Errorf("demo programme's decisions: %w", err)
		}
	}
	return nil
}

// backdateHistory sets the history of the demo's milestones to when it happened: each template milestone was loaded
// loadedAgo days ago, and each change since, changed[id] days ago.
func backdateHistory(ctx context.Context, db *sqldb.DB, councilID string, changed map[string]int, loadedAgo int) error {
	now := db.Now()
	return db.InTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE programme_milestone_change SET changed_at = $1 WHERE council_id = $2 AND from_status = ''`,
			now.AddDate(0, 0, -loadedAgo), councilID); err != nil {
			return fmt.Errorf("demo programme's history: %w", err)
		}
		for id, days := range changed {
			if _, err := tx.ExecContext(ctx, `UPDATE programme_milestone_change SET changed_at = $1 WHERE council_id = $2 AND milestone_id = $3 AND from_status <> ''`,
				now.AddDate(0, 0, -days), councilID, id); err != nil {
				return fmt.Errorf("demo programme's history: %w", err)
			}
		}
		return nil
	})
}

func addProgrammeActions(ctx context.Context, s *programme.Store, byKey map[string]programme.Milestone, lead, manager, worker councils.Staff,
	ago func(int) sqldb.Date) error {
	for _, a := range []struct {
		what, how, milestone string
		owner                councils.Staff
		due                  int
		status               programme.ActionStatus
	}{
		{"Run three workshops with staff and experts by experience on the operating model", "Half-day workshops in each locality, with lunch and travel paid", "operating-model", lead, 70, programme.ActionDone},
		{"Book the strengths-based practice skills sessions for every practitioner", "Through the learning programme, two sessions a month", "skills-training", manager, 40, programme.ActionDone},
		{"Train eight practitioners as trainers of the skills course", "Train-the-trainer cohorts in spring and summer", "skills-training", lead, 25, programme.ActionDone},
		{"Consult staff on the draft team structure", "Team meetings and an online survey, with union representatives", "structure", manager, 5, programme.ActionInProgress},
		{"Map the as-is assessment and review process with practitioners", "Process mapping sessions, one for each team", "assessment-process", worker, 12, programme.ActionBlocked},
		{"Draft the new strengths-based assessment form", "With the business systems team and two experts by experience", "assessment-process", worker, -20, programme.ActionInProgress},
		{"Recruit a fixed-term practice development lead", "Business case to the Programme Board first", "supervision-process", lead, 3, programme.ActionNotStarted},
		{"Interview staff in the two remaining teams for the as-is cultural web", "Observation and interviews, written up the same week", "culture-framework", lead, -14, programme.ActionInProgress},
		{"Work out the staff each team needs under the new model", "From the practice study and the staff resource scenarios", "staff-resources", manager, -60, programme.ActionNotStarted},
		{"Set up the monthly practice forum as the community of practice", "First forum on strengths-based conversations at the front door", "", lead, -30, programme.ActionNotStarted},
	} {
		x := programme.Action{What: a.what, How: a.how, OwnerStaffID: a.owner.ID, DueOn: ago(a.due), Status: a.status, MilestoneID: byKey[a.milestone].ID}
		if _, err := s.AddAction(ctx, x); err != nil {
			return fmt.Errorf("demo programme's actions: %w", err)
		}
	}
	return nil
}

// addProgrammeRisks logs eight risks, each re-scored at its reviews, the reviews then set back to the days they
// were held so that each risk's trend tells its story.
func addProgrammeRisks(ctx context.Context, db *sqldb.DB, asLead context.Context, s *programme.Store, lead, manager councils.Staff,
	ago func(int) sqldb.Date) error {
	type score struct{ l, i, ago int }
	for _, r := range []struct {
		title, cause, effect, mitigation string
		owner                            councils.Staff
		scores                           []score // the first when logged
		status                           programme.RiskStatus
	}{
		{"Practitioners leave before the new way of working is embedded", "Vacancies and agency turnover in the localities", "Training is lost and practice slips back",
			"Train-the-trainer builds the council's own trainers; induction includes the skills course", manager, []score{{3, 4, 150}, {4, 4, 60}, {4, 5, 8}}, programme.RiskOpen},
		{"The case recording system cannot change in time", "The supplier's release cycle is six months", "Forms keep asking for deficits first",
			"Interim guidance on what to record where; supplier roadmap agreed", lead, []score{{4, 4, 120}, {4, 4, 30}}, programme.RiskOpen},
		{"Experts by experience drop out of co-production", "Meetings at times and places that do not suit them", "The design loses the voice of the people it is for",
			"Pay for time, meet in the community, offer online", lead, []score{{3, 3, 140}, {2, 3, 45}}, programme.RiskOpen},
		{"Team managers are not confident supervising strengths-based practice", "No supervision training since the new model", "Practice is not reinforced in supervision",
			"Supervisor sessions in the skills programme", manager, []score{{4, 3, 100}, {3, 3, 20}}, programme.RiskOpen},
		{"Budget pressures stop the programme's fixed-term posts", "The council's savings target", "Delivery stalls after design",
			"Case for change shows the savings from better outcomes", lead, []score{{3, 5, 90}, {4, 5, 14}}, programme.RiskOpen},
		{"Partners keep referring for services rather than conversations", "Health and housing colleagues do not know the new approach", "Demand at the front door does not change",
			"Briefings for partners; joint workshops", lead, []score{{3, 3, 80}}, programme.RiskOpen},
		{"Data on outcomes is not good enough to show change", "Outcomes recorded unevenly", "The board cannot see whether the programme works",
			"Measures computed from the record; quarterly audit", lead, []score{{3, 4, 110}, {2, 4, 40}, {2, 3, 10}}, programme.RiskOpen},
		{"The launch event clashes with the winter pressures", "Planned for December", "Few staff attend",
			"Moved to October", manager, []score{{4, 2, 170}, {1, 2, 120}}, programme.RiskClosed},
	} {
		first := r.scores[0]
		x, err := s.AddRisk(asLead, programme.Risk{Title: r.title, Cause: r.cause, Effect: r.effect, Likelihood: first.l, Impact: first.i,
			OwnerStaffID: r.owner.ID, Mitigation: r.mitigation, ReviewOn: ago(first.ago - 30), Status: programme.RiskOpen})
		if err != nil {
			return fmt.Errorf("demo programme's risks: %w", err)
		}
		for i, sc := range r.scores[1:] {
			x.Likelihood, x.Impact, x.ReviewOn = sc.l, sc.i, ago(sc.ago-30)
			if i == len(r.scores)-2 {
				x.Status = r.status
			}
			if x, err = s.UpdateRisk(asLead, x, "Reviewed at the Programme Board"); err != nil {
				return fmt.Errorf("demo programme's risks: %w", err)
			}
		}
		days := make([]int, len(r.scores))
		for i, sc := range r.scores {
			days[i] = sc.ago
		}
		if err := backdateReviews(ctx, db, lead.CouncilID, x.ID, days); err != nil {
			return err
		}
	}
	return nil
}

// backdateReviews sets a risk's reviews, oldest first, to the days they were held: days[i] days ago.
func backdateReviews(ctx context.Context, db *sqldb.DB, councilID, riskID string, days []int) error {
	now := db.Now()
	return db.InTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		var ids []string
		err := sqldb.Each(ctx, tx, `SELECT id FROM programme_risk_review WHERE council_id = $1 AND risk_id = $2 ORDER BY reviewed_at, id`,
			[]any{councilID, riskID}, func(rows *sql.Rows) error {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				ids = append(ids, id)
				return nil
			})
		if err != nil {
			return fmt.Errorf("demo programme's risk reviews: %w", err)
		}
		for i, id := range ids[:min(len(ids), len(days))] {
			if _, err := tx.ExecContext(ctx, `UPDATE programme_risk_review SET reviewed_at = $1 WHERE council_id = $2 AND id = $3`,
				now.Add(-time.Duration(days[i])*24*time.Hour), councilID, id); err != nil {
				return fmt.Errorf("demo programme's risk reviews: %w", err)
			}
		}
		return nil
	})
}
