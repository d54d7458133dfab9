package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Past its bound on the work it takes on, the server refuses at once with 503 and Retry-After: the GOV.UK page for
// a page, a problem document for the API; health checks still answer; a refused request reads nothing and writes
// no access-log entry; and once the work in hand is done, requests are answered again.
func TestOverloadIsRefusedQuickly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.StartWith(t, db, app.Config{Load: web.Load{Working: 1, Queue: 0, Wait: 20 * time.Millisecond}})
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		token := site.Token(t, worker)
		signedIn := site.SignIn(t, worker)

		// A request whose body is still arriving holds the one place to work.
		body, feed := io.Pipe()
		held := make(chan struct{})
		go func() {
			defer close(held)
			req, _ := http.NewRequest(http.MethodPost, site.Server.URL+"/people/new", body)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if res, err := signedIn.Do(req); err == nil {
				res.Body.Close()
			}
		}()
		_, _ = feed.Write([]byte("given_name=")) // the held request has reached the server
		time.Sleep(200 * time.Millisecond)       // and taken the one place to work
		page, err := signedIn.Get(site.Server.URL + "/people/" + person.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Requests answered before the held one took its place wrote their entries; from here on, none may.
		before := len(apptest.LogOf(t, site, person.ID))
		text, _ := io.ReadAll(page.Body)
		page.Body.Close()
		if page.StatusCode != http.StatusServiceUnavailable || page.Header.Get("Retry-After") != "1" ||
			!strings.Contains(string(text), "<title>Golden Thread is busy") || !strings.Contains(string(text), "Nothing was saved") {
			t.Errorf("a page at capacity: %d, Retry-After %q:\n%s", page.StatusCode, page.Header.Get("Retry-After"), apptest.Excerpt(string(text)))
		}

		req, _ := http.NewRequest(http.MethodGet, site.Server.URL+"/api/v1/people/"+person.ID, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := apptest.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var problem struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		err = json.NewDecoder(res.Body).Decode(&problem)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" ||
			res.Header.Get("Content-Type") != "application/problem+json" || problem.Status != 503 || !strings.Contains(problem.Detail, "at capacity") {
			t.Errorf("the API at capacity: %d %q %q %+v %v", res.StatusCode, res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), problem, err)
		}

		health, err := apptest.Client().Get(site.Server.URL + "/healthz/live")
		if err != nil {
			t.Fatal(err)
		}
		health.Body.Close()
		if health.StatusCode != http.StatusOK {
			t.Errorf("the health check at capacity: %d, want 200", health.StatusCode)
		}
		again, err := signedIn.Get(site.Server.URL + "/people/" + person.ID)
		if err != nil {
			t.Fatal(err)
		}
		again.Body.Close()
		if again.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("a page while the one place is still held: %d, want 503", again.StatusCode)
		}
		if after := len(apptest.LogOf(t, site, person.ID)); after != before {
			t.Errorf("refused requests wrote %d access-log entries, want none", after-before)
		}

		feed.Close()
		<-held
		// The held request's place is freed just after its answer reaches the client, so the next may still be
		// refused for a moment; within a second it is answered.
		var body2 string
		for deadline := time.Now().Add(time.Second); ; time.Sleep(5 * time.Millisecond) {
			if res, body2 = site.Get(t, signedIn, "/people/"+person.ID); res.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
				break
			}
		}
		if res.StatusCode != http.StatusOK || !strings.Contains(body2, person.GivenName) {
			t.Errorf("after the work in hand was done: %d", res.StatusCode)
		}
		if after := len(apptest.LogOf(t, site, person.ID)); after != before+1 {
			t.Errorf("the answered view wrote %d access-log entries, want 1", after-before)
		}
	})
}
