package authpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/web"
)

// SignOut ends the session (POST /sign-out) and shows the sign-in page saying so. It is a POST, checked by the
// cross-origin protection, so that another site cannot sign people out.
func SignOut(a *auth.Auth) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := a.SignOut(r.Context()); err != nil {
			return err
		}
		auth.ForgetStaff(w)
		http.Redirect(w, r, paths.SignIn.URL()+"?signed-out=yes", http.StatusSeeOther)
		return nil
	}
}
