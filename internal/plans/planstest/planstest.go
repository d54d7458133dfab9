// Package planstest builds an episode ready for a support plan, for tests in other packages: a person in a test
// council with an episode of work, a hope, two SMART outcomes, a solution on the ladder, a running short-term
// service and a strength, all made through their own stores as the pages would make them. Everything is fictional.
package planstest

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// Clock is the fixed time the store tests run at: Monday 3 March 2025, 9 o'clock.
var Clock = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// FixedClock returns Clock, for dbtest.Options.
func FixedClock() time.Time { return Clock }

// World is an episode ready for a support plan.
type World struct {
	Person     people.Person
	EpisodeID  string
	Aspiration outcomes.Aspiration
	Outcomes   []outcomes.Outcome // two SMART outcomes
	Solution   plans.Solution
	Service    plans.ServiceRecord // short term, active, ending ServiceEnd
	Strength   strengths.Strength
}

// ServiceEnd is when the world's short-term service ends.
const ServiceEnd = "2025-06-30"

// SMART returns a SMART outcome of the world's episode serving its hope, saying what will be different.
func (w World) SMART(different string) outcomes.Outcome {
	return outcomes.Outcome{
		PersonID: w.Person.ID, EpisodeID: w.EpisodeID, AspirationID: w.Aspiration.ID, Different: different,
		HowWeKnow: "Ada tells us at the review", ByWhen: dbtest.Date("2025-09-01"), WhoInvolved: "Ada and her daughter Cara",
		WellbeingAreas: []string{"b"}, LevelMinus2: "Not going out at all", LevelMinus1: "Going out once a month",
		Expected: "Going out every week", LevelPlus1: "Going out twice a week", LevelPlus2: "Going out most days",
		Baseline: outcomes.Less, Importance: 3, Difficulty: 2,
	}
}

// New makes a world for a person allocated to the north team of council c, as its practitioner.
func New(t testing.TB, db *sqldb.DB, c peopletest.Council) World {
	t.Helper()
	worker := c.Staff[councils.Practitioner]
	ctx := peopletest.As(worker)
	w := World{Person: peopletest.MustCreate(t, db, worker, peopletest.Person(c.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))}
	w.EpisodeID = conversationstest.MustOpenEpisode(t, db, worker, w.Person.ID).ID
	var err error
	os := outcomes.NewStore(db)
	if w.Aspiration, err = os.AddAspiration(ctx, outcomes.Aspiration{PersonID: w.Person.ID, EpisodeID: w.EpisodeID, Term: outcomes.LongTerm,
		Words: "I want to get back to the allotment"}); err != nil {
		t.Fatal(err)
	}
	for _, different := range []string{"I go to the allotment every week", "I can get up the stairs by myself"} {
		o, err := os.AddOutcome(ctx, w.SMART(different))
		if err != nil {
			t.Fatal(err)
		}
		w.Outcomes = append(w.Outcomes, o)
	}
	if w.Solution, err = plans.NewStore(db).AddSolution(ctx, plans.Solution{PersonID: w.Person.ID, EpisodeID: w.EpisodeID,
		Rung: plans.Network, Description: "Cara drives Ada to the allotment", WhoWhen: "Cara, on Saturday mornings",
		OutcomeIDs: []string{w.Outcomes[0].ID}}); err != nil {
		t.Fatal(err)
	}
	ss := plans.NewServiceStore(db)
	rec, err := ss.Add(ctx, w.Person.ID, w.EpisodeID, plans.Service{
		ServiceType: "Short term support: ST-Max", Component: "Reablement", DeliveryMechanism: "CASSR commissioned support",
		Provider: "Exampleton Reablement", Start: dbtest.Date("2025-03-03"), End: dbtest.Date(ServiceEnd), UnitCostPence: 2500,
		Frequency: codelists.CostHourly, Units: 5, OutcomeIDs: []string{w.Outcomes[1].ID},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ss.Start(ctx, w.Person.ID, w.EpisodeID, rec.ID, dbtest.Date("2025-03-03"), rec.Version); err != nil {
		t.Fatal(err)
	}
	_, w.Service, err = ss.Get(ctx, w.Person.ID, w.EpisodeID, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w.Strength, err = strengths.NewStore(db).Add(ctx, strengths.Strength{PersonID: w.Person.ID, EpisodeID: w.EpisodeID,
		Kind: strengths.Personal, PersonWords: "I know everything about growing vegetables"}); err != nil {
		t.Fatal(err)
	}
	return w
}
