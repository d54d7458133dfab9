package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Staff resources through the API keep the pages' rules: quality leads and team managers make and change scenarios,
// field by field refusals save nothing, a change needs If-Match and a stale one is 412, everyone who reads measures
// reads them and their results, and another council finds none of it.
func TestWorkforceAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, manager, finance := site.A.Staff[councils.QualityLead], site.A.Staff[councils.TeamManager], site.A.Staff[councils.Finance]
		worker, other := site.A.Staff[councils.Practitioner], site.B.Staff[councils.QualityLead]
		saved := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "workforce_scenario"), dbtest.Count(t, db, site.B.Council.ID, "workforce_scenario"))
		}
		scenario := func(name string, change func(a map[string]any)) string {
			a := map[string]any{"contact_minutes": 30, "conversation_minutes": 120, "plan_minutes": 90, "review_minutes": 90, "safeguarding_minutes": 240,
				"supervision_minutes": 98, "with_people_percent": 40, "hours_per_week": 37.5, "leave_percent": 15, "training_percent": 5, "span": 8}
			if change != nil {
				change(a)
			}
			b, err := json.Marshal(map[string]any{"name": name, "description": "As teams work today", "assumptions": a})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}

		refuses(t, ask, api.WorkforcePath, saved, []refusal{
			{"a scenario with no span, a share of nothing and too many hours", lead, scenario("Current", func(a map[string]any) {
				a["span"], a["with_people_percent"], a["hours_per_week"] = 0, 0, 60
			}), 422, []string{"assumptions.hours_per_week", "assumptions.span", "assumptions.with_people_percent"}},
			{"a scenario with no name and minutes below none", lead, scenario("", func(a map[string]any) { a["review_minutes"] = -5 }), 422,
				[]string{"assumptions.review_minutes", "name"}},
			{"a scenario made by finance", finance, scenario("Current", nil), 403, nil},
			{"a scenario made by a practitioner", worker, scenario("Current", nil), 403, nil},
		})

		res, body := ask(lead, "POST", api.WorkforcePath, scenario("Current", nil))
		var got api.WorkforceScenario
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` ||
			res.Header.Get("Location") != api.WorkforceScenarioPath(got.ID) || got.Assumptions.HoursPerWeek != 37.5 || got.UpdatedBy != lead.Name {
			t.Fatalf("making a scenario: %d %s %s", res.StatusCode, res.Header.Get("Location"), body)
		}
		path := api.WorkforceScenarioPath(got.ID)
		if res, body := ask(manager, "POST", api.WorkforcePath, scenario("Current", nil)); res.StatusCode != 422 || !strings.Contains(body, "already a scenario called Current") {
			t.Errorf("a second scenario of the same name: %d %s", res.StatusCode, body)
		}

		for _, tt := range []struct {
			name   string
			as     councils.Staff
			method string
			path   string
			status int
			want   string
		}{
			{"the list, as finance", finance, "GET", api.WorkforcePath, 200, `"name":"Current"`},
			{"the list, from another council", other, "GET", api.WorkforcePath, 200, `{"items":[]}`},
			{"the list, as a practitioner", worker, "GET", api.WorkforcePath, 403, ""},
			{"the scenario, as a team manager", manager, "GET", path, 200, `"span":8`},
			{"the scenario, from another council", other, "GET", path, 404, ""},
			{"the results, as finance", finance, "GET", path + "/results?months=6", 200, `"months":6`},
			{"the results, for months not offered", finance, "GET", path + "/results?months=5", 400, "months must be 3, 6, 12 or 24"},
			{"the results, from another council", other, "GET", path + "/results", 404, ""},
		} {
			res, body := ask(tt.as, tt.method, tt.path, "")
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}

		res, body = ask(finance, "GET", path+"/results", "")
		var result api.WorkforceResult
		if err := json.Unmarshal([]byte(body), &result); err != nil || res.StatusCode != 200 || result.Months != 12 || len(result.Teams) != 2 ||
			result.Teams[0].TeamName != "North" || result.Teams[0].PractitionersInPost != 1 || result.Teams[0].Monthly == nil ||
			result.Total.Monthly != nil || result.Total.PractitionersInPost != 2 || result.Teams[0].ShareWithPeople != 0.4 {
			t.Errorf("the results: %d %s", res.StatusCode, body)
		}

		changed := scenario("Current", func(a map[string]any) { a["span"] = 6 })
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			header []string
			status int
		}{
			{"a change without If-Match", manager, nil, 428},
			{"a change from another council", other, []string{"If-Match", `"1"`}, 404},
			{"a change by finance", finance, []string{"If-Match", `"1"`}, 403},
			{"a change that breaks the rules", manager, []string{"If-Match", `"1"`}, 422},
		} {
			body := changed
			if tt.status == 422 {
				body = scenario("Current", func(a map[string]any) { a["span"] = 99 })
			}
			before := saved()
			if res, body := ask(tt.as, "PUT", path, body, tt.header...); res.StatusCode != tt.status {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
			if res, body := ask(lead, "GET", path, ""); res.Header.Get("ETag") != `"1"` || saved() != before {
				t.Errorf("%s changed the scenario: %s", tt.name, body)
			}
		}
		res, body = ask(manager, "PUT", path, changed, "If-Match", `"1"`)
		if res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"span":6`) {
			t.Errorf("a change: %d %s", res.StatusCode, body)
		}
		if res, body := ask(lead, "PUT", path, changed, "If-Match", `"1"`); res.StatusCode != 412 || res.Header.Get("ETag") != `"2"` {
			t.Errorf("a stale change: %d %s", res.StatusCode, body)
		}
	})
}
