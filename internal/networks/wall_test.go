package networks_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkstest"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// withPeople makes a test council with n synthetic people and their five years of history.
func withPeople(t *testing.T, db *sqldb.DB, code string, n int, seed uint64) peopletest.Council {
	t.Helper()
	c := peopletest.NewCouncil(t, db, code)
	var staff []councils.Staff
	for _, r := range councils.Roles {
		staff = append(staff, c.Staff[r])
	}
	staff = append(staff, c.SouthWorker)
	ctx := accesslog.WithCommand(sqldb.WithCouncil(t.Context(), c.Council.ID), "test")
	if err := demo.AddPeople(ctx, db, []councils.Team{c.North, c.South}, staff, demo.Options{People: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return c
}

// models is a test double of the practice models: each council's model by its id, with the tenancy each was asked
// in and, on PostgreSQL, how many people that tenancy's row-level security let it count with no condition at all.
type models struct {
	db     *sqldb.DB
	chosen map[string][2]string
	mu     sync.Mutex
	asked  map[string]string // council asked about → the council of the context it was asked in
	seen   map[string]int    // council asked about → people its tenancy counts with no condition
}

func (m *models) CurrentModel(ctx context.Context, councilID string) (string, string, error) {
	in, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return "", "", err
	}
	var n int
	if m.db.Engine() == sqldb.Postgres {
		// No council_id condition: only the wall stands between this read and every council's people.
		if err := m.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM person`).Scan(&n)
		}); err != nil {
			return "", "", err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.asked[councilID], m.seen[councilID] = in, n
	c := m.chosen[councilID]
	return c[0], c[1], nil
}

func TestTheComparisonSeesOnlyCurrentMembersAndOnlyTheirNumbers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := withPeople(t, db, "E06000911", 160, 1)
		b := withPeople(t, db, "E06000912", 120, 2)
		outside := withPeople(t, db, "E06000913", 140, 3)
		left := withPeople(t, db, "E06000914", 100, 4)
		net := networkstest.New(t, db, "NORTH-SHIRES", true, a, b, left)
		networkstest.Leave(t, db, net.Network, left, "Our programme has ended")
		other := networkstest.New(t, db, "ELSEWHERE", true, outside)

		m := &models{db: db, asked: map[string]string{}, seen: map[string]int{},
			chosen: map[string][2]string{a.Council.ID: {"three-conversations", "Three Conversations"}, b.Council.ID: {"lac", "Local area coordination"},
				outside.Council.ID: {"lac", "Local area coordination"}, left.Council.ID: {"lac", "Local area coordination"}}}
		store := networks.NewStore(db)
		cmp := networks.NewComparer(store, m)
		period := insight.Period{From: sqldb.NewDate(db.Today().AddDate(-1, 0, 0)), To: db.Today()}
		got, err := cmp.Compare(peopletest.As(net.Lead), period)
		if err != nil {
			t.Fatal(err)
		}
		if got.Councils != 2 || len(got.Measures) != len(insight.Catalogue()) {
			t.Fatalf("compared %d councils on %d measures, want 2 on %d", got.Councils, len(got.Measures), len(insight.Catalogue()))
		}
		// Only the current members were asked about, each inside its own tenancy; on PostgreSQL its wall let it count
		// its own people and no one else's.
		if len(m.asked) != 2 || m.asked[a.Council.ID] != a.Council.ID || m.asked[b.Council.ID] != b.Council.ID {
			t.Errorf("the practice models were asked about %v (council: tenancy asked in), want A and B each in its own", m.asked)
		}
		if db.Engine() == sqldb.Postgres && (m.seen[a.Council.ID] != 160 || m.seen[b.Council.ID] != 120) {
			t.Errorf("inside A's and B's tenancies the wall let %d and %d people be counted, want 160 and 120", m.seen[a.Council.ID], m.seen[b.Council.ID])
		}
		// Each council's row is exactly its own figure, computed in its own tenancy; the network's tenancy, and
		// councils outside it or that left, show nowhere.
		withFigures := 0
		for _, mc := range got.Measures {
			if len(mc.ByCouncil) != 2 || mc.ByCouncil[0].Key != a.Council.ID || mc.ByCouncil[1].Key != b.Council.ID {
				t.Fatalf("%s: rows %+v, want A and B", mc.Measure.ID, mc.ByCouncil)
			}
			for i, c := range []peopletest.Council{a, b} {
				want := ownFigure(t, db, c.Council.ID, mc.Measure, period)
				if mc.ByCouncil[i].Figure != want {
					t.Errorf("%s: %s shows %+v, its own figure is %+v", mc.Measure.ID, c.Council.Name, mc.ByCouncil[i].Figure, want)
				}
				if n, _ := want.Of.Value(); n > 0 {
					withFigures++
				}
			}
			if len(mc.ByModel) != 2 || mc.ByModel[0].Label != "Local area coordination" || mc.ByModel[1].Label != "Three Conversations" ||
				mc.ByModel[0].Councils != 1 || mc.ByModel[1].Councils != 1 {
				t.Errorf("%s: models %+v", mc.Measure.ID, mc.ByModel)
			}
			if mc.Measure.Kind == insight.Count && !mc.All.Withheld {
				sumOf := councilCount(t, db, a.Council.ID, mc.Measure, period) + councilCount(t, db, b.Council.ID, mc.Measure, period)
				if want := mc.Measure.Show(insight.Tally{Of: sumOf}).Text; mc.All.Text() != want {
					t.Errorf("%s: the network's total is %s, A and B add up to %s", mc.Measure.ID, mc.All.Text(), want)
				}
			}
		}
		if withFigures < 20 {
			t.Errorf("only %d council figures are above nothing: the test councils' records are too thin to test the comparison", withFigures)
		}

		// A council that leaves is in no comparison from then on, even of a quarter compared a moment before.
		networkstest.Leave(t, db, net.Network, b, "Our programme has ended")
		again, err := cmp.Compare(peopletest.As(net.Lead), period)
		if err != nil || again.Councils != 1 || len(again.Measures[0].ByCouncil) != 1 || again.Measures[0].ByCouncil[0].Key != a.Council.ID {
			t.Errorf("after B left, the comparison holds %d councils (%v)", again.Councils, err)
		}

		// The other network sees only its own member, and a council's own programme lead has no network at all.
		theirs, err := cmp.Compare(peopletest.As(other.Lead), period, "reviews-on-time")
		if err != nil || len(theirs.Measures[0].ByCouncil) != 1 || theirs.Measures[0].ByCouncil[0].Key != outside.Council.ID {
			t.Errorf("the other network's comparison: %+v, %v", theirs.Measures, err)
		}
		if _, err := cmp.Compare(peopletest.As(a.Staff[councils.ProgrammeLead]), period); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council's programme lead ran a network comparison: %v", err)
		}
		if _, err := cmp.Compare(peopletest.As(net.Lead), period, "no-such-measure"); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("an unknown measure: %v", err)
		}

		// The network's programme lead opens no person's record: not in a member council, and not in its own
		// tenancy, which has none.
		ids := dbtest.Column[string](t, db, a.Council.ID, `SELECT id FROM person WHERE council_id = $1 LIMIT 3`, a.Council.ID)
		for _, id := range ids {
			if _, _, err := people.NewStore(db).Get(peopletest.As(net.Lead), id); !errors.Is(err, sqldb.ErrNotFound) && !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("the network's lead opened person %s: %v", id, err)
			}
		}
		if n := dbtest.Count(t, db, net.Network.ID, "person"); n != 0 {
			t.Errorf("the network's tenancy holds %d people", n)
		}
	})
}

// ownFigure is a measure's figure for the council as it computes it in its own tenancy.
func ownFigure(t *testing.T, db *sqldb.DB, council string, m insight.Measure, p insight.Period) insight.Figure {
	t.Helper()
	var f insight.Figure
	ctx := sqldb.WithCouncil(t.Context(), council)
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		_, all, err := insight.Tallies(ctx, tx, m, p, insight.Whole)
		f = m.Show(all)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return f
}

func councilCount(t *testing.T, db *sqldb.DB, council string, m insight.Measure, p insight.Period) int {
	t.Helper()
	var n int
	ctx := sqldb.WithCouncil(t.Context(), council)
	if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		_, all, err := insight.Tallies(ctx, tx, m, p, insight.Whole)
		n = all.Of
		return err
	}); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", m.ID, err))
	}
	return n
}

// The server works out each network's comparison ahead of its page (Warm), inside the network's tenancy and each
// member's: the page is then answered what was worked out, and a second Warm works it out afresh.
func TestWarmWorksOutEachNetworksComparisonAheadOfItsPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := withPeople(t, db, "E06000921", 80, 1)
		b := withPeople(t, db, "E06000922", 60, 2)
		c := withPeople(t, db, "E06000923", 60, 3)
		north := networkstest.New(t, db, "WARM-NORTH", true, a, b)
		south := networkstest.New(t, db, "WARM-SOUTH", true, c)
		m := &models{db: db, asked: map[string]string{}, seen: map[string]int{}, chosen: map[string][2]string{}}
		cmp := networks.NewComparer(networks.NewStore(db), m)
		if err := cmp.Warm(t.Context(), db.Today()); err != nil {
			t.Fatal(err)
		}
		if len(m.asked) != 3 || m.asked[a.Council.ID] != a.Council.ID || m.asked[c.Council.ID] != c.Council.ID {
			t.Errorf("warming asked about %v (council: tenancy asked in), want each member in its own", m.asked)
		}
		last := insight.QuarterOf(db.Today()).Before()
		for _, n := range []networkstest.Network{north, south} {
			got, err := cmp.Compare(peopletest.As(n.Lead), last)
			if err != nil || got.At.IsZero() || got.Network.ID != n.Network.ID {
				t.Fatalf("%s's page: %v at %s, %v", n.Network.Name, got.Network.Name, got.At, err)
			}
			// The page's comparison is the one warmed: opening it read no council's records again.
			m.mu.Lock()
			clear(m.asked)
			m.mu.Unlock()
			if again, err := cmp.Compare(peopletest.As(n.Lead), last); err != nil || !again.At.Equal(got.At) || len(m.asked) != 0 {
				t.Errorf("%s's page again: worked out at %s, %v, asked about %v; want what was kept at %s", n.Network.Name, again.At, err, m.asked, got.At)
			}
		}
		before, err := cmp.Compare(peopletest.As(north.Lead), last)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmp.Warm(t.Context(), db.Today()); err != nil {
			t.Fatal(err)
		}
		after, err := cmp.Compare(peopletest.As(north.Lead), last)
		if err != nil || !after.At.After(before.At) {
			t.Errorf("after warming again the page shows a comparison worked out at %s (before: %s), %v", after.At, before.At, err)
		}
	})
}
