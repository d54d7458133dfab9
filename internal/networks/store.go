package networks

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps networks, their members' decisions and their invitations. The tables are the network's own
// reference tables, outside every tenancy's wall, so every method names the network or the council of the tenancy
// in ctx (sqldb.CouncilFrom) in its query and reads nothing whole.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// DB is the database the store reads, for the comparison, which opens each member council's tenancy on it.
func (s *Store) DB() *sqldb.DB { return s.db }

// CreateNetwork adds a network: its tenancy in council (with the access log's first link, as every tenancy has)
// and its row in network, with a new join code. mfaRequired asks two-factor sign-in of all its staff.
func (s *Store) CreateNetwork(ctx context.Context, code, name, purpose string, mfaRequired bool) (Network, error) {
	n := Network{ID: sqldb.NewID(), Code: NormaliseCode(code), Name: strings.Join(strings.Fields(name), " "), Purpose: strings.TrimSpace(purpose), Version: 1}
	if err := ValidCode(n.Code); err != nil {
		return Network{}, err
	}
	if n.Name == "" {
		return Network{}, errors.New("network name is empty")
	}
	n.JoinCode = newJoinCode()
	err := s.db.InTx(sqldb.WithCouncil(ctx, n.ID), func(tx *sqldb.Tx) error {
		n.CreatedAt = tx.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO council (id, code, name, mfa_required, created_at, version) VALUES ($1, $2, $3, $4, $5, 1)`,
			n.ID, n.Code, n.Name, mfaRequired, n.CreatedAt); err != nil {
			return sqldb.Normalise(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO access_log_head (council_id, seq, hash) VALUES ($1, 0, '')`, n.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO network (id, join_code, purpose, created_at, version) VALUES ($1, $2, $3, $4, 1)`,
			n.ID, n.JoinCode, n.Purpose, n.CreatedAt)
		return sqldb.Normalise(err)
	})
	if errors.Is(err, sqldb.ErrConflict) {
		return Network{}, fmt.Errorf("a network or council with code %s already exists: %w", n.Code, sqldb.ErrConflict)
	}
	if err != nil {
		return Network{}, fmt.Errorf("create network %s: %w", n.Code, err)
	}
	return n, nil
}

// newJoinCode is eight letters and digits that are not easily confused (no 0, O, 1, I or L), in two fours.
func newJoinCode() string {
	const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // the standard library documents that it never does
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:4]) + "-" + string(b[4:])
}

const networkColumns = `n.id, c.code, c.name, n.join_code, n.purpose, n.created_at, n.version`

func scanNetwork(row interface{ Scan(...any) error }) (Network, error) {
	var n Network
	err := row.Scan(&n.ID, &n.Code, &n.Name, &n.JoinCode, &n.Purpose, &n.CreatedAt, &n.Version)
	return n, sqldb.Normalise(err)
}

// ByCode finds a network by its code, for the command line.
func (s *Store) ByCode(ctx context.Context, code string) (Network, error) {
	return s.one(ctx, `c.code = $1`, NormaliseCode(code))
}

// ByID finds a network by its id.
func (s *Store) ByID(ctx context.Context, id string) (Network, error) {
	return s.one(ctx, `n.id = $1`, id)
}

// Mine is the network whose tenancy ctx is in: the network of the signed-in network staff. Any other tenancy, a
// council's, is ErrNotFound, so that a council's own programme lead finds no network pages.
func (s *Store) Mine(ctx context.Context) (Network, error) {
	id, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Network{}, err
	}
	return s.ByID(ctx, id)
}

func (s *Store) one(ctx context.Context, where string, arg string) (Network, error) {
	var n Network
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		n, err = scanNetwork(tx.QueryRowContext(ctx, `SELECT `+networkColumns+` FROM network n JOIN council c ON c.id = n.id WHERE `+where, arg))
		return err
	})
	if err != nil {
		return Network{}, fmt.Errorf("find network: %w", err)
	}
	return n, nil
}

// networkIDs lists every network's id, for the server's own work across networks (Comparer.Warm): the one read of
// the network table whole, and it reads only the ids.
func (s *Store) networkIDs(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT id FROM network ORDER BY id`, nil, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list the networks: %w", err)
	}
	return ids, nil
}

// IsNetwork says whether the tenancy id is a network's rather than a council's.
func (s *Store) IsNetwork(ctx context.Context, id string) (bool, error) {
	_, err := s.ByID(ctx, id)
	if errors.Is(err, sqldb.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// RefuseNetwork is an error when the tenancy id is a network's, for the commands and pages that work on a council
// alone (adding a council's staff, say): a network has no teams and no people.
func (s *Store) RefuseNetwork(ctx context.Context, id string) error {
	isNet, err := s.IsNetwork(ctx, id)
	if err != nil {
		return err
	}
	if isNet {
		return errors.New("that code is a network's, not a council's: a network has no teams or people, and its staff are added with goldenthread network staff add")
	}
	return nil
}

const recordColumns = `network_id, council_id, seq, decision, how, reason, decided_at, decided_by`

func scanRecord(rows *sql.Rows) (Record, error) {
	var r Record
	var d string
	err := rows.Scan(&r.NetworkID, &r.CouncilID, &r.Seq, &d, &r.How, &r.Reason, &r.At, &r.By)
	r.Decision = Decision(d)
	return r, err
}

func records(ctx context.Context, q sqldb.Querier, where string, args ...any) ([]Record, error) {
	var out []Record
	err := sqldb.Each(ctx, q, `SELECT `+recordColumns+` FROM network_decision WHERE `+where+` ORDER BY network_id, council_id, seq`, args,
		func(rows *sql.Rows) error {
			r, err := scanRecord(rows)
			out = append(out, r)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read the decisions about networks: %w", err)
	}
	return out, nil
}

// Members is the network's side: every council that has been a member of the network in ctx, each period of
// membership with its decisions, current members first, then by council name.
type Members struct {
	Network     Network
	Memberships []Membership
	Records     []Record
	Names       map[string]string // council id to name, for the history
	Invitations []Invitation      // open invitations
}

// Current is the memberships that have not ended, by council name.
func (m Members) Current() []Membership {
	var out []Membership
	for _, p := range m.Memberships {
		if p.Current() {
			out = append(out, p)
		}
	}
	return out
}

// MembersOf reads the members, history and open invitations of the network whose tenancy ctx is in.
func (s *Store) MembersOf(ctx context.Context) (Members, error) {
	n, err := s.Mine(ctx)
	if err != nil {
		return Members{}, err
	}
	out := Members{Network: n, Names: map[string]string{}}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if out.Records, err = records(ctx, tx, `network_id = $1`, n.ID); err != nil {
			return err
		}
		if err := sqldb.Each(ctx, tx, `SELECT c.id, c.name FROM council c WHERE c.id IN (SELECT council_id FROM network_decision WHERE network_id = $1
			UNION SELECT council_id FROM network_invitation WHERE network_id = $1)`, []any{n.ID}, func(rows *sql.Rows) error {
			var id, name string
			err := rows.Scan(&id, &name)
			out.Names[id] = name
			return err
		}); err != nil {
			return fmt.Errorf("read the member councils' names: %w", err)
		}
		invs, err := invitations(ctx, tx, `i.network_id = $1`, n.ID)
		if err != nil {
			return err
		}
		out.Invitations = openOnly(invs, out.Records)
		return nil
	})
	if err != nil {
		return Members{}, fmt.Errorf("read the network's members: %w", err)
	}
	for _, rs := range byCouncil(out.Records) {
		periods, err := Periods(rs)
		if err != nil {
			return Members{}, err
		}
		for _, p := range periods {
			p.CouncilName = out.Names[p.CouncilID]
			out.Memberships = append(out.Memberships, p)
		}
	}
	slices.SortStableFunc(out.Memberships, func(a, b Membership) int {
		if a.Current() != b.Current() {
			if a.Current() {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.CouncilName, b.CouncilName); c != 0 {
			return c
		}
		return b.Joined.Compare(a.Joined)
	})
	slices.SortStableFunc(out.Records, func(a, b Record) int { return b.At.Compare(a.At) })
	return out, nil
}

// byCouncil splits records (ordered by network, council and seq) into each council's, keeping their order.
func byCouncil(rs []Record) [][]Record {
	var out [][]Record
	for i, r := range rs {
		if i == 0 || r.CouncilID != rs[i-1].CouncilID || r.NetworkID != rs[i-1].NetworkID {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

// Member is one current member council of a network, as the comparison and the network's pages need it.
type Member struct {
	CouncilID string
	Name      string
	Shares    bool
	Since     time.Time
}

// CurrentMembers lists the councils that are members now of the network whose tenancy ctx is in, by name. A
// council that left, or was never a member, is not among them.
func (s *Store) CurrentMembers(ctx context.Context) ([]Member, error) {
	m, err := s.MembersOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []Member
	for _, p := range m.Current() {
		out = append(out, Member{CouncilID: p.CouncilID, Name: p.CouncilName, Shares: p.Shares, Since: p.Joined})
	}
	return out, nil
}

// MemberOf finds one current member council of the network whose tenancy ctx is in: any other council, one that
// left or one that never joined, is ErrNotFound, exactly as a council that does not exist.
func (s *Store) MemberOf(ctx context.Context, councilID string) (Member, error) {
	members, err := s.CurrentMembers(ctx)
	if err != nil {
		return Member{}, err
	}
	for _, m := range members {
		if m.CouncilID == councilID {
			return m, nil
		}
	}
	return Member{}, fmt.Errorf("member council %s: %w", councilID, sqldb.ErrNotFound)
}

// CouncilNetwork is one network as a council's administrator sees it: the council's periods of membership, its
// decisions, and any open invitation.
type CouncilNetwork struct {
	Network     Network
	Memberships []Membership
	Records     []Record
	Invitation  *Invitation // the open invitation, if there is one
	Version     int         // how many decisions the council has made about the network: a decision's form carries it
}

// Member says whether the council is a member now.
func (c CouncilNetwork) Member() bool {
	n := len(c.Memberships)
	return n > 0 && c.Memberships[n-1].Current()
}

// Shares says whether the council shares its programme milestones and KPIs with the network now.
func (c CouncilNetwork) Shares() bool {
	return c.Member() && c.Memberships[len(c.Memberships)-1].Shares
}

// NetworksOfCouncil lists, for the council in ctx, every network it has decided anything about or been invited to,
// by name.
func (s *Store) NetworksOfCouncil(ctx context.Context) ([]CouncilNetwork, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out []CouncilNetwork
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rs, err := records(ctx, tx, `council_id = $1`, council)
		if err != nil {
			return err
		}
		invs, err := invitations(ctx, tx, `i.council_id = $1`, council)
		if err != nil {
			return err
		}
		ids := map[string]bool{}
		for _, r := range rs {
			ids[r.NetworkID] = true
		}
		for _, inv := range invs {
			ids[inv.NetworkID] = true
		}
		for id := range ids {
			n, err := scanNetwork(tx.QueryRowContext(ctx, `SELECT `+networkColumns+` FROM network n JOIN council c ON c.id = n.id WHERE n.id = $1`, id))
			if err != nil {
				return err
			}
			cn := CouncilNetwork{Network: n}
			for _, r := range rs {
				if r.NetworkID == id {
					cn.Records = append(cn.Records, r)
				}
			}
			cn.Version = len(cn.Records)
			if cn.Memberships, err = Periods(cn.Records); err != nil {
				return err
			}
			var mine []Invitation
			for _, inv := range invs {
				if inv.NetworkID == id {
					mine = append(mine, inv)
				}
			}
			if open := openOnly(mine, cn.Records); len(open) > 0 {
				cn.Invitation = &open[len(open)-1]
			}
			out = append(out, cn)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the council's networks: %w", err)
	}
	slices.SortFunc(out, func(a, b CouncilNetwork) int { return strings.Compare(a.Network.Name, b.Network.Name) })
	return out, nil
}

// CouncilNetworkByID is one network as the council in ctx sees it; a network it has neither decided anything about
// nor been invited to is ErrNotFound.
func (s *Store) CouncilNetworkByID(ctx context.Context, networkID string) (CouncilNetwork, error) {
	all, err := s.NetworksOfCouncil(ctx)
	if err != nil {
		return CouncilNetwork{}, err
	}
	for _, cn := range all {
		if cn.Network.ID == networkID {
			return cn, nil
		}
	}
	return CouncilNetwork{}, fmt.Errorf("network %s: %w", networkID, sqldb.ErrNotFound)
}

// Decide records a decision of the council in ctx about a network it is in or was invited to: Leave (with the
// reason), Share, StopSharing or Decline. Joining is JoinByCode or AcceptInvitation. version is how many decisions
// the council had made about the network when its administrator saw the page: if another has been recorded since,
// the decision is ErrConflict. A decision that does not follow (ErrDecision) is refused, and nothing changes.
func (s *Store) Decide(ctx context.Context, networkID string, d Decision, reason string, version int) error {
	if d == Join {
		return fmt.Errorf("join a network by its code or by accepting its invitation: %w", ErrDecision)
	}
	return s.decide(ctx, networkID, d, "", reason, version)
}

// JoinByCode has the council in ctx join the network whose join code is given.
func (s *Store) JoinByCode(ctx context.Context, joinCode string) (Network, error) {
	n, err := s.ByJoinCode(ctx, joinCode)
	if err != nil {
		return Network{}, err
	}
	return n, s.decide(ctx, n.ID, Join, ByCode, "", -1)
}

// AcceptInvitation has the council in ctx join a network that invited it, while the invitation is open.
func (s *Store) AcceptInvitation(ctx context.Context, networkID string, version int) error {
	return s.decide(ctx, networkID, Join, ByInvitation, "", version)
}

// decide records a decision; version -1 takes the council's decisions as they stand (joining by code, when the
// administrator has seen nothing of the network before).
func (s *Store) decide(ctx context.Context, networkID string, d Decision, how, reason string, version int) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	// Only the council's administrators decide; the command line and the demo decide as the council itself.
	if st, ok := councils.StaffFrom(ctx); ok && !st.Role.Administers() {
		return sqldb.ErrForbidden
	}
	if isNet, err := s.IsNetwork(ctx, council); err != nil || isNet {
		return errors.Join(errors.New("a network cannot itself join a network"), err, sqldb.ErrForbidden)
	}
	reason = strings.TrimSpace(reason)
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := scanNetwork(tx.QueryRowContext(ctx, `SELECT `+networkColumns+` FROM network n JOIN council c ON c.id = n.id WHERE n.id = $1`, networkID)); err != nil {
			return err
		}
		rs, err := records(ctx, tx, `network_id = $1 AND council_id = $2`, networkID, council)
		if err != nil {
			return err
		}
		invs, err := invitations(ctx, tx, `i.network_id = $1 AND i.council_id = $2`, networkID, council)
		if err != nil {
			return err
		}
		if how != ByCode && len(rs) == 0 && len(invs) == 0 {
			// A council decides nothing about a network it has never had to do with, but to join it by its code.
			return fmt.Errorf("network %s: %w", networkID, sqldb.ErrNotFound)
		}
		if version >= 0 && len(rs) != version {
			return sqldb.ErrConflict
		}
		if err := Next(rs, d, reason); err != nil {
			return err
		}
		if (d == Decline || how == ByInvitation) && len(openOnly(invs, rs)) == 0 {
			return fmt.Errorf("the network's invitation is no longer open: %w", sqldb.ErrNotFound)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO network_decision (`+recordColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			networkID, council, len(rs)+1, string(d), how, reason, tx.Now(), councils.StaffID(ctx))
		return sqldb.Normalise(err)
	})
	if err != nil {
		return fmt.Errorf("record the decision to %s: %w", d, err)
	}
	return nil
}

// ByJoinCode finds the network a join code belongs to, for a council's administrator joining by code.
func (s *Store) ByJoinCode(ctx context.Context, code string) (Network, error) {
	n, err := s.one(ctx, `n.join_code = $1`, NormaliseCode(code))
	if errors.Is(err, sqldb.ErrNotFound) {
		return Network{}, fmt.Errorf("no network has the join code %q: check it with the network: %w", code, sqldb.ErrNotFound)
	}
	return n, err
}

const invitationColumns = `i.id, i.network_id, nc.name, i.council_id, cc.name, i.message, i.invited_at, i.invited_by, i.withdrawn_at, i.version`

func invitations(ctx context.Context, q sqldb.Querier, where string, args ...any) ([]Invitation, error) {
	var out []Invitation
	err := sqldb.Each(ctx, q, `SELECT `+invitationColumns+` FROM network_invitation i JOIN council nc ON nc.id = i.network_id
		JOIN council cc ON cc.id = i.council_id WHERE `+where+` ORDER BY i.invited_at, i.id`, args, func(rows *sql.Rows) error {
		var inv Invitation
		var withdrawn *time.Time
		if err := rows.Scan(&inv.ID, &inv.NetworkID, &inv.NetworkName, &inv.CouncilID, &inv.CouncilName, &inv.Message, &inv.InvitedAt, &inv.InvitedBy, &withdrawn, &inv.Version); err != nil {
			return err
		}
		if withdrawn != nil {
			inv.WithdrawnAt = *withdrawn
		}
		out = append(out, inv)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the invitations: %w", err)
	}
	return out, nil
}

// openOnly keeps the invitations still open, given the decisions of the councils they went to.
func openOnly(invs []Invitation, rs []Record) []Invitation {
	var out []Invitation
	for _, inv := range invs {
		var theirs []Record
		for _, r := range rs {
			if r.CouncilID == inv.CouncilID && r.NetworkID == inv.NetworkID {
				theirs = append(theirs, r)
			}
		}
		if inv.Open(theirs) {
			out = append(out, inv)
		}
	}
	return out
}

// Invite invites a council, found by its ONS code, to join the network whose tenancy ctx is in. A council that is
// a member already, or has an open invitation, is not invited again.
func (s *Store) Invite(ctx context.Context, councilCode, message string) (Invitation, error) {
	n, err := s.Mine(ctx)
	if err != nil {
		return Invitation{}, err
	}
	code := strings.ToUpper(strings.TrimSpace(councilCode))
	if err := councils.ValidCode(code); err != nil {
		return Invitation{}, err
	}
	inv := Invitation{ID: sqldb.NewID(), NetworkID: n.ID, NetworkName: n.Name, Message: strings.TrimSpace(message), InvitedBy: councils.StaffID(ctx), Version: 1}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.name FROM council c WHERE c.code = $1 AND NOT EXISTS (SELECT 1 FROM network WHERE id = c.id)`, code).
			Scan(&inv.CouncilID, &inv.CouncilName)
		if err != nil {
			return fmt.Errorf("no council has the code %s: %w", code, sqldb.Normalise(err))
		}
		rs, err := records(ctx, tx, `network_id = $1 AND council_id = $2`, n.ID, inv.CouncilID)
		if err != nil {
			return err
		}
		if err := Next(rs, Join, ""); err != nil {
			return err
		}
		invs, err := invitations(ctx, tx, `i.network_id = $1 AND i.council_id = $2`, n.ID, inv.CouncilID)
		if err != nil {
			return err
		}
		if len(openOnly(invs, rs)) > 0 {
			return fmt.Errorf("%s already has an open invitation: %w", inv.CouncilName, ErrDecision)
		}
		inv.InvitedAt = tx.Now()
		_, err = tx.ExecContext(ctx, `INSERT INTO network_invitation (network_id, council_id, id, message, invited_at, invited_by, version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
			n.ID, inv.CouncilID, inv.ID, inv.Message, inv.InvitedAt, inv.InvitedBy)
		return sqldb.Normalise(err)
	})
	if err != nil {
		return Invitation{}, fmt.Errorf("invite %s: %w", code, err)
	}
	return inv, nil
}

// Withdraw withdraws an open invitation of the network whose tenancy ctx is in.
func (s *Store) Withdraw(ctx context.Context, councilID, id string, version int) error {
	n, err := s.Mine(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_invitation SET withdrawn_at = $1, withdrawn_by = $2, version = version + 1
			WHERE network_id = $3 AND council_id = $4 AND id = $5 AND version = $6 AND withdrawn_at IS NULL`,
			tx.Now(), councils.StaffID(ctx), n.ID, councilID, id, version))
	})
}

// AddStaff adds a member of staff to a network, found by its code. Network staff are all programme leads: any
// other role is refused, for a network has no people to work with.
func (s *Store) AddStaff(ctx context.Context, staff *councils.Store, networkCode string, n councils.NewStaff) (councils.Staff, Network, error) {
	if n.Role == "" {
		n.Role = councils.ProgrammeLead
	}
	if n.Role != councils.ProgrammeLead {
		return councils.Staff{}, Network{}, fmt.Errorf("a network's staff are all programme leads (%s), not %s: a network has no people to work with", councils.ProgrammeLead, n.Role)
	}
	if len(n.TeamIDs) > 0 {
		return councils.Staff{}, Network{}, errors.New("a network has no teams")
	}
	net, err := s.ByCode(ctx, networkCode)
	if err != nil {
		return councils.Staff{}, Network{}, err
	}
	st, err := staff.CreateStaff(sqldb.WithCouncil(ctx, net.ID), n)
	if err != nil {
		return councils.Staff{}, Network{}, err
	}
	return st, net, nil
}
