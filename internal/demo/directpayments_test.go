package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo's direct payments are agreements with their monitoring: several, each on a running service delivered as
// a direct payment, some with monitoring reviews held, at least one whose latest review is overdue (a required
// action), and one suspended with a reason.
func TestDemoDirectPaymentsAreAgreements(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		var agreements, onOther, reviews, overdue, suspended int
		err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			for _, q := range []struct {
				dest  *int
				query string
			}{
				{&agreements, `SELECT count(*) FROM direct_payment WHERE council_id = $1`},
				{&onOther, `SELECT count(*) FROM direct_payment dp JOIN service s ON s.council_id = dp.council_id AND s.id = dp.service_id
					WHERE dp.council_id = $1 AND s.delivery_mechanism <> 'Direct payment'`},
				{&reviews, `SELECT count(*) FROM direct_payment_monitoring WHERE council_id = $1`},
				{&overdue, `SELECT count(*) FROM duty WHERE council_id = $1 AND kind = 'direct_payment_review' AND met_at IS NULL AND due_at < $2`},
				{&suspended, `SELECT count(*) FROM direct_payment WHERE council_id = $1 AND status = 'suspended' AND status_reason <> ''`},
			} {
				args := []any{tx.Council()}
				if strings.Contains(q.query, "$2") {
					args = append(args, tx.Now())
				}
				if err := tx.QueryRowContext(ctx, q.query, args...).Scan(q.dest); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if agreements < 3 || onOther != 0 || reviews == 0 || overdue == 0 || suspended != 1 {
			t.Errorf("%d agreements (%d on services not paid that way), %d monitoring reviews, %d overdue, %d suspended", agreements, onOther, reviews, overdue, suspended)
		}
	})
}
