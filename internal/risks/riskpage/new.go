package riskpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// New records a risk (GET and POST .../risks/new).
func (p *Pages) New() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		load := p.store.Risks
		if r.Method == http.MethodPost {
			load = p.store.RisksGlance
		}
		page, err := load(web.Route(r), id, epID)
		if err != nil {
			return err
		}
		data := newForm(r, "Record a risk", page, paths.Risks.URL(id, epID))
		today := web.Today(r).Time
		if r.Method != http.MethodPost {
			data.Mitigations, data.Agreed = rows("mitigation", nil), rows("agreed", nil)
			data.Agreed[0].What, data.Agreed[0].Who = page.Person.FullName(), "The person"
			data.DecidedOn, data.ReviewOn = web.DateInputOf(today), web.DateInputOf(today.AddDate(0, 3, 0))
			return p.tmpl.Render(w, r, http.StatusOK, "risks/new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		rk := data.read(r.PostForm, id, epID)
		if data.check(rk.Validate(today, sqldb.Date{})) {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/new.html", data)
		}
		got, err := p.store.Add(web.Route(r), rk)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/new.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Risk recorded; review by "+got.ReviewOn.Format("2 January 2006"))
		http.Redirect(w, r, paths.Risk.URL(id, epID, got.ID), http.StatusSeeOther)
		return nil
	})
}
