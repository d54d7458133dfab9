package auditpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/web"
)

type homeData struct {
	web.Page
	Mine      audits.Mine
	Rounds    []audits.RoundSummary
	Audits    bool // the signed-in member of staff audits: the council's rounds are shown
	RunsRound bool // the quality lead: creating rounds and the tools
	Statuses  []audits.Status
}

// Home is the quality home (GET /quality): the audits the signed-in member of staff has to do, the audits of their
// own cases, and, for those who audit, the council's rounds with their progress.
func (p *Pages) Home() web.Handler {
	return web.Requires(councils.Role.SeesQuality, func(w http.ResponseWriter, r *http.Request) error {
		mine, err := p.store.MyAudits(web.Route(r))
		if err != nil {
			return err
		}
		data := homeData{Page: web.NewPage(r, "Quality assurance"), Mine: mine, Audits: web.Can(r, councils.Role.Audits),
			RunsRound: web.Can(r, councils.Role.RunsAudits), Statuses: audits.Statuses()}
		if data.Audits {
			if data.Rounds, err = p.store.Rounds(web.Route(r)); err != nil {
				return err
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "quality/home.html", data)
	})
}
