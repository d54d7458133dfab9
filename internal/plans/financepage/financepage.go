// Package financepage is finance's page: what the council spends on support, by team — the services in place with
// their weekly costs and the requests for authorisation — read-only and naming no one.
package financepage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the page needs of plans.ServiceStore.
type Store interface {
	Spend(ctx context.Context) (plans.Spend, error)
}

type spendData struct {
	web.Page
	Teams     []teamRow
	Total     teamRow
	Recent    []requestRow
	Threshold string // the council's authorisation threshold, or "" when it has set none
	Most      int    // how many requests the list shows at most
	At        string
}

type teamRow struct {
	Team, InPlace, Weekly, Waiting, WaitingWeekly, Authorised, AuthorisedWeekly, Declined string
}

type requestRow struct {
	Team, Service, Weekly, AskedBy, AskedOn, Decision, DecisionClass, DecidedBy, DecidedOn string
}

func row(t plans.TeamSpend, name string) teamRow {
	return teamRow{Team: name, InPlace: strconv.Itoa(t.InPlace), Weekly: plans.FormatPence(t.WeeklyPence),
		Waiting: strconv.Itoa(t.Waiting), WaitingWeekly: plans.FormatPence(t.WaitingPence),
		Authorised: strconv.Itoa(t.Authorised), AuthorisedWeekly: plans.FormatPence(t.AuthorisedPence), Declined: strconv.Itoa(t.Declined)}
}

// decisionClass is the tag colour of a decision; the tag's words say the same.
func decisionClass(d plans.Decision) string {
	switch d {
	case plans.Pending:
		return "govuk-tag--yellow"
	case plans.DecideAuthorise:
		return "govuk-tag--green"
	case plans.DecideDecline:
		return "govuk-tag--red"
	}
	return "govuk-tag--grey"
}

// Spend is finance's page (GET /finance): the totals by team and the latest requests for authorisation. The route
// lets only roles that read spend in; the store checks again.
func Spend(tmpl *web.Templates, store Store) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		s, err := store.Spend(r.Context())
		if err != nil {
			return err
		}
		data := spendData{Page: web.NewPage(r, "Spend on support"), Total: row(s.Total, "All teams"), Most: plans.RecentAuthorisations,
			At: s.At.Format("2 January 2006")}
		if s.ThresholdPence > 0 {
			data.Threshold = plans.FormatPence(s.ThresholdPence)
		}
		for _, t := range s.Teams {
			name := t.TeamName
			if t.TeamID == "" {
				name = "No team"
			}
			data.Teams = append(data.Teams, row(t, name))
		}
		for _, a := range s.Recent {
			rr := requestRow{Team: a.TeamName, Service: a.ServiceName, Weekly: plans.FormatPence(a.WeeklyCostPence), AskedBy: a.RequestedByName,
				AskedOn: a.RequestedAt.Format("2 January 2006"), Decision: a.Decision.Label(), DecisionClass: decisionClass(a.Decision), DecidedBy: a.DecidedByName}
			if rr.Team == "" {
				rr.Team = "No team"
			}
			if !a.DecidedAt.IsZero() {
				rr.DecidedOn = a.DecidedAt.Format("2 January 2006")
			}
			data.Recent = append(data.Recent, rr)
		}
		return tmpl.Render(w, r, http.StatusOK, "finance/spend.html", data)
	}
}
