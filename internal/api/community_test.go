package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The community of practice through the API keeps the pages' rules: a quality lead records a service-wide event, a
// team manager only their own team's, a practitioner none; bad input is refused field by field and records nothing;
// attendance is recorded with If-Match; published stories are listed and searched by the council's staff, drafts
// never; and another council finds none of it.
func TestCommunityAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, manager, worker := site.A.Staff[councils.QualityLead], site.A.Staff[councils.TeamManager], site.A.Staff[councils.Practitioner]
		other := site.B.Staff[councils.QualityLead]
		today := site.App.DB.Today().String()
		recorded := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "network_event"), dbtest.Count(t, db, site.B.Council.ID, "network_event"),
				dbtest.Count(t, db, site.A.Council.ID, "network_attendee"))
		}
		event := func(team, fields string) string {
			return `{"title":"MSP network","team_id":"` + team + `","topic":"msp","held_on":"` + today + `","place":"Town hall"` + fields + `}`
		}
		attendees := `,"attendees":[{"staff_id":"` + worker.ID + `"},{"staff_id":"` + site.A.SouthWorker.ID + `"}]`

		refuses(t, ask, api.NetworkEventsPath, recorded, []refusal{
			{"an event without a title or a place, on a day that is not a date", lead,
				`{"title":" ","topic":"msp","held_on":"last week"}`, 422, []string{"held_on", "place", "title"}},
			{"an event on some other topic", lead, event("", `,"topic":"knitting"`), 422, []string{"topic"}},
			{"a service-wide event by a team manager", manager, event("", ""), 422, []string{"team_id"}},
			{"a south team event by the north team manager", manager, event(site.A.South.ID, ""), 422, []string{"team_id"}},
			{"an event by a practitioner", worker, event("", ""), 403, nil},
			{"an event from another council with this council's staff", other, event("", attendees), 422, []string{"attendees"}},
			{"an event from another council for this council's team", other, event(site.A.North.ID, ""), 422, []string{"team_id"}},
		})

		res, body := ask(lead, "POST", api.NetworkEventsPath, event("", attendees))
		var got api.NetworkEvent
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` ||
			res.Header.Get("Location") != api.NetworkEventPath(got.ID) || len(got.Attendees) != 2 || got.Attendance != "fewer than 6" || got.TeamID != "" {
			t.Fatalf("recording: %d %s %s", res.StatusCode, res.Header.Get("Location"), body)
		}
		if res, body := ask(manager, "POST", api.NetworkEventsPath, event(site.A.North.ID, "")); res.StatusCode != 201 || !strings.Contains(body, `"team_name":"`+site.A.North.Name) {
			t.Errorf("the team manager's own team's event: %d %s", res.StatusCode, body)
		}
		path := api.NetworkEventPath(got.ID)

		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			has, not   string
		}{
			{"the event, as a practitioner", path, worker, 200, `"title":"MSP network"`, ""},
			{"the event, as finance", path, site.A.Staff[councils.Finance], 200, `"attendance":"fewer than 6"`, ""},
			{"the event, from another council", path, other, 404, "", "MSP network"},
			{"the events, as a practitioner", api.NetworkEventsPath, worker, 200, `"id":"` + got.ID, ""},
			{"the events of a year", api.NetworkEventsPath + "?year=1999", worker, 200, `"items":[]`, ""},
			{"the events of a year that is not one", api.NetworkEventsPath + "?year=soon", worker, 422, `"field":"year"`, ""},
			{"the events, from another council", api.NetworkEventsPath, other, 200, `"items":[]`, got.ID},
		} {
			if res, body := ask(tt.as, "GET", tt.path, ""); res.StatusCode != tt.status || !strings.Contains(body, tt.has) || (tt.not != "" && strings.Contains(body, tt.not)) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}

		attendance := path + "/attendance"
		only := `{"staff_ids":["` + manager.ID + `"]}`
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			body   string
			header []string
			status int
		}{
			{"attendance without If-Match", lead, only, nil, 428},
			{"stale attendance", lead, only, []string{"If-Match", `"9"`}, 412},
			{"attendance by the team manager of a service-wide event", manager, only, []string{"If-Match", `"1"`}, 403},
			{"attendance by a practitioner", worker, only, []string{"If-Match", `"1"`}, 403},
			{"attendance from another council", other, only, []string{"If-Match", `"1"`}, 404},
			{"attendance of another council's staff", lead, `{"staff_ids":["` + other.ID + `"]}`, []string{"If-Match", `"1"`}, 422},
		} {
			before := recorded()
			if res, body := ask(tt.as, "POST", attendance, tt.body, tt.header...); res.StatusCode != tt.status {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
			if after := recorded(); after != before {
				t.Errorf("%s changed %s to %s", tt.name, before, after)
			}
		}
		res, body = ask(lead, "POST", attendance, only, "If-Match", `"1"`)
		if res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"attendees":[{"staff_id":"`+manager.ID) {
			t.Errorf("recording attendance: %d %s", res.StatusCode, body)
		}

		// Stories: published ones for the council's staff, searched by text and tag; drafts and another council's never.
		s := site.App.Community
		ql := peopletest.As(lead)
		published, err := s.SaveStory(ql, community.Story{Title: "Keeping the garden", Story: "She wanted to keep her garden.", Tags: []string{"Carers"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ql, published.ID, published.Version); err != nil {
			t.Fatal(err)
		}
		draft, err := s.SaveStory(ql, community.Story{Title: "Not ready", Story: "A draft."})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			has, not   string
		}{
			{"the library", api.StoriesPath, worker, 200, `"title":"Keeping the garden"`, "Not ready"},
			{"the library by tag", api.StoriesPath + "?tag=CARERS", worker, 200, `"tags":["carers"]`, ""},
			{"the library by text", api.StoriesPath + "?q=garden", worker, 200, published.ID, ""},
			{"the library by text not there", api.StoriesPath + "?q=kitchen", worker, 200, `"items":[]`, ""},
			{"the library by a search too long", api.StoriesPath + "?q=" + strings.Repeat("a", 201), worker, 422, `"field":"q"`, ""},
			{"the library, from another council", api.StoriesPath, other, 200, `"items":[]`, published.ID},
			{"a story", api.StoriesPath + "/" + published.ID, worker, 200, `"why_good":""`, ""},
			{"a draft, even for the quality lead", api.StoriesPath + "/" + draft.ID, lead, 404, "", "Not ready"},
			{"a story, from another council", api.StoriesPath + "/" + published.ID, other, 404, "", "garden"},
		} {
			if res, body := ask(tt.as, "GET", tt.path, ""); res.StatusCode != tt.status || !strings.Contains(body, tt.has) || (tt.not != "" && strings.Contains(body, tt.not)) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}
	})
}

// communityEnums are the values the rules allow in the community of practice's fields.
func communityEnums() []enumRule {
	return []enumRule{{"#/components/schemas/NetworkEvent/properties/topic/enum", values(community.Topics()...)}}
}

// The topics the document lists are the topics the rules allow, in the form's order.
func TestCommunityEnumsFollowTheRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), communityEnums())
}
