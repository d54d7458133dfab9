package auditpage_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/testenv"
)

// TestRoundReportPrints prints a round's findings to a PDF, as a Principal Social Worker takes it to the Programme
// Board, and reads it back: the figures are there, with counts under 6 withheld as on the page.
func TestRoundReportPrints(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	if !site.App.PDF.Available() {
		testenv.Missing(t, "Chromium is not installed: the report cannot be printed", "Chromium is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testenv.Missing(t, "pdftotext is not installed (poppler-utils)", "pdftotext is not installed (apt-get install poppler-utils)")
	}
	f := newAuditFixture(t, site, db)
	completed(t, site, &f)
	client := site.SignIn(t, site.A.Staff[councils.QualityLead])
	res, body := site.Get(t, client, "/quality/rounds/"+f.round.ID+"/findings.pdf")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("report: status %d, %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader([]byte(body))
	text, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	apptest.MustContain(t, "report", string(text), "Practice Fortnight, spring", "What the round found", "Grades by question", "fewer than 6")
	if strings.Contains(string(text), "Download the report") {
		t.Error("the printed report offers to download itself")
	}
}
