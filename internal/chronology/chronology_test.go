package chronology_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestChronology(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ctx := peopletest.As(worker)
		day := func(s string) sqldb.Date {
			d, err := sqldb.ParseDate(s)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			for _, e := range []chronology.Event{
				{PersonID: p.ID, Kind: chronology.Contact, Summary: "Daughter phoned: struggling with stairs", OccurredOn: day("2026-03-01")},
				{PersonID: p.ID, Kind: chronology.Conversation, Summary: "Conversation at home", OccurredOn: day("2026-03-04")},
				{PersonID: p.ID, Kind: chronology.Review, Summary: "Review held", OccurredOn: day("2026-05-01")},
			} {
				if err := chronology.Record(ctx, tx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			return chronology.Record(ctx, tx, chronology.Event{PersonID: p.ID, Kind: chronology.Review})
		}); err == nil {
			t.Error("an event with no summary was recorded")
		}

		store := chronology.NewStore(db)
		summaries := func(es []chronology.Event) []string {
			var out []string
			for _, e := range es {
				out = append(out, e.Summary)
			}
			return out
		}
		_, all, err := store.List(ctx, p.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Review held", "Conversation at home", "Daughter phoned: struggling with stairs"}, summaries(all)); diff != "" {
			t.Errorf("newest first (-want +got):\n%s", diff)
		}
		if all[0].StaffName != worker.Name {
			t.Errorf("recorded by %q, want %q", all[0].StaffName, worker.Name)
		}
		_, some, err := store.List(ctx, p.ID, []chronology.Kind{chronology.Contact, chronology.Review})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Review held", "Daughter phoned: struggling with stairs"}, summaries(some)); diff != "" {
			t.Errorf("filtered by kind (-want +got):\n%s", diff)
		}
		if _, _, err := store.List(peopletest.As(b.Staff[councils.QualityLead]), p.ID, nil); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the chronology: %v, want not found", err)
		}
	})
}

func TestSafeguardingEventsOnlyForSafeguardingRoles(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		worker, manager := a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ctx := peopletest.As(manager)
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			for _, e := range []chronology.Event{
				{PersonID: p.ID, Kind: chronology.Contact, Summary: "Daughter phoned"},
				{PersonID: p.ID, Kind: chronology.Safeguarding, Summary: "Safeguarding concern raised: Financial or Material Abuse"},
			} {
				if err := chronology.Record(ctx, tx, e); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		store := chronology.NewStore(db)
		tests := []struct {
			staff councils.Staff
			kinds []chronology.Kind
			want  int
		}{
			{manager, nil, 2},
			{a.Staff[councils.QualityLead], nil, 2},
			{worker, nil, 1},
			{worker, []chronology.Kind{chronology.Safeguarding}, 0},
			{a.Staff[councils.Administrator], nil, 1},
		}
		for _, tt := range tests {
			_, es, err := store.List(peopletest.As(tt.staff), p.ID, tt.kinds)
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != tt.want {
				t.Errorf("%s sees %d events, want %d", tt.staff.Role, len(es), tt.want)
			}
			// The filter offers the safeguarding kind only to those who see its events.
			kinds, err := store.KindsFor(peopletest.As(tt.staff))
			if err != nil {
				t.Fatal(err)
			}
			offered := slices.Contains(kinds, chronology.Safeguarding)
			if sees := tt.staff.Role == councils.TeamManager || tt.staff.Role == councils.QualityLead; offered != sees || len(kinds) < len(chronology.Kinds())-1 {
				t.Errorf("%s is offered %v", tt.staff.Role, kinds)
			}
		}
	})
}
