package cldpage_test

import (
	"context"
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

// TestReturnInTheBrowser has the quality lead find the return from the quality home, mistype the quarter, check
// the right one, and follow the report's link to the record to fix, with axe on every page.
func TestReturnInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	p := peopletest.MustCreate(t, db, apptest.AWorker(site), peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.ClientType = "Service user"
	}))
	rec := &cldtest.Record{T: t, DB: db, Ctx: accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "test")}
	rec.Do(`UPDATE person SET nhs_number = '9990000019', updated_at = $2 WHERE council_id = $1 AND id = $3`, p.ID)
	rec.Contact(p.ID, "1", "2026-06-01", "Community / Other route", "2026-06-01", "NFA: Information and advice or signposting", 1)

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality", "quality-home")
	lead.ClickAndWait(`a[href="/quality/client-level-data"]`)
	lead.Screenshot("return")
	lead.CheckA11y()
	lead.Fill("#f-quarter", "2026 Q3")
	lead.Submit("#f-quarter")
	lead.Screenshot("return-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "quarter error", lead.Text(".govuk-error-summary"), "Enter the quarter as a year and a quarter")
	lead.Fill("#f-quarter", "2026-Q3")
	lead.Submit("#f-quarter")
	lead.Screenshot("return-report")
	lead.CheckA11y()
	apptest.MustContain(t, "report", lead.Text("main"), "1 October 2025 to 30 September 2026", "Rows DHSC would reject",
		"NHS_Number", "9990000019", "NHS number fails the modulus 11 check")
	lead.ClickAndWait(`main table a[href="/people/` + p.ID + `"]`)
	apptest.MustContain(t, "the record to fix", lead.Text("main"), "Testperson")
}
