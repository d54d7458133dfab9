package workforce

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// Store keeps a council's staff resource scenarios and works out their results from the record. Everyone who reads
// measures reads them; quality leads and team managers make and change them.
type Store struct {
	db  *sqldb.DB
	obs Observations // nil: no practice study to observe time from
}

// NewStore returns a store over db, taking observed time from obs when it is not nil.
func NewStore(db *sqldb.DB, obs Observations) *Store { return &Store{db: db, obs: obs} }

func reader(ctx context.Context) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.ReadsMeasures() {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// MakesScenarios says whether a role makes and changes scenarios: quality leads and team managers.
func MakesScenarios(r councils.Role) bool { return r.Audits() }

func maker(ctx context.Context) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !MakesScenarios(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Draft is a new scenario's starting point: the default assumptions, with the supervision the council's policy gives.
func (s *Store) Draft(ctx context.Context) (Scenario, error) {
	if _, err := maker(ctx); err != nil {
		return Scenario{}, err
	}
	p, err := supervision.NewStore(s.db).Policy(ctx)
	if err != nil {
		return Scenario{}, err
	}
	return Scenario{Assumptions: Defaults(p)}, nil
}

// Studies lists the practice studies a scenario can take observed time from: none without observations.
func (s *Store) Studies(ctx context.Context) ([]Study, error) {
	if _, err := reader(ctx); err != nil {
		return nil, err
	}
	if s.obs == nil {
		return nil, nil
	}
	return s.obs.Studies(ctx)
}

const scenarioColumns = `w.id, w.name, w.description, w.study_id, w.assumptions, w.updated_at, COALESCE(st.name, ''), w.version
	FROM workforce_scenario w LEFT JOIN staff st ON st.council_id = w.council_id AND st.id = w.updated_by`

func scanScenario(row interface{ Scan(...any) error }) (Scenario, error) {
	var x Scenario
	var assumptions string
	if err := row.Scan(&x.ID, &x.Name, &x.Description, &x.StudyID, &assumptions, &x.UpdatedAt, &x.UpdatedBy, &x.Version); err != nil {
		return Scenario{}, err
	}
	x.UpdatedAt = x.UpdatedAt.UTC()
	if err := json.Unmarshal([]byte(assumptions), &x.Assumptions); err != nil {
		return Scenario{}, fmt.Errorf("read the assumptions of scenario %s: %w", x.ID, err)
	}
	return x, nil
}

// Scenarios lists the council's scenarios by name.
func (s *Store) Scenarios(ctx context.Context) ([]Scenario, error) {
	if _, err := reader(ctx); err != nil {
		return nil, err
	}
	var out []Scenario
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT `+scenarioColumns+` WHERE w.council_id = $1 ORDER BY w.name, w.id`, []any{tx.Council()},
			func(rows *sql.Rows) error {
				x, err := scanScenario(rows)
				out = append(out, x)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("list the scenarios: %w", err)
	}
	return out, nil
}

// Scenario reads one scenario; one not in the council is sqldb.ErrNotFound.
func (s *Store) Scenario(ctx context.Context, id string) (Scenario, error) {
	if _, err := reader(ctx); err != nil {
		return Scenario{}, err
	}
	var x Scenario
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		x, err = readScenario(ctx, tx, id)
		return err
	})
	return x, err
}

func readScenario(ctx context.Context, tx *sqldb.Tx, id string) (Scenario, error) {
	x, err := scanScenario(tx.QueryRowContext(ctx, `SELECT `+scenarioColumns+` WHERE w.council_id = $1 AND w.id = $2`, tx.Council(), id))
	if err != nil {
		return Scenario{}, fmt.Errorf("scenario %s: %w", id, sqldb.Normalise(err))
	}
	return x, nil
}

// check validates a scenario inside tx: its own rules, a name no other scenario of the council has, and a study
// among studies (read before the transaction, since the observations have their own store).
func check(ctx context.Context, tx *sqldb.Tx, x Scenario, studies []Study) error {
	ps := x.Validate()
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workforce_scenario WHERE council_id = $1 AND name = $2 AND id <> $3`,
		tx.Council(), x.Name, x.ID).Scan(&taken); err != nil {
		return fmt.Errorf("check the scenario's name: %w", err)
	}
	if taken > 0 {
		ps.Append("name", "There is already a scenario called "+x.Name+": choose another name")
	}
	if x.StudyID != "" && !studyIn(studies, x.StudyID) {
		ps.Append("study_id", "Select a practice study from the list, or none")
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

func studyIn(studies []Study, id string) bool {
	for _, st := range studies {
		if st.ID == id {
			return true
		}
	}
	return false
}

// Create saves a new scenario.
func (s *Store) Create(ctx context.Context, x Scenario) (Scenario, error) {
	st, err := maker(ctx)
	if err != nil {
		return Scenario{}, err
	}
	x.Normalise()
	x.ID = sqldb.NewID()
	studies, err := s.Studies(ctx)
	if err != nil {
		return Scenario{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := check(ctx, tx, x, studies); err != nil {
			return err
		}
		assumptions, err := json.Marshal(x.Assumptions)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO workforce_scenario (council_id, id, name, description, study_id, assumptions, created_at,
			created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, 1)`,
			tx.Council(), x.ID, x.Name, x.Description, x.StudyID, string(assumptions), tx.Now(), st.ID); err != nil {
			return fmt.Errorf("save the scenario: %w", sqldb.Normalise(err))
		}
		x, err = readScenario(ctx, tx, x.ID)
		return err
	})
	if err != nil {
		return Scenario{}, err
	}
	return x, nil
}

// Change saves a scenario over the version it was read at (x.Version); a later change is sqldb.ErrConflict.
func (s *Store) Change(ctx context.Context, x Scenario) (Scenario, error) {
	st, err := maker(ctx)
	if err != nil {
		return Scenario{}, err
	}
	x.Normalise()
	studies, err := s.Studies(ctx)
	if err != nil {
		return Scenario{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readScenario(ctx, tx, x.ID); err != nil {
			return err
		}
		if err := check(ctx, tx, x, studies); err != nil {
			return err
		}
		assumptions, err := json.Marshal(x.Assumptions)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE workforce_scenario SET name = $1, description = $2, study_id = $3, assumptions = $4, updated_at = $5,
			updated_by = $6, version = version + 1 WHERE council_id = $7 AND id = $8 AND version = $9`,
			x.Name, x.Description, x.StudyID, string(assumptions), tx.Now(), st.ID, tx.Council(), x.ID, x.Version)
		if err != nil {
			return fmt.Errorf("change the scenario: %w", sqldb.Normalise(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return sqldb.ErrConflict
		}
		x, err = readScenario(ctx, tx, x.ID)
		return err
	})
	if err != nil {
		return Scenario{}, err
	}
	return x, nil
}

// Result is a scenario worked out over a period: each team's need beside the staff it has, and the council's total.
type Result struct {
	Scenario Scenario
	Period   Period
	Months   int
	// Study names the practice study observed time came from: "" when every share with people is assumed. Each
	// need says whether its own share was observed.
	Study string
	Needs []Need
	Total Need
	// Volumes are the record's counts the need was worked out from, team by team and month by month.
	Volumes []TeamVolumes
}

// Results works out scenarios over a period: the volumes are read once and each scenario applied to them, so that a
// comparison reads the record once.
func (s *Store) Results(ctx context.Context, p Period, ids ...string) ([]Result, error) {
	if _, err := reader(ctx); err != nil {
		return nil, err
	}
	cs := councils.NewStore(s.db)
	teams, err := cs.Teams(ctx)
	if err != nil {
		return nil, err
	}
	staff, err := cs.StaffList(ctx)
	if err != nil {
		return nil, err
	}
	var vols []TeamVolumes
	scenarios := make([]Scenario, len(ids))
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for i, id := range ids {
			if scenarios[i], err = readScenario(ctx, tx, id); err != nil {
				return err
			}
		}
		vols, err = readVolumes(ctx, tx, teams, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	has, months := StaffingOf(staff), len(p.Months())
	out := make([]Result, len(ids))
	for i, x := range scenarios {
		r := Result{Scenario: x, Period: p, Months: months, Volumes: vols}
		observed, study, err := s.observed(ctx, x.StudyID)
		if err != nil {
			return nil, err
		}
		r.Study = study
		r.Needs = Calculate(vols, months, has, x.Assumptions, observed)
		r.Total = Sum(r.Needs)
		out[i] = r
	}
	return out, nil
}

// observed reads a study's time by team and its name; nothing when the scenario names none or there are no
// observations. A study no longer there leaves the scenario on its assumptions.
func (s *Store) observed(ctx context.Context, studyID string) (map[string]ObservedTeam, string, error) {
	if studyID == "" || s.obs == nil {
		return nil, "", nil
	}
	studies, err := s.obs.Studies(ctx)
	if err != nil {
		return nil, "", err
	}
	var name string
	for _, st := range studies {
		if st.ID == studyID {
			name = st.Name
		}
	}
	if name == "" {
		return nil, "", nil
	}
	teams, err := s.obs.TimeByTeam(ctx, studyID)
	if errors.Is(err, sqldb.ErrNotFound) {
		return nil, "", nil
	} else if err != nil {
		return nil, "", err
	}
	out := make(map[string]ObservedTeam, len(teams))
	for _, t := range teams {
		out[t.TeamID] = t
	}
	return out, name, nil
}

// Volumes counts each team's work month by month over a period.
func (s *Store) Volumes(ctx context.Context, p Period) ([]TeamVolumes, error) {
	if _, err := reader(ctx); err != nil {
		return nil, err
	}
	teams, err := councils.NewStore(s.db).Teams(ctx)
	if err != nil {
		return nil, err
	}
	var out []TeamVolumes
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		out, err = readVolumes(ctx, tx, teams, p)
		return err
	})
	return out, err
}

// Today is the council's today, for a page working out its default period.
func (s *Store) Today() sqldb.Date { return s.db.Today() }

// PeriodOf is the period of the last months full months before today, where months is one Periods offers, and
// otherwise the last 12.
func PeriodOf(today sqldb.Date, months int) (Period, int) {
	for _, n := range Periods() {
		if n == months {
			return LastFullMonths(today, n), n
		}
	}
	return LastFullMonths(today, 12), 12
}
