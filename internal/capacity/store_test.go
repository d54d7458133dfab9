package capacity_test

import (
	"context"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Lacking is an assessment of the world's person that finds they lack capacity to decide about a move to
// residential accommodation arranged by the council, with nobody to consult: an IMCA is due (MCA s39).
func Lacking(w planstest.World) capacity.Assessment {
	return capacity.Assessment{
		PersonID: w.Person.ID, EpisodeID: w.EpisodeID,
		Decision: "Whether to move to Oak House for long-term care", Type: capacity.CouncilResidential, AssessedAt: planstest.Clock.Add(-time.Hour),
		Impairment: capacity.Yes, ImpairmentEvidence: "Vascular dementia, diagnosed 2023",
		Findings: map[capacity.Ability]capacity.Finding{
			capacity.Understand: {State: capacity.Unable, Evidence: "Could not say what Oak House is after three explanations"},
			capacity.Retain:     {State: capacity.Unable, Evidence: "No memory of the visit an hour later"},
			capacity.UseOrWeigh: {State: capacity.Able, Evidence: "Weighed what she remembered"}, capacity.Communicate: {State: capacity.Able, Evidence: "Clear"},
		},
		CausalLink: capacity.Yes, CausalLinkEvidence: "The memory loss of the dementia", SupportGiven: "Photos, her best time of day",
		Result: capacity.LacksCapacity, AnyoneToConsult: capacity.No, MHAResidence: capacity.No,
	}
}

func decision(w planstest.World, assessmentID string) capacity.BestInterests {
	return capacity.BestInterests{
		PersonID: w.Person.ID, EpisodeID: w.EpisodeID, AssessmentID: assessmentID,
		Checklist: map[capacity.Item]capacity.Check{
			capacity.NoAssumptions: {State: capacity.Considered, Notes: "On the assessment alone"}, capacity.AllCircumstances: {State: capacity.Considered, Notes: "Falls"},
			capacity.RegainCapacity: {State: capacity.Considered, Notes: "Not likely"}, capacity.Participation: {State: capacity.Considered, Notes: "Visited with her"},
			capacity.LifeSustaining: {State: capacity.NotApplicable},
		},
		Wishes: "To stay near the allotment", Beliefs: "Methodist", OtherFactors: "Her cat", NoConsulteeReason: "No family or friends; IMCA instructed",
		Options: []capacity.Option{{Text: "Oak House"}, {Text: "Home with four calls a day", LessRestrictive: true}}, Chosen: 1,
		ChosenWhy: "She keeps her home and the allotment", Decision: "Stay at home with more support", DecidedBy: "Sam Jones, social worker",
		DecidedOn: dbtest.Date("2025-03-03"), OutcomeIDs: []string{w.Outcomes[0].ID},
	}
}

func openDuties(t *testing.T, db *sqldb.DB, council, personID string) []duties.Duty {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), council)
	var out []duties.Duty
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = duties.OpenForPerson(ctx, tx, personID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAssessmentsAndDecisions(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		s := capacity.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)

		// Bad input changes nothing and logs nothing.
		bad := Lacking(w)
		bad.Impairment = capacity.No
		if _, err := s.Record(worker, bad); err == nil {
			t.Fatal("recorded 'lacks capacity' without stage 1")
		} else if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "result" {
			t.Errorf("problems = %v", err)
		}
		// Another council cannot record one.
		if _, err := s.Record(peopletest.As(b.Staff[councils.Practitioner]), Lacking(w)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v, want ErrNotFound", err)
		}
		// Finance may not.
		if _, err := s.Record(peopletest.As(a.Staff[councils.Finance]), Lacking(w)); !errors.Is(err, sqldb.ErrForbidden) && !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("finance: %v, want ErrForbidden or ErrNotFound", err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; len(got) != 0 {
			t.Errorf("refused changes logged %v", got)
		}
		if n := len(openDuties(t, db, a.Council.ID, w.Person.ID)); n != 0 {
			t.Fatalf("%d duties before any assessment", n)
		}

		got, err := s.Record(worker, Lacking(w))
		if err != nil {
			t.Fatal(err)
		}
		// The IMCA action is raised, due in the council's days, and met on the advocacy page.
		ds := openDuties(t, db, a.Council.ID, w.Person.ID)
		if len(ds) != 1 || ds[0].Kind != duties.IMCA || ds[0].SubjectID != got.ID || ds[0].EpisodeID != w.EpisodeID ||
			!strings.Contains(ds[0].Reason, "s39") || ds[0].Path != paths.Advocacy.URL(w.Person.ID, w.EpisodeID) {
			t.Fatalf("duties = %+v", ds)
		}
		if want := duties.EndOfDay(dbtest.Date("2025-03-08")); !ds[0].DueAt.Equal(want) {
			t.Errorf("due %v, want %v", ds[0].DueAt, want)
		}
		// Someone who has capacity raises nothing.
		has := Lacking(w)
		has.Impairment, has.ImpairmentEvidence, has.CausalLink, has.CausalLinkEvidence = capacity.No, "", capacity.Unanswered, ""
		for _, ab := range capacity.Abilities() {
			has.Findings[ab] = capacity.Finding{State: capacity.Able, Evidence: "Fine"}
		}
		has.Result = capacity.HasCapacity
		hasGot, err := s.Record(worker, has)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(openDuties(t, db, a.Council.ID, w.Person.ID)); n != 1 {
			t.Errorf("%d duties after an assessment finding capacity", n)
		}

		// Reading it back, in the same shape.
		page, err := s.Assessment(worker, w.Person.ID, w.EpisodeID, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r := page.Assessment; r.Decision != got.Decision || r.Findings[capacity.Retain].State != capacity.Unable || !r.AssessedAt.Equal(got.AssessedAt) ||
			r.AssessorName == "" || !page.IMCA.Due || len(page.Outcomes) != 2 {
			t.Errorf("read back %+v", page)
		}
		if _, err := s.Assessment(peopletest.As(b.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, got.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read: %v", err)
		}

		// A best-interests decision: not for someone with capacity; incomplete is refused; then kept.
		if _, err := s.Decide(worker, decision(w, hasGot.ID), ""); !isProblem(err, "decision") {
			t.Errorf("decision for someone with capacity: %v", err)
		}
		incomplete := decision(w, got.ID)
		incomplete.Options = incomplete.Options[:1]
		if _, err := s.Decide(worker, incomplete, ""); !isProblem(err, "option_0") {
			t.Error("an incomplete decision was kept")
		}
		bi, err := s.Decide(worker, decision(w, got.ID), "")
		if err != nil {
			t.Fatal(err)
		}
		// A second decision from a form opened before the first is a conflict.
		if _, err := s.Decide(worker, decision(w, got.ID), ""); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale decision: %v, want ErrConflict", err)
		}
		ep, err := s.Episode(worker, w.Person.ID, w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ep.Assessments) != 2 || len(ep.Decisions) != 1 || ep.Decisions[0].ID != bi.ID || !slices.Equal(ep.Decisions[0].OutcomeIDs, []string{w.Outcomes[0].ID}) ||
			ep.Decisions[0].ChosenOption().Text != "Home with four calls a day" || ep.Decisions[0].Checklist[capacity.LifeSustaining].State != capacity.NotApplicable {
			t.Errorf("episode = %+v", ep)
		}

		// The access log: exactly one entry for each call that reached the record.
		want := []accesslog.Action{accesslog.Update, accesslog.Update, accesslog.View, accesslog.Update, accesslog.View}
		if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; !slices.Equal(got, want) {
			t.Errorf("access log gained %v, want %v", got, want)
		}
		// The chronology has each change.
		ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), a.Council.ID), "test")
		_, events, err := chronology.NewStore(db).List(ctx, w.Person.ID, []chronology.Kind{chronology.Capacity, chronology.Advocacy})
		if err != nil {
			t.Fatal(err)
		}
		var summaries []string
		for _, e := range events {
			summaries = append(summaries, e.Summary)
		}
		all := strings.Join(summaries, "\n")
		for _, want := range []string{"Capacity assessed: lacks capacity", "Capacity assessed: has capacity", "Required action: instruct an IMCA (MCA s39)", "Best-interests decision: Stay at home"} {
			if !strings.Contains(all, want) {
				t.Errorf("chronology lacks %q:\n%s", want, all)
			}
		}
	})
}

func isProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	return ok && len(ps) > 0 && ps[0].Field == field
}
