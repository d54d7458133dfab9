package communitypage_test

import (
	"net/url"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/community/communitytest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// A quality lead starts a story from a completed audit graded Outstanding: the form lists the audit by its round,
// team and date, never the person; the audited person's name is refused; the story saved logs the check of their
// names as a view of their record; and a reader of the story is never given which audit it came from.
func TestAStoryFromAnOutstandingAudit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		w := planstest.New(t, db, site.A)
		auditID := communitytest.OutstandingAudit(t, db, site.A, w, site.App.DB.Today())
		lead, worker := apptest.AQuality(site), apptest.AWorker(site)
		story := func(text string) url.Values {
			return url.Values{"audit_id": {auditID}, "title": {"Her garden"}, "story": {text}, "why_good": {"Her words run through the plan"}, "tags": {"strengths"}}
		}
		apptest.Ask(t, site, client(lead), lead, "GET", "/community/library/new", nil, w.Person.ID, apptest.Answer{Status: 200,
			Body: []string{"Start from an audit graded Outstanding", "?audit=" + auditID, "Practice Fortnight, North"}, NotBody: []string{"Testperson"}})
		apptest.Ask(t, site, client(lead), lead, "GET", "/community/library/new?audit="+auditID, nil, w.Person.ID, apptest.Answer{Status: 200,
			Body: []string{"From an audit graded Outstanding: Practice Fortnight", "Her words run through the plan", `value="` + auditID + `"`}})
		apptest.Ask(t, site, client(lead), lead, "POST", "/community/library/new", story("Ada wanted to keep her garden."), w.Person.ID, apptest.Answer{Status: 422,
			Body: []string{"The story contains a name recorded in the council: Ada"}})
		if n := dbtest.Count(t, db, site.A.Council.ID, "practice_story"); n != 0 {
			t.Fatalf("a refused story saved %d", n)
		}
		apptest.Ask(t, site, client(lead), lead, "POST", "/community/library/new", story("She wanted to keep her garden."), w.Person.ID, apptest.Answer{Status: 303,
			Log: []accesslog.Action{accesslog.View}})
		drafts, err := site.App.Community.Drafts(peopletest.As(lead))
		if err != nil || len(drafts) != 1 || drafts[0].AuditID != auditID {
			t.Fatalf("drafts %+v, %v", drafts, err)
		}
		id := drafts[0].ID
		apptest.Ask(t, site, client(lead), lead, "POST", "/community/library/"+id, url.Values{"version": {"1"}}, w.Person.ID, apptest.Answer{Status: 303,
			Log: []accesslog.Action{accesslog.View}})
		apptest.Ask(t, site, client(worker), worker, "GET", "/community/library/"+id, nil, w.Person.ID, apptest.Answer{Status: 200,
			Body: []string{"She wanted to keep her garden."}, NotBody: []string{auditID, "Written from a case file audit"}})
	})
}
