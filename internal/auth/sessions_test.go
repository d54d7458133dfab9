package auth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestSessionCookieSettings(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	for _, secure := range []bool{true, false} {
		s := NewSessions(db, SessionOptions{Secure: secure})
		sm := s.Manager()
		if sm.Cookie.Name != "gt_session" || !sm.Cookie.HttpOnly || sm.Cookie.SameSite != http.SameSiteLaxMode || sm.Cookie.Secure != secure {
			t.Errorf("Secure %v: cookie %+v", secure, sm.Cookie)
		}
		if sm.Lifetime != SessionLifetime || sm.IdleTimeout != SessionIdleTimeout {
			t.Errorf("lifetime %v, idle timeout %v", sm.Lifetime, sm.IdleTimeout)
		}
		s.Close()
		s.Close() // twice is harmless
	}
}

// TestBreakGlassInSession: the people opened by break-glass are remembered from one request to the next.
func TestBreakGlassInSession(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := NewSessions(db, SessionOptions{})
		t.Cleanup(s.Close)
		h := s.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if id := r.URL.Query().Get("add"); id != "" {
				if err := s.AddBreakGlass(r.Context(), id); err != nil {
					t.Error(err)
				}
			}
			if r.URL.Query().Get("flash") != "" {
				s.PutFlash(r.Context(), "Saved")
			}
			w.Write([]byte(strings.Join(s.BreakGlass(r.Context()), ",") + "|" + s.PopFlash(r.Context())))
		}))
		var cookie string
		call := func(query string) string {
			r := httptest.NewRequest(http.MethodGet, "/?"+query, nil)
			if cookie != "" {
				r.Header.Set("Cookie", cookie)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if c := w.Result().Cookies(); len(c) > 0 {
				cookie = c[0].Name + "=" + c[0].Value
			}
			return w.Body.String()
		}
		steps := []struct{ query, want string }{
			{"add=p1", "p1|"},
			{"add=p2&flash=1", "p1,p2|Saved"},
			{"add=p1", "p1,p2|"},
			{"", "p1,p2|"},
		}
		for _, st := range steps {
			if got := call(st.query); got != st.want {
				t.Errorf("?%s = %q, want %q", st.query, got, st.want)
			}
		}
	})
}
