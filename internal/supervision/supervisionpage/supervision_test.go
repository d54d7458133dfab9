package supervisionpage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// supervisionFixture is a person on the north practitioner's caseload and a session their manager recorded.
type supervisionFixture struct {
	w       planstest.World
	session supervision.Session
	today   sqldb.Date
}

type supervisionScenario struct {
	name       string
	method     string
	path       string
	form       func(f supervisionFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool
}

func sessionForm(fn func(v url.Values)) func(supervisionFixture) url.Values {
	return func(f supervisionFixture) url.Values {
		v := url.Values{"supervisee_id": {f.session.SuperviseeID}, "kind": {"one_to_one"}, "went_well": {"A calm first visit"},
			"case_1_person": {f.w.Person.ID}, "case_1_discussion": {"Whether to stop reablement"}, "case_1_decision": {"Stop at the review"},
			"wellbeing": {"Tired"}, "action_1_what": {"Book the review"}, "action_1_owner": {"Priya"}}
		apptest.DateFields("held_on", f.today, v)
		apptest.DateFields("action_1_due_on", sqldb.NewDate(f.today.AddDate(0, 0, 14)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestSupervisionPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	view, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Update}
	scenarios := []supervisionScenario{
		{name: "supervision, as a team manager", method: "GET", path: "/supervision", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Staff you supervise", "Test Practitioner", "Supervised within policy", "North"}, notBody: []string{"Test South Worker"}},
		{name: "supervision, as the practitioner", method: "GET", path: "/supervision", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Your supervision", "One-to-one supervision with Test Team manager", "To agree"}, notBody: []string{"Staff you supervise"}},
		{name: "supervision, from another council", method: "GET", path: "/supervision", as: apptest.BManager, wantStatus: 200, wantBody: []string{"None recorded"}, notBody: []string{"Ada’s plan"}},
		{name: "supervision, as finance", method: "GET", path: "/supervision", as: apptest.AFinance, wantStatus: 403},
		{name: "the session form", method: "GET", path: "/supervision/new?supervisee={supervisee}", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Record supervision", "What has gone well", "Testperson, Ada", "Book Ada’s review"}},
		{name: "the session form, as a practitioner", method: "GET", path: "/supervision/new", as: apptest.AWorker, wantStatus: 403},
		{name: "record a session", method: "POST", path: "/supervision/new", as: apptest.AManager, form: sessionForm(nil), wantStatus: 303, wantLog: update},
		{name: "a session without what went well", method: "POST", path: "/supervision/new", as: apptest.AManager, form: sessionForm(func(v url.Values) { v.Set("went_well", "") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Record what has gone well first", `href="#f-went_well"`, "Whether to stop reablement"}, unchanged: true},
		{name: "a session for someone outside one's teams", method: "POST", path: "/supervision/new", as: apptest.AManager, form: sessionForm(func(v url.Values) {
			v.Set("supervisee_id", "not-staff")
			v.Del("case_1_person")
			v.Del("case_1_discussion")
			v.Del("case_1_decision")
		}), wantStatus: 422, wantBody: []string{"Select someone you supervise"}, unchanged: true},
		{name: "a session from another council", method: "POST", path: "/supervision/new", as: apptest.BManager, form: sessionForm(nil), wantStatus: 422, unchanged: true},
		{name: "a session's record, as its supervisee", method: "GET", path: "/supervision/{session}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Ada’s plan reads as hers", "Tired after the winter", "Agree the record"}, wantLog: view},
		{name: "a session's record, as the quality lead", method: "GET", path: "/supervision/{session}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Ada’s plan reads as hers"}, notBody: []string{"Tired after the winter", "Agree the record"}, wantLog: view},
		{name: "a session's record, as another practitioner", method: "GET", path: "/supervision/{session}", as: apptest.ASouth, wantStatus: 404},
		{name: "a session's record, from another council", method: "GET", path: "/supervision/{session}", as: apptest.BQuality, wantStatus: 404},
		{name: "agree", method: "POST", path: "/supervision/{session}", as: apptest.AWorker, form: func(f supervisionFixture) url.Values {
			return url.Values{"comment": {"Fair"}, "version": {strconv.Itoa(f.session.Version)}}
		}, wantStatus: 303},
		{name: "agree for someone else", method: "POST", path: "/supervision/{session}", as: apptest.AManager, form: func(f supervisionFixture) url.Values {
			return url.Values{"comment": {"Fair"}, "version": {strconv.Itoa(f.session.Version)}}
		}, wantStatus: 403, unchanged: true},
		{name: "a stale agreement", method: "POST", path: "/supervision/{session}", as: apptest.AWorker, form: func(f supervisionFixture) url.Values {
			return url.Values{"comment": {"Fair"}, "version": {"0"}}
		}, wantStatus: 409, wantBody: []string{"The record changed while you were reading it"}, wantLog: view, unchanged: true},
		{name: "the policy", method: "GET", path: "/supervision/policy", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Supervision policy", "Practitioner", "Test Practitioner"}},
		{name: "the policy, as a team manager", method: "GET", path: "/supervision/policy", as: apptest.AManager, wantStatus: 403},
		{name: "set the policy", method: "POST", path: "/supervision/policy", as: apptest.AQuality, form: func(supervisionFixture) url.Values {
			return url.Values{"weeks_practitioner": {"4"}, "weeks_team_manager": {"6"}}
		}, wantStatus: 303},
		{name: "a policy with mistakes", method: "POST", path: "/supervision/policy", as: apptest.AQuality, form: func(supervisionFixture) url.Values {
			return url.Values{"weeks_practitioner": {"monthly"}}
		}, wantStatus: 422, wantBody: []string{"Weeks must be a whole number"}},
		{name: "a policy out of range", method: "POST", path: "/supervision/policy", as: apptest.AQuality, form: func(supervisionFixture) url.Values {
			return url.Values{"weeks_team_manager": {"60"}}
		}, wantStatus: 422, wantBody: []string{"between 1 and 26", `href="#f-weeks_team_manager"`}},
		{name: "the caseload says who is overdue", method: "GET", path: "/caseload", as: apptest.AManager, wantStatus: 200, wantBody: []string{`id="supervision-overdue"`, "Your supervision is overdue", "overdue for supervision"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newSupervisionFixture(t, site, db)
				before := supervisionState(t, site, f)
				path := strings.NewReplacer("{session}", f.session.ID, "{supervisee}", f.session.SuperviseeID).Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, f.w.Person.ID, apptest.Answer{Status: sc.wantStatus,
					Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
				after := supervisionState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.method == "POST" && sc.wantStatus == 303 && !strings.Contains(sc.path, "policy"))
				apptest.Retire(t, site, f.w.Person)
			})
		}
	})
}

func newSupervisionFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) supervisionFixture {
	t.Helper()
	f := supervisionFixture{w: planstest.New(t, db, site.A), today: site.App.DB.Today()}
	s, err := site.App.Supervision.Record(peopletest.As(site.A.Staff[councils.TeamManager]), supervision.Session{
		SuperviseeID: site.A.Staff[councils.Practitioner].ID, HeldOn: f.today, Kind: supervision.OneToOne, WentWell: "Ada’s plan reads as hers",
		Wellbeing: "Tired after the winter", Cases: []supervision.Case{{PersonID: f.w.Person.ID, Discussion: "Her plan", Decision: "Carry on"}}, Actions: []supervision.Action{{What: "Book Ada’s review", Owner: "Priya", DueOn: f.today}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.session = s
	return f
}

// supervisionState is everything these pages change, as one comparable string.
func supervisionState(t *testing.T, site *apptest.Site, f supervisionFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM supervision WHERE council_id = $1 AND CAST($2 AS TEXT) <> ''`,
		`SELECT COALESCE(sum(version), 0) FROM supervision WHERE council_id = $1 AND CAST($2 AS TEXT) <> ''`,
		`SELECT count(*) FROM supervision_case WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`,
	}, site.A.Council.ID, f.w.Person.ID)
}
