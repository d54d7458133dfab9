package communitypage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// communityFixture is a service-wide event the quality lead recorded, a north team event its manager recorded, a
// published story and a draft, in council A.
type communityFixture struct {
	wide, team       community.Event
	published, draft community.Story
	today            sqldb.Date
}

type communityScenario struct {
	name       string
	method     string
	path       string
	form       func(site *apptest.Site, f communityFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func eventForm(fn func(v url.Values)) func(*apptest.Site, communityFixture) url.Values {
	return func(site *apptest.Site, f communityFixture) url.Values {
		v := url.Values{"title": {"Strengths network, summer"}, "team_id": {"service"}, "topic": {"strengths"}, "online": {"no"},
			"place": {"Town hall"}, "attendees": {site.A.Staff[councils.Practitioner].ID}, "shared": {"Stories of first conversations"},
			"agreed": {"Start with what matters"}, "version": {strconv.Itoa(f.wide.Version)}}
		apptest.DateFields("held_on", f.today, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func storyForm(fn func(v url.Values)) func(*apptest.Site, communityFixture) url.Values {
	return func(_ *apptest.Site, f communityFixture) url.Values {
		v := url.Values{"title": {"Walking to the shops again"}, "story": {"A man wanted to walk to the shops on his own again."},
			"why_good": {"The plan was his"}, "tags": {"Reablement, independence"}, "version": {strconv.Itoa(f.draft.Version)}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func version(n func(f communityFixture) int) func(*apptest.Site, communityFixture) url.Values {
	return func(_ *apptest.Site, f communityFixture) url.Values {
		return url.Values{"version": {strconv.Itoa(n(f))}}
	}
}

func TestCommunityPagesKeepCouncilsApart(t *testing.T) {
	t.Parallel()
	stale := func(communityFixture) int { return 0 }
	scenarios := []communityScenario{
		// Networks.
		{name: "networks, as a practitioner", method: "GET", path: "/community/networks", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Networks in", "Making Safeguarding Personal", "MSP network, autumn", "North huddle", "fewer than 6"}, notBody: []string{"Record a network event"}},
		{name: "networks, as a team manager", method: "GET", path: "/community/networks", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Record a network event"}},
		{name: "networks, from another council", method: "GET", path: "/community/networks", as: apptest.BQuality, wantStatus: 200, notBody: []string{"MSP network, autumn"}},
		{name: "networks of a year that is not one", method: "GET", path: "/community/networks?year=soon", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"MSP network, autumn"}},
		{name: "an event, as finance", method: "GET", path: "/community/networks/{event}", as: apptest.AFinance, wantStatus: 200,
			wantBody: []string{"MSP network, autumn", "Ask what matters first", "Test Practitioner", "Test South Worker"}, notBody: []string{"Change the event"}},
		{name: "an event, as the quality lead", method: "GET", path: "/community/networks/{event}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Change the event"}},
		{name: "an event, from another council", method: "GET", path: "/community/networks/{event}", as: apptest.BQuality, wantStatus: 404},
		{name: "the event form, as a team manager", method: "GET", path: "/community/networks/new", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Record a network event", "North", "Test Practitioner"}, notBody: []string{"Service-wide"}},
		{name: "the event form, as a practitioner", method: "GET", path: "/community/networks/new", as: apptest.AWorker, wantStatus: 403},
		{name: "record a service-wide event", method: "POST", path: "/community/networks/new", as: apptest.AQuality, form: eventForm(nil), wantStatus: 303},
		{name: "record a team event", method: "POST", path: "/community/networks/new", as: apptest.AManager, form: func(site *apptest.Site, f communityFixture) url.Values {
			return eventForm(func(v url.Values) { v.Set("team_id", site.A.North.ID) })(site, f)
		}, wantStatus: 303},
		{name: "a team manager's service-wide event", method: "POST", path: "/community/networks/new", as: apptest.AManager, form: eventForm(nil),
			wantStatus: 422, wantBody: []string{"Select one of your own teams"}, unchanged: true},
		{name: "an event with mistakes", method: "POST", path: "/community/networks/new", as: apptest.AQuality, form: eventForm(func(v url.Values) {
			v.Set("title", "")
			v.Set("topic", "other")
			v.Del("online")
			v.Set("held_on-month", "13")
		}), wantStatus: 422, wantBody: []string{"There is a problem", "Enter the event’s title", "Enter what the event was about", `href="#f-held_on`,
			"Select whether the event was held in person or online", "Stories of first conversations"}, unchanged: true},
		{name: "an event as a practitioner", method: "POST", path: "/community/networks/new", as: apptest.AWorker, form: eventForm(nil), wantStatus: 403, unchanged: true},
		{name: "an event from another council, with this council's staff", method: "POST", path: "/community/networks/new", as: apptest.BQuality, form: eventForm(nil),
			wantStatus: 422, wantBody: []string{"Select who attended from the council’s staff"}, unchanged: true},
		{name: "the change form", method: "GET", path: "/community/networks/{event}/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Change a network event", "Ask what matters first"}},
		{name: "the change form of a service-wide event, as a team manager", method: "GET", path: "/community/networks/{event}/edit", as: apptest.AManager, wantStatus: 403},
		{name: "the change form of their team's event, as a team manager", method: "GET", path: "/community/networks/{team}/edit", as: apptest.AManager, wantStatus: 200},
		{name: "the change form, from another council", method: "GET", path: "/community/networks/{event}/edit", as: apptest.BQuality, wantStatus: 404},
		{name: "change an event", method: "POST", path: "/community/networks/{event}/edit", as: apptest.AQuality, form: eventForm(nil), wantStatus: 303},
		{name: "a stale change", method: "POST", path: "/community/networks/{event}/edit", as: apptest.AQuality, form: eventForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this event", "What they changed", "MSP network, autumn", "Strengths network, summer"}, unchanged: true},
		{name: "a change from another council", method: "POST", path: "/community/networks/{event}/edit", as: apptest.BQuality, form: eventForm(nil), wantStatus: 404, unchanged: true},
		{name: "a change as a practitioner", method: "POST", path: "/community/networks/{event}/edit", as: apptest.AWorker, form: eventForm(nil), wantStatus: 403, unchanged: true},

		// The library.
		{name: "the library, as a practitioner", method: "GET", path: "/community/library", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Library of good practice", "Keeping the garden"}, notBody: []string{"A draft in progress", "Write a practice story"}},
		{name: "the library, as the quality lead", method: "GET", path: "/community/library", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Keeping the garden", "A draft in progress", "Write a practice story"}},
		{name: "the library by tag", method: "GET", path: "/community/library?tag=Carers", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Keeping the garden"}},
		{name: "the library by a tag no story has", method: "GET", path: "/community/library?tag=housing", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"No published stories match"}, notBody: []string{"Keeping the garden"}},
		{name: "the library by text", method: "GET", path: "/community/library?q=GARDEN", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Keeping the garden"}},
		{name: "the library, from another council", method: "GET", path: "/community/library", as: apptest.BWorker, wantStatus: 200, notBody: []string{"Keeping the garden"}},
		{name: "a story, as a practitioner", method: "GET", path: "/community/library/{story}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Keeping the garden", "What made it good practice", "carers"}, notBody: []string{"Publish", "Withdraw"}},
		{name: "a draft, as a practitioner", method: "GET", path: "/community/library/{draft}", as: apptest.AWorker, wantStatus: 404},
		{name: "a story, from another council", method: "GET", path: "/community/library/{story}", as: apptest.BQuality, wantStatus: 404},
		{name: "a draft, as the quality lead", method: "GET", path: "/community/library/{draft}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Draft", "Publish"}},
		{name: "publish a draft", method: "POST", path: "/community/library/{draft}", as: apptest.AQuality, form: version(func(f communityFixture) int { return f.draft.Version }), wantStatus: 303},
		{name: "publish a stale draft", method: "POST", path: "/community/library/{draft}", as: apptest.AQuality, form: version(stale), wantStatus: 409,
			wantBody: []string{"The story changed since you opened it"}, unchanged: true},
		{name: "publish as a practitioner", method: "POST", path: "/community/library/{draft}", as: apptest.AWorker, form: version(func(f communityFixture) int { return f.draft.Version }), wantStatus: 403, unchanged: true},
		{name: "publish from another council", method: "POST", path: "/community/library/{draft}", as: apptest.BQuality, form: version(func(f communityFixture) int { return f.draft.Version }), wantStatus: 404, unchanged: true},
		{name: "the story form", method: "GET", path: "/community/library/new", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Write a practice story", "Save and publish"}},
		{name: "the story form, as a team manager", method: "GET", path: "/community/library/new", as: apptest.AManager, wantStatus: 403},
		{name: "write and publish a story", method: "POST", path: "/community/library/new", as: apptest.AQuality, form: storyForm(func(v url.Values) { v.Set("publish", "yes") }), wantStatus: 303},
		{name: "a story with an NHS number", method: "POST", path: "/community/library/new", as: apptest.AQuality, form: storyForm(func(v url.Values) {
			v.Set("story", "A man, NHS number 943 476 5919, wanted to walk to the shops.")
			v.Set("publish", "yes")
		}), wantStatus: 422, wantBody: []string{"There is a problem", "The story contains what looks like an NHS number: 943 476 5919", `href="#f-story"`,
			"Remove it before publishing", "A man, NHS number 943 476 5919, wanted"}, unchanged: true},
		{name: "a story without its title", method: "POST", path: "/community/library/new", as: apptest.AQuality, form: storyForm(func(v url.Values) { v.Set("title", " ") }),
			wantStatus: 422, wantBody: []string{"Enter the story’s title"}, unchanged: true},
		{name: "a story from an audit that is not one", method: "POST", path: "/community/library/new", as: apptest.AQuality, form: storyForm(func(v url.Values) { v.Set("audit_id", "nothing") }),
			wantStatus: 422, wantBody: []string{"Select a completed audit graded Outstanding"}, unchanged: true},
		{name: "a story as a practitioner", method: "POST", path: "/community/library/new", as: apptest.AWorker, form: storyForm(nil), wantStatus: 403, unchanged: true},
		{name: "the change form of a story", method: "GET", path: "/community/library/{draft}/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"A draft in progress"}},
		{name: "the change form of a story, from another council", method: "GET", path: "/community/library/{draft}/edit", as: apptest.BQuality, wantStatus: 404},
		{name: "change a story", method: "POST", path: "/community/library/{draft}/edit", as: apptest.AQuality, form: storyForm(nil), wantStatus: 303},
		{name: "a stale change of a story", method: "POST", path: "/community/library/{draft}/edit", as: apptest.AQuality, form: storyForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this story", "A draft in progress", "Walking to the shops again"}, unchanged: true},
		{name: "a change of a story, from another council", method: "POST", path: "/community/library/{draft}/edit", as: apptest.BQuality, form: storyForm(nil), wantStatus: 404, unchanged: true},
		{name: "quality links to the community of practice", method: "GET", path: "/quality", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{`href="/community/networks"`, `href="/community/library"`}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newCommunityFixture(t, site)
				before := communityState(t, site)
				path := strings.NewReplacer("{event}", f.wide.ID, "{team}", f.team.ID, "{story}", f.published.ID, "{draft}", f.draft.ID).Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(site, f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "nobody", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, communityState(t, site), sc.unchanged || sc.method == "GET", sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

func newCommunityFixture(t *testing.T, site *apptest.Site) communityFixture {
	t.Helper()
	f := communityFixture{today: site.App.DB.Today()}
	lead, manager := peopletest.As(site.A.Staff[councils.QualityLead]), peopletest.As(site.A.Staff[councils.TeamManager])
	s := site.App.Community
	var err error
	if f.wide, err = s.RecordEvent(lead, community.Event{Title: "MSP network, autumn", Topic: community.MSP, HeldOn: f.today, Place: "Council chamber",
		Shared: "What people said about their enquiries", Agreed: "Ask what matters first",
		Attendees: []community.Attendee{{StaffID: site.A.Staff[councils.Practitioner].ID}, {StaffID: site.A.SouthWorker.ID}}}); err != nil {
		t.Fatal(err)
	}
	if f.team, err = s.RecordEvent(manager, community.Event{Title: "North huddle", TeamID: site.A.North.ID, Topic: community.Strengths, HeldOn: f.today,
		Online: true}); err != nil {
		t.Fatal(err)
	}
	if f.published, err = s.SaveStory(lead, community.Story{Title: "Keeping the garden", Story: "She wanted to keep her garden.",
		WhyGood: "What mattered came first", Tags: []string{"carers", "strengths"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(lead, f.published.ID, f.published.Version); err != nil {
		t.Fatal(err)
	}
	if f.draft, err = s.SaveStory(lead, community.Story{Title: "A draft in progress", Story: "Not ready yet."}); err != nil {
		t.Fatal(err)
	}
	return f
}

// communityState is everything these pages change in council A, as one comparable string.
func communityState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM network_event WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM network_event WHERE council_id = $1`,
		`SELECT count(*) FROM network_attendee WHERE council_id = $1`,
		`SELECT count(*) FROM practice_story WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM practice_story WHERE council_id = $1`,
		`SELECT count(*) FROM practice_story WHERE council_id = $1 AND published_at IS NOT NULL`,
	}, site.A.Council.ID)
}
