package app_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// While PostgreSQL cannot be reached (stopped, or the network down) a page answers the GOV.UK "service unavailable"
// page and the APIs a problem document or their own error, all 503 with Retry-After, never 500; the log says so once
// and says once that it is back; and when it is back the service recovers by itself. Connections ended by the
// server while requests are being made (pg_terminate_backend, as an administrator or a failover does) are answered
// the same way, and the pool replaces them without help.
func TestDatabaseUnavailable(t *testing.T) {
	t.Parallel()
	var logs dbtest.Logs
	db, relay := dbtest.OpenBehindRelay(t, dbtest.Options{Logger: logs.Logger()})
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	token := site.Token(t, worker)
	signedIn := site.SignIn(t, worker)
	calls := []call{
		{name: "page", client: signedIn, path: "/people/" + person.ID},
		{name: "API", client: apptest.Client(), path: "/api/v1/people/" + person.ID, token: token},
		{name: "Open Referral UK", client: apptest.Client(), path: "/oruk/" + site.A.Council.Code + "/services"},
	}
	for _, c := range calls {
		if a := c.do(site); a.err != nil || a.status != http.StatusOK {
			t.Fatalf("%s before the outage: %d %v", c.name, a.status, a.err)
		}
	}

	relay.Cut()
	for range 3 {
		for _, c := range calls {
			a := c.do(site)
			if a.err != nil || a.status != http.StatusServiceUnavailable || a.retryAfter != "30" {
				t.Fatalf("%s while the database is away: %d, Retry-After %q, %v:\n%s", c.name, a.status, a.retryAfter, a.err, apptest.Excerpt(a.body))
			}
			for _, want := range map[string][]string{
				"page":             {`<html lang="en-GB"`, "<title>Sorry, the service is unavailable", "may or may not have been saved"},
				"API":              {`"status":503`, "cannot reach its database"},
				"Open Referral UK": {`"error":"The directory is unavailable`},
			}[c.name] {
				if !strings.Contains(a.body, want) {
					t.Errorf("%s while the database is away does not say %q:\n%s", c.name, want, apptest.Excerpt(a.body))
				}
			}
		}
	}
	res, body := site.Get(t, apptest.Client(), "/healthz/ready")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"database":"unreachable"`) {
		t.Errorf("readiness while the database is away: %d %s", res.StatusCode, body)
	}
	if res, _ := site.Get(t, apptest.Client(), "/healthz/live"); res.StatusCode != http.StatusOK {
		t.Errorf("liveness while the database is away: %d, want 200", res.StatusCode)
	}
	if n := logs.Count("database unreachable"); n != 1 {
		t.Errorf("logged %q %d times over 10 failed requests, want once:\n%s", "database unreachable", n, logs.String())
	}

	relay.Restore()
	recover := func() {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for _, c := range calls {
			for {
				a := c.do(site)
				if a.err == nil && a.status == http.StatusOK {
					break
				}
				if a.err != nil || a.status != http.StatusServiceUnavailable || time.Now().After(deadline) {
					t.Fatalf("%s did not recover: %d %v:\n%s", c.name, a.status, a.err, apptest.Excerpt(a.body))
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
	}
	recover()
	if n := logs.Count("database reachable again"); n != 1 {
		t.Errorf("logged %q %d times, want once:\n%s", "database reachable again", n, logs.String())
	}

	// Connections ended by the server while requests are being made.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for _, c := range calls[:2] {
		for range 2 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					a := c.do(site)
					mu.Lock()
					counts[a.status]++
					mu.Unlock()
					switch {
					case a.err != nil:
						t.Errorf("%s: %v", c.name, a.err)
						return
					case a.status == http.StatusOK:
					case a.status == http.StatusServiceUnavailable && a.retryAfter == "30":
					default:
						t.Errorf("%s while connections were ended: %d, Retry-After %q:\n%s", c.name, a.status, a.retryAfter, apptest.Excerpt(a.body))
						return
					}
				}
			})
		}
	}
	ended := 0
	for range 10 {
		time.Sleep(100 * time.Millisecond)
		ended += dbtest.TerminateBackends(t, db)
	}
	close(stop)
	wg.Wait()
	t.Logf("ended %d connections; answers by status: %v", ended, counts)
	if ended == 0 || counts[http.StatusOK] == 0 {
		t.Errorf("ended %d connections, answers %v: the test did not do what it says", ended, counts)
	}
	recover()
}

// call is one request the outage test makes again and again.
type call struct {
	name   string
	client *http.Client
	path   string
	token  string
}

type reply struct {
	status     int
	retryAfter string
	body       string
	err        error
}

// do makes the request. It reports a failure rather than failing the test, so that it can be called from
// goroutines.
func (c call) do(site *apptest.Site) reply {
	req, err := http.NewRequest(http.MethodGet, site.Server.URL+c.path, nil)
	if err != nil {
		return reply{err: err}
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.client.Do(req)
	if err != nil {
		return reply{err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return reply{err: fmt.Errorf("read the answer: %w", err)}
	}
	return reply{status: res.StatusCode, retryAfter: res.Header.Get("Retry-After"), body: string(b)}
}
