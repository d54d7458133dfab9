package modelpage_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestTheCouncilChoosesThreeConversations: the quality lead reads the models, changes a prompt of Three
// Conversations and chooses it as the council's model; a practitioner's new conversation is recorded under its
// three conversations; and after the council goes back to MASOSS the conversation still reads under them.
func TestTheCouncilChoosesThreeConversations(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	ada := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	ep := conversationstest.MustOpenEpisode(t, db, worker, ada.ID)
	if _, err := site.App.PracticeModels.AddLocalAreaCoordination(peopletest.As(site.A.Staff[councils.QualityLead])); err != nil {
		t.Fatal(err)
	}

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.Visit("/quality")
	lead.ClickAndWait("#practice-models")
	lead.Screenshot("practice-models")
	lead.CheckA11y()
	apptest.MustContain(t, "the council's model", lead.Text("#current"), "MASOSS with the ROPES prompts")
	apptest.MustContain(t, "the models", lead.Text("#models"), "Three Conversations", "Local area coordination", "Conversation 3: build a good life")

	// A prompt of Three Conversations in the council's own words, after a mistake.
	lead.Visit("/quality/practice-models/" + practicemodels.ThreeConversations + "/edit")
	lead.Screenshot("practice-model-form")
	lead.CheckA11y()
	lead.Fill("#f-heading_1_label", "")
	lead.Fill("#f-heading_1_prompt", "What matters to you? Who could you connect with this week?")
	lead.Submit("#f-heading_1_prompt")
	lead.Screenshot("practice-model-form-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "the error summary", lead.Text(".govuk-error-summary"), "Enter a label for heading 1")
	lead.Fill("#f-heading_1_label", "Conversation 1: listen and connect")
	lead.Submit("#f-heading_1_prompt")
	lead.Screenshot("practice-model")
	lead.CheckA11y()
	apptest.MustContain(t, "the model", lead.Text("#headings"), "Who could you connect with this week?")

	// Chosen as the council's model, with why.
	lead.Visit("/quality/practice-models")
	lead.Check(apptest.Radio("model", practicemodels.ThreeConversations))
	lead.Fill("#f-reason", "The Programme Board agreed a pilot")
	lead.Submit("#f-reason")
	lead.Screenshot("practice-models-chosen")
	lead.CheckA11y()
	apptest.MustContain(t, "the banner", lead.Text(".govuk-notification-banner"), "Three Conversations is now the council's practice model")
	apptest.MustContain(t, "the council's model", lead.Text("#current"), "Three Conversations", "Test Principal social worker or quality lead")
	apptest.MustContain(t, "the choices", lead.Text("#choices"), "The Programme Board agreed a pilot")

	// A practitioner's new conversation is recorded under the three conversations.
	b := apptest.SignInBrowser(t, site, worker)
	b.Visit("/people/" + ada.ID + "/episodes/" + ep.ID + "/conversations/new?step=1")
	b.Screenshot("conversation-three-conversations")
	b.CheckA11y()
	apptest.MustContain(t, "the form", b.Text("form[novalidate]"), "Recorded under Three Conversations", "Conversation 1: listen and connect",
		"Who could you connect with this week?", "Conversation 2: work intensively with people in crisis", "Conversation 3: build a good life")
	if b.Exists("#f-mindset_words") {
		t.Error("the form still offers MASOSS's Mindset")
	}
	b.Check(apptest.Radio("method", "face_to_face"))
	b.Check(apptest.Radio("needed_help", "no"))
	b.Fill("#f-listen_connect_words", "I want to get back to the allotment")
	b.Fill("#f-good_life_observed", "Lights up talking about the allotment society")
	b.Submit("#f-listen_connect_words")
	b.CheckA11y()
	rec, err := site.App.Conversations.Episode(peopletest.As(worker), ada.ID, ep.ID)
	if err != nil || len(rec.Conversations) != 1 {
		t.Fatalf("the episode's conversations: %d, %v", len(rec.Conversations), err)
	}
	conv := rec.Conversations[0]
	if conv.Model.ID != practicemodels.ThreeConversations || conv.Section("listen_connect").PersonWords != "I want to get back to the allotment" {
		t.Fatalf("the conversation recorded: %s, %+v", conv.Model.ID, conv.Sections)
	}

	// Back to MASOSS: the conversation still reads under the three conversations, and a new one under MASOSS.
	lead.Visit("/quality/practice-models")
	lead.Check(apptest.Radio("model", practicemodels.MASOSS))
	lead.Submit("#f-reason")
	apptest.MustContain(t, "the council's model", lead.Text("#current"), "MASOSS with the ROPES prompts")
	b.Visit("/people/" + ada.ID + "/episodes/" + ep.ID + "/conversations/" + conv.ID)
	b.Screenshot("conversation-kept-its-model")
	b.CheckA11y()
	apptest.MustContain(t, "the conversation", b.Text("form[novalidate]"), "Recorded under Three Conversations, the headings it had then",
		"Conversation 1: listen and connect", "Conversation 3: build a good life")
	apptest.MustContain(t, "the form's boxes", b.HTML(), ">I want to get back to the allotment</textarea>", ">Lights up talking about the allotment society</textarea>")
	b.Visit("/people/" + ada.ID + "/episodes/" + ep.ID + "/conversations/new?step=1")
	apptest.MustContain(t, "a new conversation", b.Text("form[novalidate]"), "Recorded under MASOSS with the ROPES prompts", "Mindset", "Aspirations")
}
