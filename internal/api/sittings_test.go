package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// homeVisitBody is a conversation sent with what came up in it: two strengths, a son, a hope, an outcome serving it
// with two solutions, one of them above information and advice; change alters it before it is sent.
func homeVisitBody(t *testing.T, db *sqldb.DB, change func(map[string]any)) string {
	t.Helper()
	today := db.Today()
	body := map[string]any{
		"step": 1, "held_on": today.Format("2006-01-02"), "method": "face_to_face", "needed_help": false,
		"sections": map[string]any{"mindset": map[string]any{"person_words": "I want to manage on my own again", "observed": ""}},
		"strengths": []any{
			map[string]any{"kind": "personal", "person_words": "I have cooked for myself for sixty years"},
			map[string]any{"kind": "network", "person_words": "Ben pops in after work"},
		},
		"network":     []any{map[string]any{"name": "Ben Testperson", "relationship": "Son", "phone": "07700 900456"}},
		"aspirations": []any{map[string]any{"term": "long", "words": "To stay in my own home"}},
		"outcomes": []any{map[string]any{
			"different": "I get washed and dressed by myself", "aspiration": 0, "how_we_know": "Ben sees me dressed",
			"by_when": today.AddDate(0, 3, 0).Format("2006-01-02"), "who_involved": "Me, Ben and the reablement team",
			"expected": "Dressed every day", "baseline": -1, "importance": 3, "difficulty": 2,
			"solutions": []any{
				map[string]any{"rung": "network", "description": "Ben helps with socks and shoes"},
				map[string]any{"rung": "reablement", "description": "Six weeks of reablement", "lower_rungs_reason": "Ben works full time"},
			},
		}},
	}
	if change != nil {
		change(body)
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAConversationAndWhatCameUpInItAreAddedInOneRequest: POST .../conversations with nested strengths, people who
// matter, hopes, outcomes and their solutions adds them all in one transaction with one access-log entry, linking the
// outcome to the hope sent with it and the solutions to the outcome; a problem in any nested record points at it
// (#/outcomes/0/by_when) and adds nothing; another council's practitioner finds nothing there.
func TestAConversationAndWhatCameUpInItAreAddedInOneRequest(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		p := f.create()
		ep := conversationstest.MustOpenEpisode(t, db, f.staff["practitioner"], p.ID)
		path := fmt.Sprintf("/api/v1/people/%s/episodes/%s/conversations", p.ID, ep.ID)
		logged := func() []accesslog.Action {
			var out []accesslog.Action
			for _, e := range f.entries(p.ID) {
				out = append(out, e.Action)
			}
			return out
		}
		conversations := func() int {
			w := f.do(http.MethodGet, path, "practitioner", "", nil)
			var list struct{ Items []api.Conversation }
			if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || w.Code != http.StatusOK {
				t.Fatalf("list conversations: %d %s", w.Code, w.Body)
			}
			return len(list.Items)
		}

		// Problems in three nested records: one only the API finds (not a date), two by the records' own rules.
		before := len(logged())
		w := f.do(http.MethodPost, path, "practitioner", homeVisitBody(t, db, func(b map[string]any) {
			o := b["outcomes"].([]any)[0].(map[string]any)
			o["by_when"] = "2027-13-01"
			o["solutions"].([]any)[1].(map[string]any)["lower_rungs_reason"] = ""
			b["aspirations"].([]any)[0].(map[string]any)["words"] = ""
		}), nil)
		res := w.Result()
		problem := problemOf(t, "nested problems", res, w.Body.String(), http.StatusUnprocessableEntity,
			[]string{"aspirations[0].words", "outcomes[0].by_when", "outcomes[0].solutions[1].lower_rungs_reason"})
		var pointers []string
		for _, e := range problem.Errors {
			pointers = append(pointers, e.Pointer)
		}
		slices.Sort(pointers)
		if want := []string{"#/aspirations/0/words", "#/outcomes/0/by_when", "#/outcomes/0/solutions/1/lower_rungs_reason"}; !slices.Equal(pointers, want) {
			t.Errorf("pointers %v, want %v", pointers, want)
		}
		// The store's own problems, with every field the API can read.
		w = f.do(http.MethodPost, path, "practitioner", homeVisitBody(t, db, func(b map[string]any) {
			b["strengths"].([]any)[1].(map[string]any)["kind"] = "luck"
			b["outcomes"].([]any)[0].(map[string]any)["aspiration"] = 3
		}), nil)
		problemOf(t, "the records' own rules", w.Result(), w.Body.String(), http.StatusUnprocessableEntity,
			[]string{"outcomes[0].aspiration", "strengths[1].kind"})
		if n := conversations(); n != 0 {
			t.Errorf("%d conversations added with problems", n)
		}
		w = f.do(http.MethodPost, path, "other council practitioner", homeVisitBody(t, db, nil), nil)
		if w.Code != http.StatusNotFound {
			t.Errorf("another council's practitioner: %d %s", w.Code, w.Body)
		}
		if got := logged()[before:]; len(got) != 1 || got[0] != accesslog.View {
			t.Errorf("refused requests logged %v, want only the list's view", got)
		}

		before = len(logged())
		w = f.do(http.MethodPost, path, "practitioner", homeVisitBody(t, db, nil), nil)
		if w.Code != http.StatusCreated {
			t.Fatalf("POST: %d %s", w.Code, w.Body)
		}
		if got := logged()[before:]; len(got) != 1 || got[0] != accesslog.Create {
			t.Errorf("the sitting logged %v, want one create", got)
		}
		var added api.ConversationSitting
		if err := json.Unmarshal(w.Body.Bytes(), &added); err != nil {
			t.Fatal(err)
		}
		if len(added.Strengths) != 2 || len(added.Network) != 1 || len(added.Aspirations) != 1 || len(added.Outcomes) != 1 {
			t.Fatalf("added %d strengths, %d people, %d hopes, %d outcomes", len(added.Strengths), len(added.Network), len(added.Aspirations), len(added.Outcomes))
		}
		o := added.Outcomes[0]
		if o.AspirationID != added.Aspirations[0].ID || o.Aspiration == nil || *o.Aspiration != 0 || !o.SMART || o.Status != "active" {
			t.Errorf("outcome as added: %+v", o)
		}
		for _, sol := range o.Solutions {
			if !slices.Equal(sol.OutcomeIDs, []string{o.ID}) || sol.ID == "" {
				t.Errorf("solution %q serves %v, want the outcome %s", sol.Description, sol.OutcomeIDs, o.ID)
			}
		}
		if loc := w.Header().Get("Location"); loc != path+"/"+added.ID {
			t.Errorf("Location %q", loc)
		}
		if n := conversations(); n != 1 {
			t.Errorf("%d conversations, want 1", n)
		}
	})
}
