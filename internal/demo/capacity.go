package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// capacityShare is one in how many people with an open, allocated episode have a capacity or advocacy history.
const capacityShare = 5

// capacityLimit caps the people given one, so that a large benchmark council stays quick to load.
const capacityLimit = 400

// AddCapacity gives some of the council's people in the middle of an episode a plausible mental capacity and
// advocacy history, written as their practitioner would through capacity.Keep and advocacy.KeepNeeds (without
// access-log entries, like the rest of the demo's history): mostly assessments finding the person has capacity;
// some finding they lack it for a move, with a best-interests decision; a few with nobody to consult, so an IMCA
// action is raised; advocacy needs records raising advocacy actions, most met by a referral. Some actions are left
// open and some of those overdue, so that caseloads and the team's required actions have something to show.
func AddCapacity(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed^0xca9ac17, seed))
	byID := map[string]councils.Staff{}
	for _, s := range staff {
		byID[s.ID] = s
	}
	type current struct {
		person, episode, worker string
		opened                  sqldb.Date
	}
	var todo []current
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.person_id, e.id, e.opened_on, p.worker_id FROM episode e
			JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			WHERE e.council_id = $1 AND e.result = '' AND p.worker_id IS NOT NULL ORDER BY e.id`, council)
		if err != nil {
			return err
		}
		defer rows.Close()
		for n := 0; rows.Next(); n++ {
			var c current
			if err := rows.Scan(&c.person, &c.episode, &c.opened, &c.worker); err != nil {
				return err
			}
			if n%capacityShare == 0 && len(todo) < capacityLimit {
				todo = append(todo, c)
			}
		}
		return rows.Err()
	}); err != nil {
		return fmt.Errorf("find people for the capacity history: %w", err)
	}
	now := db.Now()
	for i, c := range todo {
		worker, ok := byID[c.worker]
		if !ok {
			continue
		}
		wctx := councils.WithStaff(ctx, worker)
		// When: some days into the episode, and never in the future.
		at := c.opened.Add(time.Duration(10+rng.IntN(14*24)) * time.Hour)
		if at.After(now.Add(-time.Hour)) {
			at = now.Add(-time.Duration(1+rng.IntN(48)) * time.Hour)
		}
		err := db.InTx(wctx, func(tx *sqldb.Tx) error {
			kind := rng.IntN(20)
			switch {
			case kind < 12:
				return demoHasCapacity(wctx, tx, rng, c.person, c.episode, at)
			case kind < 17:
				return demoLacksWithFamily(wctx, tx, rng, c.person, c.episode, at, worker.Name)
			default:
				return demoIMCA(wctx, tx, rng, c.person, c.episode, at, i)
			}
		})
		if err != nil {
			return fmt.Errorf("add a capacity history: %w", err)
		}
		if i%3 == 0 {
			if err := db.InTx(wctx, func(tx *sqldb.Tx) error { return demoAdvocacy(wctx, tx, rng, c.person, c.episode, at, i) }); err != nil {
				return fmt.Errorf("add an advocacy history: %w", err)
			}
		}
	}
	return nil
}

var demoDecisions = []struct {
	text string
	typ  capacity.DecisionType
}{
	{"How her personal care is arranged each morning", capacity.CareAndSupport},
	{"Whether to accept a package of home care", capacity.CareAndSupport},
	{"Managing his own bank account and bills", capacity.FinancesAndProperty},
	{"Whether to keep seeing her nephew", capacity.ContactWithOthers},
	{"Whether to have a key safe fitted", capacity.OtherDecision},
}

func able(evidence string) capacity.Finding {
	return capacity.Finding{State: capacity.Able, Evidence: evidence}
}

func demoHasCapacity(ctx context.Context, tx *sqldb.Tx, rng *rand.Rand, person, episode string, at time.Time) error {
	d := demoDecisions[rng.IntN(len(demoDecisions))]
	a := capacity.Assessment{PersonID: person, EpisodeID: episode, Decision: d.text, Type: d.typ, AssessedAt: at, Impairment: capacity.No,
		Findings: map[capacity.Ability]capacity.Finding{
			capacity.Understand: able("Explained the choices back in their own words"), capacity.Retain: able("Remembered the conversation the next day"),
			capacity.UseOrWeigh: able("Weighed the risks against what matters to them"), capacity.Communicate: able("Said clearly what they wanted"),
		}, Result: capacity.HasCapacity}
	if rng.IntN(3) == 0 {
		a.Impairment, a.ImpairmentEvidence = capacity.Yes, "Mild cognitive impairment noted by the GP"
	}
	_, err := capacity.Keep(ctx, tx, a)
	return err
}

func lacking(person, episode string, at time.Time, typ capacity.DecisionType, decision string) capacity.Assessment {
	return capacity.Assessment{PersonID: person, EpisodeID: episode, Decision: decision, Type: typ, AssessedAt: at,
		Impairment: capacity.Yes, ImpairmentEvidence: "Dementia, diagnosed by the memory clinic",
		Findings: map[capacity.Ability]capacity.Finding{
			capacity.Understand:  {State: capacity.Unable, Evidence: "Could not say what the move would mean after three explanations with pictures"},
			capacity.Retain:      {State: capacity.Unable, Evidence: "Did not recall the visit to the home an hour later"},
			capacity.UseOrWeigh:  {State: capacity.Unable, Evidence: "Could not weigh the falls at home against the move"},
			capacity.Communicate: able("Speaks clearly about what they like"),
		},
		CausalLink: capacity.Yes, CausalLinkEvidence: "The memory loss of the dementia is why the information cannot be kept or weighed",
		SupportGiven: "Visited at their best time of day, with photographs, a simple written summary and someone they trust",
		Result:       capacity.LacksCapacity, MHAResidence: capacity.No}
}

func demoLacksWithFamily(ctx context.Context, tx *sqldb.Tx, rng *rand.Rand, person, episode string, at time.Time, worker string) error {
	a := lacking(person, episode, at, capacity.ShorterStay, "Whether to move to a care home for a four-week respite stay")
	a.AnyoneToConsult, a.Consultees = capacity.Yes, "Their daughter"
	got, err := capacity.Keep(ctx, tx, a)
	if err != nil {
		return err
	}
	considered := func(notes string) capacity.Check { return capacity.Check{State: capacity.Considered, Notes: notes} }
	b := capacity.BestInterests{PersonID: person, EpisodeID: episode, AssessmentID: got.ID,
		Checklist: map[capacity.Item]capacity.Check{
			capacity.NoAssumptions:    considered("Based on the assessment of this decision, not on age or diagnosis"),
			capacity.AllCircumstances: considered("The falls, the stairs, the daughter's work and the cat"),
			capacity.RegainCapacity:   considered("Not likely to regain capacity for this decision; reviewed at the end of the stay"),
			capacity.Participation:    considered("Visited the home together and talked it through over two visits"),
			capacity.LifeSustaining:   {State: capacity.NotApplicable},
		},
		Wishes: "Has always said they want to stay in their own home", Beliefs: "Goes to church on Sundays and values their independence",
		OtherFactors: "Their cat, and being near the park",
		Consultees:   []capacity.Consultee{{Name: "Their daughter", Relationship: "Daughter", Category: capacity.CaringOrInterested, Views: "Worried about the nights; supports a short stay"}},
		Options:      []capacity.Option{{Text: "Stay at home with a night sitter for four weeks", LessRestrictive: true}, {Text: "Four weeks' respite in a care home"}},
		Chosen:       rng.IntN(2), ChosenWhy: "Keeps them safe at night while their daughter recovers, with the least change to their life that works",
		Decision: "Respite for four weeks, reviewed at the end", DecidedBy: worker + ", social worker", DecidedOn: sqldb.UKDate(at)}
	if b.Chosen == 0 {
		b.Decision = "A night sitter at home for four weeks"
	}
	_, err = capacity.KeepDecision(ctx, tx, b)
	return err
}

func demoIMCA(ctx context.Context, tx *sqldb.Tx, rng *rand.Rand, person, episode string, at time.Time, n int) error {
	a := lacking(person, episode, at, capacity.CouncilResidential, "Whether to move to a care home for long-term care")
	a.AnyoneToConsult = capacity.No
	got, err := capacity.Keep(ctx, tx, a)
	if err != nil {
		return err
	}
	switch n % 3 {
	case 0: // referred to an IMCA
		_, err = advocacy.KeepReferral(ctx, tx, advocacy.Referral{PersonID: person, EpisodeID: episode, Type: advocacy.IMCA,
			Provider: "Exampleshire Independent Advocacy", ReferredOn: sqldb.UKDate(at), DutyKind: duties.IMCA, DutySubject: got.ID})
		return err
	case 1: // open and overdue
		return overdue(ctx, tx, duties.IMCA, got.ID, at, rng)
	}
	return nil // open, due soon
}

func demoAdvocacy(ctx context.Context, tx *sqldb.Tx, rng *rand.Rand, person, episode string, at time.Time, n int) error {
	needs := advocacy.Needs{PersonID: person, EpisodeID: episode, Difficulties: map[advocacy.Area]advocacy.Difficulty{}, NoAppropriatePerson: true,
		Processes: []advocacy.Process{advocacy.Assessment, advocacy.Planning}, RecordedOn: sqldb.UKDate(at)}
	for _, a := range advocacy.Areas() {
		needs.Difficulties[a] = advocacy.Difficulty{Answered: true}
	}
	needs.Difficulties[advocacy.Understanding] = advocacy.Difficulty{Answered: true, Substantial: true, Evidence: "Lost track of the assessment questions within minutes"}
	if rng.IntN(2) == 0 {
		needs.Difficulties[advocacy.Communicating] = advocacy.Difficulty{Answered: true, Substantial: true, Evidence: "Aphasia after a stroke"}
	}
	if n%4 == 3 { // a friend who is appropriate: no duty
		needs.NoAppropriatePerson, needs.PersonName, needs.Relationship = false, "A neighbour of twenty years", "Neighbour and friend"
		needs.Passes = map[advocacy.Check]bool{advocacy.NotPaid: true, advocacy.Consents: true, advocacy.AbleAvailable: true, advocacy.NotImplicated: true}
	}
	if _, err := advocacy.KeepNeeds(ctx, tx, needs); err != nil {
		return err
	}
	if !needs.NoAppropriatePerson {
		return nil
	}
	// Most are met by a referral; some are left open, and some of those overdue.
	switch n % 4 {
	case 0, 2:
		for _, p := range needs.Processes {
			if _, err := advocacy.KeepReferral(ctx, tx, advocacy.Referral{PersonID: person, EpisodeID: episode, Type: advocacy.CareActAdvocate,
				Provider: "Exampleshire Advocacy Hub", AdvocateName: "Morgan Advocate", ReferredOn: sqldb.UKDate(at), AllocatedOn: sqldb.UKDate(at),
				Outcome: "Supported the person through the " + p.Label(), DutyKind: p.Kind(), DutySubject: episode}); err != nil {
				return err
			}
		}
		return nil
	case 1:
		return overdue(ctx, tx, duties.AdvocateAssessment, episode, at, rng)
	}
	return nil
}

// overdue moves an open duty's raising back to when its record was made, so that it is due in the past.
func overdue(ctx context.Context, tx *sqldb.Tx, kind duties.Kind, subject string, at time.Time, rng *rand.Rand) error {
	due := duties.DaysAfter(at, 5)
	if !due.Before(tx.Now()) {
		due = tx.Now().Add(-time.Duration(1+rng.IntN(72)) * time.Hour)
	}
	_, err := tx.ExecContext(ctx, `UPDATE duty SET raised_at = $1, due_at = $2 WHERE council_id = $3 AND kind = $4 AND subject_id = $5 AND met_at IS NULL`,
		at, due, tx.Council(), string(kind), subject)
	return err
}
