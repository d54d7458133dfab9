package riskpage_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestRiskCrisisAndConference walks risk enablement, crisis and a family group conference in a real browser, with
// axe on every page. A practitioner records a risk with a positive risk-taking decision linked to an outcome (a
// mistake first), changes it, and sees it beside that outcome on the golden thread; marks the episode as crisis and
// sees the banner with the early review's due time; records the early review that ends the crisis, back to the
// steps; and refers the person for a family group conference with their consent, records it held with the family's
// private time and their plan, and puts an item of the plan on the support plan as a network solution.
func TestRiskCrisisAndConference(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)
	ep := "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID
	outcome := w.Outcomes[0]
	b := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])

	// The episode links to its risks, crisis and conferences.
	b.VisitAndCheck(ep, "episode")
	apptest.MustContain(t, "episode", b.Text("main"), "Risk, crisis and family", "Risks and positive risk-taking", "Family group conferences")
	b.ClickAndWait(`a[href="` + ep + `/risks"]`)
	b.Screenshot("risks-empty")
	b.CheckA11y()

	// Record a risk: a mistake first, then complete.
	b.ClickAndWait(`a[href="` + ep + `/risks/new"]`)
	b.Screenshot("risk-new")
	b.CheckA11y()
	b.Fill("#f-what", "Walking to the allotment alone")
	b.Fill("#f-person_view", "I have walked it for forty years and I am not stopping now")
	b.Submit("#f-what")
	b.Screenshot("risk-new-mistakes")
	b.CheckA11y()
	apptest.MustContain(t, "risk errors", b.Text(".govuk-error-summary"), "Enter what matters to the person", "Select how likely", "Enter at least one agreed way")
	b.Fill("#f-what_matters", "Growing my own vegetables; being out of the house")
	b.Fill("#f-could_go_wrong", "A fall on the towpath with nobody about")
	b.Check(apptest.Radio("likelihood", "possible"))
	b.Check(apptest.Radio("severity", "moderate"))
	b.Fill("#f-mitigation_what_1", "Carries a charged mobile phone")
	b.Fill("#f-mitigation_who_1", "Ada")
	b.Fill("#f-mitigation_what_2", "Rings her daughter when she gets home")
	b.Fill("#f-mitigation_who_2", "Ada and Cara")
	b.Check(apptest.Radio("decision", "agreed"))
	b.Fill("#f-agreed_name_2", "Cara Testperson")
	b.Fill("#f-agreed_role_2", "Daughter")
	b.Check(`input[name="outcome_ids"][value="` + outcome.ID + `"]`)
	b.Submit("#f-what")
	b.Screenshot("risk")
	b.CheckA11y()
	apptest.MustContain(t, "risk", b.Text("main"), "Risk recorded; review by", "Walking to the allotment alone",
		"Positive risk-taking agreed", "Cara Testperson (Daughter)", "Outcome: "+outcome.Different)

	// Change it: the review moves sooner.
	b.ClickAndWait("#change-risk")
	b.Screenshot("risk-edit")
	b.CheckA11y()
	apptest.MustContain(t, "risk edit", b.Text("main"), "Change the risk")
	b.Fill("#f-mitigation_what_3", "Walking frame for the uneven path")
	b.Fill("#f-mitigation_who_3", "Occupational therapist")
	b.Submit("#f-what")
	b.CheckA11y()
	apptest.MustContain(t, "risk changed", b.Text("main"), "Risk changed", "Walking frame for the uneven path — Occupational therapist")

	// The golden thread shows the risk beside its outcome.
	b.VisitAndCheck(ep+"/thread", "thread-with-risk")
	apptest.MustContain(t, "thread", b.Text("main"), outcome.Different, "Risk: Walking to the allotment alone", "Positive risk-taking agreed")

	// Mark the episode as crisis: the banner says when the early review is due.
	b.VisitAndCheck(ep+"/crisis", "crisis-none")
	b.ClickAndWait(`a[href="` + ep + `/crisis/new"]`)
	b.Screenshot("crisis-mark")
	b.CheckA11y()
	apptest.MustContain(t, "mark", b.Text("main"), "72 hours")
	b.Fill("#f-what_happened", "Cara, who cares for her, was admitted to hospital last night")
	b.Fill("#f-support_1", "Home care twice a day for a week")
	b.Fill("#f-support_2", "Neighbour, Tom, calls in each evening")
	b.Submit("#f-what_happened")
	b.Screenshot("crisis-marked")
	b.CheckA11y()
	b.VisitAndCheck(ep, "episode-in-crisis")
	apptest.MustContain(t, "banner", b.Text("#crisis-banner"), "In crisis since", "short-term holding support", "Early review due", "Record the early review")

	// The early review ends the crisis: back to the four steps.
	b.ClickAndWait(`#crisis-banner a`)
	b.Screenshot("crisis-review")
	b.CheckA11y()
	b.Fill("#f-review_what_happened", "Cara is home and caring again; home care stopped")
	b.Check(apptest.Radio("outcome", "over"))
	b.Submit("#f-review_what_happened")
	b.Screenshot("crisis-over")
	b.CheckA11y()
	b.VisitAndCheck(ep, "episode-after-crisis")
	if b.Exists("#crisis-banner") {
		t.Error("the episode still shows the crisis banner after the crisis ended")
	}
	apptest.MustContain(t, "episode after crisis", b.Text("main"), "The four steps")

	// A family group conference: the referral with consent.
	b.VisitAndCheck(ep+"/conferences", "conferences-empty")
	b.ClickAndWait(`a[href="` + ep + `/conferences/new"]`)
	b.Screenshot("conference-refer")
	b.CheckA11y()
	b.Check(apptest.Radio("consent", "yes"))
	b.Fill("#f-coordinator", "Priya Shah")
	b.Fill("#f-invitee_name_1", "Cara Testperson")
	b.Fill("#f-invitee_relationship_1", "Daughter")
	b.Fill("#f-invitee_name_2", "Tom")
	b.Fill("#f-invitee_relationship_2", "Neighbour")
	b.Submit("#f-coordinator")
	b.Screenshot("conference-referred")
	b.CheckA11y()
	apptest.MustContain(t, "referred", b.Text("main"), "Priya Shah", "Cara Testperson (Daughter), Tom (Neighbour)")

	// Held, with the family's private time and their plan.
	b.Check(apptest.Radio("private_time", "yes"))
	b.Fill("#f-private_time_note", "An hour on their own after lunch")
	b.Fill("#f-item_what_1", "Lifts to the allotment on Saturdays")
	b.Fill("#f-item_who_1", "Tom")
	b.Fill("#f-item_by_when_1", "Every Saturday")
	b.Submit("#f-private_time_note")
	b.Screenshot("conference-held")
	b.CheckA11y()
	apptest.MustContain(t, "held", b.Text("main"), "The family’s plan", "Lifts to the allotment on Saturdays", "Tom", "Add to the support plan")

	// The plan item becomes a network solution on the support plan.
	b.Select(`select[name="outcome_ids"]`, outcome.ID)
	b.Submit(`select[name="outcome_ids"]`)
	b.Screenshot("conference-item-on-plan")
	b.CheckA11y()
	b.VisitAndCheck(ep+"/solutions", "solutions-with-family-plan")
	apptest.MustContain(t, "ladder", b.Text("main"), "Lifts to the allotment on Saturdays")
}
