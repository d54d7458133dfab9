package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The cultural web through the API keeps the pages' rules: the quality lead and the programme lead record and change
// observations, a to-be change with the ids of the actions that make it; a team manager reads but cannot change;
// bad input is refused field by field and records nothing; a change needs If-Match and a stale one is 412; and
// another council finds none of it. Findings, the vision and stakeholders go the same way, and a finding, an
// observation or a stakeholder recorded in error is removed with If-Match.
func TestDiscoveryAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, partner, manager := site.A.Staff[councils.QualityLead], site.A.Staff[councils.ProgrammeLead], site.A.Staff[councils.TeamManager]
		worker, other := site.A.Staff[councils.Practitioner], site.B.Staff[councils.QualityLead]
		today := site.App.DB.Today()
		ps := programme.NewStore(db)
		if _, err := ps.StartProgramme(peopletest.As(lead), programme.Programme{Name: "Strengths-based practice", LeadStaffID: lead.ID, StartedOn: today}); err != nil {
			t.Fatal(err)
		}
		action, err := ps.AddAction(peopletest.As(lead), programme.Action{What: "Retire the panel", OwnerStaffID: lead.ID, DueOn: today, Status: programme.ActionNotStarted})
		if err != nil {
			t.Fatal(err)
		}
		recorded := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "culture_observation"), dbtest.Count(t, db, site.B.Council.ID, "culture_observation"),
				dbtest.Count(t, db, site.A.Council.ID, "culture_change_action"))
		}
		refuses(t, ask, api.ObservationsPath, recorded, []refusal{
			{"an observation on no web and no element", lead, `{"web":"sideways","element":"heroes","observation":" ","source":"survey"}`, 422,
				[]string{"element", "observation", "web"}},
			{"an as-is observation with an action", lead, `{"web":"as_is","element":"power","observation":"Panels decide","source":"survey","action_ids":["` + action.ID + `"]}`, 422,
				[]string{"action_ids"}},
			{"a change made by an action that is not one", lead, `{"web":"to_be","element":"power","observation":"We decide","source":"survey","action_ids":["nothing"]}`, 422,
				[]string{"action_ids"}},
			{"an observation by a team manager", manager, `{"web":"as_is","element":"power","observation":"Panels decide","source":"survey"}`, 403, nil},
			{"a change from another council with this council's action", other, `{"web":"to_be","element":"power","observation":"We decide","source":"survey","action_ids":["` + action.ID + `"]}`, 422,
				[]string{"action_ids"}},
		})
		res, body := ask(partner, "POST", api.ObservationsPath, `{"web":"to_be","element":"power","observation":"Practitioners decide with people","source":"workshop","action_ids":["`+action.ID+`"]}`)
		var got api.CultureObservation
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` ||
			res.Header.Get("Location") != api.ObservationPath(got.ID) || len(got.ActionIDs) != 1 || got.ActionIDs[0] != action.ID {
			t.Fatalf("recording a change: %d %s", res.StatusCode, body)
		}
		path := api.ObservationPath(got.ID)
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			has, not   string
		}{
			{"the webs, as a team manager", api.CulturePath, manager, 200, `"action_ids":["` + action.ID + `"]`, ""},
			{"the webs say what they lack", api.CulturePath, manager, 200, `"message":"As it is: nothing recorded about paradigm"`, ""},
			{"the webs, as a practitioner", api.CulturePath, worker, 403, "", "Practitioners decide"},
			{"the webs, from another council", api.CulturePath, other, 200, `"observations":[]`, "Practitioners decide"},
			{"the observation, from another council", path, other, 404, "", "Practitioners decide"},
			{"the observation, as the quality lead", path, lead, 200, `"observation":"Practitioners decide with people"`, ""},
		} {
			if res, body := ask(tt.as, "GET", tt.path, ""); res.StatusCode != tt.status || !strings.Contains(body, tt.has) || (tt.not != "" && strings.Contains(body, tt.not)) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}
		changed := `{"web":"to_be","element":"power","observation":"Practitioners decide with people, within clear limits","source":"workshop","action_ids":[]}`
		if res, _ := ask(lead, "PUT", path, changed); res.StatusCode != 428 {
			t.Errorf("a change without If-Match: %d", res.StatusCode)
		}
		if res, body := ask(lead, "PUT", path, changed, "If-Match", `"1"`); res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"action_ids":[]`) {
			t.Errorf("a change: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(lead, "PUT", path, changed, "If-Match", `"1"`); res.StatusCode != 412 || res.Header.Get("ETag") != `"2"` {
			t.Errorf("a stale change: %d %s", res.StatusCode, res.Header.Get("ETag"))
		}
		if res, _ := ask(other, "PUT", path, changed, "If-Match", `"2"`); res.StatusCode != 404 {
			t.Errorf("a change from another council: %d", res.StatusCode)
		}
		if res, _ := ask(manager, "PUT", path, changed, "If-Match", `"2"`); res.StatusCode != 403 {
			t.Errorf("a change by a team manager: %d", res.StatusCode)
		}

		// Findings.
		findings := func() string { return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "discovery_finding")) }
		refuses(t, ask, api.FindingsPath, findings, []refusal{
			{"a finding of no kind, found on a day that is not one", lead, `{"kind":"weakness","finding":"x","source":"survey","found_on":"last week"}`, 422, []string{"found_on", "kind"}},
			{"a finding by a team manager", manager, `{"kind":"strength","finding":"x","source":"survey","found_on":"` + today.String() + `"}`, 403, nil},
		})
		res, body = ask(lead, "POST", api.FindingsPath, `{"kind":"strength","finding":"Staff know their neighbourhoods","source":"workshop","found_on":"`+today.String()+`"}`)
		var finding api.DiscoveryFinding
		if err := json.Unmarshal([]byte(body), &finding); err != nil || res.StatusCode != 201 || res.Header.Get("Location") != api.FindingPath(finding.ID) {
			t.Fatalf("recording a finding: %d %s", res.StatusCode, body)
		}
		if res, body := ask(partner, "PUT", api.FindingPath(finding.ID), `{"kind":"strength","finding":"Staff know their communities","source":"workshop","found_on":"`+today.String()+`"}`,
			"If-Match", `"1"`); res.StatusCode != 200 || !strings.Contains(body, "their communities") {
			t.Errorf("changing a finding: %d %s", res.StatusCode, body)
		}
		if res, body := ask(other, "GET", api.FindingsPath, ""); res.StatusCode != 200 || strings.Contains(body, finding.ID) {
			t.Errorf("another council's findings: %d %s", res.StatusCode, body)
		}

		// The vision.
		if res, body := ask(lead, "POST", api.VisionPath+"/versions", `{"statement":"Good lives","agreed_on":"`+today.String()+`","co_producers":[]}`); res.StatusCode != 422 ||
			!strings.Contains(body, `"co_producers"`) {
			t.Errorf("a vision nobody co-produced: %d %s", res.StatusCode, body)
		}
		res, body = ask(partner, "POST", api.VisionPath+"/versions", `{"statement":"Good lives","agreed_on":"`+today.String()+`","co_producers":["experts_by_experience"]}`)
		var version api.VisionVersion
		if err := json.Unmarshal([]byte(body), &version); err != nil || res.StatusCode != 201 {
			t.Fatalf("recording a version of the vision: %d %s", res.StatusCode, body)
		}
		if res, body := ask(manager, "GET", api.VisionPath, ""); res.StatusCode != 200 || !strings.Contains(body, `"current_id":"`+version.ID+`"`) {
			t.Errorf("the vision: %d %s", res.StatusCode, body)
		}
		if res, body := ask(other, "GET", api.VisionPath, ""); res.StatusCode != 200 || strings.Contains(body, version.ID) {
			t.Errorf("another council's vision: %d %s", res.StatusCode, body)
		}

		// Stakeholders.
		res, body = ask(lead, "POST", api.StakeholdersPath, `{"name":"Carers' forum","kind":"carer","influence":"low","interest":"high","engagement":"Monthly visit","owner_id":"`+manager.ID+`"}`)
		var x api.Stakeholder
		if err := json.Unmarshal([]byte(body), &x); err != nil || res.StatusCode != 201 || x.Quadrant != "keep_informed" || x.OwnerName != manager.Name {
			t.Fatalf("adding a stakeholder: %d %s", res.StatusCode, body)
		}
		if res, body := ask(lead, "PUT", api.StakeholderPath(x.ID), `{"name":"Carers' forum","kind":"carer","influence":"high","interest":"high","engagement":"Monthly visit","owner_id":"`+manager.ID+`"}`,
			"If-Match", `"1"`); res.StatusCode != 200 || !strings.Contains(body, `"quadrant":"manage_closely"`) {
			t.Errorf("changing a stakeholder: %d %s", res.StatusCode, body)
		}
		if res, body := ask(lead, "POST", api.StakeholdersPath, `{"name":"x","kind":"carer","influence":"low","interest":"high","engagement":"y","owner_id":"`+other.ID+`"}`); res.StatusCode != 422 ||
			!strings.Contains(body, `"owner_id"`) {
			t.Errorf("a stakeholder owned by another council's staff: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(other, "GET", api.StakeholderPath(x.ID), ""); res.StatusCode != 404 {
			t.Errorf("another council's stakeholder: %d", res.StatusCode)
		}

		// Removing one recorded in error: If-Match is required, a stale version is 412 with the version now, another
		// council finds nothing to remove and a team manager may not; each refusal removes nothing.
		for _, rec := range []struct{ what, path, table string }{
			{"finding", api.FindingPath(finding.ID), "discovery_finding"},
			{"observation", path, "culture_observation"},
			{"stakeholder", api.StakeholderPath(x.ID), "programme_stakeholder"},
		} {
			count := func() int { return dbtest.Count(t, db, site.A.Council.ID, rec.table) }
			before := count()
			for _, tt := range []struct {
				name   string
				as     councils.Staff
				header []string
				status int
			}{
				{"without If-Match", lead, nil, 428},
				{"at a version changed since", lead, []string{"If-Match", `"1"`}, 412},
				{"from another council", other, []string{"If-Match", `"2"`}, 404},
				{"by a team manager", manager, []string{"If-Match", `"2"`}, 403},
			} {
				res, body := ask(tt.as, "DELETE", rec.path, "", tt.header...)
				if res.StatusCode != tt.status || count() != before {
					t.Errorf("a removal of the %s %s: %d %s, %d left of %d", rec.what, tt.name, res.StatusCode, body, count(), before)
				}
				if tt.status == 412 && res.Header.Get("ETag") != `"2"` {
					t.Errorf("a stale removal of the %s gives the ETag %s", rec.what, res.Header.Get("ETag"))
				}
			}
			if res, body := ask(partner, "DELETE", rec.path, "", "If-Match", `"2"`); res.StatusCode != 204 || body != "" || count() != before-1 {
				t.Errorf("removing the %s: %d %q, %d left of %d", rec.what, res.StatusCode, body, count(), before)
			}
			if res, _ := ask(lead, "GET", rec.path, ""); res.StatusCode != 404 {
				t.Errorf("the removed %s: %d", rec.what, res.StatusCode)
			}
		}
		if res, body := ask(lead, "GET", api.ProgrammeActionsPath+"/"+action.ID, ""); res.StatusCode != 200 {
			t.Errorf("the action a removed change linked to: %d %s", res.StatusCode, body)
		}
	})
}

// choiceValues are the values of one of the discovery's lists, in its order.
func choiceValues(cs []discovery.Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Value
	}
	return out
}

func discoveryEnums() []enumRule {
	s := "#/components/schemas/"
	var elements []string
	for _, e := range discovery.Elements {
		elements = append(elements, string(e.Element))
	}
	webs, sources := choiceValues(discovery.WebKinds), choiceValues(discovery.Sources)
	return []enumRule{
		{s + "DiscoveryFinding/properties/kind/enum", choiceValues(discovery.Kinds)},
		{s + "DiscoveryFinding/properties/source/enum", sources},
		{s + "VisionVersion/properties/co_producers/items/enum", choiceValues(discovery.CoProducers)},
		{s + "CulturalWeb/properties/web/enum", webs},
		{s + "CultureElement/properties/element/enum", elements},
		{s + "CultureObservation/properties/web/enum", webs},
		{s + "CultureObservation/properties/element/enum", elements},
		{s + "CultureObservation/properties/source/enum", sources},
		{s + "CultureGap/properties/web/enum", webs},
		{s + "Stakeholder/properties/kind/enum", choiceValues(discovery.StakeholderKinds)},
		{s + "Stakeholder/properties/influence/enum", choiceValues(discovery.Levels)},
		{s + "Stakeholder/properties/interest/enum", choiceValues(discovery.Levels)},
		{s + "Stakeholder/properties/quadrant/enum", choiceValues(discovery.Quadrants)},
	}
}

// The lists of values the document gives for the discovery and dream are the domain's lists, in their order.
func TestDiscoveryEnumsFollowTheRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), discoveryEnums())
}
