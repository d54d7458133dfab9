package councilpage

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

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
		data := &staffFormData{Page: web.NewPage(r, st.Name), Roles: roleItems(), Teams: teamItems(teams), Staff: st, TwoFactor: st.TOTPSecret != ""}
		data.Back = paths.StaffList.URL()
		// No Order: validate gives the problems in the order of the form, and the checks of one's own account follow.
		return web.Edit(p.tmpl, w, r, data, web.EditForm[staffForm]{
			Template: "councils/edit_staff.html",
			Conflict: conflictMessage,
			Heading:  "What changed",
			Load:     func() (staffForm, error) { return formOf(st), nil },
			Latest: func() (staffForm, error) {
				saved, err := p.store.StaffByID(r.Context(), st.ID)
				data.Staff, data.TwoFactor = saved, saved.TOTPSecret != ""
				return formOf(saved), err
			},
			Fill: func(f staffForm) { data.Form = f },
			Read: func(form url.Values, errs *web.Errors) staffForm {
				data.Form = readStaffForm(form, false)
				data.Form.Email = st.Email
				*errs = data.Form.validate(teams)
				if st.ID == me.ID {
					// An administrator cannot lock themselves out; another administrator can change their account.
					if !errs.Has("role") && data.Form.Role != string(councils.Administrator) {
						errs.Add("role", "You cannot remove your own administrator role. Ask another administrator to change it")
					}
					if data.Form.Status == "disabled" {
						errs.Add("status", "You cannot disable your own account. Ask another administrator to disable it")
					}
				}
				return data.Form
			},
			Save: func(f staffForm) (staffForm, error) {
				return f, p.store.UpdateStaff(r.Context(), st.ID, councils.StaffChange{
					Name: f.Name, Role: councils.Role(f.Role), TeamIDs: f.TeamIDs, Disabled: f.Status == "disabled", Version: f.Version,
				})
			},
			Compare: func(saved, typed staffForm) []web.Difference {
				data.Form.Version = saved.Version
				return differences(saved, typed, teams)
			},
			Done: func(f staffForm) error {
				web.SetFlash(r, "Changes saved for "+f.Name)
				http.Redirect(w, r, paths.StaffList.URL(), http.StatusSeeOther)
				return nil
			},
		})
	}
}

// differences lists the fields where the saved account and what was typed disagree, in form order.
func differences(saved, typed staffForm, teams []councils.Team) []web.Difference {
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
	var out []web.Difference
	if saved.Name != typed.Name {
		out = append(out, web.Difference{Label: "Name", Theirs: saved.Name, Yours: typed.Name})
	}
	if saved.Role != typed.Role {
		out = append(out, web.Difference{Label: "Role", Theirs: role(saved.Role), Yours: role(typed.Role)})
	}
	if !sameTeams(saved.TeamIDs, typed.TeamIDs) {
		out = append(out, web.Difference{Label: "Teams", Theirs: teamNames(teams, saved.TeamIDs), Yours: teamNames(teams, typed.TeamIDs)})
	}
	if saved.Status != typed.Status {
		out = append(out, web.Difference{Label: "Can sign in", Theirs: statusText(saved.Status), Yours: statusText(typed.Status)})
	}
	return out
}
