package servicepage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person    people.Person
	EpisodeID string
	Rows      []listRow
	CanChange bool
	NewHref   string
	Threshold string // the council's threshold, or "" when none is set
}

// listRow is one service as the list shows it.
type listRow struct {
	Name, Href     string
	Status         string
	StatusClass    string
	Weekly         string
	When           string // when it ends, or its next review
	Outcomes       []string
	LongTerm       bool
	NeedsYourHands bool
}

// whenText says when a service ends or is next reviewed.
func whenText(r plans.ServiceRecord) string {
	switch {
	case r.Status == plans.Ended && !r.End.IsZero():
		return "Ended " + r.End.Format("2 January 2006")
	case !r.End.IsZero() && (r.NextReview.IsZero() || r.End.Before(r.NextReview.Time)):
		return "Ends " + r.End.Format("2 January 2006")
	case !r.NextReview.IsZero():
		return "Review " + r.NextReview.Format("2 January 2006")
	}
	return "Not set"
}

// List is an episode's services (GET /people/{id}/episodes/{episode}/services): each with its status, weekly
// cost, when it ends or is next reviewed, and the outcomes it serves. Opening it is logged.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(route(r), personID, episodeID)
		if err != nil {
			return err
		}
		data := listData{
			Page: web.NewPage(r, "Services"), Person: ep.Person, EpisodeID: episodeID,
			CanChange: staff(r).Role.ChangesPeople(), NewHref: NewPath(personID, episodeID),
		}
		data.Back = PersonPath(personID)
		if ep.ThresholdPence > 0 {
			data.Threshold = plans.FormatPence(ep.ThresholdPence)
		}
		for _, s := range ep.Services {
			row := listRow{
				Name: s.Name(), Href: ServicePath(personID, episodeID, s.ID), Status: s.Status.Label(), StatusClass: statusClass(s.Status),
				Weekly: plans.FormatPence(s.WeeklyCost), When: whenText(s), LongTerm: s.LongTerm,
			}
			for _, o := range s.Outcomes {
				row.Outcomes = append(row.Outcomes, o.Different)
			}
			data.Rows = append(data.Rows, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "services/list.html", data)
	}
}
