package safeguardingpage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type allegedData struct {
	web.Page
	web.ConflictPanel
	View    safeguarding.View
	Action  string
	Form    raiseForm // only its Alleged is used
	Answers []web.Item
	Version int
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
		data := &allegedData{Page: web.NewPage(r, "Who is alleged to have caused the harm"), Action: paths.ConcernAlleged.URL(personID, concernID),
			Answers: answerItems()}
		data.Back = paths.Concern.URL(personID, concernID)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[safeguarding.Concern]{
			Template: "safeguarding/alleged.html",
			Order:    allegedOrder,
			Conflict: "Someone else changed this concern while you were editing. Check it, then save again",
			// Load reads the concern, a view, for every form shown.
			Load: func() (safeguarding.Concern, error) {
				v, err := p.store.Get(web.Route(r), personID, concernID)
				data.View = v
				return v.Concern, err
			},
			Fill: func(c safeguarding.Concern) {
				a := c.Alleged
				data.Form.Alleged = allegedForm{Someone: string(a.Someone), Name: a.Name, Relationship: a.Relationship, Trust: string(a.Trust), AtRisk: string(a.AtRisk)}
				data.Version = c.Version
			},
			Read: func(f url.Values, _ *web.Errors) safeguarding.Concern {
				data.Form.Alleged, data.Version = readAlleged(f), web.FormVersion(f, "version")
				return safeguarding.Concern{Alleged: data.Form.Alleged.alleged(), Version: data.Version}
			},
			// Save refuses a change to a completed concern outright: there is nothing to save again.
			Save: func(c safeguarding.Concern) (safeguarding.Concern, error) {
				err := p.store.RecordAlleged(web.Route(r), personID, concernID, c.Alleged, c.Version)
				if errors.Is(err, safeguarding.ErrClosed) {
					return c, web.Conflict
				}
				return c, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed safeguarding.Concern) []web.Difference {
				data.Version = theirs.Version
				return allegedDifferences(theirs.Alleged, typed.Alleged)
			},
			Done: func(safeguarding.Concern) error {
				web.SetFlash(r, "Who is alleged to have caused the harm is recorded")
				http.Redirect(w, r, paths.Concern.URL(personID, concernID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// allegedDifferences lists where who is alleged to have caused the harm, as saved, differs from what was typed.
func allegedDifferences(theirs, typed safeguarding.Alleged) []web.Difference {
	return web.Differences(
		[3]string{"Is anyone alleged to have caused the harm?", theirs.Someone.Label(), typed.Someone.Label()},
		[3]string{"Their name", theirs.Name, strings.TrimSpace(typed.Name)},
		[3]string{"Their relationship to the adult", theirs.Relationship, strings.TrimSpace(typed.Relationship)},
		[3]string{"In a position of trust", theirs.Trust.Label(), typed.Trust.Label()},
		[3]string{"Themselves an adult at risk", theirs.AtRisk.Label(), typed.AtRisk.Label()},
	)
}
