package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo loads a network of three councils with its programme lead, so that on first start the comparison has
// something to compare: each council has figures above the suppression threshold for about half the measures of
// the last quarter, as many as the demo council.
func TestTheDemoNetworkHasThreeCouncilsToCompare(t *testing.T) {
	t.Parallel()
	eachDemoNetwork(t, func(t *testing.T, db *sqldb.DB, d Council) {
		bg := context.Background()
		if len(d.Network) != 3 || d.Network[0].Email != NetworkLead.Email {
			t.Errorf("the demo's network accounts: %+v", d.Network)
		}
		store := networks.NewStore(db)
		n, err := store.ByCode(bg, NetworkCode)
		if err != nil {
			t.Fatal(err)
		}
		lead, err := councils.NewStore(db).FindLogin(bg, NetworkLead.Email)
		if err != nil || lead.CouncilID != n.ID || lead.Role != councils.ProgrammeLead {
			t.Fatalf("the network's lead: %+v, %v", lead, err)
		}
		as := councils.WithStaff(bg, lead)
		members, err := store.CurrentMembers(as)
		if err != nil || len(members) != 3 {
			t.Fatalf("members: %+v, %v", members, err)
		}
		shares := map[string]bool{}
		for _, m := range members {
			shares[m.Name] = m.Shares
		}
		if !shares[Name] || !shares["Westmere Council (demo)"] || shares["Brackenshire Council (demo)"] {
			t.Errorf("who shares its programme: %v", shares)
		}
		period := insight.QuarterOf(db.Today()).Before()
		c, err := networks.NewComparer(store, nil).Compare(as, period)
		if err != nil {
			t.Fatal(err)
		}
		over := map[string]int{}
		for _, mc := range c.Measures {
			for _, row := range mc.ByCouncil {
				if n, ok := row.Figure.Of.Value(); ok && n >= 6 {
					over[row.Label]++
				}
			}
		}
		// Some measures count what a quarter rarely holds in a council this size (safeguarding outcomes, reablement
		// sequels, required actions), in the demo council too: each of the others has about as many figures as it.
		for _, m := range members {
			if over[m.Name] < 15 || over[m.Name] < over[Name]-5 {
				t.Errorf("%s has figures of 6 or more for %d of %d measures in %s, the demo council for %d", m.Name, over[m.Name], len(c.Measures), period.Name(), over[Name])
			}
		}
		t.Logf("measures with figures of 6 or more in %s: %v of %d", period.Name(), over, len(c.Measures))
	})
}

// eachDemoNetwork is eachDemo for the demo council with its network, at a size where every council's staff answer
// the network's survey as the demo plans (surveyPlan): the network's tests share one load on each engine.
func eachDemoNetwork(t *testing.T, fn func(t *testing.T, db *sqldb.DB, d Council)) {
	t.Helper()
	eachDemo(t, Options{People: 1200, Seed: 1}, fn)
}
