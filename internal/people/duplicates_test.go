package people_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestMatchOf(t *testing.T) {
	t.Parallel()
	dob, _ := sqldb.ParseDate("1941-06-15")
	other, _ := sqldb.ParseDate("1941-06-16")
	held := people.Person{GivenName: "Zoë", FamilyName: "O'Testperson-Smith", DateOfBirth: dob, NHSNumber: "9990000018"}
	tests := []struct {
		name    string
		adding  people.Person
		want    people.Match
		refuses bool
	}{
		{"the same NHS number, whatever the names", people.Person{GivenName: "Someone", FamilyName: "Else", NHSNumber: "9990000018"}, people.SameNHSNumber, true},
		{"the same NHS number and the same names", people.Person{GivenName: "Zoë", FamilyName: "O'Testperson-Smith", DateOfBirth: dob, NHSNumber: "9990000018"}, people.SameNHSNumber, true},
		{"the same names and date of birth, as searches compare names", people.Person{GivenName: "ZOE", FamilyName: "o’testperson smith", DateOfBirth: dob}, people.SameNameAndBirth, false},
		{"the same names and date of birth with another NHS number", people.Person{GivenName: "Zoe", FamilyName: "O'Testperson-Smith", DateOfBirth: dob, NHSNumber: "9990000026"}, people.SameNameAndBirth, false},
		{"another date of birth", people.Person{GivenName: "Zoë", FamilyName: "O'Testperson-Smith", DateOfBirth: other}, "", false},
		{"no date of birth", people.Person{GivenName: "Zoë", FamilyName: "O'Testperson-Smith"}, "", false},
		{"another given name", people.Person{GivenName: "Zara", FamilyName: "O'Testperson-Smith", DateOfBirth: dob}, "", false},
		{"another family name", people.Person{GivenName: "Zoë", FamilyName: "Testperson", DateOfBirth: dob}, "", false},
		{"no NHS number on either", people.Person{GivenName: "Someone", FamilyName: "Else"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.adding.Normalise()
			got := people.MatchOf(tt.adding, held)
			if got != tt.want || got.Refuses() != tt.refuses {
				t.Errorf("MatchOf = %q (refuses %v), want %q (refuses %v)", got, got.Refuses(), tt.want, tt.refuses)
			}
		})
	}
	// A record with no NHS number is never matched by number to another with none.
	if got := people.MatchOf(people.Person{GivenName: "A", FamilyName: "B"}, people.Person{GivenName: "C", FamilyName: "D"}); got != "" {
		t.Errorf("two unknown NHS numbers matched: %q", got)
	}
}

func TestAddChecksForDuplicates(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		store := people.NewStore(db)
		worker := a.Staff[councils.Practitioner]
		as := peopletest.As(worker)
		ada := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		// A restricted record the practitioner is not granted.
		hidden := peopletest.MustCreate(t, db, a.Staff[councils.TeamManager], peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.NHSNumber, p.Restricted = "Rita", "Restrictedperson", "999 000 0026", true
		}))
		count := func() int {
			t.Helper()
			found, err := store.Search(peopletest.As(a.Staff[councils.QualityLead]), "testperson")
			if err != nil {
				t.Fatal(err)
			}
			return len(found)
		}
		logs := func() [2]int {
			return [2]int{logCount(t, db, worker, ada.ID), logCount(t, db, a.Staff[councils.TeamManager], hidden.ID)}
		}
		before, people0 := logs(), count()

		tests := []struct {
			name      string
			person    people.Person
			confirmed bool
			want      people.Duplicates // nil: added
		}{
			{"the same NHS number is refused", peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.FamilyName = "Someone", "Testperson-Else" }),
				false, people.Duplicates{{ID: ada.ID, Name: "Ada Testperson", Match: people.SameNHSNumber}}},
			{"the same NHS number is refused when confirmed", peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.FamilyName = "Someone", "Testperson-Else" }),
				true, people.Duplicates{{ID: ada.ID, Name: "Ada Testperson", Match: people.SameNHSNumber}}},
			{"a restricted record's NHS number is refused without its name", peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Other", "999 000 0026" }),
				true, people.Duplicates{{Match: people.SameNHSNumber}}},
			{"the same names and date of birth warn", peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "ADA", "" }),
				false, people.Duplicates{{ID: ada.ID, Name: "Ada Testperson", Match: people.SameNameAndBirth}}},
		}
		for _, tt := range tests {
			_, err := store.Add(as, tt.person, tt.confirmed)
			got, ok := people.AsDuplicates(err)
			if !ok {
				t.Errorf("%s: Add = %v, want duplicates", tt.name, err)
				continue
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: duplicates (-want +got):\n%s", tt.name, diff)
			}
			if got.Refused() != tt.want.Refused() {
				t.Errorf("%s: refused = %v", tt.name, got.Refused())
			}
		}
		// Nothing was added, and finding the matches opened nobody's record.
		if n := count(); n != people0 {
			t.Errorf("%d people called Testperson after refusals, want %d", n, people0)
		}
		if got := logs(); got != before {
			t.Errorf("access log entries about the matches went from %v to %v; a warning opens no record", before, got)
		}
		// The restricted record's name is not given, nor is it listed for matching names alone.
		dups, err := store.PossibleDuplicates(as, peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.FamilyName, p.NHSNumber = "Rita", "Restrictedperson", "" }))
		if err != nil || len(dups) != 0 {
			t.Errorf("a restricted record matched by name = %+v, %v", dups, err)
		}

		// Confirmed as someone else with the same names and date of birth: added, and logged once.
		twin, err := store.Add(as, peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = "" }), true)
		if err != nil {
			t.Fatalf("confirmed: %v", err)
		}
		if n := logCount(t, db, worker, twin.ID); n != 1 {
			t.Errorf("%d access log entries for the new person, want 1", n)
		}
		// Opening the record a warning linked to logs a view, as usual.
		if _, _, err := store.Get(as, ada.ID); err != nil {
			t.Fatal(err)
		}
		if got := logCount(t, db, worker, ada.ID); got != before[0]+1 {
			t.Errorf("viewing the linked record: %d entries, want %d", got, before[0]+1)
		}

		// Another council's person with the same NHS number, names and date of birth is no duplicate, and the
		// answer reveals nothing of them.
		outside := peopletest.As(b.Staff[councils.Practitioner])
		if dups, err := store.PossibleDuplicates(outside, peopletest.Person(b.North.ID)); err != nil || len(dups) != 0 {
			t.Errorf("another council's duplicates = %+v, %v", dups, err)
		}
		theirs, err := store.Add(outside, peopletest.Person(b.North.ID), false)
		if err != nil {
			t.Fatalf("another council adding the same NHS number: %v", err)
		}
		if theirs.CouncilID != b.Council.ID {
			t.Errorf("added to council %s", theirs.CouncilID)
		}
		if got := logs(); got[0] != before[0]+1 || got[1] != before[1] {
			t.Errorf("another council's add touched council A's log: %v", got)
		}

		// A change may not give a record someone else's NHS number; a record keeps the number it has.
		bea := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Bea", "" }))
		bea.NHSNumber = "9990000018"
		err = store.Update(as, bea)
		want := people.Duplicates{{ID: ada.ID, Name: "Ada Testperson", Match: people.SameNHSNumber}}.NHSNumberProblem()
		if ps, ok := validation.AsProblems(err); !ok || len(ps) != 1 || ps[0] != want {
			t.Errorf("a change to someone else's NHS number = %v", err)
		}
		ada.Phone = "01632 960 123"
		if err := store.Update(as, ada); err != nil {
			t.Errorf("a change keeping the record's own NHS number: %v", err)
		}

		// Only staff who work with people may look for duplicates.
		if _, err := store.PossibleDuplicates(peopletest.As(a.Staff[councils.Finance]), ada); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance looked for duplicates: %v", err)
		}
	})
}

// TestAddsAtOnceKeepOneNHSNumberOnePerson: two practitioners adding the same NHS number at the same moment get one
// record between them, not two.
func TestAddsAtOnceKeepOneNHSNumberOnePerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		store := people.NewStore(db)
		for round := range 5 {
			nhs := []string{"999 000 0026", "999 000 0034", "999 000 0042", "999 000 0050", "999 000 0069"}[round]
			errs := make(chan error, 2)
			for _, st := range []councils.Staff{a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]} {
				go func() {
					_, err := store.Add(peopletest.As(st), peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = nhs }), true)
					errs <- err
				}()
			}
			added, refused := 0, 0
			for range 2 {
				err := <-errs
				if ds, ok := people.AsDuplicates(err); ok && ds.Refused() {
					refused++
				} else if err == nil {
					added++
				} else {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if added != 1 || refused != 1 {
				t.Errorf("round %d: %d added and %d refused, want one of each", round, added, refused)
			}
		}
	})
}
