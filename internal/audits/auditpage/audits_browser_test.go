package auditpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestPracticeFortnight runs a round end to end in a real browser, with axe on every page: the quality lead creates
// a round (a mistake first) that samples the team's episodes; the team manager opens the audit allocated to them and
// finds what the record shows beside each question, saves part of the grading, comes back and completes it with an
// action for the practitioner; the practitioner reads the audit of their case, reflects and marks the action done;
// and the quality lead reads the round's progress and its findings.
func TestPracticeFortnight(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)

	// The quality lead creates the round.
	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality", "quality-home-empty")
	lead.ClickAndWait(`a[href="/quality/rounds/new"]`)
	lead.Screenshot("round-new")
	lead.CheckA11y()
	lead.Fill("#f-per_team", "")
	lead.Submit("#f-name")
	lead.Screenshot("round-new-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "round errors", lead.Text(".govuk-error-summary"), "Enter a name for the round", "Enter a number or a share for each team")
	lead.Fill("#f-name", "Practice Fortnight, spring")
	lead.Fill("#f-per_team", "2")
	lead.Check(apptest.Radio("stratify", "worker"))
	lead.Submit("#f-name")
	lead.Screenshot("round")
	lead.CheckA11y()
	apptest.MustContain(t, "round", lead.Text("main"), "Practice Fortnight, spring created: 1 episode sampled and allocated",
		"Progress by team", "North", w.Person.FamilyName+", "+w.Person.GivenName, "Allocated")
	// The form to give an audit to someone else, if its auditor is away; left without reallocating.
	lead.ClickAndWait(`a[href$="/reallocate"]`)
	lead.Screenshot("reallocate")
	lead.CheckA11y()
	apptest.MustContain(t, "reallocate", lead.Text("main"), "Reallocate the audit", "Who will audit it", "Due by")
	lead.ClickAndWait(`.govuk-back-link`)

	// The team manager audits the case, with the record's checks beside each question.
	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	auditor := manager
	if !strings.Contains(lead.Text("#audits"), site.A.Staff[councils.TeamManager].Name) {
		auditor = lead // the round gave the audit to the quality lead
	}
	auditor.VisitAndCheck("/quality", "quality-home-auditor")
	apptest.MustContain(t, "to do", auditor.Text("#to-do"), "Testperson, Ada", "Practice Fortnight, spring")
	auditor.ClickAndWait(`#to-do a`)
	auditor.Screenshot("audit")
	auditor.CheckA11y()
	apptest.MustContain(t, "audit", auditor.Text("main"), "From the record:", "2 of 2 outcomes are SMART",
		"Personal 1, Network 0, Community 0, Resources 0", "in the thread")
	auditor.Check(apptest.Radio("grade-voice", "good"))
	auditor.Fill("#f-evidence-voice", "Her words about the allotment run through the plan")
	auditor.Submit("#f-evidence-voice")
	auditor.CheckA11y()
	apptest.MustContain(t, "saved", auditor.Text("main"), "Audit saved: you can come back to it", "In progress")
	auditor.ClickAndWait(`button[name="complete"]`)
	auditor.Screenshot("audit-incomplete")
	auditor.CheckA11y()
	apptest.MustContain(t, "incomplete", auditor.Text(".govuk-error-summary"), "to complete the audit")
	for _, q := range []string{"strengths", "aspirations", "identity", "smart", "thread", "least_intrusive", "proportionate", "timeliness", "oversight", "overall"} {
		auditor.Check(apptest.Radio("grade-"+q, "good"))
	}
	for _, q := range []string{"capacity", "advocacy", "msp"} {
		auditor.Check(apptest.Radio("grade-"+q, "not_applicable"))
	}
	auditor.Check(apptest.Radio("grade-reviews", "yes"))
	auditor.Fill("#f-strengths_found", "Ada’s own words lead every outcome")
	auditor.Fill("#f-learning", "Ask about community groups near the allotment")
	auditor.Fill("#f-action-1-what", "Explore the allotment society with Ada")
	auditor.FillDate("action-1-due_on", "31", "12", "2099")
	auditor.ClickAndWait(`button[name="complete"]`)
	auditor.Screenshot("audit-completed")
	auditor.CheckA11y()
	apptest.MustContain(t, "completed", auditor.Text("main"), "Audit completed: the practitioner can now read it and reflect", "Completed")

	// The practitioner reads the audit of their case and reflects.
	worker := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	worker.VisitAndCheck("/quality", "quality-home-practitioner")
	apptest.MustContain(t, "of mine", worker.Text("#of-mine"), "Testperson, Ada", "To do")
	worker.ClickAndWait(`#of-mine a`)
	worker.Screenshot("audit-practitioner")
	worker.CheckA11y()
	worker.Fill("#f-reflection", "I will look for community connections earlier, not only the family")
	worker.Check(`#f-done-0`)
	worker.Submit("#f-reflection")
	worker.Screenshot("audit-reflected")
	worker.CheckA11y()
	apptest.MustContain(t, "reflected", worker.Text("main"), "Reflection saved", "I will look for community connections earlier", "Done")

	// The quality lead draws the completed audit for moderation; the other auditor re-grades it blind.
	lead.VisitAndCheck("/quality", "quality-home-lead")
	lead.ClickAndWait(`#rounds a`)
	apptest.MustContain(t, "progress", lead.Text("#by-team"), "North")
	lead.ClickAndWait(`#f-moderation button`)
	lead.Screenshot("round-moderation-drawn")
	lead.CheckA11y()
	apptest.MustContain(t, "drawn", lead.Text("main"), "1 audit drawn for moderation")
	moderator := lead
	if auditor == lead {
		moderator = manager
	}
	moderator.VisitAndCheck("/quality", "quality-home-moderator")
	moderator.ClickAndWait(`#to-do a`)
	moderator.Screenshot("audit-moderation")
	moderator.CheckA11y()
	apptest.MustContain(t, "blind", moderator.Text("main"), "You are moderating this audit", "From the record:")
	if strings.Contains(moderator.Text("main"), "Her words about the allotment") {
		t.Error("the moderator sees the auditor's evidence before grading")
	}
	for _, q := range []string{"voice", "strengths", "aspirations", "identity", "smart", "thread", "least_intrusive", "proportionate", "timeliness", "oversight"} {
		moderator.Check(apptest.Radio("grade-"+q, "good"))
	}
	moderator.Check(apptest.Radio("grade-overall", "outstanding"))
	for _, q := range []string{"capacity", "advocacy", "msp"} {
		moderator.Check(apptest.Radio("grade-"+q, "not_applicable"))
	}
	moderator.Check(apptest.Radio("grade-reviews", "yes"))
	moderator.Fill("#f-moderation_note", "Agree throughout; overall I found it outstanding, as Ada leads every outcome")
	moderator.Submit("#f-moderation_note")
	moderator.Screenshot("audit-moderated")
	moderator.CheckA11y()
	apptest.MustContain(t, "moderated", moderator.Text("main"), "Moderation saved", "Moderated grade, which stands: Outstanding", "Her words about the allotment")

	// The quality lead reads the round's findings.
	lead.VisitAndCheck("/quality", "quality-home-after")
	lead.ClickAndWait(`#rounds a`)
	lead.ClickAndWait(`a[href$="/findings"]`)
	lead.Screenshot("findings")
	lead.CheckA11y()
	apptest.MustContain(t, "findings", lead.Text("main"), "What the round found", "Grades by question", "fewer than 6",
		"Ask about community groups near the allotment", "Moderation", "Every question")
	if lead.Exists(`svg[role="img"]`) {
		t.Error("the findings chart draws counts fewer than 6")
	}
	lead.VisitAndCheck("/quality/tools", "tools")

	// The quality lead adds a question to the case file tool the round used: it becomes the tool's next version.
	lead.ClickAndWait(`a[href^="/quality/tools/"]`)
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Click(`details summary`)
	lead.Fill("#f-add-0-text", "The person’s culture and faith were asked about")
	lead.Submit("#f-add-0-text")
	lead.Screenshot("tool-edit-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "tool errors", lead.Text(".govuk-error-summary"), "Select how the question to add is graded")
	lead.Check(apptest.Radio("add-0-scale", "yes_no"))
	lead.Submit("#f-add-0-text")
	lead.Screenshot("tool-saved")
	lead.CheckA11y()
	apptest.MustContain(t, "tool saved", lead.Text("main"), "saved as version 2", "The person’s culture and faith were asked about")
}
