// Package demo makes an obviously fictional council — Exampleshire — with teams, staff in every role and people
// with realistic ages, support reasons and ethnicities, for trying Golden Thread out and for benchmarks. The same
// seed always makes the same council. Every person is synthetic: NHS numbers come from the 999 range kept for
// test data and postcodes are NHS pseudo-postcodes (ZZ99), so no record can be mistaken for a real one.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Code and Name identify the demo council. E10000099 is not a real county's code.
const (
	Code = "E10000099"
	Name = "Exampleshire County Council (demo)"
)

// Password is every demo account's password. It is printed when the demo starts; never use the demo council for
// real people.
const Password = "demo-golden-thread"

// Options say how big a council to make.
type Options struct {
	People int
	Seed   uint64
	// PracticeModel is the practice model the council records conversations under (UsePracticeModel): "" for
	// MASOSS, practicemodels.ThreeConversations, or LocalAreaCoordination.
	PracticeModel string
	// Alone loads the demo council without the demo network and its two other councils, which more than double the
	// time the demo takes to load: for tests that need the council only.
	Alone bool
}

// Account is a demo member of staff someone can sign in as.
type Account struct {
	Role  councils.Role
	Name  string
	Email string
}

// Council is what Load made or found.
type Council struct {
	Council  councils.Council
	Accounts []Account
	// Network are the demo network's accounts: its programme lead and its other councils' administrators.
	Network []Account
	Created bool // false when the demo council already existed
}

// Hasher hashes a password for storage.
type Hasher func(ctx context.Context, password string) (string, error)

var teamNames = []string{"Front door", "North locality", "South locality", "Hospital discharge", "Learning disability and autism"}

// staffPlan is the demo staff: one account per role first, then practitioners spread across the teams.
var staffPlan = []struct {
	role  councils.Role
	name  string
	teams []int
}{
	{councils.Practitioner, "Priya Practitioner", []int{1}},
	{councils.TeamManager, "Tom Teammanager", []int{1, 2}},
	{councils.QualityLead, "Quinn Qualitylead", nil},
	{councils.DirectoryEditor, "Indira Information", []int{0}},
	{councils.Finance, "Fergus Finance", nil},
	{councils.Administrator, "Ada Administrator", nil},
	{councils.Practitioner, "Sam Southworker", []int{2}},
	{councils.Practitioner, "Harriet Hospital", []int{3}},
	{councils.Practitioner, "Lewis Learning", []int{4}},
	{councils.Practitioner, "Fran Frontdoor", []int{0}},
}

// Load makes the demo council with opts.People people, or returns the existing one unchanged.
func Load(ctx context.Context, db *sqldb.DB, hash Hasher, opts Options) (Council, error) {
	store := councils.NewStore(db)
	out := Council{}
	for _, s := range staffPlan[:6] {
		out.Accounts = append(out.Accounts, Account{Role: s.role, Name: s.name, Email: email(s.name)})
	}
	if !opts.Alone {
		out.Network = NetworkAccounts()
	}
	existing, err := store.CouncilByCode(ctx, Code)
	if err == nil {
		out.Council = existing
		return out, nil
	}
	if !errors.Is(err, sqldb.ErrNotFound) {
		return Council{}, err
	}
	c, err := store.CreateCouncil(ctx, Code, Name)
	if err != nil {
		return Council{}, err
	}
	out.Council, out.Created = c, true
	ctx = accesslog.WithCommand(sqldb.WithCouncil(ctx, c.ID), "goldenthread demo")
	// Services above £500 a week wait for a team manager, as the demo council's settings say.
	settings := c.Settings
	settings.AuthorisationThresholdPence = Threshold
	if err := store.UpdateSettings(ctx, c.MFARequired, settings, c.Version); err != nil {
		return Council{}, fmt.Errorf("set the demo council's settings: %w", err)
	}
	out.Council.Settings = settings
	out.Council.Version++
	var teams []councils.Team
	for _, n := range teamNames {
		t, err := store.CreateTeam(ctx, n)
		if err != nil {
			return Council{}, err
		}
		teams = append(teams, t)
	}
	pw, err := hash(ctx, Password)
	if err != nil {
		return Council{}, fmt.Errorf("hash the demo password: %w", err)
	}
	var staff []councils.Staff
	for _, s := range staffPlan {
		var ids []string
		for _, i := range s.teams {
			ids = append(ids, teams[i].ID)
		}
		st, err := store.CreateStaff(ctx, councils.NewStaff{Email: email(s.name), Name: s.name, Role: s.role, TeamIDs: ids, PasswordHash: pw})
		if err != nil {
			return Council{}, err
		}
		staff = append(staff, st)
	}
	// A larger council has more practitioners, so that each caseload stays about the size of a real one.
	for i := range extraPractitioners(opts.People) {
		name := fmt.Sprintf("%s %s", maleNames[i%len(maleNames)], familyNames[(i/len(maleNames)+i)%len(familyNames)])
		if i%2 == 0 {
			name = fmt.Sprintf("%s %s", femaleNames[i%len(femaleNames)], familyNames[(i/len(femaleNames)+i)%len(familyNames)])
		}
		st, err := store.CreateStaff(ctx, councils.NewStaff{Email: fmt.Sprintf("worker%d@exampleshire.example", i+1), Name: name,
			Role: councils.Practitioner, TeamIDs: []string{teams[i%len(teams)].ID}, PasswordHash: pw})
		if err != nil {
			return Council{}, err
		}
		staff = append(staff, st)
	}
	// A community directory to signpost people to, loaded through the directory's own import, before the people
	// whose history uses it.
	if err := AddDirectory(ctx, db, opts.Seed, DirectoryServices); err != nil {
		return Council{}, err
	}
	// The council's practice model, chosen before the history so that its conversations are recorded under it
	// (internal/demo/practicemodels.go).
	if err := UsePracticeModel(ctx, db, staff, opts.PracticeModel); err != nil {
		return Council{}, err
	}
	if err := AddPeople(ctx, db, teams, staff, opts); err != nil {
		return Council{}, err
	}
	// Mental capacity and advocacy history, so that the required actions have something to show.
	if err := AddCapacity(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, err
	}
	// Risk enablement, crisis and family group conferences (internal/demo/risks.go).
	if err := addRisks(ctx, db, staff); err != nil {
		return Council{}, fmt.Errorf("add demo risks, crises and conferences: %w", err)
	}
	// Direct payment agreements and their monitoring (internal/demo/directpayments.go).
	if err := addDirectPayments(ctx, db, staff); err != nil {
		return Council{}, fmt.Errorf("add demo direct payments: %w", err)
	}
	// Two past Practice Fortnights, graded, reflected on and moderated (internal/demo/audits.go).
	if err := addAudits(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, fmt.Errorf("add demo audits: %w", err)
	}
	// Eighteen months of supervision, a few staff overdue (internal/demo/supervision.go).
	if err := addSupervision(ctx, db, staff); err != nil {
		return Council{}, fmt.Errorf("add demo supervision: %w", err)
	}
	// A supervision audit round open now, its sessions waiting for the quality lead (internal/demo/audits.go).
	if err := addSupervisionAudits(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, fmt.Errorf("add demo supervision audits: %w", err)
	}
	// The council's adults from a synthetic Census, for fair use and rates per head (internal/demo/population.go).
	if err := addPopulation(ctx, db, staff, opts.People); err != nil {
		return Council{}, err
	}
	// Two years of feedback from people and staff (internal/demo/feedback.go).
	if err := addFeedback(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, err
	}
	// Two staff resource scenarios, Current and With Three Conversations (internal/demo/workforce.go).
	if err := addWorkforce(ctx, db, staff); err != nil {
		return Council{}, err
	}
	// Two practitioner network events and four published practice stories (internal/demo/community.go).
	if err := addCommunity(ctx, db, staff); err != nil {
		return Council{}, err
	}
	// A year of the learning programme: train-the-trainer, monthly sessions, bookings and evaluations
	// (internal/demo/learning.go).
	if err := addLearning(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, err
	}
	// Two new starters, each with the induction pathway their team manager set (internal/demo/induction.go).
	if err := addInduction(ctx, db, staff, pw); err != nil {
		return Council{}, err
	}
	// A completed practice study of two teams, with its case for change agreed (internal/demo/practicestudy.go).
	if err := addPracticeStudy(ctx, db, staff, opts.Seed); err != nil {
		return Council{}, err
	}
	// The implementation programme mid-way: phases, seed 001's milestones, actions, risks and decisions
	// (internal/demo/programme.go).
	if err := addProgramme(ctx, db, staff); err != nil {
		return Council{}, err
	}
	// The implementation programme's KPIs on five measures, and a board report issued six weeks ago
	// (internal/demo/kpis.go).
	if err := AddKPIs(ctx, db, staff); err != nil {
		return Council{}, err
	}
	// What the implementation programme found and dreamed: findings, the vision, both cultural webs and the
	// stakeholder map, each to-be change linked to the programme's actions that make it (internal/demo/discovery.go).
	if err := addDiscovery(ctx, db, staff); err != nil {
		return Council{}, err
	}
	// The history's access-log entries are sealed into the chain now, so that the council starts with none waiting.
	if _, err := accesslog.NewStore(db).Seal(ctx); err != nil {
		return Council{}, fmt.Errorf("seal the demo's access log: %w", err)
	}
	// A network of the demo council and two more fictional councils, with its programme lead (internal/demo/network.go).
	if opts.Alone {
		return out, nil
	}
	if err := addNetwork(ctx, db, pw, out.Council, opts); err != nil {
		return Council{}, err
	}
	return out, nil
}

// DefaultPeople is how many people the demo council has unless asked for another number: enough that a quarter's
// measures, by team and month, are mostly above the 6 below which figures are withheld, so that the IQAM pack tells
// the story of the council's practice on first start; it loads in a few seconds.
const DefaultPeople = 2000

// Threshold is the demo council's authorisation threshold: £500 a week.
const Threshold = 50_000

// CaseloadSize is about how many people each practitioner holds.
const CaseloadSize = 33

// allocatedShare is about the share of people on someone's caseload today (planLife): those at the front door,
// planning, in reablement or in long-term support.
const allocatedShare = 0.28

// Practitioners is about how many practitioners hold the caseloads of a council of n people.
func Practitioners(n int) int { return max(1, int(float64(n)*allocatedShare/CaseloadSize+0.5)) }

// extraPractitioners is how many practitioners to add to the five demo accounts.
func extraPractitioners(people int) int { return max(0, Practitioners(people)-5) }

func email(name string) string { return emailAt(name, "exampleshire.example") }

// emailAt is a demo account's email address at a council's domain: the name in lower case, dots for spaces.
func emailAt(name, domain string) string {
	b := []byte{}
	for _, r := range name {
		switch {
		case r == ' ':
			b = append(b, '.')
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		default:
			b = append(b, byte(r))
		}
	}
	return string(b) + "@" + domain
}

// AddPeople adds opts.People synthetic people to the council in ctx, spread over teams, each with five years of
// history (history.go). Those in the middle of something today are allocated to one of their team's practitioners
// among staff; the team managers among staff decide authorisations above the council's threshold. When the council
// has a community directory (AddDirectory), the history signposts people to its services near them
// (signposts.go); without one, it has no signposts.
func AddPeople(ctx context.Context, db *sqldb.DB, teams []councils.Team, staff []councils.Staff, opts Options) error {
	if opts.People > MaxPeople {
		return fmt.Errorf("the demo makes at most %d people, each with their own NHS number; %d asked for", MaxPeople, opts.People)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	store := people.NewStore(db)
	today := db.Today().Time
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return err
	}
	c, err := councils.NewStore(db).CouncilByID(ctx, council)
	if err != nil {
		return fmt.Errorf("read the council's threshold: %w", err)
	}
	crew := newStaffing(teams, staff, c.AuthorisationThresholdPence)
	dir, err := readDirectory(ctx, db)
	if err != nil {
		return err
	}
	const batch = 500
	for done := 0; done < opts.People; done += batch {
		n := min(batch, opts.People-done)
		ps := make([]people.Person, n)
		lives := make([]life, n)
		for i := range ps {
			ps[i] = Person(rng, done+i, today, teams)
			lives[i] = planLife(opts.Seed, done+i)
			if lives[i].allocated() {
				ps[i].WorkerID = crew.worker(lives[i].rng, ps[i].TeamID)
			}
			if err := dir.locate(ctx, ps[i].Postcode); err != nil {
				return fmt.Errorf("find where demo person %d lives: %w", done+i+1, err)
			}
		}
		added, err := store.CreateBatch(ctx, ps)
		if err != nil {
			return fmt.Errorf("add demo people %d to %d: %w", done+1, done+n, err)
		}
		if err := writeHistory(ctx, db, crew, dir, today, added, lives); err != nil {
			return fmt.Errorf("add the history of demo people %d to %d: %w", done+1, done+n, err)
		}
		// Refresh the planner's statistics as the tables grow from empty, or PostgreSQL keeps plans (its foreign
		// key checks among them) made for empty tables, and each insert gets slower than the last.
		if batches := done/batch + 1; batches&(batches-1) == 0 {
			if err := db.Analyze(ctx); err != nil {
				return err
			}
		}
	}
	return db.Analyze(ctx)
}

// Person makes the n-th synthetic person.
func Person(rng *rand.Rand, n int, today time.Time, teams []councils.Team) people.Person {
	female := rng.IntN(100) < 60 // more women than men draw on adult social care, mostly through longer lives
	given := pick(rng, maleNames)
	gender := "Male"
	if female {
		given, gender = pick(rng, femaleNames), "Female"
	}
	age := weightedAge(rng)
	back := rng.IntN(365)
	if age == 18 {
		// Turned 18 at least four months ago, so that whatever they are in the middle of today began when they were
		// an adult: adult social care is for adults (the Client Level Data return refuses a service user under 18).
		back = 130 + back*235/365
	}
	dob := today.AddDate(-age, 0, -back)
	// Everyone lives at one of the directory's postcodes (DirectoryPostcode), in that postcode's town, so that the
	// demo directory's search from a person's postcode finds what is near them.
	home := rng.IntN(DirectoryPostcodes)
	p := people.Person{
		GivenName:            given,
		FamilyName:           familyName(rng),
		DateOfBirth:          sqldb.NewDate(dob),
		NHSNumber:            nhsNumber(n),
		AddressLine1:         fmt.Sprintf("%d %s", 1+rng.IntN(180), pick(rng, streets)),
		Town:                 dirPlaces[placeOf(home)],
		Postcode:             DirectoryPostcode(home),
		Gender:               gender,
		Ethnicity:            weighted(rng, ethnicities),
		PrimarySupportReason: weighted(rng, supportReasons(age)),
		ClientType:           "Service user",
		AccommodationStatus:  weighted(rng, accommodation(age)),
		Religion:             weighted(rng, religions),
	}
	if rng.IntN(100) < 8 {
		p.ClientType = "Unpaid carer"
		p.PrimarySupportReason = "Social Support: Support to Carer"
	}
	if rng.IntN(100) < 15 {
		p.PreferredName = p.GivenName[:min(3, len(p.GivenName))]
	}
	if rng.IntN(100) < 70 {
		p.Phone = fmt.Sprintf("01632 960 %03d", rng.IntN(1000)) // Ofcom's drama range
	}
	if rng.IntN(100) < 6 {
		p.PreferredLanguage, p.InterpreterNeeded = pick(rng, languages), true
	}
	// A few need their plan written another way (chosen by n, so that no one else's history changes).
	switch n % 40 {
	case 7:
		p.InformationFormats = []string{people.EasyRead}
		p.CommunicationNeeds = "Has a learning disability: reads Easy Read, with pictures, and likes someone to go through it with them"
	case 19:
		p.InformationFormats = []string{people.LargePrint}
		p.CommunicationNeeds = "Macular degeneration: needs large print"
	}
	p.ContactMethod = contactMethod(&p, n)
	t := rng.IntN(len(teams))
	p.TeamID = teams[t].ID
	if rng.IntN(100) < 55 {
		p.Network = append(p.Network, people.NetworkMember{
			Name:         pick(rng, append(femaleNames[:0:0], append(femaleNames, maleNames...)...)) + " " + p.FamilyName,
			Relationship: pick(rng, []string{"Daughter", "Son", "Spouse or partner", "Sister", "Brother"}),
			Phone:        fmt.Sprintf("07700 900 %03d", rng.IntN(1000)),
			UnpaidCarer:  rng.IntN(100) < 60,
			// The family member whose number the record holds is the one to call in a crisis, so that a plan
			// drafted in the demo names them.
			CrisisContact: true,
		})
		if age > 75 && rng.IntN(100) < 30 {
			p.Network[0].LegalAuthority = "Lasting power of attorney: health and welfare"
		}
	}
	if rng.IntN(100) < 70 {
		p.ConsentToShare = people.ConsentGiven
		p.ConsentDate = sqldb.NewDate(today.AddDate(0, 0, -rng.IntN(900)))
		p.ConsentScope = []string{"Share with health professionals", "Share with family and people who matter"}
	}
	return p
}

// MaxPeople is the most people the demo can make, each with their own NHS number: the 999 test range holds a
// million nine-digit bases, and nhsNumber uses one pair of them per person.
const MaxPeople = 500_000

// nhsNumber makes the n-th person's NHS number in the 999 test range, with a correct check digit: different for
// every n below MaxPeople, as one NHS number is one person. Each n has its own pair of bases, 2n and 2n+1, so no
// two people ever share one. The modulus-11 rule never issues a base whose check digit would be 10; the two bases
// of a pair differ only in their last digit, by one, which moves the weighted sum by 2, so at most one of them is
// refused and the other is used. (Stepping on from n×1.1 to the next base the rule issues, as this once did, gave
// n and n+1 the same number whenever the first's base was refused.)
// contactMethod is how the person would like to be contacted, chosen by n (so that no one else's history changes):
// most by phone, some by text, letter or email (who are given an address), a few through someone else, and three in
// ten not yet asked. It never asks for a phone call or a text without a telephone number.
func contactMethod(p *people.Person, n int) string {
	if p.Needs(people.EasyRead) {
		return "Someone else" // likes someone to go through it with them
	}
	switch n % 10 {
	case 0, 1, 2, 3:
		if p.Phone == "" {
			return "Letter"
		}
		if n%10 == 3 {
			return codelists.ContactMethodText
		}
		return codelists.ContactMethodPhone
	case 4:
		letters := func(r rune) rune {
			if unicode.IsLetter(r) {
				return unicode.ToLower(r)
			}
			return -1
		}
		p.Email = fmt.Sprintf("%s.%s%d@example.com", strings.Map(letters, p.GivenName), strings.Map(letters, p.FamilyName), n)
		return codelists.ContactMethodEmail
	case 5:
		return "Letter"
	case 6:
		return "Someone else"
	}
	return ""
}

func nhsNumber(n int) string {
	for k := 2 * (n % MaxPeople); ; k++ {
		base := fmt.Sprintf("999%06d", k)
		sum := 0
		for i, r := range base {
			sum += int(r-'0') * (10 - i)
		}
		check := 11 - sum%11
		if check == 11 {
			check = 0
		}
		if check != 10 {
			return base + fmt.Sprint(check)
		}
	}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// familyName picks a family name: one of familyNames, or for about one person in thirty two of them joined, as
// double-barrelled names are, so that no one name (nor one pairing) fills the search results.
func familyName(rng *rand.Rand) string {
	first := pick(rng, familyNames)
	if rng.IntN(30) > 0 {
		return first
	}
	second := pick(rng, familyNames)
	for second == first {
		second = pick(rng, familyNames)
	}
	return first + "-" + second
}

type weight struct {
	value string
	w     int
}

func weighted(rng *rand.Rand, ws []weight) string {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := rng.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.value
		}
		n -= w.w
	}
	return ws[len(ws)-1].value
}

// weightedAge follows the shape of adult social care: about a third of working age, most over 75.
func weightedAge(rng *rand.Rand) int {
	switch n := rng.IntN(100); {
	case n < 32:
		return 18 + rng.IntN(47)
	case n < 52:
		return 65 + rng.IntN(15)
	case n < 92:
		return 80 + rng.IntN(12)
	default:
		return 92 + rng.IntN(10)
	}
}

func supportReasons(age int) []weight {
	if age < 65 {
		return []weight{
			{"Learning Disability Support", 30}, {"Mental Health Support", 22}, {"Physical Support: Personal care support", 25},
			{"Physical Support: Access & mobility only", 8}, {"Sensory Support: Support for visual impairment", 3},
			{"Social Support: Substance misuse support", 4}, {"Social Support: Support for Social Isolation/Other", 5},
			{"Support with Memory & Cognition", 3},
		}
	}
	return []weight{
		{"Physical Support: Personal care support", 55}, {"Support with Memory & Cognition", 18},
		{"Physical Support: Access & mobility only", 10}, {"Mental Health Support", 5},
		{"Sensory Support: Support for hearing impairment", 3}, {"Sensory Support: Support for visual impairment", 4},
		{"Social Support: Support for Social Isolation/Other", 5},
	}
}

func accommodation(age int) []weight {
	ws := []weight{
		{"Owner occupier or shared ownership scheme", 40}, {"Tenant: Local authority or other social housing provider", 22},
		{"Tenant: Private landlord", 8}, {"Settled mainstream housing with family or friends", 10},
		{"Sheltered housing, extra care housing or other sheltered housing", 6}, {"Registered care home", 6},
		{"Registered nursing home", 3}, {"Unknown", 5},
	}
	if age < 65 {
		ws = append(ws, weight{"Supported accommodation, supported lodgings or supported group home", 15}, weight{"Shared Lives scheme", 3})
	}
	return ws
}

// ethnicities follow England's Census 2021 proportions, roughly.
var ethnicities = []weight{
	{"White: English, Welsh, Scottish, Northern Irish or British", 740}, {"White: Irish", 9}, {"White: Gypsy or Irish Traveller", 1},
	{"White: Roma", 2}, {"White: Any other White background", 62}, {"Mixed or multiple ethnic groups: White and Black Caribbean", 9},
	{"Mixed or multiple ethnic groups: White and Black African", 5}, {"Mixed or multiple ethnic groups: White and Asian", 8},
	{"Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background", 7}, {"Asian or Asian British: Indian", 33},
	{"Asian or Asian British: Pakistani", 27}, {"Asian or Asian British: Bangladeshi", 11}, {"Asian or Asian British: Chinese", 7},
	{"Asian or Asian British: Any other Asian background", 16}, {"Black, Black British, Caribbean or African: African", 25},
	{"Black, Black British, Caribbean or African: Caribbean", 11},
	{"Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background", 5},
	{"Other ethnic group: Arab", 6}, {"Other ethnic group: Any other ethnic group", 16}, {"No data: Refused", 10},
	{"No data: Undeclared or not known", 20},
}

var religions = []weight{
	{"No religion", 37}, {"Christian", 46}, {"Muslim", 7}, {"Hindu", 2}, {"Sikh", 1}, {"Jewish", 1}, {"Buddhist", 1},
	{"Any other religion", 1}, {"Prefer not to say", 6},
}

var (
	femaleNames = []string{"Margaret", "Patricia", "Joan", "Doreen", "Irene", "Eileen", "Sheila", "Jean", "Brenda", "Maureen",
		"Sarah", "Emma", "Aisha", "Fatima", "Priya", "Grace", "Chloe", "Zainab", "Olivia", "Amelia", "Kiran", "Niamh", "Agnieszka", "Chiamaka"}
	maleNames = []string{"John", "David", "Peter", "Michael", "Brian", "Kenneth", "Derek", "Alan", "Roy", "Raymond",
		"James", "Daniel", "Mohammed", "Ravi", "Tomasz", "Kwame", "Liam", "Oliver", "Harry", "Imran", "Sean", "Arjun", "Wei", "Jamal"}
	// familyNames are single family names; familyName joins two of them now and then, as some people's are.
	familyNames = []string{"Ashdown", "Brackley", "Copperfield", "Dunmore", "Ellery", "Fairweather", "Greenhalgh", "Hartwell",
		"Ingleby", "Jessop", "Kettering", "Lockwood", "Marchbank", "Netherby", "Oakhurst", "Pennington", "Quarrie", "Redfern",
		"Saltmarsh", "Thistlewood", "Underhill", "Varley", "Whitlock", "Yardley", "Ahmed", "Begum", "Okafor", "Kowalczyk",
		"Singh", "Nguyen", "O'Rourke", "McAllister", "Patel", "Khan", "Hussain", "Chowdhury", "Mensah", "Adeyemi", "Osei",
		"Nowak", "Popescu", "Kaur", "Gill", "Sandhu", "Chen", "Wong", "Murphy", "Byrne", "Kelly", "MacLeod", "Fraser",
		"Evans", "Pritchard", "Llewellyn", "Trelawney", "Penhaligon", "Abbott", "Barraclough", "Cartwright", "Dobson",
		"Entwistle", "Fothergill", "Gledhill", "Haworth", "Illingworth", "Jagger", "Kershaw", "Lumb", "Metcalfe", "Nuttall",
		"Ormerod", "Pickles", "Ramsbottom", "Sutcliffe", "Tattersall", "Uttley", "Walmsley", "Ackroyd", "Bairstow", "Crabtree",
		"Dewhurst", "Eccles", "Fielding", "Greenwood", "Hargreaves", "Holroyd", "Ibbotson", "Jowett", "Kitching", "Lister",
		"Mallinson", "Naylor", "Oldroyd", "Priestley", "Rushworth", "Shackleton", "Thwaite", "Varey", "Whiteley", "Yeadon"}
	streets   = []string{"Example Street", "Sample Road", "Placeholder Lane", "Specimen Avenue", "Fictional Close", "Demo Crescent", "Testing Way", "Mock Terrace"}
	languages = []string{"Polish", "Urdu", "Punjabi", "Bengali", "Romanian", "Gujarati", "British Sign Language", "Arabic"}
)
