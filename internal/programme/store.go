package programme

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps the council's programme. The quality lead, team managers and the programme lead read it; the quality
// lead and the programme lead change it (councils.Role.ReadsProgramme, ChangesProgramme).
type Store struct{ db *sqldb.DB }

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// signedIn is the member of staff in ctx, when their role may.
func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// read runs fn in a read transaction for a member of staff who may read the programme.
func (s *Store) read(ctx context.Context, fn func(tx *sqldb.Tx) error) error {
	if _, err := signedIn(ctx, councils.Role.ReadsProgramme); err != nil {
		return err
	}
	return s.db.ReadTx(ctx, fn)
}

// Programme reads the council's programme. A council that has not started one gets sqldb.ErrNotFound.
func (s *Store) Programme(ctx context.Context) (Programme, error) {
	var out Programme
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readProgramme(ctx, tx)
		return err
	})
	return out, err
}

func readProgramme(ctx context.Context, tx *sqldb.Tx) (Programme, error) {
	var p Programme
	err := tx.QueryRowContext(ctx, `SELECT p.name, p.aim, p.lead_staff_id, COALESCE(s.name, ''), p.board, p.started_on, p.version
		FROM programme p LEFT JOIN staff s ON s.council_id = p.council_id AND s.id = p.lead_staff_id
		WHERE p.council_id = $1`, tx.Council()).Scan(&p.Name, &p.Aim, &p.LeadStaffID, &p.LeadName, &p.Board, &p.StartedOn, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Programme{}, fmt.Errorf("the council's programme: %w", sqldb.ErrNotFound)
	}
	if err != nil {
		return Programme{}, fmt.Errorf("read the programme: %w", err)
	}
	return p, nil
}

// Phases reads the programme's four phases, in order.
func (s *Store) Phases(ctx context.Context) ([]PhasePlan, error) {
	var out []PhasePlan
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readPhases(ctx, tx)
		return err
	})
	return out, err
}

func readPhases(ctx context.Context, tx *sqldb.Tx) ([]PhasePlan, error) {
	byPhase := map[Phase]PhasePlan{}
	err := sqldb.Each(ctx, tx, `SELECT phase, planned_start, planned_end, status, findings, version
		FROM programme_phase WHERE council_id = $1`, []any{tx.Council()}, func(rows *sql.Rows) error {
		var p PhasePlan
		if err := rows.Scan(&p.Phase, &p.PlannedStart, &p.PlannedEnd, &p.Status, &p.Findings, &p.Version); err != nil {
			return err
		}
		byPhase[p.Phase] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the phases: %w", err)
	}
	out := make([]PhasePlan, 0, len(Phases))
	for _, ph := range Phases {
		if p, ok := byPhase[ph]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// Workstreams reads the programme's workstreams in their order.
func (s *Store) Workstreams(ctx context.Context) ([]Workstream, error) {
	var out []Workstream
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readWorkstreams(ctx, tx, "")
		return err
	})
	return out, err
}

// Workstream reads one workstream.
func (s *Store) Workstream(ctx context.Context, id string) (Workstream, error) {
	var out Workstream
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		ws, err := readWorkstreams(ctx, tx, ` AND id = $2`, id)
		if err != nil {
			return err
		}
		if len(ws) == 0 {
			return fmt.Errorf("workstream %s: %w", id, sqldb.ErrNotFound)
		}
		out = ws[0]
		return nil
	})
	return out, err
}

func readWorkstreams(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Workstream, error) {
	var out []Workstream
	err := sqldb.Each(ctx, tx, `SELECT id, name, aim, standard, position, version FROM programme_workstream
		WHERE council_id = $1`+where+` ORDER BY position, name, id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var w Workstream
		if err := rows.Scan(&w.ID, &w.Name, &w.Aim, &w.Standard, &w.Position, &w.Version); err != nil {
			return err
		}
		out = append(out, w)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read workstreams: %w", err)
	}
	return out, nil
}

// Milestones reads the programme's milestones by due date (those to be confirmed last), without their evidence.
func (s *Store) Milestones(ctx context.Context) ([]Milestone, error) {
	var out []Milestone
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readMilestones(ctx, tx, "")
		return err
	})
	return out, err
}

// MilestonesIn reads the milestones of the council of tx inside tx, asking nothing of who is signed in: for a
// network reading what a member council shares with it, inside that council's tenancy, once the council's decision
// to share has been checked (internal/networks).
func MilestonesIn(ctx context.Context, tx *sqldb.Tx) ([]Milestone, error) {
	return readMilestones(ctx, tx, "")
}

// Milestone reads one milestone with its evidence (not the documents' content).
func (s *Store) Milestone(ctx context.Context, id string) (Milestone, error) {
	var out Milestone
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = oneMilestone(ctx, tx, id)
		return err
	})
	return out, err
}

func oneMilestone(ctx context.Context, tx *sqldb.Tx, id string) (Milestone, error) {
	ms, err := readMilestones(ctx, tx, ` AND m.id = $2`, id)
	if err != nil {
		return Milestone{}, err
	}
	if len(ms) == 0 {
		return Milestone{}, fmt.Errorf("milestone %s: %w", id, sqldb.ErrNotFound)
	}
	m := ms[0]
	err = sqldb.Each(ctx, tx, `SELECT id, kind, ref, name, media_type, size, added_at FROM programme_evidence
		WHERE council_id = $1 AND milestone_id = $2 ORDER BY added_at, id`, []any{tx.Council(), id}, func(rows *sql.Rows) error {
		e := Evidence{MilestoneID: id}
		if err := rows.Scan(&e.ID, &e.Kind, &e.Ref, &e.Name, &e.MediaType, &e.Size, &e.AddedAt); err != nil {
			return err
		}
		e.AddedAt = e.AddedAt.UTC()
		m.Evidence = append(m.Evidence, e)
		return nil
	})
	if err != nil {
		return Milestone{}, fmt.Errorf("read milestone %s's evidence: %w", id, err)
	}
	return m, nil
}

func readMilestones(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Milestone, error) {
	var out []Milestone
	err := sqldb.Each(ctx, tx, `SELECT m.id, m.title, m.workstream_id, w.name, m.due_on, m.owner_staff_id, s.name,
		m.status, m.rag, m.rag_reason, m.completed_on, m.notes, m.phase, m.template, m.version
		FROM programme_milestone m
		JOIN programme_workstream w ON w.council_id = m.council_id AND w.id = m.workstream_id
		JOIN staff s ON s.council_id = m.council_id AND s.id = m.owner_staff_id
		WHERE m.council_id = $1`+where+`
		ORDER BY m.due_on IS NULL, m.due_on, m.title, m.id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var m Milestone
		if err := rows.Scan(&m.ID, &m.Title, &m.WorkstreamID, &m.WorkstreamName, &m.DueOn, &m.OwnerStaffID, &m.OwnerName,
			&m.Status, &m.RAG, &m.RAGReason, &m.CompletedOn, &m.Notes, &m.Phase, &m.Template, &m.Version); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read milestones: %w", err)
	}
	return out, nil
}

// MilestoneChanges reads every change to a milestone's status or RAG made after since (all of them for the zero
// time), oldest first: what the board report says changed since the last report.
func (s *Store) MilestoneChanges(ctx context.Context, since time.Time) ([]MilestoneChange, error) {
	var out []MilestoneChange
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readChanges(ctx, tx, ` AND c.changed_at > $2`, since.UTC())
		return err
	})
	return out, err
}

// MilestoneHistory reads every change to one milestone's status or RAG, oldest first.
func (s *Store) MilestoneHistory(ctx context.Context, id string) ([]MilestoneChange, error) {
	var out []MilestoneChange
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readChanges(ctx, tx, ` AND c.milestone_id = $2`, id)
		return err
	})
	return out, err
}

func readChanges(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]MilestoneChange, error) {
	var out []MilestoneChange
	err := sqldb.Each(ctx, tx, `SELECT c.id, c.milestone_id, m.title, c.changed_at, c.changed_by, COALESCE(s.name, ''),
		c.from_status, c.to_status, c.from_rag, c.to_rag, c.reason
		FROM programme_milestone_change c
		JOIN programme_milestone m ON m.council_id = c.council_id AND m.id = c.milestone_id
		LEFT JOIN staff s ON s.council_id = c.council_id AND s.id = c.changed_by
		WHERE c.council_id = $1`+where+`
		ORDER BY c.changed_at, c.id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var c MilestoneChange
		if err := rows.Scan(&c.ID, &c.MilestoneID, &c.MilestoneTitle, &c.ChangedAt, &c.ChangedBy, &c.ChangedByName,
			&c.FromStatus, &c.ToStatus, &c.FromRAG, &c.ToRAG, &c.Reason); err != nil {
			return err
		}
		c.ChangedAt = c.ChangedAt.UTC()
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read milestone changes: %w", err)
	}
	return out, nil
}

// Actions reads the action plan by due date.
func (s *Store) Actions(ctx context.Context) ([]Action, error) {
	var out []Action
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readActions(ctx, tx, "")
		return err
	})
	return out, err
}

// Action reads one action.
func (s *Store) Action(ctx context.Context, id string) (Action, error) {
	var out Action
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		as, err := readActions(ctx, tx, ` AND a.id = $2`, id)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("action %s: %w", id, sqldb.ErrNotFound)
		}
		out = as[0]
		return nil
	})
	return out, err
}

// ActionsIn reads the action plan inside tx, by when each action is due, for another domain's read that must see the
// same actions in the same transaction (the to-be web's changes link to them).
func ActionsIn(ctx context.Context, tx *sqldb.Tx) ([]Action, error) {
	return readActions(ctx, tx, "")
}

func readActions(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Action, error) {
	var out []Action
	err := sqldb.Each(ctx, tx, `SELECT a.id, a.what, a.owner_staff_id, s.name, a.due_on, a.how, a.status, a.milestone_id,
		a.completed_on, a.version
		FROM programme_action a JOIN staff s ON s.council_id = a.council_id AND s.id = a.owner_staff_id
		WHERE a.council_id = $1`+where+`
		ORDER BY a.due_on, a.what, a.id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var a Action
		if err := rows.Scan(&a.ID, &a.What, &a.OwnerStaffID, &a.OwnerName, &a.DueOn, &a.How, &a.Status, &a.MilestoneID,
			&a.CompletedOn, &a.Version); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	return out, nil
}

// Risks reads the risk log with each risk's reviews, open risks first.
func (s *Store) Risks(ctx context.Context) ([]Risk, error) {
	var out []Risk
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readRisks(ctx, tx, "")
		return err
	})
	return out, err
}

// Risk reads one risk with its reviews.
func (s *Store) Risk(ctx context.Context, id string) (Risk, error) {
	var out Risk
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		rs, err := readRisks(ctx, tx, ` AND r.id = $2`, id)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("risk %s: %w", id, sqldb.ErrNotFound)
		}
		out = rs[0]
		return nil
	})
	return out, err
}

func readRisks(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Risk, error) {
	var out []Risk
	index := map[string]int{}
	args = append([]any{tx.Council()}, args...)
	err := sqldb.Each(ctx, tx, `SELECT r.id, r.title, r.cause, r.effect, r.likelihood, r.impact, r.owner_staff_id, s.name,
		r.mitigation, r.review_on, r.status, r.version
		FROM programme_risk r JOIN staff s ON s.council_id = r.council_id AND s.id = r.owner_staff_id
		WHERE r.council_id = $1`+where+`
		ORDER BY r.status <> 'open', r.likelihood * r.impact DESC, r.title, r.id`, args, func(rows *sql.Rows) error {
		var r Risk
		if err := rows.Scan(&r.ID, &r.Title, &r.Cause, &r.Effect, &r.Likelihood, &r.Impact, &r.OwnerStaffID, &r.OwnerName,
			&r.Mitigation, &r.ReviewOn, &r.Status, &r.Version); err != nil {
			return err
		}
		index[r.ID] = len(out)
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read risks: %w", err)
	}
	err = sqldb.Each(ctx, tx, `SELECT rv.id, rv.risk_id, rv.reviewed_at, rv.reviewed_by, rv.likelihood, rv.impact, rv.note
		FROM programme_risk_review rv JOIN programme_risk r ON r.council_id = rv.council_id AND r.id = rv.risk_id
		WHERE rv.council_id = $1`+where+` ORDER BY rv.reviewed_at, rv.id`, args, func(rows *sql.Rows) error {
		var v RiskReview
		if err := rows.Scan(&v.ID, &v.RiskID, &v.ReviewedAt, &v.ReviewedBy, &v.Likelihood, &v.Impact, &v.Note); err != nil {
			return err
		}
		v.ReviewedAt = v.ReviewedAt.UTC()
		if i, ok := index[v.RiskID]; ok {
			out[i].Reviews = append(out[i].Reviews, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read risk reviews: %w", err)
	}
	return out, nil
}

// Decisions reads the decisions and issues log, open entries first, by when they are needed.
func (s *Store) Decisions(ctx context.Context) ([]Decision, error) {
	var out []Decision
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readDecisions(ctx, tx, "")
		return err
	})
	return out, err
}

// Decision reads one entry of the decisions and issues log.
func (s *Store) Decision(ctx context.Context, id string) (Decision, error) {
	var out Decision
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		ds, err := readDecisions(ctx, tx, ` AND id = $2`, id)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return fmt.Errorf("decision %s: %w", id, sqldb.ErrNotFound)
		}
		out = ds[0]
		return nil
	})
	return out, err
}

func readDecisions(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Decision, error) {
	var out []Decision
	err := sqldb.Each(ctx, tx, `SELECT id, kind, what, raised_by, raised_on, needed_by, decider, outcome, decided_on, status, version
		FROM programme_decision WHERE council_id = $1`+where+`
		ORDER BY status <> 'open', needed_by IS NULL, needed_by, raised_on, id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var d Decision
		if err := rows.Scan(&d.ID, &d.Kind, &d.What, &d.RaisedBy, &d.RaisedOn, &d.NeededBy, &d.Decider, &d.Outcome, &d.DecidedOn, &d.Status, &d.Version); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	return out, nil
}

// AuditRound is an audit round as a milestone's evidence names it: no audit's content, only the round.
type AuditRound struct {
	ID, Name string
	StartsOn sqldb.Date
}

// AuditRounds lists the council's audit rounds, newest first, for linking one to a milestone as evidence. It reads
// only each round's name and dates, so that a programme lead, who sees no audit, may choose one.
func (s *Store) AuditRounds(ctx context.Context) ([]AuditRound, error) {
	var out []AuditRound
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT id, name, starts_on FROM audit_round WHERE council_id = $1 ORDER BY starts_on DESC, id`,
			[]any{tx.Council()}, func(rows *sql.Rows) error {
				var a AuditRound
				if err := rows.Scan(&a.ID, &a.Name, &a.StartsOn); err != nil {
					return err
				}
				out = append(out, a)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("read the audit rounds: %w", err)
	}
	return out, nil
}
