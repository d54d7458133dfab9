package councilpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"slices"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// difference is one field where the account as saved differs from what this administrator typed.
type difference struct {
	Label, Saved, Typed string
}

// conflictMessage is the error summary's message when someone else saved the account first.
const conflictMessage = "Someone else changed this account while you were editing"

// EditStaff changes a member of staff's name, role, teams and whether they can sign in (GET and POST
// /admin/staff/{id}). A change made from an old version is refused: the page shows what the account now says
// beside what this administrator typed, keeps what they typed, and lets them save again on purpose. An account
// in another council is not found.
func (p *Pages) EditStaff() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, err := admin(r)
		if err != nil {
			return err
		}
		st, err := p.store.StaffByID(r.Context(), r.PathValue("id"))
		if err != nil {
			return err
		}
		teams, err := p.store.Teams(r.Context())
		if err != nil {
			return err
		}
		data := staffFormData{Page: web.NewPage(r, st.Name), Roles: roleItems(), Teams: teamItems(teams), Staff: st, TwoFactor: st.TOTPSecret != ""}
		data.Back = paths.StaffList.URL()
		if r.Method != http.MethodPost {
			data.Form = formOf(st)
			return p.tmpl.Render(w, r, http.StatusOK, "councils/edit_staff.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readStaffForm(r.PostForm, false)
		data.Form.Email = st.Email
		data.Errors = data.Form.validate(teams)
		if st.ID == me.ID {
			// An administrator cannot lock themselves out; another administrator can change their account.
			if !data.Errors.Has("role") && data.Form.Role != string(councils.Administrator) {
				data.Errors.Add("role", "You cannot remove your own administrator role. Ask another administrator to change it")
			}
			if data.Form.Status == "disabled" {
				data.Errors.Add("status", "You cannot disable your own account. Ask another administrator to disable it")
			}
		}
		if data.Errors.Any() {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "councils/edit_staff.html", data)
		}
		err = p.store.UpdateStaff(r.Context(), st.ID, councils.StaffChange{
			Name: data.Form.Name, Role: councils.Role(data.Form.Role), TeamIDs: data.Form.TeamIDs,
			Disabled: data.Form.Status == "disabled", Version: data.Form.Version,
		})
		if errors.Is(err, sqldb.ErrConflict) {
			saved, err := p.store.StaffByID(r.Context(), st.ID)
			if err != nil {
				return err
			}
			data.Staff, data.TwoFactor = saved, saved.TOTPSecret != ""
			data.Theirs = differences(formOf(saved), data.Form, teams)
			data.Form.Version = saved.Version
			data.Errors.Add("version", conflictMessage)
			return p.tmpl.Render(w, r, http.StatusConflict, "councils/edit_staff.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Changes saved for "+data.Form.Name)
		http.Redirect(w, r, paths.StaffList.URL(), http.StatusSeeOther)
		return nil
	}
}

// differences lists the fields where the saved account and what was typed disagree, in form order.
func differences(saved, typed staffForm, teams []councils.Team) []difference {
	role := func(v string) string {
		if r, err := councils.ParseRole(v); err == nil {
			return r.Label()
		}
		return v
	}
	statusText := func(v string) string { return status(v == "disabled") }
	sameTeams := func(a, b []string) bool {
		a, b = slices.Clone(a), slices.Clone(b)
		slices.Sort(a)
		slices.Sort(b)
		return slices.Equal(slices.Compact(a), slices.Compact(b))
	}
	var out []difference
	if saved.Name != typed.Name {
		out = append(out, difference{"Name", saved.Name, typed.Name})
	}
	if saved.Role != typed.Role {
		out = append(out, difference{"Role", role(saved.Role), role(typed.Role)})
	}
	if !sameTeams(saved.TeamIDs, typed.TeamIDs) {
		out = append(out, difference{"Teams", teamNames(teams, saved.TeamIDs), teamNames(teams, typed.TeamIDs)})
	}
	if saved.Status != typed.Status {
		out = append(out, difference{"Can sign in", statusText(saved.Status), statusText(typed.Status)})
	}
	return out
}
