package plans_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestSpendForFinance(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker, manager := f.a.Staff[councils.Practitioner], f.a.Staff[councils.TeamManager]
		add := func(unitPence int64) plans.ServiceRecord {
			t.Helper()
			rec, err := f.store.Add(peopletest.As(worker), f.person.ID, f.episode, f.homeCare(unitPence))
			if err != nil {
				t.Fatal(err)
			}
			return rec
		}
		start := func(rec plans.ServiceRecord) {
			t.Helper()
			if err := f.store.Start(peopletest.As(worker), f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-03"), f.get(t, rec.ID).Version); err != nil {
				t.Fatal(err)
			}
		}
		// £200 a week, under the £350 threshold: in place with no request. £400 a week: authorised, then in place.
		// £500 a week: waiting. £600 a week: declined. A service not yet started counts for nothing in place.
		start(add(2000))
		authorised := add(4000)
		if err := f.store.Decide(peopletest.As(manager), authorised.Authorisation.ID, plans.DecideAuthorise, "Agreed at panel", authorised.Authorisation.Version); err != nil {
			t.Fatal(err)
		}
		start(authorised)
		add(5000)
		declined := add(6000)
		if err := f.store.Decide(peopletest.As(manager), declined.Authorisation.ID, plans.DecideDecline, "A lower rung first", declined.Authorisation.Version); err != nil {
			t.Fatal(err)
		}
		add(1000) // authorised on request, not started

		logBefore := f.logOf(t)
		got, err := f.store.Spend(f.as(councils.Finance))
		if err != nil {
			t.Fatal(err)
		}
		want := plans.TeamSpend{TeamID: f.a.North.ID, TeamName: "North", InPlace: 2, WeeklyPence: 60000, Waiting: 1, WaitingPence: 50000,
			Authorised: 1, AuthorisedPence: 40000, Declined: 1}
		if len(got.Teams) != 1 || got.Teams[0] != want {
			t.Errorf("teams = %+v, want %+v", got.Teams, want)
		}
		want.TeamID, want.TeamName = "", ""
		if got.Total != want {
			t.Errorf("total = %+v, want %+v", got.Total, want)
		}
		if got.ThresholdPence != thresholdPence {
			t.Errorf("threshold = %d", got.ThresholdPence)
		}
		var lines []string
		for _, a := range got.Recent {
			lines = append(lines, a.TeamName+" "+plans.FormatPence(a.WeeklyCostPence)+" "+string(a.Decision)+" "+a.RequestedByName+" "+a.DecidedByName)
			if strings.Contains(a.ServiceName+a.TeamName, "Testperson") {
				t.Errorf("a request names the person: %+v", a)
			}
		}
		wantLines := []string{
			"North £600.00 declined Test Practitioner Test Team manager",
			"North £500.00  Test Practitioner ",
			"North £400.00 authorised Test Practitioner Test Team manager",
		}
		if !slices.Equal(lines, wantLines) {
			t.Errorf("recent requests:\n%q\nwant\n%q", lines, wantLines)
		}
		// Reading spend opens no one's record.
		if after := f.logOf(t); len(after) != len(logBefore) {
			t.Errorf("reading spend logged %q", after[len(logBefore):])
		}

		// Another council's finance sees only their own council: nothing here.
		other, err := f.store.Spend(peopletest.As(f.b.Staff[councils.Finance]))
		if err != nil || len(other.Teams) != 0 || other.Total != (plans.TeamSpend{}) || len(other.Recent) != 0 {
			t.Errorf("another council's finance reads %+v, %v", other, err)
		}
		// Only finance reads spend.
		for _, role := range []councils.Role{councils.Practitioner, councils.TeamManager, councils.QualityLead, councils.DirectoryEditor, councils.Administrator} {
			if _, err := f.store.Spend(f.as(role)); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s reads spend: %v, want ErrForbidden", role, err)
			}
		}
	})
}
