package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// CookieName is the session cookie's name.
const CookieName = "gt_session"

// Session lifetimes: a working day at most, and an hour without using the service signs someone out, as a
// shared office computer may be left unlocked.
const (
	SessionLifetime    = 12 * time.Hour
	SessionIdleTimeout = time.Hour
)

// The session keys. Only IDs and flags are kept in the session; the member of staff is loaded afresh on every
// request, so a disabled account or a changed role takes effect at once.
const (
	keyStaffID      = "staff_id"      // string: the member of staff who gave the right password
	keyCouncilID    = "council_id"    // string: their council
	keySecondFactor = "second_factor" // bool: they have given a two-factor code this session
	keyBreakGlass   = "break_glass"   // []string: people opened by break-glass this session
	keyFlash        = "flash"         // string: a success message for the next page
	keyPendingTOTP  = "pending_totp"  // string: the two-factor secret being set up, until a code confirms it
	keyOneShot      = "one_shot:"     // prefix; string: a value shown once on the next page (a new password)
	keyKept         = "kept_form"     // string: a form sent after the session ended, as JSON (kept.go)
)

// Sessions keeps signed-in sessions in the database, in the sessions table on either engine.
type Sessions struct {
	sm       *scs.SessionManager
	idle     time.Duration // how long a session lasts without a request
	stopOnce sync.Once
	stop     func()
}

// SessionOptions adjust the session cookie.
type SessionOptions struct {
	// Secure sends the cookie over HTTPS only. Set it everywhere except plain http://localhost.
	Secure bool
	Logger *slog.Logger
	// IdleTimeout signs someone out after this long without a request; zero is SessionIdleTimeout.
	IdleTimeout time.Duration
}

// NewSessions returns the session manager for db's engine. Close stops its clean-up of expired sessions.
func NewSessions(db *sqldb.DB, opts SessionOptions) *Sessions {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = SessionIdleTimeout
	}
	sm := scs.New()
	s := &Sessions{sm: sm, idle: opts.IdleTimeout}
	switch db.Engine() {
	case sqldb.Postgres:
		// pgxstore starts its clean-up goroutine in a way StopCleanup can race with, so clean up here instead.
		sm.Store = pgxstore.NewWithCleanupInterval(db.Pool(), 0)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			t := time.NewTicker(5 * time.Minute)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					if _, err := db.Pool().Exec(ctx, `DELETE FROM sessions WHERE expiry < current_timestamp`); err != nil && ctx.Err() == nil {
						opts.Logger.Warn("remove expired sessions", "err", err)
					}
				}
			}
		}()
		s.stop = func() { cancel(); <-done }
	default:
		store := sqlite3store.New(db.SQL())
		// Every request looks its session up; on the single writer connection each lookup would queue behind every
		// other request's and behind every write, so lookups use the reader pool and only saves use the writer.
		sm.Store = readersFind{Store: store, readers: sqlite3store.NewWithCleanupInterval(db.ReadSQL(), 0)}
		s.stop = store.StopCleanup
	}
	sm.Store = newTouchStore(observedStore{Store: sm.Store, db: db}, time.Now, opts.IdleTimeout)
	sm.Codec = sortedCodec{}
	sm.Lifetime = SessionLifetime
	sm.IdleTimeout = opts.IdleTimeout
	sm.Cookie.Name = CookieName
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = opts.Secure
	sm.Cookie.Path = "/"
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		opts.Logger.ErrorContext(r.Context(), "session store failed", "route", r.Pattern, "err", err)
		http.Error(w, "Sorry, there is a problem with the service. Try again later.", http.StatusInternalServerError)
	}
	return s
}

// readersFind is SQLite's session store with its lookups on the reader connections: WAL lets them read the last
// committed save while the writer writes.
type readersFind struct {
	scs.Store
	readers scs.Store
}

func (s readersFind) Find(token string) ([]byte, bool, error) { return s.readers.Find(token) }

// observedStore passes the session store's failures through sqldb, which tells a database that cannot be reached
// (ErrUnavailable, a 503) from other failures, and logs once that it has gone and once that it is back.
type observedStore struct {
	scs.Store
	db *sqldb.DB
}

func (s observedStore) Find(token string) ([]byte, bool, error) {
	b, found, err := s.Store.Find(token)
	return b, found, s.db.ObserveDirect(err)
}

func (s observedStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.db.ObserveDirect(s.Store.Commit(token, b, expiry))
}

func (s observedStore) Delete(token string) error {
	return s.db.ObserveDirect(s.Store.Delete(token))
}

// Idle is how long a session lasts without a request.
func (s *Sessions) Idle() time.Duration { return s.idle }

// Manager returns the underlying scs session manager.
func (s *Sessions) Manager() *scs.SessionManager { return s.sm }

// LoadAndSave reads the session cookie, and saves the session and writes the cookie when the handler is done.
func (s *Sessions) LoadAndSave(next http.Handler) http.Handler { return s.sm.LoadAndSave(next) }

// Close stops the clean-up of expired sessions.
func (s *Sessions) Close() {
	s.stopOnce.Do(func() {
		if s.stop != nil {
			s.stop()
		}
	})
}

// start records a sign-in with the right password, under a new session token so that a token planted before
// sign-in (session fixation) is worthless.
func (s *Sessions) start(ctx context.Context, staffID, councilID string) error {
	if err := s.sm.RenewToken(ctx); err != nil {
		return fmt.Errorf("renew session token: %w", err)
	}
	s.sm.Put(ctx, keyStaffID, staffID)
	s.sm.Put(ctx, keyCouncilID, councilID)
	s.sm.Put(ctx, keySecondFactor, false)
	s.sm.Remove(ctx, keyBreakGlass)
	s.sm.Remove(ctx, keyPendingTOTP)
	return nil
}

// passSecondFactor records a correct two-factor code, under a new session token.
func (s *Sessions) passSecondFactor(ctx context.Context) error {
	if err := s.sm.RenewToken(ctx); err != nil {
		return fmt.Errorf("renew session token: %w", err)
	}
	s.sm.Put(ctx, keySecondFactor, true)
	s.sm.Remove(ctx, keyPendingTOTP)
	return nil
}

// destroy ends the session.
func (s *Sessions) destroy(ctx context.Context) error { return s.sm.Destroy(ctx) }

func (s *Sessions) signedIn(ctx context.Context) (staffID, councilID string, secondFactor bool) {
	return s.sm.GetString(ctx, keyStaffID), s.sm.GetString(ctx, keyCouncilID), s.sm.GetBool(ctx, keySecondFactor)
}

// BreakGlass returns the people the member of staff opened by break-glass this session.
func (s *Sessions) BreakGlass(ctx context.Context) []string {
	ids, _ := s.sm.Get(ctx, keyBreakGlass).([]string)
	return slices.Clone(ids)
}

// AddBreakGlass remembers, for the rest of the session, that the member of staff opened personID by break-glass.
func (s *Sessions) AddBreakGlass(ctx context.Context, personID string) error {
	if personID == "" {
		return fmt.Errorf("break-glass: no person")
	}
	ids := s.BreakGlass(ctx)
	if !slices.Contains(ids, personID) {
		s.sm.Put(ctx, keyBreakGlass, append(ids, personID))
	}
	return nil
}

// PutFlash keeps a success message for the next page (web.FlashStore).
func (s *Sessions) PutFlash(ctx context.Context, message string) { s.sm.Put(ctx, keyFlash, message) }

// PopFlash returns and forgets the success message, if any (web.FlashStore).
func (s *Sessions) PopFlash(ctx context.Context) string { return s.sm.PopString(ctx, keyFlash) }

// PutOneShot keeps a value to be shown once on a later page, such as a new one-time password, so that it never
// travels in a URL.
func (s *Sessions) PutOneShot(ctx context.Context, name, value string) {
	s.sm.Put(ctx, keyOneShot+name, value)
}

// PopOneShot returns and forgets a value kept with PutOneShot, or "".
func (s *Sessions) PopOneShot(ctx context.Context, name string) string {
	return s.sm.PopString(ctx, keyOneShot+name)
}

func (s *Sessions) putPendingTOTP(ctx context.Context, secret string) {
	s.sm.Put(ctx, keyPendingTOTP, secret)
}
func (s *Sessions) pendingTOTP(ctx context.Context) string {
	return s.sm.GetString(ctx, keyPendingTOTP)
}
