package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Practice models through the API keep the pages' rules: practitioners read the models, the quality lead adds,
// changes (If-Match; a stale change is 412) and chooses; finance is refused; another council never sees a model a
// council added; and a conversation says the model it was recorded under and keeps it after the council changes.
func TestPracticeModelsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, worker, finance, other := site.A.Staff[councils.QualityLead], site.A.Staff[councils.Practitioner],
			site.A.Staff[councils.Finance], site.B.Staff[councils.QualityLead]
		state := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "practice_model"), dbtest.Count(t, db, site.A.Council.ID, "practice_model_choice"),
				dbtest.Count(t, db, site.B.Council.ID, "practice_model"))
		}

		res, body := ask(worker, "GET", api.PracticeModelsPath, "")
		var list struct{ Items []api.PracticeModel }
		if err := json.Unmarshal([]byte(body), &list); err != nil || res.StatusCode != 200 || len(list.Items) != 2 || !list.Items[0].Current || list.Items[1].ID != "three-conversations" {
			t.Fatalf("the models: %d %s", res.StatusCode, apptest.Excerpt(body))
		}
		if res, _ := ask(finance, "GET", api.PracticeModelsPath, ""); res.StatusCode != 403 {
			t.Errorf("finance read the models: %d", res.StatusCode)
		}

		lac := `{"name":"Local area coordination","headings":[{"key":"vision","label":"Their vision of a good life","prompt":"What would a good life look like?"},{"key":"connections","label":"Connections"}]}`
		refuses(t, ask, api.PracticeModelsPath, state, []refusal{
			{"a model with no headings", lead, `{"name":"Nothing in it","headings":[]}`, 422, []string{"headings"}},
			{"a key twice and a heading with no label", lead, `{"name":"Twice","headings":[{"key":"a","label":"A"},{"key":"a","label":""}]}`, 422, []string{"headings[1].key", "headings[1].label"}},
			{"a model added by a practitioner", worker, lac, 403, nil},
		})
		res, body = ask(lead, "POST", api.PracticeModelsPath, lac)
		var added api.PracticeModel
		if err := json.Unmarshal([]byte(body), &added); err != nil || res.StatusCode != 201 || added.Version != 1 || added.Current || res.Header.Get("Location") != api.PracticeModelsPath+"/"+added.ID {
			t.Fatalf("adding a model: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(other, "GET", api.PracticeModelsPath+"/"+added.ID, ""); res.StatusCode != 404 {
			t.Errorf("another council read the model: %d", res.StatusCode)
		}

		// MASOSS's prompt changed with If-Match; a stale change, or one with no If-Match, saves nothing.
		path := api.PracticeModelsPath + "/masoss"
		res, body = ask(lead, "GET", path, "")
		var masoss api.PracticeModel
		if err := json.Unmarshal([]byte(body), &masoss); err != nil || res.Header.Get("ETag") != `"1"` || len(masoss.Headings) != 6 {
			t.Fatalf("MASOSS: %s %s", res.Header.Get("ETag"), body)
		}
		masoss.Headings[0].Prompt = "What matters to you, today?"
		changed, err := json.Marshal(masoss)
		if err != nil {
			t.Fatal(err)
		}
		if res, _ := ask(lead, "PUT", path, string(changed)); res.StatusCode != 428 {
			t.Errorf("a change with no If-Match: %d", res.StatusCode)
		}
		if res, _ := ask(worker, "PUT", path, string(changed), "If-Match", `"1"`); res.StatusCode != 403 {
			t.Errorf("a practitioner changed MASOSS: %d", res.StatusCode)
		}
		if res, body := ask(lead, "PUT", path, string(changed), "If-Match", `"1"`); res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` {
			t.Fatalf("changing MASOSS's prompt: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(lead, "PUT", path, string(changed), "If-Match", `"1"`); res.StatusCode != 412 {
			t.Errorf("a stale change: %d", res.StatusCode)
		}
		masoss.Headings = masoss.Headings[1:]
		fewer, err := json.Marshal(masoss)
		if err != nil {
			t.Fatal(err)
		}
		res, body = ask(lead, "PUT", path, string(fewer), "If-Match", `"2"`)
		problemOf(t, "MASOSS without Mindset", res, body, 422, []string{"headings"})

		// Choosing Three Conversations: a conversation then says it, and keeps it after the council goes back.
		refuses(t, ask, api.PracticeModelsPath+"/choices", state, []refusal{
			{"choosing the model already chosen", lead, `{"model_id":"masoss"}`, 422, []string{"model_id"}},
			{"choosing another council's model", other, `{"model_id":"` + added.ID + `"}`, 422, []string{"model_id"}},
			{"choosing, as a practitioner", worker, `{"model_id":"three-conversations"}`, 403, nil},
		})
		if res, body := ask(lead, "POST", api.PracticeModelsPath+"/choices", `{"model_id":"three-conversations","reason":"A pilot"}`); res.StatusCode != 201 {
			t.Fatalf("choosing: %d %s", res.StatusCode, body)
		}
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		convs := api.EpisodePath(person.ID, ep.ID) + "/conversations"
		res, body = ask(worker, "POST", convs, `{"step":1,"held_on":"`+db.Today().Format("2006-01-02")+`","method":"phone","sections":{},"other_sections":{"good_life":{"person_words":"Back at the allotment"}}}`)
		var conv api.Conversation
		if err := json.Unmarshal([]byte(body), &conv); err != nil || res.StatusCode != 201 || conv.Model.ID != "three-conversations" ||
			conv.OtherSections["good_life"].PersonWords != "Back at the allotment" || len(conv.Model.Headings) != 3 {
			t.Fatalf("a conversation under Three Conversations: %d %s", res.StatusCode, body)
		}
		res, body = ask(worker, "POST", convs, `{"step":1,"held_on":"`+db.Today().Format("2006-01-02")+`","method":"phone","sections":{"mindset":{"person_words":"Under MASOSS"}}}`)
		problemOf(t, "a conversation under MASOSS's headings alone", res, body, 422, []string{"sections"})
		if res, body := ask(lead, "POST", api.PracticeModelsPath+"/choices", `{"model_id":"masoss"}`); res.StatusCode != 201 {
			t.Fatalf("choosing MASOSS again: %d %s", res.StatusCode, body)
		}
		res, body = ask(worker, "GET", convs+"/"+conv.ID, "")
		var again api.Conversation
		if err := json.Unmarshal([]byte(body), &again); err != nil || again.Model.ID != "three-conversations" || again.Model.Headings[2].Label != "Conversation 3: build a good life" ||
			again.OtherSections["good_life"].PersonWords != "Back at the allotment" {
			t.Errorf("the conversation after the council went back to MASOSS: %s", body)
		}
		res, body = ask(worker, "GET", api.PracticeModelsPath+"/choices", "")
		var choices struct{ Items []api.PracticeModelChoice }
		if err := json.Unmarshal([]byte(body), &choices); err != nil || len(choices.Items) != 2 || choices.Items[1].Reason != "A pilot" || choices.Items[1].ChosenBy != lead.ID {
			t.Errorf("the choices: %s", body)
		}
	})
}
