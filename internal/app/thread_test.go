package app_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// seedThread writes an episode straight into the tables: one outcome met by a reablement solution that gives no
// reason for its rung and by a service, and a second outcome that nothing serves.
func seedThread(t *testing.T, db *sqldb.DB, council, personID string) string {
	t.Helper()
	ep := sqldb.NewID()
	ctx := sqldb.WithCouncil(context.Background(), council)
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		now := tx.Now()
		for _, q := range []string{
			`INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-03-01', $4, $4)`,
			`INSERT INTO aspiration (council_id, id, person_id, episode_id, term, person_words, created_at, updated_at) VALUES ($1, 'asp-' || $2, $3, $2, 'long', 'To be independent again', $4, $4)`,
			`INSERT INTO outcome (council_id, id, person_id, episode_id, aspiration_id, different, how_we_know, by_when, who_involved, level_expected, status, created_at, updated_at)
				VALUES ($1, 'o1-' || $2, $3, $2, 'asp-' || $2, 'I get to the shops on my own', 'Every Thursday', '2026-06-01', 'Me and my daughter', 'Shops weekly', 'active', $4, $4)`,
			`INSERT INTO outcome (council_id, id, person_id, episode_id, different, status, created_at, updated_at) VALUES ($1, 'o2-' || $2, $3, $2, 'Sleep through the night', 'draft', $4, $4)`,
			`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at) VALUES ($1, 's1-' || $2, $3, $2, 'reablement', 'Six weeks of reablement', $4, $4)`,
			`INSERT INTO service (council_id, id, person_id, episode_id, service_type, provider, status, created_at, updated_at) VALUES ($1, 'v1-' || $2, $3, $2, 'Short term support: ST-Max', 'Exampleshire Reablement', 'requested', $4, $4)`,
		} {
			if _, err := tx.ExecContext(ctx, q, council, ep, personID, now); err != nil {
				return err
			}
		}
		for _, q := range []string{
			`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 's1-' || $2, 'o1-' || $2)`,
			`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'v1-' || $2, 'o1-' || $2)`,
		} {
			if _, err := tx.ExecContext(ctx, q, council, ep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func TestThreadPageKeepsCouncilsApartAndLogsAccess(t *testing.T) {
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		other      bool // ask for the episode under another person of the same council
		wantStatus int
		wantBody   []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: aWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"The golden thread", "2 breaks to mend", "No solution serves this outcome yet", "does not say why lower rungs", `role="img"`, "To be independent again"}},
		{name: "the team manager", as: aManager, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View}},
		{name: "another council's practitioner", as: bWorker, wantStatus: 404},
		{name: "another council's quality lead", as: bQuality, wantStatus: 404},
		{name: "finance", as: aFinance, wantStatus: 404},
		{name: "outside my teams asks for a reason", as: aSouth, wantStatus: 303},
		{name: "the episode under another person", as: aWorker, other: true, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		someoneElse := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		episode := seedThread(t, db, site.A.Council.ID, person.ID)
		clients := map[string]*http.Client{}
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				if clients[staff.ID] == nil {
					clients[staff.ID] = site.SignIn(t, staff)
				}
				owner := person.ID
				if sc.other {
					owner = someoneElse.ID
				}
				before := logOf(t, site, person.ID)
				res, body := site.Get(t, clients[staff.ID], "/people/"+owner+"/episodes/"+episode+"/thread")
				if res.StatusCode != sc.wantStatus {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, sc.wantStatus, excerpt(body))
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, excerpt(body))
					}
				}
				var got []accesslog.Action
				for _, e := range logOf(t, site, person.ID)[len(before):] {
					got = append(got, e.Action)
				}
				if !slices.Equal(got, sc.wantLog) {
					t.Errorf("access log gained %v, want %v", got, sc.wantLog)
				}
			})
		}
	})
}

func TestThreadPageInTheBrowser(t *testing.T) {
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	episode := seedThread(t, db, site.A.Council.ID, person.ID)
	b := browsertest.New(t, site.Server.URL)
	b.Visit("/sign-in")
	b.Fill("#f-email", worker.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit("#f-password")
	b.VisitAndCheck("/people/"+person.ID+"/episodes/"+episode+"/thread", "thread-with-breaks")
}
