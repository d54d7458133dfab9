package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// asHeader names, in a test request, the member of staff the fake bearer middleware signs in.
const asHeader = "X-Test-Staff"

// fixture is the API over a real store, with two councils: "home", where the people in the tests live, and
// "other".
type fixture struct {
	t           *testing.T
	db          *sqldb.DB
	store       *people.Store
	home, other peopletest.Council
	staff       map[string]councils.Staff
	handler     http.Handler
	logs        *bytes.Buffer // operational logs
	openapi     *openapi3.T   // the OpenAPI document, loaded by the first response checked against it
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, store: people.NewStore(db), logs: new(bytes.Buffer)}
	f.home = peopletest.NewCouncil(t, db, "E06000101")
	f.other = peopletest.NewCouncil(t, db, "E06000102")
	f.staff = map[string]councils.Staff{
		"practitioner":                f.home.Staff[councils.Practitioner],
		"team manager":                f.home.Staff[councils.TeamManager],
		"quality lead":                f.home.Staff[councils.QualityLead],
		"administrator":               f.home.Staff[councils.Administrator],
		"finance":                     f.home.Staff[councils.Finance],
		"south worker":                f.home.SouthWorker,
		"other council practitioner":  f.other.Staff[councils.Practitioner],
		"other council administrator": f.other.Staff[councils.Administrator],
	}
	a := api.New(f.store, slog.New(slog.NewTextHandler(f.logs, nil))).WithThread(api.Thread{
		Conversations: conversations.NewStore(db), Sittings: sittings.NewStore(db), Strengths: strengths.NewStore(db), Outcomes: outcomes.NewStore(db),
		Solutions: plans.NewStore(db), Services: plans.NewServiceStore(db),
		Plans: plans.NewPlanStore(db), Reviews: reviews.NewStore(db),
	})
	mux := http.NewServeMux()
	a.Register(mux.Handle, f.signIn)
	f.handler = mux
	return f
}

// signIn stands in for the bearer middleware: it signs in the member of staff named in asHeader, if any.
func (f *fixture) signIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name := r.Header.Get(asHeader); name != "" {
			st, ok := f.staff[name]
			if !ok {
				f.t.Errorf("no member of staff called %q in the fixture", name)
			}
			r = r.WithContext(councils.WithStaff(r.Context(), st))
		}
		next.ServeHTTP(w, r)
	})
}

// do sends a request as the member of staff named (none when empty).
func (f *fixture) do(method, target, as string, body string, header http.Header) *httptest.ResponseRecorder {
	f.t.Helper()
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, target, nil)
	} else {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		r.Header[k] = v
	}
	if as != "" {
		r.Header.Set(asHeader, as)
	}
	w := httptest.NewRecorder()
	f.handler.ServeHTTP(w, r)
	return w
}

// create adds a person to the home council as its practitioner, through the store.
func (f *fixture) create(opts ...func(*people.Person)) people.Person {
	f.t.Helper()
	return peopletest.MustCreate(f.t, f.db, f.staff["practitioner"], peopletest.Person(f.home.North.ID, opts...))
}

// entries returns the home council's access-log entries about a person, oldest first.
func (f *fixture) entries(personID string) []accesslog.Entry {
	f.t.Helper()
	if personID == "" {
		return nil
	}
	got, err := accesslog.NewStore(f.db).Search(peopletest.As(f.staff["administrator"]), accesslog.Filter{PersonID: personID, Limit: 1000})
	if err != nil {
		f.t.Fatal(err)
	}
	slices.Reverse(got)
	return got
}

// stored is a person's row as the database holds it, read without the access rule or the access log.
type stored struct {
	Exists     bool
	FamilyName string
	Restricted bool
	Version    int
}

func (f *fixture) stored(personID string) stored {
	f.t.Helper()
	var s stored
	ctx := sqldb.WithCouncil(context.Background(), f.home.Council.ID)
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT family_name, restricted, version FROM person WHERE council_id = $1 AND id = $2`,
			f.home.Council.ID, personID).Scan(&s.FamilyName, &s.Restricted, &s.Version)
	})
	if err == nil {
		s.Exists = true
	} else if !strings.Contains(err.Error(), "no rows") {
		f.t.Fatal(err)
	}
	return s
}

// checkResponse checks what every API response must be: JSON, and a problem document for an error.
func checkResponse(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	ct := w.Header().Get("Content-Type")
	switch {
	case w.Code == http.StatusNoContent:
		if w.Body.Len() != 0 {
			t.Errorf("204 with a body: %s", w.Body)
		}
	case w.Code >= 400:
		if ct != "application/problem+json" {
			t.Errorf("Content-Type = %q, want application/problem+json", ct)
		}
		var p api.Problem
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatalf("problem document is not JSON: %v\n%s", err, w.Body)
		}
		if p.Status != w.Code || p.Type == "" || p.Title == "" || p.Detail == "" {
			t.Errorf("problem document %+v does not match status %d or lacks a type, title or detail", p, w.Code)
		}
	default:
		if ct != "application/json" {
			t.Errorf("Content-Type = %q, want application/json", ct)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Errorf("body is not JSON: %s", w.Body)
		}
	}
}

// scenario is one request to the API and what must follow from it.
type scenario struct {
	name   string
	method string
	path   string // "{id}" is replaced by the ID of the scenario's person
	body   func(f *fixture, p people.Person) string
	header http.Header
	as     string // the member of staff signed in; empty for none
	// person makes the person the request is about, before it is sent; nil for none.
	person func(f *fixture) people.Person

	wantStatus  int
	wantBody    []string // substrings of the body; "{id}" is the person's ID
	wantNotBody []string
	wantHeader  map[string]string
	// wantLog is the access-log entries the request adds about the person (or, for a person it creates, the new
	// one), in order. Every one must come through the API by the request's route.
	wantLog []accesslog.Action
	// unchanged: the stored record must be exactly as it was.
	unchanged bool
	check     func(t *testing.T, f *fixture, p people.Person, w *httptest.ResponseRecorder)
}

// run runs scenarios in order against one fixture; each makes its own person, so they do not depend on each
// other's results.
func run(t *testing.T, f *fixture, route string, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f.t = t
			var p people.Person
			if sc.person != nil {
				p = sc.person(f)
			}
			before, entriesBefore := f.stored(p.ID), len(f.entries(p.ID))
			body := ""
			if sc.body != nil {
				body = sc.body(f, p)
			}
			w := f.do(sc.method, strings.ReplaceAll(sc.path, "{id}", p.ID), sc.as, body, sc.header)
			if w.Code != sc.wantStatus {
				t.Errorf("status = %d, want %d; body: %s", w.Code, sc.wantStatus, w.Body)
			}
			checkResponse(t, w)
			f.conforms(t, route, body, w)
			for _, s := range sc.wantBody {
				if s = strings.ReplaceAll(s, "{id}", p.ID); !strings.Contains(w.Body.String(), s) {
					t.Errorf("body does not contain %s: %s", s, w.Body)
				}
			}
			for _, s := range sc.wantNotBody {
				if s = strings.ReplaceAll(s, "{id}", p.ID); strings.Contains(w.Body.String(), s) {
					t.Errorf("body contains %s: %s", s, w.Body)
				}
			}
			for k, v := range sc.wantHeader {
				if got := w.Header().Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}

			logged := p.ID
			if logged == "" && w.Code == http.StatusCreated {
				logged = strings.TrimPrefix(w.Header().Get("Location"), api.PeoplePath+"/")
			}
			f.logged(t, route, sc.as, f.entries(logged)[entriesBefore:], sc.wantLog)
			if sc.unchanged {
				if diff := cmp.Diff(before, f.stored(p.ID)); diff != "" {
					t.Errorf("the record changed (-before +after):\n%s", diff)
				}
			}
			if sc.check != nil {
				sc.check(t, f, p, w)
			}
			for _, detail := range []string{"Testperson", "9990000018", "ZZ99"} {
				if strings.Contains(f.logs.String(), detail) {
					t.Errorf("operational logs hold personal details (%s):\n%s", detail, f.logs)
				}
			}
		})
	}
}

// logged checks the access-log entries a request added: the actions wanted, in order, each through the API by the
// request's route and naming the member of staff signed in as.
func (f *fixture) logged(t *testing.T, route, as string, added []accesslog.Entry, want []accesslog.Action) {
	t.Helper()
	peopletest.CheckWrote(t, added, peopletest.Wrote{Channel: accesslog.API, StaffID: f.staff[as].ID, Route: route, Actions: want})
}

// header builds request headers from name, value pairs.
func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// jsonBody is a fixed request body.
func jsonBody(s string) func(*fixture, people.Person) string {
	return func(*fixture, people.Person) string { return s }
}

func decodeJSON[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, w.Body)
	}
	return v
}
