package cldpage_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/cld/cldtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestReturnPage proves the return's page to the roles that have it, refuses everyone else, keeps councils apart,
// shows each row DHSC would reject with a link to the record to fix, and refuses the download while any would be
// rejected unless the user confirms.
func TestReturnPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		// A person of council A whose NHS number fails its check, with a request in 2026-Q3's 12 months.
		p := peopletest.MustCreate(t, db, apptest.AWorker(site), peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.ClientType = "Service user"
		}))
		ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "test")
		rec := &cldtest.Record{T: t, DB: db, Ctx: ctx}
		rec.Do(`UPDATE person SET nhs_number = '9990000019', updated_at = $2 WHERE council_id = $1 AND id = $3`, p.ID)
		rec.Contact(p.ID, "1", "2026-06-01", "Community / Other route", "2026-06-01", "NFA: Information and advice or signposting", 1)

		page, csv := "/quality/client-level-data?quarter=2026-Q3", "/quality/client-level-data.csv?quarter=2026-Q3"
		view, viewExport := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.View, accesslog.Export}
		tests := []struct {
			name string
			as   func(*apptest.Site) councils.Staff
			path string
			want apptest.Answer
		}{
			{"the report, as the quality lead", apptest.AQuality, page, apptest.Answer{Status: http.StatusOK,
				Body: []string{"Rows DHSC would reject", "NHS_Number", "9990000019", `href="/people/` + p.ID + `"`, "NHS number fails the modulus 11 check"}, Log: view}},
			{"the report, as the administrator", apptest.AAdmin, page, apptest.Answer{Status: http.StatusOK, Body: []string{"NHS_Number"}, Log: view}},
			{"the report, as a practitioner", apptest.AWorker, page, apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the report, as a team manager", apptest.AManager, page, apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the report, as finance", apptest.AFinance, page, apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the report, as information and advice", apptest.AAdvice, page, apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the report, from another council", apptest.BQuality, page, apptest.Answer{Status: http.StatusOK,
				Body: []string{"DHSC's validation would accept every row"}, NotBody: []string{p.ID, "9990000019"}}},
			{"a quarter that is not one", apptest.AQuality, "/quality/client-level-data?quarter=2026-Q5", apptest.Answer{Status: http.StatusUnprocessableEntity,
				Body: []string{"govuk-error-summary", "Enter the quarter as a year and a quarter", `href="#f-quarter"`}, NotBody: []string{p.ID}}},
			{"the download with rejects, unconfirmed", apptest.AQuality, csv, apptest.Answer{Status: http.StatusUnprocessableEntity,
				Body: []string{"govuk-error-summary", "confirm you want the return with them", `href="#f-confirm"`}, NotBody: []string{"LA_Code,"}, Log: view}},
			{"the download with rejects, confirmed", apptest.AQuality, csv + "&confirm=yes", apptest.Answer{Status: http.StatusOK,
				Body: []string{"LA_Code,Reporting_Period_Start_Date", "E06000901,2025-10-01,2026-09-30,9990000019," + p.ID}, Log: viewExport}},
			{"the download, as a practitioner", apptest.AWorker, csv + "&confirm=yes", apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the download, as finance", apptest.AFinance, csv + "&confirm=yes", apptest.Answer{Status: http.StatusForbidden, NotBody: []string{p.ID}}},
			{"the download, from another council", apptest.BQuality, csv, apptest.Answer{Status: http.StatusOK,
				Body: []string{"LA_Code,Reporting_Period_Start_Date"}, NotBody: []string{p.ID, "E06000901"}}},
		}
		clients := site.Clients(t)
		for _, tt := range tests {
			staff := tt.as(site)
			body := apptest.Ask(t, site, clients(staff), staff, http.MethodGet, tt.path, nil, p.ID, tt.want)
			if t.Failed() {
				t.Fatalf("%s: %s", tt.name, strings.TrimSpace(apptest.ErrorSummary(body)))
			}
		}
	})
}
