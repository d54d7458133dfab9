package riskpage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Edit changes a saved risk (GET and POST .../risks/{risk}/edit). A risk someone else changed since the form was
// opened is not saved: the page (409) shows what they saved and keeps what was typed, to save again.
func (p *Pages) Edit() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID, riskID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("risk")
		load := p.store.Risk
		if r.Method == http.MethodPost {
			load = p.store.RiskGlance
		}
		page, was, err := load(web.Route(r), id, epID, riskID)
		if err != nil {
			return err
		}
		if was.Closed() {
			web.SetFlash(r, "This risk was closed at its review and cannot be changed")
			http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
			return nil
		}
		data := newForm(r, "Change the risk", page, paths.Risk.URL(id, epID, riskID))
		data.Submit = "Save changes"
		if r.Method != http.MethodPost {
			data.fill(was)
			return p.tmpl.Render(w, r, http.StatusOK, "risks/edit.html", data)
		}
		rk, err := data.read(r, id, epID)
		if err != nil {
			return err
		}
		rk.ID, rk.Version = riskID, data.Version
		if data.check(rk.Validate(p.store.Today(), was.ReviewOn)) {
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/edit.html", data)
		}
		err = p.store.Update(web.Route(r), rk)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Theirs, data.Version = &was, was.Version
			data.Errors.Add("version", "Someone else changed this risk while you were working. Check what they saved, then save again to keep your changes")
			return p.tmpl.Render(w, r, http.StatusConflict, "risks/edit.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "risks/edit.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Risk changed")
		http.Redirect(w, r, paths.Risk.URL(id, epID, riskID), http.StatusSeeOther)
		return nil
	})
}
