package outcomepage_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFromAHopeToTheLadder walks step 3 as a practitioner does it, in a real browser, checking every page with axe:
// write down a long-term hope in the person's words, save an outcome as a draft and see what it still needs, make
// it SMART with its goal attainment scale, then put a community solution and a reablement solution on the ladder
// (the second refused until it says why the lower rungs will not do) and see the shape of the plan.
func TestFromAHopeToTheLadder(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	ada := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son"}}
	}))
	episode := conversationstest.InsertEpisode(t, db, site.A.Council.ID, ada.ID)
	outcomesPath := "/people/" + ada.ID + "/episodes/" + episode + "/outcomes"
	solutionsPath := "/people/" + ada.ID + "/episodes/" + episode + "/solutions"

	b := apptest.SignInBrowser(t, site, worker)

	b.VisitAndCheck(outcomesPath, "outcomes-empty")
	if got := b.Text("main"); !strings.Contains(got, "No aspirations recorded yet") || !strings.Contains(got, "No outcomes yet") {
		t.Errorf("an empty episode does not say so:\n%s", got)
	}

	// A long-term hope, in Ada's words.
	b.ClickAndWait(`a[href="/people/` + ada.ID + `/aspirations/new?episode=` + episode + `"]`)
	b.Screenshot("aspiration-new")
	b.CheckA11y()
	b.Fill("#f-words", "I want to be back at my allotment, growing my own vegetables")
	b.Check(`input[name="term"][value="long"]`)
	b.Submit("#f-words")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Aspiration added") {
		t.Errorf("after adding an aspiration the banner says %q", got)
	}
	if got := b.Text("main"); !strings.Contains(got, "growing my own vegetables") || !strings.Contains(got, "Long term") {
		t.Errorf("the aspiration is not listed:\n%s", got)
	}
	b.CheckA11y()

	// An outcome saved as a draft: the page names what it still needs.
	b.ClickAndWait(`a[href="` + outcomesPath + `/new"]`)
	b.Screenshot("outcome-new")
	b.CheckA11y()
	b.Fill("#f-different", "I get to my allotment twice a week")
	b.Submit("#f-different")
	b.Screenshot("outcome-draft")
	b.CheckA11y()
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "saved as a draft. It is not SMART yet") {
		t.Errorf("after saving a draft the banner says %q", got)
	}
	card := b.Text("#outcome-1")
	for _, want := range []string{"Not SMART yet", "Missing: how everyone will know; who is involved; which hope or area of wellbeing it serves; by when; the expected level"} {
		if !strings.Contains(card, want) {
			t.Errorf("the draft outcome does not show %q:\n%s", want, card)
		}
	}

	if !regexp.MustCompile(`By when\s+Not recorded`).MatchString(card) {
		t.Errorf("the draft outcome does not say its date is not recorded:\n%s", card)
	}

	// Complete it to SMART, with the goal attainment scale.
	b.ClickAndWait("#outcome-1 .govuk-summary-card__actions a")
	b.Screenshot("outcome-change")
	b.CheckA11y()
	if got := b.Text(".govuk-inset-text"); !strings.Contains(got, "Missing: how everyone will know") {
		t.Errorf("the change page does not say what is missing: %q", got)
	}
	b.Check(`input[name="aspiration_id"]`)
	b.Fill("#f-how_we_know", "Ada tells us, and the allotment society's visitors' book shows her visits")
	b.FillDate("by_when", "30", "9", "2026")
	b.Fill("#f-who_involved", "Ada; Ben drives her on Saturdays; the society's buddy scheme on Wednesdays")
	b.Check(`input[name="wellbeing_areas"][value="b"]`)
	b.Check(`input[name="wellbeing_areas"][value="e"]`)
	b.Check(`input[name="eligibility_outcomes"][value="i"]`)
	b.Fill("#f-expected", "Ada gets to the allotment twice a week")
	b.Fill("#f-level_plus1", "Three times a week")
	b.Fill("#f-level_minus1", "Once a week")
	b.Fill("#f-level_minus2", "Not at all")
	b.Check(`input[name="baseline"][value="-2"]`)
	b.Check(`input[name="importance"][value="3"]`)
	b.Check(`input[name="difficulty"][value="2"]`)
	b.Submit("#f-how_we_know")
	b.Screenshot("outcome-smart")
	b.CheckA11y()
	card = b.Text("#outcome-1")
	if !strings.Contains(card, "SMART") || strings.Contains(card, "Not SMART") || strings.Contains(card, "Missing") {
		t.Errorf("the completed outcome is not shown as SMART:\n%s", card)
	}
	for _, want := range []string{"30 September 2026", "growing my own vegetables", "Three times a week", "Much less than expected (−2)", "6 (importance 3 × difficulty 2)"} {
		if !strings.Contains(card, want) {
			t.Errorf("the outcome card does not show %q:\n%s", want, card)
		}
	}

	// The ladder: a community solution first.
	b.VisitAndCheck(solutionsPath, "ladder-empty")
	if got := b.Text("main"); !strings.Contains(got, "No solution serves this outcome yet") {
		t.Errorf("the empty ladder does not name the outcome without a solution:\n%s", got)
	}
	b.ClickAndWait(`a[href="` + solutionsPath + `/new"]`)
	b.Screenshot("solution-new")
	b.CheckA11y()
	b.Check(`input[name="outcome_ids"]`)
	b.Check(`input[name="rung"][value="community"]`)
	b.Fill("#f-description", "Exampleton allotment society's buddy scheme: a member walks with Ada on Wednesdays")
	b.Fill("#f-who_when", "Ada rings the society this week")
	b.Submit("#f-description")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Community and voluntary") {
		t.Errorf("after adding a community solution the banner says %q", got)
	}

	// Reablement, first without saying why the lower rungs will not do.
	b.ClickAndWait(`a[href="` + solutionsPath + `/new"]`)
	b.Check(`input[name="rung"][value="reablement"]`)
	b.Fill("#f-description", "Six weeks of reablement to build up Ada's walking")
	b.Submit("#f-description")
	b.Screenshot("solution-no-reason")
	b.CheckA11y()
	summary := b.Text(".govuk-error-summary")
	if !strings.Contains(summary, "Explain why the person's own strengths, their network, community groups and information and advice cannot meet this outcome") {
		t.Errorf("the error summary does not ask for the reason:\n%s", summary)
	}
	if got := b.HTML(); !strings.Contains(got, `href="#f-lower_rungs_reason"`) {
		t.Error("the error summary does not link to the reason box")
	}
	b.Fill("#f-lower_rungs_reason", "Ada's walking is not yet safe enough for the buddy scheme alone; Ben works away in the week")
	b.Submit("#f-lower_rungs_reason")
	b.Screenshot("ladder")
	b.CheckA11y()

	// The shape of the plan: community before reablement, the empty rungs shown.
	ladder := b.Text(".gt-ladder")
	community, reablement := strings.Index(ladder, "buddy scheme"), strings.Index(ladder, "Six weeks of reablement")
	if community < 0 || reablement < 0 || community > reablement {
		t.Errorf("the ladder does not show community (%d) before reablement (%d):\n%s", community, reablement, ladder)
	}
	for _, want := range []string{"Ben works away in the week", "Nothing on this rung", "Residential or nursing care"} {
		if !strings.Contains(ladder, want) {
			t.Errorf("the ladder does not show %q", want)
		}
	}
	if b.Exists(".govuk-warning-text") {
		t.Error("the ladder still warns of an outcome with no solution")
	}
}
