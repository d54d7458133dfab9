package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// Chain wraps h in middleware. The first middleware listed is the outermost:
// Chain(h, a, b) is a(b(h)), so a sees the request first.
func Chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// MaxBodyBytes is the largest request body LimitBody accepts: 1 MiB is far
// more than any form needs.
const MaxBodyBytes = 1 << 20

// Protect wraps the whole site in the standard middleware, outermost first:
// RequestID, Recover, SecurityHeaders, LimitBody and CrossOriginProtection.
//
//	srv := &http.Server{Handler: tmpl.Protect(mux)}
func (t *Templates) Protect(h http.Handler) http.Handler {
	return Chain(h, RequestID, t.Recover, SecurityHeaders, LimitBody(MaxBodyBytes), t.CrossOriginProtection(nil))
}

// RequestIDHeader carries the request ID in both directions.
const RequestIDHeader = "X-Request-Id"

// RequestID gives each request an ID, in the context (RequestIDFrom) and in
// the X-Request-Id response header. An ID from a proxy in front of the app
// is kept when it is a plain token, so one ID follows the request through.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(WithRequestID(r.Context(), id)))
	})
}

// WithRequestID returns a copy of ctx carrying a request ID.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestIDFrom returns the request's ID, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// validRequestID accepts 8 to 64 letters, digits, '-' and '_': nothing that
// could forge a log line.
func validRequestID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Recover turns a panic in a handler into a logged error and the 500 page.
func (t *Templates) Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the server's own signal to abort the response quietly
			}
			t.logger.ErrorContext(r.Context(), "panic", requestIDAttr(r),
				"method", r.Method, "route", r.Pattern, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if !tw.wrote {
				t.ErrorStatus(w, r, http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(tw, r)
	})
}

// ContentSecurityPolicy allows nothing from other sites and no inline script
// or style, which is why templates never use style= or inline <script>.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// SecurityHeaders sets the security headers on every response. Pages hold
// personal data, so nothing is stored by the browser or by proxies
// (Cache-Control: no-store); Assets replaces that for static files.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// LimitBody caps request bodies at n bytes. Reading past the limit fails
// with *http.MaxBytesError, which ParseForm and StatusOf turn into 413.
func LimitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body != nil && r.Body != http.NoBody {
				r = withRawBody(r)
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CrossOriginProtection refuses cross-site POST, PUT, PATCH and DELETE
// requests (CSRF), using the browser's Sec-Fetch-Site and Origin headers
// through the standard library's http.CrossOriginProtection, and shows the
// GOV.UK 403 page. Forms need no tokens. Pass nil to use the defaults, or a
// configured *http.CrossOriginProtection (for example with a trusted origin
// for an identity provider's form_post callback).
func (t *Templates) CrossOriginProtection(c *http.CrossOriginProtection) func(http.Handler) http.Handler {
	if c == nil {
		c = http.NewCrossOriginProtection()
	}
	c.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.logger.WarnContext(r.Context(), "cross-origin request refused", requestIDAttr(r),
			"method", r.Method, "route", r.Pattern, "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		t.ErrorStatus(w, r, http.StatusForbidden)
	}))
	return c.Handler
}

// LogHandler wraps a slog.Handler so that records logged with a request's
// context carry its request ID, and the signed-in member of staff's staff
// and council IDs (never their name).
//
//	logger := slog.New(web.LogHandler(slog.NewJSONHandler(os.Stderr, nil)))
func LogHandler(next slog.Handler) slog.Handler { return logHandler{next} }

type logHandler struct{ slog.Handler }

func (h logHandler) Handle(ctx context.Context, rec slog.Record) error {
	has := map[string]bool{}
	rec.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "request_id", "staff_id", "council_id":
			has[a.Key] = true
		}
		return true
	})
	if id := RequestIDFrom(ctx); id != "" && !has["request_id"] {
		rec.AddAttrs(slog.String("request_id", id))
	}
	if v := ViewerFrom(ctx); v != nil {
		if !has["staff_id"] && v.StaffID != "" {
			rec.AddAttrs(slog.String("staff_id", v.StaffID))
		}
		if !has["council_id"] && v.CouncilID != "" {
			rec.AddAttrs(slog.String("council_id", v.CouncilID))
		}
	}
	return h.Handler.Handle(ctx, rec)
}

func (h logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return logHandler{h.Handler.WithAttrs(attrs)}
}

func (h logHandler) WithGroup(name string) slog.Handler {
	return logHandler{h.Handler.WithGroup(name)}
}
