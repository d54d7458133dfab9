package feedbackpage_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbacktest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFeedbackInTheBrowser records a person's answers with them, makes a mistake first, then gives them a link; the
// person, signed out in a browser of their own, answers by the link's code, anonymously, and the link then cannot be
// used again. Axe checks every page.
func TestFeedbackInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	ep := feedbacktest.Open(t, db, site.A, true)
	base := "/people/" + ep.Person.ID + "/episodes/" + ep.EpisodeID + "/feedback"
	worker := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])

	worker.VisitAndCheck(base, "episode-feedback")
	worker.ClickAndWait(`a[href$="/feedback/new"]`)
	worker.Click(apptest.Radio("how", "practitioner"))
	worker.Click(apptest.Radio("answer-listened", "yes"))
	worker.Submit("#f-how")
	worker.Screenshot("record-mistake")
	worker.CheckA11y()
	apptest.MustContain(t, "mistake", worker.Text(".govuk-error-summary"), "Select an answer to “My strengths were recognised”")
	for _, q := range []string{"strengths", "in_control", "who_to_contact"} {
		worker.Click(apptest.Radio("answer-"+q, "mostly"))
	}
	worker.Fill("#f-answer-change", "More time to talk it through")
	worker.Submit("#f-how")
	worker.Screenshot("recorded")
	worker.CheckA11y()
	apptest.MustContain(t, "recorded", worker.Text("main"), "Feedback recorded", "I was listened to", "Yes", "More time to talk it through")

	worker.Submit(`form[action$="/feedback/link"] button:not([formaction])`)
	worker.Screenshot("link")
	worker.CheckA11y()
	link := worker.Text("#feedback-link")
	apptest.MustContain(t, "link", link, site.Server.URL+"/feedback/")

	person := browsertest.New(t, site.Server.URL)
	person.VisitAndCheck(link[len(site.Server.URL):], "answer-by-code")
	apptest.MustContain(t, "the answer page", person.Text("main"), site.A.Council.Name, "I was listened to", "In your own words")
	person.Submit("#f-answer-listened")
	person.Screenshot("answer-mistake")
	person.CheckA11y()
	apptest.MustContain(t, "person's mistake", person.Text(".govuk-error-summary"), "Select an answer to “I was listened to”")
	for _, q := range []string{"listened", "strengths", "in_control", "who_to_contact"} {
		person.Click(apptest.Radio("answer-"+q, "partly"))
	}
	person.Fill("#f-answer-change", "Someone to ring me back")
	person.Check("#f-anonymous")
	person.Submit("#f-answer-listened")
	person.Screenshot("answered")
	person.CheckA11y()
	apptest.MustContain(t, "thanks", person.Text("main"), "Thank you", "Your answers have been sent")
	person.VisitAndCheck(link[len(site.Server.URL):], "code-used")
	apptest.MustContain(t, "used", person.Text("main"), "This link cannot be used")

	// The anonymous answers never reach the person's record.
	worker.VisitAndCheck(base, "episode-after")
	if text := worker.Text("main"); !strings.Contains(text, "More time to talk it through") || strings.Contains(text, "Someone to ring me back") {
		t.Errorf("the episode shows\n%s", text)
	}

	// The quality lead opens a staff survey round and reads the results; the practitioner answers the round.
	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/quality/feedback/rounds/new", "new-round")
	lead.Fill("#f-name", "Spring")
	lead.Submit("#f-name")
	lead.Screenshot("new-round-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "round mistake", lead.Text(".govuk-error-summary"), "the date the round closes")
	closes := db.Today().AddDate(0, 1, 0)
	lead.FillDate("closes_on", strconv.Itoa(closes.Day()), strconv.Itoa(int(closes.Month())), strconv.Itoa(closes.Year()))
	lead.Submit("#f-name")
	lead.Screenshot("results")
	lead.CheckA11y()
	apptest.MustContain(t, "results", lead.Text("main"), "Spring is open", "I was listened to", "Too few to show")
	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("survey-edit")
	lead.CheckA11y()
	worker.VisitAndCheck("/staff-survey", "staff-surveys")
	worker.ClickAndWait(`a[href^="/staff-survey/"]`)
	worker.Screenshot("staff-survey")
	worker.CheckA11y()
	for _, q := range []string{"everyday", "supervision", "time", "processes"} {
		worker.Click(apptest.Radio("answer-"+q, "mostly"))
	}
	worker.Submit("#f-answer-everyday")
	worker.Screenshot("staff-survey-answered")
	worker.CheckA11y()
	apptest.MustContain(t, "answered", worker.Text("main"), "your answers are kept without your name", "Answered")
}
