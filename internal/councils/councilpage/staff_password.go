package councilpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type passwordData struct {
	web.Page
	Staff    councils.Staff
	Password string // empty once it has been shown
	Created  bool   // the account is new, rather than given a new password
}

func passwordKey(staffID string) string      { return "password-kind:" + staffID }
func passwordValueKey(staffID string) string { return "password:" + staffID }

// Password shows a member of staff's new one-time password, once (GET /admin/staff/{id}/password): reloading the
// page does not show it again. A POST gives them a new one, to replace a forgotten password.
func (p *Pages) Password() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := admin(r); err != nil {
			return err
		}
		st, err := p.store.StaffByID(r.Context(), r.PathValue("id"))
		if err != nil {
			return err
		}
		if r.Method == http.MethodPost {
			password := auth.GeneratePassword()
			hash, err := p.hasher.Hash(r.Context(), password)
			if err != nil {
				return err
			}
			if err := p.store.SetPassword(r.Context(), st.ID, hash); err != nil {
				return err
			}
			p.oneShot.PutOneShot(r.Context(), passwordKey(st.ID), "reset")
			p.oneShot.PutOneShot(r.Context(), passwordValueKey(st.ID), password)
			http.Redirect(w, r, paths.StaffPassword.URL(st.ID), http.StatusSeeOther)
			return nil
		}
		kind := p.oneShot.PopOneShot(r.Context(), passwordKey(st.ID))
		data := passwordData{Staff: st, Password: p.oneShot.PopOneShot(r.Context(), passwordValueKey(st.ID)), Created: kind == "created"}
		title := "New password for " + st.Name
		switch {
		case data.Password == "":
			title = "The password is no longer shown"
		case data.Created:
			title = "Account added for " + st.Name
		}
		data.Page = web.NewPage(r, title)
		return p.tmpl.Render(w, r, http.StatusOK, "councils/staff_password.html", data)
	}
}
