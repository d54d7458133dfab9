// Package apptest starts the whole of Golden Thread over a test database, with two councils whose staff can sign
// in, for scenario tests, browser tests and benchmarks.
package apptest

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Password is every test account's password.
const Password = "a long test password"

// TOTPSecret is every administrator's two-factor secret in the test councils.
const TOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// Site is a running Golden Thread with two councils, A and B.
type Site struct {
	App    *app.App
	Server *httptest.Server
	A, B   peopletest.Council
}

// parsed is every page's templates, parsed and checked once for all the apps a test process starts: each app takes
// its own copy (web.Templates.Fresh), and parsing them again for every test took a second or two each time, about a
// fifth of the whole test run.
var parsed = sync.OnceValues(func() (*web.Templates, error) { return app.ParseTemplates(nil) })

// Start builds the app over db, starts it on a loopback port and gives every test account a password (and the
// administrators a two-factor app).
func Start(tb testing.TB, db *sqldb.DB) *Site {
	tb.Helper()
	return StartWith(tb, db, app.Config{})
}

// StartWith is Start with the app's configuration, such as a smaller bound on the work it takes on at once.
func StartWith(tb testing.TB, db *sqldb.DB, cfg app.Config) *Site {
	tb.Helper()
	if cfg.Templates == nil {
		tmpl, err := parsed()
		if err != nil {
			tb.Fatal(err)
		}
		cfg.Templates = tmpl
	}
	a, err := app.Build(db, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Auth.Close() })
	s := &Site{App: a}
	s.A, s.B = peopletest.TwoCouncils(tb, db)
	hash, err := a.Auth.Hasher().Hash(context.Background(), Password)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range []peopletest.Council{s.A, s.B} {
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		staff := append([]councils.Staff{c.SouthWorker}, values(c.Staff)...)
		for _, st := range staff {
			if err := a.Councils.SetPassword(ctx, st.ID, hash); err != nil {
				tb.Fatal(err)
			}
			if st.Role.Administers() {
				if err := a.Councils.SetTOTP(ctx, st.ID, TOTPSecret, 0); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	s.Server = httptest.NewServer(a.Handler)
	tb.Cleanup(s.Server.Close)
	return s
}

func values(m map[councils.Role]councils.Staff) []councils.Staff {
	var out []councils.Staff
	for _, r := range councils.Roles {
		out = append(out, m[r])
	}
	return out
}

// Client is an HTTP client with its own cookies that does not follow redirects, so tests see them.
func Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// SignIn signs staff in (with a two-factor code for administrators) and returns their client.
func (s *Site) SignIn(tb testing.TB, staff councils.Staff) *http.Client {
	tb.Helper()
	c := Client()
	res := s.Post(tb, c, paths.SignIn.URL(), url.Values{"email": {staff.Email}, "password": {Password}})
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("sign in as %s: status %d", staff.Email, res.StatusCode)
	}
	if strings.HasPrefix(res.Header.Get("Location"), paths.TwoFactor.URL()) {
		code, err := totp.GenerateCodeCustom(TOTPSecret, time.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			tb.Fatal(err)
		}
		res = s.Post(tb, c, paths.TwoFactor.URL(), url.Values{"code": {code}})
		if res.StatusCode != http.StatusSeeOther {
			tb.Fatalf("two-factor sign-in as %s: status %d", staff.Email, res.StatusCode)
		}
	}
	return c
}

// Get fetches path and reads the whole body.
func (s *Site) Get(tb testing.TB, c *http.Client, path string) (*http.Response, string) {
	tb.Helper()
	res, err := c.Get(s.Server.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	return res, readBody(tb, res)
}

// Post sends a form, as a browser on the same site would.
func (s *Site) Post(tb testing.TB, c *http.Client, path string, form url.Values) *http.Response {
	tb.Helper()
	res, _ := s.PostBody(tb, c, path, form)
	return res
}

// PostBody sends a form and reads the whole answer.
func (s *Site) PostBody(tb testing.TB, c *http.Client, path string, form url.Values) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return res, readBody(tb, res)
}

func readBody(tb testing.TB, res *http.Response) string {
	tb.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Clients gives each member of staff one signed-in client, signing them in the first time it is asked for them: a
// scenario table's requests then reuse one session per member of staff, as people do.
func (s *Site) Clients(tb testing.TB) func(councils.Staff) *http.Client {
	clients := map[string]*http.Client{}
	return func(staff councils.Staff) *http.Client {
		tb.Helper()
		if c, ok := clients[staff.ID]; ok {
			return c
		}
		clients[staff.ID] = s.SignIn(tb, staff)
		return clients[staff.ID]
	}
}

// PostFile sends a file as a browser sends one from a form's file input called field (multipart/form-data), with the
// file's name and the type the browser claims for it, and reads the whole answer.
func (s *Site) PostFile(tb testing.TB, c *http.Client, path, field, name, claimedType string, content []byte) (*http.Response, string) {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Disposition": {`form-data; name="` + field + `"; filename="` + name + `"`},
		"Content-Type":        {claimedType},
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := part.Write(content); err != nil {
		tb.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+path, &body)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return res, readBody(tb, res)
}
