package practicemodels

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps the council's practice models and its choice of model. Every member of staff who records or reads
// conversations reads the models; only the quality lead, as the council's Principal Social Worker, changes them.
type Store struct{ db *sqldb.DB }

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Reads says who may read the models: those who see the council's quality pages, where the models sit
// (practitioners, team managers and the quality lead). A programme lead does not: the network compares figures by
// model through ModelOf and CountByModel, which say only a model's name.
func Reads(r councils.Role) bool { return r.SeesQuality() }

// Keeps says who may change the models and choose the council's: the quality lead.
func Keeps(r councils.Role) bool { return r == councils.QualityLead }

func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Models reads the council's models: the built-in ones first, as the council has changed them, then the council's
// own by name.
func (s *Store) Models(ctx context.Context) ([]Model, error) {
	if _, err := signedIn(ctx, Reads); err != nil {
		return nil, err
	}
	var out []Model
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = models(ctx, tx, "")
		return err
	})
	return out, err
}

// Model reads one of the council's models as it stands now.
func (s *Store) Model(ctx context.Context, id string) (Model, error) {
	if _, err := signedIn(ctx, Reads); err != nil {
		return Model{}, err
	}
	var out Model
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = model(ctx, tx, id)
		return err
	})
	return out, err
}

// Current reads the council's model as it stands now: the one last chosen, or MASOSS when none has been.
func (s *Store) Current(ctx context.Context) (Model, error) {
	if _, err := signedIn(ctx, Reads); err != nil {
		return Model{}, err
	}
	var out Model
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = Current(ctx, tx)
		return err
	})
	return out, err
}

// Choices reads every choice of the council's model, the latest first.
func (s *Store) Choices(ctx context.Context) ([]Choice, error) {
	if _, err := signedIn(ctx, Reads); err != nil {
		return nil, err
	}
	var out []Choice
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.model_id, COALESCE(m.name, ''), c.reason, c.chosen_at, c.chosen_by, COALESCE(st.name, '')
			FROM practice_model_choice c
			LEFT JOIN practice_model m ON m.council_id = c.council_id AND m.id = c.model_id
			LEFT JOIN staff st ON st.council_id = c.council_id AND st.id = c.chosen_by
			WHERE c.council_id = $1 ORDER BY c.chosen_at DESC, c.id DESC`, tx.Council())
		if err != nil {
			return fmt.Errorf("read choices of model: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c Choice
			if err := rows.Scan(&c.ID, &c.ModelID, &c.ModelName, &c.Reason, &c.ChosenAt, &c.ChosenBy, &c.ChosenByName); err != nil {
				return err
			}
			c.ChosenAt = c.ChosenAt.UTC()
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Add adds a model of the council's own, at version 1.
func (s *Store) Add(ctx context.Context, m Model) (Model, error) {
	st, err := signedIn(ctx, Keeps)
	if err != nil {
		return Model{}, err
	}
	m.Builtin = ""
	m.Normalise()
	if ps := m.Validate(); len(ps) > 0 {
		return Model{}, ps
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		m.ID, m.Version, m.CreatedAt, m.CreatedBy, m.UpdatedAt, m.UpdatedBy = sqldb.NewID(), 1, tx.Now(), st.ID, tx.Now(), st.ID
		return insert(ctx, tx, m)
	})
	if err != nil {
		return Model{}, err
	}
	return m, nil
}

// AddLocalAreaCoordination adds local area coordination (LocalAreaCoordination) as a model of the council's own,
// for the demo's councils and for a council that starts from it.
func (s *Store) AddLocalAreaCoordination(ctx context.Context) (Model, error) {
	return s.Add(ctx, LocalAreaCoordination())
}

func insert(ctx context.Context, tx *sqldb.Tx, m Model) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO practice_model (council_id, id, builtin, name, description, source, created_at,
		created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		tx.Council(), m.ID, m.Builtin, m.Name, m.Description, m.Source, m.CreatedAt, m.CreatedBy, m.UpdatedAt, m.UpdatedBy, m.Version); err != nil {
		return fmt.Errorf("add practice model: %w", sqldb.Normalise(err))
	}
	return writeHeadings(ctx, tx, m)
}

// writeHeadings writes the model's headings under its version, beside those of its earlier versions.
func writeHeadings(ctx context.Context, tx *sqldb.Tx, m Model) error {
	for i, h := range m.Headings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO practice_model_heading (council_id, model_id, model_version, position, heading,
			label, prompt) VALUES ($1, $2, $3, $4, $5, $6, $7)`, tx.Council(), m.ID, m.Version, i+1, h.Key, h.Label, h.Prompt); err != nil {
			return fmt.Errorf("add heading %s of practice model: %w", h.Key, sqldb.Normalise(err))
		}
	}
	return nil
}

// ensureBuiltin writes a built-in model into the council's rows, as version 1, the first time the council changes
// or chooses it. Until then it is read from code.
func ensureBuiltin(ctx context.Context, tx *sqldb.Tx, id string) error {
	b, ok := Builtin(id)
	if !ok {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM practice_model WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&n); err != nil {
		return fmt.Errorf("find practice model: %w", err)
	}
	if n > 0 {
		return nil
	}
	b.CreatedAt, b.UpdatedAt = tx.Now(), tx.Now()
	return insert(ctx, tx, b)
}

// Update saves a changed model if nobody else changed it first (m.Version is the version the change was made from),
// writing its headings under the next version; otherwise it changes nothing and returns sqldb.ErrConflict.
func (s *Store) Update(ctx context.Context, m Model) (Model, error) {
	st, err := signedIn(ctx, Keeps)
	if err != nil {
		return Model{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		saved, err := model(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		m.Builtin, m.CreatedAt, m.CreatedBy = saved.Builtin, saved.CreatedAt, saved.CreatedBy
		m.Normalise()
		if ps := m.Validate(); len(ps) > 0 {
			return ps
		}
		if err := ensureBuiltin(ctx, tx, m.ID); err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE practice_model SET name = $1, description = $2, source = $3,
			updated_at = $4, updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7 AND version = $8`,
			m.Name, m.Description, m.Source, tx.Now(), st.ID, tx.Council(), m.ID, m.Version)); err != nil {
			return fmt.Errorf("change practice model: %w", err)
		}
		m.Version, m.UpdatedAt, m.UpdatedBy = m.Version+1, tx.Now(), st.ID
		return writeHeadings(ctx, tx, m)
	})
	if err != nil {
		return Model{}, err
	}
	return m, nil
}

// Choose makes a model the council's, from now on: new conversations are recorded under it. The choice is kept
// with who made it, when and why, beside the earlier ones. Choosing the model already chosen changes nothing.
func (s *Store) Choose(ctx context.Context, modelID, reason string) (Choice, error) {
	st, err := signedIn(ctx, Keeps)
	if err != nil {
		return Choice{}, err
	}
	reason = strings.TrimSpace(reason)
	if len(reason) > maxText {
		return Choice{}, problem("reason", "Why must be 4,000 characters or less")
	}
	var c Choice
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		m, err := model(ctx, tx, modelID)
		if errors.Is(err, sqldb.ErrNotFound) {
			return problem("model", "Select a model from the list")
		}
		if err != nil {
			return err
		}
		cur, err := Current(ctx, tx)
		if err != nil {
			return err
		}
		if cur.ID == m.ID {
			return problem("model", m.Name+" is already the council's model")
		}
		if err := ensureBuiltin(ctx, tx, m.ID); err != nil {
			return err
		}
		c = Choice{ID: sqldb.NewID(), ModelID: m.ID, ModelName: m.Name, Reason: reason, ChosenAt: tx.Now(), ChosenBy: st.ID, ChosenByName: st.Name}
		if _, err := tx.ExecContext(ctx, `INSERT INTO practice_model_choice (council_id, id, model_id, reason, chosen_at, chosen_by)
			VALUES ($1, $2, $3, $4, $5, $6)`, tx.Council(), c.ID, c.ModelID, c.Reason, c.ChosenAt, c.ChosenBy); err != nil {
			return fmt.Errorf("choose practice model: %w", sqldb.Normalise(err))
		}
		return nil
	})
	return c, err
}

// ChooseBuiltin makes the built-in model with key (MASOSS or ThreeConversations) the council's, for the demo's
// councils.
func (s *Store) ChooseBuiltin(ctx context.Context, key, reason string) (Choice, error) {
	if _, ok := Builtin(key); !ok {
		return Choice{}, fmt.Errorf("choose practice model: %q is not a built-in model", key)
	}
	return s.Choose(ctx, key, reason)
}

// ModelOf reads a council's current model, for the network comparison, which cuts its figures by model. It asks
// nothing of who is signed in, and says only the model's id, name and built-in key: nothing about anyone.
func (s *Store) ModelOf(ctx context.Context, councilID string) (Model, error) {
	var out Model
	err := s.db.ReadTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		var err error
		out, err = Current(ctx, tx)
		return err
	})
	return Model{ID: out.ID, Builtin: out.Builtin, Name: out.Name, Version: out.Version}, err
}

// Count is how many conversations a council recorded under one model.
type Count struct {
	ModelID string
	Builtin string // the built-in model's key, or "" for a model the council added
	Name    string
	N       int
}

// CountByModel counts a council's conversations held from..to (inclusive; a zero date leaves that end open) by the
// model each was recorded under, for the network comparison. It runs inside the council's own tenancy, so that only
// the numbers leave; it suppresses nothing, which is the comparison's to do (internal/disclosure).
func (s *Store) CountByModel(ctx context.Context, councilID string, from, to sqldb.Date) ([]Count, error) {
	var out []Count
	err := s.db.ReadTx(sqldb.WithCouncil(ctx, councilID), func(tx *sqldb.Tx) error {
		q := `SELECT model_id, count(*) FROM conversation WHERE council_id = $1`
		args := []any{tx.Council()}
		if !from.IsZero() {
			args = append(args, from)
			q += fmt.Sprintf(" AND held_on >= $%d", len(args))
		}
		if !to.IsZero() {
			args = append(args, to)
			q += fmt.Sprintf(" AND held_on <= $%d", len(args))
		}
		rows, err := tx.QueryContext(ctx, q+` GROUP BY model_id ORDER BY model_id`, args...)
		if err != nil {
			return fmt.Errorf("count conversations by model: %w", err)
		}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.ModelID, &c.N); err != nil {
				rows.Close()
				return err
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ms, err := models(ctx, tx, "")
		if err != nil {
			return err
		}
		for i, c := range out {
			if j := slices.IndexFunc(ms, func(m Model) bool { return m.ID == c.ModelID }); j >= 0 {
				out[i].Builtin, out[i].Name = ms[j].Builtin, ms[j].Name
			}
		}
		return nil
	})
	return out, err
}
