package strengthpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person    people.Person
	Groups    []group
	CanChange bool
	NewPath   string // the add form, carrying the episode the practitioner came from
	Episode   string
	Count     int
}

// group is one kind of strength and the person's strengths of that kind.
type group struct {
	Kind      strengths.Kind
	Strengths []strengths.Strength
	AddPath   string
}

// List shows a person's strengths grouped by kind, with a way to add one. Opening it is logged.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		person, list, err := p.store.List(web.Route(r), id)
		if err != nil {
			return err
		}
		episode := r.URL.Query().Get("episode")
		data := listData{Page: web.NewPage(r, "Strengths: "+person.FullName()), Person: person, CanChange: staff(r).Role.ChangesPeople(),
			NewPath: newStrengthPath(id, episode, ""), Episode: episode, Count: len(list)}
		data.Back = paths.Person.URL(id)
		for _, k := range strengths.Kinds() {
			g := group{Kind: k, AddPath: newStrengthPath(id, episode, k)}
			for _, s := range list {
				if s.Kind == k {
					g.Strengths = append(g.Strengths, s)
				}
			}
			data.Groups = append(data.Groups, g)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "strengths/list.html", data)
	}
}
