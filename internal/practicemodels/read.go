package practicemodels

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func problem(field, message string) validation.Problems {
	return validation.Problems{{Field: field, Message: message}}
}

// models reads the council's models (or the one with id, when id is not empty) as they stand now: the built-in
// ones first, in their own order, read from code until the council first changes or chooses them; then the
// council's own by name.
func models(ctx context.Context, tx *sqldb.Tx, id string) ([]Model, error) {
	q := `SELECT m.id, m.builtin, m.name, m.description, m.source, m.version, m.created_at, m.created_by, m.updated_at,
		m.updated_by, COALESCE(h.heading, ''), COALESCE(h.label, ''), COALESCE(h.prompt, '')
		FROM practice_model m LEFT JOIN practice_model_heading h ON h.council_id = m.council_id AND h.model_id = m.id
			AND h.model_version = m.version
		WHERE m.council_id = $1`
	args := []any{tx.Council()}
	if id != "" {
		q += ` AND m.id = $2`
		args = append(args, id)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY m.id, h.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read practice models: %w", err)
	}
	defer rows.Close()
	var saved []Model
	for rows.Next() {
		var m Model
		var h Heading
		if err := rows.Scan(&m.ID, &m.Builtin, &m.Name, &m.Description, &m.Source, &m.Version, &m.CreatedAt, &m.CreatedBy,
			&m.UpdatedAt, &m.UpdatedBy, &h.Key, &h.Label, &h.Prompt); err != nil {
			return nil, err
		}
		if n := len(saved); n == 0 || saved[n-1].ID != m.ID {
			m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
			saved = append(saved, m)
		}
		if h.Key != "" {
			saved[len(saved)-1].Headings = append(saved[len(saved)-1].Headings, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Model
	for _, b := range Builtins() {
		if id != "" && b.ID != id {
			continue
		}
		if i := slices.IndexFunc(saved, func(m Model) bool { return m.ID == b.ID }); i >= 0 {
			b = saved[i]
		}
		out = append(out, b)
	}
	var own []Model
	for _, m := range saved {
		if m.Builtin == "" {
			own = append(own, m)
		}
	}
	slices.SortFunc(own, func(a, b Model) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return append(out, own...), nil
}

// model reads one of the council's models as it stands now, or sqldb.ErrNotFound.
func model(ctx context.Context, tx *sqldb.Tx, id string) (Model, error) {
	if id == "" {
		return Model{}, sqldb.ErrNotFound
	}
	ms, err := models(ctx, tx, id)
	if err != nil {
		return Model{}, err
	}
	if len(ms) == 0 {
		return Model{}, sqldb.ErrNotFound
	}
	return ms[0], nil
}

// Current reads, in tx, the council's model as it stands now: the one last chosen, or MASOSS when none has been.
// A conversation begun now is recorded under it.
func Current(ctx context.Context, tx *sqldb.Tx) (Model, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT model_id FROM practice_model_choice WHERE council_id = $1
		ORDER BY chosen_at DESC, id DESC LIMIT 1`, tx.Council()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id = MASOSS
	} else if err != nil {
		return Model{}, fmt.Errorf("read the council's practice model: %w", err)
	}
	return model(ctx, tx, id)
}

// At reads, in tx, one of the council's models with its headings as they stood at version: how a conversation
// recorded under that version reads. Version 1 of a built-in model the council has never changed is read from code.
func At(ctx context.Context, tx *sqldb.Tx, id string, version int) (Model, error) {
	m, err := model(ctx, tx, id)
	if err != nil {
		return Model{}, err
	}
	if m.Version == version {
		return m, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT heading, label, prompt FROM practice_model_heading
		WHERE council_id = $1 AND model_id = $2 AND model_version = $3 ORDER BY position`, tx.Council(), id, version)
	if err != nil {
		return Model{}, fmt.Errorf("read practice model headings: %w", err)
	}
	defer rows.Close()
	m.Headings, m.Version = nil, version
	for rows.Next() {
		var h Heading
		if err := rows.Scan(&h.Key, &h.Label, &h.Prompt); err != nil {
			return Model{}, err
		}
		m.Headings = append(m.Headings, h)
	}
	if err := rows.Err(); err != nil {
		return Model{}, err
	}
	if len(m.Headings) == 0 {
		b, ok := Builtin(id)
		if !ok || version != 1 {
			return Model{}, sqldb.ErrNotFound
		}
		m.Headings = b.Headings
	}
	return m, nil
}
