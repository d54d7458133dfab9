package networkpage_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/networks/networkstest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// world is the networks a scenario runs in: network N, whose members are councils A (not sharing its programme)
// and B (sharing), and which C joined and left; and network M, whose only member is O, a council outside N.
type world struct {
	site       *apptest.Site
	n, m       networkstest.Network
	c, o       peopletest.Council
	invitation networks.Invitation
}

var networkSeq atomic.Int64

// newWorld makes a fresh network N for one scenario, over the site's councils and the outside ones made once.
func newWorld(t *testing.T, site *apptest.Site, c, o peopletest.Council, m networkstest.Network) world {
	t.Helper()
	db := site.App.DB
	code := fmt.Sprintf("NET-%d", networkSeq.Add(1))
	n := networkstest.New(t, db, code, false, site.A)
	networkstest.Join(t, db, n.Network, site.B, true)
	networkstest.Join(t, db, n.Network, c, false)
	networkstest.Leave(t, db, n.Network, c, "Our partnership has ended")
	setPassword(t, site, n.Lead)
	w := world{site: site, n: n, m: m, c: c, o: o}
	return w
}

// setPassword gives a member of staff the test password, in their own tenancy.
func setPassword(t *testing.T, site *apptest.Site, st councils.Staff) {
	t.Helper()
	hash, err := site.App.Auth.Hasher().Hash(t.Context(), apptest.Password)
	if err != nil {
		t.Fatal(err)
	}
	ctx := sqldb.WithCouncil(context.Background(), st.CouncilID)
	if err := site.App.Councils.SetPassword(ctx, st.ID, hash); err != nil {
		t.Fatal(err)
	}
	if st.Role.Administers() {
		if err := site.App.Councils.SetTOTP(ctx, st.ID, apptest.TOTPSecret, 0); err != nil {
			t.Fatal(err)
		}
	}
}

// state is every decision and invitation of network N, to see whether a request changed any.
func (w world) state(t *testing.T) string {
	t.Helper()
	return fmt.Sprint(
		dbtest.Numbers(t, w.site.App.DB, "", []string{`SELECT count(*) FROM network_decision WHERE network_id = $1`, `SELECT count(*) FROM network_invitation WHERE network_id = $1 AND withdrawn_at IS NULL`}, w.n.Network.ID))
}

type scenario struct {
	name       string
	method     string
	path       string // {network} is N, {a}, {b}, {c}, {o} the councils, {invitation} N's invitation to O
	form       func(w world) url.Values
	as         func(w world) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func lead(w world) councils.Staff      { return w.n.Lead }
func otherLead(w world) councils.Staff { return w.m.Lead }
func aAdmin(w world) councils.Staff    { return w.site.A.Staff[councils.Administrator] }
func aLead(w world) councils.Staff     { return w.site.A.Staff[councils.ProgrammeLead] }
func aQuality(w world) councils.Staff  { return w.site.A.Staff[councils.QualityLead] }
func aWorker(w world) councils.Staff   { return w.site.A.Staff[councils.Practitioner] }
func bAdmin(w world) councils.Staff    { return w.site.B.Staff[councils.Administrator] }
func oAdmin(w world) councils.Staff    { return w.o.Staff[councils.Administrator] }

func fixed(v url.Values) func(world) url.Values { return func(world) url.Values { return v } }

// decide is a decision as the council's network page posts it, with the version it carries.
func decide(admin func(world) councils.Staff, d networks.Decision, reason, version string) func(world) url.Values {
	return func(w world) url.Values {
		if version == "" {
			cn, err := w.site.App.Networks.CouncilNetworkByID(peopletest.As(admin(w)), w.n.Network.ID)
			if err != nil {
				panic(err)
			}
			version = strconv.Itoa(cn.Version)
		}
		return url.Values{"decision": {string(d)}, "reason": {reason}, "version": {version}}
	}
}

func TestNetworkPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	const nameA, nameB, nameC, nameO = "Council E06000901", "Council E06000902", "Council E06000903", "Council E06000904"
	scenarios := []scenario{
		// The network's home.
		{name: "the network's home", method: "GET", path: "/network", as: lead, wantStatus: 200,
			wantBody: []string{nameA, nameB, "Councils that left", nameC, "Our partnership has ended", "Shared", "Not shared", "Every decision"}, notBody: []string{nameO}},
		{name: "another network's home", method: "GET", path: "/network", as: otherLead, wantStatus: 200, wantBody: []string{nameO}, notBody: []string{nameA, nameB, nameC}},
		{name: "the home, as a council's programme lead", method: "GET", path: "/network", as: aLead, wantStatus: 404},
		{name: "the home, as a council's administrator", method: "GET", path: "/network", as: aAdmin, wantStatus: 403},
		{name: "the home, as a practitioner", method: "GET", path: "/network", as: aWorker, wantStatus: 403},

		// The comparison.
		{name: "the comparison", method: "GET", path: "/network/compare?quarter=2026-Q3", as: lead, wantStatus: 200,
			wantBody: []string{"July to September 2026", nameA, nameB, "By practice model", "MASOSS with the ROPES prompts", "Reviews held by their due date", "2 member councils compared"}, notBody: []string{nameC, nameO}},
		{name: "one measure", method: "GET", path: "/network/compare?quarter=2026-Q3&measure=reviews-on-time", as: lead, wantStatus: 200,
			wantBody: []string{`id="m-reviews-on-time"`, `role="img"`}, notBody: []string{`id="m-resolved-at-first-contact"`}},
		{name: "the comparison of another network", method: "GET", path: "/network/compare", as: otherLead, wantStatus: 200, wantBody: []string{nameO, "1 member council compared"}, notBody: []string{nameA, nameB}},
		{name: "a quarter in words", method: "GET", path: "/network/compare?quarter=last+summer", as: lead, wantStatus: 422, wantBody: []string{"There is a problem", "Enter a quarter as the year and the quarter"}},
		{name: "a measure there is not", method: "GET", path: "/network/compare?measure=happiness", as: lead, wantStatus: 422, wantBody: []string{"Choose a measure from the list"}},
		{name: "the comparison, as a council's programme lead", method: "GET", path: "/network/compare", as: aLead, wantStatus: 404},
		{name: "the comparison, as a council's quality lead", method: "GET", path: "/network/compare", as: aQuality, wantStatus: 403},

		// A member council's shared programme.
		{name: "a member that does not share", method: "GET", path: "/network/members/{a}", as: lead, wantStatus: 200, wantBody: []string{nameA, "does not share its programme"}},
		{name: "a member that shares", method: "GET", path: "/network/members/{b}", as: lead, wantStatus: 200, wantBody: []string{nameB, "Programme milestones", "Recruit practice champions", "Red", "Champions not yet released"}},
		{name: "a council that left", method: "GET", path: "/network/members/{c}", as: lead, wantStatus: 404},
		{name: "a council never a member", method: "GET", path: "/network/members/{o}", as: lead, wantStatus: 404},
		{name: "a member, from another network", method: "GET", path: "/network/members/{b}", as: otherLead, wantStatus: 404},
		{name: "a member, as its own programme lead", method: "GET", path: "/network/members/{a}", as: aLead, wantStatus: 404},

		// Inviting.
		{name: "the invitation form", method: "GET", path: "/network/invitations/new", as: lead, wantStatus: 200, wantBody: []string{"The council’s ONS code"}},
		{name: "invite a council", method: "POST", path: "/network/invitations/new", as: lead, form: fixed(url.Values{"code": {"E06000904"}, "message": {"Join us"}}), wantStatus: 303},
		{name: "invite a member", method: "POST", path: "/network/invitations/new", as: lead, form: fixed(url.Values{"code": {"E06000901"}}), wantStatus: 422, wantBody: []string{"already a member"}, unchanged: true},
		{name: "invite a code no council has", method: "POST", path: "/network/invitations/new", as: lead, form: fixed(url.Values{"code": {"E06000999"}}), wantStatus: 422, wantBody: []string{"No council in Golden Thread has the code E06000999"}, unchanged: true},
		{name: "invite a name", method: "POST", path: "/network/invitations/new", as: lead, form: fixed(url.Values{"code": {"Brackenshire"}}), wantStatus: 422, wantBody: []string{`href="#f-code"`}, unchanged: true},
		{name: "invite, as a council's programme lead", method: "POST", path: "/network/invitations/new", as: aLead, form: fixed(url.Values{"code": {"E06000904"}}), wantStatus: 404, unchanged: true},
		{name: "invite, as a council's administrator", method: "POST", path: "/network/invitations/new", as: aAdmin, form: fixed(url.Values{"code": {"E06000904"}}), wantStatus: 403, unchanged: true},

		// A council's administrator.
		{name: "the council's networks", method: "GET", path: "/admin/networks", as: aAdmin, wantStatus: 200, wantBody: []string{"Network NET-", "A member, not sharing its programme", "Join a network by its code"}},
		{name: "the council's networks, as a practitioner", method: "GET", path: "/admin/networks", as: aWorker, wantStatus: 403},
		{name: "the council's networks, as the network's lead", method: "GET", path: "/admin/networks", as: lead, wantStatus: 403},
		{name: "join by a wrong code", method: "POST", path: "/admin/networks", as: oAdmin, form: fixed(url.Values{"join_code": {"NOPE-NOPE"}}), wantStatus: 422, wantBody: []string{"No network has the join code NOPE-NOPE"}, unchanged: true},
		{name: "join by no code", method: "POST", path: "/admin/networks", as: oAdmin, form: fixed(url.Values{"join_code": {""}}), wantStatus: 422, wantBody: []string{"Enter the join code the network gave you"}, unchanged: true},
		{name: "join by the network's code", method: "POST", path: "/admin/networks", as: oAdmin, form: func(w world) url.Values { return url.Values{"join_code": {w.n.Network.JoinCode}} }, wantStatus: 303},
		{name: "join again", method: "POST", path: "/admin/networks", as: aAdmin, form: func(w world) url.Values { return url.Values{"join_code": {w.n.Network.JoinCode}} }, wantStatus: 422, wantBody: []string{"already a member"}, unchanged: true},
		{name: "the council's network", method: "GET", path: "/admin/networks/{network}", as: aAdmin, wantStatus: 200, wantBody: []string{"Share the council’s programme milestones and KPIs", "Leave the network", "Joined", "Test Council administrator"}},
		{name: "a network the council never had to do with", method: "GET", path: "/admin/networks/{network}", as: oAdmin, wantStatus: 404},
		{name: "share", method: "POST", path: "/admin/networks/{network}", as: aAdmin, form: decide(aAdmin, networks.Share, "", ""), wantStatus: 303},
		{name: "share from a stale page", method: "POST", path: "/admin/networks/{network}", as: aAdmin, form: decide(aAdmin, networks.Share, "", "0"), wantStatus: 409,
			wantBody: []string{"Another administrator decided about this network", "What the other administrator decided", "Joined"}, unchanged: true},
		{name: "leave without a reason", method: "POST", path: "/admin/networks/{network}", as: aAdmin, form: decide(aAdmin, networks.Leave, "", ""), wantStatus: 422, wantBody: []string{"Say why the council is leaving the network"}, unchanged: true},
		{name: "a decision not offered", method: "POST", path: "/admin/networks/{network}", as: bAdmin, form: decide(bAdmin, networks.Share, "", ""), wantStatus: 422, wantBody: []string{"Choose what the council decides"}, unchanged: true},
		{name: "leave", method: "POST", path: "/admin/networks/{network}", as: bAdmin, form: decide(bAdmin, networks.Leave, "We are joining another region", ""), wantStatus: 303},
		{name: "decide, as the quality lead", method: "POST", path: "/admin/networks/{network}", as: aQuality, form: decide(aAdmin, networks.Share, "", ""), wantStatus: 403, unchanged: true},
		{name: "decide for a network the council never had to do with", method: "POST", path: "/admin/networks/{network}", as: oAdmin, form: fixed(url.Values{"decision": {"leave"}, "reason": {"x"}, "version": {"0"}}), wantStatus: 404, unchanged: true},

		// The network's lead opens nothing of any council's people.
		{name: "find a person, as the network's lead", method: "GET", path: "/people?q=testperson", as: lead, wantStatus: 403},
		{name: "a person's record, as the network's lead", method: "GET", path: "/people/{person}", as: lead, wantStatus: 404},
		{name: "the IQAM pack, as the network's lead", method: "GET", path: "/insight", as: lead, wantStatus: 403},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		site.App.NetworkProgrammes = programmes{}
		c := peopletest.NewCouncil(t, db, "E06000903")
		o := peopletest.NewCouncil(t, db, "E06000904")
		setPassword(t, site, o.Staff[councils.Administrator])
		m := networkstest.New(t, db, "ELSEWHERE", true, o)
		setPassword(t, site, m.Lead)
		person := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID))
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				w := newWorld(t, site, c, o, m)
				path := strings.NewReplacer("{network}", w.n.Network.ID, "{a}", site.A.Council.ID, "{b}", site.B.Council.ID,
					"{c}", c.Council.ID, "{o}", o.Council.ID, "{person}", person.ID).Replace(sc.path)
				who := sc.as(w)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(w)
				}
				before := w.state(t)
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, w.state(t), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

// programmes is a test double of the programme records a member council shares.
type programmes struct{}

func (programmes) SharedMilestones(ctx context.Context, councilID string) ([]networks.Milestone, error) {
	if c, err := sqldb.CouncilFrom(ctx); err != nil || c != councilID {
		return nil, fmt.Errorf("asked about %s in the tenancy of %s (%v)", councilID, c, err)
	}
	return []networks.Milestone{
		{Title: "Recruit practice champions", Status: "In progress", RAG: "Red", RAGClass: "govuk-tag--red", Reason: "Champions not yet released from caseloads"},
		{Title: "Vision co-produced", Status: "Done", RAG: "Green", RAGClass: "govuk-tag--green"},
	}, nil
}

func (programmes) SharedKPIs(ctx context.Context, councilID string) ([]networks.KPI, error) {
	return []networks.KPI{{Name: "Reviews on time", MeasureID: "reviews-on-time", Baseline: "61%", Target: "80%", Latest: "72%", Trajectory: "On track"}}, nil
}
