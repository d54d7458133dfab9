package boardpage_test

import (
	"net/url"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/board/boardtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func aProgramme(s *apptest.Site) councils.Staff { return s.A.Staff[councils.ProgrammeLead] }
func bProgramme(s *apptest.Site) councils.Staff { return s.B.Staff[councils.ProgrammeLead] }

// start fills council A's programme part-way, with a KPI.
func start(t *testing.T, site *apptest.Site) {
	t.Helper()
	today := site.App.DB.Today()
	boardtest.Start(t, programme.NewStore(site.App.DB), site.A, today)
	base := insight.QuarterOf(today).Before()
	if _, err := site.App.KPIs.Add(peopletest.As(site.A.Staff[councils.QualityLead]), kpis.KPI{Name: "More reviews on time",
		MeasureID: "reviews-on-time", Baseline: base.Name(), Target: 80, TargetOn: sqldb.NewDate(base.To.AddDate(1, 0, 0))}); err != nil {
		t.Fatal(err)
	}
}

func issuedIn(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{`SELECT count(*) FROM board_report WHERE council_id = $1`}, site.A.Council.ID)
}

func TestBoardReportPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		method     string
		path       string
		form       func(today sqldb.Date) url.Values
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		notBody    []string
		changes    bool // the request adds a report of council A's
	}{
		{name: "the report, as the quality lead", method: "GET", path: "/programme/board", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Programme Board report", "Strengths-based practice", `id="phase-now"`, "<strong>Design</strong>", "1 green, 1 amber, 1 red",
				"Supervision policy rewritten", "Waiting for the union&#39;s comments", "Overdue", "This is the first report",
				"More reviews on time", "Not yet computable", "Staff turnover in the locality teams", "20 (Very high", "Approve the new supervision policy",
				"Issue this report", "Download the report (PDF)"},
			notBody: []string{"Funding not agreed"}},
		{name: "the report, as a team manager", method: "GET", path: "/programme/board", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Supervision policy rewritten"}, notBody: []string{"Issue this report"}},
		{name: "the report, as the programme lead", method: "GET", path: "/programme/board", as: aProgramme, wantStatus: 200,
			wantBody: []string{"Supervision policy rewritten", "Issue this report"}},
		{name: "the report, as a practitioner", method: "GET", path: "/programme/board", as: apptest.AWorker, wantStatus: 403},
		{name: "the report, as finance", method: "GET", path: "/programme/board", as: apptest.AFinance, wantStatus: 403},
		{name: "the report, as an administrator", method: "GET", path: "/programme/board", as: apptest.AAdmin, wantStatus: 403},
		{name: "the report, from another council", method: "GET", path: "/programme/board", as: bProgramme, wantStatus: 200,
			wantBody: []string{"has not started its implementation programme"}, notBody: []string{"Supervision policy rewritten", "Issue this report"}},
		{name: "the report as at a day that is not one", method: "GET", path: "/programme/board?on=2026-02-31", as: apptest.AQuality, wantStatus: 422,
			wantBody: []string{"There is a problem", "The day the report is as at must be a real date"}},
		{name: "the report as at a day to come", method: "GET", path: "/programme/board?on-day=1&on-month=1&on-year=2099", as: apptest.AQuality, wantStatus: 422,
			wantBody: []string{"must be today or in the past"}},
		{name: "the PDF, as a practitioner", method: "GET", path: "/programme/board.pdf", as: apptest.AWorker, wantStatus: 403},
		{name: "issue the report", method: "POST", path: "/programme/board/issue", as: aProgramme,
			form: func(today sqldb.Date) url.Values { return url.Values{"as_at": {today.String()}} }, wantStatus: 303, changes: true},
		{name: "issue the report, as a team manager", method: "POST", path: "/programme/board/issue", as: apptest.AManager,
			form: func(today sqldb.Date) url.Values { return url.Values{"as_at": {today.String()}} }, wantStatus: 403},
		{name: "issue the report as at a day to come", method: "POST", path: "/programme/board/issue", as: apptest.AQuality,
			form: func(today sqldb.Date) url.Values {
				return url.Values{"as_at": {today.AddDate(0, 0, 3).Format("2006-01-02")}}
			}, wantStatus: 422,
			wantBody: []string{"There is a problem", "A report cannot be issued as at a day still to come", "Supervision policy rewritten"}},
		{name: "issue the report as at no day", method: "POST", path: "/programme/board/issue", as: apptest.AQuality,
			form: func(sqldb.Date) url.Values { return url.Values{"as_at": {"soon"}} }, wantStatus: 422, wantBody: []string{"Choose the day the report is as at"}},
		{name: "issue a report from another council, which has no programme", method: "POST", path: "/programme/board/issue", as: apptest.BQuality,
			form: func(today sqldb.Date) url.Values { return url.Values{"as_at": {today.String()}} }, wantStatus: 422,
			wantBody: []string{"Start the programme before issuing a board report"}, notBody: []string{"Supervision policy rewritten"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		start(t, site)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				before := issuedIn(t, site)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(db.Today())
				}
				apptest.Ask(t, site, client(who), who, sc.method, sc.path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, issuedIn(t, site), !sc.changes, sc.changes)
			})
		}
	})
}
