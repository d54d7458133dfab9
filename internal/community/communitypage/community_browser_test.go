package communitypage_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestCommunityOfPractice walks the community of practice in a real browser, with axe on every page: the quality
// lead goes from the quality area to the networks and records a service-wide Making Safeguarding Personal event with
// who attended, which networks this year then show as held; drafts a practice story with an NHS number in it, which
// is refused with the error summary and the story kept as typed, removes it and publishes; and a practitioner
// searches the library by tag and reads the story and the event.
func TestCommunityOfPractice(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality", "quality")
	lead.ClickAndWait(`a[href="/community/networks"]`)
	lead.Screenshot("networks-empty")
	lead.CheckA11y()
	apptest.MustContain(t, "networks before any event", lead.Text("#quarters"), "Making Safeguarding Personal", "None")
	lead.ClickAndWait(`a[href="/community/networks/new"]`)
	lead.Screenshot("event-new")
	lead.CheckA11y()
	lead.Fill("#f-title", "Making Safeguarding Personal network")
	lead.Check(apptest.Radio("team_id", "service"))
	lead.Check(apptest.Radio("topic", "msp"))
	lead.Check(apptest.Radio("online", "no"))
	lead.Fill("#f-place", "Council chamber")
	lead.Check(`input[name="attendees"][value="` + worker.ID + `"]`)
	lead.Check(`input[name="attendees"][value="` + site.A.SouthWorker.ID + `"]`)
	lead.Fill("#f-shared", "What people told us about their safeguarding enquiries")
	lead.Fill("#f-agreed", "Ask the person what they want to happen, first")
	lead.Submit("#f-agreed")
	lead.Screenshot("event")
	lead.CheckA11y()
	apptest.MustContain(t, "the event", lead.Text("main"), "Network event saved", "Service-wide", "Making Safeguarding Personal", "Council chamber",
		worker.Name, site.A.SouthWorker.Name, "Ask the person what they want to happen, first")
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("event-edit")
	lead.CheckA11y()
	apptest.MustContain(t, "the change form", lead.Text("h1"), "Change a network event")
	lead.VisitAndCheck("/community/networks", "networks")
	apptest.MustContain(t, "networks this year", lead.Text("#events"), "Making Safeguarding Personal network", "fewer than 6")
	apptest.MustContain(t, "the quarter held", lead.Text("#quarters"), "Held")

	lead.VisitAndCheck("/community/library", "library-empty")
	lead.ClickAndWait(`a[href="/community/library/new"]`)
	lead.Screenshot("story-new")
	lead.CheckA11y()
	lead.Fill("#f-title", "Back to the allotment")
	lead.Fill("#f-story", "A man whose NHS number is 943 476 5919 wanted to get back to his allotment after a fall.\nHis neighbour drove him there on Saturdays.")
	lead.Fill("#f-why_good", "The plan started from what mattered to him and used his own network")
	lead.Fill("#f-tags", "Carers, Strengths-based approach")
	lead.Submit(`button[name="publish"]`)
	lead.Screenshot("story-refused")
	lead.CheckA11y()
	apptest.MustContain(t, "the refusal", lead.Text(".govuk-error-summary"), "The story contains what looks like an NHS number: 943 476 5919", "Remove it before publishing")
	apptest.MustContain(t, "the form kept what was typed", lead.HTML(), "wanted to get back to his allotment after a fall.")
	lead.Fill("#f-story", "A man wanted to get back to his allotment after a fall.\nHis neighbour drove him there on Saturdays.")
	lead.Submit(`button[name="publish"]`)
	lead.Screenshot("story-published")
	lead.CheckA11y()
	apptest.MustContain(t, "the published story", lead.Text("main"), "Story published", "Back to the allotment", "His neighbour drove him there", "carers")
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("story-edit")
	lead.CheckA11y()
	apptest.MustContain(t, "the story's change form", lead.Text("h1"), "Change a practice story")

	practitioner := apptest.SignInBrowser(t, site, worker)
	practitioner.VisitAndCheck("/community/library", "library")
	practitioner.Fill("#f-tag", "CARERS")
	practitioner.Submit("#f-tag")
	practitioner.Screenshot("library-by-tag")
	practitioner.CheckA11y()
	apptest.MustContain(t, "the search", practitioner.Text("#stories"), "Back to the allotment")
	practitioner.ClickAndWait(`#stories a.govuk-link`)
	practitioner.Screenshot("story")
	practitioner.CheckA11y()
	apptest.MustContain(t, "the story", practitioner.Text("main"), "Back to the allotment", "What made it good practice", "used his own network")
	practitioner.VisitAndCheck("/community/networks", "networks-practitioner")
	practitioner.ClickAndWait(`#events a`)
	practitioner.CheckA11y()
	apptest.MustContain(t, "the event, as a practitioner", practitioner.Text("main"), "What was agreed", "Ask the person what they want")
}
