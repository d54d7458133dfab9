package safeguardingpage_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAPISafeguarding raises, reads and decides a concern through the API with real bearer tokens: the
// safeguarding roles see it and every read and change is in the access log as the API's; a practitioner may raise one
// but gets not found for everything else; another council gets not found; bad input and a stale version change
// nothing.
func TestAPISafeguarding(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newSgFixture(t, site, db)
		token := site.Tokens(t)
		sender := func(st councils.Staff) func(method, path, body string, header ...string) (*http.Response, string) {
			return func(method, path, body string, header ...string) (*http.Response, string) {
				t.Helper()
				return site.API(t, token(st), method, path, body, header...)
			}
		}
		manager, worker := sender(site.A.Staff[councils.TeamManager]), sender(site.A.Staff[councils.Practitioner])
		other := sender(site.B.Staff[councils.QualityLead])
		base := "/api/v1/people/" + f.person.ID + "/safeguarding/concerns"
		raise := `{"received_at":"2026-01-05T10:00:00Z","what_happened":"Left without food for two days","types":["Neglect and Acts of Omission"],
			"locations":["Care Home - Residential"],"sources":["Service Provider"],"raiser_name":"A Carer","raiser_organisation":"Example Care Ltd",
			"alleged_person":{"alleged":"yes","name":"Kim Carer","relationship":"Paid carer","position_of_trust":"yes","adult_at_risk":"no"}}`
		decide := `{"needs":"yes","needs_reason":"Lives in a care home","abuse":"yes","abuse_reason":"Food withheld","unable":"yes","unable_reason":"Dementia","lead_staff_id":"` + site.A.Staff[councils.TeamManager].ID + `"}`

		logBefore := len(apptest.LogOf(t, site, f.person.ID))
		checks := []struct {
			name   string
			send   func(method, path, body string, header ...string) (*http.Response, string)
			method string
			path   string
			body   string
			header []string
			status int
			want   string
		}{
			{"list as the manager", manager, "GET", base, "", nil, 200, "Financial or Material Abuse"},
			{"list as a practitioner", worker, "GET", base, "", nil, 404, ""},
			{"list from another council", other, "GET", base, "", nil, 404, ""},
			{"one concern as the manager", manager, "GET", base + "/" + f.asked, "", nil, 200, "I want to keep my money safe"},
			{"the person alleged to have caused harm for the manager", manager, "GET", base + "/" + f.asked, "", nil, 200,
				`"alleged_person":{"alleged":"yes","name":"Dan Alleged","relationship":"Son","position_of_trust":"yes","adult_at_risk":"not_known"}`},
			{"one concern as a practitioner", worker, "GET", base + "/" + f.asked, "", nil, 404, ""},
			{"one concern from another council", other, "GET", base + "/" + f.asked, "", nil, 404, ""},
			{"raise as the manager", manager, "POST", base, raise, nil, 201, `"Neglect and Acts of Omission"`},
			{"raise as a practitioner", worker, "POST", base, raise, nil, 202, "safeguarding team"},
			{"raise from another council", other, "POST", base, raise, nil, 404, ""},
			{"raise not saying whether anyone is alleged", manager, "POST", base, strings.Replace(raise, `"alleged":"yes"`, `"alleged":""`, 1), nil, 422, "#/alleged_person/alleged"},
			{"raise naming someone without a relationship", manager, "POST", base, strings.Replace(raise, `"relationship":"Paid carer"`, `"relationship":""`, 1), nil, 422, "#/alleged_person/relationship"},
			{"raise with no category", manager, "POST", base, strings.Replace(raise, `"Neglect and Acts of Omission"`, `"Neglect"`, 1), nil, 422, `"types"`},
			{"decide without If-Match", manager, "POST", base + "/" + f.undecided + "/decision", decide, nil, 428, ""},
			{"decide from a stale version", manager, "POST", base + "/" + f.undecided + "/decision", decide, []string{"If-Match", `"7"`}, 412, ""},
			{"decide as a practitioner", worker, "POST", base + "/" + f.undecided + "/decision", decide, []string{"If-Match", `"1"`}, 404, ""},
			{"decide without reasons", manager, "POST", base + "/" + f.undecided + "/decision", `{"needs":"yes"}`, []string{"If-Match", `"1"`}, 422, "needs_reason"},
			{"decide", manager, "POST", base + "/" + f.undecided + "/decision", decide, []string{"If-Match", `"1"`}, 200, `"result":"section42"`},
			{"summary as the manager", manager, "GET", "/api/v1/safeguarding/summary?from=2000-01-01&to=2100-01-01", "", nil, 200, `"section42_started":3`},
			{"summary as a practitioner", worker, "GET", "/api/v1/safeguarding/summary", "", nil, 404, ""},
			{"summary with a bad date", manager, "GET", "/api/v1/safeguarding/summary?from=soon", "", nil, 422, "from"},
		}
		for _, c := range checks {
			res, body := c.send(c.method, c.path, c.body, c.header...)
			if res.StatusCode != c.status || !strings.Contains(body, c.want) {
				t.Errorf("%s: %d %s, want %d with %q", c.name, res.StatusCode, body, c.status, c.want)
			}
		}
		var got []string
		for _, e := range apptest.LogOf(t, site, f.person.ID)[logBefore:] {
			if e.Channel != accesslog.API {
				t.Errorf("entry %+v not through the API", e)
			}
			got = append(got, string(e.Action)+" "+e.Route+" ("+e.Reason+")")
		}
		// The manager reaches the records through their safeguarding role, which every entry gives as the reason;
		// the practitioner raises a concern about a person allocated to them, an ordinary change.
		want := []string{
			"view GET /api/v1/people/{id}/safeguarding/concerns (safeguarding role)",
			"view GET /api/v1/people/{id}/safeguarding/concerns/{concern} (safeguarding role)",
			"view GET /api/v1/people/{id}/safeguarding/concerns/{concern} (safeguarding role)",
			"update POST /api/v1/people/{id}/safeguarding/concerns (safeguarding role)", "view POST /api/v1/people/{id}/safeguarding/concerns (safeguarding role)",
			"update POST /api/v1/people/{id}/safeguarding/concerns ()",
			"view POST /api/v1/people/{id}/safeguarding/concerns/{concern}/decision (safeguarding role)", // the stale version's current ETag
			"update POST /api/v1/people/{id}/safeguarding/concerns/{concern}/decision (safeguarding role)",
			"view POST /api/v1/people/{id}/safeguarding/concerns/{concern}/decision (safeguarding role)",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			b, _ := json.MarshalIndent(got, "", " ")
			t.Errorf("API access log entries:\n%s\nwant:\n%s", b, strings.Join(want, "\n"))
		}
	})
}
