package learning

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// checkCourse is the course's own validation and, inside tx, that the course it trains trainers for is one of the
// council's that needs a trained trainer.
func checkCourse(ctx context.Context, tx *sqldb.Tx, c Course) error {
	ps := c.Validate()
	if c.TrainsFor != "" && c.TrainsFor != c.ID {
		target, err := oneCourse(ctx, tx, c.TrainsFor)
		switch {
		case errors.Is(err, sqldb.ErrNotFound):
			ps.Append("trains_for", "Select the course this trains trainers for from the list")
		case err != nil:
			return err
		case !target.NeedsTrainer:
			ps.Append("trains_for", "Select a course that needs a trained trainer")
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// AddCourse adds a course to the council's catalogue: for the quality lead.
func (s *Store) AddCourse(ctx context.Context, c Course) (Course, error) {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return Course{}, err
	}
	c.Normalise()
	c.ID, c.Version, c.Retired, c.Materials = sqldb.NewID(), 1, false, nil
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := ensureDefaults(ctx, tx); err != nil {
			return err
		}
		if err := checkCourse(ctx, tx, c); err != nil {
			return err
		}
		return addCourse(ctx, tx, c, st.ID)
	})
	return c, err
}

// UpdateCourse changes a course: for the quality lead. c.Version is the version they read; a later change is
// sqldb.ErrConflict. Sessions already given keep their course: what changes is what the course says from now on.
func (s *Store) UpdateCourse(ctx context.Context, c Course) (Course, error) {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return Course{}, err
	}
	c.Normalise()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := oneCourse(ctx, tx, c.ID); err != nil {
			return err
		}
		if err := checkCourse(ctx, tx, c); err != nil {
			return err
		}
		outcomes, err := json.Marshal(c.Outcomes)
		if err != nil {
			return err
		}
		audience, err := json.Marshal(c.Audience)
		if err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_course SET name = $1, summary = $2, outcomes = $3,
			audience = $4, minutes = $5, refresh_months = $6, needs_trainer = $7, trains_for_course = $8, updated_at = $9,
			updated_by = $10, version = version + 1 WHERE council_id = $11 AND id = $12 AND version = $13`,
			c.Name, c.Summary, string(outcomes), string(audience), c.Minutes, c.RefreshMonths, c.NeedsTrainer, c.TrainsFor,
			tx.Now(), st.ID, tx.Council(), c.ID, c.Version))
	})
	if err != nil {
		return Course{}, fmt.Errorf("change course %s: %w", c.ID, err)
	}
	c.Version++
	return c, nil
}

// RetireCourse takes a course out of the catalogue, keeping its sessions and who completed it: for the quality lead.
func (s *Store) RetireCourse(ctx context.Context, id string, version int) error {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := oneCourse(ctx, tx, id); err != nil {
			return err
		}
		err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_course SET retired_at = $1, updated_at = $1, updated_by = $2,
			version = version + 1 WHERE council_id = $3 AND id = $4 AND version = $5`, tx.Now(), st.ID, tx.Council(), id, version))
		if err != nil {
			return fmt.Errorf("retire course %s: %w", id, err)
		}
		return nil
	})
}

// AddMaterial keeps a file with a course: for the quality lead. Its type is worked out from its content
// (MaterialType); anything else, or anything too large, is refused with a problem on the "file" field.
func (s *Store) AddMaterial(ctx context.Context, courseID, name string, content []byte) (Material, error) {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return Material{}, err
	}
	typ, err := MaterialType(content)
	if err != nil {
		return Material{}, validation.Problems{{Field: "file", Message: err.Error()}}
	}
	m := Material{ID: sqldb.NewID(), CourseID: courseID, Name: cleanName(name), MediaType: typ, Size: len(content)}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := oneCourse(ctx, tx, courseID); err != nil {
			return err
		}
		m.UploadedAt = tx.Now()
		_, err := tx.ExecContext(ctx, sqldb.Insert("learning_material", []string{"council_id", "id", "course_id", "name",
			"media_type", "size", "content", "uploaded_at", "uploaded_by"}), tx.Council(), m.ID, courseID, m.Name, typ, m.Size,
			content, m.UploadedAt, st.ID)
		if err != nil {
			return fmt.Errorf("keep material %q: %w", m.Name, sqldb.Normalise(err))
		}
		return nil
	})
	return m, err
}

// cleanName keeps a file's name as a download may give it: no folders, no quotes or control characters, and never
// empty.
func cleanName(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		switch {
		case r == '/' || r == '\\':
			out = out[:0]
		case r < 32 || r == 127 || r == '"':
		default:
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return "material"
	}
	if len(out) > 200 {
		out = out[len(out)-200:]
	}
	return string(out)
}

// Material reads one of the council's course materials with its content, for download by any member of staff.
func (s *Store) Material(ctx context.Context, id string) (Material, []byte, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return Material{}, nil, err
	}
	var m Material
	var content []byte
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id, course_id, name, media_type, size, uploaded_at, content FROM learning_material
			WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&m.ID, &m.CourseID, &m.Name, &m.MediaType, &m.Size, &m.UploadedAt, &content)
		if err != nil {
			return fmt.Errorf("material %s: %w", id, sqldb.Normalise(err))
		}
		return nil
	})
	return m, content, err
}

// DeleteMaterial removes a course's material: for the quality lead. It answers the course it belonged to.
func (s *Store) DeleteMaterial(ctx context.Context, id string) (string, error) {
	if _, err := signedIn(ctx, councils.Role.RunsLearning); err != nil {
		return "", err
	}
	var course string
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT course_id FROM learning_material WHERE council_id = $1 AND id = $2`,
			tx.Council(), id).Scan(&course); err != nil {
			return fmt.Errorf("material %s: %w", id, sqldb.Normalise(err))
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM learning_material WHERE council_id = $1 AND id = $2`, tx.Council(), id)
		return err
	})
	return course, err
}
