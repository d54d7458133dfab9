package supervisionpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestSupervisionSession walks a supervision session in a real browser, with axe on every page: the team manager's
// caseload says supervision is overdue; they record a session with their practitioner (skipping what went well
// first, which is refused), with a case discussed; the case shows on the person's chronology as discussed in
// supervision, without the personal sections; the practitioner reads the record and agrees it; the quality lead
// samples it into a supervision audit round and opens its audit, the record's checks beside the questions.
func TestSupervisionSession(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)

	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck("/caseload", "caseload-overdue")
	apptest.MustContain(t, "caseload", manager.Text("#supervision-overdue"), "overdue for supervision")
	manager.ClickAndWait(`#supervision-overdue a`)
	manager.Screenshot("supervision")
	manager.CheckA11y()
	manager.ClickAndWait(`#supervisees a[href*="` + site.A.Staff[councils.Practitioner].ID + `"]`)
	manager.Screenshot("session-new")
	manager.CheckA11y()
	manager.Select(`select[name="case_1_person"]`, w.Person.ID)
	manager.Fill("#f-case_1_discussion", "Whether Ada still needs reablement")
	manager.Fill("#f-case_1_decision", "Stop at the review in two weeks: she manages the stairs")
	manager.Fill("#f-wellbeing", "Tired after a long winter of cover")
	manager.Submit("#f-wellbeing")
	manager.Screenshot("session-new-mistakes")
	manager.CheckA11y()
	apptest.MustContain(t, "went well first", manager.Text(".govuk-error-summary"), "Record what has gone well first")
	manager.Fill("#f-went_well", "Ada’s plan reads as hers, in her words")
	manager.Fill("#f-action_1_what", "Book Ada’s review")
	manager.Fill("#f-action_1_owner", "Priya")
	manager.FillDate("action_1_due_on", "31", "12", "2099")
	manager.Submit("#f-went_well")
	manager.Screenshot("session")
	manager.CheckA11y()
	apptest.MustContain(t, "session", manager.Text("main"), "Supervision recorded", "Ada’s plan reads as hers", "Stop at the review in two weeks")

	worker := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	worker.VisitAndCheck("/people/"+w.Person.ID+"/chronology", "chronology")
	chronology := worker.Text("main")
	apptest.MustContain(t, "chronology", chronology, "Discussed in supervision: Stop at the review in two weeks")
	if strings.Contains(chronology, "Tired after a long winter") {
		t.Error("the chronology shows the supervisee's wellbeing")
	}
	worker.VisitAndCheck("/supervision", "supervision-practitioner")
	worker.ClickAndWait(`#history a`)
	worker.Screenshot("session-supervisee")
	worker.CheckA11y()
	worker.Fill("#f-comment", "A fair record")
	worker.Submit("#f-comment")
	worker.Screenshot("session-agreed")
	worker.CheckA11y()
	apptest.MustContain(t, "agreed", worker.Text("#agreed"), "agreed on", "A fair record")

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality/rounds/new", "supervision-round-new")
	lead.Fill("#f-name", "Supervision audit, winter")
	lead.Check(apptest.Radio("tool_id", supervisionTool(t, site)))
	lead.Fill("#f-per_team", "3")
	lead.Submit("#f-name")
	lead.Screenshot("supervision-round")
	lead.CheckA11y()
	apptest.MustContain(t, "round", lead.Text("main"), "Supervision audit, winter created: 1 supervision record sampled and allocated", "Supervision of")
	lead.ClickAndWait(`#audits a`)
	lead.Screenshot("supervision-audit")
	lead.CheckA11y()
	apptest.MustContain(t, "audit", lead.Text("main"), "The supervision record", "Tired after a long winter of cover",
		"What has gone well comes first", "1 of 1 case discussed with a decision recorded")
}

// supervisionTool is the ID of the council's supervision audit tool.
func supervisionTool(t *testing.T, site *apptest.Site) string {
	t.Helper()
	tools, err := site.App.Audits.Tools(peopletest.As(site.A.Staff[councils.QualityLead]))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range tools {
		if x.Kind == audits.Supervision {
			return x.ID
		}
	}
	t.Fatal("no supervision audit tool")
	return ""
}
