// Package networks holds networks of councils: a region's network, or an improvement partner's clients, that
// councils join and leave by their administrator's decision, every decision kept. A network is a tenancy of its own
// (a row in council, with no people) whose staff are all programme leads; they see, for the member councils, the
// programme milestones and KPIs a council chooses to share, and the council's measures side by side, by council
// and by practice model, as aggregates only. Each council's figures are computed inside that council's own
// tenancy (on PostgreSQL under its row-level security) and only numbers leave it (docs/adr/0016).
package networks

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Network is a network of councils. ID is its tenancy's id in council, where its Code and Name are kept.
type Network struct {
	ID        string
	Code      string // the network's short code, such as NORTH-SHIRES: never an ONS code, so never a council's
	Name      string
	JoinCode  string // given to councils so that their administrator can join without an invitation
	Purpose   string
	CreatedAt time.Time
	Version   int
}

// networkCode is a network's code: capital letters, digits and hyphens, starting with a letter and at least one
// hyphen or a length no ONS code has, so that it can never be taken for a council's.
var networkCode = regexp.MustCompile(`^[A-Z][A-Z0-9-]{2,39}$`)

// ValidCode checks a network's code: 3 to 40 capital letters, digits and hyphens, starting with a letter, and not
// shaped like an ONS code (a council's).
func ValidCode(code string) error {
	if !networkCode.MatchString(code) || councils.ValidCode(code) == nil {
		return fmt.Errorf("network code %q must be 3 to 40 capital letters, digits and hyphens, starting with a letter, such as NORTH-SHIRES, and not a council's ONS code", code)
	}
	return nil
}

// NormaliseCode is how codes are compared: trimmed and in capitals.
func NormaliseCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// Decision is what a council's administrator may decide about a network.
type Decision string

// The decisions, each recorded and kept.
const (
	Join        Decision = "join"
	Leave       Decision = "leave"
	Share       Decision = "share"        // share the council's programme milestones and KPIs with the network
	StopSharing Decision = "stop_sharing" // stop sharing them
	Decline     Decision = "decline"      // decline the network's invitation
)

// Decisions are every decision, in the order a council makes them.
func Decisions() []Decision { return []Decision{Join, Leave, Share, StopSharing, Decline} }

// Label is the decision as a page tells it.
func (d Decision) Label() string {
	switch d {
	case Join:
		return "Joined"
	case Leave:
		return "Left"
	case Share:
		return "Began sharing programme milestones and KPIs"
	case StopSharing:
		return "Stopped sharing programme milestones and KPIs"
	case Decline:
		return "Declined the invitation"
	}
	return string(d)
}

// How a council joined.
const (
	ByInvitation = "invitation"
	ByCode       = "code"
)

// Record is one decision as recorded: by which council, when, by whom (the id of the council's administrator, ""
// from the command line or the demo) and why.
type Record struct {
	NetworkID string
	CouncilID string
	Seq       int // the council's decisions about the network, counted from 1
	Decision  Decision
	How       string // for Join: ByInvitation or ByCode
	Reason    string // for Leave, and optionally for any other
	At        time.Time
	By        string
}

// Membership is one period of a council's membership of a network, derived from its decisions (Periods).
type Membership struct {
	NetworkID   string
	CouncilID   string
	CouncilName string
	Joined      time.Time
	JoinedBy    string
	JoinedHow   string
	Left        time.Time // zero while the council is a member
	LeftBy      string
	LeftReason  string
	// Shares says whether the council shares its programme milestones and KPIs with the network now (or, for a
	// period that has ended, when it left).
	Shares bool
}

// Current says whether the membership has not ended.
func (m Membership) Current() bool { return m.Left.IsZero() }

// ErrDecision is a decision that does not follow from the council's decisions so far: joining a network it is in,
// leaving one it is not, sharing when it already shares.
var ErrDecision = errors.New("that decision does not follow from the council's decisions so far")

// Periods derives a council's periods of membership of one network from its decisions, in the order recorded: a
// join opens a period, a leave closes it, and share and stop_sharing set whether it shares within the open period.
// A joining council shares nothing until its administrator decides to. A decision that does not follow (leaving
// when not a member, sharing twice) is ErrDecision: Next checks before one is recorded, so the kept record never
// holds one.
func Periods(records []Record) ([]Membership, error) {
	var out []Membership
	open := func() *Membership {
		if len(out) > 0 && out[len(out)-1].Current() {
			return &out[len(out)-1]
		}
		return nil
	}
	for _, r := range records {
		m := open()
		switch {
		case r.Decision == Join && m == nil:
			out = append(out, Membership{NetworkID: r.NetworkID, CouncilID: r.CouncilID, Joined: r.At, JoinedBy: r.By, JoinedHow: r.How})
		case r.Decision == Leave && m != nil:
			m.Left, m.LeftBy, m.LeftReason = r.At, r.By, r.Reason
		case r.Decision == Share && m != nil && !m.Shares:
			m.Shares = true
		case r.Decision == StopSharing && m != nil && m.Shares:
			m.Shares = false
		case r.Decision == Decline && m == nil:
		default:
			return nil, fmt.Errorf("decision %d (%s): %w", r.Seq, r.Decision, ErrDecision)
		}
	}
	return out, nil
}

// Next checks that decision d may follow the council's decisions so far, naming what is wrong when it may not.
func Next(records []Record, d Decision, reason string) error {
	periods, err := Periods(records)
	if err != nil {
		return err
	}
	member, shares := false, false
	if n := len(periods); n > 0 && periods[n-1].Current() {
		member, shares = true, periods[n-1].Shares
	}
	switch {
	case d == Join && member:
		return fmt.Errorf("the council is already a member of this network: %w", ErrDecision)
	case d == Leave && !member, d == Share && !member, d == StopSharing && !member:
		return fmt.Errorf("the council is not a member of this network: %w", ErrDecision)
	case d == Decline && member:
		return fmt.Errorf("the council is already a member of this network: %w", ErrDecision)
	case d == Share && shares:
		return fmt.Errorf("the council already shares its programme milestones and KPIs with this network: %w", ErrDecision)
	case d == StopSharing && !shares:
		return fmt.Errorf("the council does not share its programme milestones and KPIs with this network: %w", ErrDecision)
	case d == Leave && strings.TrimSpace(reason) == "":
		return validation.Problems{{Field: "reason", Message: "Say why the council is leaving the network"}}
	}
	if slices.Contains(Decisions(), d) {
		return nil
	}
	return fmt.Errorf("%q is not a decision about a network: %w", d, ErrDecision)
}

// Invitation is a network's invitation to a council to join it.
type Invitation struct {
	ID          string
	NetworkID   string
	NetworkName string
	CouncilID   string
	CouncilName string
	Message     string
	InvitedAt   time.Time
	InvitedBy   string // the id of the network's member of staff
	WithdrawnAt time.Time
	Version     int
}

// Open says whether the invitation still waits for the council's answer: not withdrawn, and the council has neither
// joined nor declined since it was made.
func (inv Invitation) Open(records []Record) bool {
	if !inv.WithdrawnAt.IsZero() {
		return false
	}
	for _, r := range records {
		if (r.Decision == Join || r.Decision == Decline) && !r.At.Before(inv.InvitedAt) {
			return false
		}
	}
	return true
}
