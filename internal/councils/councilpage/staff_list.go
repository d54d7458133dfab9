package councilpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/web"
)

type staffRow struct {
	ID, Name, Email, Role, Teams, Status string
	Disabled, TwoFactor                  bool
}

type staffListData struct {
	web.Page
	Staff []staffRow
}

// StaffList lists the council's staff accounts (GET /admin/staff): name, email address, role, teams and status.
func (p *Pages) StaffList() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := admin(r); err != nil {
			return err
		}
		list, err := p.store.StaffList(r.Context())
		if err != nil {
			return err
		}
		teams, err := p.store.Teams(r.Context())
		if err != nil {
			return err
		}
		data := staffListData{Page: web.NewPage(r, "Staff")}
		for _, st := range list {
			data.Staff = append(data.Staff, staffRow{
				ID: st.ID, Name: st.Name, Email: st.Email, Role: st.Role.Label(), Teams: teamNames(teams, st.TeamIDs),
				Status: status(st.Disabled()), Disabled: st.Disabled(), TwoFactor: st.TOTPSecret != "",
			})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "councils/staff_list.html", data)
	}
}
