package auditpage_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// TestSupervisionAuditPage: a supervision record sampled into a round shows its auditor the session, personal sections
// and all, with the people it discussed logged; its supervisor sees it to reflect; its supervisee, another council
// and finance do not.
func TestSupervisionAuditPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		w := planstest.New(t, db, site.A)
		today := site.App.DB.Today()
		manager, lead := site.A.Staff[councils.TeamManager], site.A.Staff[councils.QualityLead]
		if _, err := site.App.Supervision.Record(peopletest.As(manager), supervision.Session{SuperviseeID: site.A.Staff[councils.Practitioner].ID,
			HeldOn: sqldb.NewDate(today.AddDate(0, 0, -7)), Kind: supervision.Reflective, WentWell: "Ada’s plan reads as hers",
			Wellbeing: "Tired after the winter", Cases: []supervision.Case{{PersonID: w.Person.ID, Discussion: "Her plan", Decision: "Carry on"}}}, nil); err != nil {
			t.Fatal(err)
		}
		tools, err := site.App.Audits.Tools(peopletest.As(lead))
		if err != nil {
			t.Fatal(err)
		}
		r, n, err := site.App.Audits.CreateRound(peopletest.As(lead), audits.NewRound{Name: "Supervision audit, spring", ToolID: tools[1].ID,
			StartsOn: today, EndsOn: sqldb.NewDate(today.AddDate(0, 0, 13)), PerTeam: 5, Seed: 3})
		if err != nil || n != 1 || tools[1].Kind != audits.Supervision {
			t.Fatalf("round of %s sampled %d: %v", tools[1].Kind, n, err)
		}
		page, err := site.App.Audits.Round(peopletest.As(lead), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		path := "/quality/audits/" + page.Audits[0].ID
		view := []accesslog.Action{accesslog.View}
		for _, sc := range []struct {
			name    string
			as      councils.Staff
			status  int
			body    []string
			notBody []string
			log     []accesslog.Action
		}{
			{"its auditor, the quality lead", lead, 200, []string{"Supervision of", "The supervision record", "Tired after the winter", "Carry on",
				"What has gone well comes first", "Complete the audit"}, nil, view},
			{"its supervisor", manager, 200, []string{"The supervision record", "Tired after the winter"}, []string{"Complete the audit"}, view},
			{"its supervisee", site.A.Staff[councils.Practitioner], 404, nil, []string{"Tired after the winter"}, nil},
			{"another council's quality lead", site.B.Staff[councils.QualityLead], 404, nil, []string{"Tired after the winter"}, nil},
			{"finance", site.A.Staff[councils.Finance], 403, nil, []string{"Tired after the winter"}, nil},
		} {
			t.Run(sc.name, func(t *testing.T) {
				apptest.Ask(t, site, client(sc.as), sc.as, "GET", path, nil, w.Person.ID,
					apptest.Answer{Status: sc.status, Body: sc.body, NotBody: sc.notBody, Log: sc.log})
			})
		}
		t.Run("the round's page names the supervision, not a person", func(t *testing.T) {
			apptest.Ask(t, site, client(lead), lead, "GET", "/quality/rounds/"+r.ID, nil, w.Person.ID,
				apptest.Answer{Status: 200, Body: []string{"Supervision of"}, NotBody: []string{"Testperson"}})
		})
	})
}
