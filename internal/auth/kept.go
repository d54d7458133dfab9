package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

// A form sent after its session ended is not lost. The session has gone, so nothing in it says who typed the form:
// a second cookie (lastStaffCookie) names the member of staff the browser was last signed in as. The form is kept
// in the browser's new session, with that name and the page it was sent to, and the sign-in page says so. When the
// same member of staff signs in again on the same browser, the page comes back with what they typed (web.Edit
// shows a kept form as typed, unsaved); anyone else who signs in there never sees it, and it is dropped.

// lastStaffCookie names the member of staff this browser was last signed in as. It is no secret and gives no
// access: a kept form is shown only to that member of staff, once signed in again on the same browser.
const lastStaffCookie = "gt_last_staff"

// keptFor is how long a kept form waits for its author to sign in again.
const keptFor = 2 * time.Hour

// KeptMessage is what the sign-in page says when a form sent after the session ended is kept.
const KeptMessage = "You were signed out after a time without using Golden Thread, before what you typed was saved. It is kept: sign in again and you will come back to it, to check and save."

// keptForm is a form sent after its session ended.
type keptForm struct {
	Path string     `json:"path"` // the page it was sent to, path and query
	By   string     `json:"by"`   // the member of staff the browser was last signed in as
	At   time.Time  `json:"at"`
	Form url.Values `json:"form"`
}

// rememberStaff sets the last-staff cookie for a signed-in request, when it does not already name them.
func (a *Auth) rememberStaff(w http.ResponseWriter, r *http.Request, staffID string) {
	if c, err := r.Cookie(lastStaffCookie); err == nil && c.Value == staffID {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: lastStaffCookie, Value: staffID, Path: "/", HttpOnly: true, Secure: a.sessions.sm.Cookie.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(SessionLifetime.Seconds())})
}

// ForgetStaff clears the last-staff cookie, on signing out: a form sent afterwards on this browser is nobody's.
func ForgetStaff(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: lastStaffCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1})
}

// keep keeps a form sent to a page without a signed-in member of staff, if the browser was last signed in as
// someone, and reports whether it did.
func (a *Auth) keep(r *http.Request) bool {
	last, err := r.Cookie(lastStaffCookie)
	if err != nil || last.Value == "" || r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return false
	}
	if err := r.ParseForm(); err != nil {
		return false
	}
	form := url.Values{}
	for k, v := range r.PostForm {
		if !strings.Contains(k, "password") { // a password is never kept, even one typed into a form
			form[k] = v
		}
	}
	b, err := json.Marshal(keptForm{Path: r.URL.RequestURI(), By: last.Value, At: time.Now(), Form: form})
	if err != nil {
		return false
	}
	a.sessions.sm.Put(r.Context(), keyKept, string(b))
	a.sessions.PutFlash(r.Context(), KeptMessage)
	return true
}

// restore gives a signed-in member of staff's request for a page the form kept for them there (web.WithKeptForm),
// once (an edit page shows it, and says so); a form kept for someone else, or kept too long, is dropped.
func (a *Auth) restore(ctx context.Context, r *http.Request, st councils.Staff) context.Context {
	raw := a.sessions.sm.GetString(ctx, keyKept)
	if raw == "" {
		return ctx
	}
	var k keptForm
	if err := json.Unmarshal([]byte(raw), &k); err != nil || k.By != st.ID || time.Since(k.At) > keptFor {
		a.sessions.sm.Remove(ctx, keyKept)
		return ctx
	}
	if r.Method != http.MethodGet || k.Path != r.URL.RequestURI() {
		return ctx
	}
	a.sessions.sm.Remove(ctx, keyKept)
	return web.WithKeptForm(ctx, k.Form)
}
