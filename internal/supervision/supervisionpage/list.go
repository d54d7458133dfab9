package supervisionpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Mine       *supervision.Standing
	History    []supervision.Session
	Supervisee []supervision.Standing // the staff the signed-in member of staff supervises
	Shares     []supervision.TeamShares
	Supervises bool
	SetsPolicy bool
}

// List is the supervision page (GET /supervision): the signed-in member of staff's own supervision and their
// sessions, and, for those who supervise, each member of staff they supervise with their last session, when the next
// is due and whether it is overdue, and the share within policy by team over six months.
func (p *Pages) List() web.Handler {
	return web.Requires(councils.Role.SeesQuality, func(w http.ResponseWriter, r *http.Request) error {
		me, _ := councils.StaffFrom(r.Context())
		standings, err := p.store.Standings(web.Route(r))
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Supervision"), Supervises: web.Can(r, supervises), SetsPolicy: web.Can(r, councils.Role.RunsAudits)}
		for i, s := range standings {
			if s.Staff.ID == me.ID {
				data.Mine = &standings[i]
			} else {
				data.Supervisee = append(data.Supervisee, s)
			}
		}
		if data.History, err = p.store.History(web.Route(r), me.ID); err != nil {
			return err
		}
		if data.Supervises {
			if data.Shares, err = p.store.WithinPolicyByTeam(web.Route(r), 6); err != nil {
				return err
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "supervision/list.html", data)
	})
}
