package api_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/councils"
)

// TestUnexpectedError checks that an error the API does not expect is a 500 problem document that says nothing of
// the cause, and is logged with the route but nothing the request said.
func TestUnexpectedError(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	a := api.New(failingStore{}, slog.New(slog.NewTextHandler(&logs, nil)))
	mux := http.NewServeMux()
	staff := councils.Staff{ID: "s1", CouncilID: "c1", Role: councils.Practitioner}
	a.Register(mux.Handle, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(councils.WithStaff(r.Context(), staff)))
		})
	})
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/people/p1?name=Ada+Testperson", nil))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500: %s", w.Code, w.Body)
	}
	checkResponse(t, w)
	if strings.Contains(w.Body.String(), "deadline") {
		t.Errorf("the cause was sent to the client: %s", w.Body)
	}
	log := logs.String()
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
