package insightpage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// admissionsAndReablement records, in council A's north team, eight people aged 18 to 64 admitted to a residential
// home in 2026-Q3 and eight spells of reablement ending in it: six ended as planned, one with the episode going on
// (unable to classify) and one ended by a death (excluded from 2A).
func admissionsAndReablement(t *testing.T, site *apptest.Site) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	stamp := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	add := func(i int, born, result, ended, serviceType, start, end string) {
		person, episode := fmt.Sprintf("ascof-person-%d", i), fmt.Sprintf("ascof-episode-%d", i)
		var endedOn, endOn any
		status := "active"
		if ended != "" {
			endedOn = dbtest.Date(ended)
		}
		if end != "" {
			endOn, status = dbtest.Date(end), "ended"
		}
		err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO person (council_id, id, given_name, family_name, family_key, given_key, date_of_birth, gender, team_id, created_at, updated_at)
					VALUES ($1, $2, 'Rhys', 'Counted', 'counted', 'rhys', $3, 'Male', $4, $5, $5)`, []any{person, dbtest.Date(born), site.A.North.ID, stamp}},
				{`INSERT INTO episode (council_id, id, person_id, opened_on, team_id, result, ended_on, ended_step, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, 3, $8, $8)`, []any{episode, person, dbtest.Date("2026-06-01"), site.A.North.ID, result, endedOn, stamp}},
				{`INSERT INTO service (council_id, id, person_id, episode_id, service_type, status, start_on, end_on, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`, []any{"s-" + person, person, episode, serviceType, status, dbtest.Date(start), endOn, stamp}},
			} {
				if _, err := tx.ExecContext(ctx, q.sql, append([]any{tx.Council()}, q.args...)...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 8 {
		add(i, fmt.Sprintf("197%d-03-01", i), "", "", "Long term support: Residential care", "2026-07-15", "")
	}
	for i := 8; i < 14; i++ {
		add(i, "1950-01-01", "NFA: Support ended as planned", "2026-08-01", "Short term support: ST-Max", "2026-07-01", "2026-08-01")
	}
	add(14, "1950-01-01", "", "", "Short term support: ST-Max", "2026-07-01", "2026-08-01")
	add(15, "1950-01-01", "NFA: Deceased", "2026-08-05", "Short term support: ST-Max", "2026-07-01", "2026-08-05")
}

// TestASCOFInTheBrowser reads a rate per 100,000 before and after the council records its population, and the
// sequels of short-term support by what followed, with axe on each page.
func TestASCOFInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	admissionsAndReablement(t, site)
	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])

	lead.VisitAndCheck("/insight/measures/ascof-2b?quarter=2026-Q3", "rate-no-population")
	apptest.MustContain(t, "no population", lead.Text("#figures"), "Population not recorded")

	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO population_source (council_id, census_year, updated_at) VALUES ($1, 2021, $2)`, tx.Council(), tx.Now()); err != nil {
			return err
		}
		for band, n := range map[string]int{"18 to 24": 12000, "25 to 44": 38000, "45 to 64": 50000, "65 to 74": 20000, "75 to 84": 14000, "85 to 94": 5000, "95 and above": 1000} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO population (council_id, characteristic, grp, people) VALUES ($1, 'age', $2, $3)`, tx.Council(), band, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 8 admissions show as 10, and 10 in 100,000 aged 18 to 64 is 10.0 per 100,000.
	lead.VisitAndCheck("/insight/measures/ascof-2b?quarter=2026-Q3", "rate")
	apptest.MustContain(t, "rate", lead.Text("main"), "10.0 per 100,000", "Every 100,000 of the council's population aged 18 to 64")
	lead.VisitAndCheck("/insight/measures/ascof-2b?quarter=2026-Q3&by=age", "rate-by-age")
	apptest.MustContain(t, "rate by age", lead.Text("#figures"), "45 to 64", "20.0 per 100,000") // 10 in 50,000 aged 45 to 64

	lead.VisitAndCheck("/insight/measures/short-term-sequels?quarter=2026-Q3&by=group", "sequels")
	apptest.MustContain(t, "sequels", lead.Text("#figures"), "Short-term support of new clients that ended by what followed", "Support ended as planned",
		"Unable to classify", "Deceased (excluded from 2A)")
	lead.VisitAndCheck("/insight/measures/ascof-2a?quarter=2026-Q3", "2a")
	apptest.MustContain(t, "2A", lead.Text("#figures"), "100%")
}
