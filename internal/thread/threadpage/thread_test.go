package threadpage_test

import (
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
	"github.com/golden-thread/goldenthread/internal/thread/threadtest"
)

func TestThreadPageKeepsCouncilsApartAndLogsAccess(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		other      bool // ask for the episode under another person of the same council
		wantStatus int
		wantBody   []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: apptest.AWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"The golden thread", "2 breaks to mend", "No solution serves this outcome yet", "does not say why lower rungs", `role="img"`, "To be independent again"}},
		{name: "the team manager", as: apptest.AManager, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View}},
		{name: "another council's practitioner", as: apptest.BWorker, wantStatus: 404},
		{name: "another council's quality lead", as: apptest.BQuality, wantStatus: 404},
		{name: "finance", as: apptest.AFinance, wantStatus: 404},
		{name: "outside my teams asks for a reason", as: apptest.ASouth, wantStatus: 303},
		{name: "the episode under another person", as: apptest.AWorker, other: true, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		someoneElse := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		episode := threadtest.Seed(t, db, site.A.Council.ID, person.ID)
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
				before := apptest.LogOf(t, site, person.ID)
				res, body := site.Get(t, clients[staff.ID], "/people/"+owner+"/episodes/"+episode+"/thread")
				if res.StatusCode != sc.wantStatus {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, sc.wantStatus, apptest.Excerpt(body))
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, apptest.Excerpt(body))
					}
				}
				var got []accesslog.Action
				for _, e := range apptest.LogOf(t, site, person.ID)[len(before):] {
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
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	episode := threadtest.Seed(t, db, site.A.Council.ID, person.ID)
	b := browsertest.New(t, site.Server.URL)
	b.Visit("/sign-in")
	b.Fill("#f-email", worker.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit("#f-password")
	b.VisitAndCheck("/people/"+person.ID+"/episodes/"+episode+"/thread", "thread-with-breaks")
}
