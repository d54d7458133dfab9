package workforcepage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// workforceFixture is two scenarios the quality lead of council A made, named afresh for each scenario so that
// names stay unique.
type workforceFixture struct {
	current, other workforce.Scenario
	suffix         string // makes the fixture's names its own
}

type workforceScenario struct {
	name       string
	method     string
	path       string
	form       func(f workforceFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

// scenarioForm is a valid form for a scenario, changed by fn.
func scenarioForm(fn func(v url.Values)) func(workforceFixture) url.Values {
	return func(f workforceFixture) url.Values {
		v := url.Values{"name": {"With Three Conversations " + f.suffix}, "description": {"Shorter conversations, fewer assessments"},
			"minutes_contact": {"20"}, "minutes_conversation": {"60"}, "minutes_plan": {"60"}, "minutes_review": {"60"}, "minutes_safeguarding": {"240"},
			"with_people_percent": {"50"}, "supervision_minutes": {"98"}, "hours_per_week": {"37"}, "leave_percent": {"15"}, "training_percent": {"5"},
			"span": {"8"}, "version": {strconv.Itoa(f.current.Version)}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestWorkforcePagesKeepCouncilsApart(t *testing.T) {
	t.Parallel()
	scenarios := []workforceScenario{
		{name: "the scenarios, as the quality lead", method: "GET", path: "/insight/staff", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Staff resources", "{name}", "Make a scenario", "Compare the scenarios ticked"}},
		{name: "the scenarios, as finance", method: "GET", path: "/insight/staff", as: apptest.AFinance, wantStatus: 200, wantBody: []string{"{name}"}, notBody: []string{"Make a scenario"}},
		{name: "the scenarios, from another council", method: "GET", path: "/insight/staff", as: apptest.BQuality, wantStatus: 200, wantBody: []string{"There are no scenarios yet"}, notBody: []string{"{name}"}},
		{name: "the scenarios, as a practitioner", method: "GET", path: "/insight/staff", as: apptest.AWorker, wantStatus: 403},
		{name: "the new scenario form", method: "GET", path: "/insight/staff/scenarios/new", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Make a scenario", "Every figure on this page is an assumption", `value="98"`}},
		{name: "the new scenario form, as finance", method: "GET", path: "/insight/staff/scenarios/new", as: apptest.AFinance, wantStatus: 403},
		{name: "make a scenario", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.AQuality, form: scenarioForm(nil), wantStatus: 303},
		{name: "a scenario with no span of supervision", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.AQuality, form: scenarioForm(func(v url.Values) { v.Set("span", "0") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Practitioners for each supervisor must be between 1 and 30", `href="#f-span"`, "Shorter conversations"}, unchanged: true},
		{name: "a scenario with words for minutes", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.AQuality, form: scenarioForm(func(v url.Values) { v.Set("minutes_review", "an hour") }),
			wantStatus: 422, wantBody: []string{"Time for each review must be a whole number", `href="#f-minutes_review"`}, unchanged: true},
		{name: "a scenario named as another", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.AQuality, form: scenarioForm(func(v url.Values) { v.Set("name", "Current") }),
			wantStatus: 422, wantBody: []string{"There is already a scenario called Current"}, unchanged: true},
		{name: "a scenario made by a practitioner", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.AWorker, form: scenarioForm(nil), wantStatus: 403, unchanged: true},
		{name: "a scenario made in another council stays there", method: "POST", path: "/insight/staff/scenarios/new", as: apptest.BQuality, form: scenarioForm(nil), wantStatus: 303, unchanged: true},
		{name: "a scenario's staff needed, as finance", method: "GET", path: "/insight/staff/scenarios/{scenario}", as: apptest.AFinance, wantStatus: 200,
			wantBody: []string{"All teams together need", "Staff needed beside staff in post", "North", "South", "All teams", "Assumed", "Assumed, from the supervision policy", "Work counted from the record"}, notBody: []string{"Change the assumptions"}},
		{name: "a scenario's staff needed, as a team manager", method: "GET", path: "/insight/staff/scenarios/{scenario}?months=3", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Change the assumptions", "The last 3 full months"}},
		{name: "a scenario, from another council", method: "GET", path: "/insight/staff/scenarios/{scenario}", as: apptest.BQuality, wantStatus: 404},
		{name: "a scenario, as a practitioner", method: "GET", path: "/insight/staff/scenarios/{scenario}", as: apptest.AWorker, wantStatus: 403},
		{name: "the change form", method: "GET", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Change the scenario", "{name}", `name="version" value="1"`}},
		{name: "the change form, from another council", method: "GET", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.BManager, wantStatus: 404},
		{name: "the change form, as finance", method: "GET", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AFinance, wantStatus: 403},
		{name: "change a scenario", method: "POST", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AManager, form: scenarioForm(nil), wantStatus: 303},
		{name: "a stale change", method: "POST", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AManager, form: scenarioForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this scenario", "{name}", "With Three Conversations", "Time for each new contact", "30 minutes", "20 minutes"}, unchanged: true},
		{name: "a change with a share of nothing", method: "POST", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AQuality, form: scenarioForm(func(v url.Values) { v.Set("with_people_percent", "0") }),
			wantStatus: 422, wantBody: []string{"The share of time with people must be between 5% and 100%"}, unchanged: true},
		{name: "a change from another council", method: "POST", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.BQuality, form: scenarioForm(nil), wantStatus: 404, unchanged: true},
		{name: "a change by finance", method: "POST", path: "/insight/staff/scenarios/{scenario}/edit", as: apptest.AFinance, form: scenarioForm(nil), wantStatus: 403, unchanged: true},
		{name: "two scenarios side by side", method: "GET", path: "/insight/staff/compare?scenario={scenario}&scenario={other}", as: apptest.AFinance, wantStatus: 200,
			wantBody: []string{"Scenarios side by side", "{name}", "{othername}", "Practitioners short or spare", "What each assumes"}},
		{name: "one scenario side by side with nothing", method: "GET", path: "/insight/staff/compare?scenario={scenario}", as: apptest.AQuality, wantStatus: 422, wantBody: []string{"Select from 2 to 4 scenarios to compare"}},
		{name: "scenarios side by side, from another council", method: "GET", path: "/insight/staff/compare?scenario={scenario}&scenario={other}", as: apptest.BQuality, wantStatus: 404},
		{name: "the volumes, as finance", method: "GET", path: "/insight/staff/volumes", as: apptest.AFinance, wantStatus: 200, wantBody: []string{"Work counted from the record", "All teams", "North", "Reviews due"}},
		{name: "the volumes, as a practitioner", method: "GET", path: "/insight/staff/volumes", as: apptest.AWorker, wantStatus: 403},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newWorkforceFixture(t, site)
				before := workforceState(t, site)
				r := strings.NewReplacer("{scenario}", f.current.ID, "{other}", f.other.ID, "{name}", f.current.Name, "{othername}", f.other.Name)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, r.Replace(sc.path), form, "", apptest.Answer{Status: sc.wantStatus,
					Body: apptest.Filled(r, sc.wantBody), NotBody: apptest.Filled(r, sc.notBody)})
				after := workforceState(t, site)
				apptest.CheckChange(t, before, after, sc.unchanged || sc.method == "GET", sc.method == "POST" && sc.wantStatus == 303 && !sc.unchanged)
			})
		}
	})
}

func newWorkforceFixture(t *testing.T, site *apptest.Site) workforceFixture {
	t.Helper()
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	draft, err := site.App.Workforce.Draft(lead)
	if err != nil {
		t.Fatal(err)
	}
	id := sqldb.NewID()
	f := workforceFixture{suffix: id[len(id)-8:]}
	suffix := f.suffix
	for _, x := range []struct {
		name string
		into *workforce.Scenario
	}{{"Current " + suffix, &f.current}, {"Strengths-based " + suffix, &f.other}} {
		s := draft
		s.Name = x.name
		if *x.into, err = site.App.Workforce.Create(lead, s); err != nil {
			t.Fatal(err)
		}
	}
	if f.current.Name == "" || f.other.ID == "" {
		t.Fatal("the fixture's scenarios were not made")
	}
	// One scenario named plainly "Current", for the test of a name already taken.
	if _, err := site.App.Workforce.Scenario(lead, "none"); err == nil {
		t.Fatal("a scenario that is not there was read")
	}
	plain := draft
	plain.Name = "Current"
	if _, err := site.App.Workforce.Create(lead, plain); err != nil && !strings.Contains(err.Error(), "already") {
		t.Fatal(err)
	}
	return f
}

// workforceState is everything these pages change in council A, as one comparable string.
func workforceState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM workforce_scenario WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM workforce_scenario WHERE council_id = $1`,
	}, site.A.Council.ID)
}
