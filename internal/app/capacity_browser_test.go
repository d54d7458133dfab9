package app_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestCapacityAndAdvocacy walks mental capacity and advocacy in a real browser, with axe on every page. A
// practitioner records an assessment that finds Ada lacks capacity to decide about a move to residential care the
// council would arrange, with nobody but paid carers to consult: an IMCA action appears. They record a
// best-interests decision on it, then an advocacy needs record that raises an advocacy action for her assessment,
// and clear that action by recording a referral.
func TestCapacityAndAdvocacy(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)
	b := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])

	BrowseRecordLackingAssessment(t, b, w.Person.ID, w.EpisodeID)
	BrowseRecordBestInterests(t, b, w.Outcomes[0].ID)
	BrowseRecordAdvocacyNeeds(t, b, w.Person.ID, w.EpisodeID)
	BrowseClearAdvocacyActionByReferral(t, b)
	BrowseReferralAndReason(t, b)
}

// BrowseReferralAndReason, from the advocacy page (where the browser is), records who was allocated to the
// referral, then meets the IMCA action with a lawful reason (a mistake first). It ends on the advocacy page with no
// open action.
func BrowseReferralAndReason(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.ClickAndWait(`td a[href*="/advocacy/referrals/"]:not([href*="/new"])`)
	b.Screenshot("advocacy-referral")
	b.CheckA11y()
	b.Fill("#f-advocate_name", "Morgan Advocate")
	b.Fill("#f-allocated_on-day", "x")
	b.Submit("#f-advocate_name")
	b.Screenshot("advocacy-referral-mistake-2")
	b.CheckA11y()
	apptest.MustContain(t, "referral update errors", b.Text(".govuk-error-summary"), "Date an advocate was allocated must include")
	b.Visit(strings.TrimSuffix(b.URL(), "/"))
	b.Fill("#f-advocate_name", "Morgan Advocate")
	b.Fill("#f-outcome", "Allocated; first visit booked")
	b.Submit("#f-advocate_name")
	apptest.MustContain(t, "advocacy after update", b.Text("main"), "Referral updated", "Morgan Advocate", "Allocated; first visit booked")
	b.ClickAndWait(`tr[data-kind="imca"] a[href$="/reason"]`)
	b.Screenshot("advocacy-reason")
	b.CheckA11y()
	b.Submit("#f-details")
	b.Screenshot("advocacy-reason-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "reason errors", b.Text(".govuk-error-summary"), "Select the reason", "Give the details")
	b.Check(apptest.Radio("reason", "consultee_found"))
	b.Fill("#f-details", "Her nephew has been in touch and is appropriate to consult")
	b.Submit("#f-details")
	b.Screenshot("advocacy-all-met")
	b.CheckA11y()
	apptest.MustContain(t, "advocacy all met", b.Text("main"), "No advocacy or IMCA actions are open", "not needed")
}

// BrowseRecordLackingAssessment records, from the episode's capacity page, an assessment that finds the person
// lacks capacity to decide about a move to council-arranged residential accommodation, with nobody to consult: it
// first tries "lacks capacity" without stage 1 (refused with an error summary), then completes it. It ends on the
// assessment's page, where the IMCA action shows.
func BrowseRecordLackingAssessment(t *testing.T, b *browsertest.Browser, personID, episodeID string) {
	t.Helper()
	b.Visit("/people/" + personID + "/episodes/" + episodeID + "/capacity")
	b.Screenshot("capacity-empty")
	b.CheckA11y()
	b.ClickAndWait(`a.govuk-button[href$="/capacity/new"]`)
	b.Screenshot("capacity-new")
	b.CheckA11y()
	apptest.MustContain(t, "assessment form", b.Text("main"), "The five principles", "Stage 1", "Stage 2")
	b.Fill("#f-decision", "Whether to move to Oak House for long-term care")
	b.Check(apptest.Radio("decision_type", "council_residential"))
	b.Check(apptest.Radio("impairment", "no"))
	for _, ab := range []string{"understand", "retain", "use_or_weigh", "communicate"} {
		state := "able"
		if ab == "understand" || ab == "retain" {
			state = "unable"
		}
		b.Check(apptest.Radio("ability_"+ab, state))
		b.Fill("#f-ability_"+ab+"_evidence", "Seen at the visit with photographs of Oak House: "+state)
	}
	b.Check(apptest.Radio("result", "lacks"))
	b.Submit("#f-decision")
	b.Screenshot("capacity-new-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "assessment errors", b.Text(".govuk-error-summary"), "without an impairment or disturbance", "Select whether the inability is because")
	b.Check(apptest.Radio("impairment", "yes"))
	b.Fill("#f-impairment_evidence", "Vascular dementia, diagnosed by the memory clinic in 2023")
	b.Check(apptest.Radio("causal_link", "yes"))
	b.Fill("#f-causal_link_evidence", "The memory loss of the dementia is why she cannot keep or follow the information")
	b.Fill("#f-support_given", "Visited at her best time of day, with photographs and her own words written down")
	b.Check(apptest.Radio("anyone_to_consult", "no"))
	b.Check(apptest.Radio("mha_residence", "no"))
	b.Submit("#f-decision")
	b.Screenshot("capacity-assessment")
	b.CheckA11y()
	apptest.MustContain(t, "assessment", b.Text("main"), "Capacity assessment recorded", "An IMCA must be instructed", "Lacks capacity for this decision at this time",
		"Mental Capacity Act 2005 s39", "Record the IMCA referral")
}

// BrowseRecordBestInterests records a best-interests decision from the assessment's page (where the browser is),
// affecting the outcome outcomeID: an incomplete one first, then the whole checklist. It ends on the assessment's
// page with the decision shown, less restrictive options first.
func BrowseRecordBestInterests(t *testing.T, b *browsertest.Browser, outcomeID string) {
	t.Helper()
	b.ClickAndWait(`a.govuk-button[href$="/best-interests/new"]`)
	b.Screenshot("best-interests-new")
	b.CheckA11y()
	b.Fill("#f-option_0", "Move to Oak House")
	b.Submit("#f-wishes")
	b.Screenshot("best-interests-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "best-interests errors", b.Text(".govuk-error-summary"), "Confirm that you have considered", "Record at least two options", "Record who was consulted")
	for _, it := range []string{"no_assumptions", "all_circumstances", "regain_capacity", "participation"} {
		b.Check(`input[name="item_` + it + `"][value="considered"]`)
		b.Fill("#f-item_"+it+"_notes", "Considered with Ada at her home")
	}
	b.Check(apptest.Radio("item_life_sustaining", "not_applicable"))
	b.Fill("#f-wishes", "Has always said she wants to stay near the park and her allotment")
	b.Fill("#f-beliefs", "A Quaker: values quiet and independence")
	b.Fill("#f-other_factors", "Her cat, Mabel")
	b.Fill("#f-no_consultee_reason", "No family or friends; an IMCA is being instructed")
	b.Fill("#f-option_1", "Stay at home with a night sitter and four calls a day")
	b.Check(`input[name="option_1_less"][value="yes"]`)
	b.Check(apptest.Radio("chosen", "1"))
	b.Fill("#f-chosen_why", "She keeps her home and the allotment, and the falls risk is managed at night")
	b.Fill("#f-decision", "Stay at home with a night sitter")
	b.Fill("#f-decided_by", "Sam Jones, social worker")
	b.Check(`input[name="outcomes"][value="` + outcomeID + `"]`)
	b.Submit("#f-wishes")
	b.Screenshot("best-interests-recorded")
	b.CheckA11y()
	main := b.Text("main")
	apptest.MustContain(t, "decision", main, "Best-interests decision recorded", "Stay at home with a night sitter", "(less restrictive) chosen", "I go to the allotment every week")
	if strings.Index(main, "Stay at home with a night sitter and four calls") > strings.Index(main, "Move to Oak House") {
		t.Error("the less restrictive option is not shown first")
	}
}

// BrowseRecordAdvocacyNeeds records an advocacy needs record for the episode (a substantial difficulty, nobody
// appropriate, covering the assessment), which raises an advocacy action beside the IMCA one. It ends on the
// episode's advocacy page.
func BrowseRecordAdvocacyNeeds(t *testing.T, b *browsertest.Browser, personID, episodeID string) {
	t.Helper()
	b.Visit("/people/" + personID + "/episodes/" + episodeID + "/advocacy")
	b.Screenshot("advocacy-imca")
	b.CheckA11y()
	apptest.MustContain(t, "advocacy", b.Text("main"), "Instruct an independent mental capacity advocate (IMCA)")
	b.ClickAndWait(`a[href$="/advocacy/needs/new"]`)
	b.Screenshot("advocacy-needs-new")
	b.CheckA11y()
	b.Check(apptest.Radio("difficulty_understanding", "yes"))
	b.Check(apptest.Radio("difficulty_retaining", "yes"))
	b.Check(apptest.Radio("difficulty_using_weighing", "no"))
	b.Check(apptest.Radio("difficulty_communicating", "no"))
	b.Check(apptest.Radio("appropriate", "none"))
	b.Check(`input[name="processes"][value="assessment"]`)
	b.Submit("#f-difficulty_understanding")
	b.Screenshot("advocacy-needs-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "needs errors", b.Text(".govuk-error-summary"), "Describe the evidence of difficulty in understanding")
	b.Fill("#f-difficulty_understanding_evidence", "Could not follow the assessment letter read to her twice")
	b.Fill("#f-difficulty_retaining_evidence", "Did not recall the first visit")
	b.Submit("#f-difficulty_understanding")
	b.Screenshot("advocacy-actions")
	b.CheckA11y()
	apptest.MustContain(t, "advocacy after needs", b.Text("main"), "Advocacy needs recorded: an independent advocate must be arranged",
		"Arrange an independent advocate for the assessment", "no appropriate person (Care Act 2014 s67)", "Instruct an independent mental capacity advocate")
}

// BrowseClearAdvocacyActionByReferral meets the episode's advocacy action for the assessment by recording a
// referral to an advocacy provider, from the advocacy page (where the browser is). The action leaves the open list
// and shows as met.
func BrowseClearAdvocacyActionByReferral(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.ClickAndWait(`tr[data-kind="advocate_assessment"] a[href*="/advocacy/referrals/new?action="]`)
	b.Screenshot("advocacy-referral-new")
	b.CheckA11y()
	apptest.MustContain(t, "referral form", b.Text("main"), "Arrange an independent advocate for the assessment")
	b.Submit("#f-provider")
	b.Screenshot("advocacy-referral-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "referral errors", b.Text(".govuk-error-summary"), "Enter the advocacy provider")
	b.Fill("#f-provider", "Exampleshire Advocacy Hub")
	b.Submit("#f-provider")
	b.Screenshot("advocacy-referred")
	b.CheckA11y()
	main := b.Text("main")
	apptest.MustContain(t, "advocacy after referral", main, "Referral to Exampleshire Advocacy Hub recorded", "Actions met", "Arrange an independent advocate for the assessment: referred",
		"Instruct an independent mental capacity advocate")
	if b.Exists(`tr[data-kind="advocate_assessment"]`) || !b.Exists(`tr[data-kind="imca"]`) {
		t.Errorf("after the referral the open actions should be the IMCA one only:\n%s", main)
	}
}
