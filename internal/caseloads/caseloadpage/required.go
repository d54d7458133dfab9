package caseloadpage

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/web"
)

// RequiredStore is what the required actions page needs of caseloads.Store.
type RequiredStore interface {
	RequiredActions(ctx context.Context, f caseloads.Filter) (caseloads.Required, error)
}

type requiredData struct {
	web.Page
	Heading   string
	Lines     []requiredLine
	Total     int
	Shown     int
	Teams     []web.Item
	ShowTeams bool
	TeamID    string
	Overdue   int
}

type requiredLine struct {
	PersonID, Person, Text, Reason, Href, Due, Tag, TagClass string
}

// Required lists the open required actions of the signed-in member of staff's own people, or with ?team=ID of a
// team's, for its managers and the quality lead: crisis reviews first, then soonest due.
func Required(tmpl *web.Templates, store RequiredStore, dir Directory) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, _ := councils.StaffFrom(r.Context())
		f := caseloads.Filter{WorkerID: me.ID}
		data := requiredData{Page: web.NewPage(r, "Required actions"), Heading: "Required actions for my people"}
		if team := r.URL.Query().Get("team"); team != "" {
			f = caseloads.Filter{TeamID: team}
			data.TeamID = team
		}
		res, err := store.RequiredActions(r.Context(), f)
		if err != nil {
			return err
		}
		data.Total, data.Shown = res.Total, len(res.Duties)
		for _, d := range res.Duties {
			line := requiredLine{PersonID: d.PersonID, Person: d.PersonName, Text: d.Kind.Label(), Reason: d.Reason, Href: d.Path, Due: d.When()}
			switch {
			case d.Overdue(res.Now):
				line.Tag, line.TagClass = "Overdue", "govuk-tag--red"
				data.Overdue++
			case d.Kind == duties.CrisisReview:
				line.Tag, line.TagClass = "Crisis", "govuk-tag--orange"
			default:
				line.Tag, line.TagClass = "Due", "govuk-tag--blue"
			}
			data.Lines = append(data.Lines, line)
		}
		if me.Role == councils.TeamManager || me.Role.SeesWholeCouncil() {
			teams, err := dir.Teams(r.Context())
			if err != nil {
				return err
			}
			data.Teams = append(data.Teams, web.Item{Value: "", Text: "My own people"})
			for _, t := range teams {
				if me.Role.SeesWholeCouncil() || me.InTeam(t.ID) {
					data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name, Checked: t.ID == data.TeamID})
					if t.ID == data.TeamID {
						data.Title, data.Heading = t.Name+": required actions", t.Name+": required actions"
					}
				}
			}
			data.ShowTeams = len(data.Teams) > 1
		}
		return tmpl.Render(w, r, http.StatusOK, "caseloads/required.html", data)
	}
}
