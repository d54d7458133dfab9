package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// TestUnexpectedError checks that an error the API does not expect is a 500 problem document that says nothing of
// the cause, and is logged with the route but nothing the request said.
func TestUnexpectedError(t *testing.T) {
	t.Parallel()
	w, log := getPerson(failingStore{}, "/api/v1/people/p1?name=Ada+Testperson")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500: %s", w.Code, w.Body)
	}
	checkResponse(t, w)
	if strings.Contains(w.Body.String(), "deadline") {
		t.Errorf("the cause was sent to the client: %s", w.Body)
	}
	for _, want := range []string{"level=ERROR", `route="GET /api/v1/people/{id}"`, "deadline exceeded"} {
		if !strings.Contains(log, want) {
			t.Errorf("log does not contain %s:\n%s", want, log)
		}
	}
	if strings.Contains(log, "Testperson") {
		t.Errorf("log holds the request's personal details:\n%s", log)
	}
}

// TestStaffWithoutID checks that a context with a member of staff who has no ID, which the store would take for
// the command line and its whole-council access, is refused.
func TestStaffWithoutID(t *testing.T) {
	t.Parallel()
	a := api.New(failingStore{}, nil)
	mux := http.NewServeMux()
	a.Register(mux.Handle, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(councils.WithStaff(r.Context(), councils.Staff{CouncilID: "c1", Role: councils.Administrator})))
		})
	})
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/people/p1", nil))
	if w.Code != http.StatusUnauthorized {
		t.Errorf("status = %d, want 401", w.Code)
	}
	checkResponse(t, w)
}

// getPerson asks the API, as a practitioner, for path from store, and returns the answer and what was logged.
func getPerson(store api.PeopleStore, path string) (*httptest.ResponseRecorder, string) {
	var logs bytes.Buffer
	mux := signedIn(api.New(store, slog.New(slog.NewTextHandler(&logs, nil))))
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w, logs.String()
}

// signedIn serves a's routes to a practitioner, as the bearer middleware would.
func signedIn(a *api.API) *http.ServeMux {
	mux := http.NewServeMux()
	staff := councils.Staff{ID: "s1", CouncilID: "c1", Role: councils.Practitioner}
	a.Register(mux.Handle, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(councils.WithStaff(r.Context(), staff)))
		})
	})
	return mux
}

// awayStore fails as a store does while the database cannot be reached.
type awayStore struct{ api.PeopleStore }

func (awayStore) Get(context.Context, string) (people.Person, people.Access, error) {
	return people.Person{}, people.NoAccess, fmt.Errorf("read person: %w", sqldb.Normalise(&pgconn.PgError{Code: "57P01"}))
}

// While the database cannot be reached the API answers 503 with Retry-After, a problem document that says the
// change may or may not have been saved, and logs nothing for the request (the database logs it once).
func TestDatabaseUnavailable(t *testing.T) {
	t.Parallel()
	w, log := getPerson(awayStore{}, "/api/v1/people/p1")
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status = %d, want 503: %s", w.Code, w.Body)
	}
	checkResponse(t, w)
	if got := w.Header().Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30", got)
	}
	if !strings.Contains(w.Body.String(), "may or may not have been saved") {
		t.Errorf("the problem does not say a change may not have been saved: %s", w.Body)
	}
	if log != "" {
		t.Errorf("the request was logged:\n%s", log)
	}
}

// An address under /api/ that matches no route is a problem document too: 404, or 405 with Allow for a method the
// address does not accept.
func TestUnmatched(t *testing.T) {
	t.Parallel()
	mux := signedIn(api.New(failingStore{}, nil))
	h := web.Unmatched(mux, api.Unmatched)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/api/v1/nothing-here", 404, ""},
		{"GET", "/api/v1/people/p1/nothing-here", 404, ""},
		{"GET", "/api/v2/people", 404, ""},
		{"DELETE", "/api/v1/people/p1", 405, "GET, HEAD, PUT"},
		{"PATCH", "/api/v1/people", 405, "GET, HEAD, POST"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			checkResponse(t, w)
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			var p api.Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Instance != tt.path {
				t.Errorf("instance = %q, want %q", p.Instance, tt.path)
			}
			if tt.status == 405 && !strings.Contains(p.Detail, tt.method) {
				t.Errorf("detail %q does not name the method", p.Detail)
			}
		})
	}
}
