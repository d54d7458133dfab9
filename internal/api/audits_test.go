package api_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The audits API keeps the pages' rules: who may do what, another council sees nothing, a stale If-Match saves
// nothing, problems come back as problem documents, and reading an audit is logged as a view of the person.
func TestAuditsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site, token, w, tools := auditsSite(t, db)
		quality := site.A.Staff[councils.QualityLead]
		today := site.App.DB.Today()
		round, _, err := site.App.Audits.CreateRound(peopletest.As(quality), audits.NewRound{Name: "Practice Fortnight", ToolID: tools[0].ID,
			StartsOn: today, EndsOn: sqldb.NewDate(today.AddDate(0, 0, 13)), PerTeam: 5, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		page, err := site.App.Audits.Round(peopletest.As(quality), round.ID)
		if err != nil {
			t.Fatal(err)
		}
		audit := page.Audits[0]
		auditor := staffOf(site.A, audit.AuditorID)
		ask := func(staff councils.Staff, method, path, body string, header ...string) (int, string) {
			t.Helper()
			res, got := site.API(t, token(staff), method, path, body, header...)
			return res.StatusCode, got
		}
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			path   string
			status int
			has    string
		}{
			{"the tools, as the quality lead", quality, "/api/v1/quality/tools", 200, `"name":"Strengths-based case file audit"`},
			{"the tools, as a team manager", site.A.Staff[councils.TeamManager], "/api/v1/quality/tools", 403, ""},
			{"the rounds", quality, "/api/v1/quality/rounds", 200, `"sampled":1`},
			{"the rounds, as a practitioner", site.A.Staff[councils.Practitioner], "/api/v1/quality/rounds", 403, ""},
			{"the rounds, as finance", site.A.Staff[councils.Finance], "/api/v1/quality/rounds", 403, ""},
			{"the rounds, from another council", site.B.Staff[councils.QualityLead], "/api/v1/quality/rounds", 200, `"items":[]`},
			{"a round", quality, "/api/v1/quality/rounds/" + round.ID, 200, `"person_name":"Testperson, Ada"`},
			{"a round, from another council", site.B.Staff[councils.QualityLead], "/api/v1/quality/rounds/" + round.ID, 404, ""},
			{"an audit, from another council", site.B.Staff[councils.QualityLead], "/api/v1/quality/audits/" + audit.ID, 404, ""},
			{"an audit, as another practitioner", site.A.SouthWorker, "/api/v1/quality/audits/" + audit.ID, 404, ""},
		} {
			if status, body := ask(tt.as, "GET", tt.path, ""); status != tt.status || !strings.Contains(body, tt.has) {
				t.Errorf("%s: %d %s", tt.name, status, body)
			}
		}

		before := len(apptest.LogOf(t, site, w.Person.ID))
		res, body := site.API(t, token(auditor), "GET", "/api/v1/quality/audits/"+audit.ID, "")
		var got api.Audit
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 || res.Header.Get("ETag") != `"1"` || len(got.Checks) != len(audits.Checks()) {
			t.Fatalf("the audit: %d %s", res.StatusCode, body)
		}
		if log := apptest.LogOf(t, site, w.Person.ID)[before:]; len(log) != 1 || log[0].Action != accesslog.View || log[0].Reason != audits.CaseFileAudit || log[0].Channel != accesslog.API {
			t.Errorf("reading the audit logged %+v", log)
		}

		grading := func(complete bool, overall string) string {
			return gradingBody(tools[0], complete, overall, sqldb.NewDate(today.AddDate(0, 0, 7)))
		}
		if status, body := ask(auditor, "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, "good")); status != 428 {
			t.Errorf("without If-Match: %d %s", status, body)
		}
		if status, body := ask(auditor, "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, ""), "If-Match", `"1"`); status != 422 || !strings.Contains(body, "grade-overall") {
			t.Errorf("complete without the overall grade: %d %s", status, body)
		}
		if status, body := ask(site.A.Staff[councils.Practitioner], "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, "good"), "If-Match", `"1"`); status != 403 {
			t.Errorf("the practitioner graded their own case: %d %s", status, body)
		}
		if status, body := ask(site.B.Staff[councils.QualityLead], "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, "good"), "If-Match", `"1"`); status != 404 {
			t.Errorf("another council graded it: %d %s", status, body)
		}
		if status, body := ask(auditor, "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, "good"), "If-Match", `"1"`); status != 200 || !strings.Contains(body, `"status":"completed"`) {
			t.Fatalf("grading: %d %s", status, body)
		}
		if status, body := ask(auditor, "PUT", "/api/v1/quality/audits/"+audit.ID+"/grading", grading(true, "outstanding"), "If-Match", `"1"`); status != 412 {
			t.Errorf("a stale grading: %d %s", status, body)
		}
		if status, body := ask(quality, "GET", "/api/v1/quality/rounds/"+round.ID+"/findings", ""); status != 200 || !strings.Contains(body, `"completed":"fewer than 6"`) ||
			strings.Contains(body, `"count":"1"`) {
			t.Errorf("findings: %d %s", status, body)
		}
	})
}

// auditsSite starts a site with a person in council A whose episode a round can sample, with the bearer tokens and
// the audit tools as council A's quality lead reads them.
func auditsSite(t *testing.T, db *sqldb.DB) (*apptest.Site, func(councils.Staff) string, planstest.World, []audits.Tool) {
	t.Helper()
	site := apptest.Start(t, db)
	w := planstest.New(t, db, site.A)
	tools, err := site.App.Audits.Tools(peopletest.As(site.A.Staff[councils.QualityLead]))
	if err != nil {
		t.Fatal(err)
	}
	return site, site.Tokens(t), w, tools
}

// staffOf is the member of staff of council c with the ID given.
func staffOf(c peopletest.Council, id string) councils.Staff {
	for _, st := range append([]councils.Staff{c.SouthWorker}, slices.Collect(maps.Values(c.Staff))...) {
		if st.ID == id {
			return st
		}
	}
	return councils.Staff{}
}

// asker sends requests to the API as one member of staff or another, each with their own token.
func asker(t *testing.T, site *apptest.Site, token func(councils.Staff) string) func(staff councils.Staff, method, path, body string, header ...string) (*http.Response, string) {
	return func(staff councils.Staff, method, path, body string, header ...string) (*http.Response, string) {
		t.Helper()
		return site.API(t, token(staff), method, path, body, header...)
	}
}

// refusal is a request to create a record that must be refused: who sends what, and the status and fields (in the
// order they sort in) of the problem document.
type refusal struct {
	name   string
	as     councils.Staff
	body   string
	status int
	fields []string
}

// refuses posts each request to path and checks that it is refused as it says, and that state, what creating the
// record would change, stays as it was.
func refuses(t *testing.T, ask func(councils.Staff, string, string, string, ...string) (*http.Response, string), path string, state func() string, rs []refusal) {
	t.Helper()
	before := state()
	for _, r := range rs {
		res, body := ask(r.as, "POST", path, r.body)
		problemOf(t, r.name, res, body, r.status, r.fields)
		if after := state(); after != before {
			t.Errorf("%s changed something: %s, then %s", r.name, before, after)
		}
	}
}

// problemOf checks that an answer is a problem document with the status given whose problems are with fields (in
// the order they sort in), and returns it.
func problemOf(t *testing.T, name string, res *http.Response, body string, status int, fields []string) api.Problem {
	t.Helper()
	var p api.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil || res.StatusCode != status || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("%s: %d %s", name, res.StatusCode, body)
	}
	var got []string
	for _, e := range p.Errors {
		got = append(got, e.Field)
	}
	slices.Sort(got)
	if !slices.Equal(got, fields) {
		t.Errorf("%s: problems on %v, want %v: %s", name, got, fields, body)
	}
	return p
}

// answersBody is a grade for every question of tool as JSON answers, the first grade on its scale but the overall
// grade ("" to leave it out).
func answersBody(tool audits.Tool, overall string) string {
	var answers []string
	for _, q := range tool.Questions() {
		g := q.Scale.Grades()[1].Value
		if q.Key == audits.OverallKey {
			g = overall
		}
		if g != "" {
			answers = append(answers, `{"question":"`+q.Key+`","grade":"`+g+`","evidence":"Seen"}`)
		}
	}
	return "[" + strings.Join(answers, ",") + "]"
}

// gradingBody is an auditor's grading of every question of tool, with an action due on due.
func gradingBody(tool audits.Tool, complete bool, overall string, due sqldb.Date) string {
	return `{"grades":` + answersBody(tool, overall) + `,"learning":"Ask about the community","actions":[{"what":"Add community strengths","due_on":"` +
		due.String() + `"}],"complete":` + strconv.FormatBool(complete) + `}`
}

// A quality lead runs a round through the API as on the pages: creating it (bad input refused field by field, with
// nothing created), drawing audits for moderation, the moderator's blind re-grading, the practitioner's reflection
// and closing it, each change guarded by If-Match; nobody else may, and another council finds none of it.
func TestAuditRoundsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site, token, w, tools := auditsSite(t, db)
		quality, practitioner, other := site.A.Staff[councils.QualityLead], site.A.Staff[councils.Practitioner], site.B.Staff[councils.QualityLead]
		today := site.App.DB.Today()
		ends := sqldb.NewDate(today.AddDate(0, 0, 13))
		ask := asker(t, site, token)
		created := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "audit_round"), dbtest.Count(t, db, site.A.Council.ID, "audit"),
				dbtest.Count(t, db, site.B.Council.ID, "audit_round"))
		}
		newRound := func(fields string) string {
			return `{"tool_id":"` + tools[0].ID + `","starts_on":"` + today.String() + `","ends_on":"` + ends.String() + `"` + fields + `}`
		}

		refuses(t, ask, "/api/v1/quality/rounds", created, []refusal{
			{"no name, and both a number and a share", quality, newRound(`,"per_team":5,"share_percent":10`), 422, []string{"name", "per_team"}},
			{"a date that is not a date, and no name", quality, `{"tool_id":"` + tools[0].ID + `","starts_on":"soon","ends_on":"` + ends.String() + `","per_team":5}`, 422, []string{"name", "starts_on"}},
			{"a way of spreading the sample there is not", quality, newRound(`,"name":"Spring","per_team":5,"stratify":"postcode"`), 422, []string{"stratify"}},
			{"a field the API does not know", quality, newRound(`,"name":"Spring","per_team":5,"teams":["North"]`), 400, []string{"teams"}},
			{"as a practitioner", practitioner, newRound(`,"name":"Spring","per_team":5`), 403, nil},
			{"from another council, with this council's tool", other, newRound(`,"name":"Spring","per_team":5`), 422, []string{"tool_id"}},
		})

		res, body := ask(quality, "POST", "/api/v1/quality/rounds", newRound(`,"name":"Practice Fortnight","per_team":5,"moderation_percent":100`))
		var made api.AuditRoundDetail
		if err := json.Unmarshal([]byte(body), &made); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` ||
			res.Header.Get("Location") != api.AuditRoundPath(made.Round.ID) || made.Round.Sampled != 1 || made.Round.Seed < 1 || len(made.Audits) != 1 {
			t.Fatalf("creating a round: %d %s %s", res.StatusCode, res.Header.Get("Location"), body)
		}
		round, audit := made.Round.ID, made.Audits[0].ID
		page, err := site.App.Audits.Round(peopletest.As(quality), round)
		if err != nil {
			t.Fatal(err)
		}
		auditor := staffOf(site.A, page.Audits[0].AuditorID)
		roundPath, auditPath := api.AuditRoundPath(round), "/api/v1/quality/audits/"+audit

		// Another council finds none of it, and changes nothing.
		for _, route := range []struct{ method, path, body string }{
			{"GET", roundPath, ""},
			{"POST", roundPath + "/close", ""},
			{"POST", roundPath + "/moderation", ""},
			{"PUT", auditPath + "/moderation", `{"grades":` + answersBody(tools[0], "good") + `,"moderation_note":"Agree"}`},
			{"PUT", auditPath + "/reflection", `{"reflection":"Noted"}`},
		} {
			if res, body := ask(other, route.method, route.path, route.body, "If-Match", `"1"`); res.StatusCode != 404 {
				t.Errorf("%s %s from another council: %d %s", route.method, route.path, res.StatusCode, body)
			}
		}

		if res, body := ask(auditor, "PUT", auditPath+"/grading", gradingBody(tools[0], true, "good", sqldb.NewDate(today.AddDate(0, 0, 7))), "If-Match", `"1"`); res.StatusCode != 200 {
			t.Fatalf("grading: %d %s", res.StatusCode, body)
		}

		// Moderation: drawn by the quality lead, re-graded blind by the moderator.
		if res, body := ask(practitioner, "POST", roundPath+"/moderation", ""); res.StatusCode != 403 {
			t.Errorf("a practitioner drew for moderation: %d %s", res.StatusCode, body)
		}
		if res, body := ask(quality, "POST", roundPath+"/moderation", ""); res.StatusCode != 200 || !strings.Contains(body, `{"drawn":1}`) {
			t.Fatalf("drawing for moderation: %d %s", res.StatusCode, body)
		}
		if res, body := ask(quality, "POST", roundPath+"/moderation", ""); res.StatusCode != 422 || !strings.Contains(body, `"field":"moderation"`) {
			t.Errorf("drawing again, with none waiting: %d %s", res.StatusCode, body)
		}
		if page, err = site.App.Audits.Round(peopletest.As(quality), round); err != nil {
			t.Fatal(err)
		}
		moderator := staffOf(site.A, page.Audits[0].ModeratorID)
		if moderator.ID == "" || moderator.ID == auditor.ID {
			t.Fatalf("moderator %+v, auditor %s", moderator, auditor.ID)
		}
		res, body = ask(moderator, "GET", auditPath, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"grades":[]`) || strings.Contains(body, "Ask about the community") {
			t.Errorf("the moderator saw the auditor's grading before their own: %d %s", res.StatusCode, body)
		}
		version := res.Header.Get("ETag")
		moderation := `{"grades":` + answersBody(tools[0], "outstanding") + `,"moderation_note":"Stronger than the auditor found"}`
		for _, tt := range []struct {
			name    string
			as      councils.Staff
			body    string
			ifMatch []string
			status  int
			has     string
		}{
			{"without If-Match", moderator, moderation, nil, 428, ""},
			{"without a note", moderator, `{"grades":` + answersBody(tools[0], "outstanding") + `}`, []string{"If-Match", version}, 422, `"field":"moderation_note"`},
			{"by the auditor", auditor, moderation, []string{"If-Match", version}, 403, ""},
			{"from a version before the draw", moderator, moderation, []string{"If-Match", `"2"`}, 412, `"etag":` + strconv.Quote(version)},
		} {
			if res, body := ask(tt.as, "PUT", auditPath+"/moderation", tt.body, tt.ifMatch...); res.StatusCode != tt.status || !strings.Contains(body, tt.has) {
				t.Errorf("moderating %s: %d %s", tt.name, res.StatusCode, body)
			}
		}
		res, body = ask(moderator, "PUT", auditPath+"/moderation", moderation, "If-Match", version)
		if res.StatusCode != 200 || !strings.Contains(body, `"status":"moderated"`) || !strings.Contains(body, `"grade":"outstanding"`) ||
			!strings.Contains(body, `"moderation_note":"Stronger than the auditor found"`) {
			t.Fatalf("moderating: %d %s", res.StatusCode, body)
		}

		// The practitioner whose case it was reflects, and marks the action done.
		version = res.Header.Get("ETag")
		reflection := `{"reflection":"I will ask about the community first","done":[0]}`
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			body   string
			status int
			has    string
		}{
			{"by another practitioner", site.A.SouthWorker, reflection, 404, ""},
			{"by the quality lead", quality, reflection, 403, ""},
			{"with nothing to say", practitioner, `{"reflection":" "}`, 422, `"field":"reflection"`},
		} {
			if res, body := ask(tt.as, "PUT", auditPath+"/reflection", tt.body, "If-Match", version); res.StatusCode != tt.status || !strings.Contains(body, tt.has) {
				t.Errorf("reflecting %s: %d %s", tt.name, res.StatusCode, body)
			}
		}
		logged := len(apptest.LogOf(t, site, w.Person.ID))
		res, body = ask(practitioner, "PUT", auditPath+"/reflection", reflection, "If-Match", version)
		if res.StatusCode != 200 || !strings.Contains(body, `"reflection":"I will ask about the community first"`) || !strings.Contains(body, `"done_on":"`+today.String()+`"`) {
			t.Fatalf("reflecting: %d %s", res.StatusCode, body)
		}
		if log := apptest.LogOf(t, site, w.Person.ID)[logged:]; len(log) != 2 || log[0].Action != accesslog.Update || log[0].Channel != accesslog.API {
			t.Errorf("reflecting logged %+v", log)
		}

		// Closing: a stale version closes nothing; the round's own closes it, once.
		closed := func() string {
			return fmt.Sprint(dbtest.Value[int](t, db, site.A.Council.ID, `SELECT count(*) FROM audit_round WHERE council_id = $1 AND closed_at IS NOT NULL`, site.A.Council.ID),
				dbtest.Value[int](t, db, site.A.Council.ID, `SELECT max(version) FROM audit_round WHERE council_id = $1`, site.A.Council.ID))
		}
		for _, tt := range []struct {
			name    string
			as      councils.Staff
			ifMatch []string
			status  int
			want    string
		}{
			{"without If-Match", quality, nil, 428, "0 1"},
			{"from a version it is not at", quality, []string{"If-Match", `"2"`}, 412, "0 1"},
			{"as a team manager", site.A.Staff[councils.TeamManager], []string{"If-Match", `"1"`}, 403, "0 1"},
			{"as the quality lead", quality, []string{"If-Match", `"1"`}, 200, "1 2"},
			{"again, from the version before", quality, []string{"If-Match", `"1"`}, 412, "1 2"},
			{"again, once closed", quality, []string{"If-Match", `"2"`}, 409, "1 2"},
		} {
			res, body := ask(tt.as, "POST", roundPath+"/close", "", tt.ifMatch...)
			if res.StatusCode != tt.status || closed() != tt.want {
				t.Errorf("closing %s: %d %s, closed and version %s", tt.name, res.StatusCode, body, closed())
			}
			if tt.status == 200 && (res.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"closed_at":"`)) {
				t.Errorf("closing %s: %s %s", tt.name, res.Header.Get("ETag"), body)
			}
		}
	})
}

// The audits API's lists of values are the audits package's own.
func TestAuditEnumsFollowTheirRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), auditEnums())
}

func auditEnums() []enumRule {
	statuses := values(audits.Statuses()...)
	var results []string
	for _, r := range []audits.Result{audits.Met, audits.NotMet, audits.NotApplicable, audits.Figures} {
		results = append(results, string(r))
	}
	return []enumRule{
		{"#/components/schemas/AuditTool/properties/kind/enum", values(audits.CaseFile, audits.Supervision)},
		{"#/components/schemas/AuditRound/properties/tool_kind/enum", values(audits.CaseFile, audits.Supervision)},
		{"#/components/schemas/AuditQuestion/properties/scale/enum", values(audits.Quality, audits.YesNo)},
		{"#/components/schemas/AuditRound/properties/stratify/enum", values(audits.Strata()...)},
		{"#/components/schemas/AuditSummary/properties/status/enum", statuses},
		{"#/components/schemas/Audit/properties/status/enum", statuses},
		{"#/components/schemas/AuditFinding/properties/result/enum", results},
	}
}
