package conversationpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type endData struct {
	web.Page
	PersonName     string
	Step, Result   string
	Note           string
	EndedOn        web.DateInput
	Version        int
	Steps, Results []web.Item
	Cancel         string
}

var endOrder = []string{"version", "step", "result", "ended_on", "note"}

// End ends an episode at a step with a result from the Client Level Data event outcome list.
func (p *Pages) End() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		data := endData{Page: web.NewPage(r, "End this episode"), Cancel: paths.Episode.URL(id, epID)}
		data.Back = data.Cancel
		for _, s := range conversations.Steps() {
			data.Steps = append(data.Steps, web.Item{Value: strconv.Itoa(int(s)), Text: "Step " + strconv.Itoa(int(s)) + ": " + s.Label()})
		}
		data.Results = itemsOf(codelists.EventOutcome.Values(), resultLabel)
		if r.Method != http.MethodPost {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			if rec.Episode.Ended() {
				http.Redirect(w, r, data.Cancel, http.StatusSeeOther)
				return nil
			}
			data.PersonName, data.Version = rec.Person.FullName(), rec.Episode.Version
			data.Step = strconv.Itoa(int(rec.Episode.Position().FormStep()))
			data.EndedOn = web.DateInputOf(p.store.Today())
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/end.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Step, data.Result, data.Note = f.Get("step"), f.Get("result"), strings.TrimSpace(f.Get("note"))
		data.EndedOn = web.DateInputFrom(f, "ended_on")
		data.Version = web.FormVersion(f, "version")
		step, _ := conversations.ParseStep(data.Step)
		end := conversations.Ending{Step: step, Result: data.Result, Note: data.Note}
		if data.EndedOn.IsEmpty() {
			data.Errors.Add("ended_on", "Enter the date the work ended")
		} else {
			end.EndedOn = web.ReadDate(&data.Errors, data.EndedOn, "ended_on", "Date the work ended")
		}
		invalid := func(ps validation.Problems) error {
			name, err := p.glance(r, id)
			if err != nil {
				return err
			}
			data.PersonName = name
			web.AddProblems(&data.Errors, ps, endOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conversations/end.html", data)
		}
		if data.Errors.Any() {
			return invalid(end.Validate(sqldb.Date{}, p.store.Today()))
		}
		err := p.store.End(web.Route(r), id, epID, end, data.Version)
		if ps, ok := validation.AsProblems(err); ok {
			return invalid(ps)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			data.PersonName, data.Version = rec.Person.FullName(), rec.Episode.Version
			data.Errors.Add("version", "Someone else changed this episode while you were ending it. Check the episode, then end it again if it is still open")
			return p.tmpl.Render(w, r, http.StatusConflict, "conversations/end.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Episode ended: "+resultLabel(end.Result))
		http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
