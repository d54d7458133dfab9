package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// world is one person's golden thread, made through the stores as a practitioner would make it: an episode with
// a conversation and an eligibility determination, a strength, a connection, a hope, a SMART outcome, a solution,
// a service authorised at once, and two services above the council's threshold waiting for authorisation: one
// asked for by the practitioner, one by the team manager.
type world struct {
	person        people.Person
	episode       conversations.Episode
	conversation  conversations.Conversation
	determination conversations.Determination
	strength      strengths.Strength
	connection    strengths.Connection
	aspiration    outcomes.Aspiration
	outcome       outcomes.Outcome
	solution      plans.Solution
	service       plans.ServiceRecord
	pending       plans.ServiceRecord // asked for by the practitioner
	ownRequest    plans.ServiceRecord // asked for by the team manager
	// Made only by withPlans: version 1 of the support plan agreed, which scheduled the review, and version 2 drafted.
	agreed plans.SupportPlan
	draft  plans.SupportPlan
	review reviews.Review
	// more fills in placeholders of other areas' routes, such as "{risk}", made by their prepare functions.
	more map[string]string
}

// thresholdPence is the home council's weekly cost above which a service waits for authorisation.
const thresholdPence = 35000

// threadFixture is the API fixture with the home council's threshold set.
func threadFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := newFixture(t, db)
	s := councils.NewStore(db)
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	c, err := s.CouncilByID(ctx, f.home.Council.ID)
	if err != nil {
		t.Fatal(err)
	}
	set := c.Settings
	set.AuthorisationThresholdPence = thresholdPence
	if err := s.UpdateSettings(ctx, c.MFARequired, set, c.Version); err != nil {
		t.Fatal(err)
	}
	return f
}

func mustDate(s string) sqldb.Date {
	d, err := sqldb.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// homeCare is a service of hours a week of home care at £20 an hour.
func homeCare(w world, hours float64) plans.Service {
	return plans.Service{
		ServiceType: "Short term support: ST-Max", Component: "Reablement", DeliveryMechanism: "CASSR commissioned support",
		Provider: "Exampleton Homecare", Start: mustDate("2025-03-03"), End: mustDate("2025-04-28"), UnitCostPence: 2000,
		Frequency: codelists.CostHourly, Units: hours, OutcomeIDs: []string{w.outcome.ID}, SolutionID: w.solution.ID,
	}
}

// seed makes a world for a person in the home council's team given (North, unless team is South).
func seed(f *fixture, team string) world {
	t := f.t
	t.Helper()
	var w world
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.person = f.create(func(p *people.Person) { p.TeamID = team })
	as := peopletest.As(f.staff["practitioner"])
	if team == f.home.South.ID {
		as = peopletest.As(f.staff["south worker"])
	}
	cs := conversations.NewStore(f.db)
	_, w.episode, err = cs.RecordContact(as, conversations.Contact{
		PersonID: w.person.ID, ContactedOn: f.db.Today(), RouteOfAccess: codelists.RouteOfAccessDefault,
		Channel: "Phone", ContactBy: conversations.ByFamily, ContactName: "Cara Testperson", Reason: "Struggling with the stairs since a fall",
	}, nil)
	must(err)
	w.conversation, err = cs.AddConversation(as, conversations.Conversation{
		PersonID: w.person.ID, EpisodeID: w.episode.ID, Step: conversations.Step1, HeldOn: f.db.Today(),
		Method: conversations.FaceToFace, Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to stay at home"}},
	})
	must(err)
	w.determination, err = cs.AddDetermination(as, conversations.Determination{
		PersonID: w.person.ID, EpisodeID: w.episode.ID, DeterminedOn: f.db.Today(), Agrees: true,
		Answers: conversations.Answers{Kind: conversations.Adult, ImpairmentOrIllness: true, SignificantImpact: true, ImpactAreas: []string{"b"},
			Outcomes: []conversations.OutcomeAnswer{{Code: "a", Ways: []conversations.Way{conversations.WithoutAssistance}}, {Code: "e", Ways: []conversations.Way{conversations.Endangers}}}},
	})
	must(err)
	ss := strengths.NewStore(f.db)
	w.strength, err = ss.Add(as, strengths.Strength{PersonID: w.person.ID, Kind: strengths.Personal, PersonWords: "I have always been a good cook"})
	must(err)
	w.connection, err = ss.AddConnection(as, strengths.Connection{PersonID: w.person.ID, Name: "Lunch club", Closeness: strengths.Close, Link: strengths.Strong})
	must(err)
	os := outcomes.NewStore(f.db)
	w.aspiration, err = os.AddAspiration(as, outcomes.Aspiration{PersonID: w.person.ID, EpisodeID: w.episode.ID, Term: outcomes.LongTerm, Words: "Stay in my own home"})
	must(err)
	w.outcome, err = os.AddOutcome(as, outcomes.Outcome{
		PersonID: w.person.ID, EpisodeID: w.episode.ID, AspirationID: w.aspiration.ID, Different: "Cook my own lunch",
		HowWeKnow: "Cooks lunch four days a week", ByWhen: mustDate("2026-06-30"), WhoInvolved: "Ada and her son",
		Expected: "Cooks four days a week", Baseline: outcomes.Less,
	})
	must(err)
	w.solution, err = plans.NewStore(f.db).AddSolution(as, plans.Solution{
		PersonID: w.person.ID, EpisodeID: w.episode.ID, Rung: plans.Reablement, Description: "Six weeks of reablement",
		LowerRungsReason: "Her son works away", OutcomeIDs: []string{w.outcome.ID},
	})
	must(err)
	svc := plans.NewServiceStore(f.db)
	w.service, err = svc.Add(as, w.person.ID, w.episode.ID, homeCare(w, 5)) // £100 a week
	must(err)
	w.pending, err = svc.Add(as, w.person.ID, w.episode.ID, homeCare(w, 20)) // £400 a week
	must(err)
	if team == f.home.North.ID {
		w.ownRequest, err = svc.Add(peopletest.As(f.staff["team manager"]), w.person.ID, w.episode.ID, homeCare(w, 25))
		must(err)
	}
	return w
}

// path fills in a path's placeholders from the world.
func (w world) path(p string) string {
	return strings.NewReplacer(
		"{id}", w.person.ID, "{episode}", w.episode.ID, "{step}", "1", "{conversation}", w.conversation.ID,
		"{determination}", w.determination.ID, "{strength}", w.strength.ID, "{connection}", w.connection.ID,
		"{aspiration}", w.aspiration.ID, "{outcome}", w.outcome.ID, "{solution}", w.solution.ID,
		"{service}", w.service.ID, "{authorisation}", w.pending.Authorisation.ID, "{own}", w.ownAuthorisation(),
		"{plan}", w.draft.ID, "{agreed}", w.agreed.ID, "{review}", w.review.ID,
	).Replace(w.fillMore(p))
}

// fillMore fills in the placeholders in more.
func (w world) fillMore(p string) string {
	for k, v := range w.more {
		p = strings.ReplaceAll(p, k, v)
	}
	return p
}

func (w world) ownAuthorisation() string {
	if w.ownRequest.Authorisation == nil {
		return "none"
	}
	return w.ownRequest.Authorisation.ID
}

// withPlans agrees version 1 of the person's support plan with them (which schedules the first review), then drafts
// version 2, as the practitioner allocated to them.
func withPlans(f *fixture, w *world) {
	t := f.t
	t.Helper()
	as := peopletest.As(f.staff["practitioner"])
	if w.person.TeamID == f.home.South.ID {
		as = peopletest.As(f.staff["south worker"])
	}
	ps := plans.NewPlanStore(f.db)
	first, _, err := ps.NewDraft(as, w.person.ID, w.episode.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w.agreed, err = ps.Agree(as, w.person.ID, w.episode.ID, first.ID, plans.Agreement{
		On: f.db.Today(), How: plans.AgreedInPerson, With: "Ada and her son",
	}, first.Version); err != nil {
		t.Fatal(err)
	}
	er, err := reviews.NewStore(f.db).Episode(as, w.person.ID, w.episode.ID)
	if err != nil || len(er.Reviews) != 1 {
		t.Fatalf("reviews scheduled by agreeing the plan: %v %+v", err, er.Reviews)
	}
	w.review = er.Reviews[0]
	if w.draft, _, err = ps.NewDraft(as, w.person.ID, w.episode.ID); err != nil {
		t.Fatal(err)
	}
}

// column reads one column of one row of the home council's table.
func (f *fixture) column(table, column, id string) string {
	f.t.Helper()
	var v string
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT `+column+` FROM `+table+` WHERE council_id = $1 AND id = $2`, f.home.Council.ID, id).Scan(&v)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// snapshot is every row of the person's golden thread as the database holds it (table, ID and version), with the
// number of chronology events: if it is the same after a request, the request changed nothing.
func (f *fixture) snapshot(personID string) []string {
	f.t.Helper()
	var out []string
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for _, table := range []string{"contact", "episode", "conversation", "eligibility", "strength", "connection", "aspiration", "outcome", "solution", "service", "authorisation", "support_plan", "review"} {
			rows, err := tx.QueryContext(ctx, `SELECT id, version FROM `+table+` WHERE council_id = $1 AND person_id = $2 ORDER BY id`, f.home.Council.ID, personID)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id string
				var v int
				if err := rows.Scan(&id, &v); err != nil {
					rows.Close()
					return err
				}
				out = append(out, fmt.Sprintf("%s %s v%d", table, id, v))
			}
			rows.Close()
		}
		rows, err := tx.QueryContext(ctx, `SELECT s.episode_id, s.step, s.status, s.version FROM episode_step s JOIN episode e
			ON e.council_id = s.council_id AND e.id = s.episode_id WHERE s.council_id = $1 AND e.person_id = $2 ORDER BY s.episode_id, s.step`, f.home.Council.ID, personID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, status string
			var step, v int
			if err := rows.Scan(&id, &step, &status, &v); err != nil {
				rows.Close()
				return err
			}
			out = append(out, fmt.Sprintf("step %s %d %s v%d", id, step, status, v))
		}
		rows.Close()
		var events int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`, f.home.Council.ID, personID).Scan(&events); err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%d chronology events", events))
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// bump stands for someone else's change: the row's version goes up by one.
func (f *fixture) bump(table, where string, args ...any) {
	f.t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	err := f.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE `+table+` SET version = version + 1 WHERE council_id = $1 AND `+where,
			append([]any{f.home.Council.ID}, args...)...))
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

// threadScenario is one request about a person's golden thread and what must follow from it.
type threadScenario struct {
	name    string
	method  string
	path    string // a route pattern's path; its placeholders are filled from the world
	body    func(w world) string
	header  func(w world) http.Header
	as      string
	south   bool                   // the person is in the south team
	prepare func(*fixture, *world) // adds to the world as it is made
	before  func(*fixture, world)  // run after the world is made and before the request

	wantStatus  int
	wantBody    func(w world) []string
	wantNotBody []string
	wantHeader  map[string]string
	wantLog     []accesslog.Action
	unchanged   bool
	check       func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder)
}

func runThread(t *testing.T, f *fixture, scenarios []threadScenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.method+" "+sc.path+": "+sc.name, func(t *testing.T) {
			f.t = t
			team := f.home.North.ID
			if sc.south {
				team = f.home.South.ID
			}
			w := seed(f, team)
			if sc.prepare != nil {
				sc.prepare(f, &w)
			}
			if sc.before != nil {
				sc.before(f, w)
			}
			before, entriesBefore := f.snapshot(w.person.ID), len(f.entries(w.person.ID))
			body := ""
			if sc.body != nil {
				body = sc.body(w)
			}
			var h http.Header
			if sc.header != nil {
				h = sc.header(w)
			}
			resp := f.do(sc.method, w.path(sc.path), sc.as, body, h)
			if resp.Code != sc.wantStatus {
				t.Errorf("status = %d, want %d; body: %s", resp.Code, sc.wantStatus, resp.Body)
			}
			checkResponse(t, resp)
			if sc.wantBody != nil {
				for _, s := range sc.wantBody(w) {
					if !strings.Contains(resp.Body.String(), s) {
						t.Errorf("body does not contain %s: %s", s, resp.Body)
					}
				}
			}
			for _, s := range sc.wantNotBody {
				if strings.Contains(resp.Body.String(), s) {
					t.Errorf("body contains %s: %s", s, resp.Body)
				}
			}
			for k, v := range sc.wantHeader {
				if got := resp.Header().Get(k); got != w.path(v) {
					t.Errorf("header %s = %q, want %q", k, got, w.path(v))
				}
			}
			route := sc.method + " " + strings.NewReplacer("{own}", "{authorisation}", "{agreed}", "{plan}").Replace(sc.path)
			f.conforms(t, route, body, resp)
			f.logged(t, route, sc.as, f.entries(w.person.ID)[entriesBefore:], sc.wantLog)
			if sc.unchanged {
				if diff := cmp.Diff(before, f.snapshot(w.person.ID)); diff != "" {
					t.Errorf("the golden thread changed (-before +after):\n%s", diff)
				}
			}
			if sc.check != nil {
				sc.check(t, f, w, resp)
			}
			for _, detail := range []string{"Testperson", "9990000018", "stairs", "good cook"} {
				if strings.Contains(f.logs.String(), detail) {
					t.Errorf("operational logs hold personal details (%s):\n%s", detail, f.logs)
				}
			}
		})
	}
}

// route describes one route for the scenarios every route must pass: the owner succeeds; another council is not
// found and nothing changes; a practitioner outside the allocation is refused (break-glass is for the pages);
// a request with problems is refused field by field; a change without If-Match, or from a stale version, saves
// nothing.
type route struct {
	method, path string
	body         func(w world) string // a good request body
	// version is the ETag a change sends in If-Match; nil for a route that takes none.
	version func(w world) int
	// stale makes someone else's change to the record, so that version is stale.
	stale func(f *fixture, w world)
	// invalid is a body with problems, and the JSON Pointers the problems must point at.
	invalid  func(w world) string
	pointers []string // their placeholders are filled from the world
	// prepare adds to the world the route needs, such as withPlans.
	prepare func(*fixture, *world)

	wantStatus int
	wantBody   func(w world) []string
	wantLog    []accesslog.Action
	wantHeader map[string]string
	check      func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder)
}

func ifMatchHeader(v int) http.Header { return header("If-Match", `"`+strconv.Itoa(v)+`"`) }

// scenarios are the standard scenarios for a route.
func (rt route) scenarios() []threadScenario {
	withIfMatch := func(w world) http.Header {
		if rt.version == nil {
			return nil
		}
		return ifMatchHeader(rt.version(w))
	}
	isChange := rt.method != "GET"
	out := []threadScenario{
		{
			name: "the allocated practitioner", method: rt.method, path: rt.path, body: rt.body, header: withIfMatch, as: "practitioner", prepare: rt.prepare,
			wantStatus: rt.wantStatus, wantBody: rt.wantBody, wantLog: rt.wantLog, wantHeader: rt.wantHeader, check: rt.check,
		},
		{
			name: "another council is told there is nothing there, and nothing changes", method: rt.method, path: rt.path, body: rt.body,
			header: withIfMatch, as: "other council practitioner", wantStatus: http.StatusNotFound, unchanged: true, prepare: rt.prepare,
			wantNotBody: []string{"Testperson", "stairs", "good cook"},
		},
		{
			name: "a practitioner outside the allocation needs break-glass, which is for the pages", method: rt.method, path: rt.path,
			body: rt.body, header: withIfMatch, as: "practitioner", south: true, wantStatus: http.StatusForbidden, unchanged: true, prepare: rt.prepare,
			wantBody: func(world) []string { return []string{api.TypeBreakGlassNeeded} }, wantNotBody: []string{"Testperson", "stairs"},
		},
	}
	if isChange {
		out = append(out, threadScenario{
			name: "finance change nothing", method: rt.method, path: rt.path, body: rt.body, header: withIfMatch, as: "finance", prepare: rt.prepare,
			wantStatus: http.StatusNotFound, unchanged: true,
		})
	}
	if rt.invalid != nil {
		out = append(out, threadScenario{
			name: "problems are refused field by field, and nothing changes", method: rt.method, path: rt.path, body: rt.invalid,
			header: withIfMatch, as: "practitioner", wantStatus: http.StatusUnprocessableEntity, unchanged: true, prepare: rt.prepare,
			wantBody: func(w world) []string {
				want := []string{api.TypeValidation}
				for _, p := range rt.pointers {
					want = append(want, `"pointer":"`+w.path(p)+`"`)
				}
				return want
			},
		})
	}
	if rt.version != nil {
		out = append(out,
			threadScenario{
				name: "If-Match is required", method: rt.method, path: rt.path, body: rt.body, as: "practitioner", prepare: rt.prepare,
				wantStatus: http.StatusPreconditionRequired, unchanged: true, wantBody: func(world) []string { return []string{"If-Match"} },
			},
			threadScenario{
				name: "a stale version saves nothing and says what the record is now", method: rt.method, path: rt.path, body: rt.body,
				header: withIfMatch, as: "practitioner", before: rt.stale, wantStatus: http.StatusPreconditionFailed, unchanged: true, prepare: rt.prepare,
				wantLog: []accesslog.Action{accesslog.View},
				wantBody: func(w world) []string {
					return []string{api.TypeChanged, fmt.Sprintf(`"etag":"\"%d\""`, rt.version(w)+1)}
				},
			})
	}
	return out
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func views(n int) []accesslog.Action {
	out := make([]accesslog.Action, n)
	for i := range out {
		out[i] = accesslog.View
	}
	return out
}

var (
	changedAndRead = []accesslog.Action{accesslog.Update, accesslog.View}
	created        = []accesslog.Action{accesslog.Create}
	updated        = []accesslog.Action{accesslog.Update}
)

// lines is strings to find in a body, whatever the world.
func lines(s ...string) func(world) []string { return func(world) []string { return s } }

// fixed is a request body, whatever the world.
func fixed(s string) func(world) string { return func(world) string { return s } }

func one(w world) int { return 1 }

// createdAt checks a new record's Location is under prefix (filled from the world) and its ETag is "1".
func createdAt(prefix string) func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
	return func(t *testing.T, _ *fixture, w world, resp *httptest.ResponseRecorder) {
		if loc := resp.Header().Get("Location"); !strings.HasPrefix(loc, w.path(prefix)) || len(loc) <= len(w.path(prefix)) {
			t.Errorf("Location = %q, want one under %s", loc, w.path(prefix))
		}
		if got := resp.Header().Get("ETag"); got != `"1"` {
			t.Errorf("ETag = %q, want \"1\"", got)
		}
	}
}

func TestGoldenThreadRoutes(t *testing.T) {
	t.Parallel()
	info := codelists.EventOutcomeInformationAdvice
	service := func(hours float64, change func(m map[string]any)) func(w world) string {
		return func(w world) string {
			m := map[string]any{
				"service_type": "Short term support: ST-Max", "component": "Reablement", "delivery_mechanism": "CASSR commissioned support",
				"provider": "Exampleton Homecare", "start": "2025-03-03", "end": "2025-04-28", "unit_cost_pence": 2000,
				"frequency": codelists.CostHourly, "units": hours, "outcome_ids": []string{w.outcome.ID}, "solution_id": w.solution.ID,
			}
			if change != nil {
				change(m)
			}
			return toJSON(m)
		}
	}
	routes := []route{
		// Contacts and episodes of work.
		{
			method: "GET", path: "/api/v1/people/{id}/contacts", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"items":[{`, `"episode_id":"` + w.episode.ID + `"`, `"channel":"Phone"`, `"contact_by":"family"`, `"reason":"Struggling with the stairs since a fall"`}
			},
		},
		{
			method: "POST", path: "/api/v1/people/{id}/contacts", wantStatus: http.StatusCreated, wantLog: created,
			body:     fixed(`{"contacted_on":"2025-01-06","route_of_access":"Community / Other route","channel":"Email","contact_by":"self","reason":"Asking about a bus pass","resolved":{"step":1,"result":"` + info + `"}}`),
			wantBody: lines(`"ended":true`, `"result":"`+info+`"`, `"ended_on":"2025-01-06"`, `"ended_step":1`, `"reason":"Asking about a bus pass"`),
			check:    createdAt("/api/v1/people/{id}/episodes/"),
			invalid:  fixed(`{"contacted_on":"06/01/2025","route_of_access":"Somewhere","channel":"Not recorded","contact_by":"self","reason":"Bus pass","resolved":{"step":9,"result":"Information"}}`),
			pointers: []string{"#/contacted_on", "#/channel", "#/route_of_access", "#/resolved/step", "#/resolved/result"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				// The world's conversation started step 1 and its outcome and solution started step 2.
				return []string{`"id":"` + w.episode.ID + `"`, `"current_step":2`, `"position":"Step 2: Develop ideas, in progress"`,
					`"steps":[{"step":1,"label":"Gather information","status":"in_progress","reason":"","version":2}`}
			},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`},
			wantBody:   lines(`"ended":false`, `"result":""`, `"ended_on":null`, `"ended_step":null`, `"label":"Review"`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/episodes/{episode}/steps/{step}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			// Step 1 is in progress (version 2) since the world's conversation in it.
			body: fixed(`{"status":"completed"}`), version: func(world) int { return 2 },
			stale:   func(f *fixture, w world) { f.bump("episode_step", "episode_id = $2 AND step = 1", w.episode.ID) },
			invalid: fixed(`{"status":"not_needed","reason":""}`), pointers: []string{"#/reason"},
			wantHeader: map[string]string{"ETag": `"3"`}, wantBody: lines(`"step":1`, `"status":"completed"`, `"version":3`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/end", wantStatus: http.StatusOK, wantLog: changedAndRead,
			// The world's outcome and solution are the work of developing ideas: the episode ends at step 2.
			body: fixed(`{"step":2,"result":"` + info + `","note":"Given a leaflet about the falls clinic"}`), version: one,
			stale:   func(f *fixture, w world) { f.bump("episode", "id = $2", w.episode.ID) },
			invalid: fixed(`{"step":7,"result":"Nope","ended_on":"yesterday"}`), pointers: []string{"#/ended_on", "#/step", "#/result"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"ended":true`, `"ended_step":2`, `"current_step":2`, `"position":"Ended at step 2: Develop ideas"`, `"end_note":"Given a leaflet about the falls clinic"`),
		},
		// Conversations and eligibility.
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/conversations", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"id":"` + w.conversation.ID + `"`, `"mindset":{"person_words":"I want to stay at home","observed":""}`, `"method":"face_to_face"`}
			},
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/conversations", wantStatus: http.StatusCreated, wantLog: created,
			body:     fixed(`{"step":1,"held_on":"2025-01-06","method":"phone","sections":{"strengths":{"person_words":"I can still walk to the shop","observed":"Walked with a stick"}}}`),
			wantBody: lines(`"strengths":{"person_words":"I can still walk to the shop","observed":"Walked with a stick"}`, `"held_on":"2025-01-06"`),
			check:    createdAt("/api/v1/people/{id}/episodes/{episode}/conversations/"),
			invalid:  fixed(`{"step":5,"held_on":"2025-13-01","method":"post","sections":{"mindset":{"person_words":"` + strings.Repeat("a", 20001) + `"}}}`),
			pointers: []string{"#/held_on", "#/step", "#/method", "#/sections/mindset/person_words"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/conversations/{conversation}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"step":1`, `"needed_help":false`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/episodes/{episode}/conversations/{conversation}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"step":1,"held_on":"2025-01-06","method":"video","sections":{"mindset":{"person_words":"I want to stay at home","observed":"Calm and clear"}}}`),
			version: one, stale: func(f *fixture, w world) { f.bump("conversation", "id = $2", w.conversation.ID) },
			invalid: fixed(`{"step":1,"held_on":"2025-01-06","method":"phone","sections":{}}`), pointers: []string{"#/sections"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"method":"video"`, `"observed":"Calm and clear"`),
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/eligibility", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: lines(`"computed_eligible":true`, `"eligible":true`, `"explanation":"Eligible: needs arise from an impairment or illness`, `"ways":["without_assistance"]`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/eligibility", wantStatus: http.StatusCreated, wantLog: created,
			body:     fixed(`{"kind":"adult","impairment_or_illness":true,"outcomes":[{"code":"a","ways":["without_assistance"]}],"significant_impact":true,"impact_areas":["b"],"agrees":true,"determined_on":"2025-01-06"}`),
			wantBody: lines(`"computed_eligible":false`, `"eligible":false`, `"explanation":"Not eligible: the person is unable to achieve only 1 specified outcome; the regulations need two or more."`),
			check:    createdAt("/api/v1/people/{id}/episodes/{episode}/eligibility/"),
			invalid:  fixed(`{"kind":"adult","outcomes":[{"code":"a","ways":[]},{"code":"b","ways":["nope"]}],"determined_on":"2025-02-30"}`),
			pointers: []string{"#/determined_on", "#/agrees", "#/outcomes/0/ways", "#/outcomes/1/ways"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/eligibility/{determination}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"kind":"adult"`, `"agrees":true`, `"impact_areas":["b"]`),
		},
		// Strengths and connections.
		{
			method: "GET", path: "/api/v1/people/{id}/strengths", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: lines(`"kind":"personal"`, `"person_words":"I have always been a good cook"`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/strengths", wantStatus: http.StatusCreated, wantLog: updated,
			body: fixed(`{"kind":"network","person_words":"My son visits on Sundays"}`), wantBody: lines(`"kind":"network"`, `"version":1`),
			check:   createdAt("/api/v1/people/{id}/strengths/"),
			invalid: fixed(`{"kind":"magic","person_words":""}`), pointers: []string{"#/kind", "#/person_words"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/strengths/{strength}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"observed":""`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/strengths/{strength}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"kind":"personal","person_words":"A very good cook","observed":"Kitchen well kept"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("strength", "id = $2", w.strength.ID) },
			invalid: fixed(`{"kind":"personal","person_words":""}`), pointers: []string{"#/person_words"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"person_words":"A very good cook"`, `"observed":"Kitchen well kept"`),
		},
		{
			method: "GET", path: "/api/v1/people/{id}/connections", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: lines(`"name":"Lunch club"`, `"kind":"community"`, `"closeness":2`, `"link":"strong"`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/connections", wantStatus: http.StatusCreated, wantLog: updated,
			body: fixed(`{"name":"Church choir","closeness":3,"link":"tenuous"}`), wantBody: lines(`"name":"Church choir"`, `"link":"tenuous"`),
			check:   createdAt("/api/v1/people/{id}/connections/"),
			invalid: fixed(`{"name":"","closeness":9,"link":"bold"}`), pointers: []string{"#/name", "#/closeness", "#/link"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/connections/{connection}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"name":"Lunch club"`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/connections/{connection}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"name":"Lunch club","closeness":1,"link":"strong","note":"Goes on Tuesdays"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("connection", "id = $2", w.connection.ID) },
			invalid: fixed(`{"name":"Lunch club","closeness":0,"link":"strong"}`), pointers: []string{"#/closeness"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"closeness":1`, `"note":"Goes on Tuesdays"`),
		},
		// Aspirations and outcomes.
		{
			method: "GET", path: "/api/v1/people/{id}/aspirations", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"term":"long"`, `"words":"Stay in my own home"`, `"episode_id":"` + w.episode.ID + `"`}
			},
		},
		{
			method: "POST", path: "/api/v1/people/{id}/aspirations", wantStatus: http.StatusCreated, wantLog: created,
			body: func(w world) string {
				return `{"episode_id":"` + w.episode.ID + `","term":"short","words":"Get to the shops again"}`
			},
			wantBody: lines(`"term":"short"`, `"words":"Get to the shops again"`), check: createdAt("/api/v1/people/{id}/aspirations/"),
			invalid: fixed(`{"term":"soon","words":""}`), pointers: []string{"#/term", "#/words"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/aspirations/{aspiration}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"words":"Stay in my own home"`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/aspirations/{aspiration}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"term":"long","words":"Stay at home with my cat"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("aspiration", "id = $2", w.aspiration.ID) },
			invalid: fixed(`{"term":"long","words":""}`), pointers: []string{"#/words"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"words":"Stay at home with my cat"`),
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/outcomes", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: lines(`"different":"Cook my own lunch"`, `"smart":true`, `"missing":[]`, `"status":"active"`, `"by_when":"2026-06-30"`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/outcomes", wantStatus: http.StatusCreated, wantLog: created,
			body:     fixed(`{"different":"Walk to the shop","by_when":null}`),
			wantBody: lines(`"smart":false`, `"missing":["measurable","achievable","relevant","time_bound","expected_level"]`, `"status":"draft"`),
			check:    createdAt("/api/v1/people/{id}/episodes/{episode}/outcomes/"),
			invalid:  fixed(`{"different":"","by_when":"soon","importance":7}`), pointers: []string{"#/by_when", "#/different", "#/importance"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/outcomes/{outcome}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"smart":true`, `"baseline":-1`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/episodes/{episode}/outcomes/{outcome}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body: func(w world) string {
				return `{"aspiration_id":"` + w.aspiration.ID + `","different":"Cook my own lunch","how_we_know":"Cooks lunch four days a week","who_involved":"Ada",` +
					`"expected":"Cooks four days a week","by_when":null}`
			},
			version: one, stale: func(f *fixture, w world) { f.bump("outcome", "id = $2", w.outcome.ID) },
			invalid: fixed(`{"different":"Cook my own lunch","status":"achieved"}`), pointers: []string{"#/how_we_know", "#/by_when", "#/expected"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"smart":false`, `"missing":["time_bound"]`, `"status":"draft"`),
		},
		// Solutions and services.
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/solutions", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"rung":"reablement"`, `"rung_label":"Short-term reablement"`, `"outcome_ids":["` + w.outcome.ID + `"]`}
			},
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/solutions", wantStatus: http.StatusCreated, wantLog: created,
			body: func(w world) string {
				return `{"rung":"network","description":"Her son helps with the shopping","lower_rungs_reason":"She cannot carry bags","outcome_ids":["` + w.outcome.ID + `"]}`
			},
			wantBody: lines(`"rung":"network"`), check: createdAt("/api/v1/people/{id}/episodes/{episode}/solutions/"),
			invalid: fixed(`{"rung":"magic","description":"","outcome_ids":[]}`), pointers: []string{"#/rung", "#/description", "#/outcome_ids"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/solutions/{solution}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"lower_rungs_reason":"Her son works away"`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/episodes/{episode}/solutions/{solution}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body: func(w world) string {
				return `{"rung":"own_strengths","description":"Cooks sitting on a perching stool","outcome_ids":["` + w.outcome.ID + `"]}`
			},
			version: one, stale: func(f *fixture, w world) { f.bump("solution", "id = $2", w.solution.ID) },
			invalid: func(w world) string {
				return `{"rung":"technology","description":"A perching stool","outcome_ids":["` + w.outcome.ID + `"]}`
			},
			pointers:   []string{"#/lower_rungs_reason"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"rung":"own_strengths"`),
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/services", wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: lines(`"weekly_cost_pence":10000`, `"status":"authorised"`, `"weekly_cost_pence":40000`, `"status":"awaiting_authorisation"`, `"decision":"pending"`),
		},
		{
			method: "POST", path: "/api/v1/people/{id}/episodes/{episode}/services", wantStatus: http.StatusCreated, wantLog: created,
			body:     service(10, nil),
			wantBody: lines(`"weekly_cost_pence":20000`, `"status":"authorised"`, `"authorisation":null`, `"start":"2025-03-03"`),
			check:    createdAt("/api/v1/people/{id}/episodes/{episode}/services/"),
			invalid: service(10, func(m map[string]any) {
				m["service_type"], m["start"], m["unit_cost_pence"], m["frequency"], m["outcome_ids"] = "Nope", "2025-02-30", -1, "", []string{}
			}),
			pointers: []string{"#/start", "#/service_type", "#/unit_cost_pence", "#/frequency", "#/outcome_ids"},
		},
		{
			method: "GET", path: "/api/v1/people/{id}/episodes/{episode}/services/{service}", wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`}, wantBody: lines(`"units":5`, `"unit_cost_pence":2000`, `"frequency":"`+codelists.CostHourly+`"`),
		},
		{
			method: "PUT", path: "/api/v1/people/{id}/episodes/{episode}/services/{service}", wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    service(6, func(m map[string]any) { m["provider"] = "Exampleton Care" }),
			version: one, stale: func(f *fixture, w world) { f.bump("service", "id = $2", w.service.ID) },
			invalid: service(6, func(m map[string]any) { m["long_term"], m["long_term_reason"] = true, "" }), pointers: []string{"#/long_term_reason"},
			wantHeader: map[string]string{"ETag": `"2"`}, wantBody: lines(`"weekly_cost_pence":12000`, `"provider":"Exampleton Care"`, `"status":"authorised"`),
		},
	}
	routes = append(routes, planRoutes()...)
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := threadFixture(t, db)
		var scenarios []threadScenario
		for _, rt := range routes {
			scenarios = append(scenarios, rt.scenarios()...)
		}
		runThread(t, f, append(scenarios, planScenarios()...))
	})
}

// holdBody is a good request to hold the world's review: the outcome rated one above expected, the service
// continued, the review outcome left to be worked out.
func holdBody(w world) string {
	return toJSON(map[string]any{
		"method": codelists.MethodOfAssessment.Values()[2], "reason": codelists.ReviewReasonPlanned, "person_view": "Going well",
		"review_outcome": nil, "ratings": map[string]any{w.outcome.ID: map[string]any{"level": 1, "person_view": "I cook most days"}},
		"decisions": map[string]any{w.service.ID: map[string]any{"decision": "continue"}}, "plan_needs_change": false,
	})
}

// planRoutes are the rows of the support plan and review routes.
func planRoutes() []route {
	const plansPath, reviewsPath = "/api/v1/people/{id}/episodes/{episode}/plans", "/api/v1/people/{id}/episodes/{episode}/reviews"
	return []route{
		{
			method: "GET", path: plansPath, prepare: withPlans, wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"items":[{"id":"` + w.draft.ID + `"`, `"plan_version":2,"status":"draft"`, `"plan_version":1,"status":"agreed"`,
					`"agreed_how":"in_person"`}
			},
		},
		{
			method: "POST", path: plansPath, wantStatus: http.StatusCreated, wantLog: created,
			wantBody: func(w world) []string {
				return []string{`"plan_version":1`, `"status":"draft"`, `"agreed_on":null`, `"what_matters":`,
					`"outcomes":[{"id":"` + w.outcome.ID + `"`, `"expected":"Cooks four days a week"`, `"baseline":-1`, `"level_minus2":""`,
					`"rung_label":"Short-term reablement"`, `"name":"Reablement from Exampleton Homecare"`, `"words":"I have always been a good cook"`,
					`"words":"Stay in my own home"`, `"weekly_cost_pence":`}
			},
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				createdAt("/api/v1/people/{id}/episodes/{episode}/plans/")(t, f, w, resp)
				id := strings.TrimPrefix(resp.Header().Get("Location"), w.path("/api/v1/people/{id}/episodes/{episode}/plans/"))
				if got := f.column("support_plan", "status", id); got != string(plans.PlanDraft) {
					t.Errorf("the new version is %s, want a draft", got)
				}
			},
		},
		{
			method: "GET", path: plansPath + "/{plan}", prepare: withPlans, wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`},
			wantBody: func(w world) []string {
				return []string{`"id":"` + w.draft.ID + `"`, `"status":"draft"`, `"plan_version":2`, `"review_on":null`,
					`"different":"Cook my own lunch"`, `"by_when":"2026-06-30"`, `"service_type":"Short term support: ST-Max"`}
			},
		},
		{
			method: "PUT", path: plansPath + "/{plan}", prepare: withPlans, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"personal_budget_pence":12500,"crisis_contact":"Her son, on 07700 900123"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("support_plan", "id = $2", w.draft.ID) },
			invalid:  fixed(`{"personal_budget_pence":-1,"crisis_contact":"` + strings.Repeat("a", 2001) + `"}`),
			pointers: []string{"#/personal_budget_pence", "#/crisis_contact"}, wantHeader: map[string]string{"ETag": `"2"`},
			wantBody: lines(`"personal_budget_pence":12500`, `"crisis_contact":"Her son, on 07700 900123"`, `"status":"draft"`),
		},
		{
			method: "POST", path: plansPath + "/{plan}/agreement", prepare: withPlans, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body:    fixed(`{"agreed_on":null,"agreed_how":"phone","agreed_with":"Ada","person_comment":"Happy with it"}`),
			version: one, stale: func(f *fixture, w world) { f.bump("support_plan", "id = $2", w.draft.ID) },
			invalid:  fixed(`{"agreed_on":"2025-02-30","agreed_how":"pigeon","agreed_with":""}`),
			pointers: []string{"#/agreed_on", "#/agreed_how", "#/agreed_with"}, wantHeader: map[string]string{"ETag": `"2"`},
			wantBody: lines(`"status":"agreed"`, `"agreed_how":"phone"`, `"person_comment":"Happy with it"`, `"agreed_with":"Ada"`),
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				if strings.Contains(resp.Body.String(), `"review_on":null`) {
					t.Errorf("agreeing the plan scheduled no review: %s", resp.Body)
				}
				if got := f.column("support_plan", "status", w.agreed.ID); got != string(plans.PlanSuperseded) {
					t.Errorf("the earlier version is %s, want superseded", got)
				}
			},
		},
		{
			method: "GET", path: reviewsPath, prepare: withPlans, wantStatus: http.StatusOK, wantLog: views(1),
			wantBody: func(w world) []string {
				return []string{`"items":[{"id":"` + w.review.ID + `"`, `"plan_id":"` + w.agreed.ID + `"`, `"plan_version":1`,
					`"status":"scheduled"`, `"reason":"Planned"`, `"gas_t_score":null`, `"held_on":null`}
			},
		},
		{
			method: "GET", path: reviewsPath + "/{review}", prepare: withPlans, wantStatus: http.StatusOK, wantLog: views(1),
			wantHeader: map[string]string{"ETag": `"1"`},
			wantBody: func(w world) []string {
				return []string{`"status":"scheduled"`, `"gas_t_score":null`, `"next_review":null`,
					`"ratings":[{"outcome_id":"` + w.outcome.ID + `","different":"Cook my own lunch","expected":"Cooks four days a week","baseline":-1,"level":null`,
					`"decisions":[{"service_id":"` + w.service.ID + `","name":"Reablement from Exampleton Homecare","weekly_cost_pence":10000,"decision":""`}
			},
		},
		{
			method: "POST", path: reviewsPath + "/{review}/held", prepare: withPlans, wantStatus: http.StatusOK, wantLog: changedAndRead,
			body: holdBody, version: one, stale: func(f *fixture, w world) { f.bump("review", "id = $2", w.review.ID) },
			invalid: func(w world) string {
				return toJSON(map[string]any{"method": "nope", "reason": codelists.ReviewReasonPlanned, "ratings": map[string]any{},
					"decisions": map[string]any{w.service.ID: map[string]any{"decision": "change", "note": ""}}})
			},
			pointers: []string{"#/method", "#/ratings/{outcome}", "#/decisions/{service}/note"}, wantHeader: map[string]string{"ETag": `"2"`},
			wantBody: func(w world) []string {
				return []string{`"status":"completed"`, `"level":1,"person_view":"I cook most days"`, `"decision":"continue"`, `"person_view":"Going well"`,
					`"finishes_support":false`}
			},
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				var got struct {
					GASTScore     *float64 `json:"gas_t_score"`
					ReviewOutcome string   `json:"review_outcome"`
					NextReview    *struct {
						ID    string  `json:"id"`
						DueOn *string `json:"due_on"`
					} `json:"next_review"`
				}
				if err := json.Unmarshal(resp.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if got.GASTScore == nil || *got.GASTScore <= 50 {
					t.Errorf("gas_t_score = %v, want a number above 50 for an outcome rated above expected", got.GASTScore)
				}
				if !codelists.ReviewOutcome.Has(got.ReviewOutcome) {
					t.Errorf("review_outcome = %q, want one worked out from the ratings", got.ReviewOutcome)
				}
				if got.NextReview == nil || got.NextReview.ID == w.review.ID || got.NextReview.DueOn == nil ||
					f.column("review", "status", got.NextReview.ID) != reviews.StatusScheduled ||
					f.column("review", "due_on", got.NextReview.ID)[:10] != *got.NextReview.DueOn {
					t.Errorf("next_review = %+v, want the review scheduled next", got.NextReview)
				}
				if f.column("review", "status", w.review.ID) != reviews.StatusCompleted {
					t.Error("the review is not completed")
				}
			},
		},
	}
}

// planScenarios are the support plan and review scenarios beyond every route's standard ones.
func planScenarios() []threadScenario {
	const plansPath, reviewsPath = "/api/v1/people/{id}/episodes/{episode}/plans", "/api/v1/people/{id}/episodes/{episode}/reviews"
	return []threadScenario{
		{
			name: "an episode has one draft at most: asking again sends it back", method: "POST", path: plansPath, as: "practitioner",
			prepare: withPlans, wantStatus: http.StatusOK, wantLog: created, unchanged: true,
			wantHeader: map[string]string{"Content-Location": plansPath + "/{plan}", "ETag": `"1"`},
			wantBody:   func(w world) []string { return []string{`"id":"` + w.draft.ID + `"`, `"status":"draft"`} },
		},
		{
			name: "an agreed version is read with what was agreed", method: "GET", path: plansPath + "/{agreed}", as: "practitioner",
			prepare: withPlans, wantStatus: http.StatusOK, wantLog: views(1), unchanged: true,
			wantBody: func(w world) []string {
				return []string{`"status":"agreed"`, `"agreed_how":"in_person"`, `"agreed_with":"Ada and her son"`,
					`"agreed_on":"` + w.agreed.Agreement.On.String() + `"`, `"review_on":"` + w.agreed.ReviewOn.String() + `"`}
			},
		},
		{
			name: "an agreed version is not changed", method: "PUT", path: plansPath + "/{agreed}", as: "practitioner", prepare: withPlans,
			body: fixed(`{"personal_budget_pence":1}`), header: func(w world) http.Header { return ifMatchHeader(w.agreed.Version) },
			wantStatus: http.StatusConflict, unchanged: true, wantBody: lines("make a new draft"),
		},
		{
			name: "an agreed version is not agreed again", method: "POST", path: plansPath + "/{agreed}/agreement", as: "practitioner",
			prepare: withPlans, body: fixed(`{"agreed_how":"phone","agreed_with":"Ada"}`),
			header:     func(w world) http.Header { return ifMatchHeader(w.agreed.Version) },
			wantStatus: http.StatusConflict, unchanged: true,
		},
		{
			name: "a plan is not agreed while an outcome is not SMART, and each one is named", method: "POST", path: plansPath + "/{plan}/agreement",
			as: "practitioner", prepare: withPlans, body: fixed(`{"agreed_how":"phone","agreed_with":"Ada"}`),
			before: func(f *fixture, w world) {
				for _, words := range []string{"Walk to the shop", "See my sister"} {
					if _, err := outcomes.NewStore(f.db).AddOutcome(peopletest.As(f.staff["practitioner"]), outcomes.Outcome{
						PersonID: w.person.ID, EpisodeID: w.episode.ID, Different: words,
					}); err != nil {
						f.t.Fatal(err)
					}
				}
			},
			header: func(world) http.Header { return ifMatchHeader(1) }, wantStatus: http.StatusUnprocessableEntity, unchanged: true,
			wantBody: lines(api.TypeValidation, "Walk to the shop", "See my sister", "is not SMART yet"),
			check: func(t *testing.T, f *fixture, w world, resp *httptest.ResponseRecorder) {
				b, err := outcomes.NewStore(f.db).Board(peopletest.As(f.staff["quality lead"]), w.person.ID, w.episode.ID)
				if err != nil {
					t.Fatal(err)
				}
				named := 0
				for _, o := range b.Outcomes {
					want := `"field":"outcomes.` + o.ID + `","pointer":"#/outcomes/` + o.ID + `"`
					if got := strings.Contains(resp.Body.String(), want); got != (o.ID != w.outcome.ID) {
						t.Errorf("outcome %q named %v: %s", o.Different, got, resp.Body)
					}
					if o.ID != w.outcome.ID {
						named++
					}
				}
				if named != 2 || strings.Count(resp.Body.String(), `"pointer":"#/outcomes/`) != 2 {
					t.Errorf("want the 2 outcomes that are not SMART named: %s", resp.Body)
				}
			},
		},
		{
			name: "a review is held once", method: "POST", path: reviewsPath + "/{review}/held", as: "practitioner", prepare: withPlans,
			before: func(f *fixture, w world) {
				if _, err := reviews.NewStore(f.db).Hold(peopletest.As(f.staff["practitioner"]), w.person.ID, w.episode.ID, w.review.ID, reviews.Held{
					On: f.db.Today(), Method: codelists.MethodOfAssessment.Values()[1], Reason: codelists.ReviewReasonPlanned,
					Outcome: reviews.SuggestOutcome, Ratings: []reviews.Rating{{OutcomeID: w.outcome.ID, Rated: true}},
					Decisions: []reviews.Decision{{ServiceID: w.service.ID, Decision: reviews.Continue}},
				}, w.review.Version); err != nil {
					f.t.Fatal(err)
				}
			},
			body: holdBody, header: func(world) http.Header { return ifMatchHeader(2) }, wantStatus: http.StatusConflict, unchanged: true,
			wantBody: lines("has been held"),
		},
		{
			name: "a review that stops every service with every outcome met finishes the support", method: "POST", path: reviewsPath + "/{review}/held",
			as: "practitioner", prepare: withPlans, header: func(world) http.Header { return ifMatchHeader(1) }, wantStatus: http.StatusOK, wantLog: changedAndRead,
			before: func(f *fixture, w world) {
				// Nothing else waits to start: a service waiting for authorisation would keep the support going.
				ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
				if err := f.db.InTx(ctx, func(tx *sqldb.Tx) error {
					_, err := tx.ExecContext(ctx, `UPDATE service SET status = 'declined' WHERE council_id = $1 AND episode_id = $2
						AND status IN ('requested', 'awaiting_authorisation')`, f.home.Council.ID, w.episode.ID)
					return err
				}); err != nil {
					f.t.Fatal(err)
				}
			},
			body: func(w world) string {
				return strings.Replace(holdBody(w), `"decision":"continue"`, `"decision":"stop"`, 1)
			},
			wantBody: lines(`"status":"completed"`, `"decision":"stop"`, `"next_review":null`, `"finishes_support":true`),
			check: func(t *testing.T, f *fixture, w world, _ *httptest.ResponseRecorder) {
				var n int
				ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
				if err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
					return tx.QueryRowContext(ctx, `SELECT count(*) FROM review WHERE council_id = $1 AND episode_id = $2 AND status = 'scheduled'`,
						f.home.Council.ID, w.episode.ID).Scan(&n)
				}); err != nil || n != 0 {
					t.Errorf("%d reviews scheduled after a review that finished the support (%v)", n, err)
				}
			},
		},
	}
}

func TestAuthorisationRoutes(t *testing.T) {
	t.Parallel()
	decide := func(decision, reason string) func(world) string {
		return fixed(`{"decision":"` + decision + `","reason":"` + reason + `"}`)
	}
	ifMatch := func(w world) http.Header { return ifMatchHeader(w.pending.Authorisation.Version) }
	ownIfMatch := func(w world) http.Header { return ifMatchHeader(w.ownRequest.Authorisation.Version) }
	serviceStatus := func(want plans.ServiceStatus, which func(world) plans.ServiceRecord) func(*testing.T, *fixture, world, *httptest.ResponseRecorder) {
		return func(t *testing.T, f *fixture, w world, _ *httptest.ResponseRecorder) {
			svc := which(w)
			_, got, err := plans.NewServiceStore(f.db).Get(peopletest.As(f.staff["quality lead"]), w.person.ID, w.episode.ID, svc.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != want {
				t.Errorf("service status = %s, want %s", got.Status, want)
			}
		}
	}
	pending := func(w world) plans.ServiceRecord { return w.pending }
	own := func(w world) plans.ServiceRecord { return w.ownRequest }
	const list, decision = "/api/v1/authorisations", "/api/v1/authorisations/{authorisation}/decision"
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := threadFixture(t, db)
		f.staff["other council team manager"] = f.other.Staff[councils.TeamManager]
		runThread(t, f, []threadScenario{
			{
				name: "a team manager sees the requests waiting for them, their own marked, and nothing is logged", method: "GET", path: list,
				as: "team manager", wantStatus: http.StatusOK,
				wantBody: func(w world) []string {
					return []string{`"id":"` + w.pending.Authorisation.ID + `"`, `"id":"` + w.ownRequest.Authorisation.ID + `"`,
						`"weekly_cost_pence":40000`, `"decision":"pending"`, `"own":true`, `"own":false`}
				},
			},
			{
				name: "practitioners do not decide, so have no list", method: "GET", path: list, as: "practitioner",
				wantStatus: http.StatusForbidden,
			},
			{
				name: "another council's team manager sees none of them", method: "GET", path: list, as: "other council team manager",
				wantStatus: http.StatusOK, wantBody: lines(`"items":[]`), wantNotBody: []string{"Testperson"},
			},
			{
				name: "a team manager authorises a practitioner's request", method: "POST", path: decision, as: "team manager",
				body: decide("authorised", "Within the budget for reablement"), header: ifMatch,
				wantStatus: http.StatusOK, wantLog: changedAndRead, wantHeader: map[string]string{"ETag": `"2"`},
				wantBody: lines(`"decision":"authorised"`, `"reason":"Within the budget for reablement"`, `"decided_by_name":"Test Team manager"`),
				check:    serviceStatus(plans.Authorised, pending),
			},
			{
				name: "a team manager declines, saying why", method: "POST", path: decision, as: "team manager",
				body: decide("declined", "Try the community lunch club first"), header: ifMatch,
				wantStatus: http.StatusOK, wantLog: changedAndRead, wantBody: lines(`"decision":"declined"`),
				check: serviceStatus(plans.Declined, pending),
			},
			{
				name: "nobody decides on their own request", method: "POST", path: "/api/v1/authorisations/{own}/decision", as: "team manager",
				body: decide("authorised", ""), header: ownIfMatch, wantStatus: http.StatusForbidden, unchanged: true,
				wantBody: lines("someone else must decide"), check: serviceStatus(plans.AwaitingAuthorisation, own),
			},
			{
				name: "the quality lead decides on a team manager's request", method: "POST", path: "/api/v1/authorisations/{own}/decision", as: "quality lead",
				body: decide("authorised", ""), header: ownIfMatch, wantStatus: http.StatusOK, wantLog: changedAndRead,
				wantBody: lines(`"decision":"authorised"`), check: serviceStatus(plans.Authorised, own),
			},
			{
				name: "a practitioner does not decide", method: "POST", path: decision, as: "practitioner",
				body: decide("authorised", ""), header: ifMatch, wantStatus: http.StatusForbidden, unchanged: true,
				check: serviceStatus(plans.AwaitingAuthorisation, pending),
			},
			{
				name: "another council's team manager is told there is nothing there", method: "POST", path: decision, as: "other council team manager",
				body: decide("authorised", ""), header: ifMatch, wantStatus: http.StatusNotFound, unchanged: true,
			},
			{
				name: "a team manager outside the person's teams needs break-glass, which is for the pages", method: "POST", path: decision,
				as: "team manager", south: true, body: decide("authorised", ""), header: ifMatch,
				wantStatus: http.StatusForbidden, unchanged: true, wantBody: lines(api.TypeBreakGlassNeeded),
			},
			{
				name: "declining needs a reason", method: "POST", path: decision, as: "team manager",
				body: decide("declined", ""), header: ifMatch, wantStatus: http.StatusUnprocessableEntity, unchanged: true,
				wantBody: lines(`"pointer":"#/reason"`),
			},
			{
				name: "a decision must be authorised or declined", method: "POST", path: decision, as: "team manager",
				body: decide("maybe", ""), header: ifMatch, wantStatus: http.StatusUnprocessableEntity, unchanged: true,
				wantBody: lines(`"pointer":"#/decision"`),
			},
			{
				name: "If-Match is required", method: "POST", path: decision, as: "team manager",
				body: decide("authorised", ""), wantStatus: http.StatusPreconditionRequired, unchanged: true,
			},
			{
				name: "a stale version decides nothing", method: "POST", path: decision, as: "team manager",
				before: func(f *fixture, w world) { f.bump("authorisation", "id = $2", w.pending.Authorisation.ID) },
				body:   decide("authorised", ""), header: ifMatch, wantStatus: http.StatusPreconditionFailed, unchanged: true,
				wantLog: views(1), wantHeader: map[string]string{"ETag": `"2"`}, check: serviceStatus(plans.AwaitingAuthorisation, pending),
			},
		})
	})
}
