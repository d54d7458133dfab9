package sqldb

import (
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
