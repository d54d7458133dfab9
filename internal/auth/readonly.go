package auth

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
)

// RefuseReadOnly guards a route that changes records (its pattern's method is anything but GET and HEAD): a
// member of staff whose role changes nothing (finance) is answered by refuse before the handler runs, so that no
// change route, page or API, can forget them. Put it inside the middleware that signs the member of staff in.
// A route that only reads is returned as it is.
func RefuseReadOnly(pattern string, h http.Handler, refuse http.HandlerFunc) http.Handler {
	method, _, _ := strings.Cut(pattern, " ")
	if method == http.MethodGet || method == http.MethodHead {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st, ok := councils.StaffFrom(r.Context()); ok && st.Role.ChangesNothing() {
			refuse(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}
