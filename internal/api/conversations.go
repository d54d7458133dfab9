package api

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Conversation is a conversation with the person in an episode, recorded under the headings of the council's
// practice model (MASOSS by default), with the person's own words kept apart from what the practitioner observed.
// MASOSS's six headings are always in sections; the headings of any other model are in other_sections, by key.
type Conversation struct {
	ID           string               `json:"id"`         // read-only
	EpisodeID    string               `json:"episode_id"` // read-only
	Step         int                  `json:"step"`
	HeldOn       *string              `json:"held_on"`
	Method       string               `json:"method"` // face_to_face, phone or video
	Place        string               `json:"place"`  // home, hospital, office, community, other, or empty
	Participants string               `json:"participants"`
	NeededHelp   bool                 `json:"needed_help"`
	HelpNote     string               `json:"help_note"`
	Sections     ConversationSections `json:"sections"`
	// OtherSections is what was said and seen under the headings of a model other than MASOSS, by heading key:
	// every heading of the conversation's model but MASOSS's six, empty strings where nothing was written.
	OtherSections map[string]Section `json:"other_sections"`
	Model         ConversationModel  `json:"model"`      // read-only
	CreatedAt     *time.Time         `json:"created_at"` // read-only
	CreatedBy     string             `json:"created_by"` // read-only
	UpdatedAt     *time.Time         `json:"updated_at"` // read-only
	UpdatedBy     string             `json:"updated_by"` // read-only
	Version       int                `json:"version"`    // read-only: send it back in If-Match
}

// ConversationSections is what was said and seen under each MASOSS heading. A heading with nothing written is
// sent with two empty strings.
type ConversationSections struct {
	Mindset     Section `json:"mindset"`
	Aspirations Section `json:"aspirations"`
	Strengths   Section `json:"strengths"`
	Outcomes    Section `json:"outcomes"`
	Solutions   Section `json:"solutions"`
	Services    Section `json:"services"`
}

// Section is what was said and seen under one heading.
type Section struct {
	PersonWords string `json:"person_words"` // what the person said, in their words
	Observed    string `json:"observed"`     // what the practitioner observed
}

// ConversationModel is the practice model a conversation was recorded under, with its headings as they were then.
type ConversationModel struct {
	ID       string                `json:"id"`
	Name     string                `json:"name"`
	Version  int                   `json:"version"`
	Headings []ConversationHeading `json:"headings"`
}

// ConversationHeading is one heading of the model a conversation was recorded under.
type ConversationHeading struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// masoss reports whether key is one of MASOSS's six headings, which sections holds.
func masoss(key string) bool {
	_, err := conversations.ParseHeading(key)
	return err == nil
}

// byHeading pairs each heading with its section.
func (s *ConversationSections) byHeading() map[conversations.Heading]*Section {
	return map[conversations.Heading]*Section{
		conversations.Mindset: &s.Mindset, conversations.Aspirations: &s.Aspirations, conversations.Strengths: &s.Strengths,
		conversations.Outcomes: &s.Outcomes, conversations.Solutions: &s.Solutions, conversations.Services: &s.Services,
	}
}

func conversationOf(c conversations.Conversation) Conversation {
	out := Conversation{
		ID: c.ID, EpisodeID: c.EpisodeID, Step: int(c.Step), HeldOn: dateOrNull(c.HeldOn), Method: string(c.Method),
		Place: string(c.Place), Participants: c.Participants, NeededHelp: c.NeededHelp, HelpNote: c.HelpNote,
		CreatedAt: timeOrNull(c.CreatedAt), CreatedBy: c.CreatedBy, UpdatedAt: timeOrNull(c.UpdatedAt),
		UpdatedBy: c.UpdatedBy, Version: c.Version,
	}
	for h, s := range out.Sections.byHeading() {
		sec := c.Section(h)
		s.PersonWords, s.Observed = sec.PersonWords, sec.Observed
	}
	out.OtherSections = map[string]Section{}
	for _, h := range c.Headings() {
		if !masoss(h.Key) {
			sec := c.Section(conversations.Heading(h.Key))
			out.OtherSections[h.Key] = Section{PersonWords: sec.PersonWords, Observed: sec.Observed}
		}
	}
	m := c.Model
	if m.ID == "" {
		m = practicemodels.Default()
	}
	out.Model = ConversationModel{ID: m.ID, Name: m.Name, Version: m.Version,
		Headings: listOf(m.Headings, func(h practicemodels.Heading) ConversationHeading {
			return ConversationHeading{Key: h.Key, Label: h.Label}
		})}
	return out
}

func (in Conversation) record(f *fields, personID, episodeID string) conversations.Conversation {
	c := conversations.Conversation{
		PersonID: personID, EpisodeID: episodeID, Step: conversations.Step(in.Step),
		HeldOn: f.date("held_on", "Date of the conversation", in.HeldOn), Method: conversations.Method(strings.TrimSpace(in.Method)),
		Place: conversations.Place(strings.TrimSpace(in.Place)), Participants: in.Participants, NeededHelp: in.NeededHelp,
		HelpNote: in.HelpNote,
	}
	sections := in.Sections.byHeading()
	for _, h := range conversations.Headings() {
		c.Sections = append(c.Sections, conversations.Section{Heading: h, PersonWords: sections[h].PersonWords, Observed: sections[h].Observed})
	}
	// Sorted, so that the sections and any problems with them come in the same order whatever order the map gives.
	for _, k := range slices.Sorted(maps.Keys(in.OtherSections)) {
		if !masoss(k) {
			sec := in.OtherSections[k]
			c.Sections = append(c.Sections, conversations.Section{Heading: conversations.Heading(k), PersonWords: sec.PersonWords, Observed: sec.Observed})
		}
	}
	return c
}

// precheck checks c as sent, to report its problems beside those only the API finds (a date that is not a date):
// under MASOSS's headings and those sent in other_sections. The store checks it again under the headings of the
// conversation's own model, which the sections must belong to.
func (in Conversation) precheck(c conversations.Conversation, today time.Time) validation.Problems {
	sent := practicemodels.Default()
	for _, k := range slices.Sorted(maps.Keys(in.OtherSections)) {
		if !masoss(k) {
			sent.Headings = append(sent.Headings, practicemodels.Heading{Key: k, Label: k})
		}
	}
	c.Model = sent
	c.Normalise()
	return c.Validate(today)
}

// conversationField names the store's fields as the JSON does: "mindset_words" is "sections.mindset.person_words",
// and a heading of another model's "good_life_words" is "other_sections.good_life.person_words".
func conversationField(field string) string {
	for _, part := range []struct{ suffix, json string }{{"_words", ".person_words"}, {"_observed", ".observed"}} {
		key, ok := strings.CutSuffix(field, part.suffix)
		if !ok || key == "" {
			continue
		}
		if masoss(key) {
			return "sections." + key + part.json
		}
		return "other_sections." + key + part.json
	}
	return field
}

// listConversations is GET .../episodes/{episode}/conversations: the episode's conversations, oldest first.
func (a *API) listConversations(w http.ResponseWriter, r *http.Request) error {
	rec, err := a.readEpisode(r)
	if err != nil {
		return err
	}
	sendList(w, listOf(rec.Conversations, conversationOf))
	return nil
}

func (a *API) readConversation(r *http.Request) (int, any, error) {
	id := idsOf(r)
	_, c, err := a.thread.Conversations.Conversation(r.Context(), id.person, id.episode, r.PathValue("conversation"))
	if err != nil {
		return 0, nil, err
	}
	return c.Version, conversationOf(c), nil
}

// getConversation is GET .../episodes/{episode}/conversations/{conversation}.
func (a *API) getConversation(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readConversation(r) })
}

// updateConversation is PUT .../episodes/{episode}/conversations/{conversation}: every field that can be changed
// is replaced by what is sent.
func (a *API) updateConversation(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return change(w, r, "the conversation",
		func(in Conversation, version int) error {
			var f fields
			c := in.record(&f, id.person, id.episode)
			c.ID, c.Version = r.PathValue("conversation"), version
			if err := f.check(in.precheck(c, sqldb.TodayIn(r.Context()).Time)); err != nil {
				return renamed(err, conversationField)
			}
			return renamed(a.thread.Conversations.UpdateConversation(r.Context(), c), conversationField)
		},
		func() (int, any, error) { return a.readConversation(r) })
}
