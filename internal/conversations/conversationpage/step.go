package conversationpage

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type stepData struct {
	web.Page
	// ConflictPanel stays empty: after a conflict the radios show what was selected, with the message on them.
	web.ConflictPanel
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
// reason. Nothing forces a step. A change made while someone else changed the step is refused: the form keeps what
// was selected, with the step's version as saved now, so that saving again replaces theirs.
func (p *Pages) Step() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		step, err := conversations.ParseStep(r.PathValue("step"))
		if err != nil {
			return web.NotFound
		}
		data := &stepData{Page: web.NewPage(r, fmt.Sprintf("Step %d: %s", step, step.Label())), Step: step, Cancel: paths.Episode.URL(id, epID)}
		data.Back = data.Cancel
		data.Legend = fmt.Sprintf("Where has step %d, %s, got to?", step, strings.ToLower(step.Label()))
		for _, s := range conversations.StepStatuses() {
			data.Statuses = append(data.Statuses, web.Item{Value: string(s), Text: s.Label()})
		}
		// saved reads the step as saved, a view of the episode.
		saved := func() (conversations.StepRecord, error) {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return conversations.StepRecord{}, err
			}
			data.PersonName = rec.Person.FullName()
			return rec.Episode.StepOf(step), nil
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[conversations.StepRecord]{
			Template:      "conversations/step.html",
			Order:         []string{"status", "reason"},
			Conflict:      "Someone else changed this step while you were looking at it. Check what you have selected, then save again",
			ConflictField: "status",
			Load:          formLoad(p, r, id, &data.PersonName, saved),
			Latest:        saved,
			Fill: func(st conversations.StepRecord) {
				data.Status, data.Reason, data.Version = string(st.Status), st.Reason, st.Version
			},
			Read: func(f url.Values, _ *web.Errors) conversations.StepRecord {
				data.Status, data.Reason = f.Get("status"), strings.TrimSpace(f.Get("reason"))
				data.Version = web.FormVersion(f, "version")
				return conversations.StepRecord{Step: step, Status: conversations.StepStatus(data.Status), Reason: data.Reason, Version: data.Version}
			},
			Save: func(st conversations.StepRecord) (conversations.StepRecord, error) {
				return st, p.store.SetStep(web.Route(r), id, epID, st)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, _ conversations.StepRecord) []web.Difference {
				data.Version = theirs.Version
				return nil
			},
			Done: func(st conversations.StepRecord) error {
				web.SetFlash(r, fmt.Sprintf("Step %d is now %s", step, strings.ToLower(st.Status.Label())))
				http.Redirect(w, r, paths.Episode.URL(id, epID)+"#steps", http.StatusSeeOther)
				return nil
			},
		})
	})
}
