package app_test

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// Staff resources read a practice study's diaries through the app's wiring: a scenario that names the demo's
// study takes the share of time with people its teams recorded, and says so, in place of the assumption.
func TestStaffResourcesObserveThePracticeStudy(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	hash := func(context.Context, string) (string, error) { return "not-a-real-hash", nil }
	d, err := demo.Load(context.Background(), db, hash, demo.Options{People: 300, Seed: 1, Alone: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Build(db, app.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Auth.Close() })
	staff, err := a.Councils.StaffList(sqldb.WithCouncil(context.Background(), d.Council.ID))
	if err != nil {
		t.Fatal(err)
	}
	var lead councils.Staff
	for _, st := range staff {
		if st.Role == councils.QualityLead {
			lead = st
		}
	}
	as := accesslog.WithRoute(councils.WithStaff(context.Background(), lead), accesslog.Page, "test")
	studies, err := a.Workforce.Studies(as)
	if err != nil || len(studies) != 1 {
		t.Fatalf("the studies staff resources can observe: %v, %v", studies, err)
	}
	draft, err := a.Workforce.Draft(as)
	if err != nil {
		t.Fatal(err)
	}
	draft.Name, draft.StudyID = "As observed", studies[0].ID
	x, err := a.Workforce.Create(as, draft)
	if err != nil {
		t.Fatal(err)
	}
	period, _ := workforce.PeriodOf(db.Today(), 12)
	results, err := a.Workforce.Results(as, period, x.ID)
	if err != nil || len(results) != 1 {
		t.Fatalf("results: %v, %v", results, err)
	}
	observed := 0
	for _, n := range results[0].Needs {
		if n.ShareObserved {
			observed++
			if n.Share <= 0 || n.Share >= 1 {
				t.Errorf("%s: an observed share of %.2f", n.TeamName, n.Share)
			}
		}
	}
	if results[0].Study != studies[0].Name || observed != 2 {
		t.Errorf("the scenario observed %d teams from %q, want the study's two teams from %q", observed, results[0].Study, studies[0].Name)
	}
}
