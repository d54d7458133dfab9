package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// Handler is the shape of every page handler: it returns an error instead of
// writing an error page itself. Templates.Handle turns the error into the
// right GOV.UK error page.
//
//	func EditOutcome(tmpl *web.Templates, store OutcomeStore) web.Handler {
//		return func(w http.ResponseWriter, r *http.Request) error { … }
//	}
type Handler func(w http.ResponseWriter, r *http.Request) error

// statusError is an error that carries the HTTP status of the page to show.
type statusError struct {
	code int
	text string
}

func (e statusError) Error() string   { return e.text }
func (e statusError) HTTPStatus() int { return e.code }

// Errors a handler can return to show a GOV.UK error page. Domain packages
// define their own (for example sqldb.ErrNotFound) with an HTTPStatus method,
// and StatusOf finds it through any wrapping.
var (
	BadRequest = statusError{http.StatusBadRequest, "bad request"}
	Forbidden  = statusError{http.StatusForbidden, "forbidden"}
	NotFound   = statusError{http.StatusNotFound, "not found"}
	Conflict   = statusError{http.StatusConflict, "conflict"}
	TooLarge   = statusError{http.StatusRequestEntityTooLarge, "request body too large"}
)

// StatusOf returns the HTTP status to answer err with: the status of the
// first error in err's tree with an HTTPStatus() int method, 413 for a body
// over the limit, 200 for nil, and 500 for anything else.
func StatusOf(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if s, ok := errors.AsType[interface {
		error
		HTTPStatus() int
	}](err); ok {
		if code := s.HTTPStatus(); code >= 400 && code <= 599 {
			return code
		}
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// ErrorPage is the data of the error page templates.
type ErrorPage struct {
	Page
	Status int
}

// Handle adapts h to an http.Handler. When h returns an error, Handle shows
// the GOV.UK error page for StatusOf(err): 404 "Page not found", 403 "You do
// not have permission to see this page", 409 "Someone else changed this
// record", 400 for other client errors, 503 "Sorry, the service is
// unavailable" (with Retry-After) while the database cannot be reached, and
// 500 "Sorry, there is a problem with the service" for anything else, which
// is logged with the request ID and route pattern.
func (t *Templates) Handle(h Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		if err := h(tw, r); err != nil {
			if tw.wrote {
				// Too late for an error page: the handler already answered.
				t.logger.ErrorContext(r.Context(), "handler failed after writing a response",
					requestIDAttr(r), "route", r.Pattern, "err", err)
				return
			}
			if to := t.redirectFor(r, err); to != "" {
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
			t.Error(w, r, err)
		}
	})
}

// redirect is an error that sends the browser to another page, such as the break-glass page for a record outside
// the member of staff's allocation.
type redirect struct {
	target error
	to     func(r *http.Request) string
}

// RedirectOn makes every handler that returns an error matching target (errors.Is) answer with a redirect to
// to(r) instead of an error page, so that pages need not each catch it. When to returns "", the error page is
// shown as usual. Call it while wiring the app, before serving.
func (t *Templates) RedirectOn(target error, to func(r *http.Request) string) {
	t.redirects = append(t.redirects, redirect{target: target, to: to})
}

func (t *Templates) redirectFor(r *http.Request, err error) string {
	for _, rd := range t.redirects {
		if errors.Is(err, rd.target) {
			return rd.to(r)
		}
	}
	return ""
}

// Error logs err as its status needs and writes the matching error page.
func (t *Templates) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	ctx := r.Context()
	switch {
	case ctx.Err() != nil && status >= 500:
		// The browser went away (for example the user closed the tab): there is
		// nobody to show a page to, and nothing went wrong on our side.
		t.logger.DebugContext(ctx, "request cancelled", requestIDAttr(r), "route", r.Pattern, "err", err)
		return
	case status == http.StatusServiceUnavailable:
		// Something the service depends on is away (the database): whoever noticed logs it once, when it went
		// and when it came back, rather than every request in between logging it again.
		t.logger.DebugContext(ctx, "service unavailable", requestIDAttr(r),
			"method", r.Method, "route", r.Pattern, "err", err)
	case status >= 500:
		// Never log personal details: errors name records by ID only, and the
		// URL's query string (which may hold a search for a name) is left out.
		t.logger.ErrorContext(ctx, "request failed", requestIDAttr(r),
			"method", r.Method, "route", r.Pattern, "status", status, "err", err)
	case status == http.StatusForbidden:
		t.logger.WarnContext(ctx, "request forbidden", requestIDAttr(r),
			"method", r.Method, "route", r.Pattern, "err", err)
	default:
		t.logger.InfoContext(ctx, "request refused", requestIDAttr(r),
			"method", r.Method, "route", r.Pattern, "status", status, "err", err)
	}
	if d := retryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(d.Round(time.Second).Seconds())))
	}
	t.ErrorStatus(w, r, status)
}

// retryAfter is how long the first error in err's tree with a RetryAfter()
// method asks the client to wait before trying again, or 0.
func retryAfter(err error) time.Duration {
	if s, ok := errors.AsType[interface {
		error
		RetryAfter() time.Duration
	}](err); ok {
		return s.RetryAfter()
	}
	return 0
}

// ErrorStatus writes the GOV.UK error page for status, without logging.
func (t *Templates) ErrorStatus(w http.ResponseWriter, r *http.Request, status int) {
	name, title := errorTemplate(status)
	data := ErrorPage{Page: NewPage(r, title), Status: status}
	if err := t.Render(w, r, status, name, data); err != nil {
		t.logger.ErrorContext(r.Context(), "error page failed", requestIDAttr(r), "status", status, "err", err)
		// The last resort must not depend on templates.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(title + "\n"))
	}
}

func errorTemplate(status int) (name, title string) {
	switch {
	case status == http.StatusNotFound:
		return "errors/404.html", "Page not found"
	case status == http.StatusForbidden:
		return "errors/403.html", "You do not have permission to see this page"
	case status == http.StatusConflict:
		return "errors/409.html", "Someone else changed this record"
	case status == http.StatusRequestEntityTooLarge:
		return "errors/400.html", "The form you sent was too large"
	case status == http.StatusServiceUnavailable:
		return "errors/503.html", "Sorry, the service is unavailable"
	case status >= 400 && status < 500:
		return "errors/400.html", "Sorry, there is a problem with your request"
	default:
		return "errors/500.html", "Sorry, there is a problem with the service"
	}
}

func requestIDAttr(r *http.Request) slog.Attr {
	return slog.String("request_id", RequestIDFrom(r.Context()))
}

// trackingWriter notes whether a handler has started its response, so Handle
// does not write an error page on top of it.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	// 1xx responses (such as 103 Early Hints) do not start the real response.
	if code >= 200 {
		w.wrote = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
