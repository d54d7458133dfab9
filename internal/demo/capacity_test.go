package demo

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestCapacityHistoryIsPlausible loads people with their history, then the capacity and advocacy history, and
// checks it has what the caseload flags need: mostly assessments finding capacity, some best-interests decisions,
// IMCA and advocacy actions both met and open, some overdue; and no access-log entries of its own.
func TestCapacityHistoryIsPlausible(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: historyClock}, func(t *testing.T, db *sqldb.DB) {
		ctx := loadHistory(t, db, 11)
		var staff []councils.Staff
		err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, name, role FROM staff WHERE council_id = $1`, tx.Council())
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				s := councils.Staff{CouncilID: tx.Council()}
				var role string
				if err := rows.Scan(&s.ID, &s.Name, &role); err != nil {
					return err
				}
				s.Role = councils.Role(role)
				staff = append(staff, s)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		count := func(q string) int {
			var n int
			if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error { return tx.QueryRowContext(ctx, q, tx.Council(), db.Now()).Scan(&n) }); err != nil {
				t.Fatal(err)
			}
			return n
		}
		logBefore := count(`SELECT (SELECT count(*) FROM access_log WHERE council_id = $1) + (SELECT count(*) FROM access_log_pending WHERE council_id = $1 AND $2 = $2)`)
		if err := AddCapacity(ctx, db, staff, 11); err != nil {
			t.Fatal(err)
		}
		has := count(`SELECT count(*) FROM capacity_assessment WHERE council_id = $1 AND result = 'has' AND $2 = $2`)
		lacks := count(`SELECT count(*) FROM capacity_assessment WHERE council_id = $1 AND result = 'lacks' AND $2 = $2`)
		decisions := count(`SELECT count(*) FROM best_interests WHERE council_id = $1 AND $2 = $2`)
		open := count(`SELECT count(*) FROM duty WHERE council_id = $1 AND met_at IS NULL AND $2 = $2`)
		overdue := count(`SELECT count(*) FROM duty WHERE council_id = $1 AND met_at IS NULL AND due_at < $2`)
		met := count(`SELECT count(*) FROM duty WHERE council_id = $1 AND met_how = 'referral' AND $2 = $2`)
		t.Logf("has %d, lacks %d, decisions %d, open %d, overdue %d, met by referral %d", has, lacks, decisions, open, overdue, met)
		if has <= lacks || lacks == 0 || decisions == 0 || open == 0 || overdue == 0 || met == 0 {
			t.Errorf("implausible: has %d, lacks %d, decisions %d, open %d, overdue %d, met %d", has, lacks, decisions, open, overdue, met)
		}
		if n := count(`SELECT (SELECT count(*) FROM access_log WHERE council_id = $1) + (SELECT count(*) FROM access_log_pending WHERE council_id = $1 AND $2 = $2)`); n != logBefore {
			t.Errorf("the capacity history wrote %d access-log entries", n-logBefore)
		}
	})
}
