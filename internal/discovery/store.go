package discovery

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the programme's discovery and dream for each council: its findings, vision, cultural web and
// stakeholders. Quality leads, team managers and programme leads read them; quality leads and programme leads
// change them (councils.Role.ReadsProgramme, ChangesProgramme), as they do the rest of the programme. Another
// council's records are sqldb.ErrNotFound.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// signedIn is the member of staff in ctx, when their role may.
func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || st.Role == "" || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// read runs one read transaction for a reader of the programme.
func read[T any](ctx context.Context, s *Store, fn func(tx *sqldb.Tx) (T, error)) (T, error) {
	var out T
	if _, err := signedIn(ctx, councils.Role.ReadsProgramme); err != nil {
		return out, err
	}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	return out, err
}

// save runs one write transaction for one who changes the programme, then reads the record back.
func save[T any](ctx context.Context, s *Store, write func(tx *sqldb.Tx, by string) (id string, err error), back func(ctx context.Context, id string) (T, error)) (T, error) {
	var zero T
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return zero, err
	}
	var id string
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		id, err = write(tx, st.ID)
		return err
	})
	if err != nil {
		return zero, err
	}
	return back(ctx, id)
}

// Findings

const findingColumns = `id, kind, finding, source, found_on, workstream, version`

func scanFinding(row interface{ Scan(...any) error }) (Finding, error) {
	var f Finding
	err := row.Scan(&f.ID, &f.Kind, &f.Text, &f.Source, &f.FoundOn, &f.Workstream, &f.Version)
	return f, err
}

// Findings reads the council's findings, newest first.
func (s *Store) Findings(ctx context.Context) ([]Finding, error) {
	return read(ctx, s, func(tx *sqldb.Tx) ([]Finding, error) {
		var out []Finding
		err := sqldb.Each(ctx, tx, `SELECT `+findingColumns+` FROM discovery_finding WHERE council_id = $1
			ORDER BY found_on DESC, created_at DESC, id`, []any{tx.Council()}, func(rows *sql.Rows) error {
			f, err := scanFinding(rows)
			out = append(out, f)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read the discovery's findings: %w", err)
		}
		return out, nil
	})
}

// Finding reads one of the council's findings.
func (s *Store) Finding(ctx context.Context, id string) (Finding, error) {
	return read(ctx, s, func(tx *sqldb.Tx) (Finding, error) {
		f, err := scanFinding(tx.QueryRowContext(ctx, `SELECT `+findingColumns+` FROM discovery_finding WHERE council_id = $1 AND id = $2`, tx.Council(), id))
		if err != nil {
			return Finding{}, fmt.Errorf("finding %s: %w", id, sqldb.Normalise(err))
		}
		return f, nil
	})
}

// SaveFinding records a new finding (no ID) or changes one at the version it was read: a later change is
// sqldb.ErrConflict.
func (s *Store) SaveFinding(ctx context.Context, f Finding) (Finding, error) {
	f.Normalise()
	if ps := f.Validate(); len(ps) > 0 {
		return Finding{}, ps
	}
	return save(ctx, s, func(tx *sqldb.Tx, by string) (string, error) {
		if f.ID == "" {
			id := sqldb.NewID()
			_, err := tx.ExecContext(ctx, `INSERT INTO discovery_finding (council_id, id, kind, finding, source, found_on, workstream,
				created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9, 1)`,
				tx.Council(), id, string(f.Kind), f.Text, string(f.Source), f.FoundOn, f.Workstream, tx.Now(), by)
			if err != nil {
				return "", fmt.Errorf("record a finding: %w", sqldb.Normalise(err))
			}
			return id, nil
		}
		if err := exists(ctx, tx, "discovery_finding", "finding", f.ID); err != nil {
			return "", err
		}
		return f.ID, sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE discovery_finding SET kind = $1, finding = $2, source = $3, found_on = $4,
			workstream = $5, updated_at = $6, updated_by = $7, version = version + 1 WHERE council_id = $8 AND id = $9 AND version = $10`,
			string(f.Kind), f.Text, string(f.Source), f.FoundOn, f.Workstream, tx.Now(), by, tx.Council(), f.ID, f.Version))
	}, s.Finding)
}

// RemoveFinding takes a finding off the discovery, if it is still at the version it was read: a change since is
// sqldb.ErrConflict, and another council's finding sqldb.ErrNotFound.
func (s *Store) RemoveFinding(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "discovery_finding", "finding", id, version)
}

// RemoveObservation takes an observation off its cultural web, with its links to the actions that make it, if it is
// still at the version it was read: a change since is sqldb.ErrConflict. The actions themselves stay.
func (s *Store) RemoveObservation(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "culture_observation", "observation", id, version)
}

// RemoveStakeholder takes a stakeholder off the map, if they are still at the version they were read: a change
// since is sqldb.ErrConflict.
func (s *Store) RemoveStakeholder(ctx context.Context, id string, version int) error {
	return s.remove(ctx, "programme_stakeholder", "stakeholder", id, version)
}

// remove deletes the council's row id from table at version, for one who changes the programme.
func (s *Store) remove(ctx context.Context, table, what, id string, version int) error {
	if _, err := signedIn(ctx, councils.Role.ChangesProgramme); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := exists(ctx, tx, table, what, id); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE council_id = $1 AND id = $2 AND version = $3`,
			tx.Council(), id, version))
	})
	if err != nil {
		return fmt.Errorf("remove %s %s: %w", what, id, err)
	}
	return nil
}

// exists is sqldb.ErrNotFound when the council has no row id in table, so that a change of another council's record
// is told apart from a change someone else made first.
func exists(ctx context.Context, tx *sqldb.Tx, table, what, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&n); err != nil {
		return fmt.Errorf("find %s %s: %w", what, id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", what, id, sqldb.ErrNotFound)
	}
	return nil
}

// The vision

// Vision reads the council's vision statement with every version.
func (s *Store) Vision(ctx context.Context) (Vision, error) {
	return read(ctx, s, func(tx *sqldb.Tx) (Vision, error) {
		var vs []VisionVersion
		err := sqldb.Each(ctx, tx, `SELECT id, statement, agreed_on, co_producers, session, version FROM vision_version
			WHERE council_id = $1 ORDER BY created_at, id`, []any{tx.Council()}, func(rows *sql.Rows) error {
			var v VisionVersion
			var who string
			if err := rows.Scan(&v.ID, &v.Statement, &v.AgreedOn, &who, &v.Session, &v.Version); err != nil {
				return err
			}
			for _, c := range strings.Split(who, ",") {
				if c != "" {
					v.CoProducers = append(v.CoProducers, CoProducer(c))
				}
			}
			vs = append(vs, v)
			return nil
		})
		if err != nil {
			return Vision{}, fmt.Errorf("read the vision: %w", err)
		}
		return NewVision(vs), nil
	})
}

// AddVision records a new agreed version of the vision statement. Versions are never changed: a new wording is a
// new version, and the latest agreed becomes the current one.
func (s *Store) AddVision(ctx context.Context, v VisionVersion) (VisionVersion, error) {
	v.Normalise()
	if ps := v.Validate(sqldb.TodayIn(ctx)); len(ps) > 0 {
		return VisionVersion{}, ps
	}
	who := make([]string, len(v.CoProducers))
	for i, c := range v.CoProducers {
		who[i] = string(c)
	}
	return save(ctx, s, func(tx *sqldb.Tx, by string) (string, error) {
		if v.AgreedOn.After(tx.Today().Time) {
			return "", validation.Problems{{Field: "agreed_on", Message: "The date it was agreed must be today or in the past"}}
		}
		id := sqldb.NewID()
		_, err := tx.ExecContext(ctx, `INSERT INTO vision_version (council_id, id, statement, agreed_on, co_producers, session,
			created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, 1)`,
			tx.Council(), id, v.Statement, v.AgreedOn, strings.Join(who, ","), v.Session, tx.Now(), by)
		if err != nil {
			return "", fmt.Errorf("record a version of the vision: %w", sqldb.Normalise(err))
		}
		return id, nil
	}, func(ctx context.Context, id string) (VisionVersion, error) {
		vision, err := s.Vision(ctx)
		for _, x := range vision.Versions {
			if x.ID == id {
				return x, err
			}
		}
		return VisionVersion{}, fmt.Errorf("version %s of the vision: %w", id, sqldb.ErrNotFound)
	})
}

// The cultural web

const observationColumns = `o.id, o.web, o.element, o.observation, o.source, o.version`

func scanObservation(row interface{ Scan(...any) error }) (Observation, error) {
	var o Observation
	err := row.Scan(&o.ID, &o.Web, &o.Element, &o.Text, &o.Source, &o.Version)
	return o, err
}

// Observations reads every observation on the council's two cultural webs, in the order they were recorded, each
// to-be change with the actions linked to it.
func (s *Store) Observations(ctx context.Context) ([]Observation, error) {
	return read(ctx, s, func(tx *sqldb.Tx) ([]Observation, error) { return readObservations(ctx, tx, "") })
}

func readObservations(ctx context.Context, tx *sqldb.Tx, id string) ([]Observation, error) {
	where, args := "", []any{tx.Council()}
	if id != "" {
		where, args = ` AND o.id = $2`, append(args, id)
	}
	var out []Observation
	err := sqldb.Each(ctx, tx, `SELECT `+observationColumns+` FROM culture_observation o WHERE o.council_id = $1`+where+`
		ORDER BY o.created_at, o.id`, args, func(rows *sql.Rows) error {
		o, err := scanObservation(rows)
		out = append(out, o)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the cultural web: %w", err)
	}
	if err := readLinks(ctx, tx, out, id); err != nil {
		return nil, err
	}
	return out, nil
}

// Observation reads one observation on the council's cultural webs.
func (s *Store) Observation(ctx context.Context, id string) (Observation, error) {
	return read(ctx, s, func(tx *sqldb.Tx) (Observation, error) {
		os, err := readObservations(ctx, tx, id)
		if err != nil {
			return Observation{}, err
		}
		if len(os) == 0 {
			return Observation{}, fmt.Errorf("observation %s: %w", id, sqldb.ErrNotFound)
		}
		return os[0], nil
	})
}

// SaveObservation records a new observation (no ID) or changes one at the version it was read, with the actions
// linked to it: a later change is sqldb.ErrConflict.
func (s *Store) SaveObservation(ctx context.Context, o Observation) (Observation, error) {
	o.Normalise()
	if ps := o.Validate(); len(ps) > 0 {
		return Observation{}, ps
	}
	return save(ctx, s, func(tx *sqldb.Tx, by string) (string, error) {
		if err := checkActions(ctx, tx, o.ActionIDs()); err != nil {
			return "", err
		}
		id := o.ID
		if id == "" {
			id = sqldb.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO culture_observation (council_id, id, web, element, observation, source,
				created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, 1)`,
				tx.Council(), id, string(o.Web), string(o.Element), o.Text, string(o.Source), tx.Now(), by); err != nil {
				return "", fmt.Errorf("record an observation: %w", sqldb.Normalise(err))
			}
		} else {
			if err := exists(ctx, tx, "culture_observation", "observation", id); err != nil {
				return "", err
			}
			if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE culture_observation SET web = $1, element = $2, observation = $3, source = $4,
				updated_at = $5, updated_by = $6, version = version + 1 WHERE council_id = $7 AND id = $8 AND version = $9`,
				string(o.Web), string(o.Element), o.Text, string(o.Source), tx.Now(), by, tx.Council(), id, o.Version)); err != nil {
				return "", err
			}
		}
		return id, writeLinks(ctx, tx, id, o.ActionIDs())
	}, s.Observation)
}

// Stakeholders

const stakeholderColumns = `s.id, s.name, s.organisation, s.kind, s.influence, s.interest, s.engagement, s.owner_id, COALESCE(st.name, ''), s.version`

const stakeholderFrom = ` FROM programme_stakeholder s LEFT JOIN staff st ON st.council_id = s.council_id AND st.id = s.owner_id`

func scanStakeholder(row interface{ Scan(...any) error }) (Stakeholder, error) {
	var x Stakeholder
	err := row.Scan(&x.ID, &x.Name, &x.Organisation, &x.Kind, &x.Influence, &x.Interest, &x.Engagement, &x.OwnerID, &x.OwnerName, &x.Version)
	return x, err
}

// Stakeholders reads the council's stakeholder map, by name.
func (s *Store) Stakeholders(ctx context.Context) ([]Stakeholder, error) {
	return read(ctx, s, func(tx *sqldb.Tx) ([]Stakeholder, error) {
		var out []Stakeholder
		err := sqldb.Each(ctx, tx, `SELECT `+stakeholderColumns+stakeholderFrom+` WHERE s.council_id = $1 ORDER BY s.name, s.id`,
			[]any{tx.Council()}, func(rows *sql.Rows) error {
				x, err := scanStakeholder(rows)
				out = append(out, x)
				return err
			})
		if err != nil {
			return nil, fmt.Errorf("read the stakeholders: %w", err)
		}
		return out, nil
	})
}

// Stakeholder reads one of the council's stakeholders.
func (s *Store) Stakeholder(ctx context.Context, id string) (Stakeholder, error) {
	return read(ctx, s, func(tx *sqldb.Tx) (Stakeholder, error) {
		x, err := scanStakeholder(tx.QueryRowContext(ctx, `SELECT `+stakeholderColumns+stakeholderFrom+` WHERE s.council_id = $1 AND s.id = $2`, tx.Council(), id))
		if err != nil {
			return Stakeholder{}, fmt.Errorf("stakeholder %s: %w", id, sqldb.Normalise(err))
		}
		return x, nil
	})
}

// SaveStakeholder records a new stakeholder (no ID) or changes one at the version it was read: a later change is
// sqldb.ErrConflict. The engagement's owner must be one of the council's staff.
func (s *Store) SaveStakeholder(ctx context.Context, x Stakeholder) (Stakeholder, error) {
	x.Normalise()
	if ps := x.Validate(); len(ps) > 0 {
		return Stakeholder{}, ps
	}
	return save(ctx, s, func(tx *sqldb.Tx, by string) (string, error) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE council_id = $1 AND id = $2`, tx.Council(), x.OwnerID).Scan(&n); err != nil {
			return "", fmt.Errorf("find the engagement's owner: %w", err)
		}
		if n == 0 {
			return "", validation.Problems{{Field: "owner_id", Message: "Select who owns the engagement from the council’s staff"}}
		}
		if x.ID == "" {
			id := sqldb.NewID()
			_, err := tx.ExecContext(ctx, `INSERT INTO programme_stakeholder (council_id, id, name, organisation, kind, influence, interest,
				engagement, owner_id, created_at, created_by, updated_at, updated_by, version)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1)`,
				tx.Council(), id, x.Name, x.Organisation, string(x.Kind), string(x.Influence), string(x.Interest), x.Engagement, x.OwnerID, tx.Now(), by)
			if err != nil {
				return "", fmt.Errorf("record a stakeholder: %w", sqldb.Normalise(err))
			}
			return id, nil
		}
		if err := exists(ctx, tx, "programme_stakeholder", "stakeholder", x.ID); err != nil {
			return "", err
		}
		return x.ID, sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_stakeholder SET name = $1, organisation = $2, kind = $3,
			influence = $4, interest = $5, engagement = $6, owner_id = $7, updated_at = $8, updated_by = $9, version = version + 1
			WHERE council_id = $10 AND id = $11 AND version = $12`, x.Name, x.Organisation, string(x.Kind), string(x.Influence),
			string(x.Interest), x.Engagement, x.OwnerID, tx.Now(), by, tx.Council(), x.ID, x.Version))
	}, s.Stakeholder)
}
