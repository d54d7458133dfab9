package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// testSite is a small site behind Protect: a page, a form and the assets.
func testSite(t *testing.T) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	tm := mustTemplates(t)
	tm.logger = slog.New(slog.NewTextHandler(&logs, nil))
	mux := http.NewServeMux()
	mux.Handle("GET /assets/", Assets())
	mux.Handle("GET /{$}", tm.Handle(func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.WriteString(w, "home")
		return err
	}))
	mux.Handle("POST /notes", tm.Handle(func(w http.ResponseWriter, r *http.Request) error {
		if err := ParseForm(r); err != nil {
			return err
		}
		_, err := io.WriteString(w, "saved "+r.PostForm.Get("note")[:min(5, len(r.PostForm.Get("note")))])
		return err
	}))
	mux.Handle("GET /panic", tm.Handle(func(w http.ResponseWriter, r *http.Request) error {
		panic("something impossible")
	}))
	return tm.Protect(mux), &logs
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	site, _ := testSite(t)
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"X-Frame-Options":         "DENY",
	}
	for _, path := range []string{"/", "/nowhere", "/panic", "/assets/app.js"} {
		t.Run(path, func(t *testing.T) {
			w := httptest.NewRecorder()
			site.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
			for k, v := range want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if w.Header().Get("Permissions-Policy") == "" {
				t.Error("no Permissions-Policy")
			}
			if w.Header().Get(RequestIDHeader) == "" {
				t.Error("no request ID header")
			}
			cache := w.Header().Get("Cache-Control")
			if strings.HasPrefix(path, "/assets/") {
				if cache == "no-store" {
					t.Errorf("asset Cache-Control = %q", cache)
				}
			} else if cache != "no-store" {
				t.Errorf("page Cache-Control = %q, want no-store", cache)
			}
		})
	}
}

func TestCrossOriginProtection(t *testing.T) {
	t.Parallel()
	site, logs := testSite(t)
	tests := []struct {
		name       string
		method     string
		headers    map[string]string
		wantStatus int
	}{
		{"same-origin post", "POST", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"cross-site post", "POST", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site post from another subdomain", "POST", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"post from another origin, older browser", "POST", map[string]string{"Origin": "https://evil.example"}, 403},
		{"post from the same origin, older browser", "POST", map[string]string{"Origin": "http://golden-thread.test"}, 200},
		{"post without browser headers (curl)", "POST", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "http://golden-thread.test/notes", strings.NewReader("note=hello"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			site.ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			if tt.wantStatus == 403 {
				if !strings.Contains(w.Body.String(), "You do not have permission to see this page") {
					t.Errorf("403 is not the GOV.UK page: %s", w.Body.String())
				}
				if !strings.Contains(logs.String(), "cross-origin request refused") {
					t.Errorf("refusal not logged")
				}
			} else if w.Body.String() != "saved hello" {
				t.Errorf("body = %q", w.Body.String())
			}
		})
	}
	// Reading is always allowed: links from email or another site must work.
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	w := httptest.NewRecorder()
	site.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("cross-site GET = %d, want 200", w.Code)
	}
}

func TestRecover(t *testing.T) {
	t.Parallel()
	site, logs := testSite(t)
	w := httptest.NewRecorder()
	site.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/panic", nil))
	if w.Code != 500 || !strings.Contains(w.Body.String(), "Sorry, there is a problem with the service") {
		t.Errorf("panic gave %d %q", w.Code, w.Body.String())
	}
	id := w.Header().Get(RequestIDHeader)
	if !strings.Contains(w.Body.String(), id) {
		t.Errorf("500 page does not show the request ID %s", id)
	}
	for _, want := range []string{"something impossible", "request_id=" + id, "stack="} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log does not contain %q", want)
		}
	}
}

func TestRecoverKeepsAbortHandler(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t)
	h := tm.Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler passed on", v)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

func TestLimitBody(t *testing.T) {
	t.Parallel()
	site, _ := testSite(t)
	body := url.Values{"note": {strings.Repeat("x", MaxBodyBytes+1)}}.Encode()
	r := httptest.NewRequest(http.MethodPost, "/notes", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	site.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "too large") {
		t.Errorf("oversized form gave %d", w.Code)
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	var seen string
	h := RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = RequestIDFrom(r.Context()) }))
	tests := []struct {
		name, incoming string
		keep           bool
	}{
		{"none", "", false},
		{"from a proxy", "3f2a9c1e-77d0-4b7e-9d1a-0c5b2e8f4a10", true},
		{"too short", "abc", false},
		{"log forging", "abcdefgh\nlevel=ERROR", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			if tt.incoming != "" {
				r.Header.Set(RequestIDHeader, tt.incoming)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if seen == "" || w.Header().Get(RequestIDHeader) != seen {
				t.Fatalf("context ID %q, header %q", seen, w.Header().Get(RequestIDHeader))
			}
			if (seen == tt.incoming) != tt.keep {
				t.Errorf("ID = %q from incoming %q", seen, tt.incoming)
			}
		})
	}
}

func TestChainOrder(t *testing.T) {
	t.Parallel()
	var order []string
	mw := func(name string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, name)
				next.ServeHTTP(w, r)
			})
		}
	}
	h := Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { order = append(order, "handler") }), mw("a"), mw("b"))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if got := strings.Join(order, ","); got != "a,b,handler" {
		t.Errorf("order = %s", got)
	}
}

func TestLogHandler(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(LogHandler(slog.NewTextHandler(&buf, nil)))
	ctx := WithRequestID(context.Background(), "req-12345678")
	ctx = WithViewer(ctx, &Viewer{StaffID: "staff-1", Name: "Sam Patel", CouncilID: "council-9"})
	logger.With("component", "test").InfoContext(ctx, "saved outcome", "outcome_id", "o-1")
	got := buf.String()
	for _, want := range []string{"request_id=req-12345678", "staff_id=staff-1", "council_id=council-9", "component=test"} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q does not contain %q", got, want)
		}
	}
	if strings.Contains(got, "Sam") {
		t.Errorf("log contains the staff member's name: %s", got)
	}
	buf.Reset()
	logger.InfoContext(ctx, "x", "request_id", "explicit-id1")
	if strings.Count(buf.String(), "request_id") != 1 {
		t.Errorf("request_id logged twice: %s", buf.String())
	}
}
