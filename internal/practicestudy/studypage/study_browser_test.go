package studypage_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestPracticeStudyJourney walks a practice study in a real browser, with axe on every page: the quality lead opens a
// study of the north team from the quality page; a practitioner fills in a day of their diary on a phone-sized window
// (375×812), adding a row without losing what they typed, a negative minute refused, then saved; with two more
// colleagues' diaries the team's results show the share of time with people; the team manager records a reflective
// session, and an engagement without consent is refused and then recorded with it; the quality lead writes the case
// for change, agrees it, and prints it.
func TestPracticeStudyJourney(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	today := site.App.DB.Today()

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality", "quality")
	lead.ClickAndWait("#practice-studies")
	lead.Screenshot("studies")
	lead.CheckA11y()
	lead.ClickAndWait(`a[href="/quality/studies/new"]`)
	lead.Screenshot("study-new")
	lead.CheckA11y()
	lead.Fill("#f-name", "Spring practice study")
	lead.FillDay("starts_on", today.AddDate(0, 0, -7))
	lead.Submit("#f-name")
	lead.Screenshot("study-new-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "no teams", lead.Text(".govuk-error-summary"), "Select the teams in the study")
	lead.Check(apptest.Radio("teams", site.A.North.ID))
	lead.Submit("#f-name")
	lead.Screenshot("study")
	lead.CheckA11y()
	apptest.MustContain(t, "opened", lead.Text("main"), "Spring practice study opened", "Running", "A day in the life")
	studyPath := strings.TrimPrefix(lead.URL(), site.Server.URL)
	studyID := strings.TrimPrefix(studyPath, "/quality/studies/")

	worker := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	if _, err := chromedp.Run(worker.Context(), chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	worker.VisitAndCheck("/quality/studies", "phone-studies")
	worker.ClickAndWait(`#studies a[href="/quality/studies/` + studyID + `/diary"]`)
	worker.Screenshot("phone-diary")
	worker.CheckA11y()
	worker.Select(`select[name="activity_1_kind"]`, "with_people")
	worker.Fill("#f-activity_1_minutes", "150")
	worker.Fill("#f-activity_1_note", "Two reviews at home")
	worker.Select(`select[name="activity_2_kind"]`, "travel")
	worker.Fill("#f-activity_2_minutes", "-45")
	worker.Select(`select[name="activity_3_kind"]`, "recording")
	worker.Fill("#f-activity_3_minutes", "1:30")
	worker.Select(`select[name="activity_4_kind"]`, "chasing")
	worker.Fill("#f-activity_4_minutes", "30")
	worker.ClickAndWait("#add")
	worker.Screenshot("phone-diary-added")
	worker.CheckA11y()
	if !worker.Exists(`select[name="activity_5_kind"]`) || !strings.Contains(worker.HTML(), `value="Two reviews at home"`) {
		t.Fatal("adding a row lost a row or what was typed")
	}
	worker.Select(`select[name="activity_5_kind"]`, "meetings")
	worker.Fill("#f-activity_5_minutes", "60")
	worker.Submit("#f-activity_5_minutes")
	worker.Screenshot("phone-diary-mistakes")
	worker.CheckA11y()
	apptest.MustContain(t, "negative", worker.Text(".govuk-error-summary"), "Minutes for activity 2 cannot be negative")
	worker.Fill("#f-activity_2_minutes", "45")
	worker.Submit("#f-activity_2_minutes")
	worker.Screenshot("phone-diary-saved")
	worker.CheckA11y()
	apptest.MustContain(t, "saved", worker.Text("main"), "Day saved: 6 hours 15 minutes recorded, 2 hours 30 minutes with people", "Total so far: 6 hours 15 minutes")

	// Two more of the team keep a diary, so that its shares are no one person's.
	for _, name := range []string{"Test Second Practitioner", "Test Third Practitioner"} {
		st, err := site.App.Councils.CreateStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), councils.NewStaff{
			Email: strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@example.org", Name: name, Role: councils.Practitioner, TeamIDs: []string{site.A.North.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := site.App.PracticeStudy.SaveDay(peopletest.As(st), studyID, practicestudy.Day{Day: today, Entries: []practicestudy.Entry{
			{Kind: practicestudy.WithPeople, Minutes: 210}, {Kind: practicestudy.Recording, Minutes: 150}}}); err != nil {
			t.Fatal(err)
		}
	}
	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck(studyPath, "study-results")
	apptest.MustContain(t, "results", manager.Text("#results"), "North\t3\t3\t52%", "Recording 36%", "fewer than 6")
	manager.ClickAndWait(`a[href="/quality/studies/` + studyID + `/reflections/new"]`)
	manager.Screenshot("reflection-new")
	manager.CheckA11y()
	manager.Check(apptest.Radio("staff", site.A.Staff[councils.Practitioner].ID))
	manager.Fill("#f-themes", "Waiting for equipment after hospital discharge")
	manager.Fill("#f-learnt", "Ask the person what matters before ordering anything")
	manager.Submit("#f-themes")
	manager.CheckA11y()
	apptest.MustContain(t, "session", manager.Text("#reflective ~ .gt-question"), "Waiting for equipment", "Test Practitioner")
	manager.ClickAndWait(`a[href="/quality/studies/` + studyID + `/engagements/new"]`)
	manager.Screenshot("engagement-new")
	manager.CheckA11y()
	manager.Check(apptest.Radio("method", "group"))
	manager.Fill("#f-who", "A group of five carers")
	manager.Fill("#f-quotes", "“I had to tell my story three times before anyone listened.”")
	manager.Fill("#f-themes", "telling my story again, being listened to")
	manager.Submit("#f-who")
	manager.Screenshot("engagement-mistakes")
	manager.CheckA11y()
	apptest.MustContain(t, "consent", manager.Text(".govuk-error-summary"), "Record how consent was given", "Enter the date consent was given")
	manager.Fill("#f-consent_how", "Agreed aloud, noted by the facilitator")
	manager.FillDay("consent_on", today.Time)
	manager.Submit("#f-who")
	manager.CheckA11y()
	apptest.MustContain(t, "themes", manager.Text("#themes"), "telling my story again", "being listened to")

	lead.VisitAndCheck(studyPath, "study-lead")
	apptest.MustContain(t, "insight", lead.Text("main"), "Practice insight", "Reviews held by their due date", "No case file audit rounds")
	lead.ClickAndWait(`a[href="/quality/studies/` + studyID + `/case-for-change/edit"]`)
	lead.Screenshot("case-edit")
	lead.CheckA11y()
	lead.Fill("#f-summary", "Practitioners spend two fifths of their day with people; recording and chasing take much of the rest.")
	lead.Fill("#f-technology_finding_1_text", "Recording takes a third of the day")
	lead.Fill("#f-technology_recommendation_1_text", "Record on phones between visits")
	lead.Select(`select[name="technology_recommendation_1_evidence"]`, practicestudy.EvidenceDiary)
	lead.Fill("#f-operating_model_recommendation_1_text", "One conversation, told once: share what people have already said")
	lead.Select(`select[name="operating_model_recommendation_1_evidence"]`, practicestudy.EvidenceLived)
	lead.ClickAndWait("#agree")
	lead.Screenshot("case")
	lead.CheckA11y()
	apptest.MustContain(t, "case", lead.Text("main"), "The case for change is agreed", "Agreed on", "Record on phones between visits",
		"evidence: A day in the life: the diaries", "One conversation, told once", "evidence: Lived experience", "telling my story again (1)")
	if lead.Exists("#edit") {
		t.Error("an agreed case for change offers to be written again")
	}
	lead.VisitAndCheck("/quality/studies", "studies-concluded")
	apptest.MustContain(t, "concluded", lead.Text("#studies"), "Concluded")

	if !site.App.PDF.Available() {
		t.Log("Chromium cannot print here: the case for change's PDF is not checked")
		return
	}
	client := site.SignIn(t, site.A.Staff[councils.QualityLead])
	res, body := site.Get(t, client, studyPath+"/case-for-change.pdf")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("case for change PDF: status %d, %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader([]byte(body))
		text, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		apptest.MustContain(t, "PDF", string(text), "The case for change", "Record on phones between visits", "Operating model")
		if strings.Contains(string(text), "Download the case for change") {
			t.Error("the printed case offers to download itself")
		}
	}
}
