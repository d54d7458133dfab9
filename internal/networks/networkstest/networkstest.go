// Package networkstest makes networks of test councils, for the tests of the network's pages and of what other
// packages build on networks.
package networkstest

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Network is a test network with its programme lead.
type Network struct {
	Network networks.Network
	Lead    councils.Staff
}

// New makes a network with the code given and one programme lead, and has each council given join it by code, as
// its administrator; share says whether they then share their programme milestones and KPIs.
func New(tb testing.TB, db *sqldb.DB, code string, share bool, members ...peopletest.Council) Network {
	tb.Helper()
	ctx := context.Background()
	s := networks.NewStore(db)
	n, err := s.CreateNetwork(ctx, code, "Network "+code, "A test network", false)
	if err != nil {
		tb.Fatal(err)
	}
	lead, _, err := s.AddStaff(ctx, councils.NewStore(db), code, councils.NewStaff{Email: "lead." + code + "@example.org", Name: "Test Network Lead " + code})
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range members {
		Join(tb, db, n, c, share)
	}
	return Network{Network: n, Lead: lead}
}

// Join has council c's administrator join network n by its code, and share if share is true.
func Join(tb testing.TB, db *sqldb.DB, n networks.Network, c peopletest.Council, share bool) {
	tb.Helper()
	s := networks.NewStore(db)
	admin := peopletest.As(c.Staff[councils.Administrator])
	if _, err := s.JoinByCode(admin, n.JoinCode); err != nil {
		tb.Fatal(err)
	}
	if !share {
		return
	}
	cn, err := s.CouncilNetworkByID(admin, n.ID)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Decide(admin, n.ID, networks.Share, "", cn.Version); err != nil {
		tb.Fatal(err)
	}
}

// Leave has council c's administrator leave network n, for the reason given.
func Leave(tb testing.TB, db *sqldb.DB, n networks.Network, c peopletest.Council, reason string) {
	tb.Helper()
	s := networks.NewStore(db)
	admin := peopletest.As(c.Staff[councils.Administrator])
	cn, err := s.CouncilNetworkByID(admin, n.ID)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Decide(admin, n.ID, networks.Leave, reason, cn.Version); err != nil {
		tb.Fatal(err)
	}
}
