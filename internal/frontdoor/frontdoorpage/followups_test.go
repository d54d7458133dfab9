package frontdoorpage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestSignpostsPageFlagsOverdueFollowUps: an episode's signposts page flags a signpost whose follow-up date has
// passed without a follow-up, with a tag that says so in words; once followed up, the flag goes.
func TestSignpostsPageFlagsOverdueFollowUps(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newDoorFixture(t, site, db)
		worker := apptest.AWorker(site)
		client := site.SignIn(t, worker)
		path := "/people/" + f.person.ID + "/episodes/" + f.fresh.ID + "/signposts"
		const flag = "Follow-up overdue"

		_, body := site.Get(t, client, path)
		if strings.Contains(body, flag) || !strings.Contains(body, "Follow up by") {
			t.Errorf("a follow-up not yet due is flagged:\n%s", body[strings.Index(body, "<main"):])
		}
		// The follow-up date passes: it was yesterday.
		today := db.Today()
		yesterday := sqldb.NewDate(today.AddDate(0, 0, -1))
		ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE signpost SET follow_up_on = $1 WHERE council_id = $2 AND id = $3`, yesterday, site.A.Council.ID, f.signpost.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		_, body = site.Get(t, client, path)
		if !strings.Contains(body, `<strong class="govuk-tag govuk-tag--red">`) || !strings.Contains(body, flag) ||
			!strings.Contains(body, "Follow-up was due "+yesterday.Format("2 Jan 2006")) {
			t.Errorf("an overdue follow-up is not flagged:\n%s", apptest.Excerpt(body))
		}
		if err := site.App.FrontDoor.RecordFollowUp(peopletest.As(worker), f.person.ID, f.fresh.ID, f.signpost.ID,
			frontdoor.FollowUp{On: today, Result: frontdoor.HelpedYes}, f.signpost.Version); err != nil {
			t.Fatal(err)
		}
		_, body = site.Get(t, client, path)
		if strings.Contains(body, flag) {
			t.Errorf("a signpost followed up is still flagged:\n%s", apptest.Excerpt(body))
		}
	})
}
