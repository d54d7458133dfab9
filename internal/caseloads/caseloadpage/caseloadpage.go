// Package caseloadpage provides caseloads: a practitioner's own people with what needs doing next for each, and a
// team manager's view of a team or of one of its workers.
package caseloadpage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// OwnCaseload is the choice of team that asks for the signed-in member of staff's own people, for a team manager
// whose caseload page otherwise opens on their team's.
const OwnCaseload = "mine"

// Store is what the caseload page needs of caseloads.Store.
type Store interface {
	Caseload(ctx context.Context, f caseloads.Filter) (caseloads.Result, error)
}

// Supervision says whose supervision is overdue, for the caseload page to say so where managers and practitioners
// look.
type Supervision interface {
	OverdueNow(ctx context.Context) (supervision.Overdue, error)
}

// Induction says which new starters' induction steps are overdue, for a manager's caseload page to flag them.
type Induction interface {
	OverdueInduction(ctx context.Context) ([]learning.Pathway, error)
}

// Drafts lists the signed-in member of staff's conversations saved as drafts and not yet recorded
// (sittings.Store.OwnDrafts), for the caseload to list until they are finished.
type Drafts interface {
	OwnDrafts(ctx context.Context) ([]sittings.Draft, error)
}

// Directory offers the teams and staff whose caseloads a manager may choose.
type Directory interface {
	Teams(ctx context.Context) ([]councils.Team, error)
}

type caseloadData struct {
	web.Page
	Heading    string
	Result     caseloads.Result
	Pagination web.Pagination
	Teams      []web.Item
	ShowTeams  bool
	TeamID     string
	Choice     string // the team chosen in the list, or OwnCaseload
	ShowWorker bool   // the list is a team's, so say whose each person is
	// ReviewsHref is the team's reviews due, for team managers and the quality lead.
	ReviewsHref string
	// Supervision is whose supervision is overdue: the signed-in member of staff's own, and the staff they supervise.
	Supervision supervision.Overdue
	// Induction is the new starters a manager follows whose induction has steps overdue.
	Induction []learning.Pathway
	// Drafts are the member of staff's own conversations saved as drafts, each a link back to its page.
	Drafts []web.Action
}

// Caseload is the caseload page: with no query, the caseload the member of staff opens on (caseloads.Opening: a
// team manager's team, anyone else's own people); with ?team=mine, their own people; with ?team=ID, a team's, for
// its managers, the quality lead and administrators; with ?worker=ID, one worker's, for their managers.
func Caseload(tmpl *web.Templates, store Store, dir Directory, sup Supervision, ind Induction, drafts Drafts) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		me, _ := councils.StaffFrom(r.Context())
		q := r.URL.Query()
		page := web.PageNumber(q)
		data := caseloadData{Page: web.NewPage(r, "My caseload"), Heading: "My caseload"}
		f := caseloads.Opening(me, page)
		switch team, worker := q.Get("team"), q.Get("worker"); {
		case team == OwnCaseload:
			f = caseloads.Filter{WorkerID: me.ID, Page: page}
		case team != "":
			f = caseloads.Filter{TeamID: team, Page: page}
		case worker != "":
			f = caseloads.Filter{WorkerID: worker, Page: page}
		}
		data.TeamID, data.ShowWorker, data.Choice = f.TeamID, f.WorkerID != me.ID, f.TeamID
		if f.WorkerID == me.ID {
			data.Choice = OwnCaseload
		}
		res, err := store.Caseload(r.Context(), f)
		if err != nil {
			return err
		}
		data.Result = res
		if me.Role.SeesQuality() {
			if data.Supervision, err = sup.OverdueNow(r.Context()); err != nil {
				return err
			}
		}
		if me.Role.ChangesPeople() {
			own, err := drafts.OwnDrafts(r.Context())
			if err != nil {
				return err
			}
			for _, d := range own {
				data.Drafts = append(data.Drafts, web.Action{Href: paths.NewConversation.URL(d.PersonID, d.EpisodeID) + "#sitting",
					Text: d.PersonName + ": draft saved " + web.DateTimeText(d.SavedAt)})
			}
		}
		if learning.Follows(me.Role) {
			if data.Induction, err = ind.OverdueInduction(r.Context()); err != nil {
				return err
			}
		}
		if me.Role == councils.TeamManager || me.Role.SeesWholeCouncil() {
			teams, err := dir.Teams(r.Context())
			if err != nil {
				return err
			}
			data.Teams = append(data.Teams, web.Item{Value: OwnCaseload, Text: "My own caseload"})
			for _, t := range teams {
				if me.Role.SeesWholeCouncil() || me.InTeam(t.ID) {
					data.Teams = append(data.Teams, web.Item{Value: t.ID, Text: t.Name, Checked: t.ID == data.TeamID})
					if t.ID == data.TeamID {
						data.Title, data.Heading = t.Name+": caseload", t.Name+": caseload"
					}
				}
			}
			data.ShowTeams = len(data.Teams) > 1
			if me.Role == councils.TeamManager || me.Role == councils.QualityLead {
				data.ReviewsHref = paths.ReviewsDue.URL()
				if data.TeamID != "" {
					data.ReviewsHref += "?team=" + url.QueryEscape(data.TeamID)
				}
			}
		}
		if data.ShowWorker && data.TeamID == "" && len(res.Entries) > 0 {
			data.Title, data.Heading = res.Entries[0].WorkerName+": caseload", res.Entries[0].WorkerName+": caseload"
		}
		data.Pagination = web.NewPagination(res.Page, res.Pages, func(n int) string {
			v := url.Values{}
			for _, k := range []string{"team", "worker"} {
				if q.Get(k) != "" {
					v.Set(k, q.Get(k))
				}
			}
			v.Set("page", strconv.Itoa(n))
			return paths.Caseload.URL() + "?" + v.Encode()
		})
		return tmpl.Render(w, r, http.StatusOK, "caseloads/caseload.html", data)
	}
}
