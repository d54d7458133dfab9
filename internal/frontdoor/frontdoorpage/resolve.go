package frontdoorpage

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type resolveData struct {
	web.Page
	Case         frontdoor.Case
	Result, Note string
	Signposting  SignpostsForm
	Version      int
	Results      []web.Item
	Cancel       string
}

// Resolve is the second page: the Client Level Data result that closes the contact, what advice was given, and
// signposts to community services found in the directory (GET and POST /people/{id}/episodes/{episode}/resolve).
func (p *Pages) Resolve() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		cs, err := p.caseFor(r, id, epID)
		if err != nil {
			return err
		}
		if cs.Episode.Ended() {
			http.Redirect(w, r, paths.Episode.URL(id, epID), http.StatusSeeOther)
			return nil
		}
		data := resolveData{Page: web.NewPage(r, "Resolve this contact"), Case: cs, Version: cs.Episode.Version, Cancel: paths.Triage.URL(id, epID)}
		for _, v := range conversations.ResultsForStep1() {
			data.Results = append(data.Results, web.Item{Value: v, Text: resultLabel(v)})
		}
		data.Back = data.Cancel
		if r.Method != http.MethodPost {
			data.Result = codelists.EventOutcomeInformationAdvice
			if data.Signposting, err = p.signposting.Blank(r.Context()); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/resolve.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		data.Result, data.Note = f.Get("result"), strings.TrimSpace(f.Get("note"))
		data.Version = web.FormVersion(f, "version")
		sf, acted, err := p.signposting.Read(r, &data.Errors)
		if err != nil {
			return err
		}
		data.Signposting = sf
		order := append([]string{"version", "result", "note"}, sf.Order()...)
		if acted {
			return p.tmpl.Render(w, r, StatusOf(data.Errors), "frontdoor/resolve.html", data)
		}
		end := conversations.Ending{Step: conversations.Step1, Result: data.Result, Note: data.Note}
		web.AddProblems(&data.Errors, end.Validate(cs.Episode.OpenedOn, web.Today(r).Time), order)
		today := web.Today(r).Time
		sps := sf.Signposts(&data.Errors, sqldb.NewDate(today), today)
		if data.Errors.Any() {
			data.Errors.Sort(order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/resolve.html", data)
		}
		err = p.store.Resolve(web.Route(r), id, epID, end, sps, data.Version)
		if errors.Is(err, sqldb.ErrConflict) {
			data.Errors.Add("version", "Someone else changed this contact while you were working. Check it on the contacts list, then try again")
			return p.tmpl.Render(w, r, http.StatusConflict, "frontdoor/resolve.html", data)
		}
		if ps, ok := validation.AsProblems(err); ok {
			sf.AddProblems(&data.Errors, ps, order)
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "frontdoor/resolve.html", data)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Contact about "+cs.Person.FullName()+" resolved: "+resultLabel(end.Result)+sf.Summary())
		http.Redirect(w, r, paths.FrontDoor.URL(), http.StatusSeeOther)
		return nil
	})
}
