package supervisionpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type sessionData struct {
	web.Page
	web.ConflictPanel
	S        supervision.Session
	Agreeing bool // the signed-in member of staff is the supervisee
	Personal bool // the signed-in member of staff is one of the two, who alone see the personal sections
	Comment  string
	Version  int
}

// agreement is the supervisee's comment with the version it was made from.
type agreement struct {
	Comment string
	Version int
}

// Session shows a supervision session's record (GET /supervision/{session}) to its supervisor, its supervisee and
// quality leads, and takes the supervisee's agreement with their comment (POST).
func (p *Pages) Session() web.Handler {
	return web.Requires(councils.Role.SeesQuality, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("session")
		me, _ := councils.StaffFrom(r.Context())
		data := &sessionData{Page: web.NewPage(r, "Supervision")}
		data.Back = paths.Supervision.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[agreement]{
			Template: "supervision/session.html",
			Order:    []string{"version", "comment"},
			Conflict: "The record changed while you were reading it. Check it below, then agree again",
			Heading:  "What changed",
			Load: func() (agreement, error) {
				s, err := p.store.Session(web.Route(r), id)
				if err != nil {
					return agreement{}, err
				}
				data.S, data.Agreeing, data.Personal = s, s.SuperviseeID == me.ID, s.Between(me.ID)
				data.Title = "Supervision on " + s.HeldOn.Format("2 January 2006")
				return agreement{Comment: s.Comment, Version: s.Version}, nil
			},
			Fill: func(a agreement) { data.Comment, data.Version = a.Comment, a.Version },
			Read: func(f url.Values, errs *web.Errors) agreement {
				data.Comment, data.Version = f.Get("comment"), web.FormVersion(f, "version")
				return agreement{Comment: data.Comment, Version: data.Version}
			},
			Save: func(a agreement) (agreement, error) {
				return a, p.store.Agree(web.Route(r), id, a.Comment, a.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed agreement) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"Your comment", saved.Comment, strings.TrimSpace(typed.Comment)})
			},
			Done: func(agreement) error {
				web.SetFlash(r, "Thank you: your agreement is recorded")
				http.Redirect(w, r, paths.SupervisionSession.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
