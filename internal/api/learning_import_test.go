package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Past attendance imported through the API keeps the page's rules: for the quality lead only; every bad line
// reported by its number and nothing saved; another council's staff unknown; and a good file imported once.
func TestImportAttendanceAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, manager, other := site.A.Staff[councils.QualityLead], site.A.Staff[councils.TeamManager], site.B.Staff[councils.QualityLead]
		path := api.LearningPath + "/attendance"
		csv := "text/csv; charset=utf-8"
		state := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "learning_booking"), dbtest.Count(t, db, site.B.Council.ID, "learning_booking"))
		}
		good := "email,course,completed_on\n" + site.A.Staff[councils.Practitioner].Email + ",Making Safeguarding Personal,2025-01-10\n" +
			site.A.SouthWorker.Email + ",Making Safeguarding Personal,10/01/2025\n"
		before := state()

		res, body := ask(lead, "POST", path, "email,course,completed_on\nnobody@example.org,Making Safeguarding Personal,2025-01-10\n"+
			site.A.Staff[councils.Practitioner].Email+",Knitting,2025-01-10\n", "Content-Type", csv)
		p := problemOf(t, "a file with two bad lines", res, body, 422, []string{"line 2", "line 3"})
		if p.Detail != "The file has 2 problems: nothing was imported. Correct them and send it again." {
			t.Errorf("detail: %q", p.Detail)
		}
		res, body = ask(lead, "POST", path, `{"email":"x"}`, "Content-Type", "application/json")
		problemOf(t, "JSON in place of CSV", res, body, 415, nil)
		res, body = ask(manager, "POST", path, good, "Content-Type", csv)
		problemOf(t, "a team manager", res, body, 403, nil)
		res, body = ask(other, "POST", path, good, "Content-Type", csv)
		problemOf(t, "another council's quality lead, with council A's staff", res, body, 422, []string{"line 2", "line 3"})
		if after := state(); after != before {
			t.Fatalf("a refused import changed bookings: %s → %s", before, after)
		}

		res, body = ask(lead, "POST", path, good, "Content-Type", csv)
		var got api.LearningImported
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 || got != (api.LearningImported{Completions: 2, Sessions: 1}) {
			t.Fatalf("a good file: %d %s", res.StatusCode, body)
		}
		res, body = ask(lead, "POST", path, good, "Content-Type", csv)
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 || got != (api.LearningImported{AlreadyRecorded: 2}) {
			t.Errorf("the same file again: %d %s", res.StatusCode, body)
		}
		if after := state(); after != "2 0" {
			t.Errorf("bookings after the import: %s, want 2 in council A and none in B", after)
		}
	})
}
