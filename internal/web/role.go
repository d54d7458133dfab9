package web

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
)

// A page states the role it needs once, by wrapping its handler, rather than each handler checking the signed-in
// member of staff's role by hand: a handler that forgets the check cannot be written, and the refusal is the same
// 403 page everywhere. allowed is a question on the role, such as councils.Role.ChangesPeople.

// Requires lets h run only for a signed-in member of staff whose role passes allowed; anyone else is answered with
// the 403 page before h reads anything.
func Requires(allowed func(councils.Role) bool, h Handler) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !Can(r, allowed) {
			return Forbidden
		}
		return h(w, r)
	}
}

// RequiresToChange is Requires for the requests that change something (any method but GET and HEAD): a page that
// shows a record to everyone who may read it, and takes its form only from those who may change it.
func RequiresToChange(allowed func(councils.Role) bool, h Handler) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !Can(r, allowed) {
			return Forbidden
		}
		return h(w, r)
	}
}

// Can reports whether the signed-in member of staff's role passes allowed, for a page that offers a link or a form
// only to those who may follow it.
func Can(r *http.Request, allowed func(councils.Role) bool) bool {
	st, ok := councils.StaffFrom(r.Context())
	return ok && allowed(st.Role)
}
