package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Insert is the statement that adds one row of cols to table, with a numbered placeholder for each column in
// order. A store that exports its table's columns (for the demo's bulk load) builds its INSERT from the same list,
// so that a new column is named once.
func Insert(table string, cols []string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (")
	for i := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+1))
	}
	b.WriteString(")")
	return b.String()
}

// maxParams keeps each statement of InsertMany well inside both engines' limits on bound parameters (SQLite 32,766,
// PostgreSQL 65,535).
const maxParams = 8000

// InsertMany adds rows of cols to table inside tx with multi-row INSERT statements, as many rows to a statement as
// the engines' limits on parameters allow: vals holds the rows' values one row after another. A store that writes
// hundreds of rows at once (a round's audits, the demo's history) makes a few statements rather than a round trip a
// row. SQLite is given anonymous "?" parameters: it looks up "$n" parameters by name, one list walk each, which makes
// a statement of thousands of them slow to prepare and bind.
func InsertMany(ctx context.Context, tx *Tx, table string, cols []string, vals []any) error {
	width := len(cols)
	if width == 0 || len(vals)%width != 0 {
		return fmt.Errorf("insert into %s: %d values do not fill rows of %d columns", table, len(vals), width)
	}
	per := maxParams / width
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(vals); start += per * width {
		end := min(len(vals), start+per*width)
		if _, err := tx.ExecContext(ctx, head+placeholders(tx.Dialect().Engine(), width, (end-start)/width), vals[start:end]...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, Normalise(err))
		}
	}
	return nil
}

// placeholders is "($1, $2), ($3, $4)" for rows rows of width values, or "(?, ?), (?, ?)" on SQLite.
func placeholders(engine Engine, width, rows int) string {
	var sb strings.Builder
	n := 1
	for r := range rows {
		if r > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for c := range width {
			if c > 0 {
				sb.WriteString(", ")
			}
			if engine == SQLite {
				sb.WriteByte('?')
				continue
			}
			sb.WriteByte('$')
			sb.WriteString(strconv.Itoa(n))
			n++
		}
		sb.WriteByte(')')
	}
	return sb.String()
}
