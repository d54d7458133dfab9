package reviewpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/web"
)

type teamData struct {
	web.Page
	Teams   []web.Item
	TeamID  string
	Result  reviews.TeamReviews
	Rows    []teamRow
	Chosen  bool
	Caption string
}

type teamRow struct {
	Name, Href, Worker, Due, Status, StatusClass string
}

func itoa(n int) string { return strconv.Itoa(n) }

// Team is a team's reviews due and overdue, most overdue first (GET /reviews?team=ID), for the team's managers and
// the quality lead. With no team chosen it shows the manager's first team. Like a caseload, the list opens no
// record, so it is not written to the access log.
func (p *Pages) Team() web.Handler {
	return web.Requires(councils.Role.OverseesReviews, func(w http.ResponseWriter, r *http.Request) error {
		me := staff(r)
		teams, err := p.dir.Teams(r.Context())
		if err != nil {
			return err
		}
		data := teamData{Page: web.NewPage(r, "Reviews due"), TeamID: r.URL.Query().Get("team")}
		for _, t := range teams {
			if me.Role == councils.QualityLead || me.InTeam(t.ID) {
				if data.TeamID == "" {
					data.TeamID = t.ID
				}
				data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name})
			}
		}
		if data.TeamID == "" {
			return p.tmpl.Render(w, r, http.StatusOK, "reviews/team.html", data)
		}
		res, err := p.store.Due(r.Context(), data.TeamID)
		if err != nil {
			return err
		}
		data.Result, data.Chosen = res, true
		data.Title = res.TeamName + ": reviews due"
		data.Caption = "Reviews due in the next " + itoa(reviews.DueWithinDays) + " days or overdue, most overdue first"
		for _, d := range res.Reviews {
			data.Rows = append(data.Rows, teamRow{Name: d.Name, Href: paths.Review.URL(d.PersonID, d.EpisodeID, d.ReviewID), Worker: d.WorkerName,
				Due: d.DueOn.Format("2 January 2006"), Status: d.Status.Label(), StatusClass: dueClass(d.Status)})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "reviews/team.html", data)
	})
}
