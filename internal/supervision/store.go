package supervision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// DiscussedInSupervision is the reason the access log gives when a session's participants, or a quality lead, read
// the cases it discussed.
const DiscussedInSupervision = "discussed in supervision"

// Store keeps the supervision policy and sessions. Team managers and the quality lead supervise; a team manager
// supervises the staff of their teams, the quality lead anyone. A session is seen by its supervisor, its supervisee
// and quality leads, and by nobody else; its personal sections by the two of them alone, and by a quality lead
// auditing it.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

func signedIn(ctx context.Context) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.SeesQuality() {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Policy reads the council's supervision policy.
func (s *Store) Policy(ctx context.Context) (Policy, error) {
	if _, err := signedIn(ctx); err != nil {
		return Policy{}, err
	}
	var p Policy
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		p, err = readPolicy(ctx, tx)
		return err
	})
	return p, err
}

func readPolicy(ctx context.Context, tx *sqldb.Tx) (Policy, error) {
	p := Policy{ByRole: map[councils.Role]int{}, ByStaff: map[string]int{}}
	err := sqldb.Each(ctx, tx, `SELECT scope, scope_id, every_weeks FROM supervision_policy WHERE council_id = $1`, []any{tx.Council()},
		func(rows *sql.Rows) error {
			var scope, id string
			var weeks int
			if err := rows.Scan(&scope, &id, &weeks); err != nil {
				return err
			}
			if scope == "role" {
				p.ByRole[councils.Role(id)] = weeks
			} else {
				p.ByStaff[id] = weeks
			}
			return nil
		})
	if err != nil {
		return Policy{}, fmt.Errorf("read the supervision policy: %w", err)
	}
	return p, nil
}

// SetPolicy replaces the council's supervision policy: for the quality lead. Every frequency is from 1 to 26 weeks.
func (s *Store) SetPolicy(ctx context.Context, p Policy) error {
	st, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if !st.Role.RunsAudits() {
		return sqldb.ErrForbidden
	}
	var ps validation.Problems
	for r, w := range p.ByRole {
		if w < 1 || w > 26 {
			ps.Append("weeks_"+string(r), "Weeks between supervisions must be between 1 and 26")
		}
	}
	for id, w := range p.ByStaff {
		if w < 1 || w > 26 {
			ps.Append("staff_"+id, "Weeks between supervisions must be between 1 and 26")
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM supervision_policy WHERE council_id = $1`, tx.Council()); err != nil {
			return fmt.Errorf("replace the supervision policy: %w", err)
		}
		var vals []any
		for r, w := range p.ByRole {
			vals = append(vals, tx.Council(), "role", string(r), w, tx.Now(), st.ID)
		}
		for id, w := range p.ByStaff {
			vals = append(vals, tx.Council(), "staff", id, w, tx.Now(), st.ID)
		}
		if len(vals) == 0 {
			return nil
		}
		return sqldb.InsertMany(ctx, tx, "supervision_policy", []string{"council_id", "scope", "scope_id", "every_weeks", "updated_at", "updated_by"}, vals)
	})
}

// supervises says whether a supervisor may supervise a member of staff: never themselves; a team manager the staff
// of their teams; the quality lead anyone supervised.
func supervises(supervisor, st councils.Staff) bool {
	switch {
	case st.ID == supervisor.ID || !Supervised(st.Role):
		return false
	case supervisor.Role == councils.QualityLead:
		return true
	case supervisor.Role == councils.TeamManager:
		return slices.ContainsFunc(st.TeamIDs, supervisor.InTeam)
	}
	return false
}

// Standings reads where each member of staff the signed-in member of staff sees stands with supervision today: a
// team manager their teams' staff, the quality lead everyone supervised, a practitioner themselves.
func (s *Store) Standings(ctx context.Context) ([]Standing, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	staff, err := councils.NewStore(s.db).StaffList(ctx)
	if err != nil {
		return nil, err
	}
	var out []Standing
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, err := readPolicy(ctx, tx)
		if err != nil {
			return err
		}
		last, err := lastSessions(ctx, tx)
		if err != nil {
			return err
		}
		today := tx.Today()
		for _, m := range staff {
			if m.Disabled() || !(supervises(st, m) || (m.ID == st.ID && Supervised(m.Role))) {
				continue
			}
			out = append(out, StandingOf(m, last[m.ID], p.Weeks(m), today))
		}
		return nil
	})
	return out, err
}

func lastSessions(ctx context.Context, tx *sqldb.Tx) (map[string]sqldb.Date, error) {
	out := map[string]sqldb.Date{}
	err := sqldb.Each(ctx, tx, `SELECT supervisee_id, max(held_on) FROM supervision WHERE council_id = $1 GROUP BY supervisee_id`,
		[]any{tx.Council()}, func(rows *sql.Rows) error {
			var id string
			var d sqldb.Date
			if err := rows.Scan(&id, &d); err != nil {
				return err
			}
			out[id] = d
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the last supervisions: %w", err)
	}
	return out, nil
}

// Overdue is what the caseload page says of supervision: whether the signed-in member of staff's own is overdue
// (with their standing), and, for those who supervise, how many of the staff they supervise are overdue.
type Overdue struct {
	Mine   *Standing
	Theirs int
}

// OverdueNow reads Overdue for the signed-in member of staff, in one short read, since every caseload page asks: a
// team manager's count is of their teams' staff, the quality lead's of everyone supervised.
func (s *Store) OverdueNow(ctx context.Context) (Overdue, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Overdue{}, err
	}
	var out Overdue
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, err := readPolicy(ctx, tx)
		if err != nil {
			return err
		}
		today := tx.Today()
		whose, args := `s.id = $2`, []any{tx.Council(), st.ID}
		switch st.Role {
		case councils.QualityLead:
			whose, args = `TRUE`, args[:1]
		case councils.TeamManager:
			whose = `(s.id = $2 OR s.id IN (SELECT m.staff_id FROM team_member m WHERE m.council_id = s.council_id
				AND m.team_id IN (SELECT t.team_id FROM team_member t WHERE t.council_id = s.council_id AND t.staff_id = $2)))`
		}
		return sqldb.Each(ctx, tx, `SELECT s.id, s.role, (SELECT max(v.held_on) FROM supervision v WHERE v.council_id = s.council_id AND v.supervisee_id = s.id)
			FROM staff s WHERE s.council_id = $1 AND s.disabled_at IS NULL AND `+whose, args,
			func(rows *sql.Rows) error {
				var m councils.Staff
				var role string
				var last sqldb.Date
				if err := rows.Scan(&m.ID, &role, &last); err != nil {
					return err
				}
				m.Role = councils.Role(role)
				if !Supervised(m.Role) {
					return nil
				}
				x := StandingOf(m, last, p.Weeks(m), today)
				switch {
				case m.ID == st.ID && x.Overdue:
					out.Mine = &x
				case m.ID != st.ID && x.Overdue:
					out.Theirs++
				}
				return nil
			})
	})
	return out, err
}

// Carried is an action from an earlier session not yet done, carried into the next.
type Carried struct {
	SupervisionID string
	Position      int
	Action
}

// Carried reads the actions of a supervisee's earlier sessions not yet done, oldest first, for the supervisor
// recording the next session.
func (s *Store) Carried(ctx context.Context, superviseeID string) ([]Carried, error) {
	if _, err := signedIn(ctx); err != nil {
		return nil, err
	}
	var out []Carried
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = carried(ctx, tx, superviseeID)
		return err
	})
	return out, err
}

func carried(ctx context.Context, tx *sqldb.Tx, superviseeID string) ([]Carried, error) {
	var out []Carried
	err := sqldb.Each(ctx, tx, `SELECT a.supervision_id, a.position, a.what, a.owner, a.due_on FROM supervision_action a
		JOIN supervision s ON s.council_id = a.council_id AND s.id = a.supervision_id
		WHERE a.council_id = $1 AND s.supervisee_id = $2 AND a.done_on IS NULL ORDER BY s.held_on, a.position`,
		[]any{tx.Council(), superviseeID}, func(rows *sql.Rows) error {
			var c Carried
			if err := rows.Scan(&c.SupervisionID, &c.Position, &c.What, &c.Owner, &c.DueOn); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the actions carried forward: %w", err)
	}
	return out, nil
}

// Record keeps a session recorded by its supervisor, the signed-in member of staff, and marks done the carried
// actions done (done, as Carried's supervision and position). Each case discussed opens the person's record (the
// access rule, an access-log entry) and adds "discussed in supervision" to their chronology with the decision, never
// the personal sections.
func (s *Store) Record(ctx context.Context, sess Session, done []Carried) (Session, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Session{}, err
	}
	if !st.Role.Audits() {
		return Session{}, sqldb.ErrForbidden
	}
	sess.Normalise()
	sess.SupervisorID = st.ID
	staff, err := councils.NewStore(s.db).StaffList(ctx)
	if err != nil {
		return Session{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if ps := sess.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		i := slices.IndexFunc(staff, func(m councils.Staff) bool { return m.ID == sess.SuperviseeID })
		if i < 0 || !supervises(st, staff[i]) {
			return validation.Problems{{Field: "supervisee_id", Message: "Select someone you supervise"}}
		}
		sess.ID, sess.Version = sqldb.NewID(), 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO supervision (council_id, id, supervisor_id, supervisee_id, held_on, kind, went_well, wellbeing,
			learning, reflection, created_at, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $3, 1)`,
			tx.Council(), sess.ID, st.ID, sess.SuperviseeID, sess.HeldOn, string(sess.Kind), sess.WentWell, sess.Wellbeing, sess.Learning,
			sess.Reflection, tx.Now()); err != nil {
			return fmt.Errorf("record supervision: %w", sqldb.Normalise(err))
		}
		for n, c := range sess.Cases {
			if _, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Update); errors.Is(err, sqldb.ErrNotFound) || errors.Is(err, people.ErrBreakGlassNeeded) {
				return validation.Problems{{Field: CaseField(n, "person"), Message: "Select a person whose record you may open"}}
			} else if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO supervision_case (council_id, supervision_id, position, person_id, discussion, decision)
				VALUES ($1, $2, $3, $4, $5, $6)`, tx.Council(), sess.ID, n, c.PersonID, c.Discussion, c.Decision); err != nil {
				return fmt.Errorf("record a case discussed: %w", sqldb.Normalise(err))
			}
			summary := "Discussed in supervision"
			if c.Decision != "" {
				summary += ": " + c.Decision
			}
			if err := chronology.Record(ctx, tx, chronology.Event{PersonID: c.PersonID, OccurredOn: sess.HeldOn, Kind: chronology.Supervision,
				Summary: summary, RefID: sess.ID}); err != nil {
				return err
			}
		}
		for n, a := range sess.Actions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO supervision_action (council_id, supervision_id, position, what, owner, due_on)
				VALUES ($1, $2, $3, $4, $5, $6)`, tx.Council(), sess.ID, n, a.What, a.Owner, a.DueOn); err != nil {
				return fmt.Errorf("record an action: %w", err)
			}
		}
		for _, d := range done {
			if _, err := tx.ExecContext(ctx, `UPDATE supervision_action SET done_on = $1 WHERE council_id = $2 AND supervision_id = $3 AND position = $4
				AND done_on IS NULL AND supervision_id IN (SELECT id FROM supervision WHERE council_id = $2 AND supervisee_id = $5)`,
				sess.HeldOn, tx.Council(), d.SupervisionID, d.Position, sess.SuperviseeID); err != nil {
				return fmt.Errorf("mark an action done: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

const sessionColumns = `s.id, s.supervisor_id, COALESCE(sr.name, ''), s.supervisee_id, COALESCE(se.name, ''), s.held_on, s.kind, s.went_well,
	s.wellbeing, s.learning, s.reflection, s.agreed_at, s.comment, s.version`

const sessionFrom = ` FROM supervision s LEFT JOIN staff sr ON sr.council_id = s.council_id AND sr.id = s.supervisor_id
	LEFT JOIN staff se ON se.council_id = s.council_id AND se.id = s.supervisee_id`

func scanSession(row interface{ Scan(...any) error }) (Session, error) {
	var x Session
	var kind string
	var agreed sql.NullTime
	if err := row.Scan(&x.ID, &x.SupervisorID, &x.SupervisorName, &x.SuperviseeID, &x.SuperviseeName, &x.HeldOn, &kind, &x.WentWell,
		&x.Wellbeing, &x.Learning, &x.Reflection, &agreed, &x.Comment, &x.Version); err != nil {
		return Session{}, err
	}
	x.Kind = Kind(kind)
	if agreed.Valid {
		x.AgreedAt = agreed.Time.UTC()
	}
	return x, nil
}

// sees says whether a member of staff may read a session: its two participants and quality leads.
func sees(st councils.Staff, x Session) bool {
	return x.Between(st.ID) || st.Role == councils.QualityLead
}

// Between says whether a member of staff is one of the session's two participants, who alone see its personal
// sections (a supervision audit shows them to its auditor too).
func (x Session) Between(staffID string) bool {
	return staffID == x.SupervisorID || staffID == x.SuperviseeID
}

// WithholdPersonal blanks the personal sections (the supervisee’s wellbeing, learning and reflection) for a reader who is not one of the two.
func (x *Session) WithholdPersonal() { x.Wellbeing, x.Learning, x.Reflection = "", "", "" }

// Session reads a session for its supervisor, its supervisee or a quality lead, with its cases (opening each person's
// record as discussed in supervision, logged) and actions; anyone else gets sqldb.ErrNotFound. The personal sections
// are the two participants' alone: a quality lead reads them only through a supervision audit (ForAudit).
func (s *Store) Session(ctx context.Context, id string) (Session, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Session{}, err
	}
	var x Session
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if x, err = readSession(ctx, tx, st, id); err != nil {
			return err
		}
		if !x.Between(st.ID) {
			x.WithholdPersonal()
		}
		return OpenCases(ctx, tx, &x, people.LogRelated(DiscussedInSupervision))
	})
	return x, err
}

// OpenCases opens the record of each person whose case the session discussed, under mode (a relationship the
// access log gives as the reason, or people.Peek), and names them; a restricted record is named as one.
func OpenCases(ctx context.Context, tx *sqldb.Tx, x *Session, mode people.Mode) error {
	for i := range x.Cases {
		p, err := people.Open(ctx, tx, x.Cases[i].PersonID, "", mode, accesslog.View)
		switch {
		case errors.Is(err, sqldb.ErrNotFound):
			x.Cases[i].PersonName = "A person whose record is restricted"
		case err != nil:
			return err
		default:
			x.Cases[i].PersonName = p.FullName()
		}
	}
	return nil
}

// Audited is a session as a supervision audit reads it: the whole record, personal sections included, and the
// actions agreed at the supervisee's session before it, as they stand now.
type Audited struct {
	Session  Session
	Previous []Action // agreed at the supervisee's previous session; none when this was their first
	First    bool     // the supervisee had no session before this one
}

// ForAudit reads sessions in full, by ID, for a supervision audit: the audits domain decides who audits them, and
// opens no one's record here (OpenCases does, when the audit is read). A session that is not there is left out.
func ForAudit(ctx context.Context, tx *sqldb.Tx, ids []string) (map[string]Audited, error) {
	out := make(map[string]Audited, len(ids))
	for _, id := range ids {
		x, err := readSessionParts(ctx, tx, id)
		if errors.Is(err, sqldb.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		a := Audited{Session: x, First: true}
		var prev string
		err = tx.QueryRowContext(ctx, `SELECT id FROM supervision WHERE council_id = $1 AND supervisee_id = $2 AND id <> $3
			AND (held_on < $4 OR (held_on = $4 AND id < $3)) ORDER BY held_on DESC, id DESC LIMIT 1`,
			tx.Council(), x.SuperviseeID, x.ID, x.HeldOn).Scan(&prev)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("read the session before supervision %s: %w", id, err)
		default:
			a.First = false
			if a.Previous, err = readActions(ctx, tx, prev); err != nil {
				return nil, err
			}
		}
		out[id] = a
	}
	return out, nil
}

func readSession(ctx context.Context, tx *sqldb.Tx, st councils.Staff, id string) (Session, error) {
	x, err := readSessionParts(ctx, tx, id)
	if err != nil {
		return Session{}, err
	}
	if !sees(st, x) {
		return Session{}, fmt.Errorf("supervision %s: %w", id, sqldb.ErrNotFound)
	}
	return x, nil
}

// readSessionParts reads a session with its cases and actions, whoever asks: its callers apply who may see it.
func readSessionParts(ctx context.Context, tx *sqldb.Tx, id string) (Session, error) {
	x, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+sessionFrom+` WHERE s.council_id = $1 AND s.id = $2`, tx.Council(), id))
	if err != nil {
		return Session{}, fmt.Errorf("supervision %s: %w", id, sqldb.Normalise(err))
	}
	err = sqldb.Each(ctx, tx, `SELECT person_id, discussion, decision FROM supervision_case WHERE council_id = $1 AND supervision_id = $2 ORDER BY position`,
		[]any{tx.Council(), id}, func(rows *sql.Rows) error {
			var c Case
			err := rows.Scan(&c.PersonID, &c.Discussion, &c.Decision)
			x.Cases = append(x.Cases, c)
			return err
		})
	if err != nil {
		return Session{}, fmt.Errorf("read the cases discussed: %w", err)
	}
	if x.Actions, err = readActions(ctx, tx, id); err != nil {
		return Session{}, err
	}
	return x, nil
}

// readActions reads the actions agreed at a session, in order.
func readActions(ctx context.Context, tx *sqldb.Tx, id string) ([]Action, error) {
	var out []Action
	err := sqldb.Each(ctx, tx, `SELECT what, owner, due_on, done_on FROM supervision_action WHERE council_id = $1 AND supervision_id = $2 ORDER BY position`,
		[]any{tx.Council(), id}, func(rows *sql.Rows) error {
			var a Action
			err := rows.Scan(&a.What, &a.Owner, &a.DueOn, &a.DoneOn)
			out = append(out, a)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read the actions agreed: %w", err)
	}
	return out, nil
}

// Agree keeps the supervisee's agreement to the record of their session, with their comment: only the supervisee.
// version is the session's version when they read it; a later change is sqldb.ErrConflict.
func (s *Store) Agree(ctx context.Context, id, comment string, version int) error {
	st, err := signedIn(ctx)
	if err != nil {
		return err
	}
	comment = strings.TrimSpace(comment)
	if len(comment) > 4000 {
		return validation.Problems{{Field: "comment", Message: "Comment must be 4,000 characters or less"}}
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		x, err := readSession(ctx, tx, st, id)
		if err != nil {
			return err
		}
		if x.SuperviseeID != st.ID {
			return sqldb.ErrForbidden
		}
		res, err := tx.ExecContext(ctx, `UPDATE supervision SET agreed_at = $1, comment = $2, updated_at = $1, updated_by = $3, version = version + 1
			WHERE council_id = $4 AND id = $5 AND version = $6`, tx.Now(), comment, st.ID, tx.Council(), id, version)
		if err != nil {
			return fmt.Errorf("record agreement: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		return nil
	})
}

// History lists a member of staff's sessions, newest first, without their contents: for the two of them and quality
// leads, and for a team manager who supervises them. Someone who is not one of the council's staff is
// sqldb.ErrNotFound.
func (s *Store) History(ctx context.Context, superviseeID string) ([]Session, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Session
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var staff int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE council_id = $1 AND id = $2`, tx.Council(), superviseeID).Scan(&staff); err != nil {
			return fmt.Errorf("find the supervisee: %w", err)
		} else if staff == 0 {
			return fmt.Errorf("staff %s: %w", superviseeID, sqldb.ErrNotFound)
		}
		return sqldb.Each(ctx, tx, `SELECT `+sessionColumns+sessionFrom+` WHERE s.council_id = $1 AND s.supervisee_id = $2 ORDER BY s.held_on DESC, s.id`,
			[]any{tx.Council(), superviseeID}, func(rows *sql.Rows) error {
				x, err := scanSession(rows)
				if err != nil {
					return err
				}
				if sees(st, x) {
					x.WithholdPersonal()
					x.WentWell = ""
					out = append(out, x)
				}
				return nil
			})
	})
	return out, err
}

// MonthShare is how many of a team's supervised staff were within policy at the end of a month.
type MonthShare struct {
	Month      time.Time // the first day of the month
	Within, Of int
}

// TeamShares is a team's MonthShares, oldest month first.
type TeamShares struct {
	Team   string
	Months []MonthShare
}

// WithinPolicyByTeam works out, for each team the signed-in member of staff sees (a team manager theirs, the quality
// lead every team), how many of its supervised staff were within policy at the end of each of the last months
// (the current month counted to today).
func (s *Store) WithinPolicyByTeam(ctx context.Context, months int) ([]TeamShares, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !st.Role.Audits() {
		return nil, sqldb.ErrForbidden
	}
	cs := councils.NewStore(s.db)
	staff, err := cs.StaffList(ctx)
	if err != nil {
		return nil, err
	}
	teams, err := cs.Teams(ctx)
	if err != nil {
		return nil, err
	}
	held := map[string][]sqldb.Date{}
	var p Policy
	var today sqldb.Date
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if p, err = readPolicy(ctx, tx); err != nil {
			return err
		}
		today = tx.Today()
		return sqldb.Each(ctx, tx, `SELECT supervisee_id, held_on FROM supervision WHERE council_id = $1`, []any{tx.Council()},
			func(rows *sql.Rows) error {
				var id string
				var d sqldb.Date
				err := rows.Scan(&id, &d)
				held[id] = append(held[id], d)
				return err
			})
	})
	if err != nil {
		return nil, err
	}
	var out []TeamShares
	for _, t := range teams {
		if st.Role != councils.QualityLead && !st.InTeam(t.ID) {
			continue
		}
		ts := TeamShares{Team: t.Name}
		first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
		for m := months - 1; m >= 0; m-- {
			start := first.AddDate(0, -m, 0)
			end := sqldb.NewDate(start.AddDate(0, 1, -1))
			if end.After(today.Time) {
				end = today
			}
			share := MonthShare{Month: start}
			for _, x := range staff {
				if x.Disabled() || !Supervised(x.Role) || !x.InTeam(t.ID) {
					continue
				}
				share.Of++
				if WithinPolicy(held[x.ID], p.Weeks(x), end) {
					share.Within++
				}
			}
			ts.Months = append(ts.Months, share)
		}
		out = append(out, ts)
	}
	return out, nil
}

// FirstHeld reads, inside tx, the day each of the staff with ids was first supervised, for those who have been: a
// new starter's induction counts their first supervision from it.
func FirstHeld(ctx context.Context, tx *sqldb.Tx, ids []string) (map[string]sqldb.Date, error) {
	out := map[string]sqldb.Date{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, ids)
	err := sqldb.Each(ctx, tx, `SELECT supervisee_id, min(held_on) FROM supervision WHERE council_id = $1 AND supervisee_id IN (`+in+`)
		GROUP BY supervisee_id`, args, func(rows *sql.Rows) error {
		var id string
		var on sqldb.Date
		if err := rows.Scan(&id, &on); err != nil {
			return err
		}
		out[id] = on
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read when staff were first supervised: %w", err)
	}
	return out, nil
}
