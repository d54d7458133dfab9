package auditpage

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type reallocateData struct {
	web.Page
	web.ConflictPanel
	R         audits.Reallocation
	Auditors  []web.Item
	AuditorID string
	Hint      string // who the round allows
	DueOn     web.DateInput
	Version   int
}

// reallocated is a move as the form reads it, with the version it was made from.
type reallocated struct {
	audits.Move
	Version int
}

// Reallocate gives an audit not yet completed to another auditor with a new due date (GET and POST
// /quality/audits/{audit}/reallocate): for the quality lead, when an auditor is away or has too many. Only those
// the round's rules allow are offered.
func (p *Pages) Reallocate() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("audit")
		data := &reallocateData{Page: web.NewPage(r, "Reallocate the audit")}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[reallocated]{
			Template: "quality/reallocate.html",
			Order:    []string{"version", "auditor_id", "due_on"},
			Conflict: "Someone else changed the audit while you were reallocating it. Check who has it now, then reallocate again",
			Load: func() (reallocated, error) {
				re, err := p.store.Reallocating(web.Route(r), id)
				if err != nil {
					return reallocated{}, err
				}
				data.R, data.Back = re, paths.AuditRound.URL(re.Round.ID)
				data.Hint = "Only those the round allows: never the practitioner whose case it is"
				if re.Round.OfSupervision() {
					data.Hint = "Only quality leads who neither held nor had the session"
				}
				if re.Round.NotOwnTeam {
					data.Hint += ", nor anyone in the team"
				}
				data.Auditors = nil
				for _, a := range re.Auditors {
					data.Auditors = append(data.Auditors, web.Item{Value: a.ID, Text: a.Name})
				}
				return reallocated{Move: audits.Move{AuditorID: re.Audit.AuditorID, DueOn: re.Audit.DueOn}, Version: re.Audit.Version}, nil
			},
			Fill: func(m reallocated) {
				data.AuditorID, data.DueOn, data.Version = "", web.DateInputOf(m.DueOn.Time), m.Version
			},
			Read: func(f url.Values, errs *web.Errors) reallocated {
				data.AuditorID, data.DueOn, data.Version = f.Get("auditor_id"), web.DateInputFrom(f, "due_on"), web.FormVersion(f, "version")
				return reallocated{Move: audits.Move{AuditorID: data.AuditorID, DueOn: web.ReadDate(errs, data.DueOn, "due_on", "Date the audit is due")},
					Version: data.Version}
			},
			Save: func(m reallocated) (reallocated, error) {
				a, err := p.store.Reallocate(web.Route(r), id, m.Move, m.Version)
				if err == nil {
					web.SetFlash(r, fmt.Sprintf("The audit of %s is now %s’s, due by %s", a.Subject(), a.AuditorName, a.DueOn.Format("2 January 2006")))
				}
				return m, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed reallocated) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"Auditor", data.R.Audit.AuditorName, nameOf(data.R.Auditors, typed.AuditorID)},
					[3]string{"Due by", saved.DueOn.Format("2 January 2006"), typed.DueOn.Format("2 January 2006")})
			},
			Done: func(reallocated) error {
				http.Redirect(w, r, paths.AuditRound.URL(data.R.Round.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// nameOf is the name of the auditor with id among auditors, or "" when none is.
func nameOf(auditors []audits.Auditor, id string) string {
	for _, a := range auditors {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}
