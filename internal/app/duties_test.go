package app_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// A person's page shows their open required actions to staff who may see them, without logging a second view;
// safeguarding duties only to the council's safeguarding roles.
func TestPersonPageShowsRequiredActions(t *testing.T) {
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		notBody    []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: aWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"Required actions", "Overdue", "Instruct an independent mental capacity advocate (IMCA)", "Lacks capacity to decide where to live; nobody to consult (MCA s39)"},
			notBody:  []string{"section 42"}},
		{name: "the team manager, a safeguarding role", as: aManager, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"Instruct an independent mental capacity advocate (IMCA)", "Decide whether the section 42 enquiry duty applies"}},
		{name: "another council's quality lead", as: bQuality, wantStatus: 404, notBody: []string{"IMCA"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		ctx := peopletest.As(worker)
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: person.ID, Kind: duties.IMCA, SubjectID: "assessment", Reason: "Lacks capacity to decide where to live; nobody to consult (MCA s39)",
				Path: "/people/" + person.ID, DueAt: tx.Now().Add(-time.Hour)}); err != nil {
				return err
			}
			_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: person.ID, Kind: duties.Section42Decision, SubjectID: "concern", Reason: "A concern was raised",
				Path: "/people/" + person.ID, DueAt: tx.Now().Add(48 * time.Hour)})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		clients := map[string]*http.Client{}
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				if clients[staff.ID] == nil {
					clients[staff.ID] = site.SignIn(t, staff)
				}
				before := logOf(t, site, person.ID)
				res, body := site.Get(t, clients[staff.ID], "/people/"+person.ID)
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
						t.Errorf("page contains %q", not)
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
