package chronologypage_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestChronologyPageKeepsCouncilsApartAndLogsAccess(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		query      string
		wantStatus int
		wantBody   []string
		notBody    []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: apptest.AWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"Chronology", "Phone call from family", "Episode of work opened"}},
		{name: "filtered to contacts", as: apptest.AWorker, query: "?kind=contact", wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"of the kinds chosen"}},
		{name: "filtered to a kind that does not exist shows everything", as: apptest.AWorker, query: "?kind=nonsense", wantStatus: 200, wantLog: []accesslog.Action{accesslog.View}},
		{name: "another council's practitioner", as: apptest.BWorker, wantStatus: 404},
		{name: "another council's quality lead", as: apptest.BQuality, wantStatus: 404},
		{name: "finance", as: apptest.AFinance, wantStatus: 404},
		{name: "outside my teams asks for a reason", as: apptest.ASouth, wantStatus: 303},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				apptest.Ask(t, site, client(staff), staff, http.MethodGet, "/people/"+person.ID+"/chronology"+sc.query, nil, person.ID,
					apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
			})
		}
	})
}

func TestChronologyPageInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	conversationstest.MustOpenEpisode(t, db, worker, person.ID)
	b := apptest.SignInBrowser(t, site, worker)
	b.VisitAndCheck("/people/"+person.ID+"/chronology", "chronology")
	rows := b.Text("tbody")
	if !strings.Contains(rows, "Contact") || !strings.Contains(rows, "Test Practitioner") {
		t.Errorf("the chronology does not list the contact and who recorded it:\n%s", rows)
	}
	b.Check(`input[name="kind"][value="review"]`)
	b.Submit(`input[name="kind"][value="review"]`)
	b.Screenshot("chronology-reviews-only")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Nothing has been recorded of these kinds yet") {
		t.Errorf("filtering to reviews should show none:\n%s", got)
	}
}
