package authpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type twoFactorData struct {
	web.Page
	Code string
	Next string
}

// Messages about two-factor codes.
const (
	enterCodeMessage = "Enter the 6-digit code from your authenticator app"
	codeFormMessage  = "The code must be 6 digits, like 123456"
	wrongCodeMessage = "The code is not correct. Enter the code your authenticator app shows now"
)

// readNext parses a POST's form and returns the local page to go on to afterwards.
func readNext(r *http.Request) (string, error) {
	if r.Method == http.MethodPost {
		if err := web.ParseForm(r); err != nil {
			return "", err
		}
		return auth.SafeNext(r.PostForm.Get("next")), nil
	}
	return auth.SafeNext(r.URL.Query().Get("next")), nil
}

// codeErrors checks the form of a typed two-factor code.
func codeErrors(code string) web.Errors {
	var errs web.Errors
	switch {
	case code == "":
		errs.Add("code", enterCodeMessage)
	case !auth.ValidCodeFormat(code):
		errs.Add("code", codeFormMessage)
	}
	return errs
}

// TwoFactor asks for the code from the authenticator app after the password (GET and POST /sign-in/two-factor).
// Each code works once; repeated wrong codes are throttled.
func TwoFactor(tmpl *web.Templates, a *auth.Auth) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		next, err := readNext(r)
		if err != nil {
			return err
		}
		if _, ok := councils.StaffFrom(r.Context()); ok {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return nil
		}
		p, ok := auth.PendingFrom(r.Context())
		if !ok {
			http.Redirect(w, r, auth.WithNext(paths.SignIn.URL(), next), http.StatusSeeOther)
			return nil
		}
		if p.Next != auth.NextTwoFactor {
			http.Redirect(w, r, auth.WithNext(p.Next.Path(), next), http.StatusSeeOther)
			return nil
		}
		data := twoFactorData{Page: web.NewPage(r, "Enter the code from your authenticator app"), Next: next}
		if r.Method != http.MethodPost {
			return tmpl.Render(w, r, http.StatusOK, "auth/two_factor.html", data)
		}
		data.Code = auth.NormaliseCode(r.PostForm.Get("code"))
		if data.Errors = codeErrors(data.Code); data.Errors.Any() {
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/two_factor.html", data)
		}
		err = a.CheckTOTP(r.Context(), p.Staff, data.Code)
		switch {
		case errors.Is(err, auth.ErrThrottled):
			data.Errors.Add("code", auth.ThrottledMessage)
			data.Code = ""
			w.Header().Set("Retry-After", "60")
			return tmpl.Render(w, r, http.StatusTooManyRequests, "auth/two_factor.html", data)
		case errors.Is(err, auth.ErrBadCode):
			data.Errors.Add("code", wrongCodeMessage)
			data.Code = ""
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/two_factor.html", data)
		case err != nil:
			return err
		}
		if err := a.PassSecondFactor(r.Context()); err != nil {
			return err
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
}
