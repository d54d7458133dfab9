package strengthpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// strengthOrder is the order of the strength form's fields, for the error summary.
var strengthOrder = []string{"version", "episode", "kind", "person_words", "observed"}

type strengthData struct {
	web.Page
	PersonID, PersonName string
	Editing              bool
	Form                 strengths.Strength
	Kinds                []web.Item
	// Theirs is the strength as someone else saved it while this user was editing, shown beside the form.
	Theirs *strengths.Strength
	Cancel string
}

func newStrengthPath(personID, episode string, kind strengths.Kind) string {
	q := url.Values{}
	if episode != "" {
		q.Set("episode", episode)
	}
	if kind != "" {
		q.Set("kind", string(kind))
	}
	path := paths.NewStrength.URL(personID)
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}

func kindItems() []web.Item {
	var items []web.Item
	for _, k := range strengths.Kinds() {
		items = append(items, web.Item{Value: string(k), Text: k.Label(), Hint: k.Hint()})
	}
	return items
}

func readStrength(r *http.Request) strengths.Strength {
	f := r.PostForm
	v := web.FormVersion(f, "version")
	return strengths.Strength{Kind: strengths.Kind(f.Get("kind")), PersonWords: f.Get("person_words"), Observed: f.Get("observed"),
		EpisodeID: f.Get("episode"), Version: v}
}

// Strength records a new strength (on /strengths/new, with ?episode= for the episode it came from and ?kind= to
// choose the kind) or changes or removes one. A change from an old version is refused: the page shows what was
// saved beside what this user typed, keeps what they typed, and lets them save again on purpose.
func (p *Pages) Strength() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, strengthID := r.PathValue("id"), r.PathValue("strength")
		data := strengthData{PersonID: id, Editing: strengthID != "", Kinds: kindItems(), Cancel: paths.Strengths.URL(id)}
		title := "Add a strength"
		if data.Editing {
			title = "Change a strength"
		}
		if r.Method != http.MethodPost {
			data.Page = web.NewPage(r, title)
			data.Back = paths.Strengths.URL(id)
			if data.Editing {
				person, s, err := p.store.Strength(web.Route(r), id, strengthID)
				if err != nil {
					return err
				}
				data.PersonName, data.Form = person.FullName(), s
			} else {
				// The form shows only the name the practitioner already saw; the record is opened when they save.
				glance, err := p.people.Glance(r.Context(), id)
				if err != nil {
					return err
				}
				data.PersonName = glance.FullName()
				q := r.URL.Query()
				data.Form = strengths.Strength{Kind: strengths.Kind(q.Get("kind")), EpisodeID: q.Get("episode")}
			}
			return p.tmpl.Render(w, r, http.StatusOK, "strengths/strength.html", data)
		}

		glance, err := p.people.Glance(r.Context(), id)
		if err != nil {
			return err
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Strengths.URL(id)
		data.PersonName = glance.FullName()
		if err := web.ParseForm(r); err != nil {
			return err
		}
		s := readStrength(r)
		s.ID, s.PersonID = strengthID, id
		data.Form = s
		if data.Editing && r.PostForm.Get("remove") == "yes" {
			err := p.store.Remove(web.Route(r), id, strengthID, s.Version)
			if errors.Is(err, sqldb.ErrConflict) {
				return p.conflict(w, r, data, "Someone else changed this strength while you were looking at it. Check their change, then remove it again if you still want to")
			}
			if err != nil {
				return err
			}
			web.SetFlash(r, "Strength removed")
			http.Redirect(w, r, paths.Strengths.URL(id), http.StatusSeeOther)
			return nil
		}
		if data.Editing {
			err = p.store.Update(web.Route(r), s)
		} else {
			_, err = p.store.Add(web.Route(r), s)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, strengthOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "strengths/strength.html", data)
		}
		if errors.Is(err, sqldb.ErrConflict) {
			return p.conflict(w, r, data, "Someone else changed this strength while you were editing it. Check their change, then save again to keep yours")
		}
		if err != nil {
			return err
		}
		if data.Editing {
			web.SetFlash(r, "Strength saved")
		} else {
			web.SetFlash(r, s.Kind.Label()+" strength added")
		}
		http.Redirect(w, r, paths.Strengths.URL(id)+"#"+string(s.Kind), http.StatusSeeOther)
		return nil
	})
}

// conflict shows a strength someone else saved first beside what this user typed, which the form keeps; saving
// again from here replaces theirs.
func (p *Pages) conflict(w http.ResponseWriter, r *http.Request, data strengthData, message string) error {
	_, saved, err := p.store.Strength(web.Route(r), data.PersonID, data.Form.ID)
	if err != nil {
		return err
	}
	data.Theirs = &saved
	data.Form.Version = saved.Version
	data.Errors.Add("version", message)
	return p.tmpl.Render(w, r, http.StatusConflict, "strengths/strength.html", data)
}
