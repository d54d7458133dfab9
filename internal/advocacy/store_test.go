package advocacy_test

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func needs(w planstest.World, substantial bool, processes ...advocacy.Process) advocacy.Needs {
	n := advocacy.Needs{PersonID: w.Person.ID, EpisodeID: w.EpisodeID, Difficulties: map[advocacy.Area]advocacy.Difficulty{},
		NoAppropriatePerson: true, Processes: processes, RecordedOn: dbtest.Date("2025-03-03")}
	for _, a := range advocacy.Areas() {
		n.Difficulties[a] = advocacy.Difficulty{Answered: true}
	}
	if substantial {
		n.Difficulties[advocacy.Understanding] = advocacy.Difficulty{Answered: true, Substantial: true, Evidence: "Could not follow the letter"}
	}
	return n
}

func kinds(ds []duties.Duty) []duties.Kind {
	var out []duties.Kind
	for _, d := range ds {
		out = append(out, d.Kind)
	}
	slices.Sort(out)
	return out
}

func TestNeedsRaiseAndReferralsMeetRequiredActions(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		s := advocacy.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		manager := peopletest.As(a.Staff[councils.TeamManager]) // a safeguarding role by default
		before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)

		// Refused: bad input, another council.
		if _, err := s.RecordNeeds(worker, needs(w, true)); err == nil {
			t.Error("a needs record without processes was kept")
		}
		if _, err := s.RecordNeeds(peopletest.As(b.Staff[councils.Practitioner]), needs(w, true, advocacy.Assessment)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v", err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; len(got) != 0 {
			t.Errorf("refused changes logged %v", got)
		}

		first, err := s.RecordNeeds(worker, needs(w, true, advocacy.Assessment, advocacy.Planning, advocacy.Safeguarding))
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.Episode(manager, w.Person.ID, w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		want := []duties.Kind{duties.AdvocateAssessment, duties.AdvocatePlanning, duties.AdvocateSafeguarding}
		if got := kinds(page.Actions); !slices.Equal(got, want) {
			t.Fatalf("actions %v, want %v", got, want)
		}
		due := page.Actions[0].DueAt
		if !due.Equal(duties.DaysAfter(planstest.Clock, 5)) || page.Actions[0].Path != paths.Advocacy.URL(w.Person.ID, w.EpisodeID) ||
			!strings.Contains(page.Actions[0].Reason, "no appropriate person") {
			t.Errorf("action %+v", page.Actions[0])
		}
		// A practitioner does not see the safeguarding one.
		if page, err := s.Episode(worker, w.Person.ID, w.EpisodeID); err != nil || slices.Contains(kinds(page.Actions), duties.AdvocateSafeguarding) {
			t.Errorf("practitioner sees %v, %v", kinds(page.Actions), err)
		}

		// A stale form is a conflict; a new record naming the latest replaces it, keeps the due time of what is still
		// due, and withdraws what it no longer supports (planning dropped, safeguarding still due).
		if _, err := s.RecordNeeds(worker, needs(w, true, advocacy.Assessment)); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale needs record: %v", err)
		}
		second := needs(w, true, advocacy.Assessment, advocacy.Safeguarding)
		second.Replaces = first.ID
		if _, err := s.RecordNeeds(worker, second); err != nil {
			t.Fatal(err)
		}
		page, err = s.Episode(manager, w.Person.ID, w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if got := kinds(page.Actions); !slices.Equal(got, []duties.Kind{duties.AdvocateAssessment, duties.AdvocateSafeguarding}) {
			t.Errorf("after the second record: %v", got)
		}
		for _, d := range page.Actions {
			if !d.DueAt.Equal(due) {
				t.Errorf("%s due %v, want the first due time %v", d.Kind, d.DueAt, due)
			}
		}
		if len(page.Met) != 1 || page.Met[0].Kind != duties.AdvocatePlanning || page.Met[0].MetHow != duties.Withdrawn {
			t.Errorf("met %+v", page.Met)
		}

		// A referral meets the assessment action; the wrong type of advocate is refused; meeting it twice is a conflict.
		ref := advocacy.Referral{PersonID: w.Person.ID, EpisodeID: w.EpisodeID, Type: advocacy.IMCA, Provider: "Exampleshire Advocacy Hub",
			ReferredOn: dbtest.Date("2025-03-03"), DutyKind: duties.AdvocateAssessment, DutySubject: w.EpisodeID}
		if _, err := s.Refer(worker, ref); err == nil {
			t.Error("an IMCA referral met a Care Act action")
		}
		ref.Type = advocacy.CareActAdvocate
		got, err := s.Refer(worker, ref)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Refer(worker, ref); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("second referral for a met action: %v", err)
		}
		// A lawful reason meets the safeguarding one; an unlisted reason is refused.
		if err := s.NotNeeded(manager, w.Person.ID, w.EpisodeID, duties.AdvocateSafeguarding, w.EpisodeID, advocacy.NotMet{Reason: advocacy.CapacityRegained, Details: "x"}); err == nil {
			t.Error("an IMCA reason met a Care Act action")
		}
		if err := s.NotNeeded(manager, w.Person.ID, w.EpisodeID, duties.AdvocateSafeguarding, w.EpisodeID,
			advocacy.NotMet{Reason: advocacy.DeclinedWithCapacity, Details: "Ada said no on 3 March, with capacity"}); err != nil {
			t.Fatal(err)
		}
		page, err = s.Episode(manager, w.Person.ID, w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Actions) != 0 || len(page.Met) != 3 || len(page.Referrals) != 1 || page.Referrals[0].ID != got.ID {
			t.Errorf("after meeting: %d open, %d met, %d referrals", len(page.Actions), len(page.Met), len(page.Referrals))
		}
		for _, d := range page.Met {
			switch d.Kind {
			case duties.AdvocateAssessment:
				if d.MetHow != duties.MetByReferral || !strings.Contains(d.MetNote, "Exampleshire Advocacy Hub") {
					t.Errorf("assessment met %q %q", d.MetHow, d.MetNote)
				}
			case duties.AdvocateSafeguarding:
				if d.MetHow != duties.MetByReason || !strings.Contains(d.MetNote, "declined") {
					t.Errorf("safeguarding met %q %q", d.MetHow, d.MetNote)
				}
			}
		}

		// Updating the referral: allocation and outcome, with the version; a stale version is a conflict.
		if err := s.UpdateReferral(worker, w.Person.ID, w.EpisodeID, got.ID, dbtest.Date("2025-03-03"), "Priya Shah", "Allocated", got.Version); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateReferral(worker, w.Person.ID, w.EpisodeID, got.ID, dbtest.Date("2025-03-03"), "Someone", "Other", got.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale referral update: %v", err)
		}
		if err := s.UpdateReferral(peopletest.As(b.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, got.ID, sqldb.Date{}, "", "", 2); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's update: %v", err)
		}
		_, r, err := s.Referral(worker, w.Person.ID, w.EpisodeID, got.ID)
		if err != nil || r.AdvocateName != "Priya Shah" || r.AllocatedOn.IsZero() || r.Version != 2 {
			t.Errorf("referral %+v, %v", r, err)
		}
	})
}

func TestConsiderRaisesForAProcessAsItStarts(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000931")
		w := planstest.New(t, db, a)
		s := advocacy.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		consider := func(subject string) []duties.Duty {
			var out []duties.Duty
			err := db.InTx(worker, func(tx *sqldb.Tx) error {
				if _, err := people.Open(worker, tx, w.Person.ID, "", people.Log, accesslog.Update); err != nil {
					return err
				}
				if err := advocacy.Consider(worker, tx, w.Person.ID, w.EpisodeID, advocacy.Safeguarding, subject); err != nil {
					return err
				}
				var err error
				out, err = duties.ForSubject(worker, tx, subject)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		// No needs record: nothing raised.
		if got := consider("enquiry-1"); len(got) != 0 {
			t.Errorf("raised without a needs record: %+v", got)
		}
		// No difficulty: nothing.
		if _, err := s.RecordNeeds(worker, needs(w, false, advocacy.Assessment)); err != nil {
			t.Fatal(err)
		}
		if got := consider("enquiry-1"); len(got) != 0 {
			t.Errorf("raised without a difficulty: %+v", got)
		}
		page, _ := s.Episode(worker, w.Person.ID, w.EpisodeID)
		n := needs(w, true, advocacy.Assessment)
		n.Replaces = page.Latest().ID
		if _, err := s.RecordNeeds(worker, n); err != nil {
			t.Fatal(err)
		}
		got := consider("enquiry-1")
		if len(got) != 1 || got[0].Kind != duties.AdvocateSafeguarding || !strings.Contains(got[0].Reason, "s68") {
			t.Fatalf("Consider raised %+v", got)
		}
		// Twice never duplicates.
		if got := consider("enquiry-1"); len(got) != 1 {
			t.Errorf("Consider twice: %d duties", len(got))
		}
	})
}
