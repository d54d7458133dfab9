package audits

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the council's audit tools, rounds and audits. Every method reads the council and the member of staff
// from the context; reading an audit opens the person's record (people.Open) and logs it, as any page of the record
// does, with "case file audit" as the reason when the reader is its auditor.
type Store struct {
	db      *sqldb.DB
	counted *counted // each round's findings as last worked out
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db, counted: &counted{}} }

// signedIn is the member of staff, refused unless their role passes may.
func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Tools reads the latest version of each of the council's audit tools, putting the default tools in place the
// first time a council asks.
func (s *Store) Tools(ctx context.Context) ([]Tool, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return nil, err
	}
	var out []Tool
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = latestTools(ctx, tx)
		return err
	})
	return out, err
}

// latestTools reads the latest version of each tool inside tx, first adding the defaults to a council with none.
func latestTools(ctx context.Context, tx *sqldb.Tx) ([]Tool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_tool WHERE council_id = $1`, tx.Council()).Scan(&n); err != nil {
		return nil, fmt.Errorf("count audit tools: %w", err)
	}
	if n == 0 {
		for _, t := range []Tool{DefaultCaseFileTool(), DefaultSupervisionTool()} {
			if _, err := addTool(ctx, tx, t); err != nil {
				return nil, err
			}
		}
	}
	return readTools(ctx, tx, `t.version = (SELECT max(v.version) FROM audit_tool v WHERE v.council_id = t.council_id AND v.tool_key = t.tool_key)`)
}

// Tool reads one version of a tool.
func (s *Store) Tool(ctx context.Context, id string) (Tool, error) {
	if _, err := signedIn(ctx, councils.Role.SeesQuality); err != nil {
		return Tool{}, err
	}
	var t Tool
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		t, err = oneTool(ctx, tx, id)
		return err
	})
	return t, err
}

func oneTool(ctx context.Context, tx *sqldb.Tx, id string) (Tool, error) {
	ts, err := readTools(ctx, tx, `t.id = $2`, id)
	if err != nil {
		return Tool{}, err
	}
	if len(ts) == 0 {
		return Tool{}, fmt.Errorf("audit tool %s: %w", id, sqldb.ErrNotFound)
	}
	return ts[0], nil
}

func readTools(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Tool, error) {
	var out []Tool
	err := sqldb.Each(ctx, tx, `SELECT t.id, t.tool_key, t.version, t.kind, t.name, t.definition, t.created_at FROM audit_tool t
		WHERE t.council_id = $1 AND `+where+` ORDER BY t.kind, t.name, t.version`, append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var t Tool
			var kind, def string
			if err := rows.Scan(&t.ID, &t.Key, &t.Version, &kind, &t.Name, &def, &t.CreatedAt); err != nil {
				return err
			}
			t.Kind = Kind(kind)
			if err := json.Unmarshal([]byte(def), &t.Sections); err != nil {
				return fmt.Errorf("read audit tool %s: %w", t.ID, err)
			}
			out = append(out, t)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read audit tools: %w", err)
	}
	return out, nil
}

func addTool(ctx context.Context, tx *sqldb.Tx, t Tool) (Tool, error) {
	def, err := t.definition()
	if err != nil {
		return Tool{}, err
	}
	t.ID, t.CreatedAt = sqldb.NewID(), tx.Now()
	if t.Version == 0 {
		t.Version = 1
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_tool (council_id, id, tool_key, version, kind, name, definition, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tx.Council(), t.ID, t.Key, t.Version, string(t.Kind), t.Name, def, t.CreatedAt,
		councils.StaffID(ctx)); err != nil {
		return Tool{}, fmt.Errorf("add audit tool: %w", sqldb.Normalise(err))
	}
	return t, nil
}

// ChangeTool keeps a change to a tool's name and questions. A version that a round has used is never changed: the
// change becomes the tool's next version, and the rounds keep theirs. version is the tool's version the change was
// made from; a later one is sqldb.ErrConflict.
func (s *Store) ChangeTool(ctx context.Context, t Tool, version int) (Tool, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return Tool{}, err
	}
	if ps := t.Validate(); len(ps) > 0 {
		return Tool{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		current, err := oneTool(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		var latest, used int
		if err := tx.QueryRowContext(ctx, `SELECT max(version) FROM audit_tool WHERE council_id = $1 AND tool_key = $2`,
			tx.Council(), current.Key).Scan(&latest); err != nil {
			return fmt.Errorf("read the tool’s versions: %w", err)
		}
		if latest != current.Version || version != current.Version {
			return sqldb.ErrConflict
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_round WHERE council_id = $1 AND tool_id = $2`,
			tx.Council(), current.ID).Scan(&used); err != nil {
			return fmt.Errorf("find rounds that used the tool: %w", err)
		}
		t.Key, t.Kind = current.Key, current.Kind
		if used > 0 {
			t.Version = current.Version + 1
			t, err = addTool(ctx, tx, t)
			return err
		}
		def, err := t.definition()
		if err != nil {
			return err
		}
		t.Version, t.CreatedAt = current.Version, current.CreatedAt
		_, err = tx.ExecContext(ctx, `UPDATE audit_tool SET name = $1, definition = $2 WHERE council_id = $3 AND id = $4`,
			t.Name, def, tx.Council(), t.ID)
		return err
	})
	return t, err
}

// Validate checks a tool: a name, and every question with text, a scale and a key of its own.
func (t Tool) Validate() validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(t.Name) == "" {
		ps.Append("name", "Enter the tool’s name")
	}
	seen := map[string]bool{}
	for _, q := range t.Questions() {
		switch {
		case strings.TrimSpace(q.Text) == "":
			ps.Append("question-"+q.Key, "Enter the question")
		case q.Scale != Quality && q.Scale != YesNo:
			ps.Append("question-"+q.Key, "Select the question’s grading scale")
		case q.Key == "" || seen[q.Key]:
			ps.Append("question-"+q.Key, "Each question needs a key of its own")
		}
		seen[q.Key] = true
	}
	if len(t.Questions()) == 0 {
		ps.Append("name", "A tool needs at least one question")
	}
	return ps
}

const roundColumns = `r.id, r.name, r.tool_id, t.name, t.version, t.kind, r.starts_on, r.ends_on, r.per_team, r.share_percent, r.stratify,
	r.exclude_months, r.seed, r.not_own_team, r.moderation_percent, r.closed_at, r.created_at, r.version`

func scanRound(row interface{ Scan(...any) error }) (Round, error) {
	var r Round
	var stratify, kind string
	var closed sql.NullTime
	if err := row.Scan(&r.ID, &r.Name, &r.ToolID, &r.ToolName, &r.ToolVersion, &kind, &r.StartsOn, &r.EndsOn, &r.Rule.PerTeam, &r.Rule.SharePercent,
		&stratify, &r.Rule.ExcludeMonths, &r.Rule.Seed, &r.NotOwnTeam, &r.ModerationPercent, &closed, &r.CreatedAt, &r.Version); err != nil {
		return Round{}, sqldb.Normalise(err)
	}
	r.Rule.Stratify, r.Rule.StartsOn, r.ToolKind = Stratum(stratify), r.StartsOn, Kind(kind)
	if closed.Valid {
		r.ClosedAt = closed.Time.UTC()
	}
	return r, nil
}

const roundFrom = ` FROM audit_round r JOIN audit_tool t ON t.council_id = r.council_id AND t.id = r.tool_id`

// RoundSummary is a round with how far its audits have got.
type RoundSummary struct {
	Round
	Counts map[Status]int
	Total  int
}

// Done is how many of the round's audits are completed, moderated or not.
func (r RoundSummary) Done() int { return r.Counts[Completed] + r.Counts[Moderated] }

// Rounds lists the council's rounds, newest first, with their progress: for the quality lead and team managers.
func (s *Store) Rounds(ctx context.Context) ([]RoundSummary, error) {
	if _, err := signedIn(ctx, councils.Role.Audits); err != nil {
		return nil, err
	}
	var out []RoundSummary
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+roundColumns+roundFrom+` WHERE r.council_id = $1 ORDER BY r.starts_on DESC, r.id`, tx.Council())
		if err != nil {
			return fmt.Errorf("read audit rounds: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRound(rows)
			if err != nil {
				return err
			}
			out = append(out, RoundSummary{Round: r, Counts: map[Status]int{}})
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			as, err := readAudits(ctx, tx, `a.round_id = $2`, out[i].ID)
			if err != nil {
				return err
			}
			for _, a := range as {
				out[i].Counts[a.Status()]++
			}
			out[i].Total = len(as)
		}
		return nil
	})
	return out, err
}

// CreateRound creates a round: it samples the council's episodes by the round's rule, allocates each to an auditor
// and gives the auditor read access to the case while the round is open. It returns the round and how many
// episodes were sampled. A round whose rule samples nothing, or whose sample nobody may audit, is refused with a
// problem on the field to change, and nothing is saved.
func (s *Store) CreateRound(ctx context.Context, n NewRound) (Round, int, error) {
	st, err := signedIn(ctx, councils.Role.RunsAudits)
	if err != nil {
		return Round{}, 0, err
	}
	n.Name = strings.TrimSpace(n.Name)
	if ps := n.Validate(); len(ps) > 0 {
		return Round{}, 0, ps
	}
	var r Round
	var sampled int
	// The round reads (its candidates, and every sampled record for its checks) on a reader and writes in one short
	// transaction after (tx.Write), so that on SQLite the single writer is held for the inserts alone. A record
	// changed between the two is checked as it was when read, milliseconds before.
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		tool, err := oneTool(ctx, tx, n.ToolID)
		if errors.Is(err, sqldb.ErrNotFound) {
			return validation.Problems{{Field: "tool_id", Message: "Select the audit tool the round uses"}}
		} else if err != nil {
			return err
		}
		if tool.Kind == Supervision && n.Stratify != Random && n.Stratify != ByWorker {
			return validation.Problems{{Field: "stratify", Message: "Spread a supervision round at random or across supervisors: the other ways are for episodes"}}
		}
		r = Round{ID: sqldb.NewID(), Name: n.Name, ToolID: tool.ID, ToolName: tool.Name, ToolVersion: tool.Version, ToolKind: tool.Kind, StartsOn: n.StartsOn,
			EndsOn: n.EndsOn, NotOwnTeam: n.NotOwnTeam, ModerationPercent: n.ModerationPercent, CreatedAt: tx.Now(), Version: 1,
			Rule: Rule{PerTeam: n.PerTeam, SharePercent: n.SharePercent, Stratify: n.Stratify, ExcludeMonths: n.ExcludeMonths,
				StartsOn: n.StartsOn, Seed: n.Seed}}
		read, nothing := candidates, "No episodes can be sampled: no team has an open or recently ended episode that was not audited in the months left out"
		if tool.Kind == Supervision {
			read, nothing = heldSessions, "No supervision records can be sampled: no team’s staff were supervised in the three months before the round starts by someone a quality lead other than themselves may audit, other than in sessions audited in the months left out"
		}
		cands, err := read(ctx, tx, r.Rule)
		if err != nil {
			return err
		}
		auditors, err := readAuditors(ctx, tx, tool.Kind)
		if err != nil {
			return err
		}
		if tool.Kind == Supervision {
			// Only quality leads audit supervision: what none of them may audit is left out, not refused.
			cands = Auditable(cands, auditors, n.NotOwnTeam)
		}
		sample := Sample(cands, r.Rule)
		if len(sample) == 0 {
			return validation.Problems{{Field: "per_team", Message: nothing}}
		}
		allocs, err := Allocate(sample, auditors, n.NotOwnTeam, n.Seed)
		var none ErrNoAuditor
		if errors.As(err, &none) {
			return validation.Problems{{Field: "not_own_team", Message: "Nobody may audit some of the sampled episodes: every team manager and quality lead is their practitioner or in their team. Allow auditors to audit their own team’s cases, or add auditors"}}
		} else if err != nil {
			return err
		}
		ids := make([]string, len(allocs))
		for i := range allocs {
			ids[i] = sqldb.NewID()
		}
		// Every check is worked out now, from the record as it is when the round samples it, and kept with the audit.
		checks, err := checkSample(ctx, tx, allocs, ids)
		if err != nil {
			return err
		}
		sampled = len(allocs)
		return tx.Write(func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_round (council_id, id, name, tool_id, starts_on, ends_on, per_team, share_percent,
				stratify, exclude_months, seed, not_own_team, moderation_percent, created_at, created_by, updated_at, updated_by, version)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15, 1)`,
				tx.Council(), r.ID, r.Name, r.ToolID, r.StartsOn, r.EndsOn, n.PerTeam, n.SharePercent, string(n.Stratify), n.ExcludeMonths,
				n.Seed, n.NotOwnTeam, n.ModerationPercent, r.CreatedAt, st.ID); err != nil {
				return fmt.Errorf("add audit round: %w", sqldb.Normalise(err))
			}
			auditCols := []string{"council_id", "id", "round_id", "person_id", "episode_id", "supervision_id", "team_id", "worker_id", "auditor_id",
				"due_on", "created_at", "updated_at", "updated_by", "version"}
			var rows []any
			var grants []people.ReadGrant
			for i, a := range allocs {
				rows = append(rows, tx.Council(), ids[i], r.ID, orNull(a.PersonID), orNull(a.EpisodeID), orNull(a.SupervisionID), a.TeamID,
					a.WorkerID, a.AuditorID, r.EndsOn, r.CreatedAt, r.CreatedAt, st.ID, 1)
				if a.PersonID != "" {
					grants = append(grants, people.ReadGrant{SourceID: ids[i], PersonID: a.PersonID, StaffID: a.AuditorID})
				}
			}
			if err := sqldb.InsertMany(ctx, tx, "audit", auditCols, rows); err != nil {
				return fmt.Errorf("allocate the audits: %w", err)
			}
			if err := people.GrantReads(ctx, tx, CaseFileAudit, grants); err != nil {
				return err
			}
			return keepChecks(ctx, tx, checks)
		})
	})
	if err != nil {
		return Round{}, 0, err
	}
	return r, sampled, nil
}

// orNull is s, or SQL's NULL when s is empty: an audit's subject is an episode or a supervision session, never both.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// checkSample works out every check of each sampled episode or supervision session, by the ID of its audit.
func checkSample(ctx context.Context, tx *sqldb.Tx, allocs []Allocation, ids []string) (map[string][]Finding, error) {
	var eps []Sampled
	var sessions []string
	for _, a := range allocs {
		if a.SupervisionID != "" {
			sessions = append(sessions, a.SupervisionID)
		} else {
			eps = append(eps, Sampled{PersonID: a.PersonID, EpisodeID: a.EpisodeID, Ended: a.Result != ""})
		}
	}
	recs, err := Records(ctx, tx, eps)
	if err != nil {
		return nil, err
	}
	held, err := supervision.ForAudit(ctx, tx, sessions)
	if err != nil {
		return nil, err
	}
	checks := make(map[string][]Finding, len(ids))
	for i, a := range allocs {
		if a.SupervisionID != "" {
			checks[ids[i]] = CheckSession(held[a.SupervisionID])
		} else {
			checks[ids[i]] = Check(recs[a.EpisodeID])
		}
	}
	return checks, nil
}

// heldSessions reads the supervision sessions a round run with a supervision tool may sample: those held in the
// RecentMonths before the round starts, each with its supervisee's team (their first, when they have several), its
// supervisor as the "practitioner" a sample is spread across and who never audits it, and when it was last audited.
func heldSessions(ctx context.Context, tx *sqldb.Tx, rule Rule) ([]Candidate, error) {
	var out []Candidate
	err := sqldb.Each(ctx, tx, `SELECT s.id, s.supervisee_id, s.supervisor_id,
			COALESCE((SELECT min(m.team_id) FROM team_member m WHERE m.council_id = s.council_id AND m.staff_id = s.supervisee_id), ''),
			(SELECT max(r.starts_on) FROM audit a JOIN audit_round r ON r.council_id = a.council_id AND r.id = a.round_id
				WHERE a.council_id = s.council_id AND a.supervision_id = s.id)
		FROM supervision s WHERE s.council_id = $1 AND s.held_on <= $2 AND s.held_on >= $3`,
		[]any{tx.Council(), rule.StartsOn, rule.StartsOn.AddDate(0, -RecentMonths, 0)},
		func(rows *sql.Rows) error {
			var c Candidate
			if err := rows.Scan(&c.SupervisionID, &c.SuperviseeID, &c.WorkerID, &c.TeamID, &c.LastAudited); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the supervision records to sample: %w", err)
	}
	return out, nil
}

// candidates reads the episodes a round's rule may sample: every episode allocated to a team, still open or ended in
// the RecentMonths before the round starts, of a person whose record is not restricted (an auditor could not open
// it). It reads what the rule spreads the sample by, and when each was last audited, only when the rule asks, so that
// a plain round reads the episodes alone.
func candidates(ctx context.Context, tx *sqldb.Tx, rule Rule) ([]Candidate, error) {
	step, enquiries, audited := "0", "0", "NULL"
	switch rule.Stratify {
	case ByStep:
		step = `COALESCE((SELECT max(c.step) FROM conversation c WHERE c.council_id = e.council_id AND c.episode_id = e.id), 0)`
	case BySafeguarding:
		enquiries = `(SELECT count(*) FROM safeguarding_enquiry g WHERE g.council_id = e.council_id AND g.person_id = e.person_id)`
	}
	if rule.ExcludeMonths > 0 {
		audited = `(SELECT max(r.starts_on) FROM audit a JOIN audit_round r ON r.council_id = a.council_id AND r.id = a.round_id
			WHERE a.council_id = e.council_id AND a.episode_id = e.id)`
	}
	// The open episodes (which have no end date) and the recently ended ones are read apart, each from the index
	// episode_ended alone, and the few restricted people are read once: read together, and joined to each person,
	// SQLite walked every person's every episode and then each episode's row, most of the time a round took.
	part := func(which string) string {
		return `SELECT e.person_id, e.id, e.team_id, COALESCE(e.worker_id, ''), e.result, ` + step + `, ` + enquiries + `, ` + audited + `
		FROM episode e WHERE e.council_id = $1 AND ` + which + ` AND e.team_id IS NOT NULL AND e.opened_on <= $2
			AND e.person_id NOT IN (SELECT p.id FROM person p WHERE p.council_id = $1 AND p.restricted)`
	}
	var out []Candidate
	err := sqldb.Each(ctx, tx, part(`e.ended_on IS NULL AND e.result = ''`)+` UNION ALL `+part(`e.ended_on >= $3 AND e.result <> ''`),
		[]any{tx.Council(), rule.StartsOn, rule.StartsOn.AddDate(0, -RecentMonths, 0)},
		func(rows *sql.Rows) error {
			var c Candidate
			var enquiries int
			if err := rows.Scan(&c.PersonID, &c.EpisodeID, &c.TeamID, &c.WorkerID, &c.Result, &c.Step, &enquiries, &c.LastAudited); err != nil {
				return err
			}
			c.Safeguarding = enquiries > 0
			out = append(out, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the episodes to sample: %w", err)
	}
	return out, nil
}

// readAuditors reads who may audit with a tool of kind, with their teams: the council's team managers and quality
// leads who can sign in; for supervision, whose personal sections only a quality lead auditing it may read, its
// quality leads alone.
func readAuditors(ctx context.Context, tx *sqldb.Tx, kind Kind) ([]Auditor, error) {
	roles := []any{string(councils.TeamManager), string(councils.QualityLead)}
	if kind == Supervision {
		roles[0] = string(councils.QualityLead)
	}
	var out []Auditor
	err := sqldb.Each(ctx, tx, `SELECT s.id, s.name, COALESCE(m.team_id, '') FROM staff s
		LEFT JOIN team_member m ON m.council_id = s.council_id AND m.staff_id = s.id
		WHERE s.council_id = $1 AND s.disabled_at IS NULL AND s.role IN ($2, $3) ORDER BY s.id, m.team_id`,
		append([]any{tx.Council()}, roles...),
		func(rows *sql.Rows) error {
			var id, name, team string
			if err := rows.Scan(&id, &name, &team); err != nil {
				return err
			}
			if n := len(out); n == 0 || out[n-1].ID != id {
				out = append(out, Auditor{ID: id, Name: name})
			}
			if team != "" {
				out[len(out)-1].TeamIDs = append(out[len(out)-1].TeamIDs, team)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the auditors: %w", err)
	}
	return out, nil
}

// RoundPage is a round with its audits, for its progress page.
type RoundPage struct {
	Round  Round
	Audits []Audit
}

// Round reads a round and its audits (without their grades): for the quality lead and team managers.
func (s *Store) Round(ctx context.Context, id string) (RoundPage, error) {
	if _, err := signedIn(ctx, councils.Role.Audits); err != nil {
		return RoundPage{}, err
	}
	var out RoundPage
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Round, err = oneRound(ctx, tx, id); err != nil {
			return err
		}
		out.Audits, err = readAudits(ctx, tx, `a.round_id = $2`, id)
		return err
	})
	return out, err
}

func oneRound(ctx context.Context, tx *sqldb.Tx, id string) (Round, error) {
	r, err := scanRound(tx.QueryRowContext(ctx, `SELECT `+roundColumns+roundFrom+` WHERE r.council_id = $1 AND r.id = $2`, tx.Council(), id))
	if err != nil {
		return Round{}, fmt.Errorf("audit round %s: %w", id, err)
	}
	return r, nil
}

// CloseRound closes a round: its auditors' read access to the sampled cases ends. version is the round's version
// when the page was opened.
func (s *Store) CloseRound(ctx context.Context, id string, version int) error {
	st, err := signedIn(ctx, councils.Role.RunsAudits)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE audit_round SET closed_at = $1, updated_at = $1, updated_by = $2, version = version + 1
			WHERE council_id = $3 AND id = $4 AND version = $5 AND closed_at IS NULL`, tx.Now(), st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("close audit round: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			if _, err := oneRound(ctx, tx, id); err != nil {
				return err
			}
			return sqldb.ErrConflict
		}
		var ids []string
		if err := sqldb.Each(ctx, tx, `SELECT id FROM audit WHERE council_id = $1 AND round_id = $2`, []any{tx.Council(), id},
			func(rows *sql.Rows) error {
				var audit string
				err := rows.Scan(&audit)
				ids = append(ids, audit)
				return err
			}); err != nil {
			return fmt.Errorf("read the round’s audits: %w", err)
		}
		return people.EndReadGrants(ctx, tx, ids...)
	})
}

const auditColumns = `a.id, a.round_id, COALESCE(a.person_id, ''), COALESCE(a.episode_id, ''), COALESCE(p.family_name, ''),
	COALESCE(p.given_name, ''), a.team_id, COALESCE(t.name, ''), a.worker_id, COALESCE(w.name, ''), a.auditor_id, COALESCE(au.name, ''),
	a.due_on, a.strengths_found, a.learning, a.started_at, a.completed_at, a.reflection, a.reflected_at, a.moderator_id,
	COALESCE(mo.name, ''), a.moderated_at, a.moderation_note, a.version, COALESCE(e.result, ''), COALESCE(a.supervision_id, ''),
	COALESCE(sv.supervisee_id, ''), COALESCE(se.name, ''), sv.held_on`

const auditFrom = ` FROM audit a LEFT JOIN person p ON p.council_id = a.council_id AND p.id = a.person_id
	LEFT JOIN episode e ON e.council_id = a.council_id AND e.id = a.episode_id
	LEFT JOIN supervision sv ON sv.council_id = a.council_id AND sv.id = a.supervision_id
	LEFT JOIN staff se ON se.council_id = a.council_id AND se.id = sv.supervisee_id
	LEFT JOIN team t ON t.council_id = a.council_id AND t.id = a.team_id
	LEFT JOIN staff w ON w.council_id = a.council_id AND w.id = a.worker_id
	LEFT JOIN staff au ON au.council_id = a.council_id AND au.id = a.auditor_id
	LEFT JOIN staff mo ON mo.council_id = a.council_id AND mo.id = a.moderator_id`

func readAudits(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Audit, error) {
	var out []Audit
	err := sqldb.Each(ctx, tx, `SELECT `+auditColumns+auditFrom+` WHERE a.council_id = $1 AND `+where+` ORDER BY t.name, p.family_name, p.given_name, se.name, sv.held_on, a.id`,
		append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var a Audit
			var family, given string
			var started, completed, reflected, moderated sql.NullTime
			var result string
			if err := rows.Scan(&a.ID, &a.RoundID, &a.PersonID, &a.EpisodeID, &family, &given, &a.TeamID, &a.TeamName, &a.WorkerID, &a.WorkerName,
				&a.AuditorID, &a.AuditorName, &a.DueOn, &a.StrengthsFound, &a.Learning, &started, &completed, &a.Reflection, &reflected,
				&a.ModeratorID, &a.ModeratorName, &moderated, &a.ModerationNote, &a.Version, &result, &a.SupervisionID, &a.SuperviseeID, &a.SuperviseeName,
				&a.HeldOn); err != nil {
				return err
			}
			if a.PersonID != "" {
				a.PersonName, a.EpisodeEnded = family+", "+given, result != ""
			}
			a.StartedAt, a.CompletedAt, a.ReflectedAt, a.ModeratedAt = utc(started), utc(completed), utc(reflected), utc(moderated)
			out = append(out, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read audits: %w", err)
	}
	return out, nil
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// AuditPage is an audit with its round, tool, the person and the computed checks, for the audit's page.
type AuditPage struct {
	Audit    Audit
	Round    Round
	Tool     Tool
	Person   people.Person       // a case file audit's person
	Session  supervision.Session // a supervision audit's session
	Findings []Finding
	// Auditing: the signed-in member of staff is the audit's auditor and the round is open, so they may grade it.
	Auditing bool
	// Reflecting: the signed-in member of staff is the practitioner whose case it was, so they may reflect.
	Reflecting bool
	// Moderating: the signed-in member of staff moderates the audit and the round is open. Until they have graded it
	// they are shown none of the auditor's grades, so that their grading is blind.
	Moderating bool
	// Moderation is the moderator's grades, once they have graded; shown beside the auditor's to both and to the
	// quality lead.
	Moderation map[string]Answer
}

// Blind says whether the page must hide the auditor's grading: from the moderator until they have graded.
func (p AuditPage) Blind() bool { return p.Moderating && p.Audit.ModeratedAt.IsZero() }

// Finding returns the finding of a check, and false when the page has none.
func (p AuditPage) Finding(k CheckKey) (Finding, bool) {
	for _, f := range p.Findings {
		if f.Check == k {
			return f, true
		}
	}
	return Finding{}, false
}

// Audit reads an audit with the computed checks of its episode, opening the person's record and logging the view.
// Its auditor (while the round is open), the practitioner whose case it was, their team's managers and the quality
// lead may read it; anyone else gets sqldb.ErrNotFound.
func (s *Store) Audit(ctx context.Context, id string) (AuditPage, error) {
	return s.audit(ctx, id, false)
}

// AuditGlance reads what Audit does without logging, for a form sent back with mistakes, whose change wrote nothing.
func (s *Store) AuditGlance(ctx context.Context, id string) (AuditPage, error) {
	return s.audit(ctx, id, true)
}

func (s *Store) audit(ctx context.Context, id string, peek bool) (AuditPage, error) {
	st, err := signedIn(ctx, councils.Role.SeesQuality)
	if err != nil {
		return AuditPage{}, err
	}
	var out AuditPage
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out, err = readAuditPage(ctx, tx, st, id, peek, accesslog.View); err != nil {
			return err
		}
		checks, err := readChecks(ctx, tx, `a.id = $2`, id)
		out.Findings = checks[id]
		return err
	})
	return out, err
}

// readAuditPage reads an audit, its round and tool, and opens the person for the signed-in member of staff under
// the audit's own rule (who may see it), logging action unless peek.
func readAuditPage(ctx context.Context, tx *sqldb.Tx, st councils.Staff, id string, peek bool, action accesslog.Action) (AuditPage, error) {
	var out AuditPage
	as, err := readAudits(ctx, tx, `a.id = $2`, id)
	if err != nil {
		return AuditPage{}, err
	}
	if len(as) == 0 {
		return AuditPage{}, fmt.Errorf("audit %s: %w", id, sqldb.ErrNotFound)
	}
	out.Audit = as[0]
	if out.Round, err = oneRound(ctx, tx, out.Audit.RoundID); err != nil {
		return AuditPage{}, err
	}
	if out.Tool, err = oneTool(ctx, tx, out.Round.ToolID); err != nil {
		return AuditPage{}, err
	}
	a := out.Audit
	out.Auditing = a.AuditorID == st.ID && out.Round.Open()
	out.Reflecting = a.WorkerID == st.ID
	out.Moderating = a.ModeratorID != "" && a.ModeratorID == st.ID && out.Round.Open()
	mode := people.Log
	switch {
	case a.OfSupervision() && (out.Auditing || out.Moderating || out.Reflecting || st.Role == councils.QualityLead):
		// The session's cases are read through the audit, whoever reads it.
		mode = people.LogRelated(SupervisionAudit)
	case a.OfSupervision():
		return AuditPage{}, fmt.Errorf("audit %s: %w", id, sqldb.ErrNotFound)
	case out.Auditing, out.Moderating:
		mode = people.LogRelated(CaseFileAudit)
	case out.Reflecting, st.Role == councils.QualityLead, st.Role == councils.TeamManager && st.InTeam(a.TeamID):
	default:
		return AuditPage{}, fmt.Errorf("audit %s: %w", id, sqldb.ErrNotFound)
	}
	if peek {
		mode = people.Peek
	}
	if a.OfSupervision() {
		if out.Session, err = auditedSession(ctx, tx, a, out.Auditing || out.Moderating, st, mode); err != nil {
			return AuditPage{}, err
		}
	} else if out.Person, err = people.Open(ctx, tx, a.PersonID, a.EpisodeID, mode, action); err != nil {
		return AuditPage{}, err
	}
	if out.Audit.Grades, err = readGrades(ctx, tx, id, "auditor"); err != nil {
		return AuditPage{}, err
	}
	if !out.Audit.ModeratedAt.IsZero() {
		if out.Moderation, err = readGrades(ctx, tx, id, "moderator"); err != nil {
			return AuditPage{}, err
		}
	}
	if out.Audit.Actions, err = readActions(ctx, tx, id); err != nil {
		return AuditPage{}, err
	}
	if out.Blind() {
		// A moderator grades without the auditor's judgement in front of them.
		out.Audit.Grades, out.Audit.StrengthsFound, out.Audit.Learning, out.Audit.Actions = map[string]Answer{}, "", "", nil
		out.Audit.Reflection = ""
	}
	return out, nil
}

// auditedSession reads a supervision audit's session, opening the records of the people whose cases it discussed
// under mode. Its personal sections are shown to its auditor or moderator and to the session's two participants.
func auditedSession(ctx context.Context, tx *sqldb.Tx, a Audit, auditing bool, st councils.Staff, mode people.Mode) (supervision.Session, error) {
	held, err := supervision.ForAudit(ctx, tx, []string{a.SupervisionID})
	if err != nil {
		return supervision.Session{}, err
	}
	x, ok := held[a.SupervisionID]
	if !ok {
		return supervision.Session{}, fmt.Errorf("audit %s of supervision %s: %w", a.ID, a.SupervisionID, sqldb.ErrNotFound)
	}
	if !auditing && !x.Session.Between(st.ID) {
		x.Session.WithholdPersonal()
	}
	return x.Session, supervision.OpenCases(ctx, tx, &x.Session, mode)
}

func readGrades(ctx context.Context, tx *sqldb.Tx, auditID, by string) (map[string]Answer, error) {
	out := map[string]Answer{}
	err := sqldb.Each(ctx, tx, `SELECT question, grade, evidence FROM audit_grade WHERE council_id = $1 AND audit_id = $2 AND graded_by = $3`,
		[]any{tx.Council(), auditID, by}, func(rows *sql.Rows) error {
			var q string
			var a Answer
			if err := rows.Scan(&q, &a.Grade, &a.Evidence); err != nil {
				return err
			}
			out[q] = a
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read grades: %w", err)
	}
	return out, nil
}

func readActions(ctx context.Context, tx *sqldb.Tx, auditID string) ([]Action, error) {
	var out []Action
	err := sqldb.Each(ctx, tx, `SELECT what, due_on, done_on FROM audit_action WHERE council_id = $1 AND audit_id = $2 ORDER BY position`,
		[]any{tx.Council(), auditID}, func(rows *sql.Rows) error {
			var a Action
			if err := rows.Scan(&a.What, &a.DueOn, &a.DoneOn); err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read audit actions: %w", err)
	}
	return out, nil
}

// Grade keeps an auditor's grading of an audit: only its auditor, while the round is open, until it is moderated. A
// completed audit stays completed, so its changes must still grade every question. version is the audit's
// version when the form was opened; someone else's save since is sqldb.ErrConflict and nothing is saved. It returns
// the audit as saved.
func (s *Store) Grade(ctx context.Context, id string, g Grading, version int) (Audit, error) {
	st, err := signedIn(ctx, councils.Role.Audits)
	if err != nil {
		return Audit{}, err
	}
	g.StrengthsFound, g.Learning = strings.TrimSpace(g.StrengthsFound), strings.TrimSpace(g.Learning)
	var out Audit
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		page, err := readAuditPage(ctx, tx, st, id, false, accesslog.Update)
		if err != nil {
			return err
		}
		if !page.Auditing {
			return sqldb.ErrForbidden
		}
		if !page.Audit.ModeratedAt.IsZero() {
			return validation.Problems{{Field: "version", Message: "This audit has been moderated: the moderator’s grades stand, and it no longer changes"}}
		}
		if !page.Audit.CompletedAt.IsZero() {
			// A completed audit stays completed: the practitioner may already be reading it.
			g.Complete = true
		}
		if ps := g.Validate(page.Tool, tx.Today()); len(ps) > 0 {
			return ps
		}
		now := tx.Now()
		completed := any(nil)
		if g.Complete {
			completed = now
		}
		res, err := tx.ExecContext(ctx, `UPDATE audit SET strengths_found = $1, learning = $2, started_at = COALESCE(started_at, $3),
			completed_at = COALESCE(completed_at, $4), updated_at = $3, updated_by = $5, version = version + 1
			WHERE council_id = $6 AND id = $7 AND version = $8`, g.StrengthsFound, g.Learning, now, completed, st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("save the audit: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit_grade WHERE council_id = $1 AND audit_id = $2 AND graded_by = 'auditor'`, tx.Council(), id); err != nil {
			return fmt.Errorf("replace grades: %w", err)
		}
		for _, q := range page.Tool.Questions() {
			a := g.Grades[q.Key]
			if a.Grade == "" && strings.TrimSpace(a.Evidence) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_grade (council_id, audit_id, graded_by, question, grade, evidence)
				VALUES ($1, $2, 'auditor', $3, $4, $5)`, tx.Council(), id, q.Key, a.Grade, strings.TrimSpace(a.Evidence)); err != nil {
				return fmt.Errorf("save a grade: %w", err)
			}
		}
		if err := saveActions(ctx, tx, id, g.Actions); err != nil {
			return err
		}
		got, err := readAuditPage(ctx, tx, st, id, true, accesslog.View)
		out = got.Audit
		return err
	})
	return out, err
}

// saveActions replaces an audit's actions with those that say what is to be done, keeping the date each was done.
func saveActions(ctx context.Context, tx *sqldb.Tx, auditID string, actions []Action) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_action WHERE council_id = $1 AND audit_id = $2`, tx.Council(), auditID); err != nil {
		return fmt.Errorf("replace actions: %w", err)
	}
	pos := 0
	for _, a := range actions {
		if strings.TrimSpace(a.What) == "" {
			continue
		}
		pos++
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_action (council_id, audit_id, position, what, due_on, done_on) VALUES ($1, $2, $3, $4, $5, $6)`,
			tx.Council(), auditID, pos, strings.TrimSpace(a.What), a.DueOn, a.DoneOn); err != nil {
			return fmt.Errorf("save an action: %w", err)
		}
	}
	return nil
}

// Reflection is what the practitioner records on an audit of their case: their reflection, and which actions they
// have done (by position from 0).
type Reflection struct {
	Text string
	Done []int
}

// Reflect keeps the practitioner's reflection on a completed audit of their case, and marks the actions they have
// done as done today (an action already done keeps its date). Only the practitioner whose case it was may reflect.
func (s *Store) Reflect(ctx context.Context, id string, r Reflection, version int) (Audit, error) {
	st, err := signedIn(ctx, councils.Role.SeesQuality)
	if err != nil {
		return Audit{}, err
	}
	r.Text = strings.TrimSpace(r.Text)
	var out Audit
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		page, err := readAuditPage(ctx, tx, st, id, false, accesslog.Update)
		if err != nil {
			return err
		}
		if !page.Reflecting {
			return sqldb.ErrForbidden
		}
		switch {
		case page.Audit.CompletedAt.IsZero():
			return validation.Problems{{Field: "reflection", Message: "You can reflect on the audit once the auditor has completed it"}}
		case r.Text == "":
			return validation.Problems{{Field: "reflection", Message: "Enter your reflection on the audit"}}
		case len(r.Text) > 4000:
			return validation.Problems{{Field: "reflection", Message: "Reflection must be 4,000 characters or less"}}
		}
		res, err := tx.ExecContext(ctx, `UPDATE audit SET reflection = $1, reflected_at = $2, updated_at = $2, updated_by = $3, version = version + 1
			WHERE council_id = $4 AND id = $5 AND version = $6`, r.Text, tx.Now(), st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("save the reflection: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		actions := page.Audit.Actions
		for i := range actions {
			if slices.Contains(r.Done, i) && actions[i].DoneOn.IsZero() {
				actions[i].DoneOn = tx.Today()
			}
		}
		if err := saveActions(ctx, tx, id, actions); err != nil {
			return err
		}
		got, err := readAuditPage(ctx, tx, st, id, true, accesslog.View)
		out = got.Audit
		return err
	})
	return out, err
}

// Mine is the audits a member of staff has to do, and the audits of their own cases.
type Mine struct {
	ToDo    []Audit // as auditor, in open rounds, not yet completed
	OfMine  []Audit // of their cases, completed
	Rounds  map[string]string
	Overdue map[string]bool
}

// MyAudits reads the audits the signed-in member of staff has to do and those of their own cases. It names the
// people audited without opening their records: opening an audit logs the view.
func (s *Store) MyAudits(ctx context.Context) (Mine, error) {
	st, err := signedIn(ctx, councils.Role.SeesQuality)
	if err != nil {
		return Mine{}, err
	}
	out := Mine{Rounds: map[string]string{}, Overdue: map[string]bool{}}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.ToDo, err = readAudits(ctx, tx, `((a.auditor_id = $2 AND a.completed_at IS NULL) OR (a.moderator_id = $2 AND a.moderated_at IS NULL))
			AND EXISTS (SELECT 1 FROM audit_round r WHERE r.council_id = a.council_id AND r.id = a.round_id AND r.closed_at IS NULL)`, st.ID); err != nil {
			return err
		}
		if out.OfMine, err = readAudits(ctx, tx, `a.worker_id = $2 AND a.completed_at IS NOT NULL`, st.ID); err != nil {
			return err
		}
		today := tx.Today()
		for _, a := range append(slices.Clone(out.ToDo), out.OfMine...) {
			out.Overdue[a.ID] = a.Overdue(today)
			if _, ok := out.Rounds[a.RoundID]; !ok {
				r, err := oneRound(ctx, tx, a.RoundID)
				if err != nil {
					return err
				}
				out.Rounds[a.RoundID] = r.Name
			}
		}
		return nil
	})
	return out, err
}

// DrawModeration draws, for moderation, the round's share (ModerationPercent, rounded up) of its completed audits
// not yet drawn, from the round's seed, and gives each to a moderator who is neither its auditor nor its practitioner
// (moderators are usually the quality lead's own, so their team is no bar), with read access to the case while the round is open. It returns
// how many it drew. For the quality lead.
func (s *Store) DrawModeration(ctx context.Context, roundID string) (int, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return 0, err
	}
	drawn := 0
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		r, err := oneRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		tool, err := oneTool(ctx, tx, r.ToolID)
		if err != nil {
			return err
		}
		if !r.Open() {
			return validation.Problems{{Field: "moderation", Message: "The round is closed: audits can be moderated only while it is open"}}
		}
		as, err := readAudits(ctx, tx, `a.round_id = $2 AND a.completed_at IS NOT NULL`, roundID)
		if err != nil {
			return err
		}
		already := 0
		var pool []Candidate
		auditorOf := map[string]string{}
		for _, a := range as {
			if a.ModeratorID != "" {
				already++
				continue
			}
			// Moderation is allocated as audits are: the auditor stands in for the practitioner whom Allocate keeps
			// away, and the practitioner is kept away below.
			pool = append(pool, Candidate{PersonID: a.PersonID, EpisodeID: a.ID, TeamID: a.TeamID, WorkerID: a.AuditorID, SuperviseeID: a.SuperviseeID})
			auditorOf[a.ID] = a.WorkerID
		}
		want := (len(as)*r.ModerationPercent+99)/100 - already
		if r.ModerationPercent == 0 || want <= 0 || len(pool) == 0 {
			return validation.Problems{{Field: "moderation", Message: "No audit is waiting to be drawn: the round’s share of its completed audits is already drawn for moderation"}}
		}
		sample := Draw(pool, want, r.Rule.Seed)
		moderators, err := readAuditors(ctx, tx, tool.Kind)
		if err != nil {
			return err
		}
		for _, c := range sample {
			eligible := slices.DeleteFunc(slices.Clone(moderators), func(m Auditor) bool { return m.ID == auditorOf[c.EpisodeID] })
			allocs, err := Allocate([]Candidate{c}, eligible, false, r.Rule.Seed+int64(drawn))
			var none ErrNoAuditor
			if errors.As(err, &none) {
				return validation.Problems{{Field: "moderation", Message: "Nobody may moderate some of the completed audits: every team manager and quality lead audited them or is their practitioner"}}
			} else if err != nil {
				return err
			}
			m := allocs[0].AuditorID
			if _, err := tx.ExecContext(ctx, `UPDATE audit SET moderator_id = $1, version = version + 1 WHERE council_id = $2 AND id = $3`,
				m, tx.Council(), c.EpisodeID); err != nil {
				return fmt.Errorf("draw an audit for moderation: %w", err)
			}
			// A supervision audit gives no grant over anyone's record: its moderator reads the session through the audit.
			if c.PersonID != "" {
				if err := people.GrantRead(ctx, tx, c.EpisodeID, c.PersonID, m, CaseFileAudit); err != nil {
					return err
				}
			}
			drawn++
		}
		return nil
	})
	return drawn, err
}

// Reallocation is an audit not yet completed with who else may audit it: for the quality lead moving it.
type Reallocation struct {
	Audit    Audit
	Round    Round
	Auditors []Auditor // who may audit it instead, by name
}

// candidate is the audit as sampling and allocation saw it, for asking who else may audit it.
func (a Audit) candidate() Candidate {
	return Candidate{PersonID: a.PersonID, EpisodeID: a.EpisodeID, SupervisionID: a.SupervisionID, SuperviseeID: a.SuperviseeID,
		TeamID: a.TeamID, WorkerID: a.WorkerID}
}

// Reallocating reads an audit not yet completed with who may audit it instead of its auditor, by the round's rules:
// for the quality lead. It opens no one's record.
func (s *Store) Reallocating(ctx context.Context, id string) (Reallocation, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return Reallocation{}, err
	}
	var out Reallocation
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = reallocation(ctx, tx, id)
		return err
	})
	return out, err
}

func reallocation(ctx context.Context, tx *sqldb.Tx, id string) (Reallocation, error) {
	as, err := readAudits(ctx, tx, `a.id = $2`, id)
	if err != nil {
		return Reallocation{}, err
	}
	if len(as) == 0 {
		return Reallocation{}, fmt.Errorf("audit %s: %w", id, sqldb.ErrNotFound)
	}
	out := Reallocation{Audit: as[0]}
	if out.Round, err = oneRound(ctx, tx, out.Audit.RoundID); err != nil {
		return Reallocation{}, err
	}
	auditors, err := readAuditors(ctx, tx, out.Round.ToolKind)
	if err != nil {
		return Reallocation{}, err
	}
	c := out.Audit.candidate()
	for _, a := range auditors {
		if a.ID != out.Audit.AuditorID && a.may(c, out.Round.NotOwnTeam) {
			out.Auditors = append(out.Auditors, a)
		}
	}
	slices.SortFunc(out.Auditors, func(a, b Auditor) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Move is who an audit is reallocated to, and by when it is due.
type Move struct {
	AuditorID string
	DueOn     sqldb.Date
}

// Reallocate gives an audit not yet completed, in an open round, to another auditor who may audit it by the round's
// rules (never their own case, nor supervision they held or had, nor their own team's where the round says so), due
// by a new date: the read grant over the case moves with it. For the quality lead; version is the audit's version
// when the form was opened.
func (s *Store) Reallocate(ctx context.Context, id string, m Move, version int) (Audit, error) {
	st, err := signedIn(ctx, councils.Role.RunsAudits)
	if err != nil {
		return Audit{}, err
	}
	var out Audit
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		re, err := reallocation(ctx, tx, id)
		if err != nil {
			return err
		}
		var ps validation.Problems
		switch {
		case !re.Round.Open():
			ps.Append("auditor_id", "The round is closed: its audits stay with their auditors")
		case !re.Audit.CompletedAt.IsZero():
			ps.Append("auditor_id", "The audit is completed: it stays with the auditor who completed it")
		case !slices.ContainsFunc(re.Auditors, func(a Auditor) bool { return a.ID == m.AuditorID }):
			ps.Append("auditor_id", "Select who will audit it from the list")
		}
		switch {
		case m.DueOn.IsZero():
			ps.Append("due_on", "Enter the date the audit is due")
		case m.DueOn.Before(tx.Today().Time):
			ps.Append("due_on", "The date the audit is due must be today or later")
		}
		if len(ps) > 0 {
			return ps
		}
		res, err := tx.ExecContext(ctx, `UPDATE audit SET auditor_id = $1, due_on = $2, updated_at = $3, updated_by = $4, version = version + 1
			WHERE council_id = $5 AND id = $6 AND version = $7 AND completed_at IS NULL`, m.AuditorID, m.DueOn, tx.Now(), st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("reallocate the audit: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		if a := re.Audit; a.PersonID != "" {
			if err := people.EndReadGrants(ctx, tx, id); err != nil {
				return err
			}
			if err := people.GrantRead(ctx, tx, id, a.PersonID, m.AuditorID, CaseFileAudit); err != nil {
				return err
			}
		}
		as, err := readAudits(ctx, tx, `a.id = $2`, id)
		if err != nil {
			return err
		}
		out = as[0]
		return nil
	})
	return out, err
}

// Moderation is a moderator's blind re-grading of an audit: a grade for every question, and their note on where
// they differ. The moderated grade stands.
type Moderation struct {
	Grades map[string]Answer
	Note   string
}

// Validate checks a moderation against the tool: every question graded on its scale, and a note.
func (m Moderation) Validate(t Tool) validation.Problems {
	g := Grading{Grades: m.Grades, Complete: true}
	ps := g.Validate(t, sqldb.Date{})
	switch note := strings.TrimSpace(m.Note); {
	case note == "":
		ps.Append("moderation_note", "Enter your note on the audit: where you agree, where you differ and why")
	case len(note) > 4000:
		ps.Append("moderation_note", "Note must be 4,000 characters or less")
	}
	return ps
}

// Moderate keeps a moderator's re-grading of an audit drawn for them: only its moderator, while the round is open,
// once. version is the audit's version when the form was opened.
func (s *Store) Moderate(ctx context.Context, id string, m Moderation, version int) (Audit, error) {
	st, err := signedIn(ctx, councils.Role.Audits)
	if err != nil {
		return Audit{}, err
	}
	var out Audit
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		page, err := readAuditPage(ctx, tx, st, id, false, accesslog.Update)
		if err != nil {
			return err
		}
		if !page.Blind() {
			return sqldb.ErrForbidden
		}
		if ps := m.Validate(page.Tool); len(ps) > 0 {
			return ps
		}
		res, err := tx.ExecContext(ctx, `UPDATE audit SET moderated_at = $1, moderation_note = $2, updated_at = $1, updated_by = $3, version = version + 1
			WHERE council_id = $4 AND id = $5 AND version = $6`, tx.Now(), strings.TrimSpace(m.Note), st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("save the moderation: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		for _, q := range page.Tool.Questions() {
			a := m.Grades[q.Key]
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_grade (council_id, audit_id, graded_by, question, grade, evidence)
				VALUES ($1, $2, 'moderator', $3, $4, $5)`, tx.Council(), id, q.Key, a.Grade, strings.TrimSpace(a.Evidence)); err != nil {
				return fmt.Errorf("save a moderated grade: %w", err)
			}
		}
		got, err := readAuditPage(ctx, tx, st, id, true, accesslog.View)
		out = got.Audit
		return err
	})
	return out, err
}

// keepChecks keeps what each check found for each audit, by audit ID.
func keepChecks(ctx context.Context, tx *sqldb.Tx, checks map[string][]Finding) error {
	var rows []any
	for id, fs := range checks {
		for i, f := range fs {
			evidence, err := json.Marshal(f.Evidence)
			if err != nil {
				return fmt.Errorf("keep a check's evidence: %w", err)
			}
			rows = append(rows, tx.Council(), id, i, string(f.Check), string(f.Result), f.Summary, string(evidence))
		}
	}
	if err := sqldb.InsertMany(ctx, tx, "audit_check", []string{"council_id", "audit_id", "position", "check_key", "result", "summary", "evidence"}, rows); err != nil {
		return fmt.Errorf("keep the checks: %w", err)
	}
	return nil
}

// readChecks reads what the checks found for the audits the condition picks (on the audit a), by audit ID, in the
// order of Checks.
func readChecks(ctx context.Context, tx *sqldb.Tx, where string, args ...any) (map[string][]Finding, error) {
	out := map[string][]Finding{}
	err := sqldb.Each(ctx, tx, `SELECT c.audit_id, c.check_key, c.result, c.summary, c.evidence FROM audit_check c
		JOIN audit a ON a.council_id = c.council_id AND a.id = c.audit_id
		WHERE c.council_id = $1 AND `+where+` ORDER BY c.audit_id, c.position`, append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var id, key, result, evidence string
			var f Finding
			if err := rows.Scan(&id, &key, &result, &f.Summary, &evidence); err != nil {
				return err
			}
			f.Check, f.Result = CheckKey(key), Result(result)
			if err := json.Unmarshal([]byte(evidence), &f.Evidence); err != nil {
				return fmt.Errorf("read a check's evidence: %w", err)
			}
			out[id] = append(out[id], f)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the checks: %w", err)
	}
	return out, nil
}
