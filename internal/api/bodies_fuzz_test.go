package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// FuzzRequestBodies: any body sent to the API's main writes — a new person, a contact, a strength, an aspiration —
// is answered with a success or a problem document (never a 500 or a panic), and a refused body changes nothing.
func FuzzRequestBodies(f *testing.F) {
	seeds := []string{
		`{"given_name": "Grace", "family_name": "Apiperson", "date_of_birth": "1950-02-03", "postcode": "zz99 2bb",
			"ethnicity": "No data: Undeclared or not known", "network": [{"name": "Harry Apiperson", "relationship": "Son"}]}`,
		`{"given_name": "Grace"}`, `{"given_name": 7}`, `[]`, `{}`, `{"a":1}{"b":2}`, `{"given_name": "Grace", "unknown": true}`,
		`{"contacted_on": "2026-12-03", "route_of_access": "Self-referral", "contact_by": "person", "reason": "Falls at home"}`,
		`{"kind": "personal", "person_words": "I can cook"}`, `{"term": "short", "person_words": "To garden again"}`,
		`{"date_of_birth": "1950-02-30"}`, `{"nhs_number": "943 476 5919"}`, `"text"`, `null`, `{"network": [{"name": null}]}`,
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	db := dbtest.Open(f, sqldb.SQLite)
	var (
		once   sync.Once
		fix    *fixture
		person string
	)
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		once.Do(func() {
			fix = newFixture(t, db)
			person = fix.create().ID
		})
		fix.t = t
		targets := []string{"/api/v1/people", "/api/v1/people/" + person + "/contacts", "/api/v1/people/" + person + "/strengths",
			"/api/v1/people/" + person + "/aspirations"}
		target := targets[int(route)%len(targets)]
		before := len(fix.entries(person))
		w := fix.do(http.MethodPost, target, "practitioner", body, nil)
		if w.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", target, body, w.Code, w.Body)
		}
		if w.Code >= 400 {
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("POST %s %q: %d with Content-Type %q", target, body, w.Code, ct)
			}
			var p struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
				Title  string `json:"title"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != w.Code || (p.Detail == "" && p.Title == "") {
				t.Fatalf("POST %s %q: %d, not a problem document that says why: %s", target, body, w.Code, w.Body)
			}
			if !strings.HasSuffix(target, "/people") {
				// The person was looked up to check the body against their record, and that read is logged; nothing
				// was changed.
				for _, e := range fix.entries(person)[before:] {
					if e.Action != accesslog.View {
						t.Fatalf("POST %s %q refused with %d but logged %s", target, body, w.Code, e.Action)
					}
				}
			}
		}
	})
}
