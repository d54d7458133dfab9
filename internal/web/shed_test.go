package web_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/web"
)

// TestShedBoundsTheWorkTakenOn: with one place to work and one to wait, a third request at once is refused
// straight away, a waiting request is refused when its wait runs out, health checks and assets always pass, and
// once the work is done the places are free again.
func TestShedBoundsTheWorkTakenOn(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			started <- struct{}{}
			<-release
		}
		w.WriteHeader(http.StatusOK)
	})
	busy := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }
	h := web.Shed(slow, web.Load{Working: 1, Queue: 1, Wait: 50 * time.Millisecond}, busy)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); get("/slow") }() // takes the one working place
	<-started

	// The waiting place: this request waits 50 ms, then is refused.
	start := time.Now()
	if rec := get("/people"); rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("a request that waited its time: %d, Retry-After %q, want 503 and 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	if waited := time.Since(start); waited < 50*time.Millisecond {
		t.Errorf("refused after %v, before its wait ran out", waited)
	}

	// With the waiting place taken too, another request is refused at once.
	wg.Add(1)
	waiterDone := make(chan int, 1)
	go func() {
		defer wg.Done()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/people", nil))
		waiterDone <- rec.Code
	}()
	time.Sleep(10 * time.Millisecond) // the waiter is in its place
	start = time.Now()
	if rec := get("/people"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a request past the queue: %d, want 503", rec.Code)
	}
	if took := time.Since(start); took > 40*time.Millisecond {
		t.Errorf("a request past the queue was refused after %v, want at once", took)
	}
	for _, path := range []string{"/healthz", "/healthz/ready", "/assets/build/app.css"} {
		if rec := get(path); rec.Code != http.StatusOK {
			t.Errorf("%s while busy: %d, want 200", path, rec.Code)
		}
	}
	close(release)
	wg.Wait()
	if code := <-waiterDone; code != http.StatusServiceUnavailable && code != http.StatusOK {
		t.Errorf("the waiting request: %d", code)
	}
	if rec := get("/people"); rec.Code != http.StatusOK {
		t.Errorf("after the work was done: %d, want 200", rec.Code)
	}

}

// TestShedWithoutABoundAdmitsEverything: a zero load (as when Shed is not wanted) refuses nothing.
func TestShedWithoutABoundAdmitsEverything(t *testing.T) {
	t.Parallel()
	var inside sync.WaitGroup
	inside.Add(20)
	release := make(chan struct{})
	h := web.Shed(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inside.Done()
		<-release
	}), web.Load{}, func(w http.ResponseWriter, r *http.Request) { t.Error("refused a request") })
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/people", nil))
		}()
	}
	inside.Wait() // all twenty are inside at once
	close(release)
	wg.Wait()
}
