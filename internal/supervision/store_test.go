package supervision_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestSupervisionStore(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		s := supervision.NewStore(db)
		manager := peopletest.As(a.Staff[councils.TeamManager])
		lead := peopletest.As(a.Staff[councils.QualityLead])
		practitioner := a.Staff[councils.Practitioner]
		worker := peopletest.As(practitioner)
		today := dbtest.Date("2025-03-03")

		if err := s.SetPolicy(manager, supervision.Policy{ByRole: map[councils.Role]int{councils.Practitioner: 4}}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager set the policy: %v", err)
		}
		if err := s.SetPolicy(lead, supervision.Policy{ByRole: map[councils.Role]int{councils.Practitioner: 0}}); err == nil {
			t.Error("a policy of no weeks was kept")
		}
		if err := s.SetPolicy(lead, supervision.Policy{ByRole: map[councils.Role]int{councils.Practitioner: 4, councils.DirectoryEditor: 8}}); err != nil {
			t.Fatal(err)
		}

		sess := supervision.Session{SuperviseeID: practitioner.ID, HeldOn: sqldb.NewDate(today.AddDate(0, 0, -7)), Kind: supervision.OneToOne,
			WentWell: "Ada's plan reads as hers", Wellbeing: "Tired after the winter", Reflection: "I rush the first visit",
			Cases:   []supervision.Case{{PersonID: w.Person.ID, Discussion: "Whether reablement is still needed", Decision: "Continue for two weeks, then review"}},
			Actions: []supervision.Action{{What: "Book Ada's review", Owner: "Priya", DueOn: sqldb.NewDate(today.AddDate(0, 0, 7))}}}

		t.Run("what has gone well cannot be skipped, and nothing is saved", func(t *testing.T) {
			bad := sess
			bad.WentWell = ""
			before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
			if _, err := s.Record(manager, bad, nil); !hasProblem(err, "went_well") {
				t.Fatalf("recorded without what went well: %v", err)
			}
			if after := peopletest.Logged(t, db, a.Council.ID, w.Person.ID); len(after) != len(before) {
				t.Errorf("a refused session logged %v", after[len(before):])
			}
		})
		t.Run("a team manager supervises only their teams' staff", func(t *testing.T) {
			other := sess
			other.SuperviseeID, other.Cases = a.SouthWorker.ID, nil
			if _, err := s.Record(manager, other, nil); !hasProblem(err, "supervisee_id") {
				t.Errorf("supervised someone outside their teams: %v", err)
			}
			if _, err := s.Record(worker, sess, nil); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner recorded supervision: %v", err)
			}
		})

		before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
		got, err := s.Record(manager, sess, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("the case discussed is logged and on the person's chronology, without the personal sections", func(t *testing.T) {
			after := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
			if !slices.Equal(after[len(before):], []accesslog.Action{accesslog.Update}) {
				t.Errorf("logged %v, want one update", after[len(before):])
			}
			_, events, err := chronology.NewStore(db).List(peopletest.As(practitioner), w.Person.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(events, func(e chronology.Event) bool { return e.Kind == chronology.Supervision })
			if i < 0 || events[i].Summary != "Discussed in supervision: Continue for two weeks, then review" {
				t.Fatalf("chronology %+v", events)
			}
			if strings.Contains(events[i].Summary, "Tired") || strings.Contains(events[i].Summary, "rush") {
				t.Error("the chronology shows the personal sections")
			}
		})
		t.Run("only the two of them and quality leads read the session", func(t *testing.T) {
			for _, ctx := range []struct {
				name         string
				ok, personal bool
				ctx          func() (supervision.Session, error)
			}{
				{"supervisee", true, true, func() (supervision.Session, error) { return s.Session(worker, got.ID) }},
				{"quality lead, without the personal sections", true, false, func() (supervision.Session, error) { return s.Session(lead, got.ID) }},
				{"another practitioner", false, false, func() (supervision.Session, error) { return s.Session(peopletest.As(a.SouthWorker), got.ID) }},
				{"another council", false, false, func() (supervision.Session, error) {
					return s.Session(peopletest.As(b.Staff[councils.QualityLead]), got.ID)
				}},
			} {
				x, err := ctx.ctx()
				if ctx.ok && (err != nil || (x.Wellbeing == "Tired after the winter") != ctx.personal || x.Cases[0].PersonName != "Ada Testperson") {
					t.Errorf("%s read %+v, %v", ctx.name, x, err)
				}
				if !ctx.ok && !errors.Is(err, sqldb.ErrNotFound) {
					t.Errorf("%s read it: %v", ctx.name, err)
				}
			}
		})
		t.Run("the supervisee agrees; a stale agreement is refused", func(t *testing.T) {
			if err := s.Agree(manager, got.ID, "", 1); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("the supervisor agreed for them: %v", err)
			}
			if err := s.Agree(worker, got.ID, "A fair record", 1); err != nil {
				t.Fatal(err)
			}
			if err := s.Agree(worker, got.ID, "Again", 1); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale agreement: %v", err)
			}
		})
		t.Run("standings: the practitioner's next is due in four weeks; never supervised is overdue", func(t *testing.T) {
			ss, err := s.Standings(manager)
			if err != nil {
				t.Fatal(err)
			}
			var mine, editor *supervision.Standing
			for i := range ss {
				switch ss[i].Staff.ID {
				case practitioner.ID:
					mine = &ss[i]
				case a.Staff[councils.DirectoryEditor].ID:
					editor = &ss[i]
				case a.SouthWorker.ID:
					t.Error("the north team's manager sees the south worker's supervision")
				}
			}
			if mine == nil || mine.Overdue || mine.Next != dbtest.Date("2025-03-24") || editor == nil || !editor.Overdue || editor.Weeks != 8 {
				t.Errorf("practitioner %+v, directory editor %+v", mine, editor)
			}
			if o, err := s.OverdueNow(lead); err != nil || o.Theirs < 2 {
				t.Errorf("the quality lead's overdue %+v, %v", o, err)
			}
			o, err := s.OverdueNow(manager)
			// The manager has never been supervised themselves, so theirs is overdue too.
			if err != nil || o.Theirs != 1 || o.Mine == nil || o.Mine.Staff.ID != a.Staff[councils.TeamManager].ID {
				t.Errorf("overdue %+v, %v", o, err)
			}
		})
		t.Run("actions carry into the next session until done", func(t *testing.T) {
			carried, err := s.Carried(manager, practitioner.ID)
			if err != nil || len(carried) != 1 || carried[0].What != "Book Ada's review" {
				t.Fatalf("carried %+v, %v", carried, err)
			}
			next := supervision.Session{SuperviseeID: practitioner.ID, HeldOn: today, Kind: supervision.Reflective, WentWell: "The review went well"}
			if _, err := s.Record(manager, next, carried); err != nil {
				t.Fatal(err)
			}
			if carried, _ := s.Carried(manager, practitioner.ID); len(carried) != 0 {
				t.Errorf("still carried: %+v", carried)
			}
			shares, err := s.WithinPolicyByTeam(lead, 2)
			if err != nil {
				t.Fatal(err)
			}
			north := shares[slices.IndexFunc(shares, func(x supervision.TeamShares) bool { return x.Team == "North" })]
			now := north.Months[len(north.Months)-1]
			if now.Of != 3 || now.Within != 1 {
				t.Errorf("north this month %+v: want the practitioner within policy of three supervised (practitioner, manager, directory editor)", now)
			}
		})
	})
}

func hasProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	return ok && slices.ContainsFunc(ps, func(p validation.Problem) bool { return p.Field == field })
}
