package discoverypage_test

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// fixture is council A's discovery: a finding, two versions of the vision, an observation on each web and a
// stakeholder.
type fixture struct {
	finding      discovery.Finding
	first, later discovery.VisionVersion
	asIs, toBe   discovery.Observation
	stakeholder  discovery.Stakeholder
	action       string // an action in council A's programme
	linked       discovery.Observation
	today        sqldb.Date
}

// programmeAction adds an action to council A's programme, starting the programme the first time.
func programmeAction(t *testing.T, site *apptest.Site, what string) string {
	t.Helper()
	ps, lead := programme.NewStore(site.App.DB), peopletest.As(site.A.Staff[councils.QualityLead])
	if _, err := ps.Programme(lead); errors.Is(err, sqldb.ErrNotFound) {
		if _, err := ps.StartProgramme(lead, programme.Programme{Name: "Strengths-based practice", LeadStaffID: site.A.Staff[councils.QualityLead].ID,
			StartedOn: site.App.DB.Today()}); err != nil {
			t.Fatal(err)
		}
	} else if err != nil {
		t.Fatal(err)
	}
	act, err := ps.AddAction(lead, programme.Action{What: what, OwnerStaffID: site.A.Staff[councils.QualityLead].ID, DueOn: site.App.DB.Today(),
		Status: programme.ActionNotStarted})
	if err != nil {
		t.Fatal(err)
	}
	return act.ID
}

func aProgrammeLead(s *apptest.Site) councils.Staff { return s.A.Staff[councils.ProgrammeLead] }
func bProgrammeLead(s *apptest.Site) councils.Staff { return s.B.Staff[councils.ProgrammeLead] }

type scenario struct {
	name       string
	method     string
	path       string
	form       func(site *apptest.Site, f fixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func findingForm(fn func(v url.Values)) func(*apptest.Site, fixture) url.Values {
	return func(_ *apptest.Site, f fixture) url.Values {
		v := url.Values{"kind": {"opportunity"}, "finding": {"Reviews wait for a panel"}, "source": {"file_review"}, "workstream": {"Processes and systems"},
			"version": {strconv.Itoa(f.finding.Version)}}
		apptest.DateFields("found_on", f.today, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func visionForm(fn func(v url.Values)) func(*apptest.Site, fixture) url.Values {
	return func(_ *apptest.Site, f fixture) url.Values {
		v := url.Values{"statement": {"Good lives on our own terms"}, "co_producers": {"experts_by_experience", "carers"}, "session": {"Spring co-production day"}}
		apptest.DateFields("agreed_on", f.today, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func observationForm(fn func(v url.Values)) func(*apptest.Site, fixture) url.Values {
	return func(_ *apptest.Site, f fixture) url.Values {
		v := url.Values{"web": {"as_is"}, "element": {"rituals"}, "observation": {"Forms are the work"}, "source": {"interview"},
			"version": {strconv.Itoa(f.asIs.Version)}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func stakeholderForm(fn func(v url.Values)) func(*apptest.Site, fixture) url.Values {
	return func(site *apptest.Site, f fixture) url.Values {
		v := url.Values{"name": {"Cabinet member for adult care"}, "organisation": {"The council"}, "kind": {"elected_member"}, "influence": {"high"},
			"interest": {"low"}, "engagement": {"A quarterly briefing"}, "owner_id": {site.A.Staff[councils.QualityLead].ID},
			"version": {strconv.Itoa(f.stakeholder.Version)}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestDiscoveryPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []scenario{
		// Findings.
		{name: "findings, as the quality lead", method: "GET", path: "/programme/discovery", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Findings from the discovery", "Strengths to preserve and build on", "Opportunities to improve", "Staff know their neighbourhoods", "Workshop", "Record a finding"}},
		{name: "findings, as a team manager", method: "GET", path: "/programme/discovery", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Staff know their neighbourhoods"}, notBody: []string{"Record a finding"}},
		{name: "findings, as the programme lead", method: "GET", path: "/programme/discovery", as: aProgrammeLead, wantStatus: 200, wantBody: []string{"Record a finding"}},
		{name: "findings, as a practitioner", method: "GET", path: "/programme/discovery", as: apptest.AWorker, wantStatus: 403},
		{name: "findings, as finance", method: "GET", path: "/programme/discovery", as: apptest.AFinance, wantStatus: 403},
		{name: "findings, from another council", method: "GET", path: "/programme/discovery", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Staff know their neighbourhoods"}},
		{name: "findings, from another council's programme lead", method: "GET", path: "/programme/discovery", as: bProgrammeLead, wantStatus: 200, notBody: []string{"Staff know their neighbourhoods"}},
		{name: "the finding form", method: "GET", path: "/programme/discovery/new", as: aProgrammeLead, wantStatus: 200, wantBody: []string{"Record a finding", "File review"}},
		{name: "the finding form, as a team manager", method: "GET", path: "/programme/discovery/new", as: apptest.AManager, wantStatus: 403},
		{name: "record a finding", method: "POST", path: "/programme/discovery/new", as: apptest.AQuality, form: findingForm(nil), wantStatus: 303},
		{name: "record a finding as the programme lead", method: "POST", path: "/programme/discovery/new", as: aProgrammeLead, form: findingForm(nil), wantStatus: 303},
		{name: "a finding with mistakes", method: "POST", path: "/programme/discovery/new", as: apptest.AQuality, form: findingForm(func(v url.Values) {
			v.Del("kind")
			v.Set("finding", " ")
			v.Set("source", "rumour")
			v.Set("found_on-month", "13")
		}), wantStatus: 422, wantBody: []string{"There is a problem", "Select whether it is a strength or an opportunity", "Enter the finding",
			"Select where the finding came from", `href="#f-found_on`}, unchanged: true},
		{name: "a finding as a team manager", method: "POST", path: "/programme/discovery/new", as: apptest.AManager, form: findingForm(nil), wantStatus: 403, unchanged: true},
		{name: "the change form of a finding", method: "GET", path: "/programme/discovery/{finding}/edit", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Change a finding", "Staff know their neighbourhoods"}},
		{name: "the change form of a finding, from another council", method: "GET", path: "/programme/discovery/{finding}/edit", as: apptest.BQuality, wantStatus: 404},
		{name: "change a finding", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.AQuality, form: findingForm(nil), wantStatus: 303},
		{name: "a stale change of a finding", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.AQuality, form: findingForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this finding", "What they changed", "Staff know their neighbourhoods", "Reviews wait for a panel"}, unchanged: true},
		{name: "a change of a finding, from another council", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.BQuality, form: findingForm(nil), wantStatus: 404, unchanged: true},
		{name: "a change of a finding, as a practitioner", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.AWorker, form: findingForm(nil), wantStatus: 403, unchanged: true},
		{name: "the change form of a finding offers to remove it", method: "GET", path: "/programme/discovery/{finding}/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Remove this finding"}},
		{name: "the new finding form has nothing to remove", method: "GET", path: "/programme/discovery/new", as: apptest.AQuality, wantStatus: 200, notBody: []string{"Remove this finding"}},
		{name: "remove a finding", method: "POST", path: "/programme/discovery/{finding}/edit", as: aProgrammeLead, form: findingForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 303},
		{name: "a removal of a finding changed since", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.AQuality, form: findingForm(func(v url.Values) { v.Set("remove", "yes"); v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this finding while you were looking at it", "remove it again", "Staff know their neighbourhoods"}, unchanged: true},
		{name: "a removal of a finding, from another council", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.BQuality, form: findingForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 404, unchanged: true},
		{name: "a removal of a finding, as a team manager", method: "POST", path: "/programme/discovery/{finding}/edit", as: apptest.AManager, form: findingForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 403, unchanged: true},

		// The vision.
		{name: "the vision, as a team manager", method: "GET", path: "/programme/vision", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"The vision now", "Good lives, close to home", "Experts by experience, Carers", "Earlier versions", "Good lives"}, notBody: []string{"Record a new version"}},
		{name: "the vision, as the quality lead", method: "GET", path: "/programme/vision", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Record a new version"}},
		{name: "the vision, as a practitioner", method: "GET", path: "/programme/vision", as: apptest.AWorker, wantStatus: 403},
		{name: "the vision, from another council", method: "GET", path: "/programme/vision", as: apptest.BQuality, wantStatus: 200,
			wantBody: []string{"No vision agreed yet"}, notBody: []string{"Good lives"}},
		{name: "the vision form starts from the current wording", method: "GET", path: "/programme/vision/new", as: aProgrammeLead, wantStatus: 200,
			wantBody: []string{"Record a new version of the vision", "Good lives, close to home"}},
		{name: "the vision form, as a team manager", method: "GET", path: "/programme/vision/new", as: apptest.AManager, wantStatus: 403},
		{name: "record a new version", method: "POST", path: "/programme/vision/new", as: apptest.AQuality, form: visionForm(nil), wantStatus: 303},
		{name: "a version with mistakes", method: "POST", path: "/programme/vision/new", as: apptest.AQuality, form: visionForm(func(v url.Values) {
			v.Set("statement", "")
			v.Del("co_producers")
			v.Set("agreed_on-year", strconv.Itoa(v2year(v)+1))
		}), wantStatus: 422, wantBody: []string{"Enter the vision statement", "The date it was agreed must be today or in the past", "Select who co-produced it"}, unchanged: true},
		{name: "a version as a practitioner", method: "POST", path: "/programme/vision/new", as: apptest.AWorker, form: visionForm(nil), wantStatus: 403, unchanged: true},

		// The cultural web.
		{name: "the web, as the programme lead", method: "GET", path: "/programme/culture", as: aProgrammeLead, wantStatus: 200,
			wantBody: []string{`role="img"`, "The cultural web as it is</title>", "<title>Power structures: Panels decide", "The cultural web as it is to be</title>", "Panels decide", "Conversations come first",
				"No action makes this change yet", "What the web still needs", "Record an observation"}},
		{name: "a to-be change shows the actions that make it", method: "GET", path: "/programme/culture", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Measure what matters to people", `Made by: <a class="govuk-link" href="/programme/actions/{action}">Retire the panel forms</a>`}},
		{name: "the change form of a to-be change offers the programme's actions", method: "GET", path: "/programme/culture/{linked}/edit", as: apptest.AQuality,
			wantStatus: 200, wantBody: []string{"Actions that make the change", "Retire the panel forms", `value="{action}" checked`}},
		{name: "link a change to an action", method: "POST", path: "/programme/culture/new", as: apptest.AQuality, form: func(site *apptest.Site, f fixture) url.Values {
			return observationForm(func(v url.Values) {
				v.Set("web", "to_be")
				v.Set("actions", f.action)
			})(site, f)
		}, wantStatus: 303},
		{name: "the web, as a team manager", method: "GET", path: "/programme/culture", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Panels decide"}, notBody: []string{"Record an observation"}},
		{name: "the web, as finance", method: "GET", path: "/programme/culture", as: apptest.AFinance, wantStatus: 403},
		{name: "the web, from another council", method: "GET", path: "/programme/culture", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Panels decide"}},
		{name: "the observation form for an element", method: "GET", path: "/programme/culture/new?web=to-be&element=power", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Record an observation on the cultural web", `value="power" checked`, `value="to_be" checked`}},
		{name: "record an observation", method: "POST", path: "/programme/culture/new", as: apptest.AQuality, form: observationForm(nil), wantStatus: 303},
		{name: "an observation with mistakes", method: "POST", path: "/programme/culture/new", as: apptest.AQuality, form: observationForm(func(v url.Values) {
			v.Set("element", "heroes")
			v.Set("observation", "")
			v.Del("web")
		}), wantStatus: 422, wantBody: []string{"Select which web it is on", "Select which part of the web it belongs to", "Enter the observation"}, unchanged: true},
		{name: "an observation linked to an action that is not one", method: "POST", path: "/programme/culture/new", as: apptest.AQuality, form: observationForm(func(v url.Values) {
			v.Set("web", "to_be")
			v.Set("actions", "nothing")
		}), wantStatus: 422, wantBody: []string{"Select actions from the programme’s action plan"}, unchanged: true},
		{name: "an observation as a team manager", method: "POST", path: "/programme/culture/new", as: apptest.AManager, form: observationForm(nil), wantStatus: 403, unchanged: true},
		{name: "the change form of an observation", method: "GET", path: "/programme/culture/{asis}/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Panels decide"}},
		{name: "the change form of an observation, from another council", method: "GET", path: "/programme/culture/{asis}/edit", as: apptest.BQuality, wantStatus: 404},
		{name: "change an observation", method: "POST", path: "/programme/culture/{asis}/edit", as: aProgrammeLead, form: observationForm(nil), wantStatus: 303},
		{name: "a stale change of an observation", method: "POST", path: "/programme/culture/{asis}/edit", as: apptest.AQuality, form: observationForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this observation", "Panels decide", "Forms are the work"}, unchanged: true},
		{name: "a change of an observation, from another council", method: "POST", path: "/programme/culture/{asis}/edit", as: apptest.BQuality, form: observationForm(nil), wantStatus: 404, unchanged: true},
		{name: "remove an observation linked to an action", method: "POST", path: "/programme/culture/{linked}/edit", as: apptest.AQuality, form: func(site *apptest.Site, f fixture) url.Values {
			return observationForm(func(v url.Values) {
				v.Set("remove", "yes")
				v.Set("version", strconv.Itoa(f.linked.Version))
			})(site, f)
		}, wantStatus: 303},
		{name: "a removal of an observation changed since", method: "POST", path: "/programme/culture/{asis}/edit", as: apptest.AQuality, form: observationForm(func(v url.Values) { v.Set("remove", "yes"); v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this observation while you were looking at it", "Panels decide"}, unchanged: true},
		{name: "a removal of an observation, from another council", method: "POST", path: "/programme/culture/{asis}/edit", as: apptest.BQuality, form: observationForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 404, unchanged: true},

		{name: "the programme's overview links to the discovery and dream", method: "GET", path: "/programme", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{`href="/programme/discovery"`, `href="/programme/vision"`, `href="/programme/culture"`, `href="/programme/stakeholders"`}},

		// Stakeholders.
		{name: "stakeholders, as the quality lead", method: "GET", path: "/programme/stakeholders", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Influence and interest", "Manage closely", "Keep satisfied", "Keep informed", "Monitor", "Experts by experience panel", "Add a stakeholder"}},
		{name: "stakeholders, as a team manager", method: "GET", path: "/programme/stakeholders", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Experts by experience panel"}, notBody: []string{"Add a stakeholder"}},
		{name: "stakeholders, as a practitioner", method: "GET", path: "/programme/stakeholders", as: apptest.AWorker, wantStatus: 403},
		{name: "stakeholders, from another council", method: "GET", path: "/programme/stakeholders", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Experts by experience panel"}},
		{name: "the stakeholder form", method: "GET", path: "/programme/stakeholders/new", as: aProgrammeLead, wantStatus: 200, wantBody: []string{"Add a stakeholder", "Test Principal social worker or quality lead"}},
		{name: "add a stakeholder", method: "POST", path: "/programme/stakeholders/new", as: apptest.AQuality, form: stakeholderForm(nil), wantStatus: 303},
		{name: "a stakeholder with mistakes", method: "POST", path: "/programme/stakeholders/new", as: apptest.AQuality, form: stakeholderForm(func(v url.Values) {
			v.Set("name", "")
			v.Del("influence")
			v.Set("owner_id", "")
		}), wantStatus: 422, wantBody: []string{"Enter the stakeholder’s name or group", "Select whether their influence is high or low", "Select who owns the engagement"}, unchanged: true},
		{name: "a stakeholder owned by another council's staff", method: "POST", path: "/programme/stakeholders/new", as: apptest.AQuality, form: stakeholderForm(func(v url.Values) {
			v.Set("owner_id", "someone-else")
		}), wantStatus: 422, wantBody: []string{"Select who owns the engagement from the council’s staff"}, unchanged: true},
		{name: "a stakeholder as a team manager", method: "POST", path: "/programme/stakeholders/new", as: apptest.AManager, form: stakeholderForm(nil), wantStatus: 403, unchanged: true},
		{name: "the change form of a stakeholder", method: "GET", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Experts by experience panel"}},
		{name: "the change form of a stakeholder, from another council", method: "GET", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.BQuality, wantStatus: 404},
		{name: "change a stakeholder", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AQuality, form: stakeholderForm(nil), wantStatus: 303},
		{name: "a stale change of a stakeholder", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AQuality, form: stakeholderForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this stakeholder", "Experts by experience panel", "Cabinet member for adult care"}, unchanged: true},
		{name: "a change of a stakeholder, from another council", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.BQuality, form: stakeholderForm(nil), wantStatus: 404, unchanged: true},
		{name: "remove a stakeholder", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AQuality, form: stakeholderForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 303},
		{name: "a removal of a stakeholder changed since", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AQuality, form: stakeholderForm(func(v url.Values) { v.Set("remove", "yes"); v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this stakeholder while you were looking at them", "Experts by experience panel"}, unchanged: true},
		{name: "a removal of a stakeholder, as a team manager", method: "POST", path: "/programme/stakeholders/{stakeholder}/edit", as: apptest.AManager, form: stakeholderForm(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 403, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newFixture(t, site)
				before := state(t, site)
				fill := strings.NewReplacer("{finding}", f.finding.ID, "{asis}", f.asIs.ID, "{linked}", f.linked.ID, "{stakeholder}", f.stakeholder.ID, "{action}", f.action)
				path := fill.Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(site, f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "nobody", apptest.Answer{Status: sc.wantStatus, Body: apptest.Filled(fill, sc.wantBody), NotBody: sc.notBody})
				apptest.CheckChange(t, before, state(t, site), sc.unchanged || sc.method == "GET", sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

// v2year is the year a form's agreed_on date was filled with.
func v2year(v url.Values) int {
	y, err := strconv.Atoi(v.Get("agreed_on-year"))
	if err != nil {
		panic(err)
	}
	return y
}

func newFixture(t *testing.T, site *apptest.Site) fixture {
	t.Helper()
	f := fixture{today: site.App.DB.Today()}
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	s := site.App.Discovery
	var err error
	if f.finding, err = s.SaveFinding(lead, discovery.Finding{Kind: discovery.Strength, Text: "Staff know their neighbourhoods", Source: discovery.Workshop, FoundOn: f.today}); err != nil {
		t.Fatal(err)
	}
	if f.first, err = s.AddVision(lead, discovery.VisionVersion{Statement: "Good lives", AgreedOn: sqldb.NewDate(f.today.AddDate(0, -3, 0)),
		CoProducers: []discovery.CoProducer{discovery.Staff}}); err != nil {
		t.Fatal(err)
	}
	if f.later, err = s.AddVision(lead, discovery.VisionVersion{Statement: "Good lives, close to home", AgreedOn: sqldb.NewDate(f.today.AddDate(0, -1, 0)),
		CoProducers: []discovery.CoProducer{discovery.ExpertsByExperience, discovery.Carers}}); err != nil {
		t.Fatal(err)
	}
	if f.asIs, err = s.SaveObservation(lead, discovery.Observation{Web: discovery.AsIs, Element: discovery.Power, Text: "Panels decide", Source: discovery.FileReview}); err != nil {
		t.Fatal(err)
	}
	if f.toBe, err = s.SaveObservation(lead, discovery.Observation{Web: discovery.ToBe, Element: discovery.Rituals, Text: "Conversations come first", Source: discovery.Workshop}); err != nil {
		t.Fatal(err)
	}
	f.action = programmeAction(t, site, "Retire the panel forms")
	if f.linked, err = s.SaveObservation(lead, discovery.Observation{Web: discovery.ToBe, Element: discovery.Controls, Text: "Measure what matters to people",
		Source: discovery.Survey, Actions: []discovery.LinkedAction{{ID: f.action}}}); err != nil {
		t.Fatal(err)
	}
	if f.stakeholder, err = s.SaveStakeholder(lead, discovery.Stakeholder{Name: "Experts by experience panel", Kind: discovery.ExpertByExperience, Influence: discovery.Low,
		Interest: discovery.High, Engagement: "A monthly panel", OwnerID: site.A.Staff[councils.QualityLead].ID}); err != nil {
		t.Fatal(err)
	}
	return f
}

// state is everything these pages change in council A, as one comparable string.
func state(t *testing.T, site *apptest.Site) string {
	t.Helper()
	var qs []string
	for _, table := range []string{"discovery_finding", "vision_version", "culture_observation", "programme_stakeholder"} {
		qs = append(qs, `SELECT count(*) FROM `+table+` WHERE council_id = $1`, `SELECT COALESCE(sum(version), 0) FROM `+table+` WHERE council_id = $1`)
	}
	qs = append(qs, `SELECT count(*) FROM culture_change_action WHERE council_id = $1`)
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, qs, site.A.Council.ID)
}
