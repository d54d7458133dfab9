package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/audits"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// Supervision through the API keeps the pages' rules: a team manager records a session with someone in their team,
// what has gone well first; bad input is refused field by field and records nothing; the record, with its personal
// sections, is read by the two of them and the quality lead and by nobody else; reading it logs a view of each
// person discussed; the supervisee agrees it with If-Match; and another council finds none of it.
func TestSupervisionAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		token := site.Tokens(t)
		w := planstest.New(t, db, site.A)
		manager, worker, quality := site.A.Staff[councils.TeamManager], site.A.Staff[councils.Practitioner], site.A.Staff[councils.QualityLead]
		// A second team manager, of the south team, who supervises neither of them.
		southManager, err := site.App.Councils.CreateStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), councils.NewStaff{
			Email: "south.manager@example.org", Name: "Test South Manager", Role: councils.TeamManager, TeamIDs: []string{site.A.South.ID}})
		if err != nil {
			t.Fatal(err)
		}
		other := site.B.Staff[councils.QualityLead]
		today := site.App.DB.Today().String()
		ask := asker(t, site, token)
		recorded := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "supervision"), dbtest.Count(t, db, site.B.Council.ID, "supervision"),
				dbtest.Count(t, db, site.A.Council.ID, "supervision_case"))
		}
		session := func(supervisee, fields string) string {
			return `{"supervisee_id":"` + supervisee + `","held_on":"` + today + `","kind":"one_to_one"` + fields + `}`
		}
		discussed := `,"cases":[{"person_id":"` + w.Person.ID + `","discussion":"Her plan","decision":"Carry on"}]`
		full := session(worker.ID, `,"went_well":"Ada’s plan reads as hers","wellbeing":"Tired after the winter","learning":"Best interests training",`+
			`"reflection":"I listen more now","actions":[{"what":"Book Ada’s review","owner":"Priya","due_on":"`+today+`"}]`+discussed)

		refuses(t, ask, api.SupervisionPath+"/sessions", recorded, []refusal{
			{"recording without what has gone well, a case without its discussion and an action without its owner", manager,
				session(worker.ID, `,"cases":[{"person_id":"`+w.Person.ID+`"}],"actions":[{"what":"Book Ada’s review","due_on":"`+today+`"}]`),
				422, []string{"actions[0].owner", "cases[0].discussion", "went_well"}},
			{"recording on a day that is not a date, held some other way", manager,
				`{"supervisee_id":"` + worker.ID + `","held_on":"last Tuesday","kind":"walk","went_well":"Good"}`, 422, []string{"held_on"}},
			{"recording, held some other way", manager, session(worker.ID, `,"went_well":"Good","kind":"walk"`), 422, []string{"kind"}},
			{"recording as a practitioner", worker, session(site.A.SouthWorker.ID, `,"went_well":"Good"`), 403, nil},
			{"recording by a manager who does not supervise them", southManager, session(worker.ID, `,"went_well":"Good"`), 422, []string{"supervisee_id"}},
			{"recording from another council, of this council's practitioner", other, session(worker.ID, `,"went_well":"Good"`), 422, []string{"supervisee_id"}},
			{"recording from another council, discussing this council's person", other,
				session(site.B.Staff[councils.Practitioner].ID, `,"went_well":"Good"`+discussed), 422, []string{"cases[0].person_id"}},
		})

		res, body := ask(manager, "POST", api.SupervisionPath+"/sessions", full)
		var got api.SupervisionSession
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` ||
			res.Header.Get("Location") != api.SupervisionSessionPath(got.ID) || got.SupervisorID != manager.ID || got.Wellbeing != "Tired after the winter" ||
			len(got.Cases) != 1 || got.Cases[0].PersonName == "" || len(got.Actions) != 1 {
			t.Fatalf("recording: %d %s %s", res.StatusCode, res.Header.Get("Location"), body)
		}
		path := api.SupervisionSessionPath(got.ID)

		// The record for the two of them and the quality lead, its personal sections for the two of them alone (a quality
		// lead reads them only through a supervision audit); nobody else finds it.
		for _, tt := range []struct {
			name     string
			as       councils.Staff
			status   int
			logged   bool
			personal bool
		}{
			{"its supervisee", worker, 200, true, true},
			{"the quality lead", quality, 200, true, false},
			{"another team manager", southManager, 404, false, false},
			{"another practitioner", site.A.SouthWorker, 404, false, false},
			{"another council's quality lead", other, 404, false, false},
		} {
			logged := len(apptest.LogOf(t, site, w.Person.ID))
			res, body := ask(tt.as, "GET", path, "")
			if res.StatusCode != tt.status || strings.Contains(body, "Tired after the winter") != tt.personal ||
				strings.Contains(body, "I listen more now") != tt.personal {
				t.Errorf("the session, as %s: %d %s", tt.name, res.StatusCode, body)
			}
			log := apptest.LogOf(t, site, w.Person.ID)[logged:]
			if tt.logged && (len(log) != 1 || log[0].Action != accesslog.View || log[0].Reason != supervision.DiscussedInSupervision || log[0].Channel != accesslog.API) {
				t.Errorf("the session, as %s, logged %+v", tt.name, log)
			}
			if !tt.logged && len(log) != 0 {
				t.Errorf("the session, as %s, refused and logged %+v", tt.name, log)
			}
		}

		// Lists: who stands where, and the sessions without what was said.
		sessions := api.SupervisionPath + "/staff/" + worker.ID + "/sessions"
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			has, not   string
		}{
			{"the standings, as the manager", api.SupervisionPath, manager, 200, `"staff_id":"` + worker.ID + `","staff_name":"` + worker.Name + `","weeks":4,"last_on":"` + today, "Tired"},
			{"the standings, from another council", api.SupervisionPath, other, 200, `"items":[`, worker.ID},
			{"the sessions, as the supervisee", sessions, worker, 200, `"id":"` + got.ID, "Ada’s plan"},
			{"the sessions, as another team manager", sessions, southManager, 200, `"items":[]`, ""},
			{"the sessions, from another council", sessions, other, 404, "", worker.Name},
		} {
			if res, body := ask(tt.as, "GET", tt.path, ""); res.StatusCode != tt.status || !strings.Contains(body, tt.has) || (tt.not != "" && strings.Contains(body, tt.not)) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}
		if res, body := ask(worker, "GET", sessions, ""); strings.Contains(body, "went_well") || strings.Contains(body, "wellbeing") || res.StatusCode != 200 {
			t.Errorf("a list of sessions showed what was said: %s", body)
		}

		// The supervisee agrees the record, once, from the version they read.
		agreement := `{"comment":"A fair record"}`
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			header []string
			status int
		}{
			{"without If-Match", worker, nil, 428},
			{"as its supervisor", manager, []string{"If-Match", `"1"`}, 403},
			{"as another team manager", southManager, []string{"If-Match", `"1"`}, 404},
			{"from another council", other, []string{"If-Match", `"1"`}, 404},
		} {
			if res, body := ask(tt.as, "POST", path+"/agreement", agreement, tt.header...); res.StatusCode != tt.status {
				t.Errorf("agreeing %s: %d %s", tt.name, res.StatusCode, body)
			}
		}
		if res, body := ask(worker, "POST", path+"/agreement", agreement, "If-Match", `"1"`); res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` ||
			!strings.Contains(body, `"comment":"A fair record"`) || strings.Contains(body, `"agreed_at":null`) {
			t.Fatalf("agreeing: %d %s", res.StatusCode, body)
		}
		if res, body := ask(worker, "POST", path+"/agreement", `{"comment":"On second thoughts"}`, "If-Match", `"1"`); res.StatusCode != 412 || res.Header.Get("ETag") != `"2"` {
			t.Errorf("agreeing again from the version before: %d %s", res.StatusCode, body)
		}
		if _, body := ask(worker, "GET", path, ""); !strings.Contains(body, `"comment":"A fair record"`) {
			t.Errorf("a stale agreement changed the record: %s", body)
		}

		// Sampled into a supervision audit round, the session is read through its audit, personal sections and all, by
		// its auditor; the person discussed is logged as read for a supervision audit.
		lead := councils.WithStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), quality)
		tools, err := site.App.Audits.Tools(lead)
		if err != nil {
			t.Fatal(err)
		}
		round, _, err := site.App.Audits.CreateRound(lead, audits.NewRound{Name: "Supervision audit", ToolID: tools[1].ID, StartsOn: site.App.DB.Today(),
			EndsOn: site.App.DB.Today(), PerTeam: 5, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		res, body = ask(quality, "GET", api.AuditRoundPath(round.ID), "")
		var detail api.AuditRoundDetail
		if err := json.Unmarshal([]byte(body), &detail); err != nil || res.StatusCode != 200 || detail.Round.ToolKind != "supervision" ||
			len(detail.Audits) != 1 || detail.Audits[0].SupervisionID != got.ID || !strings.HasPrefix(detail.Audits[0].Subject, "Supervision of") {
			t.Fatalf("the supervision round: %d %s", res.StatusCode, body)
		}
		auditPath := api.QualityPath + "/audits/" + detail.Audits[0].ID
		logged := len(apptest.LogOf(t, site, w.Person.ID))
		if res, body := ask(quality, "GET", auditPath, ""); res.StatusCode != 200 || !strings.Contains(body, "Tired after the winter") ||
			!strings.Contains(body, `"supervision_id":"`+got.ID+`"`) {
			t.Errorf("the supervision audit, as its auditor: %d %s", res.StatusCode, body)
		}
		if log := apptest.LogOf(t, site, w.Person.ID)[logged:]; len(log) != 1 || log[0].Reason != audits.SupervisionAudit {
			t.Errorf("reading the supervision audit logged %+v", log)
		}
		for _, as := range []councils.Staff{worker, southManager, other} {
			if res, body := ask(as, "GET", auditPath, ""); res.StatusCode != 404 || strings.Contains(body, "Tired after the winter") {
				t.Errorf("the supervision audit, as %s: %d %s", as.Email, res.StatusCode, body)
			}
		}
	})
}

// The supervision API's lists of values are the supervision package's own.
func TestSupervisionEnumsFollowTheirRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), supervisionEnums())
}

func supervisionEnums() []enumRule {
	kinds := values(supervision.Kinds()...)
	return []enumRule{
		{"#/components/schemas/SupervisionSummary/properties/kind/enum", kinds},
		{"#/components/schemas/SupervisionSession/properties/kind/enum", kinds},
	}
}
