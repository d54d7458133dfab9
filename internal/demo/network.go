package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo network and its two other councils, fictional as Exampleshire is. E06000097 and E06000098 are not real
// unitary authorities' codes.
const (
	NetworkCode = "NORTH-SHIRES"
	NetworkName = "North Shires practice network (demo)"
)

// memberCouncil is one of the demo network's other councils: its code and name, the domain of its staff's email
// addresses, its teams and the seed of its people.
type memberCouncil struct {
	code, name, domain string
	family             string // every member of its staff's family name, so that each is plainly of this council
	teams              []string
	seed               uint64
	shares             bool
	model              string // the practice model it records conversations under (UsePracticeModel)
}

// memberCouncils are the demo network's other councils. Westmere works with Three Conversations, Brackenshire with
// local area coordination: their practice models are recorded by the practice models' own demo.
var memberCouncils = []memberCouncil{
	{code: "E06000097", name: "Westmere Council (demo)", domain: "westmere.example", family: "Westmere", teams: []string{"Front door", "Westmere community team", "Hospital team"}, seed: 97, shares: true, model: practicemodels.ThreeConversations},
	{code: "E06000098", name: "Brackenshire Council (demo)", domain: "brackenshire.example", family: "Brackenshire", teams: []string{"Front door", "Local area coordination", "Long-term support"}, seed: 98, model: LocalAreaCoordination},
}

// NetworkLead is the demo network's programme lead, who signs in with Password.
var NetworkLead = Account{Role: councils.ProgrammeLead, Name: "Nia Networklead", Email: "nia.networklead@northshires.example"}

// NetworkAccounts are the demo network's accounts to sign in as: its programme lead, and the administrators of its
// two other councils, who decide whether their council shares its programme or leaves.
func NetworkAccounts() []Account {
	out := []Account{NetworkLead}
	for _, m := range memberCouncils {
		name := "Alex " + m.family
		out = append(out, Account{Role: councils.Administrator, Name: name + ", " + m.name, Email: emailAt(name, m.domain)})
	}
	return out
}

// addNetwork makes the demo network of the demo council and two more fictional councils, each with its own staff and
// people (as many as the demo council's, three in five of them), and the network's programme lead. Every council
// joins by the network's code, as its administrator would; the demo council and Westmere share their programme
// milestones and KPIs, Brackenshire does not.
func addNetwork(ctx context.Context, db *sqldb.DB, pw string, home councils.Council, opts Options) error {
	store := networks.NewStore(db)
	n, err := store.CreateNetwork(ctx, NetworkCode, NetworkName, "Three councils learning from each other's practice models, through the Principal Social Workers' network and peer challenge.", false)
	if err != nil {
		return fmt.Errorf("add the demo network: %w", err)
	}
	lead, _, err := store.AddStaff(ctx, councils.NewStore(db), NetworkCode, councils.NewStaff{Email: NetworkLead.Email, Name: NetworkLead.Name, PasswordHash: pw})
	if err != nil {
		return fmt.Errorf("add the demo network's lead: %w", err)
	}
	join := func(council string, shares bool) error {
		cctx := sqldb.WithCouncil(ctx, council)
		if _, err := store.JoinByCode(cctx, n.JoinCode); err != nil {
			return err
		}
		if shares {
			return store.Decide(cctx, n.ID, networks.Share, "", 1)
		}
		return nil
	}
	if err := join(home.ID, true); err != nil {
		return fmt.Errorf("the demo council joins the demo network: %w", err)
	}
	joined := []councils.Council{home}
	for _, m := range memberCouncils {
		c, err := addMemberCouncil(ctx, db, pw, m, opts)
		if err != nil {
			return fmt.Errorf("add %s: %w", m.name, err)
		}
		if err := join(c.ID, m.shares); err != nil {
			return fmt.Errorf("%s joins the demo network: %w", m.name, err)
		}
		joined = append(joined, c)
	}
	// Its staff survey, peer challenges and library (internal/demo/networkwork.go).
	return addNetworkWork(ctx, db, n, lead, joined)
}

// addMemberCouncil makes one of the network's other councils: teams, an administrator, a quality lead, a team
// manager and practitioners, a community directory, people with five years of history, and its population.
func addMemberCouncil(ctx context.Context, db *sqldb.DB, pw string, m memberCouncil, opts Options) (councils.Council, error) {
	store := councils.NewStore(db)
	c, err := store.CreateCouncil(ctx, m.code, m.name)
	if err != nil {
		return councils.Council{}, err
	}
	cctx := accesslog.WithCommand(sqldb.WithCouncil(ctx, c.ID), "goldenthread demo")
	var teams []councils.Team
	for _, name := range m.teams {
		t, err := store.CreateTeam(cctx, name)
		if err != nil {
			return councils.Council{}, err
		}
		teams = append(teams, t)
	}
	people := opts.People * 3 / 5
	plan := []struct {
		role  councils.Role
		given string
		teams []int
	}{
		{councils.Administrator, "Alex", nil}, {councils.QualityLead, "Quentin", nil}, {councils.TeamManager, "Tara", []int{1, 2}},
		{councils.Practitioner, "Pat", []int{1}}, {councils.Practitioner, "Frankie", []int{0}}, {councils.Practitioner, "Hari", []int{2}},
	}
	var staff []councils.Staff
	for i := range len(plan) + max(0, Practitioners(people)-3) {
		role, given, inTeams := councils.Practitioner, fmt.Sprintf("Worker%d", i-len(plan)+1), []int{i % len(teams)}
		if i < len(plan) {
			role, given, inTeams = plan[i].role, plan[i].given, plan[i].teams
		}
		var ids []string
		for _, t := range inTeams {
			ids = append(ids, teams[t].ID)
		}
		name := given + " " + m.family
		st, err := store.CreateStaff(cctx, councils.NewStaff{Email: emailAt(name, m.domain), Name: name, Role: role, TeamIDs: ids, PasswordHash: pw})
		if err != nil {
			return councils.Council{}, err
		}
		staff = append(staff, st)
	}
	if err := AddDirectory(cctx, db, m.seed, DirectoryServices/3); err != nil {
		return councils.Council{}, err
	}
	// Its practice model is chosen before its history is written, so that its conversations are recorded under it.
	if err := UsePracticeModel(cctx, db, staff, m.model); err != nil {
		return councils.Council{}, err
	}
	if err := AddPeople(cctx, db, teams, staff, Options{People: people, Seed: m.seed}); err != nil {
		return councils.Council{}, err
	}
	if err := addPopulation(cctx, db, staff, people); err != nil {
		return councils.Council{}, err
	}
	// Its practice recorded as the demo council's is, so that most measures have something to count: capacity and
	// advocacy, feedback, the learning programme and supervision.
	if err := AddCapacity(cctx, db, staff, m.seed); err != nil {
		return councils.Council{}, err
	}
	if err := addFeedback(cctx, db, staff, m.seed); err != nil {
		return councils.Council{}, err
	}
	if err := addLearning(cctx, db, staff, m.seed); err != nil {
		return councils.Council{}, err
	}
	if err := addSupervision(cctx, db, staff); err != nil {
		return councils.Council{}, err
	}
	if _, err := accesslog.NewStore(db).Seal(cctx); err != nil {
		return councils.Council{}, fmt.Errorf("seal the access log: %w", err)
	}
	return c, nil
}
