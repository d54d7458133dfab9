// Package auth signs staff in and keeps them signed in: passwords hashed with argon2id, throttling of failed
// attempts, sessions in the database, two-factor codes (TOTP) and bearer tokens for the JSON API. Its middleware
// puts the signed-in member of staff, and so their council, in each request's context.
package auth

import (
	"context"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Paths of the sign-in pages, which the middleware redirects to.
const ()

// What the sign-in page says. It says the same whether or not an account exists for the email address, and
// whether the password or the account was wrong, so the page cannot be used to find out who has an account.
const (
	BadCredentialsMessage = "Enter a correct email address and password"
	ThrottledMessage      = "Too many attempts. Wait a few minutes and try again"
)

var (
	// ErrBadCredentials: the email address, the password or the account (disabled, or none) was wrong. Which one
	// is deliberately not said.
	ErrBadCredentials = errors.New("email address or password not correct")
	// ErrThrottled: too many failed attempts for this account or from this address; try again later.
	ErrThrottled = errors.New("too many failed attempts")
)

// Next says what a member of staff must do after giving the right password.
type Next int

const (
	// NextDone: they are signed in.
	NextDone Next = iota
	// NextTwoFactor: they must give a code from their authenticator app.
	NextTwoFactor
	// NextSetUpTwoFactor: they must set up an authenticator app first, because their council requires
	// two-factor sign-in or they are an administrator.
	NextSetUpTwoFactor
)

// Path is the page for what is next, or "" when nothing is.
func (n Next) Path() string {
	switch n {
	case NextTwoFactor:
		return paths.TwoFactor.URL()
	case NextSetUpTwoFactor:
		return paths.SetUpTwoFactor.URL()
	}
	return ""
}

// Options adjust an Auth.
type Options struct {
	// Secure sends the session cookie over HTTPS only: true unless serving plain http://localhost.
	Secure bool
	Logger *slog.Logger
	// Hasher hashes passwords; by default two hashes run at once.
	Hasher *Hasher
	// Throttle limits failed sign-ins; the zero value means DefaultThrottleLimits.
	Throttle ThrottleLimits
	// Clock tells the time for throttling, two-factor codes and token expiry; by default the database's clock.
	Clock func() time.Time
	// IdleTimeout signs someone out after this long without a request; zero is SessionIdleTimeout.
	IdleTimeout time.Duration
	// Pages shows the GOV.UK error pages (403, 500) from the middleware. Without it, errors are plain text.
	Pages *web.Templates
}

// Auth signs staff in and out and guards the routes that need a signed-in member of staff.
type Auth struct {
	db       *sqldb.DB
	store    *councils.Store
	hasher   *Hasher
	throttle *Throttle
	sessions *Sessions
	clock    func() time.Time
	log      *slog.Logger
	pages    *web.Templates
	// isNetwork says whether a tenancy is a network of councils' rather than a council's (SetNetworks), so that a
	// network's staff are given the network's navigation.
	isNetwork func(ctx context.Context, tenancy string) (bool, error)
	// networks remembers the answer for each tenancy asked about (tenancy id → bool): a council never becomes a
	// network nor a network a council, so each programme lead's request need not ask the database again.
	networks sync.Map
}

// SetNetworks tells Load how to know a network's tenancy (networks.Store.IsNetwork). Only programme leads are
// asked about, for a network's staff are all programme leads: no other sign-in pays for the question, and each
// tenancy is asked about once.
func (a *Auth) SetNetworks(isNetwork func(ctx context.Context, tenancy string) (bool, error)) {
	a.isNetwork = isNetwork
}

// New returns the sign-in service over db. Call Close when done, to stop the session clean-up.
func New(db *sqldb.DB, store *councils.Store, opts Options) *Auth {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Hasher == nil {
		opts.Hasher = NewHasher(2)
	}
	if opts.Throttle == (ThrottleLimits{}) {
		opts.Throttle = DefaultThrottleLimits
	}
	if opts.Clock == nil {
		opts.Clock = db.Now
	}
	a := &Auth{
		db: db, store: store, hasher: opts.Hasher, clock: opts.Clock, log: opts.Logger, pages: opts.Pages,
		throttle: NewThrottle(opts.Throttle, opts.Clock),
		sessions: NewSessions(db, SessionOptions{Secure: opts.Secure, Logger: opts.Logger, IdleTimeout: opts.IdleTimeout}),
	}
	// A session that cannot be read or saved (the database away: a 503) is answered with the middleware's own
	// error pages.
	a.sessions.sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		a.fail(w, r, fmt.Errorf("session store: %w", err))
	}
	return a
}

// SetPages sets the templates for the middleware's error pages, when they are built after Auth.
func (a *Auth) SetPages(t *web.Templates) { a.pages = t }

// Close stops the session clean-up.
func (a *Auth) Close() { a.sessions.Close() }

// Hasher is the password hasher, for pages that set passwords.
func (a *Auth) Hasher() *Hasher { return a.hasher }

// Sessions is the session store, for one-off messages and values between pages.
func (a *Auth) Sessions() *Sessions { return a.sessions }

// BreakGlass returns the people the signed-in member of staff opened by break-glass this session.
func (a *Auth) BreakGlass(ctx context.Context) []string { return a.sessions.BreakGlass(ctx) }

// AddBreakGlass remembers, for the rest of the session, that the member of staff opened personID by break-glass.
func (a *Auth) AddBreakGlass(ctx context.Context, personID string) error {
	return a.sessions.AddBreakGlass(ctx, personID)
}

// PutFlash keeps a success message for the next page.
func (a *Auth) PutFlash(ctx context.Context, message string) { a.sessions.PutFlash(ctx, message) }

// PopFlash returns and forgets the success message.
func (a *Auth) PopFlash(ctx context.Context) string { return a.sessions.PopFlash(ctx) }

// PutOneShot keeps a value to show once on a later page (such as a new password), never in a URL.
func (a *Auth) PutOneShot(ctx context.Context, name, value string) {
	a.sessions.PutOneShot(ctx, name, value)
}

// PopOneShot returns and forgets a value kept with PutOneShot.
func (a *Auth) PopOneShot(ctx context.Context, name string) string {
	return a.sessions.PopOneShot(ctx, name)
}

// SignIn checks an email address and password given from client address addr. It returns the member of staff and
// what they must do next, ErrThrottled after too many failures, or ErrBadCredentials for a wrong email address,
// a wrong password or a disabled account alike. An unknown email address costs the same hash as a known one, so
// the time taken does not reveal which addresses have accounts. It does not touch the session: call StartSession.
func (a *Auth) SignIn(ctx context.Context, email, password, addr string) (councils.Staff, Next, error) {
	email = councils.NormaliseEmail(email)
	if !a.throttle.Allowed(email, addr) {
		return councils.Staff{}, NextDone, ErrThrottled
	}
	st, err := a.store.FindLogin(ctx, email)
	switch {
	case errors.Is(err, sqldb.ErrNotFound):
		if err := a.hasher.VerifyDummy(ctx, password); err != nil {
			return councils.Staff{}, NextDone, err
		}
		a.throttle.Failed(email, addr)
		return councils.Staff{}, NextDone, ErrBadCredentials
	case err != nil:
		return councils.Staff{}, NextDone, fmt.Errorf("sign in: %w", err)
	}
	ok := false
	if st.PasswordHash == "" {
		err = a.hasher.VerifyDummy(ctx, password)
	} else {
		ok, err = a.hasher.Verify(ctx, password, st.PasswordHash)
		if errors.Is(err, ErrMalformedHash) {
			a.log.ErrorContext(ctx, "stored password hash cannot be read; the account cannot sign in until its password is reset", "staff_id", st.ID, "council_id", st.CouncilID)
			ok, err = false, nil
		}
	}
	if err != nil {
		return councils.Staff{}, NextDone, err
	}
	if !ok || st.Disabled() {
		a.throttle.Failed(email, addr)
		return councils.Staff{}, NextDone, ErrBadCredentials
	}
	a.throttle.Succeeded(email)
	council, err := a.store.CouncilByID(sqldb.WithCouncil(ctx, st.CouncilID), st.CouncilID)
	if err != nil {
		return councils.Staff{}, NextDone, fmt.Errorf("sign in: %w", err)
	}
	return st, nextStep(st, council), nil
}

// nextStep is what a member of staff owes after the password: a code if they have an authenticator app, setting
// one up if their council requires it or they administer it, otherwise nothing.
func nextStep(st councils.Staff, c councils.Council) Next {
	switch {
	case st.TOTPSecret != "":
		return NextTwoFactor
	case c.MFARequired || st.Role.Administers():
		return NextSetUpTwoFactor
	}
	return NextDone
}

// StartSession records in the session that st gave the right password, under a new session token.
func (a *Auth) StartSession(ctx context.Context, st councils.Staff) error {
	return a.sessions.start(ctx, st.ID, st.CouncilID)
}

// PassSecondFactor records in the session that the member of staff gave a correct two-factor code, under a new
// session token.
func (a *Auth) PassSecondFactor(ctx context.Context) error { return a.sessions.passSecondFactor(ctx) }

// SignOut ends the session.
func (a *Auth) SignOut(ctx context.Context) error { return a.sessions.destroy(ctx) }

// Pending is a member of staff who gave the right password but still owes a second factor.
type Pending struct {
	Staff councils.Staff
	Next  Next
}

type pendingKey struct{}

// PendingFrom returns the member of staff part-way through signing in, if that is who made the request.
func PendingFrom(ctx context.Context) (Pending, bool) {
	p, ok := ctx.Value(pendingKey{}).(Pending)
	return p, ok
}

// Load reads the session and saves it after the handler. When someone is fully signed in it loads the member of
// staff afresh, so that a disabled or deleted account ends the session at once, and puts them in the context
// (councils.WithStaff, which also scopes the context to their council), with the page header's viewer and the
// service navigation for their role. Someone who still owes a second factor is put in the context as Pending
// instead. Load also gives pages the session's one-off success messages (web.WithFlashStore). Wrap every page in
// it; the JSON API uses Bearer instead.
func (a *Auth) Load(next http.Handler) http.Handler {
	return a.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := web.WithFlashStore(r.Context(), a.sessions)
		staffID, councilID, passed := a.sessions.signedIn(ctx)
		if staffID == "" || councilID == "" {
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		cctx := sqldb.WithCouncil(ctx, councilID)
		st, council, err := a.store.StaffAndCouncil(cctx, staffID)
		if err == nil && st.Disabled() {
			err = sqldb.ErrNotFound
		}
		if errors.Is(err, sqldb.ErrNotFound) {
			if err := a.sessions.destroy(ctx); err != nil {
				a.fail(w, r, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if err != nil {
			a.fail(w, r, err)
			return
		}
		if owed := nextStep(st, council); owed != NextDone && !passed {
			next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, pendingKey{}, Pending{Staff: st, Next: owed})))
			return
		}
		a.rememberStaff(w, r, st.ID)
		ctx = a.restore(councils.WithStaff(ctx, st), r, st)
		ctx = web.WithViewer(ctx, &web.Viewer{
			StaffID: st.ID, Name: st.Name, Role: string(st.Role), RoleLabel: st.Role.Label(),
			CouncilID: council.ID, CouncilName: council.Name, CanAdmin: st.Role.Administers(),
			// The session's own clock: it ends this long after this request unless another comes first.
			IdleSeconds: int(a.sessions.idle.Seconds()), SignedOutAt: time.Now().Add(a.sessions.idle),
		})
		nav := Nav(st.Role, council.Settings)
		if st.Role == councils.ProgrammeLead {
			isNet, err := a.isNetworkTenancy(ctx, council.ID)
			if err != nil {
				a.fail(w, r, err)
				return
			}
			if isNet {
				nav = NetworkNav()
			}
		}
		ctx = web.WithNav(ctx, nav)
		next.ServeHTTP(w, r.WithContext(ctx))
	}))
}

// isNetworkTenancy says whether a tenancy is a network's, asking the networks once for each tenancy.
func (a *Auth) isNetworkTenancy(ctx context.Context, tenancy string) (bool, error) {
	if a.isNetwork == nil {
		return false, nil
	}
	if known, ok := a.networks.Load(tenancy); ok {
		return known.(bool), nil
	}
	isNet, err := a.isNetwork(ctx, tenancy)
	if err != nil {
		return false, err
	}
	a.networks.Store(tenancy, isNet)
	return isNet, nil
}

// Nav is the service navigation for a role, under the council's settings (which roles see safeguarding).
func Nav(role councils.Role, set councils.Settings) []web.NavItem {
	var nav []web.NavItem
	if role == councils.Practitioner || role == councils.TeamManager || role == councils.QualityLead {
		nav = append(nav, web.NavItem{Text: "Caseload", Href: paths.Caseload.URL()})
	}
	if role == councils.DirectoryEditor || role == councils.TeamManager || role == councils.QualityLead {
		nav = append(nav, web.NavItem{Text: "Front door", Href: paths.FrontDoor.URL()})
	}
	if role.WorksWithPeople() {
		nav = append(nav, web.NavItem{Text: "Find a person", Href: paths.People.URL()})
	}
	if role.ChangesPeople() {
		nav = append(nav, web.NavItem{Text: "Add a person", Href: paths.NewPerson.URL()})
	}
	if role.AuthorisesServices() {
		nav = append(nav, web.NavItem{Text: "Authorisations", Href: paths.Authorisations.URL()})
	}
	if set.SeesSafeguarding(role) {
		nav = append(nav, web.NavItem{Text: "Safeguarding", Href: paths.Safeguarding.URL()})
	}
	if role == councils.Practitioner || role == councils.TeamManager || role == councils.QualityLead || role == councils.DirectoryEditor {
		nav = append(nav, web.NavItem{Text: "Directory", Href: paths.Directory.URL()})
	}
	if role.SeesQuality() {
		nav = append(nav, web.NavItem{Text: "Quality", Href: paths.Quality.URL()})
	} else if role != "" {
		// Everyone takes part in the learning programme; those who see quality find it there.
		nav = append(nav, web.NavItem{Text: "Learning", Href: paths.LearningCatalogue.URL()})
	}
	if role.ReadsSpend() {
		nav = append(nav, web.NavItem{Text: "Spend", Href: paths.Finance.URL()})
	}
	if role.ReadsMeasures() {
		nav = append(nav, web.NavItem{Text: "Insight", Href: paths.Insight.URL()})
	}
	if role.ReadsProgramme() {
		nav = append(nav, web.NavItem{Text: "Programme", Href: paths.Programme.URL()})
	}
	if role != "" && !role.ChangesNothing() {
		// The networks of councils the council belongs to: their staff survey, peer challenges and library.
		nav = append(nav, web.NavItem{Text: "Our networks", Href: paths.OurNetworks.URL()})
	}
	if role.Administers() {
		nav = append(nav,
			web.NavItem{Text: "Access log", Href: paths.AccessLog.URL()},
			web.NavItem{Text: "Staff", Href: paths.StaffList.URL()},
			web.NavItem{Text: "Break-glass reviews", Href: paths.BreakGlassReviews.URL()},
			web.NavItem{Text: "Networks", Href: paths.CouncilNetworks.URL()},
		)
	}
	return nav
}

// NetworkNav is the navigation of a network's staff: the network's home and the comparison of its councils. They
// work with no person, so nothing of a council's own pages is offered.
func NetworkNav() []web.NavItem {
	return []web.NavItem{
		{Text: "Network", Href: paths.NetworkHome.URL()},
		{Text: "Compare councils", Href: paths.NetworkCompare.URL()},
		// The network's shared work: its staff survey, peer challenges and library.
		{Text: "Survey, challenges and library", Href: paths.OurNetworks.URL()},
	}
}

// KeepAlive answers a signed-in member of staff's request to stay signed in (the page's "Stay signed in", or a
// page being typed in) with 204: the request itself moves the session's idle deadline on. It reads no record.
func KeepAlive(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}

// RequireStaff lets through only a fully signed-in member of staff. Anyone else is sent to sign in, or to the
// two-factor page they still owe, and brought back to the page they asked for afterwards. A form sent after the
// session ended is kept for whoever was signed in on the browser, and comes back to them (kept.go).
func (a *Auth) RequireStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := councils.StaffFrom(r.Context()); ok {
			next.ServeHTTP(w, r)
			return
		}
		back := ""
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			back = r.URL.RequestURI()
		}
		target := paths.SignIn.URL()
		if p, ok := PendingFrom(r.Context()); ok {
			target = p.Next.Path()
		} else if a.keep(r) {
			back = r.URL.RequestURI() // the form's own page, shown again with what was kept
		}
		http.Redirect(w, r, WithNext(target, back), http.StatusSeeOther)
	})
}

// RequireRole lets through only a signed-in member of staff whose role passes allowed, such as
// councils.Role.Administers; others signed in get the 403 page.
func (a *Auth) RequireRole(allowed func(councils.Role) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return a.RequireStaff(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st, _ := councils.StaffFrom(r.Context())
			if !allowed(st.Role) {
				if a.pages != nil {
					a.pages.Error(w, r, fmt.Errorf("role %s: %w", st.Role, web.Forbidden))
					return
				}
				http.Error(w, "You do not have permission to see this page", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		}))
	}
}

// fail answers a request whose session could not be read.
func (a *Auth) fail(w http.ResponseWriter, r *http.Request, err error) {
	if a.pages != nil {
		a.pages.Error(w, r, fmt.Errorf("load session: %w", err))
		return
	}
	a.log.ErrorContext(r.Context(), "load session", "route", r.Pattern, "err", err)
	http.Error(w, "Sorry, there is a problem with the service", http.StatusInternalServerError)
}

// WithNext adds a page to come back to, when it is a local path, to path as ?next=.
func WithNext(path, next string) string {
	if next = SafeNext(next); next == "/" {
		return path
	}
	return path + "?next=" + url.QueryEscape(next)
}

// SafeNext returns next when it is a path on this site, and "/" otherwise, so that a link to the sign-in page
// cannot send someone on to another site (an open redirect).
func SafeNext(next string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}
