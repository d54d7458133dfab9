package app_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestSafeguardingCapacityAndAdvocacyForOnePerson walks the required actions of safeguarding, mental capacity and advocacy for one person in a real browser, with
// axe on every page. A practitioner raises a safeguarding concern, records that Ada lacks capacity to decide about
// a move to residential care with nobody to consult (an IMCA action appears), makes a best-interests decision that
// the golden thread then shows beside the outcome it affects, records her substantial difficulty with nobody
// appropriate to support her, and clears the advocacy action for her assessment by a referral. The team manager, a
// safeguarding role, decides section 42 — which, with that difficulty on record, raises the Care Act s68 duty to
// arrange an advocate for the enquiry, which they meet by a referral — records Making Safeguarding Personal at the
// start and the end, and views the summary.
func TestSafeguardingCapacityAndAdvocacyForOnePerson(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)
	person, episode := w.Person.ID, w.EpisodeID
	manager := site.A.Staff[councils.TeamManager]

	p := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	SafeguardingRaiseConcern(t, p, person)
	BrowseRecordLackingAssessment(t, p, person, episode)
	BrowseRecordBestInterests(t, p, w.Outcomes[0].ID)
	p.VisitAndCheck("/people/"+person+"/episodes/"+episode+"/thread", "thread-best-interests")
	apptest.MustContain(t, "thread", p.Text("main"), "Best-interests decision: Stay at home with a night sitter",
		"Chosen: Stay at home with a night sitter and four calls a day")
	BrowseRecordAdvocacyNeeds(t, p, person, episode)
	BrowseClearAdvocacyActionByReferral(t, p)
	p.VisitAndCheck("/people/"+person, "person-imca-required")
	apptest.MustContain(t, "the practitioner's required actions", p.Text("#required-actions"), "Instruct an independent mental capacity advocate (IMCA)")

	m := apptest.SignInBrowser(t, site, manager)
	concern := SafeguardingOpenFromPersonPage(t, m, person)
	SafeguardingDecideSection42(t, m, person, concern, manager.ID)
	m.VisitAndCheck("/people/"+person, "person-s68-required")
	apptest.MustContain(t, "the manager's required actions", m.Text("#required-actions"), "Arrange an independent advocate for the safeguarding enquiry",
		"Care Act 2014 s68")
	// The manager meets it on the episode's advocacy page, where it is shown to safeguarding roles only.
	m.VisitAndCheck("/people/"+person+"/episodes/"+episode+"/advocacy", "advocacy-s68")
	m.ClickAndWait(`tr[data-kind="advocate_safeguarding"] a[href*="/advocacy/referrals/new?action="]`)
	m.Screenshot("advocacy-s68-referral")
	m.CheckA11y()
	m.Fill("#f-provider", "Exampleshire Advocacy Hub")
	m.Submit("#f-provider")
	m.Screenshot("advocacy-s68-referred")
	m.CheckA11y()
	apptest.MustContain(t, "the s68 referral", m.Text("main"), "Arrange an independent advocate for the safeguarding enquiry: referred")
	p.Visit("/people/" + person + "/episodes/" + episode + "/advocacy")
	if p.Exists(`tr[data-kind="advocate_safeguarding"]`) || strings.Contains(p.Text("main"), "safeguarding enquiry") {
		t.Errorf("the practitioner's advocacy page shows the safeguarding enquiry's advocate:\n%s", p.Text("main"))
	}
	SafeguardingRecordMSPStart(t, m, person, concern, "I want my son to stop taking my pension", "I want to stay living in my flat")
	SafeguardingAddStep(t, m, person, concern, "Visited her at home with her advocate; she spoke to us alone")
	SafeguardingClose(t, m, person, concern)
	SafeguardingViewSummary(t, m)
	m.VisitAndCheck("/required-actions?team="+site.A.North.ID, "team-required-actions")
	apptest.MustContain(t, "the team's required actions", m.Text("main"), "Instruct an independent mental capacity advocate (IMCA)")
	if strings.Contains(m.Text("main"), "safeguarding enquiry") {
		t.Errorf("the met s68 action is still listed:\n%s", m.Text("main"))
	}

	// A practitioner outside the safeguarding roles never sees the safeguarding duty.
	p.Visit("/required-actions")
	if got := p.Text("main"); strings.Contains(got, "safeguarding enquiry") {
		t.Errorf("the practitioner's required actions show a safeguarding duty:\n%s", got)
	}
}
