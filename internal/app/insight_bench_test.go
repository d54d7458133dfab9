package app_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The insight limits (issue: insight and evaluation): every IQAM measure for a council-year in under 1 s, and under
// twice the time of one sequential read of the tables they use, measured in the same run.
const (
	limitIQAMYear      = time.Second
	limitIQAMYearRatio = 2.0
)

// insightTables are the tables the catalogue's measures read, each with the columns they read from it, for the
// sequential read the measures are compared with: every row of the council's, each scanned into Go values.
var insightTables = []struct{ table, columns string }{
	{"person", "id, date_of_birth, gender, ethnicity, disability, primary_support_reason, client_type, nhs_number, postcode, accommodation_status, team_id"},
	{"person_network", "person_id, unpaid_carer"},
	{"episode", "id, person_id, opened_on, team_id, worker_id, ended_step, ended_on, result, contact_id"},
	{"episode_step", "episode_id, step, status"},
	{"contact", "id, person_id, contacted_on, kind, route_of_access"},
	{"conversation", "episode_id, held_on, step"},
	{"eligibility", "id, person_id, episode_id, kind, eligible, determined_on"},
	{"solution", "episode_id, created_at, rung"},
	{"review", "id, person_id, episode_id, due_on, held_on, status, gas_t_score, reason, method, review_outcome"},
	{"review_rating", "review_id, level"},
	{"duty", "person_id, episode_id, due_at, met_at, met_how"},
	{"signpost", "person_id, episode_id, follow_up_on, followed_up_on, follow_up_result"},
	{"service", "id, person_id, episode_id, status, start_on, end_on, unit_cost_pence, cost_frequency, units_hundredths, service_type, component, delivery_mechanism"},
	{"direct_payment", "service_id"},
	{"safeguarding_enquiry", "id, person_id, kind, closed_on, msp_asked, action_result, risk_outcome"},
	{"safeguarding_outcome", "enquiry_id, achieved"},
	{"feedback_survey", "id, audience"},
	{"feedback_response", "id, survey_id, person_id, team_id, answered_on"},
	{"feedback_answer", "response_id, question, answer"},
	{"learning_course", "id, standard, audience, refresh_months"},
	{"learning_session", "id, course_id, held_on"},
	{"learning_booking", "session_id, staff_id, completed"},
	{"learning_induction_step", "staff_id, course_id"},
	{"staff", "id, role"},
}

// iqamYear is what computing every measure for a council-year cost, beside a sequential read of their tables.
type iqamYear struct {
	measures, read time.Duration
	facts          int
	slowest        string // the slowest measures, with their times, to say where the time goes
}

// slowest names the n measures that took longest, with their times.
func slowest(took map[string]time.Duration, n int) string {
	ids := slices.Collect(maps.Keys(took))
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(took[b], took[a]) })
	var out []string
	for _, id := range ids[:min(n, len(ids))] {
		out = append(out, id+" "+ms(took[id]))
	}
	return strings.Join(out, ", ")
}

func (y iqamYear) ratio() float64 { return float64(y.measures) / float64(y.read) }

// insightYear computes every measure of the catalogue for the twelve months to the end of the last whole quarter,
// for the whole council, and reads every row of the tables they use once in sequence, each three times with the
// quickest kept, and prints both.
func insightYear(b *testing.B, site *apptest.Site) iqamYear {
	b.Helper()
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	last := insight.QuarterOf(site.App.DB.Today()).Before()
	year := insight.Period{From: sqldb.NewDate(last.To.AddDate(0, 0, 1).AddDate(-1, 0, 0)), To: last.To}
	var out iqamYear
	for range 3 {
		facts := 0
		t0 := time.Now()
		took := map[string]time.Duration{}
		// The measures derived from the Client Level Data return derive the year once between them, as the pack does.
		ctx := insight.Sharing(ctx)
		err := site.App.DB.ReadTx(ctx, func(tx *sqldb.Tx) error {
			for _, m := range insight.Catalogue() {
				t1 := time.Now()
				_, all, err := insight.Tallies(ctx, tx, m, year, insight.Whole)
				if err != nil {
					return err
				}
				took[m.ID] = time.Since(t1)
				facts += all.Of
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if d := time.Since(t0); out.measures == 0 || d < out.measures {
			out.slowest = slowest(took, 5)
		}
		out.measures, out.facts = quickest(out.measures, time.Since(t0)), facts
		t0 = time.Now()
		err = site.App.DB.ReadTx(ctx, func(tx *sqldb.Tx) error {
			for _, t := range insightTables {
				if err := readAll(ctx, tx, t.table, t.columns); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		out.read = quickest(out.read, time.Since(t0))
	}
	fmt.Printf("\nEvery IQAM measure (%d) for %s to %s: %d facts in %s, the quickest of three (goal %s);"+
		" one sequential read of their %d tables %s: %.2f× (goal %.0f×). Slowest: %s.\n",
		len(insight.Catalogue()), year.From, year.To, out.facts, ms(out.measures), limitIQAMYear, len(insightTables), ms(out.read),
		out.ratio(), limitIQAMYearRatio, out.slowest)
	return out
}

// readAll reads every row of the council's in table, scanning the columns into Go values as a measure would.
func readAll(ctx context.Context, tx *sqldb.Tx, table, columns string) error {
	vals := make([]any, strings.Count(columns, ",")+1)
	for i := range vals {
		vals[i] = new(any)
	}
	return sqldb.Each(ctx, tx, `SELECT `+columns+` FROM `+table+` WHERE council_id = $1`, []any{tx.Council()}, func(rows *sql.Rows) error {
		return rows.Scan(vals...)
	})
}
