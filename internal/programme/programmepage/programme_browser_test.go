package programmepage_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAMilestoneTurnsRedWithItsReason walks the programme in a real browser, with axe on every page: the quality
// lead starts the programme, loads seed 001's milestones, tries to turn one red without a reason (refused), gives
// the reason and sees the red tag with its reason on the overview; a risk is logged and the action plan, risk log
// and decisions pages are read; the programme lead's home is the programme.
func TestAMilestoneTurnsRedWithItsReason(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	today := site.App.DB.Today()

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/programme", "programme-not-started")
	lead.ClickAndWait(`a[href="/programme/start"]`)
	lead.Screenshot("programme-start")
	lead.CheckA11y()
	start := today.AddDate(0, -8, 0)
	lead.FillDate("started_on", strconv.Itoa(start.Day()), strconv.Itoa(int(start.Month())), strconv.Itoa(start.Year()))
	lead.Select("#f-lead", site.A.Staff[councils.QualityLead].ID)
	lead.Submit("#f-name")
	lead.Screenshot("programme-started")
	lead.CheckA11y()
	apptest.MustContain(t, "started", lead.Text("main"), "started, with its four phases and three workstreams", "Discover", "Practice", "Culture and leadership")

	lead.ClickAndWait(`a[href="/programme/milestones/template"]`)
	lead.Screenshot("template")
	lead.CheckA11y()
	lead.Submit(`main form button`)
	lead.Screenshot("milestones")
	lead.CheckA11y()
	apptest.MustContain(t, "loaded", lead.Text("main"), "9 milestones loaded from the template", "Complete all actions in the implementation delivery plan")

	lead.ClickAndWait(`#milestones a.govuk-link`)
	lead.Screenshot("milestone")
	lead.CheckA11y()
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("milestone-edit")
	lead.CheckA11y()
	lead.Check(apptest.Radio("status", "in_progress"))
	lead.Check(apptest.Radio("rag", "red"))
	lead.Submit("#f-title")
	lead.Screenshot("milestone-red-no-reason")
	lead.CheckA11y()
	apptest.MustContain(t, "reason needed", lead.Text(".govuk-error-summary"), "Enter why the milestone is red")
	lead.Fill("#f-rag_reason", "The operating model waits on legal advice")
	lead.Submit("#f-title")
	lead.Screenshot("milestone-red")
	lead.CheckA11y()
	apptest.MustContain(t, "red", lead.Text("#rag"), "Red", "The operating model waits on legal advice")
	apptest.MustContain(t, "history", lead.Text("#history"), "Green to Red", "The operating model waits on legal advice")

	lead.VisitAndCheck("/programme", "overview-red")
	apptest.MustContain(t, "overview", lead.Text(`[data-workstream="Practice"]`), "Draft a new recommended strengths-based practice operating model", "Red",
		"The operating model waits on legal advice")
	apptest.MustContain(t, "counts", lead.Text("#milestone-count"), "1 red")

	lead.VisitAndCheck("/programme/phases/design", "phase-edit")
	lead.VisitAndCheck("/programme/workstreams/new", "workstream-new")
	lead.VisitAndCheck("/programme/edit", "programme-edit")
	lead.VisitAndCheck("/programme/risks/new", "risk-new")
	lead.Fill("#f-title", "Practitioners leave before the training")
	lead.Check(apptest.Radio("likelihood", "4"))
	lead.Check(apptest.Radio("impact", "4"))
	lead.Select("#f-owner", site.A.Staff[councils.TeamManager].ID)
	lead.Submit("#f-title")
	lead.Screenshot("risks")
	lead.CheckA11y()
	apptest.MustContain(t, "risk log", lead.Text("#risks"), "4 × 4 = 16", "Very high", "New")
	lead.ClickAndWait(`#risks a.govuk-link`)
	lead.Screenshot("risk-review")
	lead.CheckA11y()
	lead.VisitAndCheck("/programme/actions/new", "action-new")
	lead.VisitAndCheck("/programme/actions", "actions")
	lead.VisitAndCheck("/programme/decisions/new", "decision-new")
	lead.VisitAndCheck("/programme/decisions", "decisions")

	// the programme lead lands on the programme
	pl := apptest.SignInBrowser(t, site, site.A.Staff[councils.ProgrammeLead])
	pl.Visit("/")
	if !strings.HasSuffix(pl.URL(), "/programme") {
		t.Errorf("the programme lead's home is %s", pl.URL())
	}
	apptest.MustContain(t, "programme lead", pl.Text("main"), "Strengths-based practice programme", "1 red")
	ms, err := site.App.Programme.Milestones(peopletest.As(site.A.Staff[councils.ProgrammeLead]))
	if err != nil || len(ms) != 9 || ms[0].RAG != programme.Red {
		t.Errorf("after the walk: %d milestones, the first %s, %v", len(ms), ms[0].RAG, err)
	}
}
