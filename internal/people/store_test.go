package people_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// logCount is how many access log entries a council has about a person.
func logCount(t *testing.T, db *sqldb.DB, staff councils.Staff, personID string) int {
	t.Helper()
	return len(peopletest.Logged(t, db, staff.CouncilID, personID))
}

func TestCreateGetAndTheAccessLog(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		store := people.NewStore(db)
		worker := a.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.NHSNumber, p.Postcode = "  Ada  ", "Testperson", "999 000 0018", "zz991aa"
			p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", UnpaidCarer: true}}
		}))
		if p.GivenName != "Ada" || p.NHSNumber != "9990000018" || p.Postcode != "ZZ99 1AA" {
			t.Errorf("not normalised: %q %q %q", p.GivenName, p.NHSNumber, p.Postcode)
		}
		if n := logCount(t, db, worker, p.ID); n != 1 {
			t.Errorf("after create: %d access log entries, want 1", n)
		}
		got, access, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if access != people.Allocated || got.TeamName != "North" || len(got.Network) != 1 || !got.Network[0].UnpaidCarer {
			t.Errorf("Get = %+v, access %v", got, access)
		}
		if n := logCount(t, db, worker, p.ID); n != 2 {
			t.Errorf("after a view: %d access log entries, want 2", n)
		}
		// Another council: not found, nothing logged in either council, nothing changed.
		other := b.Staff[councils.Administrator]
		if _, _, err := store.Get(peopletest.As(other), p.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's Get: error = %v, want ErrNotFound", err)
		}
		changed := got
		changed.FamilyName = "Hijacked"
		if err := store.Update(peopletest.As(b.Staff[councils.Practitioner]), changed); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's Update: error = %v, want ErrNotFound", err)
		}
		if _, err := store.AddNetworkMember(peopletest.As(b.Staff[councils.Practitioner]), p.ID, people.NetworkMember{Name: "Intruder"}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council's AddNetworkMember: error = %v, want ErrNotFound", err)
		}
		if res, _ := store.Search(peopletest.As(other), "Testperson"); len(res) != 0 {
			t.Errorf("another council's search found %d people", len(res))
		}
		if n := logCount(t, db, worker, p.ID); n != 2 {
			t.Errorf("after another council's attempts: %d entries, want still 2", n)
		}
		if n := logCount(t, db, other, p.ID); n != 0 {
			t.Errorf("council B's log has %d entries about council A's person", n)
		}
		got, _, _ = store.Get(peopletest.As(worker), p.ID)
		if got.FamilyName != "Testperson" {
			t.Errorf("family name is %q after another council's attempt", got.FamilyName)
		}
	})
}

func TestFindTolerantly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		worker := a.Staff[councils.Practitioner]
		ada := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.PreferredName = "Adaline", "O'Testperson-Smith", "Ada"
		}))
		peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.NHSNumber, p.Postcode = "Bertram", "Example", "", "ZZ99 3CZ"
			p.DateOfBirth, _ = sqldb.ParseDate("1950-01-02")
		}))
		store := people.NewStore(db)
		tests := []struct {
			query string
			want  []string // given names, in order
		}{
			{"adaline", []string{"Adaline"}},
			{"  ADA   testperson ", []string{"Adaline"}},
			{"otestperson", []string{"Adaline"}},
			{"smith ada", []string{"Adaline"}},
			{"999 000 0018", []string{"Adaline"}},
			{"999-000-0018", []string{"Adaline"}},
			{"2/1/1950", []string{"Bertram"}},
			{"example 02/01/1950", []string{"Bertram"}},
			{"zz993cz", []string{"Bertram"}},
			{"ZZ99 3CZ", []string{"Bertram"}},
			{"nobody", nil},
			{"", nil},
		}
		for _, tt := range tests {
			res, err := store.Search(peopletest.As(worker), tt.query)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			var got []string
			for _, r := range res {
				got = append(got, r.GivenName)
			}
			if len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		}
		dups, err := store.PossibleDuplicates(peopletest.As(worker), peopletest.Person(a.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.NHSNumber = "ADALINE", "o'testperson-smith", ""
		}))
		if err != nil || len(dups) != 1 || dups[0].ID != ada.ID {
			t.Errorf("duplicates by name and date of birth = %+v, %v", dups, err)
		}
		dups, _ = store.PossibleDuplicates(peopletest.As(worker), people.Person{GivenName: "Someone", FamilyName: "Else", NHSNumber: "9990000018"})
		if len(dups) != 1 {
			t.Errorf("duplicates by NHS number = %+v", dups)
		}
	})
}

func TestStaleEditIsRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		worker, manager := a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		store := people.NewStore(db)
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		first, second := p, p
		first.Phone = "01632 960 001"
		second.Email = "ada@example.org"
		if err := store.Update(peopletest.As(worker), first); err != nil {
			t.Fatal(err)
		}
		if err := store.Update(peopletest.As(manager), second); !errors.Is(err, sqldb.ErrConflict) {
			t.Fatalf("second edit from the same version: error = %v, want ErrConflict", err)
		}
		got, _, _ := store.Get(peopletest.As(worker), p.ID)
		if got.Phone != "01632 960 001" || got.Email != "" || got.Version != 2 {
			t.Errorf("after a refused stale edit: phone %q email %q version %d", got.Phone, got.Email, got.Version)
		}
		bad := got
		bad.NHSNumber = "9434765918"
		err := store.Update(peopletest.As(worker), bad)
		if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "nhs_number" {
			t.Errorf("invalid NHS number: error = %v", err)
		}
	})
}

func TestAllocationRestrictionAndBreakGlass(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		store := people.NewStore(db)
		north, south := a.Staff[councils.Practitioner], a.SouthWorker
		p := peopletest.MustCreate(t, db, north, peopletest.Person(a.North.ID))

		if _, _, err := store.Get(peopletest.As(south), p.ID); !errors.Is(err, people.ErrBreakGlassNeeded) {
			t.Fatalf("south worker opening a north person: error = %v, want ErrBreakGlassNeeded", err)
		}
		if err := store.BreakGlass(peopletest.As(south), p.ID, " "); err == nil {
			t.Error("break-glass without a reason was accepted")
		}
		if err := store.BreakGlass(peopletest.As(south), p.ID, "Duty call from the hospital ward"); err != nil {
			t.Fatal(err)
		}
		ctx := people.WithBrokenGlass(peopletest.As(south), []string{p.ID})
		if _, access, err := store.Get(ctx, p.ID); err != nil || access != people.BrokenGlass {
			t.Fatalf("after break-glass: access %v, error %v", access, err)
		}
		entries, _ := accesslog.NewStore(db).Search(peopletest.As(north), accesslog.Filter{PersonID: p.ID, StaffID: south.ID})
		if len(entries) != 2 || entries[1].Action != accesslog.BreakGlass || entries[1].Reason != "Duty call from the hospital ward" || entries[0].Reason != "break-glass" {
			t.Errorf("south worker's entries = %+v", entries)
		}
		events, err := store.BreakGlassEvents(peopletest.As(a.Staff[councils.Administrator]), false)
		if err != nil || len(events) != 1 || events[0].StaffName != south.Name {
			t.Fatalf("break-glass to review = %+v, %v", events, err)
		}
		if _, err := store.BreakGlassEvents(peopletest.As(north), false); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner listing break-glass: %v, want ErrForbidden", err)
		}
		if err := store.ReviewBreakGlass(peopletest.As(a.Staff[councils.Administrator]), events[0].ID, "Confirmed with the ward", events[0].Version); err != nil {
			t.Fatal(err)
		}
		if open, _ := store.BreakGlassEvents(peopletest.As(a.Staff[councils.Administrator]), false); len(open) != 0 {
			t.Errorf("%d break-glass events still open after review", len(open))
		}

		// The team manager restricts the record: the north practitioner loses sight of it, even in search.
		manager := a.Staff[councils.TeamManager]
		got, _, _ := store.Get(peopletest.As(manager), p.ID)
		got.Restricted = true
		if err := store.Update(peopletest.As(manager), got); err != nil {
			t.Fatal(err)
		}
		if _, _, err := store.Get(peopletest.As(north), p.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("practitioner opening a restricted record: error = %v, want ErrNotFound", err)
		}
		if _, _, err := store.Get(ctx, p.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("break-glass into a restricted record: error = %v, want ErrNotFound", err)
		}
		if res, _ := store.Search(peopletest.As(north), "Testperson"); len(res) != 0 {
			t.Errorf("restricted record appears in search for someone not granted it")
		}
		if _, _, err := store.Get(peopletest.As(manager), p.ID); err != nil {
			t.Errorf("the manager who restricted the record lost sight of it: %v", err)
		}
		if err := store.Grant(peopletest.As(manager), p.ID, north.ID); err != nil {
			t.Fatal(err)
		}
		if _, access, err := store.Get(peopletest.As(north), p.ID); err != nil || access != people.Granted {
			t.Errorf("after a grant: access %v, error %v", access, err)
		}
		viewers, err := store.Viewers(peopletest.As(manager), p.ID)
		if err != nil || len(viewers) < 5 {
			t.Errorf("who has seen this record: %d entries, %v", len(viewers), err)
		}
		if _, err := store.Viewers(peopletest.As(north), p.ID); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner asking who viewed: %v, want ErrForbidden", err)
		}
	})
}

func TestFinanceDoesNotOpenRecords(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		p := peopletest.MustCreate(t, db, a.Staff[councils.Practitioner], peopletest.Person(a.North.ID))
		store := people.NewStore(db)
		fin := peopletest.As(a.Staff[councils.Finance])
		if _, _, err := store.Get(fin, p.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("finance Get: %v, want ErrNotFound", err)
		}
		if _, err := store.Search(fin, "Testperson"); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance Search: %v, want ErrForbidden", err)
		}
		if _, err := store.Create(fin, peopletest.Person(a.North.ID)); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance Create: %v, want ErrForbidden", err)
		}
	})
}

func TestOpenAppliesTheAccessRuleAndLogs(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		log := accesslog.NewStore(db)
		entries := func() int {
			es, err := log.Search(sqldb.WithCouncil(context.Background(), a.Council.ID), accesslog.Filter{PersonID: p.ID, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		tests := []struct {
			name    string
			as      councils.Staff
			action  accesslog.Action
			wantErr error
			logged  bool
		}{
			{"my person, viewed", worker, accesslog.View, nil, true},
			{"my person, changed", worker, accesslog.Update, nil, true},
			{"another council", b.Staff[councils.Practitioner], accesslog.View, sqldb.ErrNotFound, false},
			{"finance never opens records", a.Staff[councils.Finance], accesslog.View, sqldb.ErrNotFound, false},
			{"outside my teams", a.SouthWorker, accesslog.View, people.ErrBreakGlassNeeded, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := entries()
				err := db.InTx(peopletest.As(tt.as), func(tx *sqldb.Tx) error {
					_, err := people.Open(peopletest.As(tt.as), tx, p.ID, "", people.Log, tt.action)
					return err
				})
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Open: %v, want %v", err, tt.wantErr)
				}
				if got := entries() - before; (got == 1) != tt.logged || got > 1 {
					t.Errorf("access log gained %d entries, want logged=%v", got, tt.logged)
				}
			})
		}
	})
}
