package crisispage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type markData struct {
	web.Page
	Person       people.Person
	WhatHappened string
	Support      []supportRow
	ReviewHours  int
	Cancel       string
}

var markOrder = []string{"what_happened", "support"}

// Mark marks an episode as crisis (GET and POST .../crisis/new).
func (p *Pages) Mark() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Episode
		if r.Method == http.MethodPost {
			load = p.store.Glance
		}
		page, err := load(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := markData{Page: web.NewPage(r, "Mark as crisis"), Person: page.Person, ReviewHours: page.ReviewHours, Cancel: paths.Crisis.URL(id, epID)}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Support = supportRows(nil, nil)
			return p.tmpl.Render(w, r, http.StatusOK, "crisis/mark.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.WhatHappened, data.Support = r.PostForm.Get("what_happened"), supportRows(r.PostForm, nil)
		m := crisis.Mark{WhatHappened: data.WhatHappened, Support: supportValues(data.Support)}
		_, err = p.store.Mark(web.Route(r), id, epID, m)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, markOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "crisis/mark.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Marked as crisis")
		http.Redirect(w, r, paths.Crisis.URL(id, epID), http.StatusSeeOther)
		return nil
	})
}
