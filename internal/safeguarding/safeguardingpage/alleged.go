package safeguardingpage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type allegedData struct {
	web.Page
	View     safeguarding.View
	Action   string
	Form     raiseForm // only its Alleged is used
	Answers  []web.Item
	Version  int
	Conflict bool
}

var allegedOrder = []string{"version", "alleged", "alleged_name", "alleged_relationship", "alleged_trust", "alleged_at_risk"}

// Alleged records or corrects who is alleged to have caused the harm (GET and POST
// /people/{id}/safeguarding/{concern}/alleged), for the safeguarding roles only.
func (p *Pages) Alleged() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		// Only the safeguarding roles see who is alleged: anyone else (a lead practitioner) is refused before
		// the concern is read, so nothing is logged.
		if err := p.guard(r); err != nil {
			return err
		}
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		load := func() (allegedData, error) {
			v, err := p.store.Get(web.Route(r), personID, concernID)
			if err != nil {
				return allegedData{}, err
			}
			d := allegedData{Page: web.NewPage(r, "Who is alleged to have caused the harm"), View: v, Action: paths.ConcernAlleged.URL(personID, concernID),
				Answers: answerItems(), Version: v.Concern.Version}
			d.Back = paths.Concern.URL(personID, concernID)
			return d, nil
		}
		if r.Method != http.MethodPost {
			d, err := load()
			if err != nil {
				return err
			}
			a := d.View.Concern.Alleged
			d.Form.Alleged = allegedForm{Someone: string(a.Someone), Name: a.Name, Relationship: a.Relationship, Trust: string(a.Trust), AtRisk: string(a.AtRisk)}
			return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/alleged.html", d)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		form := readAlleged(r.PostForm)
		version := web.FormVersion(r.PostForm, "version")
		var errs web.Errors
		show := func(status int) error {
			d, err := load()
			if err != nil {
				return err
			}
			if status != http.StatusConflict {
				d.Version = version
			}
			d.Form.Alleged, d.Errors, d.Conflict = form, errs, status == http.StatusConflict
			return p.tmpl.Render(w, r, status, "safeguarding/alleged.html", d)
		}
		err := p.store.RecordAlleged(web.Route(r), personID, concernID, form.alleged(), version)
		if ps, ok := validation.AsProblems(err); ok {
			addProblems(&errs, ps, allegedOrder)
			return show(http.StatusUnprocessableEntity)
		}
		if errors.Is(err, safeguarding.ErrClosed) {
			return web.Conflict
		}
		if errors.Is(err, sqldb.ErrConflict) {
			errs.Add("version", "Someone else changed this concern while you were editing. Check it, then save again")
			return show(http.StatusConflict)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Who is alleged to have caused the harm is recorded")
		http.Redirect(w, r, paths.Concern.URL(personID, concernID), http.StatusSeeOther)
		return nil
	})
}
