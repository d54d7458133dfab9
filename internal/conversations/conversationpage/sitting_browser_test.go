package conversationpage_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAHomeVisitInOneSitting: a practitioner records a home visit on the conversation page, adding two strengths,
// someone who matters, a hope, a SMART outcome serving it and two solutions for it as they came up, each without a
// page load, takes one entry out again, and saves it all at once: two page loads in all, axe on the page at every
// stage, and screenshots at 1,024 and 320 pixels wide.
func TestAHomeVisitInOneSitting(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	walter := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	ep := conversationstest.MustOpenEpisode(t, db, worker, walter.ID)
	b := apptest.SignInBrowser(t, site, worker)
	if _, err := chromedp.Run(b.Context(), chromedp.EmulateViewport(1024, 900)); err != nil {
		t.Fatal(err)
	}
	pages := b.Navigations()
	b.Visit(fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", walter.ID, ep.ID))
	b.CheckA11y()
	b.Check(apptest.Radio("method", "face_to_face"))
	b.Check(apptest.Radio("place", "home"))
	b.Check(apptest.Radio("needed_help", "no"))
	b.Fill("#f-mindset_words", "I want to manage on my own again")

	add := func(button, first string) {
		t.Helper()
		b.Click(`button[value="add:` + button + `"]`)
		b.WaitFor(first)
		b.WaitUntil(`document.activeElement === document.querySelector(`+"`"+first+"`"+`)`, 10*time.Second)
	}
	add("strength", "#f-strength_0_kind")
	b.Check(`#f-strength_0_kind`)
	b.Fill("#f-strength_0_person_words", "I have cooked for myself for sixty years")
	add("strength", "#f-strength_1_kind")
	b.Check(apptest.Radio("strength_1_kind", "network"))
	b.Fill("#f-strength_1_person_words", "Ben pops in after work")
	add("strength", "#f-strength_2_kind")
	b.Fill("#f-strength_2_person_words", "Said by mistake")
	b.Click(`button[value="remove:strength_2"]`)
	b.WaitUntil(`!document.querySelector("#strength_2")`, 10*time.Second)
	b.WaitUntil(`document.querySelector("#f-strength_0_person_words").value === "I have cooked for myself for sixty years"`, 10*time.Second)
	add("network", "#f-network_0_name")
	b.Fill("#f-network_0_name", "Ben Wholecase")
	b.Select("#f-network_0_relationship", "Son")
	b.Check("#f-network_0_crisis_contact")
	add("hope", "#f-hope_0_words")
	b.Fill("#f-hope_0_words", "To stay in my own home")
	b.Check(apptest.Radio("hope_0_term", "long"))
	add("outcome", "#f-outcome_0_different")
	b.Fill("#f-outcome_0_different", "I get washed and dressed by myself every morning")
	b.Select("#f-outcome_0_aspiration_id", "new_0")
	b.Fill("#f-outcome_0_how_we_know", "Ben sees him dressed when he calls")
	b.FillDay("outcome_0_by_when", time.Now().AddDate(0, 3, 0))
	b.Fill("#f-outcome_0_who_involved", "Walter, Ben and the reablement team")
	b.WaitUntil(`document.querySelector("#outcome_0_smart").textContent.includes("the expected level")`, 10*time.Second)
	b.Fill("#f-outcome_0_expected", "Washed and dressed by himself every day")
	b.WaitUntil(`document.querySelector("#outcome_0_smart").textContent.includes("SMART.")`, 10*time.Second)
	b.Select("#f-outcome_0_solution_0_rung", "network")
	if b.Exists(`#outcome_0_solution_0 [data-lower-rungs-reason]:not([hidden])`) {
		t.Error("a solution from the person's network is asked why the lower rungs cannot do")
	}
	b.Fill("#f-outcome_0_solution_0_description", "Ben helps with socks and shoes on weekday mornings")
	add("outcome_0_solution", "#f-outcome_0_solution_1_rung")
	b.Select("#f-outcome_0_solution_1_rung", "reablement")
	b.WaitFor("#f-outcome_0_solution_1_lower_rungs_reason")
	b.Fill("#f-outcome_0_solution_1_description", "Six weeks of reablement for washing and dressing")
	b.Fill("#f-outcome_0_solution_1_lower_rungs_reason", "Ben works full time; Walter needs to relearn the routine safely")
	b.Screenshot("sitting-1024")
	b.CheckA11y()
	if _, err := chromedp.Run(b.Context(), chromedp.EmulateViewport(320, 900)); err != nil {
		t.Fatal(err)
	}
	b.Screenshot("sitting-320")
	b.Click(`button[value="draft"]`)
	b.WaitUntil(`document.querySelector("#draft-status").textContent.includes("draft was saved at")`, 10*time.Second)
	if n := pages(); n != 1 {
		t.Errorf("adding and taking out entries, and saving a draft, loaded %d pages, want only the first", n)
	}

	b.Submit(`form#sitting > button.govuk-button:not([name])`)
	b.CheckA11y()
	apptest.MustContain(t, "the banner", b.Text(".govuk-notification-banner"), "Conversation recorded with 7 entries")
	if n := pages(); n != 2 {
		t.Errorf("the sitting took %d page loads, want 2", n)
	}
	b.Visit(fmt.Sprintf("/people/%s/episodes/%s/outcomes", walter.ID, ep.ID))
	apptest.MustContain(t, "the outcomes", b.Text("main"), "To stay in my own home", "I get washed and dressed by myself every morning")
	if strings.Contains(b.Text("main"), "Said by mistake") {
		t.Error("the strength taken out was saved")
	}
	b.Visit("/people/" + walter.ID)
	apptest.MustContain(t, "the people who matter", b.Text("main"), "Ben Wholecase", "to call in a crisis")
}

// TestAConversationRecordedWithTheKeyboardAlone: the conversation page is completed with the keyboard alone, as a
// practitioner who does not use a mouse would: Tab to each question, Space and the arrow keys for the choices,
// Enter on "Add a strength" (the new strength takes the focus) and on "Save conversation".
func TestAConversationRecordedWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
	b := apptest.SignInBrowser(t, site, worker)
	b.Visit(fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", person.ID, ep.ID))

	keys := func(k string) {
		t.Helper()
		if _, err := chromedp.Run(b.Context(), chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	// tabTo presses Tab until the focus is on selector, as many times as the page needs.
	tabTo := func(selector string) {
		t.Helper()
		for range 300 {
			on, err := chromedp.Run(b.Context(), chromedp.Evaluate[bool](`document.activeElement?.matches(`+"`"+selector+"`"+`) === true`))
			if err != nil {
				t.Fatal(err)
			}
			if on {
				return
			}
			keys(kb.Tab)
		}
		t.Fatalf("Tab never reached %s", selector)
	}
	tabTo(`input[name="method"]`)
	keys(kb.ArrowRight) // face to face, then phone
	tabTo(`input[name="needed_help"]`)
	keys(kb.ArrowRight) // yes, then no
	tabTo("#f-mindset_words")
	keys("I want to get out more")
	tabTo(`button[value="add:strength"]`)
	keys(kb.Enter)
	b.WaitUntil(`document.activeElement === document.querySelector("#f-strength_0_kind")`, 10*time.Second)
	keys(" ")
	tabTo("#f-strength_0_person_words")
	keys("I sing in the church choir")
	tabTo(`form#sitting > button.govuk-button:not([name])`)
	keys(kb.Enter)
	// Enter on the save button loads the episode's page.
	for i := 0; strings.Contains(b.URL(), "/conversations/new"); i++ {
		if i == 100 {
			t.Fatalf("Enter on Save conversation left the browser at %s", b.URL())
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.WaitFor(".govuk-notification-banner")
	apptest.MustContain(t, "the banner", b.Text(".govuk-notification-banner"), "Conversation recorded with 1 entry")
	b.CheckA11y()
	b.Visit("/people/" + person.ID + "/strengths")
	apptest.MustContain(t, "the strengths", b.Text("main"), "I sing in the church choir")
}
