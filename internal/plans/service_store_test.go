package plans_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestRequiresAuthorisation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		weekly, threshold int64
		want              bool
	}{
		{"no threshold set", 1_000_000, 0, false},
		{"below", 34999, 35000, false},
		{"equal is not above", 35000, 35000, false},
		{"a penny above", 35001, 35000, true},
		{"one-penny threshold", 2, 1, true},
		{"one-penny threshold, free service", 0, 1, false},
	}
	for _, tt := range tests {
		if got := plans.RequiresAuthorisation(tt.weekly, tt.threshold); got != tt.want {
			t.Errorf("%s: RequiresAuthorisation(%d, %d) = %v, want %v", tt.name, tt.weekly, tt.threshold, got, tt.want)
		}
	}
}

func TestMayAuthorise(t *testing.T) {
	t.Parallel()
	want := map[councils.Role]bool{councils.TeamManager: true, councils.QualityLead: true}
	for _, r := range councils.Roles {
		if got := plans.MayAuthorise(r); got != want[r] {
			t.Errorf("MayAuthorise(%s) = %v, want %v", r, got, want[r])
		}
	}
}

func TestServiceName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    plans.Service
		want string
	}{
		{plans.Service{Component: "Reablement", ServiceType: "Short term support: ST-Max", Provider: " Homecare Ltd "}, "Reablement from Homecare Ltd"},
		{plans.Service{ServiceType: "Short term support: ST-Max"}, "Short term support: ST-Max"},
		{plans.Service{Component: "Equipment"}, "Equipment"},
	}
	for _, tt := range tests {
		if got := plans.ServiceName(tt.s); got != tt.want {
			t.Errorf("ServiceName(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// fixture is a council with a threshold of £350 a week, a person in the north team with an episode, two outcomes
// and a solution on the ladder's upper rungs, and a second council.
type fixture struct {
	db          *sqldb.DB
	store       *plans.ServiceStore
	a, b        peopletest.Council
	person      people.Person
	episode     string
	outcomes    []string
	solution    string
	lowSolution string
}

const thresholdPence = 35000

func newFixture(t *testing.T, db *sqldb.DB) fixture {
	t.Helper()
	f := fixture{db: db, store: plans.NewServiceStore(db)}
	f.a = peopletest.NewCouncil(t, db, "E06000801")
	f.b = peopletest.NewCouncil(t, db, "E06000802")
	setThreshold(t, db, f.a, thresholdPence)
	setThreshold(t, db, f.b, thresholdPence)
	f.person = peopletest.MustCreate(t, db, f.a.Staff[councils.Practitioner], peopletest.Person(f.a.North.ID))
	f.episode = svcEpisode(t, db, f.a.Council.ID, f.person.ID)
	f.outcomes = []string{
		svcOutcome(t, db, f.a.Council.ID, f.person.ID, f.episode, "I can get washed and dressed by myself"),
		svcOutcome(t, db, f.a.Council.ID, f.person.ID, f.episode, "I go to the lunch club on Thursdays"),
	}
	f.solution = svcSolution(t, db, f.a.Council.ID, f.person.ID, f.episode, plans.Reablement, f.outcomes[0])
	f.lowSolution = svcSolution(t, db, f.a.Council.ID, f.person.ID, f.episode, plans.Network, f.outcomes[1])
	return f
}

func setThreshold(t *testing.T, db *sqldb.DB, c peopletest.Council, pence int64) {
	t.Helper()
	s := councils.NewStore(db)
	ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
	got, err := s.CouncilByID(ctx, c.Council.ID)
	if err != nil {
		t.Fatal(err)
	}
	set := got.Settings
	set.AuthorisationThresholdPence = pence
	if err := s.UpdateSettings(ctx, got.MFARequired, set, got.Version); err != nil {
		t.Fatal(err)
	}
}

func (f fixture) as(role councils.Role) context.Context { return peopletest.As(f.a.Staff[role]) }

// homeCare is a short-term service of 10 hours a week at unitPence an hour.
func (f fixture) homeCare(unitPence int64) plans.Service {
	return plans.Service{
		ServiceType: "Short term support: ST-Max", Component: "Reablement", DeliveryMechanism: "CASSR commissioned support",
		Provider: "Exampleton Homecare", Start: dbtest.Date("2025-03-03"), End: dbtest.Date("2025-04-28"), UnitCostPence: unitPence,
		Frequency: codelists.CostHourly, Units: 10, OutcomeIDs: []string{f.outcomes[0]}, SolutionID: f.solution,
	}
}

// logOf is the access log about the person, oldest first, as (staff, action) pairs.
func (f fixture) logOf(t *testing.T) []string {
	t.Helper()
	return peopletest.LoggedBy(t, f.db, f.a.Council.ID, f.person.ID)
}

// events are the person's service events, oldest first.
func (f fixture) events(t *testing.T) []string {
	t.Helper()
	return dbtest.Column[string](t, f.db, f.a.Council.ID, `SELECT summary FROM person_event WHERE council_id = $1 AND person_id = $2 AND kind = $3 ORDER BY at, id`,
		f.a.Council.ID, f.person.ID, string(chronology.Service))
}

func (f fixture) authorisationRows(t *testing.T) int { return f.count(t, "authorisation") }

// count counts the rows of a table in council A.
func (f fixture) count(t *testing.T, table string) int {
	t.Helper()
	return dbtest.Count(t, f.db, f.a.Council.ID, table)
}

func (f fixture) get(t *testing.T, id string) plans.ServiceRecord {
	t.Helper()
	_, rec, err := f.store.Get(f.as(councils.QualityLead), f.person.ID, f.episode, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestAddServiceAtTheThreshold(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker := f.as(councils.Practitioner)
		// £35.00 × 10 hours is £350.00 a week: equal to the threshold is not above it.
		at, err := f.store.Add(worker, f.person.ID, f.episode, f.homeCare(3500))
		if err != nil {
			t.Fatal(err)
		}
		if at.WeeklyCost != 35000 || at.Status != plans.Authorised || at.Authorisation != nil {
			t.Errorf("at the threshold: weekly %d, status %s, authorisation %v; want 35000, authorised, none", at.WeeklyCost, at.Status, at.Authorisation)
		}
		// A penny an hour more is above it.
		above, err := f.store.Add(worker, f.person.ID, f.episode, f.homeCare(3501))
		if err != nil {
			t.Fatal(err)
		}
		if above.WeeklyCost != 35010 || above.Status != plans.AwaitingAuthorisation || above.Authorisation == nil {
			t.Fatalf("above the threshold: weekly %d, status %s; want 35010 awaiting authorisation with a request", above.WeeklyCost, above.Status)
		}
		a := above.Authorisation
		if a.Decision != plans.Pending || a.WeeklyCostPence != 35010 || a.RequestedBy != f.a.Staff[councils.Practitioner].ID || a.RequestedAt.IsZero() {
			t.Errorf("request = %+v", a)
		}
		// What was saved reads back the same, units in hundredths.
		got := f.get(t, above.ID)
		if got.Units != 10 || got.UnitCostPence != 3501 || got.Frequency != codelists.CostHourly || got.SolutionID != f.solution ||
			!slices.Equal(got.OutcomeIDs, []string{f.outcomes[0]}) || got.Start != dbtest.Date("2025-03-03") || got.End != dbtest.Date("2025-04-28") ||
			got.Provider != "Exampleton Homecare" || got.RequestedByName != "Test Practitioner" {
			t.Errorf("read back %+v", got)
		}
		if got := f.events(t); !slices.Equal(got, []string{
			"Service requested: Reablement from Exampleton Homecare, £350.00 a week",
			"Service requested: Reablement from Exampleton Homecare, £350.10 a week, waiting for a team manager to authorise it",
		}) {
			t.Errorf("chronology = %q", got)
		}
	})
}

func TestNoThresholdMeansNoAuthorisation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		setThreshold(t, db, f.a, 0)
		rec, err := f.store.Add(f.as(councils.Practitioner), f.person.ID, f.episode, f.homeCare(100000))
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.Authorised || f.authorisationRows(t) != 0 {
			t.Errorf("with no threshold: status %s and %d requests; want authorised and none", rec.Status, f.authorisationRows(t))
		}
	})
}

func TestAddRefusesProblemsAndChangesNothing(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker := f.as(councils.Practitioner)
		logBefore := f.logOf(t)
		otherPerson := peopletest.MustCreate(t, db, f.a.Staff[councils.Practitioner], peopletest.Person(f.a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Bea", "" }))
		otherEpisode := svcEpisode(t, db, f.a.Council.ID, otherPerson.ID)
		otherOutcome := svcOutcome(t, db, f.a.Council.ID, otherPerson.ID, otherEpisode, "Someone else's outcome")
		tests := []struct {
			name   string
			change func(*plans.Service)
			field  string
		}{
			{"no outcome", func(s *plans.Service) { s.OutcomeIDs = nil }, "outcome_ids"},
			{"another episode's outcome", func(s *plans.Service) { s.OutcomeIDs = []string{otherOutcome} }, "outcome_ids"},
			{"a solution on a lower rung", func(s *plans.Service) { s.SolutionID = f.lowSolution }, "solution_id"},
			{"no end to short-term support", func(s *plans.Service) { s.End = sqldb.Date{} }, "end"},
			{"long-term with no reason", func(s *plans.Service) { s.LongTerm = true }, "long_term_reason"},
			{"a type not in the list", func(s *plans.Service) { s.ServiceType = "Something else" }, "service_type"},
		}
		for _, tt := range tests {
			svc := f.homeCare(5000)
			tt.change(&svc)
			_, err := f.store.Add(worker, f.person.ID, f.episode, svc)
			ps, ok := validation.AsProblems(err)
			if !ok || !slices.ContainsFunc(ps, func(p validation.Problem) bool { return p.Field == tt.field }) {
				t.Errorf("%s: error %v, want a problem with %s", tt.name, err, tt.field)
			}
		}
		// Another person's episode under this person is not found.
		if _, err := f.store.Add(worker, f.person.ID, otherEpisode, f.homeCare(5000)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another person's episode: %v, want ErrNotFound", err)
		}
		if n := f.count(t, "service"); n != 0 {
			t.Errorf("%d services saved, want none", n)
		}
		if f.authorisationRows(t) != 0 || len(f.events(t)) != 0 {
			t.Error("refused services left requests or events behind")
		}
		// Refused before the person was opened, except the two that needed the episode's outcomes and solutions
		// and the wrong episode: those opened the record to change it, and rolled back, log entry and all.
		if got := f.logOf(t); !slices.Equal(got, logBefore) {
			t.Errorf("access log gained %q", got[len(logBefore):])
		}
	})
}

func TestDecide(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker, manager := f.a.Staff[councils.Practitioner], f.a.Staff[councils.TeamManager]
		rec, err := f.store.Add(peopletest.As(worker), f.person.ID, f.episode, f.homeCare(5000))
		if err != nil {
			t.Fatal(err)
		}
		a := rec.Authorisation
		// The team manager sees it waiting; other roles may not list.
		waiting, err := f.store.Waiting(peopletest.As(manager))
		if err != nil || len(waiting) != 1 || waiting[0].ID != a.ID || waiting[0].PersonName != "Ada Testperson" || waiting[0].RequestedByName != "Test Practitioner" || waiting[0].Own {
			t.Fatalf("waiting = %+v, %v", waiting, err)
		}
		if _, err := f.store.Waiting(peopletest.As(worker)); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("practitioner lists authorisations: %v, want ErrForbidden", err)
		}
		logBefore := f.logOf(t)

		// A practitioner, and an administrator, may not decide.
		for _, role := range []councils.Role{councils.Practitioner, councils.Administrator, councils.Finance} {
			if err := f.store.Decide(f.as(role), a.ID, plans.DecideAuthorise, "", a.Version); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s decides: %v, want ErrForbidden", role, err)
			}
		}
		// Declining needs a reason.
		err = f.store.Decide(peopletest.As(manager), a.ID, plans.DecideDecline, "  ", a.Version)
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "reason" {
			t.Errorf("decline with no reason: %v, want a reason problem", err)
		}
		// A stale version is a conflict.
		if err := f.store.Decide(peopletest.As(manager), a.ID, plans.DecideAuthorise, "", a.Version-1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale decision: %v, want ErrConflict", err)
		}
		// Another council's team manager finds nothing.
		if err := f.store.Decide(peopletest.As(f.b.Staff[councils.TeamManager]), a.ID, plans.DecideAuthorise, "", a.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council decides: %v, want ErrNotFound", err)
		}
		if got := f.get(t, rec.ID); got.Status != plans.AwaitingAuthorisation || got.Authorisation.Decision != plans.Pending || got.Authorisation.Version != a.Version {
			t.Fatalf("refused decisions changed the service: %s %+v", got.Status, got.Authorisation)
		}
		// The refused decisions rolled back their log entries; the get above logged one view by the quality lead.
		if got := f.logOf(t)[len(logBefore):]; !slices.Equal(got, []string{f.a.Staff[councils.QualityLead].ID + " view"}) {
			t.Errorf("refused decisions logged %q", got)
		}
		// Nobody starts it while it waits.
		if err := f.store.Start(peopletest.As(worker), f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-03"), f.get(t, rec.ID).Version); !errors.Is(err, plans.ErrNotAuthorised) {
			t.Errorf("start while waiting: %v, want ErrNotAuthorised", err)
		}

		logBefore = f.logOf(t)
		if err := f.store.Decide(peopletest.As(manager), a.ID, plans.DecideAuthorise, " Agreed at panel ", a.Version); err != nil {
			t.Fatal(err)
		}
		if got := f.logOf(t)[len(logBefore):]; !slices.Equal(got, []string{manager.ID + " update"}) {
			t.Errorf("deciding logged %q, want one update by the manager", got)
		}
		got := f.get(t, rec.ID)
		d := got.Authorisation
		if got.Status != plans.Authorised || d.Decision != plans.DecideAuthorise || d.DecidedBy != manager.ID || d.DecidedByName != "Test Team manager" ||
			d.Reason != "Agreed at panel" || d.DecidedAt.IsZero() {
			t.Errorf("after authorising: %s %+v", got.Status, d)
		}
		if waiting, _ := f.store.Waiting(peopletest.As(manager)); len(waiting) != 0 {
			t.Errorf("still waiting: %+v", waiting)
		}
		// Deciding again is refused.
		if err := f.store.Decide(peopletest.As(manager), a.ID, plans.DecideDecline, "Changed my mind", d.Version); err == nil {
			t.Error("a decided request was decided again")
		}

		// Now it can start, on the day it started.
		logBefore = f.logOf(t)
		if err := f.store.Start(peopletest.As(worker), f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-05"), got.Version); err != nil {
			t.Fatal(err)
		}
		if got := f.logOf(t)[len(logBefore):]; !slices.Equal(got, []string{worker.ID + " update"}) {
			t.Errorf("starting logged %q", got)
		}
		started := f.get(t, rec.ID)
		if started.Status != plans.ServiceActive || started.Start != dbtest.Date("2025-03-05") {
			t.Errorf("after starting: %s from %s", started.Status, started.Start)
		}
		// Ending needs a date and a reason.
		if err := f.store.End(peopletest.As(worker), f.person.ID, f.episode, rec.ID, sqldb.Date{}, "", started.Version); err == nil {
			t.Error("ended with no date or reason")
		}
		if err := f.store.End(peopletest.As(worker), f.person.ID, f.episode, rec.ID, dbtest.Date("2025-04-20"), "Goals met early", started.Version); err != nil {
			t.Fatal(err)
		}
		ended := f.get(t, rec.ID)
		if ended.Status != plans.Ended || ended.End != dbtest.Date("2025-04-20") || ended.EndedReason != "Goals met early" {
			t.Errorf("after ending: %s %s %q", ended.Status, ended.End, ended.EndedReason)
		}
		svc := ended.Service
		if _, err := f.store.Update(peopletest.As(worker), svc); !errors.Is(err, plans.ErrServiceEnded) {
			t.Errorf("changing an ended service: %v", err)
		}
		if got := f.events(t); !slices.Equal(got, []string{
			"Service requested: Reablement from Exampleton Homecare, £500.00 a week, waiting for a team manager to authorise it",
			"Service authorised: Reablement from Exampleton Homecare, £500.00 a week",
			"Service started: Reablement from Exampleton Homecare",
			"Service ended: Reablement from Exampleton Homecare",
		}) {
			t.Errorf("chronology = %q", got)
		}
	})
}

func TestNobodyAuthorisesTheirOwnRequest(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		manager := f.a.Staff[councils.TeamManager]
		rec, err := f.store.Add(peopletest.As(manager), f.person.ID, f.episode, f.homeCare(5000))
		if err != nil {
			t.Fatal(err)
		}
		a := rec.Authorisation
		waiting, err := f.store.Waiting(peopletest.As(manager))
		if err != nil || len(waiting) != 1 || !waiting[0].Own {
			t.Errorf("own request listed as %+v, %v; want it marked own", waiting, err)
		}
		view, err := f.store.Authorisation(peopletest.As(manager), a.ID)
		if err != nil || !errors.Is(view.CanDecide, plans.ErrOwnRequest) {
			t.Errorf("view of own request: CanDecide %v, %v", view.CanDecide, err)
		}
		err = f.store.Decide(peopletest.As(manager), a.ID, plans.DecideAuthorise, "", a.Version)
		if !errors.Is(err, sqldb.ErrForbidden) || !errors.Is(err, plans.ErrOwnRequest) {
			t.Errorf("own request: %v, want ErrForbidden and ErrOwnRequest", err)
		}
		if got := f.get(t, rec.ID); got.Status != plans.AwaitingAuthorisation {
			t.Errorf("status %s after own decision", got.Status)
		}
		// The quality lead may decide it, with a reason kept.
		if err := f.store.Decide(f.as(councils.QualityLead), a.ID, plans.DecideDecline, "Try the lunch club first", a.Version); err != nil {
			t.Fatal(err)
		}
		got := f.get(t, rec.ID)
		if got.Status != plans.Declined || got.Authorisation.Reason != "Try the lunch club first" {
			t.Errorf("after declining: %s %+v", got.Status, got.Authorisation)
		}
		if err := f.store.Start(peopletest.As(manager), f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-03"), got.Version); !errors.Is(err, plans.ErrNotAuthorised) {
			t.Errorf("start a declined service: %v", err)
		}
	})
}

func TestTeamManagerSeesOnlyTheirTeams(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		south := peopletest.MustCreate(t, db, f.a.SouthWorker, peopletest.Person(f.a.South.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Cal", "" }))
		episode := svcEpisode(t, db, f.a.Council.ID, south.ID)
		outcome := svcOutcome(t, db, f.a.Council.ID, south.ID, episode, "I sleep through the night")
		svc := f.homeCare(5000)
		svc.OutcomeIDs, svc.SolutionID = []string{outcome}, ""
		rec, err := f.store.Add(peopletest.As(f.a.SouthWorker), south.ID, episode, svc)
		if err != nil {
			t.Fatal(err)
		}
		manager := peopletest.As(f.a.Staff[councils.TeamManager]) // in the north team
		if waiting, err := f.store.Waiting(manager); err != nil || len(waiting) != 0 {
			t.Errorf("north manager sees %+v, %v", waiting, err)
		}
		if waiting, err := f.store.Waiting(f.as(councils.QualityLead)); err != nil || len(waiting) != 1 {
			t.Errorf("quality lead sees %d, %v; want the whole council's 1", len(waiting), err)
		}
		if err := f.store.Decide(manager, rec.Authorisation.ID, plans.DecideAuthorise, "", rec.Authorisation.Version); err == nil {
			t.Error("a manager decided for another team's person")
		}
		if waiting, err := f.store.Waiting(peopletest.As(f.b.Staff[councils.QualityLead])); err != nil || len(waiting) != 0 {
			t.Errorf("another council's quality lead sees %+v, %v", waiting, err)
		}
	})
}

func TestUpdateAcrossTheThreshold(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker := f.as(councils.Practitioner)
		rec, err := f.store.Add(worker, f.person.ID, f.episode, f.homeCare(3000))
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.Authorised {
			t.Fatalf("status %s", rec.Status)
		}
		// Below to below: no request. Two outcomes now.
		svc := rec.Service
		svc.UnitCostPence, svc.OutcomeIDs = 3400, f.outcomes
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.Authorised || f.authorisationRows(t) != 0 || len(rec.Outcomes) != 2 || rec.WeeklyCost != 34000 {
			t.Errorf("below to below: %s, %d requests, %d outcomes, weekly %d", rec.Status, f.authorisationRows(t), len(rec.Outcomes), rec.WeeklyCost)
		}
		// A stale change is refused and changes nothing.
		stale := svc
		stale.UnitCostPence = 9000
		if _, err := f.store.Update(worker, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale update: %v", err)
		}
		// Crossing the threshold asks again.
		svc = rec.Service
		svc.Units = 12.5
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.AwaitingAuthorisation || rec.WeeklyCost != 42500 || rec.Authorisation == nil || rec.Authorisation.WeeklyCostPence != 42500 {
			t.Fatalf("crossing: %s weekly %d %+v", rec.Status, rec.WeeklyCost, rec.Authorisation)
		}
		// A change while waiting updates the request; a cost under the threshold withdraws it.
		svc = rec.Service
		svc.Units = 12
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Authorisation.WeeklyCostPence != 40800 || rec.Status != plans.AwaitingAuthorisation {
			t.Errorf("while waiting: %+v", rec.Authorisation)
		}
		svc = rec.Service
		svc.Units = 10
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.Authorised || rec.Authorisation.Decision != plans.Withdrawn {
			t.Errorf("back under: %s %+v", rec.Status, rec.Authorisation)
		}
		// Authorised above the threshold, then lowered but still above: no new request; raised above what was
		// authorised: a new one.
		svc = rec.Service
		svc.Units = 15
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if err := f.store.Decide(f.as(councils.TeamManager), rec.Authorisation.ID, plans.DecideAuthorise, "", rec.Authorisation.Version); err != nil {
			t.Fatal(err)
		}
		rec = f.get(t, rec.ID)
		svc = rec.Service
		svc.Units = 14
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.Authorised {
			t.Errorf("lowered but above: %s", rec.Status)
		}
		svc = rec.Service
		svc.Units = 16
		if rec, err = f.store.Update(worker, svc); err != nil {
			t.Fatal(err)
		}
		if rec.Status != plans.AwaitingAuthorisation || rec.Authorisation.WeeklyCostPence != 54400 {
			t.Errorf("raised above what was authorised: %s %+v", rec.Status, rec.Authorisation)
		}
		if f.authorisationRows(t) != 3 {
			t.Errorf("%d requests, want 3", f.authorisationRows(t))
		}
	})
}

func TestAnotherCouncilFindsNothing(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		rec, err := f.store.Add(f.as(councils.Practitioner), f.person.ID, f.episode, f.homeCare(5000))
		if err != nil {
			t.Fatal(err)
		}
		logBefore, eventsBefore := f.logOf(t), f.events(t)
		other := peopletest.As(f.b.Staff[councils.QualityLead])
		otherWorker := peopletest.As(f.b.Staff[councils.Practitioner])
		if _, err := f.store.Episode(other, f.person.ID, f.episode); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Episode: %v", err)
		}
		if _, _, err := f.store.Get(other, f.person.ID, f.episode, rec.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Get: %v", err)
		}
		if _, err := f.store.Add(otherWorker, f.person.ID, f.episode, f.homeCare(100)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Add: %v", err)
		}
		svc := rec.Service
		svc.Provider = "Hijacked"
		if _, err := f.store.Update(otherWorker, svc); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Update: %v", err)
		}
		if err := f.store.Start(otherWorker, f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-03"), rec.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Start: %v", err)
		}
		if err := f.store.End(otherWorker, f.person.ID, f.episode, rec.ID, dbtest.Date("2025-03-03"), "Because", rec.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("End: %v", err)
		}
		if _, err := f.store.Authorisation(other, rec.Authorisation.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Authorisation: %v", err)
		}
		if err := f.store.Decide(other, rec.Authorisation.ID, plans.DecideAuthorise, "", rec.Authorisation.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Decide: %v", err)
		}
		got := f.get(t, rec.ID)
		if got.Version != rec.Version || got.Provider != rec.Provider || got.Status != rec.Status || got.Authorisation.Version != rec.Authorisation.Version {
			t.Errorf("another council changed the service: %+v", got)
		}
		if got := f.logOf(t); len(got) != len(logBefore)+1 { // the get above
			t.Errorf("access log gained %q", got[len(logBefore):])
		}
		if !slices.Equal(f.events(t), eventsBefore) {
			t.Errorf("chronology changed: %q", f.events(t))
		}
	})
}

func TestServiceAccessLog(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		worker := f.a.Staff[councils.Practitioner]
		before := f.logOf(t)
		rec, err := f.store.Add(peopletest.As(worker), f.person.ID, f.episode, f.homeCare(3000))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Episode(peopletest.As(worker), f.person.ID, f.episode); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.store.Get(peopletest.As(worker), f.person.ID, f.episode, rec.ID); err != nil {
			t.Fatal(err)
		}
		svc := rec.Service
		svc.Provider = "Another provider"
		if _, err := f.store.Update(peopletest.As(worker), svc); err != nil {
			t.Fatal(err)
		}
		want := []string{worker.ID + " create", worker.ID + " view", worker.ID + " view", worker.ID + " update"}
		if got := f.logOf(t)[len(before):]; !slices.Equal(got, want) {
			t.Errorf("access log gained %q, want %q", got, want)
		}
		// A worker outside the person's team needs break-glass, and nothing is logged.
		before = f.logOf(t)
		if _, err := f.store.Episode(peopletest.As(f.a.SouthWorker), f.person.ID, f.episode); !errors.Is(err, people.ErrBreakGlassNeeded) {
			t.Errorf("south worker: %v", err)
		}
		if got := f.logOf(t); len(got) != len(before) {
			t.Errorf("refused view logged %q", got[len(before):])
		}
	})
}
