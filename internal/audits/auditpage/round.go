package auditpage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type roundData struct {
	web.Page
	Round     audits.Round
	Audits    []audits.Audit
	ByTeam    []audits.ProgressRow
	ByAuditor []audits.ProgressRow
	Statuses  []audits.Status
	Overdue   map[string]bool
	CanClose  bool
	// CanDraw: the quality lead may draw the round's share of completed audits for moderation.
	CanDraw bool
}

// Round shows a round's progress (GET /quality/rounds/{round}): its audits by team and by auditor, allocated, in
// progress, completed and moderated, with those overdue; for the quality lead and team managers.
func (p *Pages) Round() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		return p.showRound(w, r, http.StatusOK)
	})
}

func (p *Pages) showRound(w http.ResponseWriter, r *http.Request, status int, problems ...validation.Problem) error {
	page, err := p.store.Round(web.Route(r), r.PathValue("round"))
	if err != nil {
		return err
	}
	today := web.Today(r)
	data := roundData{Page: web.NewPage(r, page.Round.Name), Round: page.Round, Audits: page.Audits, Statuses: audits.Statuses(),
		ByTeam:    audits.Progress(page.Audits, today, func(a audits.Audit) string { return a.TeamName }),
		ByAuditor: audits.Progress(page.Audits, today, func(a audits.Audit) string { return a.AuditorName }),
		Overdue:   map[string]bool{}, CanClose: page.Round.Open() && web.Can(r, councils.Role.RunsAudits)}
	data.CanDraw = data.CanClose && page.Round.ModerationPercent > 0
	for _, a := range page.Audits {
		data.Overdue[a.ID] = a.Overdue(today)
	}
	data.Back = paths.Quality.URL()
	web.AddProblems(&data.Errors, problems, nil)
	if status == http.StatusConflict {
		data.Errors.Add("version", "Someone else closed or changed this round while you were looking at it. Here it is as it is now")
	}
	return p.tmpl.Render(w, r, status, "quality/round.html", data)
}

// CloseRound closes a round (POST /quality/rounds/{round}/close): its auditors' read access to the sampled cases
// ends. For the quality lead.
func (p *Pages) CloseRound() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		id := r.PathValue("round")
		err := p.store.CloseRound(web.Route(r), id, web.FormVersion(r.PostForm, "version"))
		if errors.Is(err, sqldb.ErrConflict) {
			return p.showRound(w, r, http.StatusConflict)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Round closed: auditors no longer see its cases")
		http.Redirect(w, r, paths.AuditRound.URL(id), http.StatusSeeOther)
		return nil
	})
}

// DrawModeration draws the round's share of its completed audits for moderation and gives each to a moderator (POST
// /quality/rounds/{round}/moderation). For the quality lead.
func (p *Pages) DrawModeration() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(r); err != nil {
			return err
		}
		id := r.PathValue("round")
		n, err := p.store.DrawModeration(web.Route(r), id)
		if ps, ok := validation.AsProblems(err); ok {
			return p.showRound(w, r, http.StatusUnprocessableEntity, ps...)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, plural(n, "audit", "audits")+" drawn for moderation")
		http.Redirect(w, r, paths.AuditRound.URL(id), http.StatusSeeOther)
		return nil
	})
}
