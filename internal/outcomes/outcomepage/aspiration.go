package outcomepage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type aspirationData struct {
	web.Page
	PersonID, PersonName, EpisodeID string
	Editing                         bool
	Term, Words                     string
	Version                         int
	Terms                           []web.Item
	Theirs                          []difference
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
	return func(w http.ResponseWriter, r *http.Request) error {
		id, aspirationID := r.PathValue("id"), r.PathValue("aspiration")
		if err := mayChange(r); err != nil {
			return err
		}
		data := aspirationData{PersonID: id, Editing: aspirationID != "", Terms: terms()}
		title := "Add an aspiration"
		if data.Editing {
			title = "Change an aspiration"
		}
		data.Page = web.NewPage(r, title)
		// load reads the person (and the aspiration being changed) for the page, logging a view.
		load := func() error {
			if data.Editing {
				person, rec, err := p.store.GetAspiration(route(r), id, aspirationID)
				if err != nil {
					return err
				}
				data.PersonName, data.EpisodeID = person.FullName(), rec.EpisodeID
				if r.Method != http.MethodPost {
					data.Term, data.Words, data.Version = string(rec.Term), rec.Words, rec.Version
				}
				return nil
			}
			person, err := p.store.Person(route(r), id, data.EpisodeID)
			data.PersonName = person.FullName()
			return err
		}
		back := func() {
			data.Back = paths.Person.URL(id)
			if data.EpisodeID != "" {
				data.Back = paths.Outcomes.URL(id, data.EpisodeID)
			}
		}
		if !data.Editing {
			data.EpisodeID = r.URL.Query().Get("episode")
		}
		if r.Method != http.MethodPost {
			if err := load(); err != nil {
				return err
			}
			back()
			return p.tmpl.Render(w, r, http.StatusOK, "outcomes/aspiration.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Term, data.Words = f.Get("term"), f.Get("words")
		data.Version, _ = strconv.Atoi(f.Get("version"))
		if data.Editing {
			data.EpisodeID = f.Get("episode")
		}
		back()
		a := outcomes.Aspiration{ID: aspirationID, PersonID: id, EpisodeID: data.EpisodeID, Term: outcomes.Term(data.Term), Words: data.Words}
		show := func(status int) error {
			if err := load(); err != nil {
				return err
			}
			back()
			return p.tmpl.Render(w, r, status, "outcomes/aspiration.html", data)
		}
		if ps := a.Validate(); len(ps) > 0 {
			web.AddProblems(&data.Errors, ps, aspirationOrder)
			return show(http.StatusUnprocessableEntity)
		}
		var err error
		if data.Editing {
			err = p.store.UpdateAspiration(route(r), a, data.Version)
		} else {
			_, err = p.store.AddAspiration(route(r), a)
		}
		if ps, ok := people.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, aspirationOrder)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			person, saved, err := p.store.GetAspiration(route(r), id, aspirationID)
			if err != nil {
				return err
			}
			data.PersonName, data.Version = person.FullName(), saved.Version
			data.Theirs = differences(
				[3]string{"Short or long term", saved.Term.Label(), outcomes.Term(data.Term).Label()},
				[3]string{"In the person's words", saved.Words, strings.TrimSpace(data.Words)},
			)
			data.Errors.Add("version", "Someone else changed this aspiration while you were editing it. Check their version below, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "outcomes/aspiration.html", data)
		}
		if err != nil {
			return err
		}
		if data.Editing {
			web.SetFlash(r, "Aspiration changed")
		} else {
			web.SetFlash(r, "Aspiration added")
		}
		http.Redirect(w, r, data.Back, http.StatusSeeOther)
		return nil
	}
}
