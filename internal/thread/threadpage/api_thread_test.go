package threadpage_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAPIGoldenThreadWired records a contact and reads the episode it opened, its support plans and its reviews,
// through the whole app with a real bearer token, and finds each in the access log as the API's.
func TestAPIGoldenThreadWired(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		token := site.Token(t, worker)
		send := func(method, path, body string) (*http.Response, string) {
			t.Helper()
			return site.API(t, token, method, path, body)
		}
		res, body := send("POST", "/api/v1/people/"+p.ID+"/contacts",
			`{"contacted_on":"2025-01-06","route_of_access":"Community / Other route","channel":"Phone","contact_by":"self","reason":"Asking about help at home"}`)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("record a contact: %d %s", res.StatusCode, body)
		}
		var ep struct{ ID string }
		if err := json.Unmarshal([]byte(body), &ep); err != nil || ep.ID == "" {
			t.Fatalf("episode: %v %s", err, body)
		}
		if res, body := send("GET", res.Header.Get("Location"), ""); res.StatusCode != http.StatusOK || !strings.Contains(body, `"current_step":1`) {
			t.Fatalf("read the episode: %d %s", res.StatusCode, body)
		}
		for _, list := range []string{"/plans", "/reviews"} {
			if res, body := send("GET", res.Header.Get("Location")+list, ""); res.StatusCode != http.StatusOK || !strings.Contains(body, `"items":[]`) {
				t.Fatalf("list the episode's %s: %d %s", list, res.StatusCode, body)
			}
		}
		entries, err := accesslog.NewStore(db).Search(sqldb.WithCouncil(context.Background(), site.A.Council.ID), accesslog.Filter{PersonID: p.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var api []string
		for _, e := range entries {
			if e.Channel == accesslog.API {
				api = append(api, string(e.Action)+" "+e.Route)
			}
		}
		want := []string{"view GET /api/v1/people/{id}/episodes/{episode}/reviews", "view GET /api/v1/people/{id}/episodes/{episode}/plans",
			"view GET /api/v1/people/{id}/episodes/{episode}", "create POST /api/v1/people/{id}/contacts"}
		if strings.Join(api, "\n") != strings.Join(want, "\n") {
			t.Errorf("API access log entries, newest first:\n%s\nwant:\n%s", strings.Join(api, "\n"), strings.Join(want, "\n"))
		}
	})
}
