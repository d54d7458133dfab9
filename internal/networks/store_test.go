package networks_test

import (
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkstest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestCouncilsJoinShareAndLeaveByTheirAdministratorsDecision(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		c := peopletest.NewCouncil(t, db, "E06000903")
		s := networks.NewStore(db)
		net := networkstest.New(t, db, "NORTH-SHIRES", false)
		lead := peopletest.As(net.Lead)
		adminA, adminB := peopletest.As(a.Staff[councils.Administrator]), peopletest.As(b.Staff[councils.Administrator])

		// A joins by the network's code; B is invited and accepts; C never joins.
		if _, err := s.JoinByCode(adminA, "  "+net.Network.JoinCode+" "); err != nil {
			t.Fatalf("join by code: %v", err)
		}
		if _, err := s.JoinByCode(adminA, net.Network.JoinCode); !errors.Is(err, networks.ErrDecision) {
			t.Errorf("joined twice: %v", err)
		}
		if _, err := s.JoinByCode(peopletest.As(c.Staff[councils.Administrator]), "WRONG-CODE"); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("joined with a wrong code: %v", err)
		}
		if _, err := s.JoinByCode(peopletest.As(c.Staff[councils.QualityLead]), net.Network.JoinCode); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a quality lead joined for the council: %v", err)
		}
		if err := s.AcceptInvitation(adminB, net.Network.ID, 0); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("accepted an invitation never made: %v", err)
		}
		if _, err := s.Invite(lead, a.Council.Code, ""); !errors.Is(err, networks.ErrDecision) {
			t.Errorf("invited a member: %v", err)
		}
		if _, err := s.Invite(lead, "E06000999", ""); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("invited a council that does not exist: %v", err)
		}
		if _, err := s.Invite(lead, net.Network.Code, ""); err == nil {
			t.Error("invited a network, whose code is not a council's")
		}
		inv, err := s.Invite(lead, b.Council.Code, "Join us to compare practice models")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Invite(lead, b.Council.Code, ""); !errors.Is(err, networks.ErrDecision) {
			t.Errorf("invited twice: %v", err)
		}
		bn, err := s.CouncilNetworkByID(adminB, net.Network.ID)
		if err != nil || bn.Invitation == nil || bn.Invitation.ID != inv.ID || bn.Member() {
			t.Fatalf("B sees the invitation: %+v, %v", bn, err)
		}
		if err := s.AcceptInvitation(adminB, net.Network.ID, bn.Version); err != nil {
			t.Fatal(err)
		}
		if err := s.Decide(adminB, net.Network.ID, networks.Share, "", bn.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a decision from a stale page was recorded: %v", err)
		}
		if err := s.Decide(adminB, net.Network.ID, networks.Share, "", bn.Version+1); err != nil {
			t.Fatal(err)
		}
		if err := s.Decide(adminB, net.Network.ID, networks.Join, "", bn.Version+2); !errors.Is(err, networks.ErrDecision) {
			t.Errorf("joined through Decide: %v", err)
		}
		if _, err := s.CouncilNetworkByID(peopletest.As(c.Staff[councils.Administrator]), net.Network.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("C, never invited, sees the network: %v", err)
		}
		if err := s.Decide(peopletest.As(c.Staff[councils.Administrator]), net.Network.ID, networks.Decline, "", 0); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("C declined an invitation it never had: %v", err)
		}

		members, err := s.CurrentMembers(lead)
		if err != nil {
			t.Fatal(err)
		}
		if len(members) != 2 || members[0].CouncilID != a.Council.ID || members[0].Shares || members[1].CouncilID != b.Council.ID || !members[1].Shares {
			t.Fatalf("members = %+v, want A (not sharing) and B (sharing)", members)
		}

		// A leaves with its reason: it is no longer a member, and its period is kept.
		an, err := s.CouncilNetworkByID(adminA, net.Network.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Decide(adminA, net.Network.ID, networks.Leave, "", an.Version); err == nil {
			t.Error("left without a reason")
		}
		if err := s.Decide(adminA, net.Network.ID, networks.Leave, "Our programme has ended", an.Version); err != nil {
			t.Fatal(err)
		}
		all, err := s.MembersOf(lead)
		if err != nil {
			t.Fatal(err)
		}
		if cur := all.Current(); len(cur) != 1 || cur[0].CouncilID != b.Council.ID {
			t.Errorf("current members after A left: %+v", cur)
		}
		if len(all.Memberships) != 2 || all.Memberships[1].CouncilID != a.Council.ID || all.Memberships[1].LeftReason != "Our programme has ended" ||
			all.Memberships[1].LeftBy != a.Staff[councils.Administrator].ID || all.Memberships[1].JoinedHow != networks.ByCode {
			t.Errorf("A's period was not kept as recorded: %+v", all.Memberships)
		}
		if len(all.Records) != 4 {
			t.Errorf("%d decisions kept, want 4 (A joined and left, B joined and shared)", len(all.Records))
		}
		if _, err := s.MemberOf(lead, a.Council.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left is still a member: %v", err)
		}
		if _, err := s.MemberOf(lead, c.Council.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council never a member is one: %v", err)
		}

		// Network pages are for the network's own tenancy: a council's programme lead has none.
		if _, err := s.Mine(peopletest.As(a.Staff[councils.ProgrammeLead])); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council's programme lead found a network: %v", err)
		}
		if _, err := s.CurrentMembers(peopletest.As(a.Staff[councils.ProgrammeLead])); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council's programme lead read a network's members: %v", err)
		}
		// A network joins no network.
		if _, err := s.JoinByCode(lead, net.Network.JoinCode); err == nil {
			t.Error("a network joined a network")
		}
	})
}

func TestNetworkStaffAreProgrammeLeadsOfNoCouncil(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		net := networkstest.New(t, db, "SCIE-PARTNERS", true, a)
		s := networks.NewStore(db)
		cs := councils.NewStore(db)
		if _, _, err := s.AddStaff(t.Context(), cs, "SCIE-PARTNERS", councils.NewStaff{Email: "pw@example.org", Name: "P W", Role: councils.Practitioner}); err == nil {
			t.Error("a practitioner was added to a network")
		}
		if _, _, err := s.AddStaff(t.Context(), cs, "NO-SUCH", councils.NewStaff{Email: "x@example.org", Name: "X"}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("staff added to a network that does not exist: %v", err)
		}
		if net.Lead.Role != councils.ProgrammeLead || net.Lead.CouncilID != net.Network.ID {
			t.Errorf("the lead is %s of %s", net.Lead.Role, net.Lead.CouncilID)
		}
		if err := s.RefuseNetwork(t.Context(), a.Council.ID); err != nil {
			t.Errorf("a council was taken for a network: %v", err)
		}
		if err := s.RefuseNetwork(t.Context(), net.Network.ID); err == nil {
			t.Error("a network was taken for a council")
		}
		// The network's lead signs in like anyone: found by email address, in the network's tenancy.
		st, err := cs.FindLogin(t.Context(), "lead.scie-partners@example.org")
		if err != nil || st.CouncilID != net.Network.ID {
			t.Errorf("the network lead's sign-in: %+v, %v", st, err)
		}
	})
}
