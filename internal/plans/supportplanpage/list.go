package supportplanpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listData struct {
	web.Page
	Person    people.Person
	Current   *planRow // the draft, or the plan in force when there is no draft
	Agreed    *planRow // the plan in force, when there is also a draft
	History   []planRow
	CanChange bool
	HasDraft  bool
	NewAction string
	NewButton string
}

// planRow is one version as the lists show it.
type planRow struct {
	Name, Lower, Href, Status, StatusClass, Agreed, Review, MyPlan string
}

func rowOf(personID, episodeID string, p plans.SupportPlan) planRow {
	href := paths.SupportPlan.URL(personID, episodeID, p.ID)
	return planRow{Name: "Version " + strconv.Itoa(p.PlanVersion), Lower: "version " + strconv.Itoa(p.PlanVersion), Href: href, Status: p.Status.Label(), StatusClass: statusClass(p.Status),
		Agreed: dateText(p.Agreement.On, "Not agreed yet"), Review: dateText(p.ReviewOn, "Not scheduled"), MyPlan: paths.MyPlan.URL(personID, episodeID, p.ID)}
}

// List is the episode's support plans (GET /people/{id}/episodes/{episode}/plan): the draft being worked on, the
// plan in force, and every version before. Opening it is logged.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		ep, err := p.store.Plans(web.Route(r), personID, episodeID)
		if err != nil {
			return err
		}
		data := listData{Page: web.NewPage(r, "Support plan"), Person: ep.Person, CanChange: staff(r).Role.ChangesPeople(),
			NewAction: paths.NewSupportPlan.URL(personID, episodeID)}
		data.Back = paths.Episode.URL(personID, episodeID)
		draft, hasDraft := ep.Draft()
		agreed, hasAgreed := ep.Agreed()
		data.HasDraft, data.NewButton = hasDraft, "Make a draft plan"
		if hasAgreed {
			data.NewButton = "Make a new draft version"
		}
		switch {
		case hasDraft:
			row := rowOf(personID, episodeID, draft)
			data.Current = &row
			if hasAgreed {
				a := rowOf(personID, episodeID, agreed)
				data.Agreed = &a
			}
		case hasAgreed:
			row := rowOf(personID, episodeID, agreed)
			data.Current = &row
		}
		for _, pl := range ep.Plans {
			data.History = append(data.History, rowOf(personID, episodeID, pl))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "supportplans/list.html", data)
	}
}

// NewDraft makes a draft version of the plan from the episode's thread as it is now (POST .../plan/new), or opens
// the draft the episode already has.
func (p *Pages) NewDraft() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID := r.PathValue("id"), r.PathValue("episode")
		plan, created, err := p.store.NewDraft(web.Route(r), personID, episodeID)
		if err != nil {
			return err
		}
		if created {
			web.SetFlash(r, "Draft plan made from the outcomes, solutions and services as they are now")
		} else {
			web.SetFlash(r, "This episode already has a draft plan: here it is")
		}
		http.Redirect(w, r, paths.SupportPlan.URL(personID, episodeID, plan.ID), http.StatusSeeOther)
		return nil
	})
}
