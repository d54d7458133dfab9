package api_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// risksFixture is the thread fixture whose API also serves risks, crisis and family group conferences.
func risksFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := threadFixture(t, db)
	a := api.New(f.store, slog.New(slog.NewTextHandler(f.logs, nil))).WithThread(api.Thread{
		Conversations: conversations.NewStore(db), Sittings: sittings.NewStore(db), Strengths: strengths.NewStore(db), Outcomes: outcomes.NewStore(db),
		Solutions: plans.NewStore(db), Services: plans.NewServiceStore(db),
		Plans: plans.NewPlanStore(db), Reviews: reviews.NewStore(db),
	}).WithRisks(api.Risks{Risks: risks.NewStore(db), Crisis: crisis.NewStore(db), Conferences: conferences.NewStore(db)})
	mux := http.NewServeMux()
	a.Register(mux.Handle, f.signIn)
	f.handler = mux
	return f
}

// day is a UK date days from today, as the API writes it.
func day(days int) string { return sqldb.UKDate(time.Now()).AddDate(0, 0, days).Format("2006-01-02") }

func (w *world) set(k, v string) {
	if w.more == nil {
		w.more = map[string]string{}
	}
	w.more[k] = v
}

// asOwner is the practitioner allocated to the world's person.
func asOwner(f *fixture, w *world) context.Context {
	if w.person.TeamID == f.home.South.ID {
		return peopletest.As(f.staff["south worker"])
	}
	return peopletest.As(f.staff["practitioner"])
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// withRisk records a risk linked to the world's outcome, agreed today and reviewed in a month: "{risk}".
func withRisk(f *fixture, w *world) {
	rk, err := risks.NewStore(f.db).Add(asOwner(f, w), risks.Risk{
		PersonID: w.person.ID, EpisodeID: w.episode.ID, What: "Walking to the shop alone", PersonView: "I want to do my own shopping",
		WhatMatters: "Choosing my own food", CouldGoWrong: "A fall on the hill", Likelihood: risks.Possible, Severity: risks.Moderate,
		Mitigations: []risks.Mitigation{{What: "Walking frame", Who: "Occupational therapist"}},
		Decision:    risks.Decision{Made: true, Agreed: true, AgreedBy: []risks.Agreer{{Name: "Ada", Role: "The person"}}, On: mustDate(day(0))},
		ReviewOn:    mustDate(day(30)), OutcomeIDs: []string{w.outcome.ID},
	})
	must(f.t, err)
	w.set("{risk}", rk.ID)
}

// withCrisis marks the world's episode as crisis.
func withCrisis(f *fixture, w *world) {
	_, err := crisis.NewStore(f.db).Mark(asOwner(f, w), w.person.ID, w.episode.ID, crisis.Mark{
		WhatHappened: "Her son, who cares for her, was taken into hospital", Support: []string{"Carers twice a day for a week"}})
	must(f.t, err)
}

// withConference refers the person for a family group conference: "{conference}".
func withConference(f *fixture, w *world) {
	c, err := conferences.NewStore(f.db).Refer(asOwner(f, w), w.person.ID, w.episode.ID, conferences.Referral{
		ReferredOn: mustDate(day(-10)), Consent: true, ConsentOn: mustDate(day(-12)), Coordinator: "Sam Coordinator",
		Invitees: []conferences.Invitee{{Name: "Cara", Relationship: "Daughter"}}})
	must(f.t, err)
	w.set("{conference}", c.ID)
}

// withHeldConference records the conference held three days ago with a plan of one item: "{item}".
func withHeldConference(f *fixture, w *world) {
	withConference(f, w)
	s := conferences.NewStore(f.db)
	ctx := asOwner(f, w)
	must(f.t, s.RecordHeld(ctx, w.person.ID, w.episode.ID, w.more["{conference}"], conferences.Meeting{
		HeldOn: mustDate(day(-3)), PrivateTimeGiven: "yes", ReviewOn: mustDate(day(30)),
		Items: []conferences.Item{{What: "Sunday lunch at Cara's", Who: "Cara", ByWhen: "every Sunday"}}}, 1))
	p, err := s.Conference(ctx, w.person.ID, w.episode.ID, w.more["{conference}"])
	must(f.t, err)
	w.set("{item}", p.Conferences[0].Items[0].ID)
}

// riskRows is every row of the person's risks, crises, conferences and required actions as the database holds
// them: if it is the same after a request, the request changed none of them.
func (f *fixture) riskRows(personID string) []string {
	f.t.Helper()
	var out []string
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for _, q := range []string{
			`SELECT 'risk ' || id || ' v' || version || ' ' || status FROM risk WHERE council_id = $1 AND person_id = $2`,
			`SELECT 'risk review ' || id FROM risk_review WHERE council_id = $1 AND person_id = $2`,
			`SELECT 'crisis ' || id || ' v' || version FROM crisis WHERE council_id = $1 AND person_id = $2`,
			`SELECT 'crisis review ' || id FROM crisis_review WHERE council_id = $1 AND person_id = $2`,
			`SELECT 'conference ' || id || ' v' || version FROM family_conference WHERE council_id = $1 AND person_id = $2`,
			`SELECT 'plan item ' || i.id FROM family_plan_item i JOIN family_conference c ON c.council_id = i.council_id
				AND c.id = i.conference_id WHERE i.council_id = $1 AND c.person_id = $2`,
			`SELECT 'duty ' || kind || ' ' || subject_id || ' ' || met_how FROM duty WHERE council_id = $1 AND person_id = $2`,
		} {
			rows, err := tx.QueryContext(ctx, q, f.home.Council.ID, personID)
			if err != nil {
				return err
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					rows.Close()
					return err
				}
				out = append(out, s)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// keepRows makes a scenario that must change nothing also check the person's risks, crises and conferences.
func keepRows(sc threadScenario) threadScenario {
	if !sc.unchanged {
		return sc
	}
	var before []string
	prevBefore, prevCheck := sc.before, sc.check
	sc.before = func(f *fixture, w world) {
		if prevBefore != nil {
			prevBefore(f, w)
		}
		before = f.riskRows(w.person.ID)
	}
	sc.check = func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
		if diff := cmp.Diff(before, f.riskRows(w.person.ID)); diff != "" {
			t.Errorf("risks, crises or conferences changed (-before +after):\n%s", diff)
		}
		if prevCheck != nil {
			prevCheck(t, f, w, resp)
		}
	}
	return sc
}

// hasRow checks the person's rows include one starting with each prefix (filled from the world).
func hasRow(prefixes ...string) func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
	return func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
		rows := f.riskRows(w.person.ID)
		for _, p := range prefixes {
			p = w.path(p)
			if !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, p) }) {
				t.Errorf("no row %q in %q", p, rows)
			}
		}
	}
}

func riskBody(change func(m map[string]any)) func(w world) string {
	return func(w world) string {
		m := map[string]any{
			"what": "Cooking on the gas hob", "person_view": "I have cooked all my life", "what_matters": "Making my own lunch",
			"could_go_wrong": "Leaving the gas on", "likelihood": "possible", "severity": "serious",
			"mitigations": []map[string]string{{"what": "Gas safety cut-off valve", "who": "The council's equipment service"}},
			"decision":    "agreed", "agreed_by": []map[string]string{{"name": "Ada", "role": "The person"}, {"name": "Cara", "role": "Daughter"}},
			"decided_on": day(0), "review_on": day(60), "outcome_ids": []string{w.outcome.ID}, "solution_ids": []string{},
		}
		if change != nil {
			change(m)
		}
		return toJSON(m)
	}
}

func heldBody(privateTime any, items []map[string]string) func(world) string {
	return func(world) string {
		return toJSON(map[string]any{"held_on": day(-1), "private_time": privateTime, "private_time_note": "Two hours on their own",
			"items": items, "review_on": day(40)})
	}
}

func locationIs(path string) func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
	return func(t *testing.T, _ *fixture, w world, resp *httptest.ResponseRecorder) {
		if got := resp.Header().Get("Location"); got != w.path(path) {
			t.Errorf("Location = %q, want %q", got, w.path(path))
		}
	}
}

func TestRiskCrisisAndConferenceRoutes(t *testing.T) {
	t.Parallel()
	const (
		risksPath       = "/api/v1/people/{id}/episodes/{episode}/risks"
		crisisPath      = "/api/v1/people/{id}/episodes/{episode}/crisis"
		conferencesPath = "/api/v1/people/{id}/episodes/{episode}/conferences"
	)
	routes := []route{
		// Risks.
		{
			method: "GET", path: risksPath, prepare: withRisk, wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"items":[{"id":"` + w.more["{risk}"] + `"`, `"what":"Walking to the shop alone"`, `"decision":"agreed"`,
					`"agreed_by":[{"name":"Ada","role":"The person"}]`, `"outcome_ids":["` + w.outcome.ID + `"]`, `"status":"open"`}
			},
		},
		{
			method: "POST", path: risksPath, wantStatus: http.StatusCreated, wantLog: created, body: riskBody(nil),
			wantBody: lines(`"what":"Cooking on the gas hob"`, `"decision_summary":"Positive risk-taking agreed on `, `by Ada (The person), Cara (Daughter)"`,
				`"review_on":"`+day(60)+`"`, `"review_overdue":false`, `"reviews":[]`),
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				createdAt(risksPath+"/")(t, f, w, resp)
				w.set("{risk}", decodeJSON[api.Risk](t, resp).ID)
				hasRow("risk {risk} v1 open", "duty risk_review {risk} ")(t, f, w, resp)
			},
			invalid: riskBody(func(m map[string]any) {
				m["what"], m["likelihood"], m["decided_on"], m["decision"], m["mitigations"] = "", "sometimes", "2025-02-30", "maybe", []any{}
			}),
			pointers: []string{"#/decided_on", "#/decision", "#/what", "#/likelihood", "#/mitigations"},
		},
		{
			method: "GET", path: risksPath + "/{risk}", prepare: withRisk, wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"mitigations":[{"what":"Walking frame","who":"Occupational therapist"}]`, `"version":1`),
		},
		{
			method: "PUT", path: risksPath + "/{risk}", prepare: withRisk, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body: riskBody(func(m map[string]any) { m["what"] = "Walking to the shop alone, now with a frame" }), version: one,
			stale:   func(f *fixture, w world) { f.bump("risk", "id = $2", w.more["{risk}"]) },
			invalid: riskBody(func(m map[string]any) { m["agreed_by"] = []any{} }), pointers: []string{"#/agreed_by"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"what":"Walking to the shop alone, now with a frame"`, `"review_on":"`+day(60)+`"`),
		},
		{
			method: "POST", path: risksPath + "/{risk}/reviews", prepare: withRisk, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"reviewed_on":"` + day(0) + `","what_happened":"Shops twice a week with her frame","result":"reduced","next_review_on":"` + day(90) + `"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("risk", "id = $2", w.more["{risk}"]) },
			invalid: fixed(`{"reviewed_on":"2025-13-01","what_happened":"","result":"gone"}`), pointers: []string{"#/reviewed_on", "#/what_happened", "#/result"},
			wantHeader: map[string]string{"ETag": `"2"`},
			wantBody:   lines(`"status":"reduced"`, `"reviews":[{"id":`, `"result":"reduced","next_review_on":"`+day(90)+`"`, `"review_on":"`+day(90)+`"`),
			check:      hasRow("risk {risk} v2 reduced", "duty risk_review {risk} done", "duty risk_review {risk} "),
		},
		// Crisis.
		{
			method: "GET", path: crisisPath, prepare: withCrisis, wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`},
			wantBody: lines(`"current":{"id":`, `"support":["Carers twice a day for a week"]`, `"review_overdue":false`, `"ended_at":null`,
				`"past":[]`, `"review_hours":72`),
		},
		{
			method: "POST", path: crisisPath, wantStatus: http.StatusCreated, wantLog: created,
			body:     fixed(`{"what_happened":"A fall at night; no one at home","support":["Carers four times a day"," ","Alarm pendant"]}`),
			wantBody: lines(`"support":["Carers four times a day","Alarm pendant"]`, `"review_due_at":"`, `"version":1`),
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				locationIs(crisisPath)(t, f, w, resp)
				c := decodeJSON[api.Crisis](t, resp)
				if got := c.ReviewDueAt.Sub(*c.MarkedAt); got != 72*time.Hour {
					t.Errorf("early review due %s after marking, want the council's 72 hours", got)
				}
				hasRow("crisis "+c.ID+" v1", "duty crisis_review "+c.ID+" ")(t, f, w, resp)
			},
			invalid: fixed(`{"what_happened":"","support":[" "]}`), pointers: []string{"#/what_happened", "#/support"},
		},
		{
			method: "POST", path: crisisPath + "/review", prepare: withCrisis, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"what_happened":"Her son is home and caring again","outcome":"over"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("crisis", "person_id = $2", w.person.ID) },
			invalid: fixed(`{"what_happened":"","outcome":"maybe"}`), pointers: []string{"#/what_happened", "#/outcome"},
			wantHeader: map[string]string{"ETag": `"2"`},
			wantBody:   lines(`"current":null`, `"past":[{"id":`, `"outcome":"over"`, `"next_due_at":null`),
			check:      hasRow("duty crisis_review "),
		},
		// Family group conferences.
		{
			method: "GET", path: conferencesPath, prepare: withConference, wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"items":[{"id":"` + w.more["{conference}"] + `"`, `"stage":"referred"`, `"consent":true`,
					`"invitees":[{"name":"Cara","relationship":"Daughter"}]`, `"items":[]`}
			},
		},
		{
			method: "POST", path: conferencesPath, wantStatus: http.StatusCreated, wantLog: created,
			body: fixed(`{"referred_on":"` + day(0) + `","consent":true,"consent_on":"` + day(-1) + `","coordinator":"Sam Coordinator",` +
				`"invitees":[{"name":"Cara","relationship":"Daughter"},{"name":"Joe","relationship":"Neighbour"}],"conference_on":"` + day(14) + `"}`),
			wantBody: lines(`"stage":"referred"`, `"conference_on":"`+day(14)+`"`, `{"name":"Joe","relationship":"Neighbour"}`),
			check:    createdAt(conferencesPath + "/"),
			invalid:  fixed(`{"referred_on":"yesterday","consent":false,"coordinator":" ","invitees":[]}`),
			pointers: []string{"#/referred_on", "#/consent", "#/coordinator", "#/invitees"},
		},
		{
			method: "GET", path: conferencesPath + "/{conference}", prepare: withHeldConference, wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"2"`},
			wantBody: func(w world) []string {
				return []string{`"stage":"held"`, `"private_time":true`, `"items":[{"id":"` + w.more["{item}"] + `","what":"Sunday lunch at Cara's","who":"Cara","by_when":"every Sunday","solution_id":""`}
			},
		},
		{
			method: "POST", path: conferencesPath + "/{conference}/held", prepare: withConference, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    heldBody(true, []map[string]string{{"what": "Phone every evening", "who": "Joe", "by_when": "from Monday"}}),
			version: one, stale: func(f *fixture, w world) { f.bump("family_conference", "id = $2", w.more["{conference}"]) },
			invalid: heldBody(false, nil), pointers: []string{"#/private_time", "#/items"},
			wantHeader: map[string]string{"ETag": `"2"`},
			wantBody:   lines(`"stage":"held"`, `"conference_on":"`+day(-1)+`"`, `"what":"Phone every evening","who":"Joe","by_when":"from Monday"`),
		},
		{
			method: "POST", path: conferencesPath + "/{conference}/review", prepare: withHeldConference, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body: func(w world) string {
				return toJSON(map[string]any{"reviewed_on": day(0), "review_note": "Lunches every week so far",
					"items": map[string]any{w.more["{item}"]: map[string]string{"result": "kept"}}})
			},
			version: func(world) int { return 2 },
			stale:   func(f *fixture, w world) { f.bump("family_conference", "id = $2", w.more["{conference}"]) },
			invalid: fixed(`{"reviewed_on":"` + day(0) + `","review_note":"","items":{}}`), pointers: []string{"#/review_note", "#/items/{item}"},
			wantHeader: map[string]string{"ETag": `"3"`},
			wantBody:   lines(`"stage":"reviewed"`, `"review_note":"Lunches every week so far"`, `"result":"kept"`),
		},
	}
	// The refusals of records that have moved on.
	extra := []threadScenario{
		{
			name: "an episode already in crisis is refused, and nothing changes", method: "POST", path: crisisPath, as: "practitioner",
			prepare: withCrisis, body: fixed(`{"what_happened":"Another fall","support":["Carers"]}`),
			wantStatus: http.StatusUnprocessableEntity, unchanged: true, wantBody: lines(`"pointer":"#/what_happened"`, "already marked as crisis"),
		},
		{
			name: "an episode not in crisis has no early review", method: "POST", path: crisisPath + "/review", as: "practitioner",
			body: fixed(`{"what_happened":"All well","outcome":"over"}`), header: func(world) http.Header { return ifMatchHeader(1) },
			wantStatus: http.StatusConflict, unchanged: true, wantBody: lines("not marked as crisis"),
		},
		{
			name: "a closed risk cannot be changed", method: "PUT", path: risksPath + "/{risk}", as: "practitioner",
			prepare: func(f *fixture, w *world) {
				withRisk(f, w)
				_, err := risks.NewStore(f.db).RecordReview(asOwner(f, w), w.person.ID, w.episode.ID, w.more["{risk}"],
					risks.Review{On: mustDate(day(0)), WhatHappened: "No longer a worry", Result: risks.Closed}, 1)
				must(f.t, err)
			},
			body: riskBody(nil), header: func(world) http.Header { return ifMatchHeader(2) },
			wantStatus: http.StatusConflict, unchanged: true, wantBody: lines("closed at its review"),
		},
		{
			name: "a conference held once is not held again", method: "POST", path: conferencesPath + "/{conference}/held", as: "practitioner",
			prepare: withHeldConference, body: heldBody(true, []map[string]string{{"what": "Visit", "who": "Joe"}}),
			header: func(world) http.Header { return ifMatchHeader(2) }, wantStatus: http.StatusConflict, unchanged: true,
			wantBody: lines("already been recorded as held"),
		},
		{
			name: "a risk linked to another episode's outcome is refused", method: "POST", path: risksPath, as: "practitioner",
			body:       riskBody(func(m map[string]any) { m["outcome_ids"] = []string{"not-this-episodes"} }),
			wantStatus: http.StatusUnprocessableEntity, unchanged: true, wantBody: lines(`"pointer":"#/outcome_ids"`),
		},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := risksFixture(t, db)
		var scenarios []threadScenario
		for _, rt := range routes {
			scenarios = append(scenarios, rt.scenarios()...)
		}
		scenarios = append(scenarios, extra...)
		for i := range scenarios {
			scenarios[i] = keepRows(scenarios[i])
		}
		runThread(t, f, scenarios)
	})
}

// TestRiskEnumsMatchTheRules checks the fragment's lists of values against the rules.
func TestRiskEnumsMatchTheRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), riskEnums())
}

// riskEnums are the values the rules of risk enablement, crisis and family group conferences allow in each field
// the fragment lists values for.
func riskEnums() []enumRule {
	results, itemResults, outcomesOfReview := values(risks.Results()...), values(conferences.ItemResults()...), values(crisis.Outcomes()...)
	return []enumRule{
		{"#/components/schemas/Risk/properties/likelihood/enum", values(risks.Likelihoods()...)},
		{"#/components/schemas/Risk/properties/severity/enum", values(risks.Severities()...)},
		{"#/components/schemas/Risk/properties/status/enum", results},
		{"#/components/schemas/Risk/properties/decision/enum", []string{api.RiskAgreed, api.RiskNotAgreed}},
		{"#/components/schemas/RiskReview/properties/result/enum", results},
		{"#/components/schemas/ReviewCrisis/properties/outcome/enum", outcomesOfReview},
		{"#/components/schemas/CrisisReview/properties/outcome/enum", outcomesOfReview},
		{"#/components/schemas/FamilyPlanItemReview/properties/result/enum", itemResults},
		{"#/components/schemas/FamilyPlanItem/properties/result/enum", append(slices.Clone(itemResults), "")},
		{"#/components/schemas/Conference/properties/stage/enum", values(conferences.Referred, conferences.Held, conferences.Reviewed)},
	}
}
