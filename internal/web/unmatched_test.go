package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// A URL that matches no route gets the answer given to Unmatched (here the GOV.UK error pages) in place of the
// standard library's plain text, with the mux's Allow header for a wrong method; everything else passes through.
func TestUnmatched(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /people/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("person " + r.PathValue("id")))
	})
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(fstest.MapFS{"app.css": {Data: []byte("body{}")}})))
	h := SecurityHeaders(Unmatched(mux, tm.ErrorStatus))

	tests := []struct {
		method, path string
		status       int
		allow        string
		location     string
		body         []string
	}{
		{method: "GET", path: "/nowhere", status: 404, body: []string{`<html lang="en-GB"`, "<title>Page not found", "check it is correct", `href="/"`}},
		{method: "GET", path: "/people/7/nowhere", status: 404, body: []string{"<title>Page not found"}},
		{method: "POST", path: "/people/7", status: 405, allow: "GET, HEAD", body: []string{`<html lang="en-GB"`, "<title>Sorry, there is a problem with your request"}},
		{method: "DELETE", path: "/people/7", status: 405, allow: "GET, HEAD"},
		{method: "GET", path: "/people/7", status: 200, body: []string{"person 7"}},
		{method: "GET", path: "/a/../nowhere", status: 307, location: "/nowhere"},
		{method: "GET", path: "/assets", status: 307, location: "/assets/"},
		{method: "GET", path: "/assets/app.css", status: 200, body: []string{"body{}"}},
		// A missing asset is the file server's own plain 404: it is not a page anyone reads.
		{method: "GET", path: "/assets/missing.css", status: 404, body: []string{"404 page not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body:\n%s", w.Code, tt.status, w.Body.String())
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			for _, want := range tt.body {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("body does not contain %q:\n%s", want, w.Body.String())
				}
			}
			if tt.status >= 400 && tt.path != "/assets/missing.css" {
				if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q, want the page's", ct)
				}
				if strings.Contains(w.Body.String(), "page not found\n") || strings.Contains(w.Body.String(), "Method Not Allowed\n") {
					t.Errorf("the standard library's plain text is still there:\n%s", w.Body.String())
				}
			}
		})
	}
}
