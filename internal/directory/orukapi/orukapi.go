// Package orukapi is the public, read-only Open Referral UK API over each council's community directory: the
// endpoints, query parameters and pagination envelope of the standard's OpenAPI, with no sign-in and open to any
// origin. It shows only the directory (the council's published data about community services), never anything
// about people, and only the council named in the path.
package orukapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Directory is what the API reads: the directory store's Open Referral UK shapes.
type Directory interface {
	APIServices(ctx context.Context, q directory.Query) (json.Marshaler, error)
	APIService(ctx context.Context, id string) (json.Marshaler, error)
	APIServiceAtLocations(ctx context.Context, q directory.Query) (json.Marshaler, error)
	APIServiceAtLocation(ctx context.Context, id string) (json.Marshaler, error)
	APIOrganizations(ctx context.Context, q directory.Query) (json.Marshaler, error)
	APIOrganization(ctx context.Context, id string) (json.Marshaler, error)
	APITaxonomies(ctx context.Context, q directory.Query) (json.Marshaler, error)
	APITaxonomy(ctx context.Context, id string) (json.Marshaler, error)
	APITaxonomyTerms(ctx context.Context, q directory.Query) (json.Marshaler, error)
	APITaxonomyTerm(ctx context.Context, id string) (json.Marshaler, error)
}

// Councils finds the council a path names.
type Councils interface {
	CouncilByCode(ctx context.Context, code string) (councils.Council, error)
}

// Postcodes finds a postcode's centre, for proximity.
type Postcodes interface {
	Lookup(ctx context.Context, postcode string) (postcodes.Point, error)
}

// API answers the Open Referral UK endpoints.
type API struct {
	dir       Directory
	councils  Councils
	postcodes Postcodes
}

// New returns the API over the directory.
func New(dir Directory, c Councils, p Postcodes) *API {
	return &API{dir: dir, councils: c, postcodes: p}
}

// Version, Profile and OpenAPIURL are what the root of the API says about itself.
const (
	Version    = "3.0"
	Profile    = "https://github.com/openreferral/uk-profile"
	OpenAPIURL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
)

// problem is an error a client can act on.
type problem struct {
	status int
	msg    string
}

func (p *problem) Error() string { return p.msg }

func badRequest(format string, a ...any) error {
	return &problem{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

// handler is one endpoint: the council is found and put in the context first.
type handler func(r *http.Request) (any, error)

func (a *API) serve(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cors(w)
		w.Header().Set("Content-Type", "application/json")
		council, err := a.councils.CouncilByCode(r.Context(), r.PathValue("council"))
		var body any
		if err == nil {
			r = r.WithContext(sqldb.WithCouncil(r.Context(), council.ID))
			body, err = h(r)
		}
		if err != nil {
			status := http.StatusInternalServerError
			msg := "Something went wrong. Try again later."
			var p *problem
			switch {
			case errors.As(err, &p):
				status, msg = p.status, p.msg
			case errors.Is(err, sqldb.ErrNotFound):
				status, msg = http.StatusNotFound, "Not found."
			case errors.Is(err, sqldb.ErrUnavailable):
				// The database logs once that it cannot be reached; each request need not.
				status, msg = http.StatusServiceUnavailable, "The directory is unavailable at the moment. Try again shortly."
				w.Header().Set("Retry-After", strconv.Itoa(int(sqldb.ErrUnavailable.RetryAfter().Seconds())))
			default:
				slog.ErrorContext(r.Context(), "open referral api", "path", r.URL.Path, "err", err)
			}
			writeError(w, status, msg)
			return
		}
		if err := json.NewEncoder(w).Encode(body); err != nil {
			slog.ErrorContext(r.Context(), "open referral api: write", "err", err)
		}
	})
}

// Unmatched answers a request under /oruk/ that matches no endpoint as the endpoints answer their errors: 404, or
// 405 with the Allow header the mux has set.
func Unmatched(w http.ResponseWriter, _ *http.Request, status int) {
	cors(w)
	msg := "Not found."
	if status == http.StatusMethodNotAllowed {
		msg = "This API is read-only. Allowed: " + w.Header().Get("Allow") + "."
	}
	writeError(w, status, msg)
}

// writeError answers with the API's error body, {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func cors(w http.ResponseWriter) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	w.Header().Set("Access-Control-Allow-Headers", "Accept, Content-Type")
}

// preflight answers a browser's CORS preflight.
func preflight(w http.ResponseWriter, _ *http.Request) {
	cors(w)
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) info(*http.Request) (any, error) {
	return map[string]string{"version": Version, "profile": Profile, "openapi_url": OpenAPIURL}, nil
}

// query reads the standard's query parameters.
func (a *API) query(r *http.Request) (directory.Query, error) {
	v := r.URL.Query()
	q := directory.Query{
		Text:           strings.TrimSpace(v.Get("text")),
		TaxonomyTermID: v.Get("taxonomy_term_id"),
		TaxonomyID:     v.Get("taxonomy_id"),
		Day:            strings.ToUpper(v.Get("day")),
		StartTime:      v.Get("start_time"),
		EndTime:        v.Get("end_time"),
	}
	if q.Text == "" {
		q.Text = strings.TrimSpace(v.Get("search")) // the standard's OpenAPI names it search
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &q.Page}, {"per_page", &q.PerPage}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return q, badRequest("%s must be a whole number, 1 or more", p.name)
			}
			*p.dst = n
		}
	}
	if q.Day != "" && !validDay(q.Day) {
		return q, badRequest("day must be one of MO, TU, WE, TH, FR, SA, SU")
	}
	for _, t := range []string{q.StartTime, q.EndTime} {
		if t != "" && !clock(t) {
			return q, badRequest("start_time and end_time must be times like 09:30")
		}
	}
	pc, prox := v.Get("postcode"), v.Get("proximity")
	if prox != "" && pc == "" {
		return q, badRequest("proximity needs a postcode")
	}
	if pc != "" {
		metres := 5000.0
		if prox != "" {
			m, err := strconv.ParseFloat(prox, 64)
			if err != nil || m <= 0 {
				return q, badRequest("proximity must be a distance in metres, more than 0")
			}
			metres = m
		}
		p, err := a.postcodes.Lookup(r.Context(), pc)
		if err != nil {
			if errors.Is(err, postcodes.ErrUnknown) {
				return q, badRequest("the postcode %s is not known", strings.ToUpper(pc))
			}
			return q, badRequest("%s", err.Error())
		}
		q.Near, q.Metres = &p, metres
	}
	return q, nil
}

func validDay(d string) bool {
	switch d {
	case "MO", "TU", "WE", "TH", "FR", "SA", "SU":
		return true
	}
	return false
}

func clock(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	return err1 == nil && err2 == nil && h >= 0 && h < 24 && m >= 0 && m < 60
}

// list is a list endpoint reading the query.
func (a *API) list(fn func(context.Context, directory.Query) (json.Marshaler, error)) handler {
	return func(r *http.Request) (any, error) {
		q, err := a.query(r)
		if err != nil {
			return nil, err
		}
		return fn(r.Context(), q)
	}
}

// one is a single-record endpoint.
func one(fn func(context.Context, string) (json.Marshaler, error)) handler {
	return func(r *http.Request) (any, error) { return fn(r.Context(), r.PathValue("id")) }
}
