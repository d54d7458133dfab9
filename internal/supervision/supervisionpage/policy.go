package supervisionpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type weeksRow struct {
	Name, Label, Value string
}

type policyData struct {
	web.Page
	web.ConflictPanel
	Roles []weeksRow
	Staff []weeksRow
}

// supervisedRoles are the roles whose frequency the policy sets, in the order the form shows them.
var supervisedRoles = []councils.Role{councils.Practitioner, councils.TeamManager, councils.DirectoryEditor}

// Policy sets how often staff are supervised (GET and POST /supervision/policy): weeks by role, and a person's own
// where it differs. For the quality lead.
func (p *Pages) Policy() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		data := &policyData{Page: web.NewPage(r, "Supervision policy")}
		data.Back = paths.Supervision.URL()
		staff, err := p.store.Standings(web.Route(r))
		if err != nil {
			return err
		}
		for _, role := range supervisedRoles {
			data.Roles = append(data.Roles, weeksRow{Name: "weeks_" + string(role), Label: role.Label()})
		}
		for _, s := range staff {
			data.Staff = append(data.Staff, weeksRow{Name: "staff_" + s.Staff.ID, Label: s.Staff.Name})
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[supervision.Policy]{
			Template: "supervision/policy.html",
			Load:     func() (supervision.Policy, error) { return p.store.Policy(web.Route(r)) },
			Fill: func(pol supervision.Policy) {
				for i, role := range supervisedRoles {
					if wk, ok := pol.ByRole[role]; ok {
						data.Roles[i].Value = strconv.Itoa(wk)
					}
				}
				for i, s := range staff {
					if wk, ok := pol.ByStaff[s.Staff.ID]; ok {
						data.Staff[i].Value = strconv.Itoa(wk)
					}
				}
			},
			Read: func(f url.Values, errs *web.Errors) supervision.Policy {
				pol := supervision.Policy{ByRole: map[councils.Role]int{}, ByStaff: map[string]int{}}
				read := func(rows []weeksRow, keep func(name string, n int)) []weeksRow {
					for i := range rows {
						rows[i].Value = strings.TrimSpace(f.Get(rows[i].Name))
						if rows[i].Value == "" {
							continue
						}
						n, err := strconv.Atoi(rows[i].Value)
						if err != nil {
							errs.Add(rows[i].Name, "Weeks must be a whole number, like 4")
							continue
						}
						keep(rows[i].Name, n)
					}
					return rows
				}
				data.Roles = read(data.Roles, func(name string, n int) { pol.ByRole[councils.Role(strings.TrimPrefix(name, "weeks_"))] = n })
				data.Staff = read(data.Staff, func(name string, n int) { pol.ByStaff[strings.TrimPrefix(name, "staff_")] = n })
				return pol
			},
			Save: func(pol supervision.Policy) (supervision.Policy, error) {
				return pol, p.store.SetPolicy(web.Route(r), pol)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(supervision.Policy) error {
				web.SetFlash(r, "Supervision policy saved")
				http.Redirect(w, r, paths.Supervision.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}
