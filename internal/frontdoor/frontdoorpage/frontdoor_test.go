package frontdoorpage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// doorFixture is what each front-door scenario starts from: a person with a new contact (not yet triaged), a
// second contact triaged and waiting, and a signpost to a community service in the first episode.
type doorFixture struct {
	person   people.Person
	fresh    conversations.Episode // untriaged
	waiting  conversations.Episode // triaged, on the waiting list
	signpost frontdoor.Signpost
	service  string
}

type doorScenario struct {
	name       string
	method     string
	path       string // {id}, {episode}, {waiting}, {signpost} and {service} are the fixture's
	form       func(f doorFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool
}

func triageForm(priority, next string, stale bool) func(doorFixture) url.Values {
	return func(f doorFixture) url.Values {
		v := f.fresh.Version
		if stale {
			v--
		}
		return url.Values{"priority": {priority}, "triage_reason": {"Lives alone, carer away"}, "next": {next}, "version": {strconv.Itoa(v)}}
	}
}

func resolveForm(fn func(v url.Values)) func(doorFixture) url.Values {
	return func(f doorFixture) url.Values {
		v := url.Values{"result": {codelists.EventOutcomeInformationAdvice}, "note": {"Told about the lunch club"}, "version": {strconv.Itoa(f.fresh.Version)},
			"signpost-0-service": {f.service}, "signpost-0-what_shared": {"Opening times"}, "signpost-0-shared_how": {"printed", "told"}}
		apptest.DateFields("signpost-0-follow_up_on", sqldb.NewDate(f.fresh.OpenedOn.AddDate(0, 0, 14)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func checkInForm(fn func(v url.Values)) func(doorFixture) url.Values {
	return func(f doorFixture) url.Values {
		v := url.Values{"how_things": {"Managing, neighbour helping"}, "what_changed": {"Nothing"}, "priority": {"routine"}, "triage_reason": {"Safe for now"},
			"version": {strconv.Itoa(f.waiting.Version)}}
		apptest.DateFields("checked_in_on", f.waiting.OpenedOn, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func signpostForm(fn func(v url.Values)) func(doorFixture) url.Values {
	return func(f doorFixture) url.Values {
		v := url.Values{"signpost-0-service": {f.service}, "signpost-0-what_shared": {"Leaflet"}, "signpost-0-shared_how": {"emailed"}, "signpost-0-referred": {"yes"}, "signpost-0-consent": {"yes"}}
		apptest.DateFields("signposted_on", f.fresh.OpenedOn, v)
		apptest.DateFields("signpost-0-follow_up_on", sqldb.NewDate(f.fresh.OpenedOn.AddDate(0, 0, 7)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func followUpForm(result, note string, stale bool) func(doorFixture) url.Values {
	return func(f doorFixture) url.Values {
		v := url.Values{"result": {result}, "result_note": {note}, "version": {strconv.Itoa(f.signpost.Version)}}
		if stale {
			v.Set("version", "0")
		}
		apptest.DateFields("followed_up_on", f.fresh.OpenedOn, v)
		return v
	}
}

func TestFrontDoorPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	const ep = "/people/{id}/episodes/{episode}"
	scenarios := []doorScenario{
		// New contacts: information and advice and managers; not practitioners; another council sees none of ours.
		{name: "new contacts", method: "GET", path: "/front-door", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"New contacts", "Testperson, Ada", "Struggling with the stairs", "/triage"}},
		{name: "new contacts as a manager", method: "GET", path: "/front-door", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Testperson, Ada"}},
		{name: "new contacts as a practitioner", method: "GET", path: "/front-door", as: apptest.AWorker, wantStatus: 403},
		{name: "new contacts in another council", method: "GET", path: "/front-door", as: apptest.BAdvice, wantStatus: 200, notBody: []string{"Testperson", "Struggling with the stairs"}},

		// The waiting list.
		{name: "waiting list", method: "GET", path: "/front-door/waiting", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"Waiting list", "Testperson, Ada", "High", "Waiting for a first conversation", "Check in"}},
		{name: "waiting list for the south team", method: "GET", path: "/front-door/waiting?team={south}", as: apptest.AAdvice, wantStatus: 200, notBody: []string{"Testperson, Ada"}},
		{name: "waiting list of urgent people", method: "GET", path: "/front-door/waiting?priority=urgent", as: apptest.AAdvice, wantStatus: 200, notBody: []string{"Testperson, Ada"}},
		{name: "waiting list as finance", method: "GET", path: "/front-door/waiting", as: apptest.AFinance, wantStatus: 403},
		{name: "waiting list in another council", method: "GET", path: "/front-door/waiting", as: apptest.BAdvice, wantStatus: 200, notBody: []string{"Testperson"}},

		// Triage: the first of two pages.
		{name: "triage form", method: "GET", path: ep + "/triage", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"Triage this contact", "How soon must the work start?", "Resolve it now", "Struggling with the stairs"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "triage form from another council", method: "GET", path: ep + "/triage", as: apptest.BAdvice, wantStatus: 404},
		{name: "triage form as a practitioner", method: "GET", path: ep + "/triage", as: apptest.AWorker, wantStatus: 403},
		{name: "triage onto the waiting list", method: "POST", path: ep + "/triage", as: apptest.AAdvice, form: triageForm("high", "wait", false), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "triage to resolve", method: "POST", path: ep + "/triage", as: apptest.AAdvice, form: triageForm("routine", "resolve", false), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "triage with mistakes", method: "POST", path: ep + "/triage", as: apptest.AAdvice, form: triageForm("", "", false), wantStatus: 422, wantBody: []string{"There is a problem", "Select how soon the work must start", "Select whether to resolve"}, unchanged: true},
		{name: "a stale triage", method: "POST", path: ep + "/triage", as: apptest.AAdvice, form: triageForm("urgent", "wait", true), wantStatus: 409, wantBody: []string{"Someone else triaged this contact", "Lives alone, carer away"}, unchanged: true},
		{name: "triage from another council", method: "POST", path: ep + "/triage", as: apptest.BAdvice, form: triageForm("high", "wait", false), wantStatus: 404, unchanged: true},

		// Resolve: the second page.
		{name: "resolve form", method: "GET", path: ep + "/resolve", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"Resolve this contact", "How was it resolved?", "Signposts to community services", "Find a service"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "resolve form from another council", method: "GET", path: ep + "/resolve", as: apptest.BAdvice, wantStatus: 404},
		{name: "resolve form as finance", method: "GET", path: ep + "/resolve", as: apptest.AFinance, wantStatus: 403},
		{name: "resolve with a signpost", method: "POST", path: ep + "/resolve", as: apptest.AAdvice, form: resolveForm(nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "resolve without a signpost", method: "POST", path: ep + "/resolve", as: apptest.AAdvice, form: resolveForm(func(v url.Values) {
			for _, k := range []string{"signpost-0-service", "signpost-0-what_shared", "signpost-0-shared_how"} { // a follow-up date without a service is no signpost
				v.Del(k)
			}
		}), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "resolve with mistakes", method: "POST", path: ep + "/resolve", as: apptest.AAdvice, form: resolveForm(func(v url.Values) { v.Del("result"); v.Del("signpost-0-shared_how") }),
			wantStatus: 422, wantBody: []string{"Select how the work ended", "Select how you shared it"}, unchanged: true},
		{name: "a referral without consent", method: "POST", path: ep + "/resolve", as: apptest.AAdvice, form: resolveForm(func(v url.Values) { v.Set("signpost-0-referred", "yes") }),
			wantStatus: 422, wantBody: []string{"needs their consent"}, unchanged: true},
		{name: "a stale resolution", method: "POST", path: ep + "/resolve", as: apptest.AAdvice, form: resolveForm(func(v url.Values) { v.Set("version", "0") }), wantStatus: 409, wantBody: []string{"Someone else changed this contact"}, unchanged: true},
		{name: "resolve from another council", method: "POST", path: ep + "/resolve", as: apptest.BAdvice, form: resolveForm(nil), wantStatus: 404, unchanged: true},

		// Check-ins with someone waiting.
		{name: "check-in form", method: "GET", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"Check in with Ada Testperson", "How are things?", "Has anything changed?"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "check-in form from another council", method: "GET", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.BAdvice, wantStatus: 404},
		{name: "record a check-in", method: "POST", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.AAdvice, form: checkInForm(nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "a check-in with mistakes", method: "POST", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.AAdvice, form: checkInForm(func(v url.Values) { v.Set("how_things", ""); v.Set("checked_in_on-month", "13") }),
			wantStatus: 422, wantBody: []string{"Enter how things are", `href="#f-checked_in_on-month"`}, unchanged: true},
		{name: "a stale check-in", method: "POST", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.AAdvice, form: checkInForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else checked in", "Managing, neighbour helping"}, unchanged: true},
		{name: "a check-in from another council", method: "POST", path: "/people/{id}/episodes/{waiting}/check-ins/new", as: apptest.BAdvice, form: checkInForm(nil), wantStatus: 404, unchanged: true},

		// Signposts and referrals from an episode, and their follow-up.
		{name: "signposts", method: "GET", path: ep + "/signposts", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Signposts and referrals", "Lunch club", "Follow up by"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "signposts from another council", method: "GET", path: ep + "/signposts", as: apptest.BWorker, wantStatus: 404},
		{name: "signpost form", method: "GET", path: ep + "/signposts/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Signpost or refer to a community service", "Find a service"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "signpost form from another council", method: "GET", path: ep + "/signposts/new", as: apptest.BWorker, wantStatus: 404},
		{name: "record a referral", method: "POST", path: ep + "/signposts/new", as: apptest.AWorker, form: signpostForm(nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "a referral without consent", method: "POST", path: ep + "/signposts/new", as: apptest.AWorker, form: signpostForm(func(v url.Values) { v.Del("signpost-0-consent"); v.Del("signpost-0-what_shared") }),
			wantStatus: 422, wantBody: []string{"needs their consent", "Enter what you shared"}, unchanged: true},
		{name: "a referral from another council", method: "POST", path: ep + "/signposts/new", as: apptest.BWorker, form: signpostForm(nil), wantStatus: 404, unchanged: true},
		{name: "a signpost", method: "GET", path: ep + "/signposts/{signpost}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Lunch club", "Did it help?", "Record the follow-up"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "a signpost from another council", method: "GET", path: ep + "/signposts/{signpost}", as: apptest.BWorker, wantStatus: 404},
		{name: "record a follow-up", method: "POST", path: ep + "/signposts/{signpost}", as: apptest.AWorker, form: followUpForm("did_not_go", "The bus does not go there", false), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a follow-up without why", method: "POST", path: ep + "/signposts/{signpost}", as: apptest.AWorker, form: followUpForm("did_not_help", "", false), wantStatus: 422, wantBody: []string{"Enter why"}, unchanged: true},
		{name: "a stale follow-up", method: "POST", path: ep + "/signposts/{signpost}", as: apptest.AWorker, form: followUpForm("helped", "", true), wantStatus: 409, wantBody: []string{"Someone else recorded a follow-up"}, unchanged: true},
		{name: "a follow-up from another council", method: "POST", path: ep + "/signposts/{signpost}", as: apptest.BWorker, form: followUpForm("helped", "", false), wantStatus: 404, unchanged: true},

		// The directory service's page counts its use, with no names.
		{name: "a service's use", method: "GET", path: "/directory/services/{service}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"How often it was used", "Signposts and referrals", "We could not reach the person"}, notBody: []string{"Testperson"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newDoorFixture(t, site, db)
				before := doorState(t, site, f)
				path := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.fresh.ID, "{waiting}", f.waiting.ID, "{signpost}", f.signpost.ID,
					"{service}", f.service, "{south}", site.A.South.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
				after := doorState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == 303)
				apptest.Retire(t, site, f.person)
			})
		}
	})
}

func newDoorFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) doorFixture {
	t.Helper()
	advice, worker := site.A.Staff[councils.DirectoryEditor], site.A.Staff[councils.Practitioner]
	f := doorFixture{person: peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))}
	f.fresh = conversationstest.MustOpenEpisode(t, db, advice, f.person.ID)
	f.waiting = conversationstest.MustOpenEpisode(t, db, advice, f.person.ID)
	ctx := peopletest.As(advice)
	if err := site.App.FrontDoor.Triage(ctx, f.person.ID, f.waiting.ID, frontdoor.Triage{Priority: frontdoor.High, Reason: "Carer in hospital"}, f.waiting.Version); err != nil {
		t.Fatal(err)
	}
	f.waiting.Version++
	org, err := site.App.Directory.AddOrganisation(ctx, directory.Organisation{Name: "Exampleton Befriending", Description: "Volunteers who visit"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := site.App.Directory.AddService(ctx, directory.ServiceInput{OrganisationID: org.ID, Name: "Lunch club", Description: "A hot lunch", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	f.service = svc.ID
	f.signpost, err = site.App.FrontDoor.AddSignpost(peopletest.As(worker), frontdoor.Signpost{PersonID: f.person.ID, EpisodeID: f.fresh.ID, DirectoryServiceID: svc.ID,
		SignpostedOn: f.fresh.OpenedOn, WhatShared: "Phone number", SharedHow: []frontdoor.Shared{frontdoor.Told}, FollowUpOn: sqldb.NewDate(f.fresh.OpenedOn.AddDate(0, 0, 14))})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// doorState is everything the front door holds about the person, as one comparable string.
func doorState(t *testing.T, site *apptest.Site, f doorFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM contact WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM episode WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM signpost WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM signpost WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM solution WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`,
	}, site.A.Council.ID, f.person.ID)
}
