package riskpage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// riskFixture is what each risk, crisis and conference scenario starts from: an episode with outcomes and a
// solution, a risk with an agreed decision, the episode in crisis, a conference held with the family's plan and a
// second conference only referred; and a second episode, not in crisis.
type riskFixture struct {
	w        planstest.World
	calm     string // the second episode
	risk     risks.Risk
	crisis   crisis.Crisis
	held     conferences.Conference
	referred conferences.Conference
	today    sqldb.Date
	person   people.Person
}

type riskScenario struct {
	name       string
	method     string
	path       string
	form       func(f riskFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	wantLog    []accesslog.Action
	unchanged  bool
}

func riskForm(fn func(v url.Values)) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := url.Values{"what": {"Cooks on the gas hob alone"}, "person_view": {"I have cooked all my life"}, "what_matters": {"Making my own tea"},
			"could_go_wrong": {"Leaves the gas on"}, "likelihood": {"possible"}, "severity": {"serious"},
			"mitigation_what_1": {"Gas safety valve fitted"}, "mitigation_who_1": {"Handyperson scheme"},
			"decision": {"agreed"}, "agreed_name_1": {"Ada Testperson"}, "agreed_role_1": {"The person"},
			"outcome_ids": {f.w.Outcomes[0].ID}, "solution_ids": {f.w.Solution.ID}}
		apptest.DateFields("decided_on", f.today, v)
		apptest.DateFields("review_on", sqldb.NewDate(f.today.AddDate(0, 2, 0)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

// editForm changes the fixture's risk from its version plus stale (a negative stale is someone else's change).
func editForm(stale int, fn func(v url.Values)) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := riskForm(fn)(f)
		v.Set("version", strconv.Itoa(f.risk.Version+stale))
		return v
	}
}

func riskReviewForm(result string, version int) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := url.Values{"what_happened": {"No falls since"}, "result": {result}, "version": {strconv.Itoa(f.risk.Version + version)}}
		apptest.DateFields("reviewed_on", f.today, v)
		apptest.DateFields("next_review_on", sqldb.NewDate(f.today.AddDate(0, 6, 0)), v)
		return v
	}
}

func crisisReviewForm(outcome string, stale bool) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := f.crisis.Version
		if stale {
			v--
		}
		return url.Values{"review_what_happened": {"Cara is home again"}, "outcome": {outcome}, "version": {strconv.Itoa(v)}}
	}
}

func referForm(consent string) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := url.Values{"consent": {consent}, "coordinator": {"Priya Shah"}, "invitee_name_1": {"Cara"}, "invitee_relationship_1": {"Daughter"}}
		apptest.DateFields("referred_on", f.today, v)
		apptest.DateFields("consent_on", f.today, v)
		return v
	}
}

func heldForm(private string, stale bool) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := url.Values{"private_time": {private}, "item_what_1": {"Sunday lunch"}, "item_who_1": {"Cara"}, "item_by_when_1": {"Every Sunday"},
			"version": {strconv.Itoa(f.referred.Version)}}
		if stale {
			v.Set("version", "0")
		}
		apptest.DateFields("held_on", f.today, v)
		apptest.DateFields("review_on", sqldb.NewDate(f.today.AddDate(0, 3, 0)), v)
		return v
	}
}

func fgcReviewForm(result string, stale bool) func(riskFixture) url.Values {
	return func(f riskFixture) url.Values {
		v := url.Values{"review_note": {"Lunch every week"}, "item_1": {result}, "version": {strconv.Itoa(f.held.Version)}}
		if stale {
			v.Set("version", "0")
		}
		apptest.DateFields("reviewed_on", f.today, v)
		return v
	}
}

func TestRiskCrisisConferencePagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	const ep = "/people/{id}/episodes/{episode}"
	view, create, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Create}, []accesslog.Action{accesslog.Update}
	scenarios := []riskScenario{
		// Risks.
		{name: "risks", method: "GET", path: ep + "/risks", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Risks and positive risk-taking", "Walks to the allotment alone"}, wantLog: view},
		{name: "risks from another council", method: "GET", path: ep + "/risks", as: apptest.BWorker, wantStatus: 404},
		{name: "risks as finance", method: "GET", path: ep + "/risks", as: apptest.AFinance, wantStatus: 403},
		{name: "risk form", method: "GET", path: ep + "/risks/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Record a risk", "The person’s view of it", "Who agreed", "I go to the allotment every week"}, wantLog: view},
		{name: "risk form from another council", method: "GET", path: ep + "/risks/new", as: apptest.BWorker, wantStatus: 404},
		{name: "risk form as finance", method: "GET", path: ep + "/risks/new", as: apptest.AFinance, wantStatus: 403},
		{name: "record a risk", method: "POST", path: ep + "/risks/new", as: apptest.AWorker, form: riskForm(nil), wantStatus: 303, wantLog: create},
		{name: "a risk with mistakes", method: "POST", path: ep + "/risks/new", as: apptest.AWorker, form: riskForm(func(v url.Values) { v.Del("person_view"); v.Del("agreed_name_1") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Enter the person’s view", "Enter the name and role of each person who agreed", `href="#f-agreed_by"`}, unchanged: true},
		{name: "a risk linked to another episode's outcome", method: "POST", path: ep + "/risks/new", as: apptest.AWorker, form: riskForm(func(v url.Values) { v.Set("outcome_ids", "not-an-outcome") }),
			wantStatus: 422, wantBody: []string{"Choose outcomes from this episode"}, unchanged: true},
		{name: "a risk from another council", method: "POST", path: ep + "/risks/new", as: apptest.BWorker, form: riskForm(nil), wantStatus: 404, unchanged: true},
		{name: "a risk as finance", method: "POST", path: ep + "/risks/new", as: apptest.AFinance, form: riskForm(nil), wantStatus: 403, unchanged: true},
		{name: "a risk's page", method: "GET", path: ep + "/risks/{risk}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Walks to the allotment alone", "“I have walked it for forty years”", "Positive risk-taking agreed", "Record a review", "Outcome: I go to the allotment every week"}, wantLog: view},
		{name: "a risk's page from another council", method: "GET", path: ep + "/risks/{risk}", as: apptest.BWorker, wantStatus: 404},
		{name: "review a risk", method: "POST", path: ep + "/risks/{risk}", as: apptest.AWorker, form: riskReviewForm("reduced", 0), wantStatus: 303, wantLog: update},
		{name: "a risk review with mistakes", method: "POST", path: ep + "/risks/{risk}", as: apptest.AWorker, form: riskReviewForm("", 0), wantStatus: 422, wantBody: []string{"Select whether it is still a risk"}, unchanged: true},
		{name: "a stale risk review", method: "POST", path: ep + "/risks/{risk}", as: apptest.AWorker, form: riskReviewForm("closed", -1), wantStatus: 409, wantBody: []string{"Someone else changed or reviewed this risk", "No falls since"}, unchanged: true},
		{name: "a risk review from another council", method: "POST", path: ep + "/risks/{risk}", as: apptest.BWorker, form: riskReviewForm("closed", 0), wantStatus: 404, unchanged: true},
		{name: "the form to change a risk", method: "GET", path: ep + "/risks/{risk}/edit", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change the risk", "Walks to the allotment alone", "I have walked it for forty years", `name="version" value="1"`, "Save changes"}, wantLog: view},
		{name: "the form to change a risk from another council", method: "GET", path: ep + "/risks/{risk}/edit", as: apptest.BWorker, wantStatus: 404},
		{name: "the form to change a risk as finance", method: "GET", path: ep + "/risks/{risk}/edit", as: apptest.AFinance, wantStatus: 403},
		{name: "change a risk", method: "POST", path: ep + "/risks/{risk}/edit", as: apptest.AWorker, form: editForm(0, nil), wantStatus: 303, wantLog: update},
		{name: "a change with mistakes", method: "POST", path: ep + "/risks/{risk}/edit", as: apptest.AWorker, form: editForm(0, func(v url.Values) { v.Del("what"); v.Del("mitigation_who_1") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Enter what the risk is", "Enter each way to reduce the risk with who will do it", `href="#f-what"`}, unchanged: true},
		{name: "a stale change shows what the other person saved", method: "POST", path: ep + "/risks/{risk}/edit", as: apptest.AWorker, form: editForm(-1, nil),
			wantStatus: 409, wantBody: []string{"There is a problem", "Someone else changed this risk while you were working", `href="#f-version"`, "What they saved", "“I have walked it for forty years”", "Cooks on the gas hob alone", `name="version" value="1"`}, unchanged: true},
		{name: "a change from another council", method: "POST", path: ep + "/risks/{risk}/edit", as: apptest.BWorker, form: editForm(0, nil), wantStatus: 404, unchanged: true},
		{name: "a change as finance", method: "POST", path: ep + "/risks/{risk}/edit", as: apptest.AFinance, form: editForm(0, nil), wantStatus: 403, unchanged: true},
		{name: "the thread shows the risk beside its outcome", method: "GET", path: ep + "/thread", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Risks and decisions", "Risk: Walks to the allotment alone", "Positive risk-taking agreed"}, wantLog: view},

		// Crisis.
		{name: "the episode page's crisis banner", method: "GET", path: ep, as: apptest.AWorker, wantStatus: 200, wantBody: []string{`id="crisis-banner"`, "Early review due", "Record the early review"}, wantLog: view},
		{name: "an episode not in crisis has no banner", method: "GET", path: "/people/{id}/episodes/{calm}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"The four steps", "Risk, crisis and family"}, wantLog: view},
		{name: "the crisis page", method: "GET", path: ep + "/crisis", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Fell at home", "Home care twice a day", "Record the early review"}, wantLog: view},
		{name: "the crisis page from another council", method: "GET", path: ep + "/crisis", as: apptest.BWorker, wantStatus: 404},
		{name: "the crisis page as finance", method: "GET", path: ep + "/crisis", as: apptest.AFinance, wantStatus: 403},
		{name: "review the crisis: over", method: "POST", path: ep + "/crisis", as: apptest.AWorker, form: crisisReviewForm("over", false), wantStatus: 303, wantLog: update},
		{name: "review the crisis: continuing", method: "POST", path: ep + "/crisis", as: apptest.AWorker, form: crisisReviewForm("continue", false), wantStatus: 303, wantLog: update},
		{name: "a crisis review with mistakes", method: "POST", path: ep + "/crisis", as: apptest.AWorker, form: crisisReviewForm("", false), wantStatus: 422, wantBody: []string{"Select whether the crisis is over"}, unchanged: true},
		{name: "a stale crisis review", method: "POST", path: ep + "/crisis", as: apptest.AWorker, form: crisisReviewForm("over", true), wantStatus: 409, wantBody: []string{"Someone else reviewed this crisis", "Cara is home again"}, unchanged: true},
		{name: "a crisis review from another council", method: "POST", path: ep + "/crisis", as: apptest.BWorker, form: crisisReviewForm("over", false), wantStatus: 404, unchanged: true},
		{name: "the marking form", method: "GET", path: "/people/{id}/episodes/{calm}/crisis/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Mark as crisis", "72 hours"}, wantLog: view},
		{name: "the marking form from another council", method: "GET", path: "/people/{id}/episodes/{calm}/crisis/new", as: apptest.BWorker, wantStatus: 404},
		{name: "mark as crisis", method: "POST", path: "/people/{id}/episodes/{calm}/crisis/new", as: apptest.AWorker,
			form: func(riskFixture) url.Values {
				return url.Values{"what_happened": {"Carer in hospital"}, "support_1": {"Meals delivered"}}
			}, wantStatus: 303, wantLog: create},
		{name: "mark as crisis with nothing said", method: "POST", path: "/people/{id}/episodes/{calm}/crisis/new", as: apptest.AWorker,
			form: func(riskFixture) url.Values { return url.Values{} }, wantStatus: 422, wantBody: []string{"Enter what happened", "Enter the short-term holding support"}, unchanged: true},
		{name: "mark an episode already in crisis", method: "POST", path: ep + "/crisis/new", as: apptest.AWorker,
			form: func(riskFixture) url.Values { return url.Values{"what_happened": {"Again"}, "support_1": {"x"}} }, wantStatus: 422, wantBody: []string{"already marked as crisis"}, unchanged: true},
		{name: "mark as crisis from another council", method: "POST", path: "/people/{id}/episodes/{calm}/crisis/new", as: apptest.BWorker,
			form: func(riskFixture) url.Values { return url.Values{"what_happened": {"x"}, "support_1": {"x"}} }, wantStatus: 404, unchanged: true},

		// Family group conferences.
		{name: "conferences", method: "GET", path: ep + "/conferences", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Family group conferences", "coordinator Priya Shah"}, wantLog: view},
		{name: "conferences from another council", method: "GET", path: ep + "/conferences", as: apptest.BWorker, wantStatus: 404},
		{name: "conferences as finance", method: "GET", path: ep + "/conferences", as: apptest.AFinance, wantStatus: 403},
		{name: "referral form", method: "GET", path: ep + "/conferences/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Refer for a family group conference", "Independent coordinator"}, wantLog: view},
		{name: "referral form from another council", method: "GET", path: ep + "/conferences/new", as: apptest.BWorker, wantStatus: 404},
		{name: "refer", method: "POST", path: ep + "/conferences/new", as: apptest.AWorker, form: referForm("yes"), wantStatus: 303, wantLog: create},
		{name: "refer without consent", method: "POST", path: ep + "/conferences/new", as: apptest.AWorker, form: referForm("no"), wantStatus: 422, wantBody: []string{"needs the person’s consent"}, unchanged: true},
		{name: "refer from another council", method: "POST", path: ep + "/conferences/new", as: apptest.BWorker, form: referForm("yes"), wantStatus: 404, unchanged: true},
		{name: "a held conference", method: "GET", path: ep + "/conferences/{held}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"The family’s plan", "Lifts to the allotment", "Add to the support plan", "Review the family’s plan"}, wantLog: view},
		{name: "a conference from another council", method: "GET", path: ep + "/conferences/{held}", as: apptest.BWorker, wantStatus: 404},
		{name: "record the conference held", method: "POST", path: ep + "/conferences/{referred}/held", as: apptest.AWorker, form: heldForm("yes", false), wantStatus: 303, wantLog: update},
		{name: "held without private time", method: "POST", path: ep + "/conferences/{referred}/held", as: apptest.AWorker, form: heldForm("no", false), wantStatus: 422, wantBody: []string{"cannot be recorded as held without it"}, unchanged: true},
		{name: "a stale conference", method: "POST", path: ep + "/conferences/{referred}/held", as: apptest.AWorker, form: heldForm("yes", true), wantStatus: 409, wantBody: []string{"Someone else changed this conference"}, unchanged: true},
		{name: "held from another council", method: "POST", path: ep + "/conferences/{referred}/held", as: apptest.BWorker, form: heldForm("yes", false), wantStatus: 404, unchanged: true},
		{name: "review the family's plan", method: "POST", path: ep + "/conferences/{held}/review", as: apptest.AWorker, form: fgcReviewForm("kept", false), wantStatus: 303, wantLog: update},
		{name: "a review without each item", method: "POST", path: ep + "/conferences/{held}/review", as: apptest.AWorker, form: fgcReviewForm("", false), wantStatus: 422, wantBody: []string{"was kept to or changed"}, unchanged: true},
		{name: "a stale review of the plan", method: "POST", path: ep + "/conferences/{held}/review", as: apptest.AWorker, form: fgcReviewForm("kept", true), wantStatus: 409, unchanged: true},
		{name: "a review of the plan from another council", method: "POST", path: ep + "/conferences/{held}/review", as: apptest.BWorker, form: fgcReviewForm("kept", false), wantStatus: 404, unchanged: true},
		{name: "an item into the support plan", method: "POST", path: ep + "/conferences/{held}/items/{item}/solution", as: apptest.AWorker,
			form: func(f riskFixture) url.Values { return url.Values{"outcome_ids": {f.w.Outcomes[1].ID}} }, wantStatus: 303, wantLog: create},
		{name: "an item serving no outcome", method: "POST", path: ep + "/conferences/{held}/items/{item}/solution", as: apptest.AWorker,
			form: func(f riskFixture) url.Values { return url.Values{} }, wantStatus: 422, wantBody: []string{"Choose at least one outcome"}, unchanged: true},
		{name: "an item from another council", method: "POST", path: ep + "/conferences/{held}/items/{item}/solution", as: apptest.BWorker,
			form: func(f riskFixture) url.Values { return url.Values{"outcome_ids": {f.w.Outcomes[1].ID}} }, wantStatus: 404, unchanged: true},
		{name: "an item as finance", method: "POST", path: ep + "/conferences/{held}/items/{item}/solution", as: apptest.AFinance,
			form: func(f riskFixture) url.Values { return url.Values{"outcome_ids": {f.w.Outcomes[1].ID}} }, wantStatus: 403, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newRiskFixture(t, site, db)
				before := riskState(t, site, f)
				path := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.w.EpisodeID, "{calm}", f.calm, "{risk}", f.risk.ID,
					"{held}", f.held.ID, "{referred}", f.referred.ID, "{item}", f.held.Items[0].ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: nil, Log: sc.wantLog})
				after := riskState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
				apptest.Retire(t, site, f.person)
			})
		}
	})
}

func newRiskFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) riskFixture {
	t.Helper()
	worker := site.A.Staff[councils.Practitioner]
	ctx := peopletest.As(worker)
	f := riskFixture{w: planstest.New(t, db, site.A), today: site.App.DB.Today()}
	f.person = f.w.Person
	f.calm = conversationstest.MustOpenEpisode(t, db, worker, f.person.ID).ID
	var err error
	if f.risk, err = site.App.Risks.Add(ctx, risks.Risk{PersonID: f.person.ID, EpisodeID: f.w.EpisodeID, What: "Walks to the allotment alone",
		PersonView: "I have walked it for forty years", WhatMatters: "My independence", CouldGoWrong: "A fall on the towpath",
		Likelihood: risks.Possible, Severity: risks.Serious, Mitigations: []risks.Mitigation{{What: "Carries a phone", Who: "Ada"}},
		Decision: risks.Decision{Made: true, Agreed: true, On: f.today, AgreedBy: []risks.Agreer{{Name: "Ada", Role: "The person"}}},
		ReviewOn: sqldb.NewDate(f.today.AddDate(0, 1, 0)), OutcomeIDs: []string{f.w.Outcomes[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if f.crisis, err = site.App.Crisis.Mark(ctx, f.person.ID, f.w.EpisodeID, crisis.Mark{WhatHappened: "Fell at home",
		Support: []string{"Home care twice a day"}}); err != nil {
		t.Fatal(err)
	}
	ref := conferences.Referral{ReferredOn: f.today, Consent: true, ConsentOn: f.today, Coordinator: "Priya Shah",
		Invitees: []conferences.Invitee{{Name: "Cara", Relationship: "Daughter"}}}
	if f.held, err = site.App.Conferences.Refer(ctx, f.person.ID, f.w.EpisodeID, ref); err != nil {
		t.Fatal(err)
	}
	if err := site.App.Conferences.RecordHeld(ctx, f.person.ID, f.w.EpisodeID, f.held.ID, conferences.Meeting{HeldOn: f.today, PrivateTimeGiven: "yes",
		Items: []conferences.Item{{What: "Lifts to the allotment", Who: "Tom, the neighbour", ByWhen: "Saturdays"}}, ReviewOn: sqldb.NewDate(f.today.AddDate(0, 3, 0))},
		f.held.Version); err != nil {
		t.Fatal(err)
	}
	page, err := site.App.Conferences.Conference(ctx, f.person.ID, f.w.EpisodeID, f.held.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.held = page.Conferences[0]
	if f.referred, err = site.App.Conferences.Refer(ctx, f.person.ID, f.w.EpisodeID, ref); err != nil {
		t.Fatal(err)
	}
	return f
}

// riskState is everything these pages change for the person, as one comparable string.
func riskState(t *testing.T, site *apptest.Site, f riskFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM risk WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM risk WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM crisis WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM crisis WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM family_conference WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM family_conference WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM solution WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM duty WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`,
	}, site.A.Council.ID, f.person.ID)
}
