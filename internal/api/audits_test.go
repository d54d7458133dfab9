package api_test

import (
	"encoding/json"
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
		site := apptest.Start(t, db)
		token := site.Tokens(t)
		w := planstest.New(t, db, site.A)
		quality := site.A.Staff[councils.QualityLead]
		tools, err := site.App.Audits.Tools(peopletest.As(quality))
		if err != nil {
			t.Fatal(err)
		}
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
		var auditor councils.Staff
		for _, st := range site.A.Staff {
			if st.ID == audit.AuditorID {
				auditor = st
			}
		}
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
			var answers []string
			for _, q := range tools[0].Questions() {
				g := q.Scale.Grades()[1].Value
				if q.Key == audits.OverallKey {
					g = overall
				}
				if g != "" {
					answers = append(answers, `{"question":"`+q.Key+`","grade":"`+g+`","evidence":"Seen"}`)
				}
			}
			c := "false"
			if complete {
				c = "true"
			}
			return `{"grades":[` + strings.Join(answers, ",") + `],"learning":"Ask about the community","actions":[{"what":"Add community strengths","due_on":"` +
				sqldb.NewDate(today.AddDate(0, 0, 7)).String() + `"}],"complete":` + c + `}`
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
		{"#/components/schemas/AuditQuestion/properties/scale/enum", values(audits.Quality, audits.YesNo)},
		{"#/components/schemas/AuditRound/properties/stratify/enum", values(audits.Strata()...)},
		{"#/components/schemas/AuditSummary/properties/status/enum", statuses},
		{"#/components/schemas/Audit/properties/status/enum", statuses},
		{"#/components/schemas/AuditFinding/properties/result/enum", results},
	}
}
