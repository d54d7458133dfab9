package workforcepage_test

import (
	"context"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestStaffResources walks the staff resources pages in a real browser, with axe on every page: the quality lead
// follows the link from the IQAM pack, makes a scenario (a span of none is refused), sees the staff each team needs
// beside the staff it has with the assumptions marked, changes an assumption and sees the need move, makes a second
// scenario and sets the two side by side, and reads the volumes month by month.
func TestStaffResources(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	addWork(t, site, 400)

	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/insight", "insight")
	lead.ClickAndWait(`a[href="/insight/staff"]`)
	lead.Screenshot("staff-resources-empty")
	lead.CheckA11y()
	lead.ClickAndWait(`a[href="/insight/staff/scenarios/new"]`)
	lead.Screenshot("scenario-new")
	lead.CheckA11y()
	lead.Fill("#f-name", "Current")
	lead.Fill("#f-description", "The way teams work today")
	lead.Fill("#f-span", "0")
	lead.Submit("#f-name")
	lead.Screenshot("scenario-new-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "span", lead.Text(".govuk-error-summary"), "Practitioners for each supervisor must be between 1 and 30")
	lead.Fill("#f-span", "8")
	lead.Submit("#f-name")
	lead.Screenshot("scenario")
	lead.CheckA11y()
	apptest.MustContain(t, "headline", lead.Text("#headline"), "All teams together need", "they have 2 practitioners and 1 supervisor in post", "One team is short of practitioners: North by")
	need := lead.Text("#need")
	apptest.MustContain(t, "need", need, "North", "South", "All teams")
	apptest.MustContain(t, "north", lead.Text("#need tbody tr:nth-child(1)"), "North", "short")
	apptest.MustContain(t, "south", lead.Text("#need tbody tr:nth-child(2)"), "South", "+1.0 spare")
	apptest.MustContain(t, "assumptions", lead.Text("#assumptions"), "Assumed", "120 minutes", "Assumed, from the supervision policy")
	apptest.MustContain(t, "volumes", lead.Text("#volumes"), "North", "All teams")

	lead.ClickAndWait(`a[href$="/edit"]`)
	lead.Screenshot("scenario-edit")
	lead.CheckA11y()
	lead.Fill("#f-minutes_conversation", "60")
	lead.Fill("#f-with_people_percent", "60")
	lead.Submit("#f-name")
	lead.CheckA11y()
	if after := lead.Text("#need"); after == need {
		t.Errorf("halving the time of a conversation left the need as it was:\n%s", after)
	}
	apptest.MustContain(t, "changed", lead.Text("#assumptions"), "60 minutes", "60%")

	lead.VisitAndCheck("/insight/staff/scenarios/new", "scenario-new-second")
	lead.Fill("#f-name", "With Three Conversations")
	lead.Fill("#f-minutes_conversation", "45")
	lead.Submit("#f-name")
	lead.VisitAndCheck("/insight/staff", "staff-resources")
	lead.Check(`#scenarios tbody tr:nth-child(1) input[name="scenario"]`)
	lead.Check(`#scenarios tbody tr:nth-child(2) input[name="scenario"]`)
	lead.Submit(`#scenarios input[name="scenario"]`)
	lead.Screenshot("compare")
	lead.CheckA11y()
	apptest.MustContain(t, "compare", lead.Text("main"), "Current", "With Three Conversations", "Practitioners short or spare", "45 minutes")

	lead.VisitAndCheck("/insight/staff/volumes?months=6", "volumes")
	apptest.MustContain(t, "volumes", lead.Text("main"), "The last 6 full months", "All teams", "North")
}

// addWork adds n contacts, each opening an episode of the north team, one a day back from the start of this month (about 30 a month, more than one practitioner can do),
// with a conversation for each and a review due for every other, straight into the tables: the volumes need work in
// past months, which the stores record only today.
func addWork(t *testing.T, site *apptest.Site, n int) {
	t.Helper()
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, site.App.DB, worker, peopletest.Person(site.A.North.ID))
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	today := site.App.DB.Today()
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
		for i := range n {
			day := sqldb.NewDate(first.AddDate(0, 0, -1-i))
			contact, episode := sqldb.NewID(), sqldb.NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact (council_id, id, person_id, contacted_on, route_of_access, created_at, updated_at)
				VALUES ($1, $2, $3, $4, 'Self-referral', $5, $5)`, tx.Council(), contact, person.ID, day, tx.Now()); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO episode (council_id, id, person_id, contact_id, opened_on, team_id, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, tx.Council(), episode, person.ID, contact, day, site.A.North.ID, tx.Now()); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO conversation (council_id, id, person_id, episode_id, step, held_on, method, created_at, updated_at)
				VALUES ($1, $2, $3, $4, 1, $5, 'In person', $6, $6)`, tx.Council(), sqldb.NewID(), person.ID, episode, day, tx.Now()); err != nil {
				return err
			}
			if i%2 == 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $6)`, tx.Council(), sqldb.NewID(), person.ID, episode, day, tx.Now()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
