package conversationpage_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAConversationInOneSittingWithoutJavaScript: with no script, each Add and Remove on the conversation page
// shows the page again keeping everything typed, at the list it changed, saving nothing and logging nothing; a save
// with a mistake in one entry shows its error against that entry's box and saves nothing; the save records the
// conversation and every entry together, with one access-log entry, and drops entries left empty.
func TestAConversationInOneSittingWithoutJavaScript(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		client := site.SignIn(t, worker)
		path := fmt.Sprintf("/people/%s/episodes/%s/conversations/new", person.ID, ep.ID)
		res, page := site.Get(t, client, path+"?step=1")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		logged := func() int { return len(peopletest.Logged(t, db, site.A.Council.ID, person.ID)) }
		rows := func(table string) int {
			var n int
			ctx := peopletest.As(worker)
			if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				return tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE council_id = $1 AND person_id = $2`,
					site.A.Council.ID, person.ID).Scan(&n)
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := logged()
		post := func(step string, v url.Values, status int, says ...string) string {
			t.Helper()
			res, body := site.PostBody(t, client, path+"?step=1", v)
			if res.StatusCode != status {
				t.Fatalf("%s: status %d, want %d\n%s", step, res.StatusCode, status, apptest.Excerpt(body))
			}
			for _, w := range says {
				if !strings.Contains(body, w) {
					t.Errorf("%s: the page does not say %q", step, w)
				}
			}
			return body
		}
		press := func(step, button string, v url.Values, says ...string) string {
			t.Helper()
			v.Set("entry", button)
			return post(step, v, http.StatusOK, says...)
		}

		v := apptest.FormValues(page)
		v.Set("method", "phone")
		v.Set("needed_help", "no")
		v.Set("mindset_words", "I want to get out more")
		page = press("add a strength", "add:strength", v, `id="f-strength_0_kind"`, "I want to get out more", "Add another strength")
		v = apptest.FormValues(page)
		v.Set("strength_0_kind", "community")
		v.Set("strength_0_person_words", "I sing in the church choir")
		page = press("add a hope", "add:hope", v, `id="f-hope_0_words"`, "I sing in the church choir")
		v = apptest.FormValues(page)
		v.Set("hope_0_words", "To sing at my granddaughter's wedding")
		v.Set("hope_0_term", "long")
		page = press("add an outcome", "add:outcome", v, `id="f-outcome_0_different"`, `id="f-outcome_0_solution_0_rung"`,
			`<option value="new_0"`, "To be SMART it still needs: what will be different")
		v = apptest.FormValues(page)
		v.Set("outcome_0_different", "I get to choir practice every week")
		v.Set("outcome_0_aspiration_id", "new_0")
		v.Set("outcome_0_solution_0_rung", "technology")
		v.Set("outcome_0_solution_0_description", "A community alarm so she feels safe going out")
		page = press("add a strength not used", "add:strength", v, `id="f-strength_1_kind"`,
			"To be SMART it still needs: how everyone will know; who is involved; by when; the expected level")
		page = press("remove the strength not used", "remove:strength_1", apptest.FormValues(page), "I sing in the church choir")
		if strings.Contains(page, `id="f-strength_1_kind"`) {
			t.Error("the strength taken out is still on the page")
		}
		if n := logged(); n != before {
			t.Errorf("adding and removing entries logged %d accesses", n-before)
		}

		// A mistake in one entry: its error links to its box, and nothing is saved.
		v = apptest.FormValues(page)
		v.Set("outcome_0_solution_0_lower_rungs_reason", "")
		v.Set("strength_0_kind", "")
		page = post("save with mistakes", v, http.StatusUnprocessableEntity, `href="#f-strength_0_kind"`,
			`href="#f-outcome_0_solution_0_lower_rungs_reason"`, "I get to choir practice every week")
		if n := rows("conversation"); n != 0 {
			t.Errorf("%d conversations saved with mistakes", n)
		}

		// Put right, with an empty entry added and left: saved, all at once.
		v = apptest.FormValues(page)
		v.Set("strength_0_kind", "community")
		v.Set("outcome_0_solution_0_lower_rungs_reason", "Her daughter lives abroad and the choir is across town")
		v.Set("network_count", "1")
		post("save", v, http.StatusSeeOther)
		for table, want := range map[string]int{"conversation": 1, "strength": 1, "aspiration": 1, "outcome": 1, "solution": 1, "person_network": 0} {
			if n := rows(table); n != want {
				t.Errorf("%d %s rows saved, want %d", n, table, want)
			}
		}
		if got := peopletest.Logged(t, db, site.A.Council.ID, person.ID)[before:]; len(got) != 1 || got[0] != accesslog.Create {
			t.Errorf("the save logged %v, want one create", got)
		}
	})
}

// TestADraftConversationComesBackAndIsOnTheCaseload: without JavaScript, "Save as a draft" keeps the page as typed,
// logged as a change to the person's record, and shows it again; the page comes back from the draft when opened
// again, and the practitioner's caseload lists it until the conversation is saved. A colleague never sees it.
func TestADraftConversationComesBackAndIsOnTheCaseload(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
		ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		client := site.SignIn(t, worker)
		path := fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", person.ID, ep.ID)
		_, page := site.Get(t, client, path)
		v := apptest.FormValues(page)
		v.Set("method", "phone")
		v.Set("mindset_words", "I want to get back to the choir")
		v.Set("strength_count", "1")
		v.Set("strength_0_person_words", "I sing alto")
		v.Set("entry", "draft")
		before := len(peopletest.Logged(t, db, site.A.Council.ID, person.ID))
		res, _ := site.PostBody(t, client, path, v)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path {
			t.Fatalf("save as a draft: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if got := peopletest.Logged(t, db, site.A.Council.ID, person.ID)[before:]; len(got) != 1 || got[0] != accesslog.Update {
			t.Errorf("saving a draft logged %v, want one update", got)
		}
		_, page = site.Get(t, client, path)
		for _, want := range []string{"Draft saved at", "Your draft was saved at", "I want to get back to the choir", "I sing alto"} {
			if !strings.Contains(page, want) {
				t.Errorf("the page after saving a draft does not say %q", want)
			}
		}
		_, caseload := site.Get(t, client, "/caseload")
		if !strings.Contains(caseload, "Conversations you have not finished") || !strings.Contains(caseload, person.FullName()+": draft saved") {
			t.Errorf("the caseload does not list the draft:\n%s", apptest.Excerpt(caseload))
		}

		// A colleague sees neither the draft nor its place on a caseload.
		colleague := site.SignIn(t, manager)
		if _, page := site.Get(t, colleague, path); strings.Contains(page, "I want to get back to the choir") {
			t.Error("a colleague's conversation page came back from the practitioner's draft")
		}
		if _, caseload := site.Get(t, colleague, "/caseload?team=mine"); strings.Contains(caseload, "Conversations you have not finished") {
			t.Error("a colleague's caseload lists the practitioner's draft")
		}

		// Saved, the conversation is recorded and the draft is gone.
		v = apptest.FormValues(page)
		v.Set("needed_help", "no")
		v.Set("strength_0_kind", "personal")
		if res, body := site.PostBody(t, client, path, v); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save the conversation: %d\n%s", res.StatusCode, apptest.Excerpt(body))
		}
		if _, caseload := site.Get(t, client, "/caseload"); strings.Contains(caseload, "Conversations you have not finished") {
			t.Error("the caseload still lists the draft of a saved conversation")
		}
		if _, page := site.Get(t, client, path); strings.Contains(page, "I want to get back to the choir") {
			t.Error("the conversation page came back from the draft of a saved conversation")
		}
	})
}
