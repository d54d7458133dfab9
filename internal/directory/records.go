package directory

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Record is one row of a layout table: the standard's field names and their values as text, "" when not given.
// Every table is read and written through records, so the pages, the import and the export share one path.
type Record map[string]string

// stored is a record as the database holds it.
type stored struct {
	Record    Record
	Version   int
	UpdatedAt time.Time
	CreatedAt time.Time
}

// audited tables record who created and last changed a row.
func audited(t Table) bool { return t.Name == "organization" || t.Name == "service" }

func columnList(t Table, prefix string) string {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = prefix + c.Column()
	}
	return strings.Join(cols, ", ")
}

// load reads the table's rows in this council matching where (after council_id = $1), ordered by when they were
// added.
func load(ctx context.Context, tx *sqldb.Tx, t Table, where string, args ...any) ([]stored, error) {
	got, _, err := loadAll(ctx, tx, t, []string{where}, nil, args...)
	return got, err
}

// child is a table read beside its parent in one query (loadAll): its rows whose column fk holds the parent's id.
type child struct {
	t  Table
	fk string
}

// loadAll reads the table's rows in this council matching any of wheres (each after council_id = $1; the rows of
// each are read by its own indexed look-up, as one UNION ALL, which SQLite answers far faster than one condition
// with OR), ordered by when they were added; a row matching two is read twice. With kids, each row comes with its
// children's records in the same query, by the parent's id, in the order they were added. One query instead of
// two is one round trip fewer to PostgreSQL, and one statement fewer for SQLite to prepare.
func loadAll(ctx context.Context, tx *sqldb.Tx, t Table, wheres []string, kids *child, args ...any) ([]stored, map[string][]Record, error) {
	cols := columnList(t, "p.") + `, p.version, p.updated_at, p.created_at`
	from := t.DB + ` p`
	order := `created_at, id`
	if kids != nil {
		cols += `, ` + columnList(kids.t, "c.")
		from += ` LEFT JOIN ` + kids.t.DB + ` c ON c.council_id = p.council_id AND c.` + kids.fk + ` = p.id`
		order = `p.created_at, p.id, c.created_at, c.id`
	}
	arms := make([]string, len(wheres))
	for i, where := range wheres {
		arms[i] = `SELECT ` + cols + ` FROM ` + from + ` WHERE p.council_id = $1`
		if where != "" {
			arms[i] += ` AND ` + where
		}
	}
	if len(arms) > 1 {
		order = `created_at, id` // the columns of the result
	}
	rows, err := tx.QueryContext(ctx, strings.Join(arms, ` UNION ALL `)+` ORDER BY `+order, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", t.Name, err)
	}
	defer rows.Close()
	var out []stored
	var children map[string][]Record
	if kids != nil {
		children = map[string][]Record{}
	}
	for rows.Next() {
		dest := scanTargets(t)
		var s stored
		dest = append(dest, &s.Version, &s.UpdatedAt, &s.CreatedAt)
		var kidDest []any
		if kids != nil {
			kidDest = scanTargets(kids.t)
			dest = append(dest, kidDest...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", t.Name, err)
		}
		s.Record = recordOf(t, dest)
		s.UpdatedAt, s.CreatedAt = s.UpdatedAt.UTC(), s.CreatedAt.UTC()
		// A parent with several children comes once a child, one after another.
		if n := len(out); n == 0 || kids == nil || out[n-1].Record["id"] != s.Record["id"] {
			out = append(out, s)
		}
		if kids != nil {
			if k := recordOf(kids.t, kidDest); k["id"] != "" {
				children[s.Record["id"]] = append(children[s.Record["id"]], k)
			}
		}
	}
	return out, children, rows.Err()
}

// scanTargets are the values a row of the table's columns is scanned into, in the table's order.
func scanTargets(t Table) []any {
	dest := make([]any, len(t.Columns), len(t.Columns)+3)
	for i, c := range t.Columns {
		switch {
		case c.Kind == Number:
			dest[i] = new(sql.NullFloat64)
		case c.Kind == Date:
			dest[i] = new(sqldb.Date)
		case c.Kind == DateTime:
			dest[i] = new(sql.NullTime)
		default:
			dest[i] = new(sql.NullString)
		}
	}
	return dest
}

// recordOf is the record of the table's columns scanned into dest (by scanTargets), leaving out what is not given.
func recordOf(t Table, dest []any) Record {
	r := Record{}
	for i, c := range t.Columns {
		var v string
		switch d := dest[i].(type) {
		case *sql.NullFloat64:
			if d.Valid {
				v = formatNumber(d.Float64)
			}
		case *sqldb.Date:
			v = d.String()
		case *sql.NullTime:
			if d.Valid {
				v = formatDateTime(d.Time)
			}
		case *sql.NullString:
			v = d.String
		}
		if v != "" {
			r[c.Name] = v
		}
	}
	return r
}

// loadOne reads one row by id, or sqldb.ErrNotFound.
func loadOne(ctx context.Context, tx *sqldb.Tx, t Table, id string) (stored, error) {
	got, err := load(ctx, tx, t, `id = $2`, id)
	if err != nil {
		return stored{}, err
	}
	if len(got) == 0 {
		return stored{}, fmt.Errorf("%s %s: %w", t.Name, id, sqldb.ErrNotFound)
	}
	return got[0], nil
}

// dbValue is a field's value as the column takes it: NULL for a number, date, time or reference not given.
func dbValue(c Column, v string) (any, error) {
	if v == "" {
		switch c.Kind {
		case Number, Date, DateTime:
			return nil, nil
		case Ref:
			if !c.Soft {
				return nil, nil
			}
		}
		return "", nil
	}
	switch c.Kind {
	case Number:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		return f, nil
	case DateTime:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		return t.UTC(), nil
	}
	return v, nil
}

func dbValues(t Table, rec Record) ([]any, error) {
	out := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		v, err := dbValue(c, rec[c.Name])
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// insert adds a row.
func insert(ctx context.Context, tx *sqldb.Tx, t Table, rec Record, by string) error {
	vals, err := dbValues(t, rec)
	if err != nil {
		return err
	}
	cols := "council_id, " + columnList(t, "") + ", created_at, updated_at, version"
	args := append(append([]any{tx.Council()}, vals...), tx.Now(), tx.Now(), 1)
	if audited(t) {
		cols += ", created_by, updated_by"
		args = append(args, by, by)
	}
	marks := make([]string, len(args))
	for i := range args {
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO `+t.DB+` (`+cols+`) VALUES (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return fmt.Errorf("add %s %s: %w", t.Name, rec["id"], sqldb.Normalise(err))
	}
	return nil
}

// insertMany adds rows in as few statements as the engines' limit on parameters allows: for an import.
func insertMany(ctx context.Context, tx *sqldb.Tx, t Table, recs []Record, by string) error {
	cols := "council_id, " + columnList(t, "") + ", created_at, updated_at, version"
	per := len(t.Columns) + 4
	if audited(t) {
		cols += ", created_by, updated_by"
		per += 2
	}
	// SQLite allows 32,766 parameters in a statement, PostgreSQL 65,535. SQLite finds a numbered parameter ($1) by
	// its name, one by one, which for thousands of them takes longer than the insert: it is given them in order (?).
	chunk := max(1, 30000/per)
	sqlite := tx.Dialect().Engine() == sqldb.SQLite
	for len(recs) > 0 {
		n := min(chunk, len(recs))
		args := make([]any, 0, n*per)
		var sb strings.Builder
		sb.WriteString(`INSERT INTO ` + t.DB + ` (` + cols + `) VALUES `)
		for i, rec := range recs[:n] {
			vals, err := dbValues(t, rec)
			if err != nil {
				return fmt.Errorf("add %s %s: %w", t.Name, rec["id"], err)
			}
			args = append(append(append(args, tx.Council()), vals...), tx.Now(), tx.Now(), 1)
			if audited(t) {
				args = append(args, by, by)
			}
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j := range per {
				if j > 0 {
					sb.WriteString(", ")
				}
				if sqlite {
					sb.WriteByte('?')
				} else {
					sb.WriteString("$" + strconv.Itoa(len(args)-per+j+1))
				}
			}
			sb.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("add %d %s records: %w", n, t.Name, sqldb.Normalise(err))
		}
		recs = recs[n:]
	}
	return nil
}

// anyVersion updates a row whatever its version: for imports, and for the parts of a service saved with it.
const anyVersion = -1

// update replaces a row's fields. Unless version is anyVersion it changes the row only if nobody changed it since
// that version, otherwise returning sqldb.ErrConflict.
func update(ctx context.Context, tx *sqldb.Tx, t Table, rec Record, version int, by string) error {
	vals, err := dbValues(t, rec)
	if err != nil {
		return err
	}
	var set []string
	args := []any{tx.Council(), rec["id"]}
	for i, c := range t.Columns {
		if c.Name == "id" {
			continue
		}
		args = append(args, vals[i])
		set = append(set, c.Column()+" = $"+strconv.Itoa(len(args)))
	}
	args = append(args, tx.Now())
	set = append(set, "updated_at = $"+strconv.Itoa(len(args)), "version = version + 1")
	if audited(t) {
		args = append(args, by)
		set = append(set, "updated_by = $"+strconv.Itoa(len(args)))
	}
	q := `UPDATE ` + t.DB + ` SET ` + strings.Join(set, ", ") + ` WHERE council_id = $1 AND id = $2`
	if version != anyVersion {
		args = append(args, version)
		q += ` AND version = $` + strconv.Itoa(len(args))
	}
	if err := sqldb.CheckVersion(tx.ExecContext(ctx, q, args...)); err != nil {
		return fmt.Errorf("change %s %s: %w", t.Name, rec["id"], sqldb.Normalise(err))
	}
	return nil
}

// remove deletes a row.
func remove(ctx context.Context, tx *sqldb.Tx, t Table, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.DB+` WHERE council_id = $1 AND id = $2`, tx.Council(), id); err != nil {
		return fmt.Errorf("remove %s %s: %w", t.Name, id, sqldb.Normalise(err))
	}
	return nil
}

// Change is what an upsert did to a record.
type Change int

// What an upsert did.
const (
	Unchanged Change = iota
	Created
	Updated
)

// upsert adds the record, or changes the row with its id if it differs, or leaves it alone.
func upsert(ctx context.Context, tx *sqldb.Tx, t Table, rec Record, by string) (Change, error) {
	old, err := load(ctx, tx, t, `id = $2`, rec["id"])
	if err != nil {
		return 0, err
	}
	if len(old) == 0 {
		return Created, insert(ctx, tx, t, rec, by)
	}
	if same(old[0].Record, rec) {
		return Unchanged, nil
	}
	return Updated, update(ctx, tx, t, rec, anyVersion, by)
}

// same reports whether two records hold the same values, ignoring fields not given.
func same(a, b Record) bool {
	return maps.EqualFunc(nonEmpty(a), nonEmpty(b), func(x, y string) bool { return x == y })
}

func nonEmpty(r Record) Record {
	out := Record{}
	for k, v := range r {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// exists reports whether the table has a row with id in this council.
func exists(ctx context.Context, tx *sqldb.Tx, t Table, id string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.DB+` WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for %s %s: %w", t.Name, id, err)
	}
	return n > 0, nil
}
