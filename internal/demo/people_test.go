package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// TestNHSNumbersAreOnePerPerson: every person the demo can make has their own valid NHS number in the 999 test
// range. Two people once shared 999 000 0948, because stepping on past a number the check digit rules out landed on
// the next person's.
func TestNHSNumbersAreOnePerPerson(t *testing.T) {
	t.Parallel()
	seen := make(map[string]int, MaxPeople)
	for n := range MaxPeople {
		nhs := nhsNumber(n)
		if first, ok := seen[nhs]; ok {
			t.Fatalf("people %d and %d share NHS number %s", first, n, nhs)
		}
		seen[nhs] = n
		if n%997 == 0 { // the check is slow enough to sample
			if err := people.ValidNHSNumber(nhs); err != nil || !strings.HasPrefix(nhs, "999") {
				t.Fatalf("person %d: NHS number %s: %v", n, nhs, err)
			}
		}
	}
	for _, n := range []int{84, 85, 86, 87} { // around the pair that once collided
		if err := people.ValidNHSNumber(nhsNumber(n)); err != nil {
			t.Errorf("person %d: %s: %v", n, nhsNumber(n), err)
		}
	}
	if err := AddPeople(context.Background(), nil, nil, nil, Options{People: MaxPeople + 1}); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("more people than NHS numbers: %v", err)
	}
}

// TestFamilyNamesAreSpread: no family name fills a search. A search for "Okafor" once found one person in 32, all
// "Okafor-Dale", because a quarter of the names were fixed double-barrelled ones.
func TestFamilyNamesAreSpread(t *testing.T) {
	t.Parallel()
	const n = 3000
	rng := rand.New(rand.NewPCG(1, 2))
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	teams := []councils.Team{{ID: "t"}}
	names, parts := map[string]int{}, map[string]int{}
	double := 0
	for i := range n {
		p := Person(rng, i, today, teams)
		names[p.FamilyName]++
		for part := range strings.SplitSeq(p.FamilyName, "-") {
			parts[part]++ // what a search for the part finds
		}
		if strings.Contains(p.FamilyName, "-") {
			double++
		}
	}
	most := func(m map[string]int) (string, int) {
		name, count := "", 0
		for k, v := range m {
			if v > count || (v == count && k < name) {
				name, count = k, v
			}
		}
		return name, count
	}
	if name, count := most(names); float64(count)/n > 0.02 {
		t.Errorf("%q is the family name of %d people in %d (%.1f%%), more than 2%%", name, count, n, 100*float64(count)/n)
	}
	if part, count := most(parts); float64(count)/n > 0.025 {
		t.Errorf("a search for %q finds %d people in %d (%.1f%%), more than 2.5%%", part, count, n, 100*float64(count)/n)
	}
	if share := float64(double) / n; share < 0.01 || share > 0.06 {
		t.Errorf("%.1f%% of family names are double-barrelled, want between 1%% and 6%%", 100*share)
	}
	if len(names) < 150 {
		t.Errorf("only %d family names among %d people", len(names), n)
	}
}

// callers are the openings that name who got in touch, by who it was.
var callers = []struct {
	prefix string
	by     conversations.ContactBy
}{
	{"Their ", conversations.ByFamily}, {"A neighbour", conversations.ByFamily}, {"A friend", conversations.ByFamily},
	{"A niece", conversations.ByFamily}, {"Daughter", conversations.ByFamily}, {"Son ", conversations.ByFamily},
	{"Neighbour", conversations.ByFamily}, {"GP ", conversations.ByProfessional}, {"Ward ", conversations.ByProfessional},
	{"District nurse", conversations.ByProfessional}, {"Housing officer", conversations.ByProfessional},
	{"Paramedics", conversations.ByProfessional}, {"Discharge team", conversations.ByProfessional},
	{"Reablement team", conversations.ByProfessional}, {"Urgent community response team", conversations.ByProfessional},
	{"Prison healthcare", conversations.ByProfessional}, {"Community centre staff", conversations.ByOther},
}

// contradiction says how a contact's words contradict who made it, or "" when they do not.
func contradiction(by conversations.ContactBy, name, reason string) string {
	for _, c := range callers {
		if strings.HasPrefix(reason, c.prefix) && c.by != by {
			return "the words are " + string(c.by) + "'s"
		}
	}
	if by == conversations.ByFamily && strings.HasPrefix(reason, "Their ") {
		rel := strings.Fields(reason)[1]
		if !strings.HasSuffix(name, ", "+rel) {
			return "the words are their " + rel + "'s, but " + name + " got in touch"
		}
	}
	if by != conversations.BySelf && name == "" {
		return "no one is named"
	}
	return ""
}

func TestContradiction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		by           conversations.ContactBy
		name, reason string
		contradicts  bool
	}{
		{conversations.BySelf, "", "Daughter worried Mum is not eating properly since Dad died", true},
		{conversations.BySelf, "", "Asking about help with shopping and getting out", false},
		{conversations.ByFamily, "Joan Ashdown, daughter", "Their daughter is asking about help with shopping and getting out", false},
		{conversations.ByFamily, "Joan Ashdown, sister", "Their daughter is asking about help with shopping and getting out", true},
		{conversations.ByProfessional, "Sampleford Health Centre", "GP asked us to see whether some support at home would help", false},
		{conversations.ByFamily, "A neighbour", "GP asked us to see whether some support at home would help", true},
		{conversations.ByOther, "", "Community centre staff concerned they have stopped coming", true},
	}
	for _, tt := range tests {
		if got := contradiction(tt.by, tt.name, tt.reason) != ""; got != tt.contradicts {
			t.Errorf("contradiction(%s, %q, %q) = %v, want %v", tt.by, tt.name, tt.reason, got, tt.contradicts)
		}
	}
}

// TestContactWordsFollowWhoGotInTouch: the generator's contacts, for every route and every kind of caller, and
// those of a loaded demo history, never say someone else got in touch, and each says how it came in.
func TestContactWordsFollowWhoGotInTouch(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	routes := codelists.RouteOfAccess.Values()
	withFamily := people.Person{ClientType: "Service user", Network: []people.NetworkMember{{Name: "Joan Ashdown", Relationship: "Spouse or partner"}}}
	alone := people.Person{ClientType: "Unpaid carer"}
	bys := map[conversations.ContactBy]bool{}
	for i := range 4000 {
		p := withFamily
		if i%2 == 1 {
			p = alone
		}
		route := routes[i%len(routes)]
		c := newFirstContact(rng, route, p)
		bys[c.by] = true
		if why := contradiction(c.by, c.name, c.reason); why != "" {
			t.Fatalf("route %q, contact by %s (%q): %q: %s", route, c.by, c.name, c.reason, why)
		}
		if !slices.Contains(codelists.ContactChannels(), c.channel) {
			t.Fatalf("route %q: channel %q", route, c.channel)
		}
	}
	if len(bys) != len(conversations.ContactBys()) {
		t.Errorf("contacts came from %v only", bys)
	}

	eachSharedHistory(t, func(t *testing.T, db *sqldb.DB, ctx context.Context) {
		rows := texts(t, ctx, db, `SELECT contact_by || '|' || contact_name || '|' || reason || '|' || channel FROM contact
			WHERE council_id = $1 AND kind = 'contact'`)
		if len(rows) < historyPeople/2 {
			t.Fatalf("only %d contacts", len(rows))
		}
		for _, r := range rows {
			f := strings.Split(r, "|")
			if why := contradiction(conversations.ContactBy(f[0]), f[1], f[2]); why != "" {
				t.Errorf("contact by %s (%q): %q: %s", f[0], f[1], f[2], why)
			}
			if !slices.Contains(codelists.ContactChannels(), f[3]) {
				t.Errorf("contact %q came in by %q", f[2], f[3])
			}
		}
		// The chronology says how each came in.
		events := texts(t, ctx, db, `SELECT summary FROM person_event WHERE council_id = $1 AND kind = 'contact' AND summary NOT LIKE 'Check-in%' AND summary NOT LIKE 'Triaged%'`)
		for _, e := range events {
			if strings.HasPrefix(e, "Contact from") {
				t.Errorf("chronology %q does not say how the contact came in", e)
				break
			}
		}
	})
}
