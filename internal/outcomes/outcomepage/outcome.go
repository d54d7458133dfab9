package outcomepage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type outcomeData struct {
	web.Page
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Form                            outcomeForm
	Choices                         choices
	// Missing names what the saved outcome still needs to be SMART, when it is being changed.
	Missing string
	Theirs  []difference
}

// Outcome adds an outcome to an episode (at /outcomes/new) or changes one. A draft can be saved with only what
// will be different; the page then says what it still needs to be SMART.
func (p *Pages) Outcome() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, episode, outcomeID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("outcome")
		if err := mayChange(r); err != nil {
			return err
		}
		data := outcomeData{PersonID: id, EpisodeID: episode, Editing: outcomeID != ""}
		title := "Add an outcome"
		if data.Editing {
			title = "Change an outcome"
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Outcomes.URL(id, episode)
		// board reads the episode for the page, logging a view; when changing, the outcome must be in it.
		board := func() (outcomes.Board, outcomes.Outcome, error) {
			b, err := p.store.Board(route(r), id, episode)
			if err != nil {
				return b, outcomes.Outcome{}, err
			}
			data.PersonName, data.Choices = b.Person.FullName(), choicesFor(b)
			if !data.Editing {
				return b, outcomes.Outcome{}, nil
			}
			o, ok := b.Outcome(outcomeID)
			if !ok {
				return b, o, web.NotFound
			}
			data.Missing = o.MissingText()
			return b, o, nil
		}
		if r.Method != http.MethodPost {
			_, o, err := board()
			if err != nil {
				return err
			}
			if data.Editing {
				data.Form = formOf(o)
			}
			return p.tmpl.Render(w, r, http.StatusOK, "outcomes/outcome.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Form = readOutcomeForm(r.PostForm)
		o, errs := data.Form.outcome()
		o.ID, o.PersonID, o.EpisodeID = outcomeID, id, episode
		show := func(status int) error {
			if _, _, err := board(); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, status, "outcomes/outcome.html", data)
		}
		web.AddProblems(&errs, o.Validate(), outcomeOrder)
		if data.Errors = errs; errs.Any() {
			return show(http.StatusUnprocessableEntity)
		}
		var err error
		if data.Editing {
			err = p.store.UpdateOutcome(route(r), o)
		} else {
			_, err = p.store.AddOutcome(route(r), o)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, outcomeOrder)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			b, saved, err := board()
			if err != nil {
				return err
			}
			theirs, yours := summaryOf(saved, b), summaryOf(o, b)
			for i := range theirs {
				if theirs[i][1] != yours[i][1] {
					data.Theirs = append(data.Theirs, difference{Label: theirs[i][0], Theirs: theirs[i][1], Yours: yours[i][1]})
				}
			}
			data.Form.Version = saved.Version
			data.Errors.Add("version", "Someone else changed this outcome while you were editing it. Check their version below, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "outcomes/outcome.html", data)
		}
		if err != nil {
			return err
		}
		if !o.IsSMART() {
			web.SetFlash(r, "Outcome saved as a draft. It is not SMART yet")
		} else {
			web.SetFlash(r, "Outcome saved. It is SMART")
		}
		http.Redirect(w, r, paths.Outcomes.URL(id, episode), http.StatusSeeOther)
		return nil
	}
}
