package audits

import (
	"fmt"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// team makes n candidates in a team, worked by the workers in turn, half of them ended.
func team(id string, n int, workers ...string) []Candidate {
	out := make([]Candidate, n)
	for i := range out {
		out[i] = Candidate{PersonID: fmt.Sprintf("p-%s-%03d", id, i), EpisodeID: fmt.Sprintf("e-%s-%03d", id, i), TeamID: id,
			WorkerID: workers[i%len(workers)], Step: 1 + i%4, Safeguarding: i%5 == 0}
		if i%2 == 1 {
			out[i].Result = "Ongoing Low Level Support"
		}
	}
	return out
}

func episodes(cs []Candidate) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.EpisodeID
	}
	slices.Sort(out)
	return out
}

func countBy(cs []Candidate, key func(Candidate) string) map[string]int {
	out := map[string]int{}
	for _, c := range cs {
		out[key(c)]++
	}
	return out
}

func TestSample(t *testing.T) {
	t.Parallel()
	north := team("north", 40, "w1", "w2", "w3", "w4")
	south := team("south", 9, "w5")
	all := append(slices.Clone(north), south...)
	starts := dbtest.Date("2026-04-13")
	recently := north[0]
	recently.LastAudited = dbtest.Date("2025-11-03")
	long := north[1]
	long.LastAudited = dbtest.Date("2024-11-04")
	withAudits := append([]Candidate{recently, long}, all[2:]...)

	tests := []struct {
		name       string
		candidates []Candidate
		rule       Rule
		want       func(t *testing.T, got []Candidate)
	}{
		{"a number a team, or all a small team has", all, Rule{PerTeam: 10, Seed: 7}, func(t *testing.T, got []Candidate) {
			if n := countBy(got, func(c Candidate) string { return c.TeamID }); n["north"] != 10 || n["south"] != 9 {
				t.Errorf("sampled %v, want 10 north and all 9 south", n)
			}
		}},
		{"a share a team, rounded up", all, Rule{SharePercent: 5, Seed: 7}, func(t *testing.T, got []Candidate) {
			if n := countBy(got, func(c Candidate) string { return c.TeamID }); n["north"] != 2 || n["south"] != 1 {
				t.Errorf("sampled %v, want 2 north (5%% of 40) and 1 south (5%% of 9, rounded up)", n)
			}
		}},
		{"spread across practitioners in proportion", north, Rule{PerTeam: 8, Stratify: ByWorker, Seed: 3}, func(t *testing.T, got []Candidate) {
			n := countBy(got, func(c Candidate) string { return c.WorkerID })
			for _, w := range []string{"w1", "w2", "w3", "w4"} {
				if n[w] != 2 {
					t.Errorf("sampled %v, want 2 of each practitioner's 10", n)
				}
			}
		}},
		{"spread across results", north, Rule{PerTeam: 6, Stratify: ByResult, Seed: 3}, func(t *testing.T, got []Candidate) {
			if n := countBy(got, func(c Candidate) string { return c.Result }); n[""] != 3 || n["Ongoing Low Level Support"] != 3 {
				t.Errorf("sampled %v, want 3 open and 3 ended", n)
			}
		}},
		{"spread between people with and without an enquiry", north, Rule{PerTeam: 10, Stratify: BySafeguarding, Seed: 3}, func(t *testing.T, got []Candidate) {
			if n := countBy(got, func(c Candidate) string { return fmt.Sprint(c.Safeguarding) }); n["true"] != 2 || n["false"] != 8 {
				t.Errorf("sampled %v, want 2 with an enquiry (8 of 40) and 8 without", n)
			}
		}},
		{"spread across the step reached", north, Rule{PerTeam: 4, Stratify: ByStep, Seed: 3}, func(t *testing.T, got []Candidate) {
			if n := countBy(got, func(c Candidate) string { return fmt.Sprint(c.Step) }); len(n) != 4 {
				t.Errorf("sampled %v, want one of each step", n)
			}
		}},
		{"episodes audited in the months left out are not sampled again", withAudits, Rule{PerTeam: 40, ExcludeMonths: 6, StartsOn: starts, Seed: 1}, func(t *testing.T, got []Candidate) {
			ids := episodes(got)
			if slices.Contains(ids, recently.EpisodeID) || !slices.Contains(ids, long.EpisodeID) || len(ids) != 39+9 {
				t.Errorf("sampled %d; want all but the one audited five months before", len(ids))
			}
		}},
		{"episodes with no team are not sampled", []Candidate{{EpisodeID: "e", PersonID: "p"}}, Rule{PerTeam: 5, Seed: 1}, func(t *testing.T, got []Candidate) {
			if len(got) != 0 {
				t.Errorf("sampled %v", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Sample(slices.Clone(tt.candidates), tt.rule)
			tt.want(t, got)
			// The same candidates in another order, with the same seed, give the same sample.
			reversed := slices.Clone(tt.candidates)
			slices.Reverse(reversed)
			if again := Sample(reversed, tt.rule); !slices.Equal(episodes(again), episodes(got)) {
				t.Errorf("the same seed sampled %v, then %v", episodes(got), episodes(again))
			}
		})
	}
	t.Run("another seed samples differently", func(t *testing.T) {
		t.Parallel()
		a, b := Sample(slices.Clone(north), Rule{PerTeam: 10, Seed: 1}), Sample(slices.Clone(north), Rule{PerTeam: 10, Seed: 2})
		if slices.Equal(episodes(a), episodes(b)) {
			t.Error("two seeds sampled the same ten of forty")
		}
	})
}

func TestAllocate(t *testing.T) {
	t.Parallel()
	sample := append(team("north", 6, "manager-north", "w2"), team("south", 4, "w5")...)
	// A supervision session the south manager held with the north manager: only the quality lead may audit it.
	sample = append(sample, Candidate{SupervisionID: "s-1", SuperviseeID: "manager-north", WorkerID: "manager-south", TeamID: "north"})
	auditors := []Auditor{{ID: "manager-north", TeamIDs: []string{"north"}}, {ID: "manager-south", TeamIDs: []string{"south"}}, {ID: "quality"}}
	tests := []struct {
		name       string
		notOwnTeam bool
		auditors   []Auditor
		wantErr    bool
	}{
		{"nobody audits their own case, nor supervision they held or had", false, auditors, false},
		{"nobody audits their own team's cases when the council says so", true, auditors, false},
		{"a sample nobody may audit is refused", true, auditors[:1], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Allocate(sample, tt.auditors, tt.notOwnTeam, 11)
			if tt.wantErr {
				if _, ok := err.(ErrNoAuditor); !ok {
					t.Fatalf("allocated %v, %v", got, err)
				}
				return
			}
			if err != nil || len(got) != len(sample) {
				t.Fatalf("allocated %d, %v", len(got), err)
			}
			load := map[string]int{}
			for _, a := range got {
				load[a.AuditorID]++
				if a.AuditorID == a.SuperviseeID {
					t.Errorf("%s audits their own supervision %s", a.AuditorID, a.Key())
				}
				if a.AuditorID == a.WorkerID {
					t.Errorf("%s audits their own case %s", a.AuditorID, a.EpisodeID)
				}
				for _, au := range tt.auditors {
					if tt.notOwnTeam && au.ID == a.AuditorID && slices.Contains(au.TeamIDs, a.TeamID) {
						t.Errorf("%s audits %s in their own team", a.AuditorID, a.EpisodeID)
					}
				}
			}
			for id, n := range load {
				if n < 2 || n > 5 {
					t.Errorf("allocations %v are not shared out: %s has %d", load, id, n)
				}
			}
			again, _ := Allocate(sample, tt.auditors, tt.notOwnTeam, 11)
			if !slices.Equal(got, again) {
				t.Error("the same seed allocated differently")
			}
		})
	}
}

// TestAllocateSupervision: a supervision session goes to neither the supervisor who held it nor its supervisee.
func TestAllocateSupervision(t *testing.T) {
	t.Parallel()
	session := Candidate{SupervisionID: "s-1", SuperviseeID: "manager-north", WorkerID: "manager-south", TeamID: "north"}
	for _, tt := range []struct {
		name     string
		auditors []Auditor
		want     string // "" when nobody may
	}{
		{"not its supervisee", []Auditor{{ID: "manager-north"}}, ""},
		{"not its supervisor", []Auditor{{ID: "manager-south"}}, ""},
		{"a quality lead who was neither", []Auditor{{ID: "manager-north"}, {ID: "manager-south"}, {ID: "quality"}}, "quality"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate([]Candidate{session}, tt.auditors, false, 3)
			if tt.want == "" {
				if _, ok := err.(ErrNoAuditor); !ok {
					t.Fatalf("allocated %v, %v", got, err)
				}
				return
			}
			if err != nil || got[0].AuditorID != tt.want {
				t.Fatalf("allocated %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

// TestAuditable: supervision that no quality lead may audit (they held it or had it) is left out of the sample.
func TestAuditable(t *testing.T) {
	t.Parallel()
	cs := []Candidate{
		{SupervisionID: "held-by-the-lead", SuperviseeID: "manager", WorkerID: "lead", TeamID: "north"},
		{SupervisionID: "had-by-the-lead", SuperviseeID: "lead", WorkerID: "director", TeamID: "north"},
		{SupervisionID: "the-managers", SuperviseeID: "worker", WorkerID: "manager", TeamID: "north"},
	}
	for _, tt := range []struct {
		name       string
		auditors   []Auditor
		notOwnTeam bool
		want       []string
	}{
		{"one quality lead audits all but their own", []Auditor{{ID: "lead", TeamIDs: []string{"north"}}}, false, []string{"the-managers"}},
		{"nor their own team's, when the council says so", []Auditor{{ID: "lead", TeamIDs: []string{"north"}}}, true, nil},
		{"a second quality lead audits the first's", []Auditor{{ID: "lead"}, {ID: "second"}}, false, []string{"held-by-the-lead", "had-by-the-lead", "the-managers"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Auditable(cs, tt.auditors, tt.notOwnTeam) {
				got = append(got, c.Key())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("auditable %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRuleQuota(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		rule    Rule
		n, want int
	}{{Rule{PerTeam: 5}, 3, 3}, {Rule{PerTeam: 5}, 30, 5}, {Rule{SharePercent: 10}, 30, 3}, {Rule{SharePercent: 10}, 31, 4}, {Rule{SharePercent: 100}, 7, 7}} {
		if got := tt.rule.quota(tt.n); got != tt.want {
			t.Errorf("%+v of %d = %d, want %d", tt.rule, tt.n, got, tt.want)
		}
	}
}
