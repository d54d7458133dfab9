package communitypage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type networksData struct {
	web.Page
	Year      int
	Years     []int // the year before and, up to this one, the year after, to move between
	Quarters  []community.Quarter
	Events    []community.Event
	Organises bool
}

// Networks is the practitioner networks page (GET /community/networks?year=2026): networks this year, each quarter
// with the framework's two topics, marking a quarter with no event on one; and the year's events, for every member of
// the council's staff.
func (p *Pages) Networks() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		today := web.Today(r)
		year := today.Year()
		if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1990 && y <= today.Year()+1 {
			year = y
		}
		data := networksData{Page: web.NewPage(r, "Practitioner networks"), Year: year, Organises: web.Can(r, community.Organises)}
		data.Years = append(data.Years, year-1)
		if year < today.Year() {
			data.Years = append(data.Years, year+1)
		}
		var err error
		if data.Quarters, err = p.store.Networks(web.Route(r), year); err != nil {
			return err
		}
		if data.Events, err = p.store.Events(web.Route(r), year); err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "community/networks.html", data)
	})
}

type eventData struct {
	web.Page
	web.ConflictPanel
	E       community.Event
	CanEdit bool
}

// Event is a network event's record (GET /community/networks/{event}), for every member of the council's staff:
// what it was, who attended and what was shared and agreed.
func (p *Pages) Event() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		e, err := p.store.Event(web.Route(r), r.PathValue("event"))
		if err != nil {
			return err
		}
		me, _ := councils.StaffFrom(r.Context())
		data := eventData{Page: web.NewPage(r, e.Title), E: e, CanEdit: me.Role == councils.QualityLead || (me.Role == councils.TeamManager && !e.ServiceWide() && me.InTeam(e.TeamID))}
		data.Back = paths.NetworkEvents.URL() + "?year=" + strconv.Itoa(e.HeldOn.Year())
		return p.tmpl.Render(w, r, http.StatusOK, "community/event.html", data)
	})
}

// serviceWide is the scope field's value for an event for the whole service.
const serviceWide = "service"

type eventForm struct {
	web.Page
	web.ConflictPanel
	ID         string
	Scopes     []web.Item
	Scope      string
	Topics     []web.Item
	Topic      string
	TopicOther string
	EventTitle string
	HeldOn     web.DateInput
	Online     string // "yes" or "no"
	Ways       []web.Item
	Place      string
	Staff      []web.Item
	Attendees  []string
	Shared     string
	Agreed     string
	Version    int
}

var eventOrder = []string{"version", "title", "team_id", "topic", "topic_other", "held_on", "online", "place", "attendees", "shared", "agreed"}

// NewEvent records a network event (GET and POST /community/networks/new): quality leads, for the service or any
// team; team managers, for their own teams.
func (p *Pages) NewEvent() web.Handler {
	return web.Requires(community.Organises, func(w http.ResponseWriter, r *http.Request) error {
		return p.eventForm(w, r, "")
	})
}

// EditEvent changes a network event, its attendance with it (GET and POST /community/networks/{event}/edit), for
// whoever may organise it; a stale save shows theirs beside yours (409).
func (p *Pages) EditEvent() web.Handler {
	return web.Requires(community.Organises, func(w http.ResponseWriter, r *http.Request) error {
		return p.eventForm(w, r, r.PathValue("event"))
	})
}

func (p *Pages) eventForm(w http.ResponseWriter, r *http.Request, id string) error {
	me, _ := councils.StaffFrom(r.Context())
	title := "Record a network event"
	if id != "" {
		title = "Change a network event"
	}
	data := &eventForm{Page: web.NewPage(r, title), ID: id, Ways: []web.Item{{Value: "no", Text: "In person"}, {Value: "yes", Text: "Online"}}}
	data.Back = paths.NetworkEvents.URL()
	for _, t := range community.Topics() {
		data.Topics = append(data.Topics, web.Item{Value: string(t), Text: t.Label()})
	}
	return web.Edit(p.tmpl, w, r, data, web.EditForm[community.Event]{
		Template: "community/event_form.html",
		Order:    eventOrder,
		Conflict: "Someone else changed this event while you were editing it. Check what they changed, then save again",
		Load: func() (community.Event, error) {
			teams, err := p.staff.Teams(web.Route(r))
			if err != nil {
				return community.Event{}, err
			}
			data.Scopes = nil
			if me.Role == councils.QualityLead {
				data.Scopes = append(data.Scopes, web.Item{Value: serviceWide, Text: "Service-wide"})
			}
			for _, t := range teams {
				if me.Role == councils.QualityLead || me.InTeam(t.ID) {
					data.Scopes = append(data.Scopes, web.Item{Value: t.ID, Text: t.Name})
				}
			}
			staff, err := p.staff.StaffList(web.Route(r))
			if err != nil {
				return community.Event{}, err
			}
			data.Staff = nil
			for _, s := range staff {
				if !s.Disabled() {
					data.Staff = append(data.Staff, web.Item{Value: s.ID, Text: s.Name})
				}
			}
			if id == "" {
				return community.Event{}, nil
			}
			e, err := p.store.Event(web.Route(r), id)
			if err != nil {
				return community.Event{}, err
			}
			if !(me.Role == councils.QualityLead || (!e.ServiceWide() && me.InTeam(e.TeamID))) {
				return community.Event{}, web.Forbidden
			}
			data.Back = paths.NetworkEvent.URL(id)
			return e, nil
		},
		Fill: func(e community.Event) {
			data.EventTitle, data.Topic, data.TopicOther, data.Place, data.Shared, data.Agreed = e.Title, string(e.Topic), e.TopicOther, e.Place, e.Shared, e.Agreed
			data.Scope, data.Online, data.Attendees, data.Version = scopeOf(e), yesNo(e.Online), e.AttendeeIDs(), e.Version
			data.HeldOn = web.DateInputOf(e.HeldOn.Time)
			if id == "" {
				data.HeldOn, data.Online, data.Scope = web.DateInputOf(web.Today(r).Time), "", ""
				if len(data.Scopes) == 1 {
					data.Scope = data.Scopes[0].Value
				}
			}
		},
		Read: func(f url.Values, errs *web.Errors) community.Event {
			data.EventTitle, data.Scope, data.Topic, data.TopicOther = f.Get("title"), f.Get("team_id"), f.Get("topic"), f.Get("topic_other")
			data.Online, data.Place, data.Attendees = f.Get("online"), f.Get("place"), f["attendees"]
			data.Shared, data.Agreed, data.Version = f.Get("shared"), f.Get("agreed"), web.FormVersion(f, "version")
			data.HeldOn = web.DateInputFrom(f, "held_on")
			e := community.Event{ID: id, Title: data.EventTitle, Topic: community.Topic(data.Topic), TopicOther: data.TopicOther, Place: data.Place,
				Online: data.Online == "yes", Shared: data.Shared, Agreed: data.Agreed, Version: data.Version,
				HeldOn: web.ReadDate(errs, data.HeldOn, "held_on", "The date of the event")}
			switch data.Scope {
			case "":
				errs.Add("team_id", "Select who the event was for")
			case serviceWide:
			default:
				e.TeamID = data.Scope
			}
			if data.Online != "yes" && data.Online != "no" {
				errs.Add("online", "Select whether the event was held in person or online")
			}
			for _, a := range data.Attendees {
				e.Attendees = append(e.Attendees, community.Attendee{StaffID: a})
			}
			check := e
			check.Normalise()
			ps := check.Validate()
			ps = slices.DeleteFunc(ps, func(p validation.Problem) bool { return p.Field == "held_on" && errs.Has("held_on") })
			web.AddProblems(errs, ps, eventOrder)
			return e
		},
		Save: func(e community.Event) (community.Event, error) {
			if id == "" {
				return p.store.RecordEvent(web.Route(r), e)
			}
			return e, p.store.UpdateEvent(web.Route(r), e)
		},
		Problems: web.ProblemsIn(validation.AsProblems),
		Compare: func(saved, typed community.Event) []web.Difference {
			typed.Normalise()
			data.Version = saved.Version
			return web.Differences(
				[3]string{"Title", saved.Title, typed.Title},
				[3]string{"Who it was for", web.ChosenText(data.Scopes, scopeOf(saved)), web.ChosenText(data.Scopes, scopeOf(typed))},
				[3]string{"Topic", saved.TopicText(), typed.TopicText()},
				[3]string{"Date", web.DateText(saved.HeldOn.Time), web.DateText(typed.HeldOn.Time)},
				[3]string{"Where", placeText(saved), placeText(typed)},
				[3]string{"Who attended", web.ChosenText(data.Staff, saved.AttendeeIDs()...), web.ChosenText(data.Staff, typed.AttendeeIDs()...)},
				[3]string{"What was shared", saved.Shared, typed.Shared},
				[3]string{"What was agreed", saved.Agreed, typed.Agreed},
			)
		},
		Done: func(e community.Event) error {
			web.SetFlash(r, "Network event saved: "+strings.TrimSpace(e.Title))
			http.Redirect(w, r, paths.NetworkEvent.URL(e.ID), http.StatusSeeOther)
			return nil
		},
	})
}

func scopeOf(e community.Event) string {
	if e.ServiceWide() {
		return serviceWide
	}
	return e.TeamID
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// placeText is where an event was held, as the conflict panel shows it.
func placeText(e community.Event) string {
	if e.Online {
		return strings.TrimSpace("Online " + e.Place)
	}
	return e.Place
}
