package reviewpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person    people.Person
	Scheduled []listRow
	Held      []listRow
	PlanHref  string
	NextHref  string // the form to schedule or move the next review; "" when the episode has ended
	NextText  string
	Ended     bool
}

type listRow struct {
	Href, Due, Status, StatusClass, Held, TScore, Outcome, Plan, Why string
}

// List is an episode's reviews (GET /people/{id}/episodes/{episode}/reviews): those scheduled, with whether each is
// due or overdue, and those held, with their T-score and outcome. Opening it is logged.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(web.Route(r), personID, episodeID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Reviews"), Person: ep.Person, PlanHref: paths.SupportPlans.URL(personID, episodeID)}
		data.Back = paths.Episode.URL(personID, episodeID)
		for _, rv := range ep.Reviews {
			row := listRow{Href: paths.Review.URL(personID, episodeID, rv.ID), Due: rv.DueOn.Format("2 January 2006"), TScore: rv.TScoreText(), Outcome: rv.Outcome,
				Why: rv.DueReason}
			if rv.PlanVersion > 0 {
				row.Plan = "Version " + itoa(rv.PlanVersion)
			}
			if rv.Completed() {
				row.Held = rv.HeldOn.Format("2 January 2006")
				data.Held = append(data.Held, row)
				continue
			}
			st := reviews.Status(rv.DueOn, ep.Today)
			row.Status, row.StatusClass = st.Label(), dueClass(st)
			data.Scheduled = append(data.Scheduled, row)
		}
		data.Ended = ep.Episode.Ended()
		if !data.Ended && staff(r).Role.ChangesPeople() {
			data.NextHref, data.NextText = paths.NextReview.URL(personID, episodeID), "Schedule the next review"
			if len(data.Scheduled) > 0 {
				data.NextText = "Move the next review"
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "reviews/list.html", data)
	}
}
