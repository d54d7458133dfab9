package app_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// scenario is one request to one route, as one member of staff, with what must come back and what the access
// log must gain.
type scenario struct {
	name       string
	method     string
	path       string // {id} is the person in council A; {member} their person who matters
	form       func(p people.Person) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action // entries about the person, in order
	unchanged  bool               // the person's record must be exactly as before
	// again, after a 409, posts the form once more with the version the refused page carries: it must save,
	// logging these, and change the people who matter.
	again []accesslog.Action
}

// member is the form to change someone who matters as the page would post it, changed by fn.
func member(fn func(v url.Values)) func(p people.Person) url.Values {
	return func(p people.Person) url.Values {
		m := p.Network[0]
		v := url.Values{"name": {m.Name}, "relationship": {m.Relationship}, "version": {strconv.Itoa(m.Version)}}
		fn(v)
		return v
	}
}

// edit is the person form as the edit page would post it, changed by fn.
func edit(fn func(v url.Values)) func(p people.Person) url.Values {
	return func(p people.Person) url.Values {
		v := url.Values{
			"given_name": {p.GivenName}, "family_name": {p.FamilyName}, "nhs_number": {p.NHSNumber},
			"postcode": {p.Postcode}, "team_id": {p.TeamID}, "version": {strconv.Itoa(p.Version)},
			"date_of_birth-day": {strconv.Itoa(p.DateOfBirth.Day())}, "date_of_birth-month": {strconv.Itoa(int(p.DateOfBirth.Month()))},
			"date_of_birth-year": {strconv.Itoa(p.DateOfBirth.Year())}, "ethnicity": {p.Ethnicity},
			"address_line1": {p.AddressLine1}, "town": {p.Town},
		}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func fixed(v url.Values) func(people.Person) url.Values {
	return func(people.Person) url.Values { return v }
}

func TestEveryPageKeepsCouncilsApartAndLogsAccess(t *testing.T) {
	t.Parallel()
	scenarios := []scenario{
		// Finding people.
		{name: "search in my council", method: "GET", path: "/people?q=testperson", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Testperson, Ada"}},
		{name: "search from another council", method: "GET", path: "/people?q=testperson", as: apptest.BWorker, wantStatus: 200, notBody: []string{"Testperson, Ada"}, wantBody: []string{"No one matches"}},
		{name: "search by another council's quality lead", method: "GET", path: "/people?q=999+000+0018", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Testperson"}},
		{name: "finance cannot search", method: "GET", path: "/people?q=testperson", as: apptest.AFinance, wantStatus: 403},

		// A person's page.
		{name: "view my person", method: "GET", path: "/people/{id}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Ada Testperson", "999 000 0018"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "view from another council", method: "GET", path: "/people/{id}", as: apptest.BWorker, wantStatus: 404},
		{name: "view by another council's administrator", method: "GET", path: "/people/{id}", as: apptest.BAdmin, wantStatus: 404},
		{name: "view by finance", method: "GET", path: "/people/{id}", as: apptest.AFinance, wantStatus: 404},
		{name: "view outside my team asks for a reason", method: "GET", path: "/people/{id}", as: apptest.ASouth, wantStatus: 303},

		// Changing details.
		{name: "edit form", method: "GET", path: "/people/{id}/edit", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change details"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "edit form from another council", method: "GET", path: "/people/{id}/edit", as: apptest.BWorker, wantStatus: 404},
		{name: "save a change", method: "POST", path: "/people/{id}/edit", as: apptest.AWorker, form: edit(func(v url.Values) { v.Set("phone", "01632 960 001") }), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a change from another council", method: "POST", path: "/people/{id}/edit", as: apptest.BWorker, form: edit(func(v url.Values) { v.Set("family_name", "Hijacked") }), wantStatus: 404, unchanged: true},
		{name: "a change with mistakes", method: "POST", path: "/people/{id}/edit", as: apptest.AWorker, form: edit(func(v url.Values) {
			v.Set("nhs_number", "943 476 5918")
			v.Set("postcode", "QA1 1AA")
		}), wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-nhs_number"`, `href="#f-postcode"`, "943 476 5918"}, unchanged: true},
		{name: "a stale change shows both versions", method: "POST", path: "/people/{id}/edit", as: apptest.AWorker, form: edit(func(v url.Values) {
			v.Set("version", "0")
			v.Set("town", "Typedtown")
		}), wantStatus: 409, wantBody: []string{"Someone else changed this record", "What they changed", "Typedtown"}, unchanged: true, wantLog: []accesslog.Action{accesslog.View}},

		// Break-glass.
		{name: "break-glass form", method: "GET", path: "/people/{id}/break-glass", as: apptest.ASouth, wantStatus: 200, wantBody: []string{"Why do you need to see this record?"}},
		{name: "break-glass without a reason", method: "POST", path: "/people/{id}/break-glass", as: apptest.ASouth, form: fixed(url.Values{"reason": {""}}), wantStatus: 422, wantBody: []string{"Enter why you need to see this record"}},
		{name: "break-glass with a reason", method: "POST", path: "/people/{id}/break-glass", as: apptest.ASouth, form: fixed(url.Values{"reason": {"Duty call from the ward"}}), wantStatus: 303, wantLog: []accesslog.Action{accesslog.BreakGlass}},
		{name: "break-glass from another council", method: "POST", path: "/people/{id}/break-glass", as: apptest.BWorker, form: fixed(url.Values{"reason": {"Curious"}}), wantStatus: 404},

		// Who has seen the record.
		{name: "who has seen it", method: "GET", path: "/people/{id}/access", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Who has seen this record"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "who has seen it, from another council", method: "GET", path: "/people/{id}/access", as: apptest.BManager, wantStatus: 404},
		{name: "who has seen it, as a practitioner", method: "GET", path: "/people/{id}/access", as: apptest.AWorker, wantStatus: 403},

		// People who matter.
		{name: "add someone who matters", method: "POST", path: "/people/{id}/network/new", as: apptest.AWorker, form: fixed(url.Values{"name": {"Ben Testperson"}, "relationship": {"Son"}, "unpaid_carer": {"true"}}), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "add someone, from another council", method: "POST", path: "/people/{id}/network/new", as: apptest.BWorker, form: fixed(url.Values{"name": {"Intruder"}}), wantStatus: 404},
		{name: "add someone with no name", method: "POST", path: "/people/{id}/network/new", as: apptest.AWorker, form: fixed(url.Values{"name": {""}}), wantStatus: 422, wantBody: []string{"Enter the name of the person who matters"}},
		{name: "change someone who matters", method: "GET", path: "/people/{id}/network/{member}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Cara Testperson"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "save a change to someone who matters", method: "POST", path: "/people/{id}/network/{member}", as: apptest.AWorker,
			form: member(func(v url.Values) { v.Set("phone", "01632 960 002") }), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a stale change to someone who matters shows both versions", method: "POST", path: "/people/{id}/network/{member}", as: apptest.AWorker,
			form: member(func(v url.Values) {
				v.Set("version", "0")
				v.Set("name", "Cara Typedname")
			}), wantStatus: 409, wantBody: []string{"Someone else changed this person who matters", "What they saved", "Cara Typedname", "Cara Testperson"},
			wantLog: []accesslog.Action{accesslog.View}, again: []accesslog.Action{accesslog.Update}},
		{name: "remove someone who matters", method: "POST", path: "/people/{id}/network/{member}", as: apptest.AWorker,
			form: member(func(v url.Values) { v.Set("remove", "yes") }), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "change someone, from another council", method: "POST", path: "/people/{id}/network/{member}", as: apptest.BWorker, form: fixed(url.Values{"name": {"X"}, "remove": {"yes"}}), wantStatus: 404},

		// Adding a person.
		{name: "add a person with mistakes", method: "POST", path: "/people/new", as: apptest.AWorker, form: fixed(url.Values{"given_name": {""}, "family_name": {"Newperson"}, "date_of_birth-day": {"31"}, "date_of_birth-month": {"2"}, "date_of_birth-year": {"1950"}}), wantStatus: 422, wantBody: []string{"Enter the person&#39;s given name", "Date of birth must be a real date", "Newperson"}},
		{name: "adding someone with a recorded NHS number is refused, naming them", method: "POST", path: "/people/new", as: apptest.AWorker, form: fixed(url.Values{"given_name": {"Someone"}, "family_name": {"Else"}, "nhs_number": {"9990000018"}}), wantStatus: 422, wantBody: []string{"This NHS number is already recorded", "Ada Testperson", `href="/people/{id}"`, `href="#f-nhs_number"`}, notBody: []string{"15 June 1941", "ZZ99 1AA", "1 Example Street"}},
		{name: "adding someone with the same names and date of birth warns first", method: "POST", path: "/people/new", as: apptest.AWorker, form: fixed(url.Values{"given_name": {"ada"}, "family_name": {"TESTPERSON"}, "date_of_birth-day": {"15"}, "date_of_birth-month": {"6"}, "date_of_birth-year": {"1941"}}), wantStatus: 200, wantBody: []string{"Check this is not someone already recorded", "Ada Testperson", `href="/people/{id}"`, "Same name and date of birth"}, notBody: []string{`value="9990000018"`, "ZZ99 1AA", "1 Example Street"}},
		{name: "another council's duplicate is not shown", method: "POST", path: "/people/new", as: apptest.BWorker, form: fixed(url.Values{"given_name": {"Someone"}, "family_name": {"Else"}, "nhs_number": {"9990000018"}}), wantStatus: 303, notBody: []string{"Ada Testperson"}},

		// Administrators.
		{name: "access log search", method: "GET", path: "/admin/access-log", as: apptest.AAdmin, wantStatus: 200, wantBody: []string{"Ada Testperson", "Intact"}},
		{name: "access log search from another council", method: "GET", path: "/admin/access-log", as: apptest.BAdmin, wantStatus: 200, notBody: []string{"Ada Testperson"}},
		{name: "access log search as a practitioner", method: "GET", path: "/admin/access-log", as: apptest.AWorker, wantStatus: 403},
		{name: "break-glass reviews from another council", method: "GET", path: "/admin/break-glass", as: apptest.BAdmin, wantStatus: 200, notBody: []string{"Ada Testperson"}},
		{name: "staff list from another council", method: "GET", path: "/admin/staff", as: apptest.BAdmin, wantStatus: 200, notBody: []string{"E06000901@example.org"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				person := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID, func(p *people.Person) {
					p.Network = []people.NetworkMember{{Name: "Cara Testperson", Relationship: "Daughter"}}
				}))
				// The duplicate check needs the only Ada in the council: remove the others' names from search.
				before, _ := readPerson(t, site, person.ID)
				path := strings.ReplaceAll(sc.path, "{id}", person.ID)
				path = strings.ReplaceAll(path, "{member}", person.Network[0].ID)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(person)
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, person.ID, apptest.Answer{Status: sc.wantStatus, Body: apptest.Filled(strings.NewReplacer("{id}", person.ID), sc.wantBody), NotBody: sc.notBody, Log: sc.wantLog})
				if sc.again != nil {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, "version"), person.ID, apptest.Answer{Status: 303, Log: sc.again})
					if after, _ := readPerson(t, site, person.ID); len(after.Network) != 1 || after.Network[0].Name != form.Get("name") {
						t.Errorf("saving again did not save what was typed: %+v", after.Network)
					}
				}
				if sc.unchanged {
					after, _ := readPerson(t, site, person.ID)
					if after.Version != before.Version || after.FamilyName != before.FamilyName || after.Town != before.Town {
						t.Errorf("the record changed: version %d → %d", before.Version, after.Version)
					}
				}
				// Keep search results to this scenario's person.
				apptest.Retire(t, site, person)
			})
		}
	})
}

// readPerson reads a person straight from the store as the command line would, without logging through a page.
func readPerson(t *testing.T, s *apptest.Site, id string) (people.Person, error) {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), s.A.Council.ID), "test")
	p, _, err := s.App.People.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p, err
}
