package auth

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// env is a council with an Auth over it, for tests.
type env struct {
	db      *sqldb.DB
	store   *councils.Store
	auth    *Auth
	council councils.Council
	ctx     context.Context // scoped to the council
}

func newEnv(t *testing.T, db *sqldb.DB, clock *fakeClock) *env {
	t.Helper()
	store := councils.NewStore(db)
	c, err := store.CreateCouncil(context.Background(), "E06000099", "Testshire Council")
	if err != nil {
		t.Fatal(err)
	}
	var now func() time.Time
	if clock != nil {
		now = clock.Now
	}
	a := New(db, store, Options{Clock: now, Hasher: NewHasher(2)})
	t.Cleanup(a.Close)
	return &env{db: db, store: store, auth: a, council: c, ctx: sqldb.WithCouncil(context.Background(), c.ID)}
}

func (e *env) staff(t *testing.T, email string, role councils.Role, password string) councils.Staff {
	t.Helper()
	var hash string
	if password != "" {
		var err error
		if hash, err = e.auth.Hasher().Hash(context.Background(), password); err != nil {
			t.Fatal(err)
		}
	}
	st, err := e.store.CreateStaff(e.ctx, councils.NewStaff{Email: email, Name: "Test " + string(role), Role: role, PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (e *env) reload(t *testing.T, st councils.Staff) councils.Staff {
	t.Helper()
	got, err := e.store.StaffByID(e.ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db, newFakeClock())
		const pw = "a long enough password"
		worker := e.staff(t, "worker@example.org", councils.Practitioner, pw)
		admin := e.staff(t, "admin@example.org", councils.Administrator, pw)
		e.staff(t, "nopassword@example.org", councils.Practitioner, "")
		withTOTP := e.staff(t, "totp@example.org", councils.TeamManager, pw)
		if err := e.store.SetTOTP(e.ctx, withTOTP.ID, testSecret, 0); err != nil {
			t.Fatal(err)
		}
		gone := e.staff(t, "gone@example.org", councils.Practitioner, pw)
		if err := e.store.UpdateStaff(e.ctx, gone.ID, councils.StaffChange{Name: gone.Name, Role: gone.Role, Disabled: true, Version: gone.Version}); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name     string
			email    string
			password string
			wantID   string
			wantNext Next
			wantErr  error
		}{
			{"right password", "worker@example.org", pw, worker.ID, NextDone, nil},
			{"email in another case, with spaces", "  Worker@Example.ORG ", pw, worker.ID, NextDone, nil},
			{"wrong password", "worker@example.org", pw + "!", "", NextDone, ErrBadCredentials},
			{"unknown email", "nobody@example.org", pw, "", NextDone, ErrBadCredentials},
			{"account with no password", "nopassword@example.org", "", "", NextDone, ErrBadCredentials},
			{"disabled account, right password", "gone@example.org", pw, "", NextDone, ErrBadCredentials},
			{"administrator must set up two-factor", "admin@example.org", pw, admin.ID, NextSetUpTwoFactor, nil},
			{"two-factor already set up", "totp@example.org", pw, withTOTP.ID, NextTwoFactor, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				st, next, err := e.auth.SignIn(context.Background(), tt.email, tt.password, "192.0.2.1:1234")
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("SignIn error = %v, want %v", err, tt.wantErr)
				}
				if st.ID != tt.wantID || next != tt.wantNext {
					t.Errorf("SignIn = %q, %v; want %q, %v", st.ID, next, tt.wantID, tt.wantNext)
				}
			})
		}

		// When the council requires two-factor sign-in, everyone must set it up.
		c, err := e.store.CouncilByID(e.ctx, e.council.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.SetMFARequired(e.ctx, true, c.Version); err != nil {
			t.Fatal(err)
		}
		if _, next, err := e.auth.SignIn(context.Background(), "worker@example.org", pw, "192.0.2.2:1"); err != nil || next != NextSetUpTwoFactor {
			t.Errorf("with two-factor required, SignIn = %v, %v; want NextSetUpTwoFactor", next, err)
		}
	})
}

func TestSignInThrottledAlike(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db, newFakeClock())
		const pw = "a long enough password"
		e.staff(t, "worker@example.org", councils.Practitioner, pw)
		for _, email := range []string{"worker@example.org", "nobody@example.org"} {
			for i := range DefaultThrottleLimits.AccountBurst {
				if _, _, err := e.auth.SignIn(context.Background(), email, "wrong password!", "192.0.2.1:1"); !errors.Is(err, ErrBadCredentials) {
					t.Fatalf("%s attempt %d: %v", email, i+1, err)
				}
			}
			// Throttled even with the right password, and the same whether or not the account exists.
			if _, _, err := e.auth.SignIn(context.Background(), email, pw, "192.0.2.1:1"); !errors.Is(err, ErrThrottled) {
				t.Errorf("%s after the burst: %v, want ErrThrottled", email, err)
			}
		}
	})
}

func TestBearer(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db, nil)
		worker := e.staff(t, "worker@example.org", councils.Practitioner, "")
		gone := e.staff(t, "gone@example.org", councils.Practitioner, "")
		token, err := e.auth.CreateToken(context.Background(), worker)
		if err != nil {
			t.Fatal(err)
		}
		goneToken, err := e.auth.CreateToken(context.Background(), gone)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.UpdateStaff(e.ctx, gone.ID, councils.StaffChange{Name: gone.Name, Role: gone.Role, Disabled: true, Version: gone.Version}); err != nil {
			t.Fatal(err)
		}
		var rawHash string
		if err := db.ReadTx(context.Background(), func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(context.Background(), `SELECT token_hash FROM api_token WHERE staff_id = $1`, worker.ID).Scan(&rawHash)
		}); err != nil {
			t.Fatal(err)
		}
		if rawHash == token || len(rawHash) != 64 {
			t.Errorf("stored %q: want the SHA-256 hex of the token, never the token", rawHash)
		}

		api := e.auth.Bearer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st, _ := councils.StaffFrom(r.Context())
			council, err := sqldb.CouncilFrom(r.Context())
			if err != nil {
				t.Error(err)
			}
			w.Write([]byte(st.ID + " " + council))
		}))
		tests := []struct {
			name   string
			header string
			status int
		}{
			{"valid token", "Bearer " + token, http.StatusOK},
			{"lower-case scheme", "bearer " + token, http.StatusOK},
			{"no header", "", http.StatusUnauthorized},
			{"basic", "Basic d29ya2VyOnB3", http.StatusUnauthorized},
			{"unknown token", "Bearer " + strings.Repeat("A", len(token)), http.StatusUnauthorized},
			{"truncated token", "Bearer " + token[:20], http.StatusUnauthorized},
			{"disabled account", "Bearer " + goneToken, http.StatusUnauthorized},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := httptest.NewRequest(http.MethodGet, "/api/v1/people", nil)
				if tt.header != "" {
					r.Header.Set("Authorization", tt.header)
				}
				w := httptest.NewRecorder()
				api.ServeHTTP(w, r)
				if w.Code != tt.status {
					t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
				}
				if tt.status == http.StatusOK {
					if got, want := w.Body.String(), worker.ID+" "+e.council.ID; got != want {
						t.Errorf("handler saw %q, want %q", got, want)
					}
					return
				}
				if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q", ct)
				}
				if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
				}
				var p map[string]any
				if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
					t.Fatal(err)
				}
				if p["type"] != "about:blank" || p["title"] != "Unauthorised" || p["status"] != float64(401) || !strings.HasPrefix(p["detail"].(string), "Send a valid bearer token") {
					t.Errorf("problem document %v", p)
				}
			})
		}

		// An expired token is refused.
		late := New(db, e.store, Options{Clock: func() time.Time { return time.Now().Add(TokenLifetime + 24*time.Hour) }})
		t.Cleanup(late.Close)
		if _, err := late.StaffForToken(context.Background(), token); !errors.Is(err, errBadToken) {
			t.Errorf("expired token: %v, want refused", err)
		}
	})
}

func TestSafeNext(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", "/"},
		{"/people", "/people"},
		{"/people?q=smith&page=2", "/people?q=smith&page=2"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"people", "/"},
		{"/people\r\nSet-Cookie: x", "/"},
		{"/%2F%2Fevil.example", "/%2F%2Fevil.example"}, // still a path on this site
	}
	for _, tt := range tests {
		if got := SafeNext(tt.in); got != tt.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := WithNext(paths.SignIn.URL(), "/people?q=a b"); got != "/sign-in?next=%2Fpeople%3Fq%3Da+b" {
		t.Errorf("WithNext = %q", got)
	}
	if got := WithNext(paths.SignIn.URL(), "https://evil.example"); got != "/sign-in" {
		t.Errorf("WithNext with another site = %q", got)
	}
}

func TestNav(t *testing.T) {
	t.Parallel()
	texts := func(r councils.Role) string {
		var out []string
		for _, n := range Nav(r, councils.DefaultSettings) {
			out = append(out, n.Text+" "+n.Href)
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		role councils.Role
		want string
	}{
		{councils.Practitioner, "Caseload /caseload, Find a person /people, Add a person /people/new, Directory /directory, Quality /quality, Our networks /our-networks"},
		{councils.TeamManager, "Caseload /caseload, Front door /front-door, Find a person /people, Add a person /people/new, Authorisations /authorisations, Safeguarding /safeguarding, Directory /directory, Quality /quality, Insight /insight, Programme /programme, Our networks /our-networks"},
		{councils.QualityLead, "Caseload /caseload, Front door /front-door, Find a person /people, Add a person /people/new, Authorisations /authorisations, Safeguarding /safeguarding, Directory /directory, Quality /quality, Insight /insight, Programme /programme, Our networks /our-networks"},
		{councils.DirectoryEditor, "Front door /front-door, Find a person /people, Add a person /people/new, Directory /directory, Learning /learning, Our networks /our-networks"},
		{councils.Finance, "Learning /learning, Spend /finance, Insight /insight"},
		{councils.Administrator, "Find a person /people, Learning /learning, Our networks /our-networks, Access log /admin/access-log, Staff /admin/staff, Break-glass reviews /admin/break-glass, Networks /admin/networks"},
		{councils.ProgrammeLead, "Learning /learning, Programme /programme, Our networks /our-networks"},
	}
	for _, tt := range tests {
		if got := texts(tt.role); got != tt.want {
			t.Errorf("Nav(%s) = %q, want %q", tt.role, got, tt.want)
		}
	}
	// A council that lets its practitioners see safeguarding records shows them the way there.
	set := councils.DefaultSettings
	set.SafeguardingRoles = councils.NewRoleSet(councils.Practitioner)
	var hrefs []string
	for _, n := range Nav(councils.Practitioner, set) {
		hrefs = append(hrefs, n.Href)
	}
	if !slices.Contains(hrefs, "/safeguarding") {
		t.Errorf("a safeguarding practitioner's navigation is %v", hrefs)
	}
}

// While the database cannot be reached (here, closed as the service stops), a bearer token cannot be checked: the
// API answers 503 with Retry-After, not 500, and the request is not logged as an error.
func TestBearerWhileTheDatabaseIsAway(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db, nil)
		token, err := e.auth.CreateToken(context.Background(), e.staff(t, "worker@example.org", councils.Practitioner, ""))
		if err != nil {
			t.Fatal(err)
		}
		var logs dbtest.Logs
		a := New(db, e.store, Options{Logger: logs.Logger(), Hasher: NewHasher(2)})
		t.Cleanup(a.Close)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		h := a.Bearer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("the API handler ran") }))
		r := httptest.NewRequest(http.MethodGet, "/api/v1/people", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "30" {
			t.Fatalf("status %d, Retry-After %q; want 503 and 30: %s", w.Code, w.Header().Get("Retry-After"), w.Body)
		}
		var p map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p["status"] != float64(503) || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("problem document %s (%v), Content-Type %q", w.Body, err, w.Header().Get("Content-Type"))
		}
		if logs.Count("bearer token") != 0 {
			t.Errorf("the request was logged as an error:\n%s", logs.String())
		}
	})
}
