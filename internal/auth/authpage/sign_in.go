package authpage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type signInData struct {
	web.Page
	Email string
	Next  string
}

// SignIn is the sign-in page (GET and POST /sign-in). It says the same thing for an unknown email address, a
// wrong password and a disabled account, so it cannot be used to find out who has an account. After the
// password it goes on to the two-factor page the member of staff owes, or to the page they first asked for.
func SignIn(tmpl *web.Templates, a *auth.Auth) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
		}
		next := auth.SafeNext(r.URL.Query().Get("next"))
		if r.Method == http.MethodPost {
			next = auth.SafeNext(r.PostForm.Get("next"))
		}
		if _, ok := councils.StaffFrom(r.Context()); ok && r.Method == http.MethodGet {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return nil
		}
		if p, ok := auth.PendingFrom(r.Context()); ok && r.Method == http.MethodGet {
			http.Redirect(w, r, auth.WithNext(p.Next.Path(), next), http.StatusSeeOther)
			return nil
		}
		data := signInData{Page: web.NewPage(r, "Sign in"), Next: next}
		if r.URL.Query().Get("signed-out") == "yes" && data.Flash == "" {
			data.Flash = "You have signed out"
		}
		if r.Method != http.MethodPost {
			return tmpl.Render(w, r, http.StatusOK, "auth/sign_in.html", data)
		}
		data.Email = strings.TrimSpace(r.PostForm.Get("email"))
		password := r.PostForm.Get("password")
		if data.Email == "" {
			data.Errors.Add("email", "Enter your email address")
		}
		if password == "" {
			data.Errors.Add("password", "Enter your password")
		}
		if data.Errors.Any() {
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/sign_in.html", data)
		}
		st, step, err := a.SignIn(r.Context(), data.Email, password, r.RemoteAddr)
		switch {
		case errors.Is(err, auth.ErrThrottled):
			data.Errors.Add("email", auth.ThrottledMessage)
			w.Header().Set("Retry-After", "60")
			return tmpl.Render(w, r, http.StatusTooManyRequests, "auth/sign_in.html", data)
		case errors.Is(err, auth.ErrBadCredentials):
			data.Errors.Add("email", auth.BadCredentialsMessage)
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/sign_in.html", data)
		case err != nil:
			return err
		}
		if err := a.StartSession(r.Context(), st); err != nil {
			return err
		}
		target := data.Next
		if step != auth.NextDone {
			target = auth.WithNext(step.Path(), data.Next)
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return nil
	}
}
