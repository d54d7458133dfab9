package capacitypage_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAPICapacityAndAdvocacy drives every capacity and advocacy API route as a scenario: council A's practitioner
// reads and records (one access-log entry each, marked as the API's), council B's gets 404 and changes nothing,
// finance gets 403 or 404, bad input is 422 with a problem per field and changes nothing, and a stale write is 409.
func TestAPICapacityAndAdvocacy(t *testing.T) {
	t.Parallel()
	const ep = "/api/v1/people/{id}/episodes/{episode}"
	today := sqldb.UKDate(time.Now()).String()
	assessment := `{"decision":"Whether to manage her own money","decision_type":"finances_and_property","assessed_at":"` +
		time.Now().Add(-time.Hour).UTC().Format(time.RFC3339) + `","impairment":"no","abilities":{"understand":{"state":"able","evidence":"x"},` +
		`"retain":{"state":"able","evidence":"x"},"use_or_weigh":{"state":"able","evidence":"x"},"communicate":{"state":"able","evidence":"x"}},"result":"has"}`
	lacksWithoutStage1 := strings.Replace(assessment, `"result":"has"`, `"result":"lacks"`, 1)
	decision := func(latest string) string {
		return `{"latest":"` + latest + `","checklist":{"no_assumptions":{"state":"considered","notes":"n"},"all_circumstances":{"state":"considered","notes":"n"},` +
			`"regain_capacity":{"state":"considered","notes":"n"},"participation":{"state":"considered","notes":"n"},"life_sustaining":{"state":"not_applicable"}},` +
			`"wishes":"Home","beliefs":"Quaker","other_factors":"Cat","no_consultee_reason":"Nobody; IMCA instructed",` +
			`"options":[{"text":"Oak House"},{"text":"Home with a sitter","less_restrictive":true}],"chosen":1,"chosen_why":"Home",` +
			`"decision":"A sitter at home","decided_by":"Sam Jones","decided_on":"` + today + `"}`
	}
	needs := func(replaces string) string {
		return `{"replaces":"` + replaces + `","difficulties":{"understanding":{"substantial":true,"evidence":"Lost the thread"},"retaining":{},"using_weighing":{},` +
			`"communicating":{}},"no_appropriate_person":true,"processes":["assessment","review"],"recorded_on":"` + today + `"}`
	}
	referral := func(action string) string {
		return `{"action_id":"` + action + `","advocate_type":"care_act","provider":"Exampleshire Advocacy Hub","referred_on":"` + today + `"}`
	}
	type scenario struct {
		name, method, path string
		body               func(f capacityFixture) string
		as                 func(s *apptest.Site) councils.Staff
		wantStatus         int
		wantBody           []string
		wantLog            []accesslog.Action
		unchanged          bool
	}
	view, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Update}
	fixed := func(s string) func(capacityFixture) string { return func(capacityFixture) string { return s } }
	scenarios := []scenario{
		{name: "assessments", method: "GET", path: ep + "/capacity-assessments", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`"result":"lacks"`, `"section":"MCA s39"`}, wantLog: view},
		{name: "assessments from another council", method: "GET", path: ep + "/capacity-assessments", as: apptest.BWorker, wantStatus: 404},
		{name: "assessments by finance", method: "GET", path: ep + "/capacity-assessments", as: apptest.AFinance, wantStatus: 404},
		{name: "an assessment", method: "GET", path: ep + "/capacity-assessments/{assessment}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`"best_interests":[{`, `"decision":"Stay at home with more calls"`}, wantLog: view},
		{name: "an assessment from another council", method: "GET", path: ep + "/capacity-assessments/{assessment}", as: apptest.BWorker, wantStatus: 404},
		{name: "record an assessment", method: "POST", path: ep + "/capacity-assessments", body: fixed(assessment), as: apptest.AWorker, wantStatus: 201, wantBody: []string{`"result":"has"`}, wantLog: update},
		{name: "lacks capacity without stage 1", method: "POST", path: ep + "/capacity-assessments", body: fixed(lacksWithoutStage1), as: apptest.AWorker, wantStatus: 422,
			wantBody: []string{`"pointer":"#/result"`, "without an impairment"}, unchanged: true},
		{name: "an assessment from another council", method: "POST", path: ep + "/capacity-assessments", body: fixed(assessment), as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "an assessment by finance", method: "POST", path: ep + "/capacity-assessments", body: fixed(assessment), as: apptest.AFinance, unchanged: true, wantStatus: 404},
		{name: "record a decision", method: "POST", path: ep + "/capacity-assessments/{assessment}/best-interests", body: func(f capacityFixture) string { return decision(f.decision.ID) },
			as: apptest.AWorker, wantStatus: 201, wantBody: []string{`"decision":"A sitter at home"`}, wantLog: update},
		{name: "a stale decision", method: "POST", path: ep + "/capacity-assessments/{assessment}/best-interests", body: fixed(decision("")), as: apptest.AWorker, wantStatus: 409, unchanged: true},
		{name: "an incomplete decision", method: "POST", path: ep + "/capacity-assessments/{assessment}/best-interests", body: func(f capacityFixture) string {
			return strings.Replace(decision(f.decision.ID), `"less_restrictive":true`, `"less_restrictive":false`, 1)
		}, as: apptest.AWorker, wantStatus: 422, wantBody: []string{`"pointer":"#/options/0"`}, unchanged: true},
		{name: "a decision from another council", method: "POST", path: ep + "/capacity-assessments/{assessment}/best-interests", body: func(f capacityFixture) string { return decision(f.decision.ID) },
			as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "needs", method: "GET", path: ep + "/advocacy-needs", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`"advocates_due":["assessment"]`}, wantLog: view},
		{name: "needs from another council", method: "GET", path: ep + "/advocacy-needs", as: apptest.BWorker, wantStatus: 404},
		{name: "record needs", method: "POST", path: ep + "/advocacy-needs", body: func(f capacityFixture) string { return needs(f.needs.ID) }, as: apptest.AWorker, wantStatus: 201,
			wantBody: []string{`"advocates_due":["assessment","review"]`}, wantLog: update},
		{name: "stale needs", method: "POST", path: ep + "/advocacy-needs", body: fixed(needs("")), as: apptest.AWorker, wantStatus: 409, unchanged: true},
		{name: "needs without processes", method: "POST", path: ep + "/advocacy-needs", body: func(f capacityFixture) string {
			return strings.Replace(needs(f.needs.ID), `"processes":["assessment","review"]`, `"processes":[]`, 1)
		}, as: apptest.AWorker, wantStatus: 422, wantBody: []string{`"pointer":"#/processes"`}, unchanged: true},
		{name: "needs from another council", method: "POST", path: ep + "/advocacy-needs", body: func(f capacityFixture) string { return needs(f.needs.ID) }, as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "referrals", method: "GET", path: ep + "/advocacy-referrals", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Exampleshire Advocacy Hub"}, wantLog: view},
		{name: "referrals from another council", method: "GET", path: ep + "/advocacy-referrals", as: apptest.BWorker, wantStatus: 404},
		{name: "refer for an action", method: "POST", path: ep + "/advocacy-referrals", body: func(f capacityFixture) string { return referral(f.advocate.ID) }, as: apptest.AWorker,
			wantStatus: 201, wantBody: []string{`"duty_kind":"advocate_assessment"`}, wantLog: update},
		{name: "refer without a provider", method: "POST", path: ep + "/advocacy-referrals", body: fixed(strings.Replace(referral(""), "Exampleshire Advocacy Hub", "", 1)), as: apptest.AWorker,
			wantStatus: 422, wantBody: []string{`"pointer":"#/provider"`}, unchanged: true},
		{name: "refer from another council", method: "POST", path: ep + "/advocacy-referrals", body: func(f capacityFixture) string { return referral(f.advocate.ID) }, as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "required actions", method: "GET", path: ep + "/required-actions", as: apptest.AWorker, wantStatus: 200, wantBody: []string{`"kind":"imca"`, `"kind":"advocate_assessment"`, `"overdue":false`}, wantLog: view},
		{name: "required actions from another council", method: "GET", path: ep + "/required-actions", as: apptest.BWorker, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		token := site.Tokens(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newCapacityFixture(t, site, db)
				before := capacityState(t, site, f)
				logBefore := apptest.LogOf(t, site, f.person.ID)
				path := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.episode, "{assessment}", f.assessment.ID).Replace(sc.path)
				staff := sc.as(site)
				var body string
				if sc.body != nil {
					body = sc.body(f)
				}
				res, got := site.API(t, token(staff), sc.method, path, body)
				if res.StatusCode != sc.wantStatus {
					t.Errorf("%s %s as %s: status %d, want %d\n%s", sc.method, path, staff.Email, res.StatusCode, sc.wantStatus, got)
				}
				for _, want := range sc.wantBody {
					if !strings.Contains(got, want) {
						t.Errorf("answer does not contain %s:\n%s", want, got)
					}
				}
				peopletest.CheckWrote(t, apptest.LogOf(t, site, f.person.ID)[len(logBefore):], peopletest.Wrote{Channel: accesslog.API, StaffID: staff.ID, Actions: sc.wantLog})
				after := capacityState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.wantStatus == 201)
				apptest.Retire(t, site, f.person)
			})
		}
	})
}
