package frontdoorpage

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type triageData struct {
	web.Page
	web.ConflictPanel
	Case             frontdoor.Case
	PersonID         string
	Priority, Reason string
	Next             string
	Version          int
	Priorities       []web.Item
	Cancel           string
}

var triageOrder = []string{"version", "priority", "triage_reason", "next"}

// Triage is the first page from a new contact: how soon, why, and whether to resolve it now or add the person to
// the waiting list (GET and POST /people/{id}/episodes/{episode}/triage).
func (p *Pages) Triage() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		cs, err := p.caseFor(r, id, epID)
		if err != nil {
			return err
		}
		data := &triageData{Page: web.NewPage(r, "Triage this contact"), Case: cs, PersonID: id, Priorities: priorityItems(), Cancel: paths.FrontDoor.URL(),
			Priority: string(cs.Priority), Reason: cs.TriageReason, Version: cs.Episode.Version}
		data.Back = paths.FrontDoor.URL()
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[frontdoor.Triage]{
			Template: "frontdoor/triage.html",
			Order:    triageOrder,
			Conflict: "Someone else triaged this contact while you were working. Check their priority and reason, then save again to keep yours",
			Heading:  "The priority they chose",
			// Load is the contact read above, already in the form; Latest glances at it again after a refused save.
			Load: func() (frontdoor.Triage, error) { return triageOf(cs), nil },
			Latest: func() (frontdoor.Triage, error) {
				fresh, err := p.store.Glance(web.Route(r), id, epID)
				data.Case = fresh
				return triageOf(fresh), err
			},
			Read: func(f url.Values, errs *web.Errors) frontdoor.Triage {
				data.Priority, data.Reason, data.Next = f.Get("priority"), strings.TrimSpace(f.Get("triage_reason")), f.Get("next")
				data.Version = web.FormVersion(f, "version")
				t := frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}
				web.AddProblems(errs, t.Validate(), triageOrder)
				if data.Next != "resolve" && data.Next != "wait" {
					errs.Add("next", "Select whether to resolve the contact now or add the person to the waiting list")
				}
				return t
			},
			Save: func(t frontdoor.Triage) (frontdoor.Triage, error) {
				return t, p.store.Triage(web.Route(r), id, epID, t, data.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed frontdoor.Triage) []web.Difference {
				data.Version = data.Case.Episode.Version
				return triageDifferences(theirs, typed)
			},
			Done: func(t frontdoor.Triage) error {
				if data.Next == "resolve" {
					http.Redirect(w, r, paths.Resolve.URL(id, epID), http.StatusSeeOther)
					return nil
				}
				web.SetFlash(r, cs.Person.FullName()+" added to the waiting list, "+strings.ToLower(t.Priority.Label())+" priority")
				http.Redirect(w, r, paths.FrontDoor.URL(), http.StatusSeeOther)
				return nil
			},
		})
	}
}

// triageOf is a contact's triage as saved.
func triageOf(c frontdoor.Case) frontdoor.Triage {
	return frontdoor.Triage{Priority: c.Priority, Reason: c.TriageReason}
}

// triageDifferences lists where a triage as saved differs from the one typed.
func triageDifferences(theirs, typed frontdoor.Triage) []web.Difference {
	return web.Differences(
		[3]string{"Priority", theirs.Priority.Label(), typed.Priority.Label()},
		[3]string{"Why this priority", theirs.Reason, typed.Reason},
	)
}
