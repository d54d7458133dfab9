package caseloadpage_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
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
		clients := map[string]*http.Client{}
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				if clients[staff.ID] == nil {
					clients[staff.ID] = site.SignIn(t, staff)
				}
				before := apptest.LogOf(t, site, person.ID)
				res, body := site.Get(t, clients[staff.ID], "/people/"+person.ID)
				if res.StatusCode != sc.wantStatus {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, sc.wantStatus, apptest.Excerpt(body))
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, apptest.Excerpt(body))
					}
				}
				for _, not := range sc.notBody {
					if strings.Contains(body, not) {
						t.Errorf("page contains %q", not)
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
				c := site.SignIn(t, sc.as(site))
				before := apptest.LogOf(t, site, person.ID)
				res, body := site.Get(t, c, sc.path)
				if res.StatusCode != sc.wantStatus {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, sc.wantStatus, apptest.Excerpt(body))
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, apptest.Excerpt(body))
					}
				}
				for _, not := range sc.notBody {
					if strings.Contains(body, not) {
						t.Errorf("page contains %q", not)
					}
				}
				if after := apptest.LogOf(t, site, person.ID); len(after) != len(before) {
					t.Errorf("the list wrote %d access-log entries about the person", len(after)-len(before))
				}
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
	b := browsertest.New(t, site.Server.URL)
	b.Visit("/sign-in")
	b.Fill("#f-email", manager.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit("#f-password")
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
