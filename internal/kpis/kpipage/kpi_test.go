package kpipage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/kpis/kpistest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func aProgramme(s *apptest.Site) councils.Staff { return s.A.Staff[councils.ProgrammeLead] }
func bProgramme(s *apptest.Site) councils.Staff { return s.B.Staff[councils.ProgrammeLead] }

// fixture is council A's KPI on reviews on time: a baseline of 60% two quarters ago, 70% in the last quarter, and a
// target of 80% a year after the baseline; and a KPI whose measure has nothing to count in its baseline quarter.
type fixture struct {
	kpi, empty kpis.KPI
	base, last insight.Period
}

func newFixture(t *testing.T, site *apptest.Site) fixture {
	t.Helper()
	db := site.App.DB
	var f fixture
	f.last = insight.QuarterOf(db.Today()).Before()
	f.base = f.last.Before()
	kpistest.Reviews(t, db, site.A.Council.ID, f.base.From, 12, 8)
	kpistest.Reviews(t, db, site.A.Council.ID, f.last.From, 14, 6)
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	var err error
	if f.kpi, err = site.App.KPIs.Add(lead, kpis.KPI{Name: "More reviews on time", MeasureID: "reviews-on-time", Baseline: f.base.Name(),
		Target: 80, TargetOn: sqldb.NewDate(f.base.To.AddDate(1, 0, 0)), Why: "Plans keep up with people's lives"}); err != nil {
		t.Fatal(err)
	}
	if f.empty, err = site.App.KPIs.Add(lead, kpis.KPI{Name: "More outcomes attained", MeasureID: "outcomes-attained", Baseline: f.base.Name(),
		Target: 70, TargetOn: sqldb.NewDate(f.base.To.AddDate(1, 0, 0))}); err != nil {
		t.Fatal(err)
	}
	return f
}

// state is everything these pages change, as one comparable string.
func state(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM programme_kpi WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM programme_kpi WHERE council_id = $1`,
	}, site.A.Council.ID)
}

func kpiForm(fn func(v url.Values)) func(f fixture) url.Values {
	return func(f fixture) url.Values {
		v := url.Values{"name": {"Fewer reviews overdue"}, "measure": {"reviews-on-time"}, "baseline": {f.base.Name()}, "target": {"85"},
			"why": {"Reviews are how plans stay right"}, "version": {strconv.Itoa(f.kpi.Version)}}
		apptest.DateFields("target_on", sqldb.NewDate(f.base.To.AddDate(1, 6, 0)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestKPIPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		method     string
		path       string
		form       func(f fixture) url.Values
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		notBody    []string
		unchanged  bool
	}{
		{name: "the KPIs, as the quality lead", method: "GET", path: "/programme/kpis", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"More reviews on time", "Reviews held by their due date", "60%", "70%", "80% by", "On track", "Set a KPI",
				"Not yet computable: nothing in the record is counted by it in"}},
		{name: "the KPIs, as a team manager", method: "GET", path: "/programme/kpis", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"More reviews on time", "On track"}, notBody: []string{"Set a KPI"}},
		{name: "the KPIs, as the programme lead", method: "GET", path: "/programme/kpis", as: aProgramme, wantStatus: 200,
			wantBody: []string{"More reviews on time", "Set a KPI"}},
		{name: "the KPIs, as a practitioner", method: "GET", path: "/programme/kpis", as: apptest.AWorker, wantStatus: 403},
		{name: "the KPIs, as finance", method: "GET", path: "/programme/kpis", as: apptest.AFinance, wantStatus: 403},
		{name: "the KPIs, as an administrator", method: "GET", path: "/programme/kpis", as: apptest.AAdmin, wantStatus: 403},
		{name: "the KPIs, from another council", method: "GET", path: "/programme/kpis", as: apptest.BQuality, wantStatus: 200,
			wantBody: []string{"No KPIs have been set yet"}, notBody: []string{"More reviews on time"}},
		{name: "a KPI", method: "GET", path: "/programme/kpis/{kpi}", as: aProgramme, wantStatus: 200,
			wantBody: []string{"More reviews on time", "<svg", `role="img"`, "The trajectory, from the baseline to the target", "Baseline: ", "60%", "70%",
				"On track", "Plans keep up with people&#39;s lives", "Change the KPI"},
			// The programme lead reads aggregates only: nothing leads from a figure to the people behind it.
			notBody: []string{`href="/people`, `/insight/`}},
		{name: "a KPI, as a team manager", method: "GET", path: "/programme/kpis/{kpi}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"gt-kpi-chart"}, notBody: []string{"Change the KPI"}},
		{name: "a KPI not yet computable", method: "GET", path: "/programme/kpis/{empty}", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{`id="not-computable"`, "Not yet computable: nothing in the record is counted by it", "A figure cannot be typed in its place"}, notBody: []string{"gt-kpi-chart"}},
		{name: "a KPI, as a practitioner", method: "GET", path: "/programme/kpis/{kpi}", as: apptest.AWorker, wantStatus: 403},
		{name: "a KPI, from another council", method: "GET", path: "/programme/kpis/{kpi}", as: bProgramme, wantStatus: 404},
		{name: "the form", method: "GET", path: "/programme/kpis/new", as: aProgramme, wantStatus: 200,
			wantBody: []string{"Set a KPI", "Reviews held by their due date", "Staff trained in strengths-based practice", "Baseline quarter"}},
		{name: "the form, as a team manager", method: "GET", path: "/programme/kpis/new", as: apptest.AManager, wantStatus: 403},
		{name: "set a KPI", method: "POST", path: "/programme/kpis/new", as: aProgramme, form: kpiForm(nil), wantStatus: 303},
		{name: "set a KPI, as a team manager", method: "POST", path: "/programme/kpis/new", as: apptest.AManager, form: kpiForm(nil), wantStatus: 403, unchanged: true},
		{name: "a measure the catalogue lacks", method: "POST", path: "/programme/kpis/new", as: apptest.AQuality, form: kpiForm(func(v url.Values) { v.Set("measure", "my-own-number") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Select a measure from the list", `href="#f-measure"`}, unchanged: true},
		{name: "a target in words", method: "POST", path: "/programme/kpis/new", as: apptest.AQuality, form: kpiForm(func(v url.Values) { v.Set("target", "eighty") }),
			wantStatus: 422, wantBody: []string{"The target must be a number, such as 80", "Fewer reviews overdue"}, unchanged: true},
		{name: "a target below the baseline", method: "POST", path: "/programme/kpis/new", as: apptest.AQuality, form: kpiForm(func(v url.Values) { v.Set("target", "50") }),
			wantStatus: 422, wantBody: []string{"The target must be above the baseline of 60%"}, unchanged: true},
		{name: "a baseline quarter not yet ended", method: "POST", path: "/programme/kpis/new", as: apptest.AQuality,
			form:       kpiForm(func(v url.Values) { v.Set("baseline", insight.QuarterOf(sqldb.NewDate(sqldb.SystemClock())).Name()) }),
			wantStatus: 422, wantBody: []string{"The baseline must be a quarter that has ended"}, unchanged: true},
		{name: "change a KPI", method: "POST", path: "/programme/kpis/{kpi}/edit", as: apptest.AQuality, form: kpiForm(nil), wantStatus: 303},
		{name: "a stale change", method: "POST", path: "/programme/kpis/{kpi}/edit", as: aProgramme, form: kpiForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this KPI", "More reviews on time", "Fewer reviews overdue"}, unchanged: true},
		{name: "change a KPI, as a team manager", method: "POST", path: "/programme/kpis/{kpi}/edit", as: apptest.AManager, form: kpiForm(nil), wantStatus: 403, unchanged: true},
		{name: "change another council's KPI", method: "POST", path: "/programme/kpis/{kpi}/edit", as: apptest.BQuality, form: kpiForm(nil), wantStatus: 404, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newFixture(t, site)
				before := state(t, site)
				path := strings.NewReplacer("{kpi}", f.kpi.ID, "{empty}", f.empty.ID).Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, state(t, site), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

// TestAStaleChangeIsSavedAgainOnPurpose: after the conflict, the form carries the version as saved now, so saving
// again replaces the other change.
func TestAStaleChangeIsSavedAgainOnPurpose(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newFixture(t, site)
		lead := site.SignIn(t, site.A.Staff[councils.QualityLead])
		form := kpiForm(func(v url.Values) { v.Set("version", "0") })(f)
		res, body := site.PostBody(t, lead, "/programme/kpis/"+f.kpi.ID+"/edit", form)
		if res.StatusCode != 409 {
			t.Fatalf("status %d, want 409\n%s", res.StatusCode, apptest.Excerpt(body))
		}
		again := apptest.Again(t, form, body, "version")
		if res, body := site.PostBody(t, lead, "/programme/kpis/"+f.kpi.ID+"/edit", again); res.StatusCode != 303 {
			t.Fatalf("saving again: status %d\n%s", res.StatusCode, apptest.Excerpt(body))
		}
		got, err := site.App.KPIs.KPI(peopletest.As(site.A.Staff[councils.QualityLead]), f.kpi.ID, db.Today())
		if err != nil || got.Name != "Fewer reviews overdue" || got.Target != 85 {
			t.Errorf("after saving again: %+v, %v", got.KPI, err)
		}
	})
}
