package conversationpage

import (
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type stepData struct {
	web.Page
	PersonName string
	Step       conversations.Step
	Status     string
	Reason     string
	Version    int
	Statuses   []web.Item
	Cancel     string
	Legend     string
}

// Step changes where an episode has got to in one step: not started, in progress, completed, or not needed with a
// reason. Nothing forces a step.
func (p *Pages) Step() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		step, err := conversations.ParseStep(r.PathValue("step"))
		if err != nil {
			return web.NotFound
		}
		data := stepData{Page: web.NewPage(r, fmt.Sprintf("Step %d: %s", step, step.Label())), Step: step, Cancel: paths.Episode.URL(id, epID)}
		data.Back = data.Cancel
		data.Legend = fmt.Sprintf("Where has step %d, %s, got to?", step, strings.ToLower(step.Label()))
		for _, s := range conversations.StepStatuses() {
			data.Statuses = append(data.Statuses, web.Item{Value: string(s), Text: s.Label()})
		}
		load := func() error {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return err
			}
			st := rec.Episode.StepOf(step)
			data.PersonName, data.Version = rec.Person.FullName(), st.Version
			if r.Method != http.MethodPost {
				data.Status, data.Reason = string(st.Status), st.Reason
			}
			return nil
		}
		if r.Method != http.MethodPost {
			if err := load(); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "conversations/step.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Status, data.Reason = r.PostForm.Get("status"), strings.TrimSpace(r.PostForm.Get("reason"))
		data.Version = web.FormVersion(r.PostForm, "version")
		err = p.store.SetStep(web.Route(r), id, epID, conversations.StepRecord{Step: step, Status: conversations.StepStatus(data.Status), Reason: data.Reason, Version: data.Version})
		if ps, ok := validation.AsProblems(err); ok {
			if data.PersonName, err = p.glance(r, id); err != nil {
				return err
			}
			web.AddProblems(&data.Errors, ps, []string{"status", "reason"})
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "conversations/step.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			if err := load(); err != nil {
				return err
			}
			data.Errors.Add("status", "Someone else changed this step while you were looking at it. Check what you have selected, then save again")
			return p.tmpl.Render(w, r, http.StatusConflict, "conversations/step.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, fmt.Sprintf("Step %d is now %s", step, strings.ToLower(conversations.StepStatus(data.Status).Label())))
		http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
		return nil
	})
}
