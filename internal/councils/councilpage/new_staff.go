package councilpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type staffFormData struct {
	web.Page
	web.ConflictPanel // after a conflict: the saved account beside what was typed
	Form              staffForm
	Roles             []web.Item
	Teams             []web.Item
	Staff             councils.Staff // the account being changed (edit only)
	TwoFactor         bool           // it has an authenticator app set up
}

// NewStaff adds a member of staff (GET and POST /admin/staff/new). Their one-time password is made here and shown
// once, on the next page; it never travels in a URL.
func (p *Pages) NewStaff() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := admin(r); err != nil {
			return err
		}
		teams, err := p.store.Teams(r.Context())
		if err != nil {
			return err
		}
		data := staffFormData{Page: web.NewPage(r, "Add a member of staff"), Roles: roleItems(), Teams: teamItems(teams), Form: staffForm{creating: true}}
		data.Back = paths.StaffList.URL()
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "councils/new_staff.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readStaffForm(r.PostForm, true)
		if data.Errors = data.Form.validate(teams); data.Errors.Any() {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "councils/new_staff.html", data)
		}
		password := auth.GeneratePassword()
		hash, err := p.hasher.Hash(r.Context(), password)
		if err != nil {
			return err
		}
		st, err := p.store.CreateStaff(r.Context(), councils.NewStaff{
			Email: data.Form.Email, Name: data.Form.Name, Role: councils.Role(data.Form.Role), TeamIDs: data.Form.TeamIDs, PasswordHash: hash,
		})
		if errors.Is(err, sqldb.ErrConflict) {
			// Email addresses are unique across the install, because sign-in finds the council from the address.
			data.Errors.Add("email", "An account already uses this email address. Enter a different email address")
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "councils/new_staff.html", data)
		}
		if err != nil {
			return err
		}
		p.oneShot.PutOneShot(r.Context(), passwordKey(st.ID), "created")
		p.oneShot.PutOneShot(r.Context(), passwordValueKey(st.ID), password)
		http.Redirect(w, r, paths.StaffPassword.URL(st.ID), http.StatusSeeOther)
		return nil
	}
}
