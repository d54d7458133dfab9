package learning

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps the learning programme. Every member of staff reads the catalogue and books; the quality lead, as the
// council's workforce development lead, keeps the catalogue, plans sessions and sets induction pathways; trainers
// mark attendance on their sessions; team managers book for their teams and read their teams' coverage.
type Store struct {
	db *sqldb.DB
	// coverage is each council's coverage as last worked out, kept while nothing it comes from changes.
	coverage struct {
		sync.Mutex
		byCouncil map[string]keptCoverage
	}
}

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

// anyStaff: every member of staff takes part in the learning programme.
func anyStaff(r councils.Role) bool { return r != "" }

// courseCols are learning_course's columns as addCourse writes them and readCourses reads them.
var courseCols = []string{"council_id", "id", "name", "summary", "outcomes", "audience", "minutes", "refresh_months",
	"needs_trainer", "trains_for_course", "standard", "version", "created_at", "created_by", "updated_at", "updated_by"}

// Courses reads the council's catalogue, retired courses last, putting the default courses in place the first time
// a council asks.
func (s *Store) Courses(ctx context.Context) ([]Course, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return nil, err
	}
	var out []Course
	read := func(tx *sqldb.Tx) error {
		var err error
		out, err = readCourses(ctx, tx, "")
		return err
	}
	if err := s.db.ReadTx(ctx, read); err != nil || len(out) > 0 {
		return out, err
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := ensureDefaults(ctx, tx); err != nil {
			return err
		}
		return read(tx)
	})
	return out, err
}

// ensureDefaults adds the default courses to a council with none.
func ensureDefaults(ctx context.Context, tx *sqldb.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM learning_course WHERE council_id = $1`, tx.Council()).Scan(&n); err != nil {
		return fmt.Errorf("count courses: %w", err)
	}
	if n > 0 {
		return nil
	}
	for _, c := range DefaultCourses() {
		if err := addCourse(ctx, tx, c, ""); err != nil {
			return err
		}
	}
	return nil
}

// addCourse writes a new course, with the ID it carries.
func addCourse(ctx context.Context, tx *sqldb.Tx, c Course, by string) error {
	outcomes, err := json.Marshal(c.Outcomes)
	if err != nil {
		return fmt.Errorf("add course %q: %w", c.Name, err)
	}
	audience, err := json.Marshal(c.Audience)
	if err != nil {
		return fmt.Errorf("add course %q: %w", c.Name, err)
	}
	_, err = tx.ExecContext(ctx, sqldb.Insert("learning_course", courseCols), tx.Council(), c.ID, c.Name, c.Summary,
		string(outcomes), string(audience), c.Minutes, c.RefreshMonths, c.NeedsTrainer, c.TrainsFor, string(c.Standard), 1, tx.Now(), by, tx.Now(), by)
	if err != nil {
		return fmt.Errorf("add course %q: %w", c.Name, err)
	}
	return nil
}

// Course reads one course of the council's, with its materials (not their content).
func (s *Store) Course(ctx context.Context, id string) (Course, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return Course{}, err
	}
	var out Course
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = oneCourse(ctx, tx, id)
		return err
	})
	return out, err
}

func oneCourse(ctx context.Context, tx *sqldb.Tx, id string) (Course, error) {
	cs, err := readCourses(ctx, tx, ` AND c.id = $2`, id)
	if err != nil {
		return Course{}, err
	}
	if len(cs) == 0 {
		return Course{}, fmt.Errorf("course %s: %w", id, sqldb.ErrNotFound)
	}
	c := cs[0]
	err = sqldb.Each(ctx, tx, `SELECT id, name, media_type, size, uploaded_at FROM learning_material
		WHERE council_id = $1 AND course_id = $2 ORDER BY uploaded_at, id`, []any{tx.Council(), id}, func(rows *sql.Rows) error {
		m := Material{CourseID: id}
		if err := rows.Scan(&m.ID, &m.Name, &m.MediaType, &m.Size, &m.UploadedAt); err != nil {
			return err
		}
		c.Materials = append(c.Materials, m)
		return nil
	})
	if err != nil {
		return Course{}, fmt.Errorf("read course %s's materials: %w", id, err)
	}
	return c, nil
}

// readCourses reads the council's courses that match where (which may use $2 onwards), in the catalogue's order:
// current courses by name, then retired ones.
func readCourses(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Course, error) {
	var out []Course
	err := sqldb.Each(ctx, tx, `SELECT c.id, c.name, c.summary, c.outcomes, c.audience, c.minutes, c.refresh_months,
		c.needs_trainer, c.trains_for_course, c.standard, c.retired_at IS NOT NULL, c.version
		FROM learning_course c WHERE c.council_id = $1`+where+`
		ORDER BY c.retired_at IS NOT NULL, c.name, c.id`, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var c Course
		var outcomes, audience string
		if err := rows.Scan(&c.ID, &c.Name, &c.Summary, &outcomes, &audience, &c.Minutes, &c.RefreshMonths,
			&c.NeedsTrainer, &c.TrainsFor, &c.Standard, &c.Retired, &c.Version); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(outcomes), &c.Outcomes); err != nil {
			return fmt.Errorf("course %s's outcomes: %w", c.ID, err)
		}
		if err := json.Unmarshal([]byte(audience), &c.Audience); err != nil {
			return fmt.Errorf("course %s's audience: %w", c.ID, err)
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read courses: %w", err)
	}
	return out, nil
}
