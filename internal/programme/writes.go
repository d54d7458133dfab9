package programme

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// change runs fn in a write transaction for a member of staff who may change the programme, refusing a council
// with no programme yet.
func (s *Store) change(ctx context.Context, fn func(tx *sqldb.Tx, st councils.Staff) error) error {
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readProgramme(ctx, tx); err != nil {
			return err
		}
		return fn(tx, st)
	})
}

// problems is ps as an error, or nil when there are none.
func problems(ps validation.Problems) error {
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// isStaff adds a problem with field unless id is a member of the council's staff.
func isStaff(ctx context.Context, tx *sqldb.Tx, ps *validation.Problems, field, id, message string) error {
	if id == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&n); err != nil {
		return fmt.Errorf("check a member of staff: %w", err)
	}
	if n == 0 {
		ps.Append(field, message)
	}
	return nil
}

// StartProgramme starts the council's programme, with its four phases and the three standard workstreams: for its
// owners. A council has one programme; starting a second is sqldb.ErrConflict.
func (s *Store) StartProgramme(ctx context.Context, p Programme) (Programme, error) {
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return Programme{}, err
	}
	p.Normalise()
	p.Version = 1
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readProgramme(ctx, tx); err == nil {
			return fmt.Errorf("the council's programme is already started: %w", sqldb.ErrConflict)
		} else if !errors.Is(err, sqldb.ErrNotFound) {
			return err
		}
		ps := p.Validate()
		if err := isStaff(ctx, tx, &ps, "lead", p.LeadStaffID, "Select who leads the programme from the list"); err != nil {
			return err
		}
		if err := problems(ps); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, sqldb.Insert("programme", []string{"council_id", "name", "aim", "lead_staff_id",
			"board", "started_on", "version", "created_at", "created_by", "updated_at", "updated_by"}),
			tx.Council(), p.Name, p.Aim, p.LeadStaffID, p.Board, p.StartedOn, 1, tx.Now(), st.ID, tx.Now(), st.ID); err != nil {
			return fmt.Errorf("add the programme: %w", err)
		}
		for _, ph := range Phases {
			if _, err := tx.ExecContext(ctx, sqldb.Insert("programme_phase", []string{"council_id", "phase", "status",
				"version", "updated_at", "updated_by"}), tx.Council(), ph, PhaseNotStarted, 1, tx.Now(), st.ID); err != nil {
				return fmt.Errorf("add the %s phase: %w", ph, err)
			}
		}
		for i, w := range DefaultWorkstreams() {
			w.ID, w.Position = sqldb.NewID(), i+1
			if err := addWorkstream(ctx, tx, w, st.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Programme{}, fmt.Errorf("start the programme: %w", err)
	}
	return p, nil
}

// DefaultWorkstreams are the three workstreams of seeds 000 and 001 that every programme starts with.
func DefaultWorkstreams() []Workstream {
	return []Workstream{
		{Name: "Practice", Standard: PracticeWorkstream,
			Aim: "A common mental model of strengths-based practice: training for staff and for supervisors."},
		{Name: "Processes and systems", Standard: ProcessesWorkstream,
			Aim: "Assessment, care management, review and contracting processes, documents and policies redesigned to fit strengths-based practice."},
		{Name: "Culture and leadership", Standard: CultureWorkstream,
			Aim: "Values, leadership and performance management aligned with strengths-based practice, and a community of practice."},
	}
}

func addWorkstream(ctx context.Context, tx *sqldb.Tx, w Workstream, by string) error {
	_, err := tx.ExecContext(ctx, sqldb.Insert("programme_workstream", []string{"council_id", "id", "name", "aim", "standard",
		"position", "version", "created_at", "created_by", "updated_at", "updated_by"}),
		tx.Council(), w.ID, w.Name, w.Aim, w.Standard, w.Position, 1, tx.Now(), by, tx.Now(), by)
	if err != nil {
		return fmt.Errorf("add workstream %q: %w", w.Name, err)
	}
	return nil
}

// UpdateProgramme changes the programme's name, aim, lead, board and start: for its owners. p.Version is the version
// they read.
func (s *Store) UpdateProgramme(ctx context.Context, p Programme) (Programme, error) {
	p.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		ps := p.Validate()
		if err := isStaff(ctx, tx, &ps, "lead", p.LeadStaffID, "Select who leads the programme from the list"); err != nil {
			return err
		}
		if err := problems(ps); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme SET name = $1, aim = $2, lead_staff_id = $3, board = $4,
			started_on = $5, updated_at = $6, updated_by = $7, version = version + 1 WHERE council_id = $8 AND version = $9`,
			p.Name, p.Aim, p.LeadStaffID, p.Board, p.StartedOn, tx.Now(), st.ID, tx.Council(), p.Version))
	})
	if err != nil {
		return Programme{}, fmt.Errorf("change the programme: %w", err)
	}
	p.Version++
	return p, nil
}

// UpdatePhase changes a phase's dates, status and findings: for the programme's owners.
func (s *Store) UpdatePhase(ctx context.Context, p PhasePlan) (PhasePlan, error) {
	p.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := problems(p.Validate()); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_phase SET planned_start = $1, planned_end = $2,
			status = $3, findings = $4, updated_at = $5, updated_by = $6, version = version + 1
			WHERE council_id = $7 AND phase = $8 AND version = $9`,
			p.PlannedStart, p.PlannedEnd, p.Status, p.Findings, tx.Now(), st.ID, tx.Council(), p.Phase, p.Version))
	})
	if err != nil {
		return PhasePlan{}, fmt.Errorf("change the %s phase: %w", p.Phase, err)
	}
	p.Version++
	return p, nil
}

// AddWorkstream adds a workstream after the others: for the programme's owners.
func (s *Store) AddWorkstream(ctx context.Context, w Workstream) (Workstream, error) {
	w.Normalise()
	w.ID, w.Version, w.Standard = sqldb.NewID(), 1, ""
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := problems(w.Validate()); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM programme_workstream WHERE council_id = $1`,
			tx.Council()).Scan(&w.Position); err != nil {
			return fmt.Errorf("place the workstream: %w", err)
		}
		return addWorkstream(ctx, tx, w, st.ID)
	})
	if err != nil {
		return Workstream{}, fmt.Errorf("add a workstream: %w", err)
	}
	return w, nil
}

// UpdateWorkstream renames a workstream or changes its aim: for the programme's owners.
func (s *Store) UpdateWorkstream(ctx context.Context, w Workstream) (Workstream, error) {
	w.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		ws, err := readWorkstreams(ctx, tx, ` AND id = $2`, w.ID)
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			return fmt.Errorf("workstream %s: %w", w.ID, sqldb.ErrNotFound)
		}
		w.Standard, w.Position = ws[0].Standard, ws[0].Position
		if err := problems(w.Validate()); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_workstream SET name = $1, aim = $2, updated_at = $3,
			updated_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7`,
			w.Name, w.Aim, tx.Now(), st.ID, tx.Council(), w.ID, w.Version))
	})
	if err != nil {
		return Workstream{}, fmt.Errorf("change workstream %s: %w", w.ID, err)
	}
	w.Version++
	return w, nil
}

// checkMilestone validates a milestone against the council's workstreams and staff.
func checkMilestone(ctx context.Context, tx *sqldb.Tx, m Milestone) error {
	ps := m.Validate()
	if m.WorkstreamID != "" {
		ws, err := readWorkstreams(ctx, tx, ` AND id = $2`, m.WorkstreamID)
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			ps.Append("workstream", "Select the workstream from the list")
		}
	}
	if err := isStaff(ctx, tx, &ps, "owner", m.OwnerStaffID, "Select who owns the milestone from the list"); err != nil {
		return err
	}
	return problems(ps)
}

var milestoneCols = []string{"council_id", "id", "title", "workstream_id", "due_on", "owner_staff_id", "status", "rag",
	"rag_reason", "completed_on", "notes", "phase", "template", "version", "created_at", "created_by", "updated_at", "updated_by"}

func addMilestone(ctx context.Context, tx *sqldb.Tx, m Milestone, by string) error {
	if _, err := tx.ExecContext(ctx, sqldb.Insert("programme_milestone", milestoneCols), tx.Council(), m.ID, m.Title,
		m.WorkstreamID, m.DueOn, m.OwnerStaffID, m.Status, m.RAG, m.RAGReason, m.CompletedOn, m.Notes, m.Phase, m.Template,
		1, tx.Now(), by, tx.Now(), by); err != nil {
		return fmt.Errorf("add milestone %q: %w", m.Title, err)
	}
	return recordChange(ctx, tx, Milestone{}, m, by)
}

// recordChange keeps a change to a milestone's status or RAG; nothing when neither changed.
func recordChange(ctx context.Context, tx *sqldb.Tx, was, now Milestone, by string) error {
	if was.Status == now.Status && was.RAG == now.RAG && was.RAGReason == now.RAGReason {
		return nil
	}
	_, err := tx.ExecContext(ctx, sqldb.Insert("programme_milestone_change", []string{"council_id", "id", "milestone_id",
		"changed_at", "changed_by", "from_status", "to_status", "from_rag", "to_rag", "reason"}),
		tx.Council(), sqldb.NewID(), now.ID, tx.Now(), by, was.Status, now.Status, was.RAG, now.RAG, now.RAGReason)
	if err != nil {
		return fmt.Errorf("keep milestone %s's change: %w", now.ID, err)
	}
	return nil
}

// AddMilestone adds a milestone: for the programme's owners. Its first status and RAG are kept as its first change.
func (s *Store) AddMilestone(ctx context.Context, m Milestone) (Milestone, error) {
	m.Normalise()
	m.ID, m.Version, m.Template = sqldb.NewID(), 1, ""
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := checkMilestone(ctx, tx, m); err != nil {
			return err
		}
		return addMilestone(ctx, tx, m, st.ID)
	})
	if err != nil {
		return Milestone{}, fmt.Errorf("add a milestone: %w", err)
	}
	return m, nil
}

// UpdateMilestone changes a milestone: for the programme's owners. A change to its status or RAG (or the reason
// for an amber or red) is kept as history.
func (s *Store) UpdateMilestone(ctx context.Context, m Milestone) (Milestone, error) {
	m.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		was, err := oneMilestone(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		m.Template = was.Template
		if err := checkMilestone(ctx, tx, m); err != nil {
			return err
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_milestone SET title = $1, workstream_id = $2, due_on = $3,
			owner_staff_id = $4, status = $5, rag = $6, rag_reason = $7, completed_on = $8, notes = $9, phase = $10,
			updated_at = $11, updated_by = $12, version = version + 1 WHERE council_id = $13 AND id = $14 AND version = $15`,
			m.Title, m.WorkstreamID, m.DueOn, m.OwnerStaffID, m.Status, m.RAG, m.RAGReason, m.CompletedOn, m.Notes, m.Phase,
			tx.Now(), st.ID, tx.Council(), m.ID, m.Version))
		if err != nil {
			return err
		}
		return recordChange(ctx, tx, was, m, st.ID)
	})
	if err != nil {
		return Milestone{}, fmt.Errorf("change milestone %s: %w", m.ID, err)
	}
	m.Version++
	return m, nil
}

// AddEvidence links evidence to a milestone: for the programme's owners. A document's type is checked by its
// content (DocumentType); an audit round must be the council's and a measure one of the insight catalogue's.
func (s *Store) AddEvidence(ctx context.Context, e Evidence) (Evidence, error) {
	e.Normalise()
	e.ID = sqldb.NewID()
	if e.Kind != EvidenceDocument {
		e.Content, e.MediaType, e.Size = nil, "", 0
	}
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if _, err := oneMilestone(ctx, tx, e.MilestoneID); err != nil {
			return err
		}
		ps := e.Validate()
		if e.Kind == EvidenceDocument && len(e.Content) > 0 {
			typ, err := DocumentType(e.Content)
			ps.Add("document", err)
			e.MediaType, e.Size = typ, len(e.Content)
		}
		if e.Kind == EvidenceAuditRound && e.Ref != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_round WHERE council_id = $1 AND id = $2`,
				tx.Council(), e.Ref).Scan(&n); err != nil {
				return fmt.Errorf("check the audit round: %w", err)
			}
			if n == 0 {
				ps.Append("audit_round", "Select an audit round from the list")
			}
		}
		if e.Kind == EvidenceMeasure && e.Ref != "" && MeasureName(e.Ref) == "" {
			ps.Append("measure", "Select a measure from the list")
		}
		if err := problems(ps); err != nil {
			return err
		}
		e.AddedAt = tx.Now()
		_, err := tx.ExecContext(ctx, sqldb.Insert("programme_evidence", []string{"council_id", "id", "milestone_id", "kind",
			"ref", "name", "media_type", "size", "content", "added_at", "added_by"}),
			tx.Council(), e.ID, e.MilestoneID, e.Kind, e.Ref, e.Name, e.MediaType, e.Size, e.Content, e.AddedAt, st.ID)
		return err
	})
	if err != nil {
		return Evidence{}, fmt.Errorf("add evidence to milestone %s: %w", e.MilestoneID, err)
	}
	e.Content = nil
	return e, nil
}

// Document reads one document of a milestone's evidence with its content, to download.
func (s *Store) Document(ctx context.Context, milestoneID, id string) (Evidence, error) {
	e := Evidence{ID: id, MilestoneID: milestoneID}
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT name, media_type, size, content, added_at FROM programme_evidence
			WHERE council_id = $1 AND milestone_id = $2 AND id = $3 AND kind = $4`, tx.Council(), milestoneID, id, EvidenceDocument).
			Scan(&e.Name, &e.MediaType, &e.Size, &e.Content, &e.AddedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %s: %w", id, sqldb.ErrNotFound)
		}
		return err
	})
	if err != nil {
		return Evidence{}, fmt.Errorf("read milestone %s's document: %w", milestoneID, err)
	}
	e.Kind = EvidenceDocument
	return e, nil
}

// RemoveEvidence takes evidence off a milestone: for the programme's owners.
func (s *Store) RemoveEvidence(ctx context.Context, milestoneID, id string) error {
	return s.change(ctx, func(tx *sqldb.Tx, _ councils.Staff) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM programme_evidence WHERE council_id = $1 AND milestone_id = $2 AND id = $3`,
			tx.Council(), milestoneID, id)
		if err != nil {
			return fmt.Errorf("remove evidence %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("evidence %s: %w", id, sqldb.ErrNotFound)
		}
		return nil
	})
}

// checkAction validates an action against the council's staff and milestones.
func checkAction(ctx context.Context, tx *sqldb.Tx, a Action) error {
	ps := a.Validate()
	if err := isStaff(ctx, tx, &ps, "owner", a.OwnerStaffID, "Select who does it from the list"); err != nil {
		return err
	}
	if a.MilestoneID != "" {
		if _, err := oneMilestone(ctx, tx, a.MilestoneID); errors.Is(err, sqldb.ErrNotFound) {
			ps.Append("milestone", "Select the milestone from the list")
		} else if err != nil {
			return err
		}
	}
	return problems(ps)
}

// completedOn is the day something is done: the day it was already done, or today when it is done now, or none.
func completedOn(done bool, was, today sqldb.Date) sqldb.Date {
	switch {
	case !done:
		return sqldb.Date{}
	case !was.IsZero():
		return was
	}
	return today
}

// AddAction adds an action to the plan: for the programme's owners.
func (s *Store) AddAction(ctx context.Context, a Action) (Action, error) {
	a.Normalise()
	a.ID, a.Version = sqldb.NewID(), 1
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := checkAction(ctx, tx, a); err != nil {
			return err
		}
		a.CompletedOn = completedOn(a.Status == ActionDone, sqldb.Date{}, tx.Today())
		_, err := tx.ExecContext(ctx, sqldb.Insert("programme_action", []string{"council_id", "id", "what", "owner_staff_id",
			"due_on", "how", "status", "milestone_id", "completed_on", "version", "created_at", "created_by", "updated_at", "updated_by"}),
			tx.Council(), a.ID, a.What, a.OwnerStaffID, a.DueOn, a.How, a.Status, a.MilestoneID, a.CompletedOn, 1,
			tx.Now(), st.ID, tx.Now(), st.ID)
		return err
	})
	if err != nil {
		return Action{}, fmt.Errorf("add an action: %w", err)
	}
	return a, nil
}

// UpdateAction changes an action: for the programme's owners. The day it is marked done is kept as its completion.
func (s *Store) UpdateAction(ctx context.Context, a Action) (Action, error) {
	a.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		as, err := readActions(ctx, tx, ` AND a.id = $2`, a.ID)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("action %s: %w", a.ID, sqldb.ErrNotFound)
		}
		if err := checkAction(ctx, tx, a); err != nil {
			return err
		}
		a.CompletedOn = completedOn(a.Status == ActionDone, as[0].CompletedOn, tx.Today())
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_action SET what = $1, owner_staff_id = $2, due_on = $3,
			how = $4, status = $5, milestone_id = $6, completed_on = $7, updated_at = $8, updated_by = $9, version = version + 1
			WHERE council_id = $10 AND id = $11 AND version = $12`,
			a.What, a.OwnerStaffID, a.DueOn, a.How, a.Status, a.MilestoneID, a.CompletedOn, tx.Now(), st.ID, tx.Council(), a.ID, a.Version))
	})
	if err != nil {
		return Action{}, fmt.Errorf("change action %s: %w", a.ID, err)
	}
	a.Version++
	return a, nil
}

func checkRisk(ctx context.Context, tx *sqldb.Tx, r Risk) error {
	ps := r.Validate()
	if err := isStaff(ctx, tx, &ps, "owner", r.OwnerStaffID, "Select who owns the risk from the list"); err != nil {
		return err
	}
	return problems(ps)
}

func addReview(ctx context.Context, tx *sqldb.Tx, r Risk, note, by string) error {
	_, err := tx.ExecContext(ctx, sqldb.Insert("programme_risk_review", []string{"council_id", "id", "risk_id", "reviewed_at",
		"reviewed_by", "likelihood", "impact", "note"}), tx.Council(), sqldb.NewID(), r.ID, tx.Now(), by, r.Likelihood, r.Impact, note)
	if err != nil {
		return fmt.Errorf("keep risk %s's score: %w", r.ID, err)
	}
	return nil
}

// AddRisk logs a risk, its first score kept as its first review: for the programme's owners.
func (s *Store) AddRisk(ctx context.Context, r Risk) (Risk, error) {
	r.Normalise()
	r.ID, r.Version, r.Reviews = sqldb.NewID(), 1, nil
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := checkRisk(ctx, tx, r); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, sqldb.Insert("programme_risk", []string{"council_id", "id", "title", "cause", "effect",
			"likelihood", "impact", "owner_staff_id", "mitigation", "review_on", "status", "version", "created_at", "created_by",
			"updated_at", "updated_by"}), tx.Council(), r.ID, r.Title, r.Cause, r.Effect, r.Likelihood, r.Impact, r.OwnerStaffID,
			r.Mitigation, r.ReviewOn, r.Status, 1, tx.Now(), st.ID, tx.Now(), st.ID)
		if err != nil {
			return fmt.Errorf("add risk %q: %w", r.Title, err)
		}
		return addReview(ctx, tx, r, "Logged", st.ID)
	})
	if err != nil {
		return Risk{}, fmt.Errorf("log a risk: %w", err)
	}
	return r, nil
}

// UpdateRisk changes a risk: for the programme's owners. A change to its likelihood or impact, or a review date
// moved on (the risk was reviewed), is kept as a review, from which its trend is worked out; note says what the
// review found.
func (s *Store) UpdateRisk(ctx context.Context, r Risk, note string) (Risk, error) {
	r.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		rs, err := readRisks(ctx, tx, ` AND r.id = $2`, r.ID)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("risk %s: %w", r.ID, sqldb.ErrNotFound)
		}
		was := rs[0]
		if err := checkRisk(ctx, tx, r); err != nil {
			return err
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_risk SET title = $1, cause = $2, effect = $3,
			likelihood = $4, impact = $5, owner_staff_id = $6, mitigation = $7, review_on = $8, status = $9, updated_at = $10,
			updated_by = $11, version = version + 1 WHERE council_id = $12 AND id = $13 AND version = $14`,
			r.Title, r.Cause, r.Effect, r.Likelihood, r.Impact, r.OwnerStaffID, r.Mitigation, r.ReviewOn, r.Status,
			tx.Now(), st.ID, tx.Council(), r.ID, r.Version))
		if err != nil {
			return err
		}
		if was.Likelihood != r.Likelihood || was.Impact != r.Impact || r.ReviewOn.After(was.ReviewOn.Time) {
			return addReview(ctx, tx, r, note, st.ID)
		}
		return nil
	})
	if err != nil {
		return Risk{}, fmt.Errorf("change risk %s: %w", r.ID, err)
	}
	r.Version++
	return r, nil
}

// AddDecision adds an entry to the decisions and issues log: for the programme's owners.
func (s *Store) AddDecision(ctx context.Context, d Decision) (Decision, error) {
	d.Normalise()
	d.ID, d.Version = sqldb.NewID(), 1
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		if err := problems(d.Validate()); err != nil {
			return err
		}
		d.DecidedOn = completedOn(d.Kind == DecisionMade || d.Status == DecisionClosed, d.DecidedOn, tx.Today())
		_, err := tx.ExecContext(ctx, sqldb.Insert("programme_decision", []string{"council_id", "id", "kind", "what", "raised_by",
			"raised_on", "needed_by", "decider", "outcome", "decided_on", "status", "version", "created_at", "created_by",
			"updated_at", "updated_by"}), tx.Council(), d.ID, d.Kind, d.What, d.RaisedBy, d.RaisedOn, d.NeededBy, d.Decider,
			d.Outcome, d.DecidedOn, d.Status, 1, tx.Now(), st.ID, tx.Now(), st.ID)
		return err
	})
	if err != nil {
		return Decision{}, fmt.Errorf("add a decision or issue: %w", err)
	}
	return d, nil
}

// UpdateDecision changes an entry in the decisions and issues log: for the programme's owners. The day it is
// first made or closed is kept.
func (s *Store) UpdateDecision(ctx context.Context, d Decision) (Decision, error) {
	d.Normalise()
	err := s.change(ctx, func(tx *sqldb.Tx, st councils.Staff) error {
		ds, err := readDecisions(ctx, tx, ` AND id = $2`, d.ID)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return fmt.Errorf("decision %s: %w", d.ID, sqldb.ErrNotFound)
		}
		if err := problems(d.Validate()); err != nil {
			return err
		}
		d.DecidedOn = completedOn(d.Kind == DecisionMade || d.Status == DecisionClosed, ds[0].DecidedOn, tx.Today())
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_decision SET kind = $1, what = $2, raised_by = $3,
			raised_on = $4, needed_by = $5, decider = $6, outcome = $7, decided_on = $8, status = $9, updated_at = $10,
			updated_by = $11, version = version + 1 WHERE council_id = $12 AND id = $13 AND version = $14`,
			d.Kind, d.What, d.RaisedBy, d.RaisedOn, d.NeededBy, d.Decider, d.Outcome, d.DecidedOn, d.Status, tx.Now(), st.ID,
			tx.Council(), d.ID, d.Version))
	})
	if err != nil {
		return Decision{}, fmt.Errorf("change decision %s: %w", d.ID, err)
	}
	d.Version++
	return d, nil
}
