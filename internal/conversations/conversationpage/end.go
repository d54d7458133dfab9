package conversationpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type endData struct {
	web.Page
	// ConflictPanel stays empty: the episode's version also moves when it is triaged, which no field of this form
	// shows, so after a conflict the page links to the episode in place of a panel.
	web.ConflictPanel
	PersonName     string
	Step, Result   string
	Note           string
	EndedOn        web.DateInput
	Version        int
	Steps, Results []web.Item
	Cancel         string
}

var endOrder = []string{"version", "step", "result", "ended_on", "note"}

// End ends an episode at a step with a result from the Client Level Data event outcome list. An episode someone
// else changed since the form was opened is not ended: the form keeps what was typed, with the episode's version as
// saved now, and links to the episode to see what changed.
func (p *Pages) End() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		data := &endData{Page: web.NewPage(r, "End this episode"), Cancel: paths.Episode.URL(id, epID)}
		data.Back = data.Cancel
		for _, s := range conversations.Steps() {
			data.Steps = append(data.Steps, web.Item{Value: strconv.Itoa(int(s)), Text: "Step " + strconv.Itoa(int(s)) + ": " + s.Label()})
		}
		data.Results = itemsOf(codelists.EventOutcome.Values(), resultLabel)
		// saved reads the episode, a view of the record.
		saved := func() (conversations.EpisodeRecord, error) {
			rec, err := p.store.Episode(web.Route(r), id, epID)
			if err != nil {
				return rec, err
			}
			data.PersonName, data.Version = rec.Person.FullName(), rec.Episode.Version
			return rec, nil
		}
		var rec conversations.EpisodeRecord
		if r.Method != http.MethodPost {
			var err error
			if rec, err = saved(); err != nil {
				return err
			}
			if rec.Episode.Ended() {
				http.Redirect(w, r, data.Cancel, http.StatusSeeOther)
				return nil
			}
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[conversations.Ending]{
			Template: "conversations/end.html",
			Order:    endOrder,
			Conflict: "Someone else changed this episode while you were ending it. Check the episode, then end it again if it is still open",
			// Load has no more to read for the form than the episode read above.
			Load: formLoad(p, r, id, &data.PersonName, func() (conversations.Ending, error) { return conversations.Ending{}, nil }),
			Latest: func() (conversations.Ending, error) {
				_, err := saved()
				return conversations.Ending{}, err
			},
			Fill: func(conversations.Ending) {
				data.Step = strconv.Itoa(int(rec.Episode.Position().FormStep()))
				data.EndedOn = web.DateInputOf(web.Today(r).Time)
			},
			Read: func(f url.Values, errs *web.Errors) conversations.Ending {
				data.Step, data.Result, data.Note = f.Get("step"), f.Get("result"), strings.TrimSpace(f.Get("note"))
				data.EndedOn = web.DateInputFrom(f, "ended_on")
				data.Version = web.FormVersion(f, "version")
				end := conversations.Ending{Result: data.Result, Note: data.Note}
				if step, err := conversations.ParseStep(data.Step); err == nil {
					end.Step = step // otherwise the zero step, which Validate refuses
				}
				if data.EndedOn.IsEmpty() {
					errs.Add("ended_on", "Enter the date the work ended")
				} else {
					end.EndedOn = web.ReadDate(errs, data.EndedOn, "ended_on", "Date the work ended")
				}
				// The ending's own rules too, so that every mistake shows at once.
				web.AddProblems(errs, end.Validate(sqldb.Date{}, web.Today(r).Time), endOrder)
				return end
			},
			Save: func(end conversations.Ending) (conversations.Ending, error) {
				return end, p.store.End(web.Route(r), id, epID, end, data.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			// Latest has put the version saved now in the form.
			Compare: func(conversations.Ending, conversations.Ending) []web.Difference { return nil },
			Done: func(end conversations.Ending) error {
				web.SetFlash(r, "Episode ended: "+resultLabel(end.Result))
				http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
