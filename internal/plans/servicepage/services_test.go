package servicepage_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// serviceWorld is one scenario's person in council A with an episode, an outcome and three services: one waiting
// for authorisation (asked for by the practitioner), one under the threshold and so authorised, and one waiting
// that the team manager asked for.
type serviceWorld struct {
	person              people.Person
	episode, outcome    string
	waiting, ok, own    plans.ServiceRecord
	waitingAuth, ownAuh plans.Authorisation
}

// serviceScenario is one request to one of the service routes.
type serviceScenario struct {
	name       string
	method     string
	path       string // {id}, {episode}, {waiting}, {ok}, {auth}, {ownauth} are replaced
	form       func(w serviceWorld) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool // no service or request of the person's may change
	check      func(t *testing.T, s *apptest.Site, w serviceWorld)
	// again, after a 409, posts the form once more with the version the refused page carries: it must save, as a
	// change.
	again bool
}

var (
	svcAQuality = func(s *apptest.Site) councils.Staff { return s.A.Staff[councils.QualityLead] }
)

const serviceThreshold = 35000 // £350 a week

// serviceForm is the service form as the page would post it: 10 hours a week at unitPounds an hour.
func serviceForm(w serviceWorld, unitPounds string, change func(url.Values)) url.Values {
	v := url.Values{
		"outcome_ids": {w.outcome}, "service_type": {"Short term support: ST-Max"}, "component": {"Reablement"},
		"delivery_mechanism": {"CASSR commissioned support"}, "provider": {"Exampleton Homecare"},
		"start-day": {"3"}, "start-month": {"3"}, "start-year": {"2025"}, "term": {"short"},
		"end-day": {"28"}, "end-month": {"4"}, "end-year": {"2025"},
		"unit_cost": {unitPounds}, "frequency": {codelists.CostHourly}, "units": {"10"}, "version": {"0"},
	}
	if change != nil {
		change(v)
	}
	return v
}

func svcEditForm(rec func(serviceWorld) plans.ServiceRecord, change func(url.Values)) func(serviceWorld) url.Values {
	return func(w serviceWorld) url.Values {
		r := rec(w)
		return serviceForm(w, strconv.FormatFloat(float64(r.UnitCostPence)/100, 'f', 2, 64), func(v url.Values) {
			v.Set("version", strconv.Itoa(r.Version))
			if change != nil {
				change(v)
			}
		})
	}
}

func svcWaitingOf(w serviceWorld) plans.ServiceRecord { return w.waiting }
func svcOkOf(w serviceWorld) plans.ServiceRecord      { return w.ok }

func svcStartForm(rec func(serviceWorld) plans.ServiceRecord) func(serviceWorld) url.Values {
	return func(w serviceWorld) url.Values {
		return url.Values{"started_on-day": {"5"}, "started_on-month": {"3"}, "started_on-year": {"2025"}, "version": {strconv.Itoa(rec(w).Version)}}
	}
}

func svcEndForm(reason string) func(serviceWorld) url.Values {
	return func(w serviceWorld) url.Values {
		return url.Values{"ended_on-day": {"20"}, "ended_on-month": {"4"}, "ended_on-year": {"2025"}, "ended_reason": {reason}, "version": {strconv.Itoa(w.ok.Version)}}
	}
}

// staleOf is form as posted from a page shown before someone else saved: at version 0, which no saved record has.
func staleOf[W any](form func(W) url.Values) func(W) url.Values {
	return func(w W) url.Values {
		v := form(w)
		v.Set("version", "0")
		return v
	}
}

func svcDecideForm(decision, reason string) func(serviceWorld) url.Values {
	return func(w serviceWorld) url.Values {
		return url.Values{"decision": {decision}, "reason": {reason}, "version": {strconv.Itoa(w.waitingAuth.Version)}}
	}
}

func TestServicePagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	view, create, update := accesslog.View, accesslog.Create, accesslog.Update
	scenarios := []serviceScenario{
		// An episode's services.
		{name: "list", method: "GET", path: "/people/{id}/episodes/{episode}/services", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Awaiting authorisation", "£500.00", "£300.00", "I can get washed and dressed by myself", "Ends 28 April 2025", "more than £350.00 a week"}, wantLog: []accesslog.Action{view}},
		{name: "list from another council", method: "GET", path: "/people/{id}/episodes/{episode}/services", as: apptest.BWorker, wantStatus: 404},
		{name: "list by another council's quality lead", method: "GET", path: "/people/{id}/episodes/{episode}/services", as: apptest.BQuality, wantStatus: 404},
		{name: "list by finance", method: "GET", path: "/people/{id}/episodes/{episode}/services", as: apptest.AFinance, wantStatus: 404},
		{name: "list outside my team asks for a reason", method: "GET", path: "/people/{id}/episodes/{episode}/services", as: apptest.ASouth, wantStatus: 303},

		// Adding a service.
		{name: "new service form", method: "GET", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Add a service", "Which outcomes does this service serve?", "Short term support: ST-Max", "Reablement"}, wantLog: []accesslog.Action{view}},
		{name: "new service form from another council", method: "GET", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.BWorker, wantStatus: 404},
		{name: "new service form for finance", method: "GET", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.AFinance, wantStatus: 403},
		{name: "add a service above the threshold", method: "POST", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.AWorker,
			form: func(w serviceWorld) url.Values { return serviceForm(w, "40", nil) }, wantStatus: 303, wantLog: []accesslog.Action{create},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				ep := episodeServices(t, s, w)
				if len(ep.Services) != 4 || ep.Services[3].Status != plans.AwaitingAuthorisation || ep.Services[3].WeeklyCost != 40000 {
					t.Errorf("after adding: %d services, the last %+v", len(ep.Services), ep.Services[len(ep.Services)-1].Service)
				}
			}},
		{name: "add a service with mistakes", method: "POST", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.AWorker,
			form: func(w serviceWorld) url.Values {
				return serviceForm(w, "forty", func(v url.Values) { v.Del("outcome_ids"); v.Set("end-day", "31"); v.Set("end-month", "2") })
			},
			wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-outcome_ids"`, "Enter the cost of one unit as an amount in pounds, like 25 or 25.50", "End date must be a real date", `value="forty"`},
			wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "add a service from another council", method: "POST", path: "/people/{id}/episodes/{episode}/services/new", as: apptest.BWorker,
			form: func(w serviceWorld) url.Values { return serviceForm(w, "40", nil) }, wantStatus: 404, unchanged: true},

		// A service.
		{name: "a service waiting", method: "GET", path: "/people/{id}/episodes/{episode}/services/{waiting}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Awaiting authorisation", "A team manager must authorise it before it can start", "Change this service"}, notBody: []string{"Start the service"}, wantLog: []accesslog.Action{view}},
		{name: "an authorised service offers a start", method: "GET", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Start the service", "End the service"}, wantLog: []accesslog.Action{view}},
		{name: "a service from another council", method: "GET", path: "/people/{id}/episodes/{episode}/services/{waiting}", as: apptest.BWorker, wantStatus: 404},
		{name: "a service under another person's episode", method: "GET", path: "/people/{other}/episodes/{episode}/services/{waiting}", as: apptest.AWorker, wantStatus: 404},
		{name: "change a service", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.AWorker,
			form: svcEditForm(svcOkOf, func(v url.Values) { v.Set("provider", "Sampleford Care") }), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				if got := serviceNow(t, s, w, w.ok.ID); got.Provider != "Sampleford Care" || got.Status != plans.Authorised {
					t.Errorf("after the change: %q %s", got.Provider, got.Status)
				}
			}},
		{name: "a change across the threshold asks again", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.AWorker,
			form: svcEditForm(svcOkOf, func(v url.Values) { v.Set("unit_cost", "36") }), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				if got := serviceNow(t, s, w, w.ok.ID); got.Status != plans.AwaitingAuthorisation || got.Authorisation == nil || got.Authorisation.WeeklyCostPence != 36000 {
					t.Errorf("after crossing: %s %+v", got.Status, got.Authorisation)
				}
			}},
		{name: "a stale change shows what is saved and keeps what was typed", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.AWorker,
			form: svcEditForm(svcOkOf, func(v url.Values) { v.Set("version", "0"); v.Set("provider", "Typed Provider Ltd") }), wantStatus: 409,
			wantBody: []string{"Someone else changed this service", "What it says now", "Exampleton Homecare", `value="Typed Provider Ltd"`}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a change from another council", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.BWorker,
			form: svcEditForm(svcOkOf, func(v url.Values) { v.Set("provider", "Hijacked") }), wantStatus: 404, unchanged: true},
		{name: "a change by finance", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}", as: apptest.AFinance,
			form: svcEditForm(svcOkOf, nil), wantStatus: 403, unchanged: true},

		// Starting and ending.
		{name: "a service waiting cannot start", method: "POST", path: "/people/{id}/episodes/{episode}/services/{waiting}/start", as: apptest.AWorker,
			form: svcStartForm(svcWaitingOf), wantStatus: 422, wantBody: []string{"This service cannot start until a team manager authorises it"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "an authorised service starts", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/start", as: apptest.AWorker,
			form: svcStartForm(svcOkOf), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				if got := serviceNow(t, s, w, w.ok.ID); got.Status != plans.ServiceActive || got.Start.Format("2006-01-02") != "2025-03-05" {
					t.Errorf("after starting: %s from %s", got.Status, got.Start)
				}
			}},
		{name: "start from another council", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/start", as: apptest.BWorker, form: svcStartForm(svcOkOf), wantStatus: 404, unchanged: true},
		{name: "end a service", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/end", as: apptest.AWorker, form: svcEndForm("Goals met"), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				if got := serviceNow(t, s, w, w.ok.ID); got.Status != plans.Ended || got.EndedReason != "Goals met" {
					t.Errorf("after ending: %s %q", got.Status, got.EndedReason)
				}
			}},
		{name: "end with no reason", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/end", as: apptest.AWorker, form: svcEndForm(" "), wantStatus: 422,
			wantBody: []string{"Enter why the service ended"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a stale start keeps what was typed", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/start", as: apptest.AWorker,
			form:       staleOf(svcStartForm(svcOkOf)),
			wantStatus: 409, wantBody: []string{"Someone else changed this service while you were looking at it", `name="started_on-day" type="text" value="5"`},
			wantLog: []accesslog.Action{view}, unchanged: true, again: true},
		{name: "a stale end keeps what was typed", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/end", as: apptest.AWorker,
			form:       staleOf(svcEndForm("Goals met")),
			wantStatus: 409, wantBody: []string{"Someone else changed this service while you were looking at it", "Goals met</textarea>"},
			wantLog: []accesslog.Action{view}, unchanged: true, again: true},
		{name: "end from another council", method: "POST", path: "/people/{id}/episodes/{episode}/services/{ok}/end", as: apptest.BWorker, form: svcEndForm("Because"), wantStatus: 404, unchanged: true},

		// The team manager's list.
		{name: "authorisations waiting", method: "GET", path: "/authorisations", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Ada Testperson", "Reablement from Exampleton Homecare", "£500.00", "Test Practitioner", "You asked: another manager decides"}, notBody: []string{"£300.00"}},
		{name: "authorisations for the quality lead", method: "GET", path: "/authorisations", as: svcAQuality, wantStatus: 200, wantBody: []string{"Ada Testperson", "£500.00"}},
		{name: "authorisations from another council", method: "GET", path: "/authorisations", as: apptest.BManager, wantStatus: 200,
			wantBody: []string{"No services are waiting for authorisation"}, notBody: []string{"Ada Testperson"}},
		{name: "authorisations for a practitioner", method: "GET", path: "/authorisations", as: apptest.AWorker, wantStatus: 403},
		{name: "authorisations for an administrator", method: "GET", path: "/authorisations", as: apptest.AAdmin, wantStatus: 403},

		// Deciding.
		{name: "decide form", method: "GET", path: "/authorisations/{auth}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Authorise a service", "Do you authorise this service at £500.00 a week?", "Test Practitioner"}, wantLog: []accesslog.Action{view}},
		{name: "decide form for my own request", method: "GET", path: "/authorisations/{ownauth}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"You asked for this service, so another team manager must decide on it"}, notBody: []string{"Save decision"}, wantLog: []accesslog.Action{view}},
		{name: "decide form from another council", method: "GET", path: "/authorisations/{auth}", as: apptest.BManager, wantStatus: 404},
		{name: "authorise", method: "POST", path: "/authorisations/{auth}", as: apptest.AManager, form: svcDecideForm("authorised", "Agreed"), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				got := serviceNow(t, s, w, w.waiting.ID)
				if got.Status != plans.Authorised || got.Authorisation.Decision != plans.DecideAuthorise || got.Authorisation.Reason != "Agreed" || got.Authorisation.DecidedBy != s.A.Staff[councils.TeamManager].ID {
					t.Errorf("after authorising: %s %+v", got.Status, got.Authorisation)
				}
			}},
		{name: "decline without a reason", method: "POST", path: "/authorisations/{auth}", as: apptest.AManager, form: svcDecideForm("declined", ""), wantStatus: 422,
			wantBody: []string{"Explain why the service is declined"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "decline with a reason", method: "POST", path: "/authorisations/{auth}", as: apptest.AManager, form: svcDecideForm("declined", "Try the lunch club first"), wantStatus: 303, wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w serviceWorld) {
				if got := serviceNow(t, s, w, w.waiting.ID); got.Status != plans.Declined || got.Authorisation.Reason != "Try the lunch club first" {
					t.Errorf("after declining: %s %+v", got.Status, got.Authorisation)
				}
			}},
		{name: "a stale decision", method: "POST", path: "/authorisations/{auth}", as: apptest.AManager,
			form: func(w serviceWorld) url.Values {
				v := svcDecideForm("authorised", "")(w)
				v.Set("version", "0")
				return v
			},
			wantStatus: 409, wantBody: []string{"The practitioner changed this service while you were deciding"}, notBody: []string{`value="authorised" checked`},
			wantLog: []accesslog.Action{view}, unchanged: true, again: true},
		{name: "decide my own request", method: "POST", path: "/authorisations/{ownauth}", as: apptest.AManager,
			form: func(w serviceWorld) url.Values {
				return url.Values{"decision": {"authorised"}, "version": {strconv.Itoa(w.ownAuh.Version)}}
			},
			wantStatus: 403, unchanged: true},
		{name: "decide as a practitioner", method: "POST", path: "/authorisations/{auth}", as: apptest.AWorker, form: svcDecideForm("authorised", ""), wantStatus: 403, unchanged: true},
		{name: "decide from another council", method: "POST", path: "/authorisations/{auth}", as: apptest.BManager, form: svcDecideForm("authorised", ""), wantStatus: 404, unchanged: true},
		{name: "decide by another council's quality lead", method: "POST", path: "/authorisations/{auth}", as: apptest.BQuality, form: svcDecideForm("authorised", ""), wantStatus: 404, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		setServiceThreshold(t, site, site.A)
		setServiceThreshold(t, site, site.B)
		client := site.Clients(t)
		other := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID, func(p *people.Person) { p.GivenName, p.FamilyName, p.NHSNumber = "Bea", "Otherperson", "" }))
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				w := newServiceWorld(t, site, db)
				before := servicesState(t, site, w)
				path := strings.NewReplacer("{id}", w.person.ID, "{episode}", w.episode, "{waiting}", w.waiting.ID, "{ok}", w.ok.ID,
					"{auth}", w.waitingAuth.ID, "{ownauth}", w.ownAuh.ID, "{other}", other.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(w)
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, w.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
				if sc.unchanged {
					if after := servicesState(t, site, w); after != before {
						t.Errorf("services changed:\nbefore %s\nafter  %s", before, after)
					}
				}
				if sc.again {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, "version"), w.person.ID,
						apptest.Answer{Status: 303, Log: []accesslog.Action{update}})
					if after := servicesState(t, site, w); after == before {
						t.Errorf("saving again changed nothing: %s", after)
					}
				}
				if sc.check != nil {
					sc.check(t, site, w)
				}
				apptest.Retire(t, site, w.person)
			})
		}
	})
}

func setServiceThreshold(t *testing.T, s *apptest.Site, c peopletest.Council) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
	got, err := s.App.Councils.CouncilByID(ctx, c.Council.ID)
	if err != nil {
		t.Fatal(err)
	}
	set := got.Settings
	set.AuthorisationThresholdPence = serviceThreshold
	if err := s.App.Councils.UpdateSettings(ctx, got.MFARequired, set, got.Version); err != nil {
		t.Fatal(err)
	}
}

var serviceClock = time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC)

// newServiceWorld makes a scenario's person, episode, outcome and services. The episode and outcome are written
// with plain SQL (the columns of migration 00003), so these tests do not depend on the stores that own them.
func newServiceWorld(t *testing.T, s *apptest.Site, db *sqldb.DB) serviceWorld {
	t.Helper()
	worker, manager := s.A.Staff[councils.Practitioner], s.A.Staff[councils.TeamManager]
	w := serviceWorld{person: peopletest.MustCreate(t, db, worker, peopletest.Person(s.A.North.ID)), episode: sqldb.NewID(), outcome: sqldb.NewID()}
	council := s.A.Council.ID
	err := db.InTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		if _, err := tx.ExecContext(context.Background(), `INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
			council, w.episode, w.person.ID, "2025-02-01", serviceClock); err != nil {
			return err
		}
		_, err := tx.ExecContext(context.Background(), `INSERT INTO outcome (council_id, id, person_id, episode_id, different, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
			council, w.outcome, w.person.ID, w.episode, "I can get washed and dressed by myself", serviceClock)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	add := func(as councils.Staff, unitPence int64) plans.ServiceRecord {
		rec, err := s.App.Services.Add(peopletest.As(as), w.person.ID, w.episode, plans.Service{
			ServiceType: "Short term support: ST-Max", Component: "Reablement", DeliveryMechanism: "CASSR commissioned support",
			Provider: "Exampleton Homecare", Start: svcMustDate(t, "2025-03-03"), End: svcMustDate(t, "2025-04-28"), UnitCostPence: unitPence,
			Frequency: codelists.CostHourly, Units: 10, OutcomeIDs: []string{w.outcome},
		})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	w.waiting, w.ok, w.own = add(worker, 5000), add(worker, 3000), add(manager, 4000)
	w.waitingAuth, w.ownAuh = *w.waiting.Authorisation, *w.own.Authorisation
	return w
}

func svcMustDate(t *testing.T, s string) sqldb.Date {
	t.Helper()
	d, err := sqldb.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func svcStoreCtx(s *apptest.Site) context.Context {
	return accesslog.WithCommand(sqldb.WithCouncil(context.Background(), s.A.Council.ID), "test")
}

// episodeServices reads the scenario's episode as the command line would, without logging through a page.
func episodeServices(t *testing.T, s *apptest.Site, w serviceWorld) plans.EpisodeServices {
	t.Helper()
	ep, err := s.App.Services.Episode(svcStoreCtx(s), w.person.ID, w.episode)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func serviceNow(t *testing.T, s *apptest.Site, w serviceWorld, id string) plans.ServiceRecord {
	t.Helper()
	for _, r := range episodeServices(t, s, w).Services {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("service %s not found", id)
	return plans.ServiceRecord{}
}

// servicesState sums up every service and request of the scenario's episode, to see that nothing changed.
func servicesState(t *testing.T, s *apptest.Site, w serviceWorld) string {
	t.Helper()
	var b strings.Builder
	for _, r := range episodeServices(t, s, w).Services {
		b.WriteString(r.ID + ":" + string(r.Status) + ":" + strconv.Itoa(r.Version) + ":" + r.Provider + ":" + strconv.FormatInt(r.WeeklyCost, 10))
		if a := r.Authorisation; a != nil {
			b.WriteString(":" + string(a.Decision) + ":" + strconv.Itoa(a.Version))
		}
		b.WriteString(" ")
	}
	return b.String()
}
