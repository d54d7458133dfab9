package councilpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type teamRow struct {
	Name    string
	Members int
}

type teamsData struct {
	web.Page
	Teams []teamRow
	Name  string // the new team's name, as typed
}

// Teams lists the council's teams and adds a team (GET and POST /admin/teams).
func (p *Pages) Teams() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := admin(r); err != nil {
			return err
		}
		data := teamsData{Page: web.NewPage(r, "Teams")}
		data.Back = paths.StaffList.URL()
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			data.Name = strings.Join(strings.Fields(r.PostForm.Get("name")), " ")
			switch {
			case data.Name == "":
				data.Errors.Add("name", "Enter a name for the team")
			case len(data.Name) > 100:
				data.Errors.Add("name", "Team name must be 100 characters or fewer")
			}
			if !data.Errors.Any() {
				_, err := p.store.CreateTeam(r.Context(), data.Name)
				switch {
				case errors.Is(err, sqldb.ErrConflict):
					data.Errors.Add("name", "There is already a team called "+data.Name+". Enter a different name")
				case err != nil:
					return err
				default:
					web.SetFlash(r, "Team added: "+data.Name)
					http.Redirect(w, r, paths.Teams.URL(), http.StatusSeeOther)
					return nil
				}
			}
		}
		teams, err := p.store.Teams(r.Context())
		if err != nil {
			return err
		}
		staff, err := p.store.StaffList(r.Context())
		if err != nil {
			return err
		}
		for _, t := range teams {
			row := teamRow{Name: t.Name}
			for _, st := range staff {
				if st.InTeam(t.ID) && !st.Disabled() {
					row.Members++
				}
			}
			data.Teams = append(data.Teams, row)
		}
		status := http.StatusOK
		if data.Errors.Any() {
			status = http.StatusUnprocessableEntity
		}
		return p.tmpl.Render(w, r, status, "councils/teams.html", data)
	}
}
