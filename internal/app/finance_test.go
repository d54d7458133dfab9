package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// rowCounts counts the rows of every table but the sessions, as council A sees them, as one line per table.
func rowCounts(t *testing.T, db *sqldb.DB, council string) string {
	t.Helper()
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Engine() == sqldb.Postgres {
		list = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
	}
	var out []string
	err := db.ReadTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(context.Background(), list)
		if err != nil {
			return err
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			tables = append(tables, name)
		}
		rows.Close()
		for _, table := range tables {
			if strings.Contains(table, "session") {
				continue // signing in and each request keep the session
			}
			var n int
			if err := tx.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
				return fmt.Errorf("count %s: %w", table, err)
			}
			out = append(out, fmt.Sprintf("%s %d", table, n))
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

// TestFinanceChangesNothing sends every route that changes a record, page and API, as finance — with a real
// person's ID where the route names one — and wants each refused (a page with 403; the API with 404 where the route is
// about a person, whose record finance cannot see, and 403 otherwise) and nothing in the database changed.
func TestFinanceChangesNothing(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		finance := site.A.Staff[councils.Finance]
		person := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID))
		client := site.SignIn(t, finance)
		token := site.Token(t, finance)
		wildcard := regexp.MustCompile(`\{[^}]+\}`)
		before, logBefore := rowCounts(t, db, site.A.Council.ID), len(apptest.LogOf(t, site, person.ID))
		changes := 0
		for _, pattern := range site.App.StaffRoutes() {
			method, path, _ := strings.Cut(pattern, " ")
			if method == http.MethodGet || method == http.MethodHead {
				continue
			}
			changes++
			path = wildcard.ReplaceAllStringFunc(path, func(w string) string {
				if w == "{id}" {
					return person.ID
				}
				return sqldb.NewID()
			})
			if strings.HasPrefix(path, "/api/") {
				res, _ := site.API(t, token, method, path, `{}`, "If-Match", `"1"`)
				// Finance sees no one's record, so through the API, as from the stores, a person's has none to change.
				want := http.StatusForbidden
				if strings.Contains(pattern, "{id}") {
					want = http.StatusNotFound
				}
				if res.StatusCode != want || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s as finance: status %d %s, want %d with a problem document", pattern, res.StatusCode, res.Header.Get("Content-Type"), want)
				}
				continue
			}
			res, body := site.PostBody(t, client, path, url.Values{"version": {"1"}, "reason": {"Finance tried"}})
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s as finance: status %d, want 403\n%s", pattern, res.StatusCode, apptest.Excerpt(body))
			}
		}
		if changes < 50 {
			t.Errorf("only %d change routes found: the route list is incomplete", changes)
		}
		if after := rowCounts(t, db, site.A.Council.ID); after != before {
			t.Errorf("the database changed:\nbefore\n%s\nafter\n%s", before, after)
		}
		if log := apptest.LogOf(t, site, person.ID); len(log) != logBefore {
			t.Errorf("finance's attempts were logged against the person: %+v", log[logBefore:])
		}
	})
}

// TestFinancePage: finance reads their council's spend by team, naming no one and logging no view of anyone's
// record; another council's finance sees none of it; no other role opens the page.
func TestFinancePage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		w := planstest.New(t, db, site.A) // a running service for Ada, in the north team
		weekly := plans.FormatPence(w.Service.WeeklyCostPence())
		tests := []struct {
			name    string
			as      func(*apptest.Site) councils.Staff
			status  int
			body    []string
			notBody []string
		}{
			{"finance", apptest.AFinance, 200, []string{"Spend on support", "North", weekly, "All teams"}, []string{w.Person.FamilyName, w.Person.GivenName + " "}},
			{"another council's finance", func(s *apptest.Site) councils.Staff { return s.B.Staff[councils.Finance] }, 200,
				[]string{"No council-funded services have been recorded"}, []string{weekly, w.Person.FamilyName}},
			{"a practitioner", apptest.AWorker, 403, nil, []string{weekly}},
			{"a team manager", apptest.AManager, 403, nil, []string{weekly}},
			{"an administrator", apptest.AAdmin, 403, nil, []string{weekly}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				staff := tt.as(site)
				apptest.Ask(t, site, site.SignIn(t, staff), staff, http.MethodGet, "/finance", nil, w.Person.ID,
					apptest.Answer{Status: tt.status, Body: tt.body, NotBody: tt.notBody})
			})
		}
	})
}
