package caseloadpage_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// A person's page shows their open required actions to staff who may see them, without logging a second view;
// safeguarding duties only to the council's safeguarding roles.
func TestPersonPageShowsRequiredActions(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		notBody    []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: apptest.AWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"Required actions", "Overdue", "Instruct an independent mental capacity advocate (IMCA)", "Lacks capacity to decide where to live; nobody to consult (MCA s39)"},
			notBody:  []string{"section 42"}},
		{name: "the team manager, a safeguarding role", as: apptest.AManager, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"Instruct an independent mental capacity advocate (IMCA)", "Decide whether the section 42 enquiry duty applies"}},
		{name: "another council's quality lead", as: apptest.BQuality, wantStatus: 404, notBody: []string{"IMCA"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		raiseTwo(t, db, worker, person.ID)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				apptest.Ask(t, site, client(staff), staff, http.MethodGet, "/people/"+person.ID, nil, person.ID,
					apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
			})
		}
	})
}

// The required actions list: a practitioner's own, a team's for its manager; never another council's; not logged
// per person, as it opens nobody's record.
func TestRequiredActionsPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
		raiseTwo(t, db, worker, person.ID)
		north := site.A.North.ID
		for _, sc := range []struct {
			name       string
			as         func(s *apptest.Site) councils.Staff
			path       string
			wantStatus int
			wantBody   []string
			notBody    []string
		}{
			{"my own people", apptest.AWorker, "/required-actions", 200, []string{"Testperson, Ada", "Instruct an independent mental capacity advocate (IMCA)", "Overdue"}, []string{"section 42"}},
			{"the team manager's team", apptest.AManager, "/required-actions?team=" + north, 200, []string{"North: required actions", "Decide whether the section 42 enquiry duty applies", "2 required actions, 1 overdue"}, nil},
			{"a practitioner asking for a team", apptest.AWorker, "/required-actions?team=" + north, 403, nil, nil},
			{"finance", apptest.AFinance, "/required-actions", 403, nil, nil},
			{"another council's manager", apptest.BManager, "/required-actions?team=" + north, 403, nil, []string{"Testperson"}},
			{"another council's quality lead", apptest.BQuality, "/required-actions?team=" + north, 200, []string{"Nothing is required"}, []string{"Testperson"}},
		} {
			t.Run(sc.name, func(t *testing.T) {
				// The list opens nobody's record: no access-log entry about the person.
				staff := sc.as(site)
				apptest.Ask(t, site, site.SignIn(t, staff), staff, http.MethodGet, sc.path, nil, person.ID,
					apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
			})
		}
	})
}

func TestRequiredActionsInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
	raiseTwo(t, db, worker, person.ID)
	manager := site.A.Staff[councils.TeamManager]
	b := apptest.SignInBrowser(t, site, manager)
	b.VisitAndCheck("/required-actions?team="+site.A.North.ID, "team-required-actions")
	b.VisitAndCheck("/people/"+person.ID, "person-required-actions")
	if got := b.Text("#required-actions"); !strings.Contains(got, "Overdue") || !strings.Contains(got, "Decide whether the section 42 enquiry duty applies") {
		t.Errorf("the person's page does not show the required actions:\n%s", got)
	}
	b.VisitAndCheck("/caseload?team="+site.A.North.ID, "team-caseload-required")
	if got := b.Text("main"); !strings.Contains(got, "Instruct an independent mental capacity advocate (IMCA), overdue since") {
		t.Errorf("the caseload does not show the overdue IMCA:\n%s", got)
	}
}

// raiseTwo raises an overdue IMCA duty and a section 42 decision due in two days for the person.
func raiseTwo(t *testing.T, db *sqldb.DB, staff councils.Staff, personID string) {
	t.Helper()
	ctx := peopletest.As(staff)
	if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: personID, Kind: duties.IMCA, SubjectID: "assessment", Reason: "Lacks capacity to decide where to live; nobody to consult (MCA s39)",
			Path: "/people/" + personID, DueAt: tx.Now().Add(-time.Hour)}); err != nil {
			return err
		}
		_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: personID, Kind: duties.Section42Decision, SubjectID: "concern", Reason: "A concern was raised",
			Path: "/people/" + personID, DueAt: tx.Now().Add(48 * time.Hour)})
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
