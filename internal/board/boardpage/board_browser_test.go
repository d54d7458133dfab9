package boardpage_test

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/board/boardtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis/kpistest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestKPIsAndTheBoardReportInTheBrowser walks the programme lead's month in a real browser, with axe on every page:
// they set a KPI on reviews on time (a target in words refused), see it drawn against its trajectory with its table;
// open the Programme Board report with the programme's phase, milestones, KPIs, risks and decisions; print it; issue
// it; and download its tagged PDF where Chromium can print.
func TestKPIsAndTheBoardReportInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	today := db.Today()
	boardtest.Start(t, programme.NewStore(db), site.A, today)
	last := insight.QuarterOf(today).Before()
	base := last.Before()
	kpistest.Reviews(t, db, site.A.Council.ID, base.From, 12, 8) // 60%
	kpistest.Reviews(t, db, site.A.Council.ID, last.From, 14, 6) // 70%

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.ProgrammeLead])
	lead.VisitAndCheck("/programme/kpis", "kpis-none")
	lead.ClickAndWait(`a[href="/programme/kpis/new"]`)
	lead.Screenshot("kpi-new")
	lead.CheckA11y()
	lead.Fill("#f-name", "More reviews on time")
	lead.Select("#f-measure", "reviews-on-time")
	lead.Select("#f-baseline", base.Name())
	lead.Fill("#f-target", "eighty")
	target := base.To.AddDate(1, 0, 0)
	lead.FillDate("target_on", strconv.Itoa(target.Day()), strconv.Itoa(int(target.Month())), strconv.Itoa(target.Year()))
	lead.Submit("#f-name")
	lead.Screenshot("kpi-new-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "KPI errors", lead.Text(".govuk-error-summary"), "The target must be a number, such as 80")
	lead.Fill("#f-target", "80")
	lead.Submit("#f-name")
	lead.Screenshot("kpi")
	lead.CheckA11y()
	apptest.MustContain(t, "the KPI", lead.Text("main"), "More reviews on time set", "On track", "60%", "70%", "80%", "Against its trajectory")
	if !lead.Exists("svg.gt-chart title") || !lead.Exists(".gt-kpi-table") {
		t.Errorf("the KPI is not drawn with its table")
	}
	lead.VisitAndCheck("/programme/kpis", "kpis")

	lead.VisitAndCheck("/programme/board", "board")
	apptest.MustContain(t, "the report", lead.Text("main"), "Programme Board report", "Design", "1 green, 1 amber, 1 red",
		"Case recording system changed", "The supplier has not started", "More reviews on time", "Staff turnover in the locality teams",
		"Approve the new supervision policy", "This is the first report")
	if pdf := lead.PrintPDF(); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the report does not print")
	}
	lead.Submit(`form[action="/programme/board/issue"] button`)
	lead.Screenshot("board-issued")
	lead.CheckA11y()
	apptest.MustContain(t, "issued", lead.Text("main"), "is issued: the next report will say what changed since", "Reports issued")

	if !site.App.PDF.Available() {
		t.Log("Chromium cannot print here: the board report's PDF is not checked")
		return
	}
	client := site.SignIn(t, site.A.Staff[councils.TeamManager])
	res, body := site.Get(t, client, "/programme/board.pdf?on="+today.String())
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("board report PDF: status %d, %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = strings.NewReader(body)
		text, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		apptest.MustContain(t, "PDF", string(text), "Programme Board report", "Case recording system changed", "More reviews on time")
		if strings.Contains(string(text), "Issue this report") || strings.Contains(string(text), "Download the report") {
			t.Error("the printed report offers its controls")
		}
	}
}
