package outcomepage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/web"
)

type outcomeData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Form                            outcomeForm
	Choices                         choices
	// Missing names what the saved outcome still needs to be SMART, when it is being changed.
	Missing string
}

// Outcome adds an outcome to an episode (at /outcomes/new) or changes one. A draft can be saved with only what
// will be different; the page then says what it still needs to be SMART.
func (p *Pages) Outcome() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, episode, outcomeID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("outcome")
		data := &outcomeData{PersonID: id, EpisodeID: episode, Editing: outcomeID != ""}
		title := "Add an outcome"
		if data.Editing {
			title = "Change an outcome"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Outcomes.URL(id, episode)
		var board outcomes.Board
		return web.Edit(p.tmpl, w, r, data, web.EditForm[outcomes.Outcome]{
			Template: "outcomes/outcome.html",
			Order:    outcomeOrder,
			Conflict: "Someone else changed this outcome while you were editing it. Check their version below, then save again to keep yours",
			// Load reads the episode for the page, logging a view; when changing, the outcome must be in it.
			Load: func() (outcomes.Outcome, error) {
				b, err := p.store.Board(web.Route(r), id, episode)
				if err != nil {
					return outcomes.Outcome{}, err
				}
				board = b
				data.PersonName, data.Choices = b.Person.FullName(), choicesFor(b)
				if !data.Editing {
					return outcomes.Outcome{}, nil
				}
				o, ok := b.Outcome(outcomeID)
				if !ok {
					return o, web.NotFound
				}
				data.Missing = o.MissingText()
				return o, nil
			},
			Fill: func(o outcomes.Outcome) {
				if data.Editing {
					data.Form = formOf(o)
				}
			},
			Read: func(form url.Values, errs *web.Errors) outcomes.Outcome {
				data.Form = readOutcomeForm(form)
				o, own := data.Form.outcome()
				o.ID, o.PersonID, o.EpisodeID = outcomeID, id, episode
				*errs = own
				web.AddProblems(errs, o.Validate(), outcomeOrder)
				return o
			},
			Save: func(o outcomes.Outcome) (outcomes.Outcome, error) {
				if data.Editing {
					return o, p.store.UpdateOutcome(web.Route(r), o)
				}
				_, err := p.store.AddOutcome(web.Route(r), o)
				return o, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed outcomes.Outcome) []web.Difference {
				theirs, yours := summaryOf(saved, board), summaryOf(typed, board)
				rows := make([][3]string, len(theirs))
				for i := range theirs {
					rows[i] = [3]string{theirs[i][0], theirs[i][1], yours[i][1]}
				}
				data.Form.Version = saved.Version
				return web.Differences(rows...)
			},
			Done: func(o outcomes.Outcome) error {
				if !o.IsSMART() {
					web.SetFlash(r, "Outcome saved as a draft. It is not SMART yet")
				} else {
					web.SetFlash(r, "Outcome saved. It is SMART")
				}
				http.Redirect(w, r, paths.Outcomes.URL(id, episode), http.StatusSeeOther)
				return nil
			},
		})
	})
}
