package audits

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Stratum names what a team's sample is spread across, so that a round audits the range of a team's work rather than
// whatever chance gives.
type Stratum string

// The ways a sample can be spread within a team.
const (
	Random         Stratum = ""
	ByWorker       Stratum = "worker"
	ByResult       Stratum = "result"
	ByStep         Stratum = "step"
	BySafeguarding Stratum = "safeguarding"
)

// Strata lists the ways, in the order the form offers them.
func Strata() []Stratum { return []Stratum{Random, ByWorker, ByResult, ByStep, BySafeguarding} }

// Label is the way as the form offers it.
func (s Stratum) Label() string {
	switch s {
	case ByWorker:
		return "Spread across each team's practitioners"
	case ByResult:
		return "Spread across how episodes ended (and those still open)"
	case ByStep:
		return "Spread across the step each episode reached"
	case BySafeguarding:
		return "Spread between people with and without a safeguarding enquiry"
	}
	return "At random within each team"
}

// NewSeed draws a round's sampling number when the quality lead gives none: from 1 to 999999, short enough to write
// down, so that the same sample can be drawn again from the same record.
func NewSeed() int64 { return 1 + rand.Int64N(999999) }

// Candidate is an episode a round may sample, or a supervision session a round run with a supervision tool may,
// with what sampling and allocation need to know of it.
type Candidate struct {
	PersonID, EpisodeID string // "" for a supervision session
	SupervisionID       string // "" for an episode
	SuperviseeID        string // a supervision session's supervisee, who never audits it
	TeamID, WorkerID    string // for a supervision session, the supervisee's team and the supervisor
	Result              string // how the episode ended; "" while open
	Step                int    // the furthest step of the four its conversations reached
	Safeguarding        bool   // the person has had a safeguarding enquiry
	LastAudited         sqldb.Date
}

// Key is what a round samples: the episode, or the supervision session.
func (c Candidate) Key() string { return cmp.Or(c.EpisodeID, c.SupervisionID) }

func (c Candidate) stratum(s Stratum) string {
	switch s {
	case ByWorker:
		return c.WorkerID
	case ByResult:
		return c.Result
	case ByStep:
		return fmt.Sprint(c.Step)
	case BySafeguarding:
		return fmt.Sprint(c.Safeguarding)
	}
	return ""
}

// Rule is how a round draws its sample: a number of episodes a team or a share of each team's episodes, spread
// across a stratum, leaving out episodes audited in the ExcludeMonths before StartsOn, from the round's Seed.
type Rule struct {
	PerTeam       int
	SharePercent  int
	Stratify      Stratum
	ExcludeMonths int
	StartsOn      sqldb.Date
	Seed          int64
}

// quota is how many of a team's n candidates the rule samples.
func (r Rule) quota(n int) int {
	if r.PerTeam > 0 {
		return min(r.PerTeam, n)
	}
	return min(n, (n*r.SharePercent+99)/100)
}

// excludes says whether a candidate was audited too recently to be sampled again.
func (r Rule) excludes(c Candidate) bool {
	return r.ExcludeMonths > 0 && !c.LastAudited.IsZero() && !c.LastAudited.Before(r.StartsOn.AddDate(0, -r.ExcludeMonths, 0))
}

// Sample draws a round's sample from its candidates: for each team, the rule's quota spread across the stratum's
// groups in proportion to their sizes (largest remainders first), chosen at random within each group. The random
// choice comes from the rule's seed alone and candidates are taken in the order of their IDs, so the same candidates
// and the same seed always give the same sample, whoever runs it and whatever order the database returned.
func Sample(candidates []Candidate, r Rule) []Candidate {
	teams := map[string][]Candidate{}
	for _, c := range candidates {
		if c.TeamID != "" && !r.excludes(c) {
			teams[c.TeamID] = append(teams[c.TeamID], c)
		}
	}
	var out []Candidate
	for _, team := range sortedKeys(teams) {
		cs := teams[team]
		slices.SortFunc(cs, func(a, b Candidate) int { return cmp.Compare(a.Key(), b.Key()) })
		groups := map[string][]Candidate{}
		for _, c := range cs {
			groups[c.stratum(r.Stratify)] = append(groups[c.stratum(r.Stratify)], c)
		}
		rng := rand.New(rand.NewPCG(uint64(r.Seed), hash(team)))
		for _, g := range shares(groups, r.quota(len(cs))) {
			pool := groups[g.key]
			rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
			out = append(out, pool[:g.n]...)
		}
	}
	return out
}

type share struct {
	key string
	n   int
}

// shares divides a quota between groups in proportion to their sizes by largest remainders, ties going to the
// larger group and then to the group whose key sorts first.
func shares(groups map[string][]Candidate, quota int) []share {
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	keys := sortedKeys(groups)
	out := make([]share, len(keys))
	rem := make([]int, len(keys))
	given := 0
	for i, k := range keys {
		out[i] = share{key: k, n: quota * len(groups[k]) / total}
		rem[i] = quota * len(groups[k]) % total
		given += out[i].n
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(rem[b], rem[a]), cmp.Compare(len(groups[keys[b]]), len(groups[keys[a]])))
	})
	for _, i := range order[:quota-given] {
		out[i].n++
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// Auditor is a member of staff who may audit, with their teams.
type Auditor struct {
	ID      string
	Name    string
	TeamIDs []string
}

// may says whether the auditor may audit the candidate: not their own case, nor supervision they held or had, nor,
// when notOwnTeam, their own team's.
func (a Auditor) may(c Candidate, notOwnTeam bool) bool {
	return a.ID != c.WorkerID && a.ID != c.SuperviseeID && !(notOwnTeam && slices.Contains(a.TeamIDs, c.TeamID))
}

// Auditable keeps the candidates someone among the auditors may audit: for a supervision round, whose sessions only
// quality leads audit, the sessions the council's only quality lead held or had are left out rather than refused.
func Auditable(cs []Candidate, auditors []Auditor, notOwnTeam bool) []Candidate {
	return slices.DeleteFunc(slices.Clone(cs), func(c Candidate) bool {
		return !slices.ContainsFunc(auditors, func(a Auditor) bool { return a.may(c, notOwnTeam) })
	})
}

// Allocation is a sampled episode with who audits it.
type Allocation struct {
	Candidate
	AuditorID string
}

// ErrNoAuditor: nobody may audit a sampled episode (every auditor is its practitioner or, where the council says
// so, in its team).
type ErrNoAuditor struct{ TeamID string }

func (e ErrNoAuditor) Error() string {
	return "nobody may audit an episode of team " + e.TeamID + ": every auditor is its practitioner or in its team"
}

// Allocate gives each sampled episode an auditor: never its own practitioner (nor a supervision session's supervisor
// or supervisee) and, when notOwnTeam, nobody in its team; the auditor with fewest audits so far, ties broken in an order drawn from the seed, so that the work is
// shared evenly and the same round allocates the same way again.
func Allocate(sample []Candidate, auditors []Auditor, notOwnTeam bool, seed int64) ([]Allocation, error) {
	order := slices.Clone(auditors)
	slices.SortFunc(order, func(a, b Auditor) int { return cmp.Compare(a.ID, b.ID) })
	rng := rand.New(rand.NewPCG(uint64(seed), hash("allocate")))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	load := map[string]int{}
	out := make([]Allocation, 0, len(sample))
	for _, c := range sample {
		best := -1
		for i, a := range order {
			if !a.may(c, notOwnTeam) {
				continue
			}
			if best < 0 || load[a.ID] < load[order[best].ID] {
				best = i
			}
		}
		if best < 0 {
			return nil, ErrNoAuditor{TeamID: c.TeamID}
		}
		load[order[best].ID]++
		out = append(out, Allocation{Candidate: c, AuditorID: order[best].ID})
	}
	return out, nil
}

// Draw chooses n of the candidates at random from the seed, in the same way whatever order they come in: for a
// share of a round's completed audits to moderate.
func Draw(cs []Candidate, n int, seed int64) []Candidate {
	pool := slices.Clone(cs)
	slices.SortFunc(pool, func(a, b Candidate) int { return cmp.Compare(a.Key(), b.Key()) })
	rng := rand.New(rand.NewPCG(uint64(seed), hash("draw")))
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool[:min(n, len(pool))]
}
