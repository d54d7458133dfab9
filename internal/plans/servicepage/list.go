package servicepage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"

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
	Arrange   []web.Action // a service to arrange for each solution on the ladder that no service delivers yet
	Threshold string       // the council's threshold, or "" when none is set
	Budget    []web.SummaryRow
	Total     string
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
	Payment        string // the direct payment's status and monitoring, for a service paid that way
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

// paymentLine is a direct payment's status and its next monitoring review, as lists show it.
func paymentLine(dp plans.DirectPayment, today sqldb.Date) string {
	line := "Direct payment: " + strings.ToLower(dp.Status.Label())
	if !dp.NextMonitoring.IsZero() {
		switch reviews.Status(dp.NextMonitoring, today) {
		case reviews.Overdue:
			line += ", monitoring review overdue since " + dp.NextMonitoring.Format("2 January 2006")
		case reviews.Due:
			line += ", monitoring review due " + dp.NextMonitoring.Format("2 January 2006")
		default:
			line += ", next monitoring review " + dp.NextMonitoring.Format("2 January 2006")
		}
	}
	return line
}

// List is an episode's services (GET /people/{id}/episodes/{episode}/services): each with its status, weekly
// cost, when it ends or is next reviewed, and the outcomes it serves. Opening it is logged.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Episode(web.Route(r), personID, episodeID)
		if err != nil {
			return err
		}
		data := listData{
			Page: web.NewPage(r, "Services"), Person: ep.Person, EpisodeID: episodeID,
			CanChange: staff(r).Role.ChangesPeople(), NewHref: paths.NewService.URL(personID, episodeID),
		}
		data.Back = paths.Person.URL(personID)
		if ep.ThresholdPence > 0 {
			data.Threshold = plans.FormatPence(ep.ThresholdPence)
		}
		for _, c := range ep.Unarranged() {
			data.Arrange = append(data.Arrange, web.Action{Href: paths.NewService.URL(personID, episodeID) + "?solution=" + url.QueryEscape(c.ID),
				Text: "Arrange a service for " + c.Rung.Label() + ": " + c.Description})
		}
		for _, s := range ep.Services {
			row := listRow{
				Name: s.Name(), Href: paths.Service.URL(personID, episodeID, s.ID), Status: s.Status.Label(), StatusClass: statusClass(s.Status),
				Weekly: plans.FormatPence(s.WeeklyCost), When: whenText(s), LongTerm: s.LongTerm,
			}
			if dp := ep.Payment(s.ID); dp != nil {
				row.Payment = paymentLine(*dp, ep.Today)
			} else if s.DeliveryMechanism == codelists.DeliveryDirectPayment && s.Changeable() {
				row.Payment = "Direct payment: agreement not recorded yet"
			}
			for _, o := range s.Outcomes {
				row.Outcomes = append(row.Outcomes, o.Different)
			}
			data.Rows = append(data.Rows, row)
		}
		b := ep.Budget()
		data.Total = b.Summary()
		for _, l := range b.Lines() {
			data.Budget = append(data.Budget, web.SummaryRow{Key: l.Key, Value: l.Value})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "services/list.html", data)
	}
}
