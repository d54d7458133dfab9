package personpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type breakGlassData struct {
	web.Page
	Person people.Summary
	Reason string
}

// BreakGlass asks why a member of staff needs a record that is not allocated to them or their teams. The reason
// is logged with the opening, administrators review it, and the record stays open to them for the session.
func (p *Pages) BreakGlass() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		summary, err := p.store.Glance(r.Context(), id)
		if err != nil {
			return err
		}
		if summary.Access.Sees() {
			http.Redirect(w, r, paths.Person.URL(id), http.StatusSeeOther)
			return nil
		}
		data := breakGlassData{Page: web.NewPage(r, "Why do you need to see this record?"), Person: summary}
		data.Back = paths.People.URL()
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "people/break_glass.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		data.Reason = strings.TrimSpace(r.PostForm.Get("reason"))
		err = p.store.BreakGlass(web.Route(r), id, data.Reason)
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, formOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/break_glass.html", data)
		}
		if err != nil {
			return err
		}
		if err := p.glass.AddBreakGlass(r.Context(), id); err != nil {
			return errors.Join(errors.New("remember break-glass for the session"), err)
		}
		http.Redirect(w, r, paths.Person.URL(id), http.StatusSeeOther)
		return nil
	}
}
