package web

import "net/http"

// Unmatched wraps mux so that a request matching none of its routes is answered by answer, with status 404 Not
// Found or 405 Method Not Allowed (the mux's Allow header already set), instead of the standard library's plain
// text, which is no page at all: no title, no language, no way on. Requests that match a route, and the mux's own
// redirects (to a cleaned path, or to add a trailing slash), pass through unchanged.
func Unmatched(mux *http.ServeMux, answer func(w http.ResponseWriter, r *http.Request, status int)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(&unmatchedWriter{ResponseWriter: w, r: r, answer: answer}, r)
	})
}

// unmatchedWriter lets the mux's answer to an unmatched request through when it is a redirect, and otherwise
// replaces its plain-text 404 or 405 with answer's, keeping the headers the mux set (Allow).
type unmatchedWriter struct {
	http.ResponseWriter
	r        *http.Request
	answer   func(w http.ResponseWriter, r *http.Request, status int)
	answered bool
}

func (w *unmatchedWriter) WriteHeader(code int) {
	if code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.answered = true
	w.answer(w.ResponseWriter, w.r, code) // which sets its own Content-Type over the mux's text/plain

}

func (w *unmatchedWriter) Write(b []byte) (int, error) {
	if w.answered {
		return len(b), nil // the mux's plain text, replaced
	}
	return w.ResponseWriter.Write(b)
}
