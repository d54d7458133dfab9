package authpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"html/template"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type setUpTwoFactorData struct {
	web.Page
	Secret   string       // in groups of four, to type by hand
	QR       template.URL // a PNG data: URL made here, never from input
	Code     string
	Next     string
	Required bool // set-up is owed before signing in, rather than chosen
	Replaces bool // an app is already set up and this one will replace it
}

// SetUpTwoFactor sets up an authenticator app (GET and POST /account/two-factor): it shows a new secret as a QR
// code and as text, and stores it once a code from the app proves it was set up. Someone part-way through
// signing in whose council requires two-factor sign-in (or who is an administrator) is sent here; a signed-in
// member of staff may come here to add or replace an app. Someone who already has an app must give its code at
// sign-in first, so a password alone can never replace it.
func SetUpTwoFactor(tmpl *web.Templates, a *auth.Auth) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		next, err := readNext(r)
		if err != nil {
			return err
		}
		st, signedIn := councils.StaffFrom(r.Context())
		p, pending := auth.PendingFrom(r.Context())
		switch {
		case signedIn:
		case pending && p.Next == auth.NextSetUpTwoFactor:
			st = p.Staff
		case pending:
			http.Redirect(w, r, auth.WithNext(p.Next.Path(), next), http.StatusSeeOther)
			return nil
		default:
			http.Redirect(w, r, auth.WithNext(paths.SignIn.URL(), r.URL.Path), http.StatusSeeOther)
			return nil
		}
		setup, err := a.BeginTOTP(r.Context(), st)
		if err != nil {
			return err
		}
		qr, err := setup.QRDataURL()
		if err != nil {
			return err
		}
		data := setUpTwoFactorData{
			Page:   web.NewPage(r, "Set up two-factor sign-in"),
			Secret: setup.SecretGroups(), QR: template.URL(qr), Next: next,
			Required: pending, Replaces: signedIn && st.TOTPSecret != "",
		}
		if r.Method != http.MethodPost {
			return tmpl.Render(w, r, http.StatusOK, "auth/set_up_two_factor.html", data)
		}
		data.Code = auth.NormaliseCode(r.PostForm.Get("code"))
		if data.Errors = codeErrors(data.Code); data.Errors.Any() {
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/set_up_two_factor.html", data)
		}
		err = a.ConfirmTOTP(r.Context(), st, setup.Secret, data.Code)
		switch {
		case errors.Is(err, auth.ErrThrottled):
			data.Errors.Add("code", auth.ThrottledMessage)
			data.Code = ""
			w.Header().Set("Retry-After", "60")
			return tmpl.Render(w, r, http.StatusTooManyRequests, "auth/set_up_two_factor.html", data)
		case errors.Is(err, auth.ErrBadCode):
			data.Errors.Add("code", wrongCodeMessage)
			data.Code = ""
			return tmpl.Render(w, r, http.StatusUnprocessableEntity, "auth/set_up_two_factor.html", data)
		case err != nil:
			return err
		}
		if err := a.PassSecondFactor(r.Context()); err != nil {
			return err
		}
		web.SetFlash(r, "Two-factor sign-in is set up. You will need a code from your authenticator app each time you sign in")
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
}
