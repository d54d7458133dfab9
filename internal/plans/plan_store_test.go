package plans_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// planFixture is a world ready for a plan in council A, a second council B, and the plan store, at a fixed clock.
type planFixture struct {
	db    *sqldb.DB
	store *plans.PlanStore
	a, b  peopletest.Council
	w     planstest.World
}

func newPlanFixture(t *testing.T, db *sqldb.DB) planFixture {
	t.Helper()
	f := planFixture{db: db, store: plans.NewPlanStore(db)}
	f.a = peopletest.NewCouncil(t, db, "E06000811")
	f.b = peopletest.NewCouncil(t, db, "E06000812")
	f.w = planstest.New(t, db, f.a)
	return f
}

func (f planFixture) as(role councils.Role) context.Context { return peopletest.As(f.a.Staff[role]) }

func (f planFixture) agreement() plans.Agreement {
	return plans.Agreement{On: dbtest.Date("2025-03-03"), How: plans.AgreedInPerson, With: "Ada and her daughter Cara", Comment: "I like it"}
}

// log is the access log about the person, oldest first, as "staff action".
func (f planFixture) log(t *testing.T) []string {
	t.Helper()
	return peopletest.LoggedBy(t, f.db, f.a.Council.ID, f.w.Person.ID)
}

// query reads rows of one text column in council A.
func (f planFixture) query(t *testing.T, q string, args ...any) []string {
	t.Helper()
	return dbtest.Column[string](t, f.db, f.a.Council.ID, q, append([]any{f.a.Council.ID}, args...)...)
}

// state sums up the episode's plans and reviews, to see that nothing changed.
func (f planFixture) state(t *testing.T) string {
	t.Helper()
	plansNow := f.query(t, `SELECT plan_version || ':' || status || ':' || version || ':' || personal_budget_pence FROM support_plan WHERE council_id = $1 ORDER BY plan_version`)
	reviewsNow := f.query(t, `SELECT status || ':' || due_on FROM review WHERE council_id = $1 ORDER BY due_on`)
	return strings.Join(plansNow, " ") + " | " + strings.Join(reviewsNow, " ")
}

// planEvents are the plan and review events in the chronology, in alphabetical order (the fixed clock gives them
// all the same moment).
func (f planFixture) planEvents(t *testing.T) []string {
	return f.query(t, `SELECT summary FROM person_event WHERE council_id = $1 AND kind IN ('plan', 'review') ORDER BY at, summary`)
}

func TestDraftAPlanFromTheThread(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		worker := f.as(councils.Practitioner)
		logBefore := f.log(t)
		draft, created, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if !created || draft.PlanVersion != 1 || draft.Status != plans.PlanDraft {
			t.Fatalf("new draft: created %v, version %d, status %s", created, draft.PlanVersion, draft.Status)
		}
		if draft.CrisisContact != "" {
			t.Errorf("with nobody marked to call in a crisis, the draft names %q", draft.CrisisContact)
		}
		snap := draft.Snapshot
		if len(snap.Outcomes) != 2 || len(snap.Solutions) != 1 || len(snap.Services) != 1 || len(snap.Strengths) != 1 || len(snap.Aspirations) != 1 ||
			snap.WhatMatters != "Staying at home with the cat" || snap.Outcomes[0].Expected() != "Going out every week" ||
			snap.Services[0].WeeklyCostPence != 12500 || snap.Solutions[0].WhoWhen != "Cara, on Saturday mornings" {
			t.Errorf("snapshot %+v", snap)
		}
		// A second draft is the same draft.
		again, created, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil || created || again.ID != draft.ID {
			t.Errorf("second draft: %v created %v id %s, want the first %s", err, created, again.ID, draft.ID)
		}
		// The draft is changed, and the stored snapshot reads back.
		if err := f.store.UpdateDraft(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, 25050, "Cara on 07700 900123", draft.Version); err != nil {
			t.Fatal(err)
		}
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Plan.PersonalBudgetPence != 25050 || v.Plan.CrisisContact != "Cara on 07700 900123" || v.Plan.Version != 2 ||
			len(v.Plan.Snapshot.Outcomes) != 2 || len(v.Problems()) != 0 || v.Worker != "Test Practitioner" {
			t.Errorf("after the change: %+v, problems %v, worker %q", v.Plan, v.Problems(), v.Worker)
		}
		// A stale change is a conflict and changes nothing; so is a negative budget.
		before := f.state(t)
		if err := f.store.UpdateDraft(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, 100, "", draft.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale change: %v, want a conflict", err)
		}
		if _, ok := validation.AsProblems(f.store.UpdateDraft(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, -1, "", 2)); !ok {
			t.Error("a negative budget was not refused")
		}
		if after := f.state(t); after != before {
			t.Errorf("refused changes changed %s to %s", before, after)
		}
		workerID := f.a.Staff[councils.Practitioner].ID
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " create", workerID + " create", workerID + " update", workerID + " view"}) {
			t.Errorf("access log gained %q", got)
		}
		if got := f.planEvents(t); !slices.Equal(got, []string{"Support plan version 1 changed: personal budget £250.50", "Support plan version 1 drafted"}) {
			t.Errorf("chronology %q", got)
		}
	})
}

func TestAgreeingNeedsEveryOutcomeSMART(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		worker := f.as(councils.Practitioner)
		draft, _, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		// The second outcome loses how everyone will know, behind the page's back.
		stairs := f.w.Outcomes[1]
		if err := db.InTx(sqldb.WithCouncil(context.Background(), f.a.Council.ID), func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(context.Background(), `UPDATE outcome SET how_we_know = '', status = 'draft' WHERE council_id = $1 AND id = $2`, f.a.Council.ID, stairs.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		before, logBefore := f.state(t), f.log(t)
		_, err = f.store.Agree(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, f.agreement(), draft.Version)
		ps, ok := validation.AsProblems(err)
		if !ok || len(ps) != 1 || ps[0].Field != plans.OutcomeField(stairs.ID) ||
			ps[0].Message != "Outcome “I can get up the stairs by myself” is not SMART yet: add how everyone will know" {
			t.Fatalf("agreeing with an outcome not SMART: %v", err)
		}
		if after := f.state(t); after != before {
			t.Errorf("the refusal changed %s to %s", before, after)
		}
		if got := f.log(t)[len(logBefore):]; len(got) != 0 {
			t.Errorf("a refused agreement left %q in the access log", got)
		}
	})
}

func TestAgreeingSupersedesAndSchedulesTheFirstReview(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		worker := f.as(councils.Practitioner)
		workerID := f.a.Staff[councils.Practitioner].ID
		draft, _, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		// A stale agreement is a conflict.
		if _, err := f.store.Agree(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, f.agreement(), draft.Version+1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale agreement: %v", err)
		}
		// Another council's practitioner cannot agree it, or read it, and nothing changes.
		before := f.state(t)
		other := peopletest.As(f.b.Staff[councils.Practitioner])
		if _, err := f.store.Agree(other, f.w.Person.ID, f.w.EpisodeID, draft.ID, f.agreement(), draft.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("agreement from another council: %v", err)
		}
		if _, err := f.store.Get(other, f.w.Person.ID, f.w.EpisodeID, draft.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("read from another council: %v", err)
		}
		if _, _, err := f.store.NewDraft(other, f.w.Person.ID, f.w.EpisodeID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("draft from another council: %v", err)
		}
		if after := f.state(t); after != before {
			t.Errorf("another council changed %s to %s", before, after)
		}

		logBefore := f.log(t)
		agreed, err := f.store.Agree(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, f.agreement(), draft.Version)
		if err != nil {
			t.Fatal(err)
		}
		// 3 March plus 8 weeks is 28 April, before the reablement ends on 30 June.
		if agreed.Status != plans.PlanAgreed || agreed.ReviewOn.String() != "2025-04-28" {
			t.Errorf("agreed %s, review on %s; want agreed, 2025-04-28", agreed.Status, agreed.ReviewOn)
		}
		if got := f.state(t); got != "1:agreed:2:0 | scheduled:2025-04-28" {
			t.Errorf("after agreeing: %s", got)
		}
		if got := f.log(t)[len(logBefore):]; !slices.Equal(got, []string{workerID + " update"}) {
			t.Errorf("access log gained %q", got)
		}
		v, err := f.store.Get(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Plan.Agreement.With != "Ada and her daughter Cara" || v.Plan.Agreement.Comment != "I like it" || v.Plan.Agreement.How != plans.AgreedInPerson ||
			len(v.Snapshot.Outcomes) != 2 {
			t.Errorf("agreed plan reads back %+v", v.Plan)
		}
		// An agreed plan is kept as it was.
		if err := f.store.UpdateDraft(worker, f.w.Person.ID, f.w.EpisodeID, draft.ID, 1, "", v.Plan.Version); !errors.Is(err, plans.ErrPlanNotDraft) {
			t.Errorf("changing an agreed plan: %v", err)
		}

		// The council reviews first after 20 weeks, which is after the reablement ends: the review moves to its end.
		setIntervals(t, f, 20)
		second, created, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil || !created || second.PlanVersion != 2 {
			t.Fatalf("second draft: %v %v %d", err, created, second.PlanVersion)
		}
		if _, err := f.store.Agree(worker, f.w.Person.ID, f.w.EpisodeID, second.ID, f.agreement(), second.Version); err != nil {
			t.Fatal(err)
		}
		if got := f.state(t); got != "1:superseded:3:0 2:agreed:2:0 | scheduled:"+planstest.ServiceEnd {
			t.Errorf("after agreeing version 2: %s", got)
		}
		if got := f.planEvents(t); !slices.Equal(got, []string{
			"Review scheduled for 28 April 2025", "Review scheduled for 30 June 2025",
			"Support plan version 1 agreed with the person (face to face)", "Support plan version 1 drafted",
			"Support plan version 2 agreed with the person (face to face)", "Support plan version 2 drafted",
		}) {
			t.Errorf("chronology %q", got)
		}
	})
}

func setIntervals(t *testing.T, f planFixture, firstWeeks int) {
	t.Helper()
	s := councils.NewStore(f.db)
	ctx := sqldb.WithCouncil(context.Background(), f.a.Council.ID)
	c, err := s.CouncilByID(ctx, f.a.Council.ID)
	if err != nil {
		t.Fatal(err)
	}
	set := c.Settings
	set.FirstReviewWeeks = firstWeeks
	if err := s.UpdateSettings(ctx, c.MFARequired, set, c.Version); err != nil {
		t.Fatal(err)
	}
}

// TestAFirstDraftNamesWhoToCallInACrisisFromThePeopleWhoMatter: the people who matter marked as the ones to call in
// a crisis are named on the first draft of the plan, one a line, without being typed again.
func TestAFirstDraftNamesWhoToCallInACrisisFromThePeopleWhoMatter(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		worker := f.as(councils.Practitioner)
		for _, m := range []people.NetworkMember{
			{Name: "Cara Testperson", Relationship: "Daughter", Phone: "07700 900123", CrisisContact: true},
			{Name: "Dan Testperson", Relationship: "Neighbour"},
			{Name: "Eve Testperson", CrisisContact: true},
		} {
			if _, err := people.NewStore(db).AddNetworkMember(worker, f.w.Person.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		draft, _, err := f.store.NewDraft(worker, f.w.Person.ID, f.w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Cara Testperson (daughter), 07700 900123\nEve Testperson"; draft.CrisisContact != want {
			t.Errorf("the draft names %q to call in a crisis, want %q", draft.CrisisContact, want)
		}
	})
}
