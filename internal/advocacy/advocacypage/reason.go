package advocacypage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type reasonData struct {
	web.Page
	PersonID, EpisodeID string
	Person              people.Person
	Action              duties.Duty
	Reasons             []web.Item
	Reason, Details     string
	Cancel              string
}

// Reason meets a required action with a lawful reason not to arrange an advocate (GET and POST
// .../advocacy/actions/{action}/reason).
func (p *Pages) Reason() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, dutyID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("action")
		ep, err := p.load(r, id, epID)
		if err != nil {
			return err
		}
		data := reasonData{Page: web.NewPage(r, "Record a reason not to arrange an advocate"), PersonID: id, EpisodeID: epID, Person: ep.Person,
			Cancel: paths.Advocacy.URL(id, epID)}
		data.Back = data.Cancel
		d, ok := findAction(ep, dutyID)
		if !ok {
			if r.Method != http.MethodPost {
				return web.NotFound
			}
			data.Errors.Add("reason", "This required action has already been met. Check the advocacy page")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/reason.html", data)
		}
		data.Action = d
		for _, rs := range advocacy.ReasonsFor(d.Kind) {
			data.Reasons = append(data.Reasons, web.Item{Value: string(rs), Text: rs.Label()})
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "advocacy/reason.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Reason, data.Details = r.PostForm.Get("reason"), strings.TrimSpace(r.PostForm.Get("details"))
		err = p.store.NotNeeded(web.Route(r), id, epID, d.Kind, d.SubjectID, advocacy.NotMet{Reason: advocacy.Reason(data.Reason), Details: data.Details})
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("reason", "Someone else met this required action while you were working. Check the advocacy page")
			return p.tmpl.Render(w, r, http.StatusConflict, "advocacy/reason.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, []string{"reason", "details"})
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "advocacy/reason.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Reason recorded: "+d.Kind.Label()+" is met")
		http.Redirect(w, r, paths.Advocacy.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
