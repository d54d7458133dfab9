// Package api is Golden Thread's JSON API, version 1: the same stores the pages use, behind bearer tokens, with
// errors as RFC 9457 problem documents and concurrent edits guarded by ETag and If-Match. The routes are described
// by the OpenAPI 3.1 document served at /api/v1/openapi.json.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
)

// PeopleStore is what the API needs of people.Store.
type PeopleStore interface {
	Search(ctx context.Context, query string) ([]people.Summary, error)
	Get(ctx context.Context, id string) (people.Person, people.Access, error)
	Add(ctx context.Context, p people.Person, confirmedDifferent bool) (people.Person, error)
	Update(ctx context.Context, p people.Person) error
}

// API holds the JSON API's handlers and what they need.
type API struct {
	people PeopleStore
	thread Thread
	log    *slog.Logger
	// safeguarding
	safeguarding SafeguardingStore
	// Mental capacity and advocacy (capacity.go).
	capacity CapacityStore
	advocacy AdvocacyStore
	openapi  []byte
	// Risk enablement, crisis and family group conferences.
	risks Risks
	// audits is the case file audits' store.
	audits AuditStore
	// supervision is the supervision sessions' store.
	supervision SupervisionStore
	// measures computes the catalogue's measures (measures.go).
	measures MeasureStore
	// returns builds the Client Level Data return (returns.go).
	returns ReturnStore
	// workforce keeps the staff resource scenarios (workforce.go).
	workforce WorkforceStore
	// community is the community of practice's store: network events and the library of good practice.
	community CommunityStore
	// learning is the learning programme's store (learning.go).
	learning LearningStore
	// practiceStudies is the practice studies' store (practicestudy.go).
	practiceStudies PracticeStudyStore
	// practiceModels is the practice models' store (practicemodels.go).
	practiceModels PracticeModelStore
	// programme is the implementation programme's store (programme.go).
	programme ProgrammeStore
	// kpis is the implementation programme's KPIs (kpis.go).
	kpis KPIStore
	// discovery is the programme's discovery and dream: findings, vision, cultural web, stakeholders (discovery.go).
	discovery DiscoveryStore
	// networks and networkComparer: networks of councils and their comparison (networks.go).
	networks        NetworkStore
	networkComparer NetworkComparer
	// networkWork is a network's shared work: its survey, peer challenges and library (networkwork.go).
	networkWork NetworkWorkStore
}

// New returns the API over the people store. Unexpected errors are logged to logger, by record ID only.
func New(store PeopleStore, logger *slog.Logger) *API {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &API{people: store, log: logger, openapi: openAPIDocument()}
}

// Route is one API route: a ServeMux pattern and its handler.
type Route struct {
	Pattern string
	Handler http.Handler
	// Public routes need no token (only the OpenAPI document). Every other route needs the bearer middleware in
	// front of it, which puts the member of staff in the request's context.
	Public bool
}

// The API's paths.
const (
	PeoplePath  = "/api/v1/people"
	OpenAPIPath = "/api/v1/openapi.json"
)

// PersonPath is the API address of a person.
func PersonPath(id string) string { return PeoplePath + "/" + id }

// Routes lists every route the API serves.
func (a *API) Routes() []Route {
	routes := []Route{
		a.staffRoute("GET "+PeoplePath, a.searchPeople),
		a.staffRoute("POST "+PeoplePath, a.createPerson),
		a.staffRoute("GET "+PeoplePath+"/{id}", a.getPerson),
		a.staffRoute("PUT "+PeoplePath+"/{id}", a.updatePerson),
	}
	routes = append(routes, a.threadRoutes()...)
	routes = append(routes, a.safeguardingRoutes()...)
	routes = append(routes, a.capacityRoutes()...) // mental capacity and advocacy
	routes = append(routes, a.riskRoutes()...)
	routes = append(routes, a.auditRoutes()...)
	routes = append(routes, a.supervisionRoutes()...)
	routes = append(routes, a.measureRoutes()...)
	routes = append(routes, a.returnRoutes()...)
	routes = append(routes, a.workforceRoutes()...)
	routes = append(routes, a.communityRoutes()...)
	routes = append(routes, a.learningRoutes()...)
	routes = append(routes, a.practiceStudyRoutes()...)
	routes = append(routes, a.practiceModelRoutes()...)
	routes = append(routes, a.programmeRoutes()...)
	routes = append(routes, a.programmeLogRoutes()...)
	routes = append(routes, a.kpiRoutes()...)
	routes = append(routes, a.discoveryRoutes()...)
	routes = append(routes, a.networkRoutes()...)
	routes = append(routes, a.networkWorkRoutes()...)
	return append(routes, Route{Pattern: "GET " + OpenAPIPath, Handler: a.serve(a.openAPI), Public: true})
}

// staffRoute is a route for signed-in staff (staffOnly), as every route is but the OpenAPI document's.
func (a *API) staffRoute(pattern string, h handlerFunc) Route {
	return Route{Pattern: pattern, Handler: a.staffOnly(h)}
}

// Register calls handle for every route, with the routes that need a member of staff wrapped in bearer (for
// example api.Register(mux.Handle, auth.Bearer)) and, inside it, refusing every change to finance, who only read.
func (a *API) Register(handle func(pattern string, h http.Handler), bearer func(http.Handler) http.Handler) {
	for _, rt := range a.Routes() {
		h := rt.Handler
		if !rt.Public {
			h = bearer(auth.RefuseReadOnly(rt.Pattern, h, ReadOnly))
		}
		handle(rt.Pattern, h)
	}
}

// Patterns lists the pattern of every route, in the order Routes gives them.
func (a *API) Patterns() []string {
	routes := a.Routes()
	out := make([]string, len(routes))
	for i, rt := range routes {
		out[i] = rt.Pattern
	}
	return out
}

// handlerFunc is the shape of every API handler: an error is answered with a problem document by writeProblem.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// serve adapts h to http.Handler.
func (a *API) serve(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if err := h(w, r); err != nil {
			a.writeProblem(w, r, err)
		}
	})
}

// staffOnly refuses a request with no member of staff in its context, and marks the access-log entries the
// request leads to as coming through the API by this route. Responses hold personal data, so nothing caches them.
func (a *API) staffOnly(h handlerFunc) http.Handler {
	return a.serve(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		staff, ok := councils.StaffFrom(r.Context())
		// A member of staff with no ID is how the store recognises the command line, which sees every record:
		// never let an HTTP request stand for it.
		if !ok || staff.ID == "" || staff.CouncilID == "" {
			return errUnauthorised
		}
		ctx := accesslog.WithRoute(r.Context(), accesslog.API, r.Pattern)
		return h(w, r.WithContext(ctx))
	})
}

// errUnauthorised matches the answer of the bearer middleware, which normally refuses such a request first.
var errUnauthorised = &Problem{
	Status: http.StatusUnauthorized, Title: "Unauthorised",
	Detail: "Send a valid bearer token in the Authorization header, as: Authorization: Bearer <token>. An administrator can create one with: goldenthread token create --email <your email>.",
}

// writeJSON sends v as JSON with the status given.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false) // JSON, never HTML: "<token>" reads better than "\u003ctoken\u003e"
	if err := enc.Encode(v); err != nil {
		// Every value sent is built from this package's types, which always marshal.
		panic(fmt.Sprintf("api: marshal %T: %v", v, err))
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(status)
	_, _ = body.WriteTo(w) // the client has gone if this fails; there is no one to tell
}

// maxBody is the largest request body accepted: far more than any person's record needs.
const maxBody = 1 << 20

// decode reads the request body as one JSON object into v, refusing unknown fields. Its errors are problem
// documents that say what is wrong and where.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &Problem{Status: http.StatusUnsupportedMediaType, Detail: "Send the request body as JSON, with Content-Type: application/json."}
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			return badRequest("The request body must hold one JSON object and nothing after it.")
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return &Problem{Status: http.StatusRequestEntityTooLarge, Detail: "The request body must be 1 MiB or smaller."}
	case errors.Is(err, io.EOF):
		return badRequest("The request body is empty. Send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("The request body ends before the JSON object is complete.")
	case errors.As(err, &syntax):
		return badRequest(fmt.Sprintf("The request body is not valid JSON at byte offset %d: %s.", syntax.Offset,
			strings.TrimPrefix(syntax.Error(), "json: ")))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return badRequest("The request body must be a JSON object.")
		}
		field, want := jsonField(typ.Field), kindOf(typ.Type.Kind().String())
		return badRequest(fmt.Sprintf("The field %s must be %s, not %s (at byte offset %d).", field, want, kindOf(typ.Value), typ.Offset),
			FieldError{Field: field, Detail: "Must be " + want})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if unquoted, err := strconv.Unquote(name); err == nil {
			name = unquoted
		}
		return badRequest(fmt.Sprintf("The request body has a field this API does not know: %q. Remove it, or check its spelling.", name),
			FieldError{Field: name, Detail: "This field is not part of the request"})
	}
	return badRequest("The request body could not be read as JSON: " + strings.TrimPrefix(err.Error(), "json: ") + ".")
}

// jsonField turns encoding/json's dotted path of a field ("network.name") into this API's field notation.
func jsonField(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) == 2 && parts[0] == "network" {
		return "network[]." + parts[1]
	}
	return path
}

// kindOf names a Go kind, or the kind of JSON value encoding/json found, as a JSON reader would.
func kindOf(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "int", "int64":
		return "a whole number"
	case "number":
		return "a number"
	case "slice", "array":
		return "an array"
	case "struct", "map", "object":
		return "an object"
	}
	return kind
}
