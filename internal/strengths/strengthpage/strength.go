package strengthpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// strengthOrder is the order of the strength form's fields, for the error summary.
var strengthOrder = []string{"version", "episode", "kind", "person_words", "observed"}

type strengthData struct {
	web.Page
	web.ConflictPanel
	PersonID, PersonName string
	Editing              bool
	Form                 strengths.Strength
	Kinds                []web.Item
	Cancel               string
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

func readStrength(f url.Values) strengths.Strength {
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
		data := &strengthData{PersonID: id, Editing: strengthID != "", Kinds: kindItems(), Cancel: paths.Strengths.URL(id)}
		title := "Add a strength"
		if data.Editing {
			title = "Change a strength"
		}
		// glance reads only the name the practitioner already saw, logging nothing: the record is opened when they
		// save. A post glances first, so that someone who may not see the person is answered before anything is saved.
		glance := func() error {
			g, err := p.people.Glance(r.Context(), id)
			data.PersonName = g.FullName()
			return err
		}
		if r.Method == http.MethodPost {
			if err := glance(); err != nil {
				return err
			}
		}
		data.Page = web.NewPage(r, title)
		data.Back = paths.Strengths.URL(id)
		// saved reads the strength being changed, logging a view.
		saved := func() (strengths.Strength, error) {
			person, s, err := p.store.Strength(web.Route(r), id, strengthID)
			if err != nil {
				return s, err
			}
			data.PersonName = person.FullName()
			return s, nil
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[strengths.Strength]{
			Template: "strengths/strength.html",
			Order:    strengthOrder,
			Conflict: "Someone else changed this strength while you were editing it. Check their change, then save again to keep yours",
			Heading:  "What they saved",
			Load: func() (strengths.Strength, error) {
				switch {
				case r.Method == http.MethodPost: // glanced at above
					return strengths.Strength{}, nil
				case data.Editing:
					return saved()
				}
				return strengths.Strength{}, glance()
			},
			Latest: saved,
			Fill: func(s strengths.Strength) {
				if data.Editing {
					data.Form = s
					return
				}
				q := r.URL.Query()
				data.Form = strengths.Strength{Kind: strengths.Kind(q.Get("kind")), EpisodeID: q.Get("episode")}
			},
			Read: func(f url.Values, _ *web.Errors) strengths.Strength {
				s := readStrength(f)
				s.ID, s.PersonID = strengthID, id
				data.Form = s
				return s
			},
			Save: func(s strengths.Strength) (strengths.Strength, error) {
				if data.Editing {
					return s, p.store.Update(web.Route(r), s)
				}
				_, err := p.store.Add(web.Route(r), s)
				return s, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed strengths.Strength) []web.Difference {
				data.Form.Version = theirs.Version
				return web.Differences(
					[3]string{"Kind", theirs.Kind.Label(), typed.Kind.Label()},
					[3]string{"In their words", theirs.PersonWords, strings.TrimSpace(typed.PersonWords)},
					[3]string{"What you observed", theirs.Observed, strings.TrimSpace(typed.Observed)},
				)
			},
			Done: func(s strengths.Strength) error {
				if data.Editing {
					web.SetFlash(r, "Strength saved")
				} else {
					web.SetFlash(r, s.Kind.Label()+" strength added")
				}
				http.Redirect(w, r, paths.Strengths.URL(id)+"#"+string(s.Kind), http.StatusSeeOther)
				return nil
			},
			Remove:         func(s strengths.Strength) error { return p.store.Remove(web.Route(r), id, strengthID, s.Version) },
			RemoveConflict: "Someone else changed this strength while you were looking at it. Check their change, then remove it again if you still want to",
			Removed: func() error {
				web.SetFlash(r, "Strength removed")
				http.Redirect(w, r, paths.Strengths.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
