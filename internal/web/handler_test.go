package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// storeError is how a storage package defines its errors for StatusOf.
type storeError struct{ status int }

func (e storeError) Error() string   { return fmt.Sprintf("store error %d", e.status) }
func (e storeError) HTTPStatus() int { return e.status }

var errStoreNotFound = storeError{http.StatusNotFound}

func TestStatusOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 200},
		{"not found", NotFound, 404},
		{"forbidden", Forbidden, 403},
		{"conflict", Conflict, 409},
		{"bad request", BadRequest, 400},
		{"too large", TooLarge, 413},
		{"wrapped store error", fmt.Errorf("load person 42: %w", errStoreNotFound), 404},
		{"joined", errors.Join(errors.New("x"), storeError{409}), 409},
		{"body too large", fmt.Errorf("parse: %w", &http.MaxBytesError{Limit: 10}), 413},
		{"nonsense status", storeError{200}, 500},
		{"plain", errors.New("disk full"), 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatusOf(tt.err); got != tt.want {
				t.Errorf("StatusOf(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
	if !errors.Is(fmt.Errorf("wrap: %w", NotFound), NotFound) {
		t.Error("errors.Is does not find a wrapped NotFound")
	}
}

func TestHandle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   []string
		wantLog    []string
	}{
		{"success", nil, 200, []string{"all good"}, nil},
		{"not found", fmt.Errorf("load person p-7: %w", errStoreNotFound), 404, []string{"<h1 class=\"govuk-heading-l\">Page not found</h1>", "check it is correct"}, []string{"level=INFO", "status=404"}},
		{"forbidden", Forbidden, 403, []string{"You do not have permission to see this page", "ask your team manager"}, []string{"level=WARN"}},
		{"conflict", fmt.Errorf("save outcome o-1: %w", Conflict), 409, []string{"Someone else changed this record", "reload the page"}, nil},
		{"bad request", BadRequest, 400, []string{"Sorry, there is a problem with your request"}, nil},
		{"too large", &http.MaxBytesError{Limit: 1}, 413, []string{"The form you sent was too large"}, nil},
		{"unexpected", errors.New("query people: connection refused"), 500,
			[]string{"Sorry, there is a problem with the service", "Try again later", "req-abcdef12"},
			[]string{"level=ERROR", "request_id=req-abcdef12", `route="GET /people/{id}"`, "connection refused", "status=500"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			tm := mustTemplates(t)
			tm.logger = slog.New(slog.NewTextHandler(&logs, nil))
			mux := http.NewServeMux()
			mux.Handle("GET /people/{id}", tm.Handle(func(w http.ResponseWriter, r *http.Request) error {
				if tt.err != nil {
					return tt.err
				}
				_, err := io.WriteString(w, "all good")
				return err
			}))
			r := httptest.NewRequest(http.MethodGet, "/people/7?q=Ada+Example", nil)
			r.Header.Set(RequestIDHeader, "req-abcdef12")
			w := httptest.NewRecorder()
			RequestID(mux).ServeHTTP(w, r)

			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("body does not contain %q", want)
				}
			}
			for _, want := range tt.wantLog {
				if !strings.Contains(logs.String(), want) {
					t.Errorf("log does not contain %q:\n%s", want, logs.String())
				}
			}
			if strings.Contains(logs.String(), "Ada") {
				t.Errorf("log contains the search, which may be a person's name:\n%s", logs.String())
			}
			if tt.err != nil && w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("error page Content-Type = %q", w.Header().Get("Content-Type"))
			}
		})
	}
}

func TestHandleErrorAfterWriting(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	tm := mustTemplates(t)
	tm.logger = slog.New(slog.NewTextHandler(&logs, nil))
	h := tm.Handle(func(w http.ResponseWriter, r *http.Request) error {
		_, _ = io.WriteString(w, "partial")
		return errors.New("late failure")
	})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Body.String() != "partial" {
		t.Errorf("body = %q, want only what the handler wrote", w.Body.String())
	}
	if !strings.Contains(logs.String(), "late failure") {
		t.Errorf("error not logged: %s", logs.String())
	}
}

func TestHandleCancelledRequestIsNotAnError(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	tm := mustTemplates(t)
	tm.logger = slog.New(slog.NewTextHandler(&logs, nil))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	ctx, cancel := context.WithCancel(r.Context())
	cancel()
	h := tm.Handle(func(w http.ResponseWriter, r *http.Request) error { return ctx.Err() })
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r.WithContext(ctx))
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a cancelled request was logged as an error: %s", logs.String())
	}
}

func TestHandleRedirectsOnARegisteredError(t *testing.T) {
	t.Parallel()
	errElsewhere := errors.New("answered elsewhere")
	tm := mustTemplates(t)
	tm.RedirectOn(errElsewhere, func(r *http.Request) string {
		if id := r.PathValue("id"); id != "" {
			return "/people/" + id + "/break-glass"
		}
		return ""
	})
	mux := http.NewServeMux()
	fail := tm.Handle(func(http.ResponseWriter, *http.Request) error { return fmt.Errorf("open record: %w", errElsewhere) })
	mux.Handle("GET /people/{id}", fail)
	mux.Handle("GET /elsewhere", fail)
	tests := []struct {
		path       string
		wantStatus int
		wantTo     string
	}{
		{"/people/p1", http.StatusSeeOther, "/people/p1/break-glass"},
		{"/elsewhere", http.StatusInternalServerError, ""}, // no {id}: the error page, as before
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != tt.wantStatus || w.Header().Get("Location") != tt.wantTo {
			t.Errorf("%s: status %d to %q, want %d to %q", tt.path, w.Code, w.Header().Get("Location"), tt.wantStatus, tt.wantTo)
		}
	}
}

// unavailableError is how a storage package says that the database cannot be reached.
type unavailableError struct{}

func (unavailableError) Error() string             { return "database unavailable" }
func (unavailableError) HTTPStatus() int           { return http.StatusServiceUnavailable }
func (unavailableError) RetryAfter() time.Duration { return 30 * time.Second }

// While the database is away, a page answers 503 with Retry-After and says what to do; the request is not logged as
// an error, because the database logs its going and its return once rather than every request in between.
func TestHandleUnavailable(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	tm := mustTemplates(t)
	tm.logger = slog.New(slog.NewTextHandler(&logs, nil))
	h := tm.Handle(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("load person p-7: %w", unavailableError{})
	})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/people/p-7", nil))
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", w.Code)
	}
	if got := w.Header().Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30", got)
	}
	for _, want := range []string{"<title>Sorry, the service is unavailable", "Try again in a few minutes", "may or may not have been saved"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("body does not contain %q", want)
		}
	}
	if logs.Len() != 0 {
		t.Errorf("an unavailable database was logged for the request:\n%s", logs.String())
	}
	// Any other error keeps its status and has no Retry-After.
	w = httptest.NewRecorder()
	tm.Handle(func(http.ResponseWriter, *http.Request) error { return errors.New("disk full") }).
		ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusInternalServerError || w.Header().Get("Retry-After") != "" {
		t.Errorf("other error: status %d, Retry-After %q; want 500 and none", w.Code, w.Header().Get("Retry-After"))
	}
}
