package frontdoorpage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type triageData struct {
	web.Page
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
		data := triageData{Page: web.NewPage(r, "Triage this contact"), Case: cs, PersonID: id, Priorities: priorityItems(), Cancel: paths.FrontDoor.URL(),
			Priority: string(cs.Priority), Reason: cs.TriageReason, Version: cs.Episode.Version}
		data.Back = paths.FrontDoor.URL()
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		if r.Method != http.MethodPost {
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/triage.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Priority, data.Reason, data.Next = f.Get("priority"), strings.TrimSpace(f.Get("triage_reason")), f.Get("next")
		data.Version = web.FormVersion(f, "version")
		t := frontdoor.Triage{Priority: frontdoor.Priority(data.Priority), Reason: data.Reason}
		web.AddProblems(&data.Errors, t.Validate(), triageOrder)
		if data.Next != "resolve" && data.Next != "wait" {
			data.Errors.Add("next", "Select whether to resolve the contact now or add the person to the waiting list")
		}
		if data.Errors.Any() {
			data.Errors.Sort(triageOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/triage.html", data)
		}
		err = p.store.Triage(web.Route(r), id, epID, t, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			fresh, ferr := p.store.Glance(web.Route(r), id, epID)
			if ferr != nil {
				return ferr
			}
			data.Case, data.Version = fresh, fresh.Episode.Version
			data.Errors.Add("version", "Someone else triaged this contact while you were working. Check their priority and reason, then save again to keep yours")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/triage.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			web.AddProblems(&data.Errors, ps, triageOrder)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/triage.html", data)
		}
		if err != nil {
			return err
		}
		if data.Next == "resolve" {
			http.Redirect(w, r, paths.Resolve.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		web.SetFlash(r, cs.Person.FullName()+" added to the waiting list, "+strings.ToLower(t.Priority.Label())+" priority")
		http.Redirect(w, r, paths.FrontDoor.URL(), http.StatusSeeOther)
		return nil
	}
}
