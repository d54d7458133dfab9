package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// InsertMany writes more rows than one statement may bind (8,000 parameters: 2,667 rows of three) in several
// statements on both engines, and refuses values that do not fill whole rows before writing anything.
func TestInsertMany(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cols := []string{"postcode", "latitude", "longitude"}
		var vals []any
		for i := range 3000 {
			vals = append(vals, fmt.Sprintf("ZZ9%d %dAA", i/1000, i%1000), 51.5+float64(i)/1e5, -0.1)
		}
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if err := sqldb.InsertMany(ctx, tx, "postcode", cols, vals[:5]); err == nil || !strings.Contains(err.Error(), "do not fill rows") {
				t.Errorf("five values for rows of three: %v", err)
			}
			return sqldb.InsertMany(ctx, tx, "postcode", cols, vals)
		})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM postcode WHERE postcode LIKE 'ZZ9%'`).Scan(&n)
		}); err != nil || n != 3000 {
			t.Errorf("%d rows, %v; want 3000", n, err)
		}
	})
}
