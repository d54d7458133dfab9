package outcomepage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/web"
)

type aspirationData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Term, Words                     string
	Version                         int
	Terms                           []web.Item
}

var aspirationOrder = []string{"version", "term", "words"}

func terms() []web.Item {
	return []web.Item{
		{Value: string(outcomes.ShortTerm), Text: outcomes.ShortTerm.Label(), Hint: "In the next few weeks or months"},
		{Value: string(outcomes.LongTerm), Text: outcomes.LongTerm.Label(), Hint: "A year or more away, or a hope for life"},
	}
}

// Aspiration adds one of the person's hopes (at /aspirations/new, usually with ?episode=) or changes one.
func (p *Pages) Aspiration() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, aspirationID := r.PathValue("id"), r.PathValue("aspiration")
		data := &aspirationData{PersonID: id, Editing: aspirationID != "", Terms: terms()}
		title := "Add an aspiration"
		if data.Editing {
			title = "Change an aspiration"
		}
		data.Page = web.NewPage(r, title)
		back := func() {
			data.Back = paths.Person.URL(id)
			if data.EpisodeID != "" {
				data.Back = paths.Outcomes.URL(id, data.EpisodeID)
			}
		}
		if !data.Editing {
			data.EpisodeID = r.URL.Query().Get("episode")
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[outcomes.Recorded]{
			Template: "outcomes/aspiration.html",
			Order:    aspirationOrder,
			Conflict: "Someone else changed this aspiration while you were editing it. Check their version below, then save again to keep yours",
			// Load reads the person (and the aspiration being changed) for the page, logging a view.
			Load: func() (outcomes.Recorded, error) {
				defer back()
				if data.Editing {
					person, rec, err := p.store.GetAspiration(web.Route(r), id, aspirationID)
					if err != nil {
						return rec, err
					}
					data.PersonName, data.EpisodeID = person.FullName(), rec.EpisodeID
					return rec, nil
				}
				person, err := p.store.Person(web.Route(r), id, data.EpisodeID)
				data.PersonName = person.FullName()
				return outcomes.Recorded{}, err
			},
			Fill: func(rec outcomes.Recorded) {
				if data.Editing {
					data.Term, data.Words, data.Version = string(rec.Term), rec.Words, rec.Version
				}
			},
			Read: func(f url.Values, errs *web.Errors) outcomes.Recorded {
				data.Term, data.Words = f.Get("term"), f.Get("words")
				data.Version = web.FormVersion(f, "version")
				if data.Editing {
					data.EpisodeID = f.Get("episode")
				}
				back()
				a := outcomes.Aspiration{ID: aspirationID, PersonID: id, EpisodeID: data.EpisodeID, Term: outcomes.Term(data.Term), Words: data.Words}
				web.AddProblems(errs, a.Validate(), aspirationOrder)
				return outcomes.Recorded{Aspiration: a, Version: data.Version}
			},
			Save: func(a outcomes.Recorded) (outcomes.Recorded, error) {
				if data.Editing {
					return a, p.store.UpdateAspiration(web.Route(r), a.Aspiration, a.Version)
				}
				_, err := p.store.AddAspiration(web.Route(r), a.Aspiration)
				return a, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed outcomes.Recorded) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Short or long term", saved.Term.Label(), typed.Term.Label()},
					[3]string{"In the person's words", saved.Words, strings.TrimSpace(typed.Words)},
				)
			},
			Done: func(outcomes.Recorded) error {
				if data.Editing {
					web.SetFlash(r, "Aspiration changed")
				} else {
					web.SetFlash(r, "Aspiration added")
				}
				http.Redirect(w, r, data.Back, http.StatusSeeOther)
				return nil
			},
		})
	})
}
