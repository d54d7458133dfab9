package practicemodels_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func ids(ms []practicemodels.Model) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

// TestTheQualityLeadKeepsTheCouncilsModels: every council starts on MASOSS with both built-in models offered; the
// quality lead adds a model, changes prompts (a stale change refused) and chooses the council's model, kept as
// history; nobody else may; and another council sees none of it.
func TestTheQualityLeadKeepsTheCouncilsModels(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := practicemodels.NewStore(db)
		lead, worker := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.Practitioner])
		bLead := peopletest.As(b.Staff[councils.QualityLead])

		ms, err := s.Models(worker)
		if err != nil || !slices.Equal(ids(ms), []string{practicemodels.MASOSS, practicemodels.ThreeConversations}) {
			t.Fatalf("a new council's models: %v, %v", ids(ms), err)
		}
		if cur, err := s.Current(worker); err != nil || cur.ID != practicemodels.MASOSS || len(cur.Headings) != 6 {
			t.Fatalf("a new council's model: %+v, %v", cur, err)
		}

		if _, err := s.AddLocalAreaCoordination(worker); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner added a model: %v", err)
		}
		if _, err := s.Models(peopletest.As(a.Staff[councils.Finance])); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance read the models: %v", err)
		}
		if _, err := s.Add(lead, practicemodels.Model{Name: "Nothing under it"}); err == nil {
			t.Error("a model with no headings was added")
		} else if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "headings" {
			t.Errorf("a model with no headings: %v", err)
		}
		lac, err := s.AddLocalAreaCoordination(lead)
		if err != nil {
			t.Fatal(err)
		}
		if ms, err = s.Models(worker); err != nil || !slices.Equal(ids(ms), []string{practicemodels.MASOSS, practicemodels.ThreeConversations, lac.ID}) {
			t.Errorf("models with the council's own: %v, %v", ids(ms), err)
		}
		if got, err := s.Model(worker, lac.ID); err != nil || got.Name != "Local area coordination" || len(got.Headings) != 5 || got.Version != 1 {
			t.Errorf("the model added: %+v, %v", got, err)
		}
		if _, err := s.Model(bLead, lac.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's model: %v", err)
		}
		if ms, err := s.Models(bLead); err != nil || len(ms) != 2 {
			t.Errorf("council B's models: %v, %v", ids(ms), err)
		}

		// The quality lead changes MASOSS's first prompt: version 2, with version 1 kept as it was.
		masoss, err := s.Model(lead, practicemodels.MASOSS)
		if err != nil {
			t.Fatal(err)
		}
		masoss.Headings[0].Prompt = "What matters to you?"
		changed, err := s.Update(lead, masoss)
		if err != nil || changed.Version != 2 {
			t.Fatalf("change MASOSS's prompt: %+v, %v", changed, err)
		}
		masoss.Headings[0].Prompt = "A change from an old version"
		if _, err := s.Update(lead, masoss); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale change: %v", err)
		}
		if _, err := s.Update(worker, changed); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner changed a model: %v", err)
		}
		if _, err := s.Update(bLead, lac); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changed council A's model: %v", err)
		}
		now, err := s.Model(worker, practicemodels.MASOSS)
		if err != nil || now.Version != 2 || now.Headings[0].Prompt != "What matters to you?" {
			t.Errorf("MASOSS now: %+v, %v", now, err)
		}
		if b, err := s.Model(bLead, practicemodels.MASOSS); err != nil || b.Headings[0].Prompt != practicemodels.Default().Headings[0].Prompt {
			t.Errorf("council B's MASOSS changed with A's: %+v, %v", b.Headings[0], err)
		}

		// Choosing: kept with who chose, latest first; choosing the model already chosen is refused.
		if _, err := s.Choose(worker, practicemodels.ThreeConversations, ""); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner chose the model: %v", err)
		}
		if _, err := s.Choose(lead, practicemodels.MASOSS, ""); err == nil {
			t.Error("MASOSS chosen again while it is the council's model")
		}
		if _, err := s.Choose(lead, "no-such-model", ""); err == nil {
			t.Error("a model that does not exist was chosen")
		}
		if _, err := s.Choose(bLead, lac.ID, ""); err == nil {
			t.Error("council B chose council A's model")
		}
		if _, err := s.ChooseBuiltin(lead, practicemodels.ThreeConversations, "Piloting in the north locality"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Choose(lead, lac.ID, ""); err != nil {
			t.Fatal(err)
		}
		if cur, err := s.Current(worker); err != nil || cur.ID != lac.ID {
			t.Errorf("council A's model: %+v, %v", cur.ID, err)
		}
		if cur, err := s.Current(bLead); err != nil || cur.ID != practicemodels.MASOSS {
			t.Errorf("council B's model: %+v, %v", cur.ID, err)
		}
		choices, err := s.Choices(worker)
		if err != nil || len(choices) != 2 || choices[0].ModelID != lac.ID || choices[1].ModelName != "Three Conversations" ||
			choices[1].Reason != "Piloting in the north locality" || choices[1].ChosenByName != a.Staff[councils.QualityLead].Name {
			t.Errorf("choices: %+v, %v", choices, err)
		}
		if got, err := s.ModelOf(t.Context(), a.Council.ID); err != nil || got.ID != lac.ID || got.Name != "Local area coordination" || got.Headings != nil {
			t.Errorf("ModelOf council A: %+v, %v", got, err)
		}
		if got, err := s.ModelOf(t.Context(), b.Council.ID); err != nil || got.Builtin != practicemodels.MASOSS {
			t.Errorf("ModelOf council B: %+v, %v", got, err)
		}
	})
}

// TestAConversationKeepsTheModelItWasRecordedUnder records one conversation under MASOSS and one under Three
// Conversations, then changes Three Conversations' labels and switches the council back to MASOSS: each
// conversation still reads under its own headings as they were, a change to it keeps them, and new conversations
// are recorded under MASOSS. The network comparison's count by model sees one of each.
func TestAConversationKeepsTheModelItWasRecordedUnder(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s, convs := practicemodels.NewStore(db), conversations.NewStore(db)
		worker, lead := a.Staff[councils.Practitioner], peopletest.As(a.Staff[councils.QualityLead])
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		record := func(sections ...conversations.Section) conversations.Conversation {
			t.Helper()
			c, err := convs.AddConversation(peopletest.As(worker), conversations.Conversation{PersonID: person.ID, EpisodeID: ep.ID,
				Step: conversations.Step1, HeldOn: db.Today(), Method: conversations.Phone, Sections: sections})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		read := func(id string) conversations.Conversation {
			t.Helper()
			_, c, err := convs.Conversation(peopletest.As(worker), person.ID, ep.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}

		before := record(conversations.Section{Heading: conversations.Strengths, PersonWords: "I still do the crossword"})
		if before.Model.ID != practicemodels.MASOSS || before.Model.Version != 1 {
			t.Errorf("a conversation before any choice is recorded under %s version %d", before.Model.ID, before.Model.Version)
		}
		if _, err := s.ChooseBuiltin(lead, practicemodels.ThreeConversations, ""); err != nil {
			t.Fatal(err)
		}
		// MASOSS's headings are not Three Conversations': a conversation under them alone records nothing.
		if _, err := convs.AddConversation(peopletest.As(worker), conversations.Conversation{PersonID: person.ID, EpisodeID: ep.ID,
			Step: conversations.Step1, HeldOn: db.Today(), Method: conversations.Phone,
			Sections: []conversations.Section{{Heading: conversations.Strengths, PersonWords: "Under a heading the model has not got"}}}); err == nil {
			t.Error("a conversation under headings the council's model has not got was recorded")
		}
		under3 := record(conversations.Section{Heading: "good_life", PersonWords: "Back at the allotment by spring"},
			conversations.Section{Heading: "listen_connect", Observed: "Knows everyone on the street"})
		if under3.Model.ID != practicemodels.ThreeConversations || under3.Model.Version != 1 {
			t.Fatalf("recorded under %s version %d", under3.Model.ID, under3.Model.Version)
		}

		tc, err := s.Model(lead, practicemodels.ThreeConversations)
		if err != nil {
			t.Fatal(err)
		}
		tc.Headings[0].Label = "Listen and connect, in our words"
		if _, err := s.Update(lead, tc); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChooseBuiltin(lead, practicemodels.MASOSS, "Back to MASOSS after the pilot"); err != nil {
			t.Fatal(err)
		}

		got := read(under3.ID)
		if got.Model.ID != practicemodels.ThreeConversations || got.Model.Version != 1 ||
			got.Label("listen_connect") != "Conversation 1: listen and connect" {
			t.Errorf("the conversation reads under %s version %d, %q", got.Model.ID, got.Model.Version, got.Label("listen_connect"))
		}
		if keys := got.Model.Keys(); !slices.Equal(keys, []string{"listen_connect", "crisis", "good_life"}) {
			t.Errorf("its headings: %v", keys)
		}
		if len(got.Sections) != 2 || got.Sections[0].Heading != "listen_connect" || got.Sections[1].PersonWords != "Back at the allotment by spring" {
			t.Errorf("its sections, in its model's order: %+v", got.Sections)
		}
		if old := read(before.ID); old.Model.ID != practicemodels.MASOSS || old.Section(conversations.Strengths).PersonWords != "I still do the crossword" {
			t.Errorf("the MASOSS conversation: %+v", old)
		}

		// Changed after the switch, it keeps its own model and headings.
		got.Sections = append(got.Sections, conversations.Section{Heading: "crisis", PersonWords: "Not in crisis"})
		if err := convs.UpdateConversation(peopletest.As(worker), got); err != nil {
			t.Fatal(err)
		}
		if again := read(under3.ID); again.Model.ID != practicemodels.ThreeConversations || len(again.Sections) != 3 || again.Sections[1].Heading != "crisis" {
			t.Errorf("after a change: %s, %+v", again.Model.ID, again.Sections)
		}

		after := record(conversations.Section{Heading: conversations.Aspirations, PersonWords: "To see the sea"})
		if after.Model.ID != practicemodels.MASOSS || after.Model.Version != 1 {
			t.Errorf("a new conversation is recorded under %s version %d", after.Model.ID, after.Model.Version)
		}

		// A form shown under Three Conversations before the switch is saved under it, as it was typed; a model the
		// council has not got (another council's own) is no model, and the council's own is used.
		typedBefore, err := convs.AddConversation(peopletest.As(worker), conversations.Conversation{PersonID: person.ID, EpisodeID: ep.ID,
			Step: conversations.Step1, HeldOn: db.Today(), Method: conversations.Phone, Model: practicemodels.Model{ID: practicemodels.ThreeConversations, Version: 1},
			Sections: []conversations.Section{{Heading: "crisis", PersonWords: "Typed before the switch"}}})
		if err != nil || typedBefore.Model.ID != practicemodels.ThreeConversations || typedBefore.Model.Version != 1 {
			t.Errorf("a form typed under Three Conversations, saved after the switch: %+v, %v", typedBefore.Model, err)
		}
		bOwn, err := s.AddLocalAreaCoordination(peopletest.As(b.Staff[councils.QualityLead]))
		if err != nil {
			t.Fatal(err)
		}
		if c, err := convs.AddConversation(peopletest.As(worker), conversations.Conversation{PersonID: person.ID, EpisodeID: ep.ID,
			Step: conversations.Step1, HeldOn: db.Today(), Method: conversations.Phone, Model: practicemodels.Model{ID: bOwn.ID, Version: 1},
			Sections: []conversations.Section{{Heading: "vision", PersonWords: "Under another council's model"}}}); err == nil {
			t.Errorf("a conversation was recorded under another council's model: %+v", c.Model)
		}

		counts, err := s.CountByModel(t.Context(), a.Council.ID, sqldb.Date{}, sqldb.Date{})
		want := []practicemodels.Count{
			{ModelID: practicemodels.MASOSS, Builtin: practicemodels.MASOSS, Name: "MASOSS with the ROPES prompts", N: 2},
			{ModelID: practicemodels.ThreeConversations, Builtin: practicemodels.ThreeConversations, Name: "Three Conversations", N: 2},
		}
		if err != nil || !slices.Equal(counts, want) {
			t.Errorf("counts by model: %+v, %v", counts, err)
		}
		if counts, err := s.CountByModel(t.Context(), b.Council.ID, sqldb.Date{}, sqldb.Date{}); err != nil || len(counts) != 0 {
			t.Errorf("council B's counts: %+v, %v", counts, err)
		}
		if counts, err := s.CountByModel(t.Context(), a.Council.ID, sqldb.NewDate(db.Today().AddDate(0, 0, 1)), sqldb.Date{}); err != nil || len(counts) != 0 {
			t.Errorf("counts from tomorrow: %+v, %v", counts, err)
		}
	})
}
