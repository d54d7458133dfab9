package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Problem is an RFC 9457 problem document: every error the API answers with is one. It is also an error, so a
// handler can return one for writeProblem to send as it is.
type Problem struct {
	// Type identifies the kind of problem. "about:blank" means only the status says what went wrong; the other
	// types are listed in the OpenAPI document.
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Errors are the problems with single fields of the request, in the order of the record.
	Errors []FieldError `json:"errors,omitempty"`
	// Duplicates are the people who may already be the person being added.
	Duplicates []Duplicate `json:"duplicates,omitempty"`
	// ETag is the current ETag of a record someone else changed.
	ETag string `json:"etag,omitempty"`
}

// Error is the status and detail, for a handler's tests and logs.
func (p *Problem) Error() string { return fmt.Sprintf("%d %s", p.Status, p.Detail) }

// FieldError is what is wrong with one field of a request.
type FieldError struct {
	// Field is the field's JSON name, such as "nhs_number"; a field of the network's second member is
	// "network[1].name", and a field of an object inside the record "sections.mindset.observed".
	Field string `json:"field"`
	// Pointer is the field as an RFC 6901 JSON Pointer into the request body, such as "#/network/1/name", for the
	// problems with a record's content.
	Pointer string `json:"pointer,omitempty"`
	Detail  string `json:"detail"`
}

// The problem types that carry more than their status.
const (
	TypeValidation        = "/api/v1/problems/validation"
	TypePossibleDuplicate = "/api/v1/problems/possible-duplicate"
	TypeNHSNumberRecorded = "/api/v1/problems/nhs-number-recorded"
	TypeChanged           = "/api/v1/problems/changed-by-someone-else"
	TypeBreakGlassNeeded  = "/api/v1/problems/break-glass-needed"
)

func badRequest(detail string, errs ...FieldError) *Problem {
	return &Problem{Status: http.StatusBadRequest, Detail: detail, Errors: errs}
}

// problemFor decides what the client is told about err. It is the one place errors become problem documents.
// The second result reports whether err was unexpected, and so must be logged.
func problemFor(err error) (p Problem, unexpected bool) {
	var given *Problem
	var kind interface{ HTTPStatus() int }
	switch ps, isProblems := validation.AsProblems(err); {
	case errors.As(err, &given):
		p = *given
	case isProblems:
		p = invalid(ps)
	case errors.Is(err, people.ErrBreakGlassNeeded):
		p = Problem{
			Type: TypeBreakGlassNeeded, Title: "This person is not allocated to you", Status: http.StatusForbidden,
			Detail: "This person is not allocated to you or your teams. Open their record on the pages, giving a reason.",
		}
	case errors.Is(err, sqldb.ErrNotFound):
		p = Problem{Status: http.StatusNotFound, Detail: "There is no record here that you can see."}
	case errors.Is(err, sqldb.ErrForbidden):
		p = Problem{Status: http.StatusForbidden, Detail: "Your role does not allow this."}
	case errors.Is(err, sqldb.ErrConflict):
		p = Problem{Status: http.StatusConflict, Detail: "Someone else changed the record first, or a value that must be unique is already in use. Get the record again and check it."}
	case errors.Is(err, sqldb.ErrUnavailable):
		// Not unexpected: the database logs once that it cannot be reached, rather than every request saying so.
		p = Problem{Status: http.StatusServiceUnavailable, Detail: "Golden Thread cannot reach its database at the moment. Try again shortly. If you were changing a record, get it again first: the change may or may not have been saved."}
	case errors.As(err, &kind) && kind.HTTPStatus() < 500:
		p = Problem{Status: kind.HTTPStatus(), Detail: err.Error()}
	default:
		p, unexpected = Problem{Status: http.StatusInternalServerError, Detail: "Something went wrong on our side. Try again later; if it keeps happening, tell your council's Golden Thread administrator."}, true
	}
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	return p, unexpected
}

// writeProblem answers a request with the problem document for err. Unexpected errors are logged with the route
// and never with anything the request said about a person.
func (a *API) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p, unexpected := problemFor(err)
	if unexpected {
		a.log.ErrorContext(r.Context(), "API request failed", "method", r.Method, "route", r.Pattern, "error", err)
	}
	sendProblem(w, r, p)
}

// Unmatched answers a request under /api/ that matches no route with a problem document: 404, or 405 with the
// Allow header the mux has set.
func Unmatched(w http.ResponseWriter, r *http.Request, status int) {
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: "There is nothing at this address. The API's addresses are listed in its OpenAPI document, " + OpenAPIPath + "."}
	if status == http.StatusMethodNotAllowed {
		p.Detail = fmt.Sprintf("This address does not accept %s. It accepts %s.", r.Method, w.Header().Get("Allow"))
	}
	sendProblem(w, r, p)
}

// sendProblem writes p with the headers its status calls for.
func sendProblem(w http.ResponseWriter, r *http.Request, p Problem) {
	if p.Instance == "" {
		p.Instance = r.URL.Path // never the query, which may hold a name being searched for
	}
	switch p.Status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="Golden Thread API"`)
	case http.StatusServiceUnavailable:
		if w.Header().Get("Retry-After") == "" { // a refusal at capacity has said its own
			w.Header().Set("Retry-After", strconv.Itoa(int(sqldb.ErrUnavailable.RetryAfter().Seconds())))
		}
	}
	if p.ETag != "" {
		w.Header().Set("ETag", p.ETag)
	}
	writeJSON(w, p.Status, "application/problem+json", p)
}

// invalid is the problem document for a record's problems, with each field named as the JSON names it.
func invalid(ps validation.Problems) Problem {
	errs := make([]FieldError, len(ps))
	for i, p := range ps {
		errs[i] = FieldError{Field: fieldName(p.Field), Detail: p.Message}
	}
	detail := "There is 1 problem with the record. Correct it and send it again."
	if len(errs) != 1 {
		detail = fmt.Sprintf("There are %d problems with the record. Correct them and send it again.", len(errs))
	}
	return Problem{
		Type: TypeValidation, Title: "The record has problems", Status: http.StatusUnprocessableEntity,
		Detail: detail, Errors: withPointers(errs),
	}
}

// fieldName turns a validation.Problem field into the JSON field it belongs to: the store names a network member's
// field "network_<i>_<field>", which the API calls "network[<i>].<field>".
func fieldName(f string) string { return listField(f, "network_", "network", 0) }

// listField turns a store's field of one item of a list, "<prefix><n>_<field>", into the JSON's "<list>[<i>].<field>",
// where i is n less first, the number the store gives the list's first item (0, or 1 where a form counts from 1).
// Any other field is returned as it is.
func listField(f, prefix, list string, first int) string {
	rest, ok := strings.CutPrefix(f, prefix)
	if !ok {
		return f
	}
	n, field, ok := strings.Cut(rest, "_")
	if !ok {
		return f
	}
	i, err := strconv.Atoi(n)
	if err != nil || i < first {
		return f
	}
	return list + "[" + strconv.Itoa(i-first) + "]." + field
}

// withPointers adds the JSON Pointer of each field.
func withPointers(errs []FieldError) []FieldError {
	for i, e := range errs {
		if e.Field == "" {
			continue
		}
		ptr := strings.NewReplacer("[", "/", "].", "/", "]", "", ".", "/").Replace(e.Field)
		errs[i].Pointer = "#/" + ptr
	}
	return errs
}

// Busy answers a request the server refused because it is at capacity: 503 with Retry-After, and nothing done.
func Busy(w http.ResponseWriter, r *http.Request) {
	sendProblem(w, r, Problem{Type: "about:blank", Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
		Detail: "Golden Thread is at capacity at this moment and did nothing with this request. Send it again after the time in Retry-After."})
}
