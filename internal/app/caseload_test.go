package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestCaseloadPageKeepsCouncilsApart(t *testing.T) {
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		query      string // {north} is council A's north team
		wantStatus int
		wantBody   []string
		notBody    []string
	}{
		{name: "my caseload", as: aWorker, wantStatus: 200, wantBody: []string{"My caseload", "Caseloaded, Ada", "2 breaks in the golden thread to mend"}},
		{name: "another council's practitioner", as: bWorker, wantStatus: 200, notBody: []string{"Caseloaded"}},
		{name: "my team, as its manager", as: aManager, query: "?team={north}", wantStatus: 200, wantBody: []string{"Caseloaded, Ada", "Test Practitioner"}},
		{name: "my worker, as their manager", as: aManager, query: "?worker={worker}", wantStatus: 200, wantBody: []string{"Caseloaded, Ada"}},
		{name: "a team, as a practitioner", as: aWorker, query: "?team={north}", wantStatus: 403},
		{name: "a colleague's, as a practitioner", as: aSouth, query: "?worker={worker}", wantStatus: 403},
		{name: "another council's team, as its manager", as: bManager, query: "?team={north}", wantStatus: 403},
		{name: "another council's team, as its quality lead", as: bQuality, query: "?team={north}", wantStatus: 200, notBody: []string{"Caseloaded"}},
		{name: "finance", as: aFinance, wantStatus: 403},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.FamilyName, p.WorkerID = "Caseloaded", worker.ID
		}))
		seedThread(t, db, site.A.Council.ID, person.ID) // an open episode whose thread has two breaks
		clients := map[string]*http.Client{}
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				if clients[staff.ID] == nil {
					clients[staff.ID] = site.SignIn(t, staff)
				}
				before := logOf(t, site, person.ID)
				q := strings.NewReplacer("{north}", site.A.North.ID, "{worker}", worker.ID).Replace(sc.query)
				res, body := site.Get(t, clients[staff.ID], "/caseload"+q)
				if res.StatusCode != sc.wantStatus {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, sc.wantStatus, excerpt(body))
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, excerpt(body))
					}
				}
				for _, not := range sc.notBody {
					if strings.Contains(body, not) {
						t.Errorf("page contains %q, which it must not", not)
					}
				}
				// A caseload lists people without opening their records.
				if after := logOf(t, site, person.ID); len(after) != len(before) {
					t.Errorf("access log gained %d entries, want none", len(after)-len(before))
				}
			})
		}
	})
}

func TestCaseloadPageInTheBrowser(t *testing.T) {
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	for _, name := range []string{"Ashdown", "Brackley", "Copperfield"} {
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.FamilyName, p.WorkerID, p.NHSNumber = name, worker.ID, ""
		}))
		if name == "Brackley" {
			seedThread(t, db, site.A.Council.ID, p.ID)
		}
	}
	for _, staff := range []councils.Staff{worker, site.A.Staff[councils.TeamManager]} {
		b := browsertest.New(t, site.Server.URL)
		b.Visit("/sign-in")
		b.Fill("#f-email", staff.Email)
		b.Fill("#f-password", apptest.Password)
		b.Submit("#f-password")
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
