package caseloadpage_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread/threadtest"
)

func TestCaseloadPageKeepsCouncilsApart(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		query      string // {north} is council A's north team
		wantStatus int
		wantBody   []string
		notBody    []string
	}{
		{name: "my caseload", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"My caseload", "Caseloaded, Ada", "2 breaks in the golden thread to mend"}},
		{name: "another council's practitioner", as: apptest.BWorker, wantStatus: 200, notBody: []string{"Caseloaded"}},
		{name: "a team manager opens on their team", as: apptest.AManager, wantStatus: 200, wantBody: []string{"North: caseload", "Caseloaded, Ada", "Test Practitioner"}, notBody: []string{"My caseload"}},
		{name: "a team manager's own people", as: apptest.AManager, query: "?team=mine", wantStatus: 200, wantBody: []string{"My caseload", `<option value="mine" selected>`}, notBody: []string{"Caseloaded"}},
		{name: "my team, as its manager", as: apptest.AManager, query: "?team={north}", wantStatus: 200, wantBody: []string{"Caseloaded, Ada", "Test Practitioner"}},
		{name: "my worker, as their manager", as: apptest.AManager, query: "?worker={worker}", wantStatus: 200, wantBody: []string{"Caseloaded, Ada"}},
		{name: "a team, as a practitioner", as: apptest.AWorker, query: "?team={north}", wantStatus: 403},
		{name: "a colleague's, as a practitioner", as: apptest.ASouth, query: "?worker={worker}", wantStatus: 403},
		{name: "another council's team, as its manager", as: apptest.BManager, query: "?team={north}", wantStatus: 403},
		{name: "another council's team, as its quality lead", as: apptest.BQuality, query: "?team={north}", wantStatus: 200, notBody: []string{"Caseloaded"}},
		{name: "finance", as: apptest.AFinance, wantStatus: 403},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.FamilyName, p.WorkerID = "Caseloaded", worker.ID
		}))
		threadtest.Seed(t, db, site.A.Council.ID, person.ID) // an open episode whose thread has two breaks
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				q := strings.NewReplacer("{north}", site.A.North.ID, "{worker}", worker.ID).Replace(sc.query)
				// A caseload lists people without opening their records: no access-log entry.
				apptest.Ask(t, site, client(staff), staff, http.MethodGet, "/caseload"+q, nil, person.ID,
					apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
			})
		}
	})
}

func TestCaseloadPageInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	for _, name := range []string{"Ashdown", "Brackley", "Copperfield"} {
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.FamilyName, p.WorkerID, p.NHSNumber = name, worker.ID, ""
		}))
		if name == "Brackley" {
			threadtest.Seed(t, db, site.A.Council.ID, p.ID)
		}
	}
	for _, staff := range []councils.Staff{worker, site.A.Staff[councils.TeamManager]} {
		b := apptest.SignInBrowser(t, site, staff)
		if staff.Role == councils.TeamManager {
			b.VisitAndCheck("/caseload?team="+site.A.North.ID, "team-caseload")
			continue
		}
		b.VisitAndCheck("/caseload", "my-caseload")
		if got := b.Text("main"); !strings.Contains(got, "2 breaks in the golden thread to mend") {
			t.Errorf("caseload does not show the breaks:\n%s", got)
		}
	}
}
