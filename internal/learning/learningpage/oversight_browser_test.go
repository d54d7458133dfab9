package learningpage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestCoverageAndInduction walks the workforce development lead's oversight in a real browser, with axe on every
// page: the quality lead reads coverage, imports past attendance (a file with a mistake first, refused with every bad
// line listed, then the file put right) and sees the headline figure move; the team manager sets a new starter's
// induction from the default pathway; the new starter, on a phone, marks their reading done; and the manager's
// caseload flags what is still overdue.
func TestCoverageAndInduction(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	starter, err := site.App.Councils.CreateStaff(ctx, councils.NewStaff{Email: "new.starter@example.org", Name: "Nia Newstart",
		Role: councils.Practitioner, TeamIDs: []string{site.A.North.ID}})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := site.App.Auth.Hasher().Hash(context.Background(), apptest.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := site.App.Councils.SetPassword(ctx, starter.ID, hash); err != nil {
		t.Fatal(err)
	}

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/learning/coverage", "coverage-before")
	apptest.MustContain(t, "the headline before", lead.Text("#headline"), "0 of 4 staff (0%)", "Strengths-based practice skills")

	dir := t.TempDir()
	file := filepath.Join(dir, "attendance.csv")
	write := func(csv string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(lead.Context(), chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file})); err != nil {
			t.Fatal(err)
		}
		lead.Submit("#f-file")
	}
	skills := "Strengths-based practice skills (MASOSS and ROPES)"
	lead.ClickAndWait(`a[href="/learning/import"]`)
	lead.Screenshot("import")
	lead.CheckA11y()
	write("email,course,completed_on\n" + site.A.Staff[councils.Practitioner].Email + "," + skills + ",2024-05-01\n" +
		site.A.SouthWorker.Email + "," + skills + ",31/02/2025\n")
	lead.Screenshot("import-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "the refused import", lead.Text("main"), "attendance.csv has 1 problem", "Nothing was imported", "31/02/2025", "must be a real date")
	write("email,course,completed_on\n" + site.A.Staff[councils.Practitioner].Email + "," + skills + ",2024-05-01\n" +
		site.A.SouthWorker.Email + "," + skills + ",28/02/2025\n")
	lead.Screenshot("coverage-after")
	lead.CheckA11y()
	apptest.MustContain(t, "the coverage after the import", lead.Text("main"), "2 completions imported, on 2 new sessions", "2 of 4 staff (50%)")
	lead.ClickAndWait(`#matrix a[href="/learning/coverage/` + site.A.North.ID + `"]`)
	lead.Screenshot("team-coverage")
	lead.CheckA11y()
	apptest.MustContain(t, "the north team's staff", lead.Text("#team-staff"), "Test Practitioner", "Trained", "Last 1 May 2024", "Nia Newstart", "Never trained")

	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck("/learning/induction", "inductions-empty")
	manager.ClickAndWait(`a[href="/learning/induction/new"]`)
	manager.Screenshot("induction-choose")
	manager.CheckA11y()
	manager.Select("#f-staff", starter.ID)
	manager.FillDate("start", "1", "1", "2020")
	manager.Submit("#f-staff")
	manager.Screenshot("induction-steps")
	manager.CheckA11y()
	apptest.MustContain(t, "the pathway offered", manager.Text("main"), "Nia Newstart", "Read the practice framework", "Induction to the practice framework",
		"First supervision", "Making Safeguarding Personal")
	manager.FillDate("step_1_due_on", "", "", "")
	manager.Submit("#f-step_1_due_on-day")
	manager.Screenshot("induction-steps-mistake")
	manager.CheckA11y()
	apptest.MustContain(t, "the missing date", manager.Text(".govuk-error-summary"), "Enter the date “Read the practice framework” is due")
	manager.FillDate("step_1_due_on", "8", "1", "2020")
	manager.Submit("#f-step_1_due_on-day")
	manager.Screenshot("induction")
	manager.CheckA11y()
	apptest.MustContain(t, "the pathway set", manager.Text("main"), "Induction pathway set for Nia Newstart", "0 of 7 steps done", "Overdue")
	manager.VisitAndCheck("/caseload", "caseload-induction")
	apptest.MustContain(t, "the caseload", manager.Text("#induction-overdue"), "1 new starter has induction steps overdue", "Nia Newstart")

	phone := apptest.SignInBrowser(t, site, starter)
	if _, err := chromedp.Run(phone.Context(), chromedp.EmulateViewport(375, 812)); err != nil {
		t.Fatal(err)
	}
	phone.VisitAndCheck("/learning/induction/"+starter.ID, "induction-phone")
	phone.Submit(`#steps li:first-child button[value="yes"]`)
	phone.Screenshot("induction-phone-marked")
	phone.CheckA11y()
	apptest.MustContain(t, "the starter's pathway", phone.Text("main"), "Induction step updated", "1 of 7 steps done")
	if strings.Contains(phone.Text("#steps li:first-child"), "Mark done today") {
		t.Error("the reading still offers to be marked done")
	}
}
