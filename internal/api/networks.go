package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Networks of councils. A network's staff (programme leads of the network's own tenancy) read the network, its
// members and the comparison of their measures by council and by practice model, as aggregates only; a council's
// programme lead finds no network (404). A council's administrator reads the council's networks, joins one by its
// code, and records the council's decisions (accept or decline an invitation, share or stop sharing its programme
// milestones and KPIs, leave with a reason), each from the version of the council's decisions it was made on
// (If-Match). Another council's decisions are never seen.

// NetworkStore is what the API needs of networks.Store.
type NetworkStore interface {
	MembersOf(ctx context.Context) (networks.Members, error)
	NetworksOfCouncil(ctx context.Context) ([]networks.CouncilNetwork, error)
	CouncilNetworkByID(ctx context.Context, networkID string) (networks.CouncilNetwork, error)
	JoinByCode(ctx context.Context, joinCode string) (networks.Network, error)
	AcceptInvitation(ctx context.Context, networkID string, version int) error
	Decide(ctx context.Context, networkID string, d networks.Decision, reason string, version int) error
}

// NetworkComparer runs a network's comparison (networks.Comparer).
type NetworkComparer interface {
	Compare(ctx context.Context, p insight.Period, ids ...string) (networks.Comparison, error)
}

// WithNetworks adds networks of councils and their comparison to the API.
func (a *API) WithNetworks(s NetworkStore, c NetworkComparer) *API {
	a.networks, a.networkComparer = s, c
	return a
}

// NetworkPath is where a network's staff find their network; NetworksPath where a council's administrator finds
// the council's networks.
const (
	NetworkPath  = "/api/v1/network"
	NetworksPath = "/api/v1/networks"
)

func (a *API) networkRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+NetworkPath, a.getNetwork),
		route("GET "+NetworkPath+"/comparison", a.getNetworkComparison),
		route("GET "+NetworksPath, a.listCouncilNetworks),
		route("POST "+NetworksPath, a.joinNetwork),
		route("GET "+NetworksPath+"/{network}", a.getCouncilNetwork),
		route("POST "+NetworksPath+"/{network}/decisions", a.decideAboutNetwork),
	}
}

// Network is a network of councils as its staff see it: its member councils now, and those that left.
type Network struct {
	ID       string              `json:"id"`
	Code     string              `json:"code"`
	Name     string              `json:"name"`
	Purpose  string              `json:"purpose"`
	JoinCode string              `json:"join_code"`
	Members  []NetworkMembership `json:"members"`
	Left     []NetworkMembership `json:"left"`
}

// NetworkMembership is one period of a council's membership.
type NetworkMembership struct {
	CouncilID  string     `json:"council_id"`
	Council    string     `json:"council"`
	JoinedAt   time.Time  `json:"joined_at"`
	JoinedHow  string     `json:"joined_how"` // invitation or code
	LeftAt     *time.Time `json:"left_at"`
	LeftReason string     `json:"left_reason"`
	Shares     bool       `json:"shares"` // shares its programme milestones and KPIs (or did, when it left)
}

// NetworkComparison is the comparison of a network's member councils for a period.
type NetworkComparison struct {
	NetworkID string                     `json:"network_id"`
	From      string                     `json:"from"`
	To        string                     `json:"to"`
	Label     string                     `json:"label"`
	Councils  int                        `json:"councils"`
	Measures  []NetworkMeasureComparison `json:"measures"`
}

// NetworkMeasureComparison is one measure side by side: by council, by practice model, and for the whole network.
type NetworkMeasureComparison struct {
	Measure   Measure      `json:"measure"`
	ByCouncil []NetworkRow `json:"by_council"`
	ByModel   []NetworkRow `json:"by_model"`
	All       NetworkRow   `json:"all"`
}

// NetworkRow is one line of a comparison. A total is withheld (withheld_total) when a council in it has a figure too
// small to show; a median is not added up across councils (not_combined).
type NetworkRow struct {
	MeasureFigure
	WithheldTotal bool `json:"withheld_total"`
	NotCombined   bool `json:"not_combined"`
	Councils      int  `json:"councils"`
}

// CouncilNetwork is a network as a council's administrator sees it: the council's standing and every decision it
// made. Its ETag is the number of decisions plus one, which a new decision's If-Match carries.
type CouncilNetwork struct {
	NetworkID string            `json:"network_id"`
	Name      string            `json:"name"`
	Purpose   string            `json:"purpose"`
	Member    bool              `json:"member"`
	Shares    bool              `json:"shares"`
	InvitedAt *time.Time        `json:"invited_at"` // an invitation waiting for the council's answer
	Decisions []NetworkDecision `json:"decisions"`
	Version   int               `json:"version"`
}

// NetworkDecision is one decision of the council about the network, oldest first.
type NetworkDecision struct {
	Decision  string    `json:"decision"` // join, leave, share, stop_sharing or decline
	How       string    `json:"how"`      // for join: invitation or code
	Reason    string    `json:"reason"`
	DecidedAt time.Time `json:"decided_at"`
	DecidedBy string    `json:"decided_by"` // the administrator's staff id, "" from the command line
}

// NetworkJoin asks to join a network by the code it gave.
type NetworkJoin struct {
	JoinCode string `json:"join_code"`
}

// NetworkDecide is a decision of the council: join (accepting the network's invitation), decline, share,
// stop_sharing or leave (with the reason).
type NetworkDecide struct {
	Decision string `json:"decision"`
	Reason   string `json:"reason"`
}

func membershipOf(m networks.Membership) NetworkMembership {
	out := NetworkMembership{CouncilID: m.CouncilID, Council: m.CouncilName, JoinedAt: m.Joined, JoinedHow: m.JoinedHow, LeftReason: m.LeftReason, Shares: m.Shares}
	if !m.Current() {
		left := m.Left
		out.LeftAt = &left
	}
	return out
}

// networkStaff refuses anyone but a programme lead; the store refuses a programme lead of a council (404).
func networkStaff(r *http.Request) error {
	if st, _ := councils.StaffFrom(r.Context()); st.Role != councils.ProgrammeLead {
		return sqldb.ErrForbidden
	}
	return nil
}

// administers refuses anyone but the council's administrators.
func administers(r *http.Request) error {
	if st, _ := councils.StaffFrom(r.Context()); !st.Role.Administers() {
		return sqldb.ErrForbidden
	}
	return nil
}

// getNetwork is GET /api/v1/network: the signed-in network staff's network, its members and those that left.
func (a *API) getNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := networkStaff(r); err != nil {
		return err
	}
	m, err := a.networks.MembersOf(r.Context())
	if err != nil {
		return err
	}
	out := Network{ID: m.Network.ID, Code: m.Network.Code, Name: m.Network.Name, Purpose: m.Network.Purpose, JoinCode: m.Network.JoinCode,
		Members: []NetworkMembership{}, Left: []NetworkMembership{}}
	for _, ms := range m.Memberships {
		if ms.Current() {
			out.Members = append(out.Members, membershipOf(ms))
		} else {
			out.Left = append(out.Left, membershipOf(ms))
		}
	}
	sendRecord(w, http.StatusOK, m.Network.Version, out)
	return nil
}

// getNetworkComparison is GET /api/v1/network/comparison?quarter=&measure=: the member councils' measures side by
// side, by council and by practice model, as aggregates only.
func (a *API) getNetworkComparison(w http.ResponseWriter, r *http.Request) error {
	if err := networkStaff(r); err != nil {
		return err
	}
	var f fields
	p := measurePeriod(r, &f)
	var ids []string
	if id := strings.TrimSpace(r.URL.Query().Get("measure")); id != "" {
		if _, ok := insight.Find(id); !ok {
			f.add("measure", "Choose a measure from the catalogue, such as reviews-on-time")
		}
		ids = []string{id}
	}
	if err := f.check(nil); err != nil {
		return err
	}
	c, err := a.networkComparer.Compare(r.Context(), p, ids...)
	if err != nil {
		return err
	}
	out := NetworkComparison{NetworkID: c.Network.ID, From: p.From.String(), To: p.To.String(), Label: p.Label(), Councils: c.Councils, Measures: []NetworkMeasureComparison{}}
	for _, mc := range c.Measures {
		row := func(x networks.Row) NetworkRow {
			out := NetworkRow{MeasureFigure: MeasureFigure{Key: x.Key, Label: x.Label, Text: x.Text()}, WithheldTotal: x.Withheld, NotCombined: x.NotCombined, Councils: x.Councils}
			if x.Withheld || x.NotCombined {
				out.Withheld = x.Withheld
				return out
			}
			out.MeasureFigure = measureFigureOf(mc.Measure, x.Figure)
			out.Key, out.Label = x.Key, x.Label // the council's or the model's, not the tally's
			if !x.Counts {
				out.Counted, out.Meeting = nil, nil
			}
			return out
		}
		out.Measures = append(out.Measures, NetworkMeasureComparison{Measure: measureOf(mc.Measure), ByCouncil: listOf(mc.ByCouncil, row),
			ByModel: listOf(mc.ByModel, row), All: row(mc.All)})
	}
	writeJSON(w, http.StatusOK, "application/json", out)
	return nil
}

// councilNetworkOf is a network as the council sees it. Its version is the number of the council's decisions plus
// one, as an ETag is never "0": a council invited that has decided nothing yet is at version 1.
func councilNetworkOf(n networks.CouncilNetwork) CouncilNetwork {
	out := CouncilNetwork{NetworkID: n.Network.ID, Name: n.Network.Name, Purpose: n.Network.Purpose, Member: n.Member(), Shares: n.Shares(), Version: n.Version + 1,
		Decisions: listOf(n.Records, func(r networks.Record) NetworkDecision {
			return NetworkDecision{Decision: string(r.Decision), How: r.How, Reason: r.Reason, DecidedAt: r.At, DecidedBy: r.By}
		})}
	if n.Invitation != nil {
		at := n.Invitation.InvitedAt
		out.InvitedAt = &at
	}
	return out
}

// listCouncilNetworks is GET /api/v1/networks: the networks the council belongs to, left or was invited to.
func (a *API) listCouncilNetworks(w http.ResponseWriter, r *http.Request) error {
	if err := administers(r); err != nil {
		return err
	}
	ns, err := a.networks.NetworksOfCouncil(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(ns, councilNetworkOf))
	return nil
}

func (a *API) readCouncilNetwork(r *http.Request, id string) (int, any, error) {
	n, err := a.networks.CouncilNetworkByID(r.Context(), id)
	return n.Version + 1, councilNetworkOf(n), err
}

// getCouncilNetwork is GET /api/v1/networks/{network}: one network as the council's administrator sees it.
func (a *API) getCouncilNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := administers(r); err != nil {
		return err
	}
	return sendRead(w, func() (int, any, error) { return a.readCouncilNetwork(r, r.PathValue("network")) })
}

// joinNetwork is POST /api/v1/networks: the council joins the network whose join code is sent.
func (a *API) joinNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := administers(r); err != nil {
		return err
	}
	return create(w, r, func(in NetworkJoin) (string, int, any, error) {
		if strings.TrimSpace(in.JoinCode) == "" {
			return "", 0, nil, validation.Problems{{Field: "join_code", Message: "Send the join code the network gave the council"}}
		}
		n, err := a.networks.JoinByCode(r.Context(), in.JoinCode)
		if errors.Is(err, sqldb.ErrNotFound) {
			return "", 0, nil, validation.Problems{{Field: "join_code", Message: "No network has this join code: check it with the network"}}
		}
		if err != nil {
			return "", 0, nil, decisionProblem(err)
		}
		version, body, err := a.readCouncilNetwork(r, n.ID)
		return NetworksPath + "/" + n.ID, version, body, err
	})
}

// decideAboutNetwork is POST /api/v1/networks/{network}/decisions with If-Match: the council's decision, made from
// the version of its decisions sent. Another decision recorded since is 412, and nothing is recorded.
func (a *API) decideAboutNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := administers(r); err != nil {
		return err
	}
	id := r.PathValue("network")
	return change(w, r, "the network", func(in NetworkDecide, version int) error {
		d, decisions := networks.Decision(strings.TrimSpace(in.Decision)), version-1
		if d == networks.Join {
			return decisionProblem(a.networks.AcceptInvitation(r.Context(), id, decisions))
		}
		return decisionProblem(a.networks.Decide(r.Context(), id, d, in.Reason, decisions))
	}, func() (int, any, error) { return a.readCouncilNetwork(r, id) })
}

// decisionProblem turns a decision that does not follow from the council's decisions so far into a problem with
// the decision sent.
func decisionProblem(err error) error {
	if errors.Is(err, networks.ErrDecision) {
		return validation.Problems{{Field: "decision", Message: "This decision does not follow from the council's decisions so far (joining a network it is in, leaving or sharing with one it is not in, sharing twice): get the network again to see them"}}
	}
	return err
}
