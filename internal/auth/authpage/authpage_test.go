package authpage_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/auth/authpage"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/web"
)

const password = "a long enough password"

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// site is the sign-in pages wired as the app wires them, with a page for staff and one for administrators.
type site struct {
	srv   *httptest.Server
	auth  *auth.Auth
	store *councils.Store
	ctx   context.Context // scoped to the council
	clock *clock
}

func newSite(t *testing.T, db *sqldb.DB) *site {
	t.Helper()
	tmpl, err := web.NewTemplates(slog.New(slog.DiscardHandler), authpage.Templates())
	if err != nil {
		t.Fatal(err)
	}
	store := councils.NewStore(db)
	c, err := store.CreateCouncil(context.Background(), "E06000099", "Testshire Council")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: time.Now().UTC()}
	a := auth.New(db, store, auth.Options{Clock: clk.Now, Pages: tmpl})
	t.Cleanup(a.Close)

	mux := http.NewServeMux()
	public := func(pattern string, h web.Handler) { mux.Handle(pattern, tmpl.Handle(h)) }
	public("GET /sign-in", authpage.SignIn(tmpl, a))
	public("POST /sign-in", authpage.SignIn(tmpl, a))
	public("POST /sign-out", authpage.SignOut(a))
	public("GET /sign-in/two-factor", authpage.TwoFactor(tmpl, a))
	public("POST /sign-in/two-factor", authpage.TwoFactor(tmpl, a))
	public("GET /account/two-factor", authpage.SetUpTwoFactor(tmpl, a))
	public("POST /account/two-factor", authpage.SetUpTwoFactor(tmpl, a))
	mux.Handle("GET /people", a.RequireStaff(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, _ := councils.StaffFrom(r.Context())
		v := web.ViewerFrom(r.Context())
		io.WriteString(w, "people page for "+st.Name+" of "+v.CouncilName)
	})))
	mux.Handle("GET /admin/staff", a.RequireRole(councils.Role.Administers)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "admin page")
	})))
	srv := httptest.NewServer(tmpl.Protect(a.Load(mux)))
	t.Cleanup(srv.Close)
	return &site{srv: srv, auth: a, store: store, ctx: sqldb.WithCouncil(context.Background(), c.ID), clock: clk}
}

func (s *site) addStaff(t *testing.T, email string, role councils.Role) councils.Staff {
	t.Helper()
	hash, err := s.auth.Hasher().Hash(context.Background(), password)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.store.CreateStaff(s.ctx, councils.NewStaff{Email: email, Name: "Test " + role.Label(), Role: role, PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// browser is a client with its own cookies that does not follow redirects, so tests see each step.
type browser struct {
	t      *testing.T
	site   *site
	client *http.Client
}

func (s *site) browser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, site: s, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type result struct {
	status    int
	location  string
	body      string
	setCookie string
}

func (b *browser) do(req *http.Request) result {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return result{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body), setCookie: resp.Header.Get("Set-Cookie")}
}

func (b *browser) get(path string) result {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.srv.URL+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) result {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

func (b *browser) signIn(email, pw, next string) result {
	b.t.Helper()
	return b.post("/sign-in", url.Values{"email": {email}, "password": {pw}, "next": {next}})
}

func (b *browser) cookie() *http.Cookie {
	u, _ := url.Parse(b.site.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == auth.CookieName {
			return c
		}
	}
	return nil
}

func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "worker@example.org", councils.Practitioner)
		b := s.browser(t)

		if r := b.get("/people?q=smith"); r.status != http.StatusSeeOther || r.location != "/sign-in?next=%2Fpeople%3Fq%3Dsmith" {
			t.Fatalf("signed out, /people = %d to %q; want the sign-in page", r.status, r.location)
		}
		r := b.get("/sign-in?next=%2Fpeople%3Fq%3Dsmith")
		if r.status != http.StatusOK || !strings.Contains(r.body, `name="next" value="/people?q=smith"`) {
			t.Fatalf("sign-in page = %d, without the next page in the form", r.status)
		}
		before := b.cookie()
		r = b.signIn("Worker@Example.org", password, "/people?q=smith")
		if r.status != http.StatusSeeOther || r.location != "/people?q=smith" {
			t.Fatalf("sign in = %d to %q", r.status, r.location)
		}
		for _, attr := range []string{auth.CookieName + "=", "; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age="} {
			if !strings.Contains(r.setCookie, attr) {
				t.Errorf("session cookie %q lacks %q", r.setCookie, attr)
			}
		}
		after := b.cookie()
		if before != nil && before.Value == after.Value {
			t.Error("session token not renewed at sign-in")
		}
		if r := b.get("/people"); r.status != http.StatusOK || r.body != "people page for Test Practitioner of Testshire Council" {
			t.Fatalf("signed in, /people = %d %q", r.status, r.body)
		}
		if r := b.get("/sign-in"); r.status != http.StatusSeeOther || r.location != "/" {
			t.Errorf("signed in, the sign-in page = %d to %q; want home", r.status, r.location)
		}
		if r := b.get("/admin/staff"); r.status != http.StatusForbidden {
			t.Errorf("practitioner on an admin page = %d, want 403", r.status)
		}

		// Sign out: the session ends, and the old cookie no longer works.
		old := b.cookie().Value
		r = b.post("/sign-out", nil)
		if r.status != http.StatusSeeOther || r.location != "/sign-in?signed-out=yes" {
			t.Fatalf("sign out = %d to %q", r.status, r.location)
		}
		if r := b.get("/sign-in?signed-out=yes"); !strings.Contains(r.body, "You have signed out") {
			t.Error("sign-in page does not say you have signed out")
		}
		if r := b.get("/people"); r.status != http.StatusSeeOther {
			t.Errorf("after sign-out, /people = %d, want a redirect to sign in", r.status)
		}
		thief := s.browser(t)
		u, _ := url.Parse(s.srv.URL)
		thief.client.Jar.SetCookies(u, []*http.Cookie{{Name: auth.CookieName, Value: old}})
		if r := thief.get("/people"); r.status != http.StatusSeeOther {
			t.Errorf("the signed-out session's cookie still works: %d", r.status)
		}
	})
}

func TestSignInSaysTheSameForEveryFailure(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "worker@example.org", councils.Practitioner)
		gone := s.addStaff(t, "gone@example.org", councils.Practitioner)
		if err := s.store.UpdateStaff(s.ctx, gone.ID, councils.StaffChange{Name: gone.Name, Role: gone.Role, Disabled: true, Version: gone.Version}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, email, password string
			status                int
			summary               string
		}{
			{"wrong password", "worker@example.org", "not the password", http.StatusUnprocessableEntity, "email: " + auth.BadCredentialsMessage},
			{"unknown email", "nobody@example.org", password, http.StatusUnprocessableEntity, "email: " + auth.BadCredentialsMessage},
			{"disabled account", "gone@example.org", password, http.StatusUnprocessableEntity, "email: " + auth.BadCredentialsMessage},
			{"nothing typed", "", "", http.StatusUnprocessableEntity, "email: Enter your email address; password: Enter your password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := s.browser(t).signIn(tt.email, tt.password, "")
				if r.status != tt.status || apptest.ErrorSummary(r.body) != tt.summary {
					t.Errorf("= %d %q; want %d %q", r.status, apptest.ErrorSummary(r.body), tt.status, tt.summary)
				}
				if strings.Contains(r.body, tt.password) && tt.password != "" {
					t.Error("the page shows the password typed")
				}
			})
		}
	})
}

func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "worker@example.org", councils.Practitioner)
		b := s.browser(t)
		for i := range auth.DefaultThrottleLimits.AccountBurst {
			if r := b.signIn("worker@example.org", "wrong password", ""); r.status != http.StatusUnprocessableEntity {
				t.Fatalf("attempt %d = %d", i+1, r.status)
			}
		}
		for _, email := range []string{"worker@example.org"} {
			r := b.signIn(email, password, "")
			if r.status != http.StatusTooManyRequests || apptest.ErrorSummary(r.body) != "email: "+auth.ThrottledMessage {
				t.Errorf("after the burst, the right password = %d %q", r.status, apptest.ErrorSummary(r.body))
			}
		}
		s.clock.Advance(31 * time.Second)
		if r := b.signIn("worker@example.org", password, ""); r.status != http.StatusSeeOther {
			t.Errorf("after waiting, the right password = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
	})
}

func TestOpenRedirectRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "worker@example.org", councils.Practitioner)
		for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
			b := s.browser(t)
			if r := b.signIn("worker@example.org", password, next); r.status != http.StatusSeeOther || r.location != "/" {
				t.Errorf("next=%q: sign in = %d to %q, want /", next, r.status, r.location)
			}
		}
	})
}

var secretKey = regexp.MustCompile(`<code>([A-Z2-7 ]+)</code>`)

func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTwoFactorForAdministrators(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "admin@example.org", councils.Administrator)
		b := s.browser(t)

		r := b.signIn("admin@example.org", password, "/admin/staff")
		if r.status != http.StatusSeeOther || r.location != "/account/two-factor?next=%2Fadmin%2Fstaff" {
			t.Fatalf("administrator's sign-in = %d to %q; want two-factor set-up", r.status, r.location)
		}
		// The password alone opens nothing.
		if r := b.get("/admin/staff"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/account/two-factor") {
			t.Fatalf("before set-up, /admin/staff = %d to %q", r.status, r.location)
		}
		if r := b.get("/sign-in/two-factor"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/account/two-factor") {
			t.Errorf("before set-up, the code page = %d to %q", r.status, r.location)
		}
		r = b.get("/account/two-factor?next=%2Fadmin%2Fstaff")
		if r.status != http.StatusOK || !strings.Contains(r.body, `src="data:image/png;base64,`) {
			t.Fatalf("set-up page = %d, without a QR code", r.status)
		}
		m := secretKey.FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("set-up page shows no key")
		}
		secret := strings.ReplaceAll(m[1], " ", "")
		if again := secretKey.FindStringSubmatch(b.get("/account/two-factor").body); again == nil || again[1] != m[1] {
			t.Error("the key changed when the page was shown again")
		}
		r = b.post("/account/two-factor", url.Values{"code": {"123"}, "next": {"/admin/staff"}})
		if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != "code: The code must be 6 digits, like 123456" {
			t.Errorf("short code = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		setupCode := code(t, secret, s.clock.Now())
		r = b.post("/account/two-factor", url.Values{"code": {setupCode}, "next": {"/admin/staff"}})
		if r.status != http.StatusSeeOther || r.location != "/admin/staff" {
			t.Fatalf("confirm set-up = %d to %q (%s)", r.status, r.location, apptest.ErrorSummary(r.body))
		}
		if r := b.get("/admin/staff"); r.status != http.StatusOK {
			t.Fatalf("after set-up, /admin/staff = %d", r.status)
		}

		// Next time: password, then a code, each code once.
		b.post("/sign-out", nil)
		r = b.signIn("admin@example.org", password, "")
		if r.status != http.StatusSeeOther || r.location != "/sign-in/two-factor" {
			t.Fatalf("second sign-in = %d to %q", r.status, r.location)
		}
		if r := b.get("/account/two-factor"); r.status != http.StatusSeeOther || r.location != "/sign-in/two-factor" {
			t.Errorf("with only the password, the set-up page = %d to %q; a password alone must not replace the app", r.status, r.location)
		}
		r = b.post("/sign-in/two-factor", url.Values{"code": {setupCode}})
		if r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != "code: The code is not correct. Enter the code your authenticator app shows now" {
			t.Errorf("the set-up code used again = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
		s.clock.Advance(30 * time.Second)
		fresh := code(t, secret, s.clock.Now())
		if r := b.post("/sign-in/two-factor", url.Values{"code": {fresh}}); r.status != http.StatusSeeOther || r.location != "/" {
			t.Fatalf("right code = %d to %q (%s)", r.status, r.location, apptest.ErrorSummary(r.body))
		}
		if r := b.get("/admin/staff"); r.status != http.StatusOK {
			t.Errorf("after the code, /admin/staff = %d", r.status)
		}
		// Someone who saw the code cannot use it in their own session.
		other := s.browser(t)
		other.signIn("admin@example.org", password, "")
		if r := other.post("/sign-in/two-factor", url.Values{"code": {fresh}}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("a used code in another session = %d, want refused", r.status)
		}
	})
}

func TestDisabledAccountEndsSession(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		st := s.addStaff(t, "worker@example.org", councils.Practitioner)
		b := s.browser(t)
		if r := b.signIn("worker@example.org", password, "/people"); r.status != http.StatusSeeOther {
			t.Fatalf("sign in = %d", r.status)
		}
		if err := s.store.UpdateStaff(s.ctx, st.ID, councils.StaffChange{Name: st.Name, Role: st.Role, Disabled: true, Version: st.Version}); err != nil {
			t.Fatal(err)
		}
		if r := b.get("/people"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/sign-in") {
			t.Errorf("disabled during the session, /people = %d to %q", r.status, r.location)
		}
		if r := b.signIn("worker@example.org", password, ""); r.status != http.StatusUnprocessableEntity || apptest.ErrorSummary(r.body) != "email: "+auth.BadCredentialsMessage {
			t.Errorf("disabled account sign-in = %d %q", r.status, apptest.ErrorSummary(r.body))
		}
	})
}

func TestCouncilRequiresTwoFactor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSite(t, db)
		s.addStaff(t, "worker@example.org", councils.Practitioner)
		b := s.browser(t)
		if r := b.signIn("worker@example.org", password, "/people"); r.location != "/people" {
			t.Fatalf("sign in to %q", r.location)
		}
		council, err := sqldb.CouncilFrom(s.ctx)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.store.CouncilByID(s.ctx, council)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.store.SetMFARequired(s.ctx, true, c.Version); err != nil {
			t.Fatal(err)
		}
		// The rule applies to sessions already open.
		if r := b.get("/people"); r.status != http.StatusSeeOther || r.location != "/account/two-factor?next=%2Fpeople" {
			t.Errorf("after the council required two-factor sign-in, /people = %d to %q", r.status, r.location)
		}
	})
}
