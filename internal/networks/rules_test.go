package networks_test

import (
	"errors"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/networks"
)

func decisions(ds ...networks.Decision) []networks.Record {
	var out []networks.Record
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i, d := range ds {
		out = append(out, networks.Record{NetworkID: "n", CouncilID: "c", Seq: i + 1, Decision: d, At: at.AddDate(0, i, 0), By: "admin", Reason: "why"})
	}
	return out
}

func TestMembershipIsDerivedFromEveryDecision(t *testing.T) {
	t.Parallel()
	J, L, S, X, D := networks.Join, networks.Leave, networks.Share, networks.StopSharing, networks.Decline
	tests := []struct {
		name    string
		records []networks.Record
		periods int
		member  bool
		shares  bool
		bad     bool
	}{
		{name: "never decided anything", periods: 0},
		{name: "joined", records: decisions(J), periods: 1, member: true},
		{name: "joined and shares", records: decisions(J, S), periods: 1, member: true, shares: true},
		{name: "shared then stopped", records: decisions(J, S, X), periods: 1, member: true},
		{name: "left", records: decisions(J, S, L), periods: 1},
		{name: "left and joined again, sharing nothing until deciding to", records: decisions(J, S, L, J), periods: 2, member: true},
		{name: "declined an invitation", records: decisions(D), periods: 0},
		{name: "declined, then joined by code", records: decisions(D, J), periods: 1, member: true},
		{name: "left without joining", records: decisions(L), bad: true},
		{name: "joined twice", records: decisions(J, J), bad: true},
		{name: "shared twice", records: decisions(J, S, S), bad: true},
		{name: "stopped sharing what it never shared", records: decisions(J, X), bad: true},
		{name: "shared after leaving", records: decisions(J, L, S), bad: true},
		{name: "declined while a member", records: decisions(J, D), bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := networks.Periods(tt.records)
			if tt.bad {
				if !errors.Is(err, networks.ErrDecision) {
					t.Fatalf("Periods = %v, %v; want ErrDecision", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.periods {
				t.Fatalf("%d periods, want %d: %+v", len(got), tt.periods, got)
			}
			member := len(got) > 0 && got[len(got)-1].Current()
			shares := member && got[len(got)-1].Shares
			if member != tt.member || shares != tt.shares {
				t.Errorf("member %v, shares %v; want %v, %v", member, shares, tt.member, tt.shares)
			}
		})
	}
	got, err := networks.Periods(decisions(J, S, L, J))
	if err != nil {
		t.Fatal(err)
	}
	if first := got[0]; first.Left.IsZero() || first.LeftReason != "why" || first.LeftBy != "admin" || !first.Shares || first.Joined.Month() != time.January {
		t.Errorf("the first period lost what was recorded: %+v", first)
	}
}

func TestADecisionMustFollowTheDecisionsSoFar(t *testing.T) {
	t.Parallel()
	J, L, S, X, D := networks.Join, networks.Leave, networks.Share, networks.StopSharing, networks.Decline
	tests := []struct {
		so     []networks.Record
		next   networks.Decision
		reason string
		ok     bool
	}{
		{nil, J, "", true},
		{nil, D, "", true},
		{nil, L, "we are leaving", false},
		{nil, S, "", false},
		{decisions(J), J, "", false},
		{decisions(J), S, "", true},
		{decisions(J), X, "", false},
		{decisions(J), D, "", false},
		{decisions(J), L, "", false}, // a council says why it leaves
		{decisions(J), L, "  ", false},
		{decisions(J), L, "The partnership's work with us has ended", true},
		{decisions(J, S), S, "", false},
		{decisions(J, S), X, "", true},
		{decisions(J, L), J, "", true},
		{decisions(J, L), L, "again", false},
		{decisions(J), networks.Decision("merge"), "", false},
	}
	for _, tt := range tests {
		err := networks.Next(tt.so, tt.next, tt.reason)
		if (err == nil) != tt.ok {
			t.Errorf("after %d decisions, %s (%q): %v, want ok %v", len(tt.so), tt.next, tt.reason, err, tt.ok)
		}
	}
}

func TestAnInvitationIsOpenUntilAnsweredOrWithdrawn(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	before := networks.Record{Decision: networks.Join, At: at.Add(-time.Hour)}
	after := networks.Record{Decision: networks.Join, At: at.Add(time.Hour)}
	declined := networks.Record{Decision: networks.Decline, At: at.Add(time.Hour)}
	shared := networks.Record{Decision: networks.Share, At: at.Add(time.Hour)}
	tests := []struct {
		name      string
		inv       networks.Invitation
		records   []networks.Record
		wantsOpen bool
	}{
		{"no answer yet", networks.Invitation{InvitedAt: at}, nil, true},
		{"joined before it was made", networks.Invitation{InvitedAt: at}, []networks.Record{before}, true},
		{"joined after", networks.Invitation{InvitedAt: at}, []networks.Record{after}, false},
		{"declined", networks.Invitation{InvitedAt: at}, []networks.Record{declined}, false},
		{"another decision is no answer", networks.Invitation{InvitedAt: at}, []networks.Record{shared}, true},
		{"withdrawn", networks.Invitation{InvitedAt: at, WithdrawnAt: at.Add(time.Minute)}, nil, false},
	}
	for _, tt := range tests {
		if got := tt.inv.Open(tt.records); got != tt.wantsOpen {
			t.Errorf("%s: open %v, want %v", tt.name, got, tt.wantsOpen)
		}
	}
}

func TestANetworkCodeIsNeverACouncils(t *testing.T) {
	t.Parallel()
	for code, ok := range map[string]bool{
		"NORTH-SHIRES": true, "SCIE-PARTNERS": true, "NW1": true,
		"E06000044": false, "E10000099": false, "north-shires": false, "N": false, "-NORTH": false, "": false,
	} {
		if err := networks.ValidCode(code); (err == nil) != ok {
			t.Errorf("ValidCode(%q) = %v, want ok %v", code, err, ok)
		}
	}
}
