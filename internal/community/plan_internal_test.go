package community

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The checker's look-up of the council's family names reads the person_names_dob index, never the people's rows,
// whatever the size of the council.
func TestFamilyNamesUseTheIndex(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	var plan []string
	err := sqldb.Each(t.Context(), db.SQL(), `EXPLAIN QUERY PLAN `+familyNamesSQL("$2, $3"), []any{"council", "okafor", "smith"},
		func(rows *sql.Rows) error {
			var id, parent, unused int
			var detail string
			err := rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
			return err
		})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plan, "; "); !strings.Contains(got, "USING COVERING INDEX person_names_dob") {
		t.Errorf("the family names query is planned as %q", got)
	}
}
