package conversationpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAdviceAtTheFrontDoor: an information and advice worker records a contact and resolves it with advice, in two
// pages: the contact form, then the person's page showing the ended episode.
func TestAdviceAtTheFrontDoor(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	ada := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID))
	b := apptest.SignInBrowser(t, site, site.A.Staff[councils.DirectoryEditor])

	// Page 1: the contact form, reached from the person's page.
	b.Visit("/people/" + ada.ID)
	b.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	b.Screenshot("contact-form")
	b.CheckA11y()
	b.Check(apptest.Radio("route_of_access", codelists.RouteOfAccessDefault))
	b.Check(apptest.Radio("channel", "Phone"))
	b.Check(apptest.Radio("contact_by", "self"))
	b.Fill("#f-reason", "Lonely since her husband died; asked what is on locally")
	b.Fill("#f-what_matters", "Getting out of the house and meeting people")
	b.Check(apptest.Radio("next", "resolve"))
	b.Check(apptest.Radio("result", codelists.EventOutcomeInformationAdvice))
	b.Fill("#f-note", "Told her about the lunch club at St Mary's, Tuesdays")
	b.Screenshot("contact-form-filled")
	b.Submit("#f-note")

	// Page 2: the person's page, with the episode ended.
	if !strings.HasSuffix(strings.Split(b.URL(), "#")[0], "/people/"+ada.ID) {
		t.Fatalf("after resolving, the browser is at %s, want the person's page", b.URL())
	}
	b.Screenshot("person-after-advice")
	b.CheckA11y()
	apptest.MustContain(t, "the banner", b.Text(".govuk-notification-banner"), "Contact recorded and resolved")
	apptest.MustContain(t, "the episodes section", b.Text("#episodes"), "Ended: Information and advice", "at step 1")
}

// TestAPractitionersEpisode: a practitioner opens an episode from a contact, starts Step 1, records a MASOSS
// conversation (after a mistake), records an adult's eligibility and sees it explained, and marks a step not
// needed with a reason.
func TestAPractitionersEpisode(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	ada := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID))
	b := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])

	// A contact from the hospital opens an episode.
	b.Visit("/people/" + ada.ID)
	b.Screenshot("person-before")
	b.CheckA11y()
	b.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	b.Check(apptest.Radio("route_of_access", "Discharge from Hospital"))
	b.Check(apptest.Radio("channel", "Another professional"))
	b.Check(apptest.Radio("contact_by", "professional"))
	b.Fill("#f-contact_name", "Sam, discharge coordinator, Exampleton General")
	b.Fill("#f-reason", "Ready to go home after a fall; worried about the stairs")
	b.Check(apptest.Radio("next", "open"))
	b.Submit("#f-reason")
	b.Screenshot("episode-opened")
	b.CheckA11y()
	if got := b.Text("h1"); got != "Episode of work" {
		t.Fatalf("after opening an episode the page heading is %q", got)
	}
	episode := strings.Split(b.URL(), "#")[0]

	// Step 1 in progress.
	b.ClickAndWait(`a[href$="/steps/1"]`)
	b.Screenshot("step-1")
	b.CheckA11y()
	b.Check(apptest.Radio("status", "in_progress"))
	b.Submit(apptest.Radio("status", "in_progress"))
	b.CheckA11y()
	apptest.MustContain(t, "step 1", b.Text("#step-1-status"), "In progress")

	// A conversation, first with nothing written.
	b.ClickAndWait(`a[href$="/conversations/new?step=1"]`)
	b.Screenshot("conversation-form")
	b.CheckA11y()
	b.Check(apptest.Radio("method", "face_to_face"))
	b.Check(apptest.Radio("place", "hospital"))
	b.Submit("#f-participants")
	b.Screenshot("conversation-mistakes")
	b.CheckA11y()
	apptest.MustContain(t, "the error summary", b.Text(".govuk-error-summary"), "under at least one heading", "Select whether the person needed help")
	b.Fill("#f-participants", "Ada, her daughter Cara, the ward nurse")
	b.Check(apptest.Radio("needed_help", "yes"))
	b.Fill("#f-help_note", "Hearing aid batteries were flat; Cara repeated questions")
	b.Fill("#f-mindset_words", "I've always been independent. I want to be back in my own chair")
	b.Fill("#f-strengths_words", "I do the crossword every morning")
	b.Fill("#f-strengths_observed", "Walked to the day room with a frame; good humour with staff")
	b.Submit("#f-mindset_words")
	b.Screenshot("episode-with-conversation")
	b.CheckA11y()
	apptest.MustContain(t, "step 1", b.Text("#steps"), "Conversation on", "face to face, hospital")

	// Eligibility, checked and then agreed.
	b.Visit(strings.TrimPrefix(episode, site.Server.URL) + "/eligibility/new")
	b.Screenshot("eligibility-form")
	b.CheckA11y()
	// An adult's eligibility is the default.
	b.Check(apptest.Radio("adult_condition", "yes"))
	b.Check(apptest.Radio("adult_outcome_b", "without_assistance"))
	b.Check(apptest.Radio("adult_outcome_e", "endangers"))
	b.Check(apptest.Radio("impact", "yes"))
	b.Check(apptest.Radio("impact_areas", "b"))
	b.Check(apptest.Radio("impact_areas", "d"))
	b.Submit(`button[value="check"]`)
	b.Screenshot("eligibility-checked")
	b.CheckA11y()
	apptest.MustContain(t, "the result", b.Text("#result"), "Eligible: needs arise from an impairment or illness", "maintaining personal hygiene")
	b.Check(apptest.Radio("agrees", "yes"))
	b.Submit(`button[value="save"]`)
	b.Screenshot("eligibility-saved")
	b.CheckA11y()
	apptest.MustContain(t, "the determination", b.Text("main"), "Care Act eligibility: eligible", "Eligible: needs arise", "Being able to make use of the adult's home safely")

	// Step 2 not needed, with a reason.
	b.Visit(strings.TrimPrefix(episode, site.Server.URL))
	b.ClickAndWait(`a[href$="/steps/2"]`)
	b.Check(apptest.Radio("status", "not_needed"))
	b.Submit(apptest.Radio("status", "not_needed"))
	apptest.MustContain(t, "the error summary", b.Text(".govuk-error-summary"), "Explain why this step is not needed")
	b.CheckA11y()
	b.Fill("#f-reason", "Ada and Cara agreed the plan for going home in the first conversation")
	b.Submit("#f-reason")
	b.Screenshot("episode-step-2-not-needed")
	b.CheckA11y()
	apptest.MustContain(t, "the steps", b.Text("#steps"), "Not needed because: Ada and Cara agreed", "Not needed")
	apptest.MustContain(t, "the eligibility section", b.Text("#eligibility"), "eligible")
}
