package web

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Load bounds the work the server takes on at once, so that past what the machine can do it refuses some requests
// quickly (503 with Retry-After) and answers the ones it accepts within their deadline, instead of letting every
// request queue until all of them time out.
type Load struct {
	Working int           // requests handled at once
	Queue   int           // requests allowed to wait for one of those places
	Wait    time.Duration // the longest a request waits for a place before it is refused
}

// RetryAfter is what a refused request is told to wait before trying again.
const RetryAfter = time.Second

// Shed admits at most load.Working requests at once and lets at most load.Queue more wait, each for no longer than
// load.Wait; any other request is answered by busy at once. Health checks and static assets are never refused: a
// busy server is still alive, and a page it has answered still needs its styles. A zero load admits everything.
func Shed(next http.Handler, load Load, busy http.HandlerFunc) http.Handler {
	if load.Working <= 0 {
		return next
	}
	working := make(chan struct{}, load.Working)
	waiting := make(chan struct{}, load.Working+load.Queue)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if exempt(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		// A place in the line (working or waiting), or busy at once: the line never grows past its bound.
		select {
		case waiting <- struct{}{}:
		default:
			refuse(w, r, busy)
			return
		}
		defer func() { <-waiting }()
		select {
		case working <- struct{}{}:
		default:
			ctx, cancel := context.WithTimeout(r.Context(), load.Wait)
			defer cancel()
			select {
			case working <- struct{}{}:
			case <-ctx.Done():
				refuse(w, r, busy)
				return
			}
		}
		defer func() { <-working }()
		next.ServeHTTP(w, r)
	})
}

func refuse(w http.ResponseWriter, r *http.Request, busy http.HandlerFunc) {
	w.Header().Set("Retry-After", "1")
	busy(w, r)
}

func exempt(path string) bool {
	return path == "/healthz" || strings.HasPrefix(path, "/healthz/") || strings.HasPrefix(path, "/assets/")
}

// Busy writes the page for a request refused because the server is at capacity: 503, try again in a moment.
// Nothing the request asked for was done, so unlike the database's 503 there is nothing to check before trying
// again.
func (t *Templates) Busy(w http.ResponseWriter, r *http.Request) {
	data := ErrorPage{Page: NewPage(r, "Golden Thread is busy"), Status: http.StatusServiceUnavailable}
	if err := t.Render(w, r, http.StatusServiceUnavailable, "errors/busy.html", data); err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("Golden Thread is busy. Try again in a moment.\n"))
	}
}
