package strengthpage_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// strengthRecord is a scenario's person with a strength, a connection to someone who matters (Cara), someone who
// matters not described yet (Ben) and a community connection.
type strengthRecord struct {
	person     people.Person
	strength   strengths.Strength
	connection strengths.Connection // to Cara
	club       strengths.Connection
	ben        string // Ben's person_network id
	cara       string
}

type strengthScenario struct {
	name       string
	method     string
	path       string // {id}, {strength}, {connection}, {club}, {ben} are replaced
	form       func(r strengthRecord) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool // strengths and connections must be exactly as before
}

func strengthForm(kind, words string, version int) func(strengthRecord) url.Values {
	return func(strengthRecord) url.Values {
		return url.Values{"kind": {kind}, "person_words": {words}, "observed": {""}, "version": {fmt.Sprint(version)}}
	}
}

func connectionForm(fn func(r strengthRecord, v url.Values)) func(strengthRecord) url.Values {
	return func(r strengthRecord) url.Values {
		v := url.Values{"target": {r.cara}, "closeness": {"1"}, "link": {"strong"}, "support_received": {"Visits daily"},
			"support_given": {""}, "note": {""}, "version": {"1"}}
		fn(r, v)
		return v
	}
}

func TestStrengthPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	update, view := []accesslog.Action{accesslog.Update}, []accesslog.Action{accesslog.View}
	scenarios := []strengthScenario{
		// The person's page links here.
		{name: "person page links to strengths and the ecomap", method: "GET", path: "/people/{id}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`href="/people/{id}/strengths"`, `href="/people/{id}/ecomap"`}, wantLog: view},

		// The list.
		{name: "strengths by kind", method: "GET", path: "/people/{id}/strengths", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Personal strengths", "Their community", "I still cook Sunday lunch", "Add a strength"}, wantLog: view},
		{name: "strengths from another council", method: "GET", path: "/people/{id}/strengths", as: apptest.BWorker, wantStatus: 404, notBody: []string{"Sunday lunch"}},
		{name: "strengths as finance", method: "GET", path: "/people/{id}/strengths", as: apptest.AFinance, wantStatus: 404},
		{name: "strengths outside my team ask for a reason", method: "GET", path: "/people/{id}/strengths", as: apptest.ASouth, wantStatus: 303},
		{name: "strengths for another council's administrator", method: "GET", path: "/people/{id}/strengths", as: apptest.BAdmin, wantStatus: 404},

		// Adding a strength.
		{name: "add form", method: "GET", path: "/people/{id}/strengths/new?kind=community", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"What kind of strength is it?", "In their words", `value="community" checked`}},
		{name: "add form from another council", method: "GET", path: "/people/{id}/strengths/new", as: apptest.BWorker, wantStatus: 404},
		{name: "add a strength", method: "POST", path: "/people/{id}/strengths/new", as: apptest.AWorker, form: strengthForm("resources", "My bus pass gets me to town", 0), wantStatus: 303, wantLog: update},
		{name: "add with mistakes", method: "POST", path: "/people/{id}/strengths/new", as: apptest.AWorker, form: strengthForm("", "  ", 0), wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-kind"`, "Select the kind of strength", "Enter the strength in the person&#39;s own words"}, unchanged: true},
		{name: "add from an unknown episode", method: "POST", path: "/people/{id}/strengths/new", as: apptest.AWorker, form: func(r strengthRecord) url.Values {
			v := strengthForm("personal", "Determined", 0)(r)
			v.Set("episode", "no-such-episode")
			return v
		}, wantStatus: 422, wantBody: []string{"could not be found", "Determined"}, unchanged: true},
		{name: "add from another council", method: "POST", path: "/people/{id}/strengths/new", as: apptest.BWorker, form: strengthForm("personal", "Planted", 0), wantStatus: 404, unchanged: true},
		{name: "add as a practitioner outside the team", method: "POST", path: "/people/{id}/strengths/new", as: apptest.ASouth, form: strengthForm("personal", "Planted", 0), wantStatus: 303, unchanged: true},

		// Changing a strength.
		{name: "change form", method: "GET", path: "/people/{id}/strengths/{strength}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change a strength", "I still cook Sunday lunch", "Remove this strength"}, wantLog: view},
		{name: "change form from another council", method: "GET", path: "/people/{id}/strengths/{strength}", as: apptest.BWorker, wantStatus: 404, notBody: []string{"Sunday lunch"}},
		{name: "change a strength", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.AWorker, form: strengthForm("personal", "I cook for the whole family", 1), wantStatus: 303, wantLog: update},
		{name: "a stale change shows theirs and keeps mine", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.AWorker, form: strengthForm("personal", "Typed while they saved", 0), wantStatus: 409, wantBody: []string{"Someone else changed this strength", "What they saved", "I still cook Sunday lunch", "Typed while they saved", `href="#f-version"`}, wantLog: view, unchanged: true},
		{name: "remove a strength", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.AWorker, form: func(r strengthRecord) url.Values {
			return url.Values{"remove": {"yes"}, "version": {"1"}}
		}, wantStatus: 303, wantLog: update},
		{name: "change from another council", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.BWorker, form: strengthForm("personal", "Hijacked", 1), wantStatus: 404, unchanged: true},
		{name: "remove from another council", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.BWorker, form: func(strengthRecord) url.Values { return url.Values{"remove": {"yes"}, "version": {"1"}} }, wantStatus: 404, unchanged: true},
		{name: "finance cannot change strengths", method: "POST", path: "/people/{id}/strengths/{strength}", as: apptest.AFinance, form: strengthForm("personal", "Hijacked", 1), wantStatus: 403, unchanged: true},

		// The ecomap.
		{name: "ecomap", method: "GET", path: "/people/{id}/ecomap", as: apptest.AWorker, wantStatus: 200, wantBody: []string{
			`role="img"`, `<title id="ecomap-title">Ecomap: Ada Testperson&#39;s network</title>`,
			"Ada Testperson has 2 connections: 1 strong, 1 tenuous. 1 more person who matters is not described yet.",
			"Cara Testperson", "Ben Testperson", "Not described yet", "Tea &amp; Chat &lt;Club&gt;", "Visits daily",
			`href="/people/{id}/connections/new?member={ben}"`, `href="/people/{id}/connections/{connection}"`,
		}, notBody: []string{"<Club>"}, wantLog: view},
		{name: "ecomap from another council", method: "GET", path: "/people/{id}/ecomap", as: apptest.BWorker, wantStatus: 404, notBody: []string{"Cara"}},
		{name: "ecomap as finance", method: "GET", path: "/people/{id}/ecomap", as: apptest.AFinance, wantStatus: 404},

		// Adding a connection.
		{name: "connection form", method: "GET", path: "/people/{id}/connections/new?member={ben}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Who or what is the connection to?", `value="{ben}" checked`, "A group, place or organisation"}, notBody: []string{`value="{cara}"`}, wantLog: view},
		{name: "connection form from another council", method: "GET", path: "/people/{id}/connections/new", as: apptest.BWorker, wantStatus: 404},
		{name: "describe Ben", method: "POST", path: "/people/{id}/connections/new", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Set("target", r.ben); v.Set("link", "stressful") }), wantStatus: 303, wantLog: update},
		{name: "a community group with no name", method: "POST", path: "/people/{id}/connections/new", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Set("target", "community"); v.Del("closeness") }), wantStatus: 422, wantBody: []string{"Enter the name of the group, place or organisation", "Select how close the connection is", "Visits daily"}, wantLog: view, unchanged: true},
		{name: "nothing chosen", method: "POST", path: "/people/{id}/connections/new", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Del("target") }), wantStatus: 422, wantBody: []string{`href="#f-target"`, "Select someone who matters, or a group"}, wantLog: view, unchanged: true},
		{name: "Cara twice", method: "POST", path: "/people/{id}/connections/new", as: apptest.AWorker, form: connectionForm(func(strengthRecord, url.Values) {}), wantStatus: 422, wantBody: []string{"Cara Testperson is already on the map"}, wantLog: view, unchanged: true},
		{name: "a connection from another council", method: "POST", path: "/people/{id}/connections/new", as: apptest.BWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Set("target", "community"); v.Set("name", "Planted") }), wantStatus: 404, unchanged: true},

		// Changing a connection.
		{name: "change connection form", method: "GET", path: "/people/{id}/connections/{connection}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change a connection", "Cara Testperson", "Take off the map"}, wantLog: view},
		{name: "change community connection form", method: "GET", path: "/people/{id}/connections/{club}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`value="Tea &amp; Chat &lt;Club&gt;"`}, wantLog: view},
		{name: "change connection form from another council", method: "GET", path: "/people/{id}/connections/{connection}", as: apptest.BWorker, wantStatus: 404},
		{name: "change a connection", method: "POST", path: "/people/{id}/connections/{connection}", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Set("link", "tenuous") }), wantStatus: 303, wantLog: update},
		{name: "a stale connection change", method: "POST", path: "/people/{id}/connections/{connection}", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) {
			v.Set("version", "0")
			v.Set("note", "Typed while they saved")
		}), wantStatus: 409, wantBody: []string{"Someone else changed this connection", "What they saved", "Typed while they saved"}, wantLog: view, unchanged: true},
		{name: "blank a community connection's name", method: "POST", path: "/people/{id}/connections/{club}", as: apptest.AWorker, form: connectionForm(func(r strengthRecord, v url.Values) {
			v.Set("target", "community")
			v.Set("name", "")
		}), wantStatus: 422, wantBody: []string{"Enter the name of the group, place or organisation"}, wantLog: view, unchanged: true},
		{name: "take a connection off the map", method: "POST", path: "/people/{id}/connections/{connection}", as: apptest.AWorker, form: func(strengthRecord) url.Values { return url.Values{"remove": {"yes"}, "version": {"1"}} }, wantStatus: 303, wantLog: update},
		{name: "change a connection from another council", method: "POST", path: "/people/{id}/connections/{connection}", as: apptest.BWorker, form: connectionForm(func(r strengthRecord, v url.Values) { v.Set("link", "stressful") }), wantStatus: 404, unchanged: true},
		{name: "remove a connection from another council", method: "POST", path: "/people/{id}/connections/{club}", as: apptest.BWorker, form: func(strengthRecord) url.Values { return url.Values{"remove": {"yes"}, "version": {"1"}} }, wantStatus: 404, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				rec := seedStrengths(t, site)
				before := strengthsState(t, site, rec.person.ID)
				replace := strings.NewReplacer("{id}", rec.person.ID, "{strength}", rec.strength.ID, "{connection}", rec.connection.ID,
					"{club}", rec.club.ID, "{ben}", rec.ben, "{cara}", rec.cara)
				path := replace.Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(rec)
				}
				apptest.Ask(t, site, client(staff), staff, sc.method, path, form, rec.person.ID, apptest.Answer{Status: sc.wantStatus, Body: apptest.Filled(replace, sc.wantBody), NotBody: apptest.Filled(replace, sc.notBody), Log: sc.wantLog})
				after := strengthsState(t, site, rec.person.ID)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == http.StatusSeeOther)
				apptest.Retire(t, site, rec.person)
			})
		}
	})
}

// seedStrengths creates a person with a strength, Cara on the map, Ben not yet, and a community group.
func seedStrengths(t *testing.T, site *apptest.Site) strengthRecord {
	t.Helper()
	worker := site.A.Staff[councils.Practitioner]
	p := peopletest.MustCreate(t, site.App.DB, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Cara Testperson", Relationship: "Daughter"}, {Name: "Ben Testperson", Relationship: "Son"}}
	}))
	ctx := peopletest.As(worker)
	rec := strengthRecord{person: p, cara: p.Network[0].ID, ben: p.Network[1].ID}
	var err error
	if rec.strength, err = site.App.Strengths.Add(ctx, strengths.Strength{PersonID: p.ID, Kind: strengths.Personal, PersonWords: "I still cook Sunday lunch"}); err != nil {
		t.Fatal(err)
	}
	if rec.connection, err = site.App.Strengths.AddConnection(ctx, strengths.Connection{PersonID: p.ID, NetworkMemberID: rec.cara,
		Closeness: strengths.VeryClose, Link: strengths.Strong, SupportReceived: "Visits daily"}); err != nil {
		t.Fatal(err)
	}
	if rec.club, err = site.App.Strengths.AddConnection(ctx, strengths.Connection{PersonID: p.ID, Name: "Tea & Chat <Club>",
		Closeness: strengths.Distant, Link: strengths.Tenuous}); err != nil {
		t.Fatal(err)
	}
	return rec
}

// strengthsState is every strength and connection of a person, with versions, read as the command line would.
func strengthsState(t *testing.T, site *apptest.Site, personID string) string {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "test")
	_, list, err := site.App.Strengths.List(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	m, err := site.App.Strengths.Ecomap(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%+v %+v", list, m.Connections)
}
