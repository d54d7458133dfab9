package people_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestVisibleAppliesTheAccessRuleToAList asks which of several people each member of staff may see, as a list of
// people behind a figure does: allocation, the whole council, a granted restricted record, break-glass this session
// and a read grant let a person in, anything else leaves them out; and each view logged gives its reason.
func TestVisibleAppliesTheAccessRuleToAList(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		store := people.NewStore(db)
		manager, worker, lead := a.Staff[councils.TeamManager], a.Staff[councils.Practitioner], a.Staff[councils.QualityLead]
		add := func(team, given string) string {
			return peopletest.MustCreate(t, db, manager, peopletest.Person(team, func(p *people.Person) { p.GivenName, p.NHSNumber = given, "" })).ID
		}
		restrict := func(id string) {
			p, _, err := store.Get(peopletest.As(manager), id)
			if err != nil {
				t.Fatal(err)
			}
			p.Restricted = true
			if err := store.Update(peopletest.As(manager), p); err != nil {
				t.Fatal(err)
			}
		}
		north, south, granted, closed := add(a.North.ID, "North"), add(a.South.ID, "South"), add(a.North.ID, "Granted"), add(a.North.ID, "Closed")
		glass, audited := add(a.South.ID, "Glass"), add(a.South.ID, "Audited")
		other := peopletest.MustCreate(t, db, b.Staff[councils.TeamManager], peopletest.Person(b.North.ID)).ID
		restrict(granted)
		restrict(closed)
		if err := store.Grant(peopletest.As(manager), granted, worker.ID); err != nil {
			t.Fatal(err)
		}
		err := db.InTx(sqldb.WithCouncil(context.Background(), a.Council.ID), func(tx *sqldb.Tx) error {
			return people.GrantRead(context.Background(), tx, "round-1", audited, worker.ID, "case file audit")
		})
		if err != nil {
			t.Fatal(err)
		}
		all := []string{north, south, granted, closed, glass, audited, other}
		names := map[string]string{north: "north", south: "south", granted: "granted", closed: "closed", glass: "glass", audited: "audited", other: "other"}

		cases := []struct {
			name string
			ctx  context.Context
			want string // the people seen, with their access
		}{
			{"a practitioner of the north team", people.WithBrokenGlass(peopletest.As(worker), []string{glass}),
				fmt.Sprint([]string{
					"audited:" + fmt.Sprint(people.ReadGranted), "glass:" + fmt.Sprint(people.BrokenGlass),
					"granted:" + fmt.Sprint(people.Granted), "north:" + fmt.Sprint(people.Allocated)})},
			{"the quality lead", peopletest.As(lead), fmt.Sprint([]string{
				"audited:" + fmt.Sprint(people.WholeCouncil), "glass:" + fmt.Sprint(people.WholeCouncil),
				"north:" + fmt.Sprint(people.WholeCouncil), "south:" + fmt.Sprint(people.WholeCouncil)})},
			{"finance", peopletest.As(a.Staff[councils.Finance]), "[]"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var seen map[string]people.Seen
				err := db.ReadTx(c.ctx, func(tx *sqldb.Tx) error {
					var err error
					seen, err = people.Visible(c.ctx, tx, all)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				got := []string{}
				for id, s := range seen {
					got = append(got, names[id]+":"+fmt.Sprint(s.Access))
				}
				slices.Sort(got)
				if fmt.Sprint(got) != c.want {
					t.Errorf("seen %v, want %s", got, c.want)
				}
			})
		}

		t.Run("each view logged gives the reason its access gives", func(t *testing.T) {
			ctx := people.WithBrokenGlass(peopletest.As(worker), []string{glass})
			err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				seen, err := people.Visible(ctx, tx, []string{north, glass, audited})
				if err != nil {
					return err
				}
				return people.LogViews(ctx, tx, []people.Seen{seen[north], seen[glass], seen[audited]})
			})
			if err != nil {
				t.Fatal(err)
			}
			for id, reason := range map[string]string{north: "", glass: "break-glass", audited: "case file audit"} {
				log := peopletest.Log(t, db, a.Council.ID, id)
				last := log[len(log)-1]
				if last.Action != "view" || last.Reason != reason || last.StaffID != worker.ID {
					t.Errorf("%s: logged %s by %s for %q, want a view for %q", names[id], last.Action, last.StaffID, last.Reason, reason)
				}
			}
		})
	})
}
