package councils

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps councils, teams and staff.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// CreateCouncil adds a council. The code must be an ONS code not already used.
func (s *Store) CreateCouncil(ctx context.Context, code, name string) (Council, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	name = strings.TrimSpace(name)
	if err := ValidCode(code); err != nil {
		return Council{}, err
	}
	if name == "" {
		return Council{}, errors.New("council name is empty")
	}
	c := Council{ID: sqldb.NewID(), Code: code, Name: name, Version: 1, Settings: DefaultSettings}
	err := s.db.InTx(sqldb.WithCouncil(ctx, c.ID), func(tx *sqldb.Tx) error {
		c.CreatedAt = tx.Now()
		_, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, mfa_required, created_at, version) VALUES ($1, $2, $3, $4, $5, 1)`,
			c.ID, c.Code, c.Name, c.MFARequired, c.CreatedAt)
		if err != nil {
			return sqldb.Normalise(err)
		}
		// The access log's chain starts here, so its first entry has a head row to lock.
		_, err = tx.ExecContext(ctx, `INSERT INTO access_log_head (council_id, seq, hash) VALUES ($1, 0, '')`, c.ID)
		return err
	})
	if errors.Is(err, sqldb.ErrConflict) {
		return Council{}, fmt.Errorf("a council with code %s already exists: %w", code, sqldb.ErrConflict)
	}
	if err != nil {
		return Council{}, fmt.Errorf("create council %s: %w", code, err)
	}
	return c, nil
}

const councilColumns = `id, code, name, mfa_required, authorisation_threshold_pence, first_review_weeks, regular_review_months, directory_check_months, checkin_urgent_days, checkin_high_days, checkin_routine_days, safeguarding_roles, section42_decision_days, crisis_review_hours, advocacy_action_days, practitioners_lead_enquiries, created_at, version`

func scanCouncil(row interface{ Scan(...any) error }) (Council, error) {
	var c Council
	err := row.Scan(&c.ID, &c.Code, &c.Name, &c.MFARequired, &c.AuthorisationThresholdPence, &c.FirstReviewWeeks, &c.RegularReviewMonths, &c.DirectoryCheckMonths, &c.CheckInUrgentDays, &c.CheckInHighDays, &c.CheckInRoutineDays, &c.SafeguardingRoles, &c.Section42DecisionDays, &c.CrisisReviewHours, &c.AdvocacyActionDays, &c.PractitionersLeadEnquiries, &c.CreatedAt, &c.Version)
	return c, sqldb.Normalise(err)
}

// CouncilByCode finds a council by its ONS code.
func (s *Store) CouncilByCode(ctx context.Context, code string) (Council, error) {
	var c Council
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		c, err = scanCouncil(tx.QueryRowContext(ctx, `SELECT `+councilColumns+` FROM council WHERE code = $1`, strings.ToUpper(strings.TrimSpace(code))))
		return err
	})
	if err != nil {
		return Council{}, fmt.Errorf("find council %s: %w", code, err)
	}
	return c, nil
}

// CouncilByID finds a council by its ID.
func (s *Store) CouncilByID(ctx context.Context, id string) (Council, error) {
	var c Council
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		c, err = scanCouncil(tx.QueryRowContext(ctx, `SELECT `+councilColumns+` FROM council WHERE id = $1`, id))
		return err
	})
	if err != nil {
		return Council{}, fmt.Errorf("find council: %w", err)
	}
	return c, nil
}

// Councils lists every council on this install (for the command line, not for pages).
func (s *Store) Councils(ctx context.Context) ([]Council, error) {
	var out []Council
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+councilColumns+` FROM council ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCouncil(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// SetMFARequired changes whether every member of the council's staff must use two-factor sign-in.
func (s *Store) SetMFARequired(ctx context.Context, required bool, version int) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE council SET mfa_required = $1, version = version + 1 WHERE id = $2 AND version = $3`, required, council, version))
	})
}

// DefaultSettings are a new council's settings, as the schema's defaults: no authorisation threshold, a first
// review 8 weeks after a plan is agreed and then every 12 months, directory entries checked every 6 months, and
// check-ins with people waiting every 2, 7 and 14 days for urgent, high and routine priorities, safeguarding
// records seen by team managers and the quality lead, the section 42 decision within 2 days of a concern, a crisis
// reviewed within 72 hours, advocacy arranged within 5 days, and enquiries led by staff in the safeguarding roles.
var DefaultSettings = Settings{FirstReviewWeeks: 8, RegularReviewMonths: 12, DirectoryCheckMonths: 6, CheckInUrgentDays: 2, CheckInHighDays: 7, CheckInRoutineDays: 14,
	SafeguardingRoles: NewRoleSet(TeamManager, QualityLead), Section42DecisionDays: 2, CrisisReviewHours: 72, AdvocacyActionDays: 5}

// UpdateSettings saves the council's settings for the golden thread and whether every member of staff must use
// two-factor sign-in, if nobody else changed them since version; otherwise it changes nothing and returns
// ErrConflict.
func (s *Store) UpdateSettings(ctx context.Context, mfaRequired bool, set Settings, version int) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	if err := set.Validate(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE council SET mfa_required = $1, authorisation_threshold_pence = $2,
			first_review_weeks = $3, regular_review_months = $4, directory_check_months = $5, checkin_urgent_days = $6, checkin_high_days = $7, checkin_routine_days = $8,
			safeguarding_roles = $9, section42_decision_days = $10, crisis_review_hours = $11, advocacy_action_days = $12,
			practitioners_lead_enquiries = $13, version = version + 1 WHERE id = $14 AND version = $15`,
			mfaRequired, set.AuthorisationThresholdPence, set.FirstReviewWeeks, set.RegularReviewMonths, set.DirectoryCheckMonths,
			set.CheckInUrgentDays, set.CheckInHighDays, set.CheckInRoutineDays,
			string(set.SafeguardingRoles), set.Section42DecisionDays, set.CrisisReviewHours, set.AdvocacyActionDays, set.PractitionersLeadEnquiries, council, version))
	})
}

// SettingsIn reads the settings of the council of tx, for a domain that applies them inside its own transaction.
func SettingsIn(ctx context.Context, tx *sqldb.Tx) (Settings, error) {
	c, err := scanCouncil(tx.QueryRowContext(ctx, `SELECT `+councilColumns+` FROM council WHERE id = $1`, tx.Council()))
	if err != nil {
		return Settings{}, fmt.Errorf("read the council's settings: %w", err)
	}
	return c.Settings, nil
}

// CreateTeam adds a team to the council in ctx.
func (s *Store) CreateTeam(ctx context.Context, name string) (Team, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Team{}, err
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return Team{}, errors.New("team name is empty")
	}
	t := Team{ID: sqldb.NewID(), CouncilID: council, Name: name, Version: 1}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO team (council_id, id, name, created_at, version) VALUES ($1, $2, $3, $4, 1)`, council, t.ID, t.Name, tx.Now())
		return sqldb.Normalise(err)
	})
	if err != nil {
		return Team{}, fmt.Errorf("create team %q: %w", name, err)
	}
	return t, nil
}

// Teams lists the council's teams by name.
func (s *Store) Teams(ctx context.Context) ([]Team, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out []Team
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, council_id, name, version FROM team WHERE council_id = $1 ORDER BY name`, council)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t Team
			if err := rows.Scan(&t.ID, &t.CouncilID, &t.Name, &t.Version); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// TeamByName finds a team of the council in ctx by its name, ignoring case.
func (s *Store) TeamByName(ctx context.Context, name string) (Team, error) {
	teams, err := s.Teams(ctx)
	if err != nil {
		return Team{}, err
	}
	for _, t := range teams {
		if strings.EqualFold(t.Name, strings.TrimSpace(name)) || t.ID == name {
			return t, nil
		}
	}
	return Team{}, fmt.Errorf("team %q: %w", name, sqldb.ErrNotFound)
}

// NewStaff is what is needed to add a member of staff.
type NewStaff struct {
	Email        string
	Name         string
	Role         Role
	TeamIDs      []string
	PasswordHash string
}

// CreateStaff adds a member of staff to the council in ctx. An email address may belong to one account on the
// whole install, because sign-in finds the council from it.
func (s *Store) CreateStaff(ctx context.Context, n NewStaff) (Staff, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Staff{}, err
	}
	st := Staff{
		ID: sqldb.NewID(), CouncilID: council, Email: NormaliseEmail(n.Email), Name: strings.TrimSpace(n.Name),
		Role: n.Role, TeamIDs: n.TeamIDs, PasswordHash: n.PasswordHash, Version: 1,
	}
	if err := st.validate(); err != nil {
		return Staff{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		st.CreatedAt, st.UpdatedAt = tx.Now(), tx.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff (council_id, id, email, name, role, password_hash, created_at, updated_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)`, council, st.ID, st.Email, st.Name, string(st.Role), st.PasswordHash, st.CreatedAt); err != nil {
			return sqldb.Normalise(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff_login (email, council_id, staff_id) VALUES ($1, $2, $3)`, st.Email, council, st.ID); err != nil {
			return sqldb.Normalise(err)
		}
		return setTeams(ctx, tx, council, st.ID, st.TeamIDs)
	})
	if errors.Is(err, sqldb.ErrConflict) {
		return Staff{}, fmt.Errorf("an account with email %s already exists, or a team was not found: %w", st.Email, err)
	}
	if err != nil {
		return Staff{}, fmt.Errorf("add staff %s: %w", st.Email, err)
	}
	return st, nil
}

func (st Staff) validate() error {
	var problems []string
	if st.Email == "" || !strings.Contains(st.Email, "@") {
		problems = append(problems, "email address is missing or not an email address")
	}
	if st.Name == "" {
		problems = append(problems, "name is empty")
	}
	if _, err := ParseRole(string(st.Role)); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func setTeams(ctx context.Context, tx *sqldb.Tx, council, staffID string, teams []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM team_member WHERE council_id = $1 AND staff_id = $2`, council, staffID); err != nil {
		return err
	}
	for _, team := range teams {
		if _, err := tx.ExecContext(ctx, `INSERT INTO team_member (council_id, team_id, staff_id) VALUES ($1, $2, $3)`, council, team, staffID); err != nil {
			return sqldb.Normalise(err)
		}
	}
	return nil
}

const staffColumns = `id, council_id, email, name, role, password_hash, totp_secret, totp_last_step, disabled_at, created_at, updated_at, version`

func scanStaff(row interface{ Scan(...any) error }) (Staff, error) {
	var st Staff
	var role string
	var disabled *time.Time
	if err := row.Scan(&st.ID, &st.CouncilID, &st.Email, &st.Name, &role, &st.PasswordHash, &st.TOTPSecret, &st.TOTPLastStep, &disabled, &st.CreatedAt, &st.UpdatedAt, &st.Version); err != nil {
		return Staff{}, sqldb.Normalise(err)
	}
	st.Role = Role(role)
	if disabled != nil {
		st.DisabledAt = *disabled
	}
	return st, nil
}

func loadTeams(ctx context.Context, q sqldb.Querier, council string, staff []Staff) error {
	if len(staff) == 0 {
		return nil
	}
	idx := make(map[string]int, len(staff))
	for i, st := range staff {
		idx[st.ID] = i
	}
	query := `SELECT staff_id, team_id FROM team_member WHERE council_id = $1`
	args := []any{council}
	if len(staff) == 1 {
		query += ` AND staff_id = $2`
		args = append(args, staff[0].ID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY team_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sid, tid string
		if err := rows.Scan(&sid, &tid); err != nil {
			return err
		}
		if i, ok := idx[sid]; ok {
			staff[i].TeamIDs = append(staff[i].TeamIDs, tid)
		}
	}
	return rows.Err()
}

// StaffByID finds a member of the council's staff.
func (s *Store) StaffByID(ctx context.Context, id string) (Staff, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Staff{}, err
	}
	var st Staff
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		st, err = scanStaff(tx.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE council_id = $1 AND id = $2`, council, id))
		if err != nil {
			return err
		}
		list := []Staff{st}
		err = loadTeams(ctx, tx, council, list)
		st = list[0]
		return err
	})
	if err != nil {
		return Staff{}, fmt.Errorf("find staff: %w", err)
	}
	return st, nil
}

// StaffAndCouncil reads a member of staff with their teams, and their council, in one transaction: what every
// signed-in request needs first.
func (s *Store) StaffAndCouncil(ctx context.Context, id string) (Staff, Council, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Staff{}, Council{}, err
	}
	var st Staff
	var c Council
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if st, err = scanStaff(tx.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE council_id = $1 AND id = $2`, council, id)); err != nil {
			return err
		}
		if c, err = scanCouncil(tx.QueryRowContext(ctx, `SELECT `+councilColumns+` FROM council WHERE id = $1`, council)); err != nil {
			return err
		}
		list := []Staff{st}
		err = loadTeams(ctx, tx, council, list)
		st = list[0]
		return err
	})
	if err != nil {
		return Staff{}, Council{}, fmt.Errorf("find staff: %w", err)
	}
	return st, c, nil
}

// FindLogin finds which council an email address signs in to, and the member of staff it belongs to. It works
// before any council is known, so sign-in can start from an email address alone.
func (s *Store) FindLogin(ctx context.Context, email string) (Staff, error) {
	var council, id string
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT council_id, staff_id FROM staff_login WHERE email = $1`, NormaliseEmail(email)).Scan(&council, &id))
	})
	if err != nil {
		return Staff{}, fmt.Errorf("find sign-in: %w", err)
	}
	return s.StaffByID(sqldb.WithCouncil(ctx, council), id)
}

// StaffList lists the council's staff by name.
func (s *Store) StaffList(ctx context.Context) ([]Staff, error) {
	if _, err := sqldb.CouncilFrom(ctx); err != nil {
		return nil, err
	}
	var out []Staff
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = StaffIn(ctx, tx)
		return err
	})
	return out, err
}

// StaffIn lists the council's staff by name, each with their teams, inside tx: for pages and figures that name
// staff, such as measures divided by worker.
func StaffIn(ctx context.Context, tx *sqldb.Tx) ([]Staff, error) {
	var out []Staff
	err := sqldb.Each(ctx, tx, `SELECT `+staffColumns+` FROM staff WHERE council_id = $1 ORDER BY name, email`, []any{tx.Council()},
		func(rows *sql.Rows) error {
			st, err := scanStaff(rows)
			if err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the staff: %w", err)
	}
	if err := loadTeams(ctx, tx, tx.Council(), out); err != nil {
		return nil, fmt.Errorf("read the staff's teams: %w", err)
	}
	return out, nil
}

// StaffChange is an administrator's change to an account: its role, its teams, and whether it may sign in.
type StaffChange struct {
	Name     string
	Role     Role
	TeamIDs  []string
	Disabled bool
	Version  int
}

// UpdateStaff applies an administrator's change. A stale version is refused with ErrConflict.
func (s *Store) UpdateStaff(ctx context.Context, id string, c StaffChange) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	if _, err := ParseRole(string(c.Role)); err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return errors.New("name is empty")
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var disabled any
		if c.Disabled {
			disabled = tx.Now()
		}
		err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE staff SET name = $1, role = $2,
			disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, $4) ELSE NULL END,
			updated_at = $5, version = version + 1
			WHERE council_id = $6 AND id = $7 AND version = $8`,
			strings.TrimSpace(c.Name), string(c.Role), c.Disabled, disabled, tx.Now(), council, id, c.Version))
		if err != nil {
			return fmt.Errorf("update staff: %w", err)
		}
		return setTeams(ctx, tx, council, id, c.TeamIDs)
	})
}

// SetPassword stores a new password hash.
func (s *Store) SetPassword(ctx context.Context, id, hash string) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE staff SET password_hash = $1, updated_at = $2, version = version + 1 WHERE council_id = $3 AND id = $4`,
			hash, tx.Now(), council, id))
	})
}

// SetTOTP stores a member of staff's two-factor secret (empty to remove it) and the last time step accepted.
func (s *Store) SetTOTP(ctx context.Context, id, secret string, lastStep int64) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE staff SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE council_id = $4 AND id = $5`,
			secret, lastStep, tx.Now(), council, id))
	})
}

// AcceptTOTPStep records that a two-factor code for step was used, refusing a step not later than the last one
// so that a code can never be replayed, even by two requests at once.
func (s *Store) AcceptTOTPStep(ctx context.Context, id string, step int64) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE staff SET totp_last_step = $1 WHERE council_id = $2 AND id = $3 AND totp_last_step < $1`,
			step, council, id))
	})
}

// TeamNames reads the names of the council's teams by their IDs, inside tx: for pages and figures that name teams.
func TeamNames(ctx context.Context, tx *sqldb.Tx) (map[string]string, error) {
	out := map[string]string{}
	err := sqldb.Each(ctx, tx, `SELECT id, name FROM team WHERE council_id = $1`, []any{tx.Council()}, func(rows *sql.Rows) error {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		out[id] = name
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the teams: %w", err)
	}
	return out, nil
}
