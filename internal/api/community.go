package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The community of practice: practitioner network events, which every member of a council's staff reads and quality
// leads and team managers record (a team manager only their own teams' events), with who attended; and the library of
// good practice's published stories, searched by text and tag. A council's existing learning system can exchange
// network attendance through these routes. Another council's events and stories do not exist here (404, or an empty
// list). Drafts of stories are not in the API: quality leads draft and publish them on the library's pages, where the
// story checker's findings are shown beside the form.

// CommunityStore is what the API needs of community.Store.
type CommunityStore interface {
	Events(ctx context.Context, year int) ([]community.Event, error)
	Event(ctx context.Context, id string) (community.Event, error)
	RecordEvent(ctx context.Context, e community.Event) (community.Event, error)
	SetAttendance(ctx context.Context, id string, staffIDs []string, version int) error
	Stories(ctx context.Context, q community.Search) ([]community.Story, error)
	Story(ctx context.Context, id string) (community.Story, error)
}

// WithCommunity adds the community of practice's store to the API. Its routes are always listed (Routes), so that
// the OpenAPI document is checked against them.
func (a *API) WithCommunity(s CommunityStore) *API {
	a.community = s
	return a
}

// The API's community of practice paths.
const (
	CommunityPath     = "/api/v1/community"
	NetworkEventsPath = CommunityPath + "/networks/events"
	StoriesPath       = CommunityPath + "/stories"
)

// NetworkEventPath is the API address of a network event.
func NetworkEventPath(id string) string { return NetworkEventsPath + "/" + id }

func (a *API) communityRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+NetworkEventsPath, a.listNetworkEvents),
		route("POST "+NetworkEventsPath, a.recordNetworkEvent),
		route("GET "+NetworkEventsPath+"/{event}", a.getNetworkEvent),
		route("POST "+NetworkEventsPath+"/{event}/attendance", a.recordNetworkAttendance),
		route("GET "+StoriesPath, a.listPracticeStories),
		route("GET "+StoriesPath+"/{story}", a.getPracticeStory),
	}
}

// NetworkEvent is a practitioner network event: a team's or service-wide, on a topic, with who attended and what was
// shared and agreed.
type NetworkEvent struct {
	ID         string            `json:"id"` // read-only
	Title      string            `json:"title"`
	TeamID     string            `json:"team_id"`   // "" for a service-wide event
	TeamName   string            `json:"team_name"` // read-only
	Topic      string            `json:"topic"`
	TopicOther string            `json:"topic_other"`
	HeldOn     *string           `json:"held_on"`
	Place      string            `json:"place"`
	Online     bool              `json:"online"`
	Shared     string            `json:"shared"`
	Agreed     string            `json:"agreed"`
	Attendees  []NetworkAttendee `json:"attendees"`
	Attendance string            `json:"attendance"` // read-only: how many attended, safe to show above one team
	Version    int               `json:"version"`    // read-only: send it back in If-Match
}

// NetworkAttendee is a member of the council's staff who attended a network event.
type NetworkAttendee struct {
	StaffID string `json:"staff_id"`
	Name    string `json:"name"` // read-only
}

// NetworkAttendance is who attended a network event, replacing whoever was recorded before.
type NetworkAttendance struct {
	StaffIDs []string `json:"staff_ids"`
}

// PracticeStory is a published story in the library of good practice.
type PracticeStory struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Story       string     `json:"story"`
	WhyGood     string     `json:"why_good"`
	Tags        []string   `json:"tags"`
	PublishedAt *time.Time `json:"published_at"`
	Version     int        `json:"version"`
}

func networkEventOf(e community.Event) NetworkEvent {
	return NetworkEvent{ID: e.ID, Title: e.Title, TeamID: e.TeamID, TeamName: e.TeamName, Topic: string(e.Topic), TopicOther: e.TopicOther,
		HeldOn: dateOrNull(e.HeldOn), Place: e.Place, Online: e.Online, Shared: e.Shared, Agreed: e.Agreed, Attendance: e.Attendance(), Version: e.Version,
		Attendees: listOf(e.Attendees, func(x community.Attendee) NetworkAttendee { return NetworkAttendee{StaffID: x.StaffID, Name: x.Name} })}
}

func practiceStoryOf(x community.Story) PracticeStory {
	tags := x.Tags
	if tags == nil {
		tags = []string{}
	}
	return PracticeStory{ID: x.ID, Title: x.Title, Story: x.Story, WhyGood: x.WhyGood, Tags: tags, PublishedAt: timeOrNull(x.PublishedAt), Version: x.Version}
}

// listNetworkEvents is GET /api/v1/community/networks/events?year=2026: the council's network events held in the
// year (this year when none is given), newest first.
func (a *API) listNetworkEvents(w http.ResponseWriter, r *http.Request) error {
	year := sqldb.TodayIn(r.Context()).Year()
	if y := r.URL.Query().Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			var f fields
			f.add("year", "Year must be a year, such as 2026")
			return f.check(nil)
		}
		year = n
	}
	events, err := a.community.Events(r.Context(), year)
	if err != nil {
		return err
	}
	sendList(w, listOf(events, networkEventOf))
	return nil
}

func (a *API) readNetworkEvent(r *http.Request, id string) (int, any, error) {
	e, err := a.community.Event(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return e.Version, networkEventOf(e), nil
}

// getNetworkEvent is GET /api/v1/community/networks/events/{event}.
func (a *API) getNetworkEvent(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readNetworkEvent(r, r.PathValue("event")) })
}

// recordNetworkEvent is POST /api/v1/community/networks/events: a quality lead records an event for the service or
// any team, a team manager for their own teams.
func (a *API) recordNetworkEvent(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in NetworkEvent) (string, int, any, error) {
		var f fields
		e := community.Event{Title: in.Title, TeamID: strings.TrimSpace(in.TeamID), Topic: community.Topic(strings.TrimSpace(in.Topic)),
			TopicOther: in.TopicOther, HeldOn: f.date("held_on", "The date of the event", in.HeldOn), Place: in.Place, Online: in.Online,
			Shared: in.Shared, Agreed: in.Agreed}
		for _, x := range in.Attendees {
			e.Attendees = append(e.Attendees, community.Attendee{StaffID: x.StaffID})
		}
		check := e
		check.Normalise()
		if err := f.check(check.Validate()); err != nil {
			return "", 0, nil, err
		}
		got, err := a.community.RecordEvent(r.Context(), e)
		if err != nil {
			return "", 0, nil, err
		}
		return NetworkEventPath(got.ID), got.Version, networkEventOf(got), nil
	})
}

// recordNetworkAttendance is POST /api/v1/community/networks/events/{event}/attendance: who attended, replacing
// whoever was recorded, with If-Match, by whoever may organise the event.
func (a *API) recordNetworkAttendance(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("event")
	return change(w, r, "the network event",
		func(in NetworkAttendance, version int) error {
			return a.community.SetAttendance(r.Context(), id, in.StaffIDs, version)
		},
		func() (int, any, error) { return a.readNetworkEvent(r, id) })
}

// listPracticeStories is GET /api/v1/community/stories?q=text&tag=tag: the council's published stories, newest
// first, matching the text and the tag when given.
func (a *API) listPracticeStories(w http.ResponseWriter, r *http.Request) error {
	q := community.Search{Text: r.URL.Query().Get("q"), Tag: r.URL.Query().Get("tag")}
	if len(q.Text) > 200 || len(q.Tag) > 40 {
		var f fields
		f.add("q", fmt.Sprintf("Search for %d characters or fewer, and a tag of %d or fewer", 200, 40))
		return f.check(nil)
	}
	stories, err := a.community.Stories(r.Context(), q)
	if err != nil {
		return err
	}
	sendList(w, listOf(stories, practiceStoryOf))
	return nil
}

// getPracticeStory is GET /api/v1/community/stories/{story}: a published story.
func (a *API) getPracticeStory(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) {
		x, err := a.community.Story(r.Context(), r.PathValue("story"))
		if err != nil {
			return 0, nil, err
		}
		if !x.Published() {
			return 0, nil, fmt.Errorf("practice story %s: %w", x.ID, sqldb.ErrNotFound)
		}
		return x.Version, practiceStoryOf(x), nil
	})
}
