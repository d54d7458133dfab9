package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAllowBodyLiftsTheLimitForOneRoute: a body over MaxBodyBytes is refused where nothing lifts the limit, read
// whole where the handler lifts it, and refused again past the lifted limit.
func TestAllowBodyLiftsTheLimitForOneRoute(t *testing.T) {
	t.Parallel()
	read := func(allow int64) http.Handler {
		return LimitBody(MaxBodyBytes)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if allow > 0 {
				AllowBody(w, r, allow)
			}
			if _, err := io.Copy(io.Discard, r.Body); err != nil {
				w.WriteHeader(http.StatusRequestEntityTooLarge)
			}
		}))
	}
	cases := []struct {
		name  string
		allow int64
		size  int
		want  int
	}{
		{"over the usual limit, not lifted", 0, MaxBodyBytes + 1, http.StatusRequestEntityTooLarge},
		{"over the usual limit, lifted", 4 * MaxBodyBytes, MaxBodyBytes + 1, http.StatusOK},
		{"past the lifted limit", 2 * MaxBodyBytes, 2*MaxBodyBytes + 1, http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			read(c.allow).ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/upload", strings.NewReader(strings.Repeat("x", c.size))))
			if w.Code != c.want {
				t.Errorf("status %d, want %d", w.Code, c.want)
			}
		})
	}
}
