package frontdoorpage

import (
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/web"
)

type waitingData struct {
	web.Page
	Waiting          []frontdoor.Waiter
	Team, Priority   string
	Teams, Priorites []web.Item
	Overdue          int
	OverdueText      string
}

// Waiting is the waiting list, by team and priority, longest wait first (GET /front-door/waiting).
func (p *Pages) Waiting() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		data := waitingData{Page: web.NewPage(r, "Waiting list"), Team: r.URL.Query().Get("team"), Priority: r.URL.Query().Get("priority")}
		teams, err := p.teams.Teams(r.Context())
		if err != nil {
			return err
		}
		data.Teams = []web.Item{{Value: "", Text: "All teams"}}
		known := false
		for _, t := range teams {
			data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name})
			known = known || t.ID == data.Team
		}
		if !known {
			data.Team = ""
		}
		data.Priorites = []web.Item{{Value: "", Text: "All priorities"}}
		for _, pr := range frontdoor.Priorities() {
			data.Priorites = append(data.Priorites, web.Item{Value: string(pr), Text: pr.Label()})
		}
		f := frontdoor.WaitingFilter{TeamID: data.Team}
		if pr, err := frontdoor.ParsePriority(data.Priority); err == nil {
			f.Priority = pr
		} else {
			data.Priority = ""
		}
		if data.Waiting, err = p.store.Waiting(r.Context(), f); err != nil {
			return err
		}
		for _, wt := range data.Waiting {
			if wt.CheckIn.Overdue {
				data.Overdue++
			}
		}
		switch data.Overdue {
		case 0:
		case 1:
			data.OverdueText = "1 person is overdue a check-in"
		default:
			data.OverdueText = strconv.Itoa(data.Overdue) + " people are overdue a check-in"
		}
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/waiting.html", data)
	}
}
