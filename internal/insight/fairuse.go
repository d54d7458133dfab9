package insight

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Fair use of resources (seeds/004, "Aims": resources used fairly "regardless of their race, age, disability,
// sexuality and any other protected characteristic"): for each group of a characteristic the Census counts, who
// the council supports and who reaches each rung of the ladder, the weekly spend per person, outcomes attained and
// waits, each beside the group's share of the council's adults. Every figure comes from the catalogue's own
// measures, read once more here and divided by person rather than by thing.

// The measures fair use reads its figures from.
const (
	fairSolutions = "solutions-by-rung" // who was supported, and on which rung
	fairSpend     = "weekly-spend"
	fairAttained  = "outcomes-attained"
	fairWait      = "wait-for-first-conversation"
)

// FairUse is how each group of a characteristic fares beside its share of the council's adults.
type FairUse struct {
	Period Period
	By     Cut
	Census int      // the Census year of the population, 0 when the council has not recorded it
	Rungs  []string // the ladder's rungs, least intrusive first, heading each group's Rungs
	Groups []FairGroup
}

// FairGroup is one group of the characteristic.
type FairGroup struct {
	Label string
	// Adults is the group's share of the council's adults, as shown: "12%", or "Not counted by the Census" for a
	// recorded value the Census has no group for, or "Not recorded" when the council has not recorded it.
	Adults    string
	Supported Reach   // people with a solution agreed in the period
	Rungs     []Reach // people reaching each rung, in the order of FairUse.Rungs
	// Spend is the weekly cost of council-funded services in place on the period's last day, per person
	// receiving them, as shown; TooFew when fewer than 6 people receive them.
	Spend    string
	Attained Figure // outcomes attained, the catalogue's measure for this group
	Wait     Figure // the wait for a first conversation, the catalogue's measure for this group
}

// Reach is how many of a group's people reached something, their share of everyone who did, and that share
// beside the group's share of adults.
type Reach struct {
	People disclosure.Figure
	Share  string // of everyone who did, as shown: "12%", or TooFew
	// Ratio is the share over the group's share of adults, as shown: "1.4" is 1.4 times its share; empty when either
	// is not known.
	Ratio  string
	TooFew bool
}

// FairUseCuts are the characteristics fair use divides by: those a council records its population by.
func FairUseCuts() []Cut {
	var out []Cut
	for _, pc := range PopulationCuts() {
		out = append(out, pc.Cut)
	}
	return out
}

// FairUse computes fair use for the period, divided by a characteristic of FairUseCuts, for the roles that read
// measures. It names no one.
func (s *Store) FairUse(ctx context.Context, p Period, by Cut) (FairUse, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.ReadsMeasures() {
		return FairUse{}, sqldb.ErrForbidden
	}
	if !slices.Contains(FairUseCuts(), by) {
		return FairUse{}, fmt.Errorf("fair use by %q: not a characteristic the Census counts", by)
	}
	var out FairUse
	ctx = withMemo(ctx) // its four measures read each person's fields once between them
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = fairUse(ctx, tx, p, by)
		return err
	})
	return out, err
}

// personSet is the people of each group who reached something: a group's key, then the people's IDs.
type personSet map[string]map[string]bool

func (ps personSet) add(group, id string) {
	if ps[group] == nil {
		ps[group] = map[string]bool{}
	}
	ps[group][id] = true
}

func (ps personSet) total() int {
	n := 0
	for _, ids := range ps {
		n += len(ids)
	}
	return n
}

func fairUse(ctx context.Context, tx *sqldb.Tx, p Period, by Cut) (FairUse, error) {
	out := FairUse{Period: p, By: by}
	pop, err := ReadPopulation(ctx, tx)
	if err != nil {
		return out, err
	}
	out.Census = pop.Census
	rungs := plans.AllRungs()
	for _, r := range rungs {
		out.Rungs = append(out.Rungs, r.Numbered())
	}

	// Each person is counted in the group they were in at the first fact that counts them.
	groupOf := map[string]string{}
	keyOf := func(f Fact) string {
		if g, ok := groupOf[f.PersonID]; ok {
			return g
		}
		g := by.key(f)
		groupOf[f.PersonID] = g
		return g
	}
	supported, reached := personSet{}, map[string]personSet{}
	solutions, _ := Find(fairSolutions)
	err = solutions.read(ctx, tx, p, by, func(f Fact) {
		if !p.Holds(f.On) {
			return
		}
		g := keyOf(f)
		supported.add(g, f.PersonID)
		if reached[f.Group] == nil {
			reached[f.Group] = personSet{}
		}
		reached[f.Group].add(g, f.PersonID)
	})
	if err != nil {
		return out, fmt.Errorf("fair use: %s: %w", solutions.Name, err)
	}
	spendBy, spenders := map[string]float64{}, personSet{}
	spend, _ := Find(fairSpend)
	err = spend.read(ctx, tx, p, by, func(f Fact) {
		g := keyOf(f)
		spendBy[g] += f.Value
		spenders.add(g, f.PersonID)
	})
	if err != nil {
		return out, fmt.Errorf("fair use: %s: %w", spend.Name, err)
	}
	shown := map[string]map[string]Figure{}
	for _, id := range []string{fairAttained, fairWait} {
		m, _ := Find(id)
		rows, _, err := Tallies(ctx, tx, m, p, by)
		if err != nil {
			return out, err
		}
		shown[id] = map[string]Figure{}
		for _, t := range rows {
			shown[id][t.Key] = m.Show(t)
		}
	}

	for _, g := range fairGroups(by, supported, spenders, shown) {
		fg := FairGroup{Label: g, Adults: "Not counted by the Census"}
		adults, known := pop.SharePercent(by, g)
		if known {
			fg.Adults = strconv.Itoa(int(adults+0.5)) + "%"
			if adults < 1 {
				// A group under 1% of adults, whose ratio is large beside a small share, says how small it is.
				fg.Adults = strconv.FormatFloat(adults, 'f', 1, 64) + "%"
			}
		} else if isCensusGroup(by, g) {
			fg.Adults = "Not recorded"
		}
		fg.Supported = reach(len(supported[g]), supported.total(), adults, known)
		for _, r := range out.Rungs {
			fg.Rungs = append(fg.Rungs, reach(len(reached[r][g]), reached[r].total(), adults, known))
		}
		fg.Spend = TooFew
		if n := len(spenders[g]); n >= disclosure.Threshold {
			fg.Spend = formatValue(spendBy[g]/float64(n), "£ a week")
		} else if n == 0 {
			fg.Spend = "None"
		}
		fg.Attained, fg.Wait = orNone(shown[fairAttained], g), orNone(shown[fairWait], g)
		out.Groups = append(out.Groups, fg)
	}
	return out, nil
}

// reach is n of a group's people out of all, beside the group's share of adults when known. The share is of the
// counts as shown (rounded to 5), so that the groups' shares never give away a count withheld beside them.
func reach(n, all int, adults float64, known bool) Reach {
	r := Reach{People: disclosure.Safe(n)}
	v, shown := r.People.Value()
	of, _ := disclosure.Safe(all).Value()
	switch {
	case n == 0:
		r.Share = "None"
	case !shown || of == 0:
		r.Share, r.TooFew = TooFew, true
	default:
		pc := 100 * float64(v) / float64(of)
		r.Share = strconv.Itoa(int(pc+0.5)) + "%"
		if known && adults > 0 {
			r.Ratio = strconv.FormatFloat(pc/adults, 'f', 1, 64)
		}
	}
	return r
}

func orNone(figures map[string]Figure, group string) Figure {
	if f, ok := figures[group]; ok {
		return f
	}
	return Figure{Key: group, Label: group, Text: "None"}
}

// isCensusGroup says whether group is one the council records its population by, for the characteristic.
func isCensusGroup(by Cut, group string) bool {
	for _, pc := range PopulationCuts() {
		if pc.Cut == by {
			return slices.Contains(pc.Groups, group)
		}
	}
	return false
}

// fairGroups are the groups fair use shows: every Census group, in the Census's order, then any other value the
// record holds (a gender of "Other", "Not recorded"), so that no group is hidden for being small.
func fairGroups(by Cut, supported, spenders personSet, shown map[string]map[string]Figure) []string {
	var census, others []string
	for _, pc := range PopulationCuts() {
		if pc.Cut == by {
			census = slices.Clone(pc.Groups)
		}
	}
	seen := func(g string) {
		if !slices.Contains(census, g) && !slices.Contains(others, g) {
			others = append(others, g)
		}
	}
	for _, ps := range []personSet{supported, spenders} {
		for g := range ps {
			seen(g)
		}
	}
	for _, fs := range shown {
		for g := range fs {
			seen(g)
		}
	}
	slices.SortFunc(others, strings.Compare)
	return append(census, others...)
}
