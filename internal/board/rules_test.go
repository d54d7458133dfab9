package board_test

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// day is a date written YYYY-MM-DD.
var day = dbtest.Date

func TestPhaseNow(t *testing.T) {
	t.Parallel()
	phases := func(ss ...programme.PhaseStatus) []programme.PhasePlan {
		var out []programme.PhasePlan
		for i, s := range ss {
			out = append(out, programme.PhasePlan{Phase: programme.Phases[i], Status: s})
		}
		return out
	}
	const no, on, done = programme.PhaseNotStarted, programme.PhaseUnderWay, programme.PhaseDone
	cases := []struct {
		name   string
		phases []programme.PhasePlan
		want   programme.Phase
	}{
		{"none begun: the first", phases(no, no, no, no), programme.Discover},
		{"the first under way", phases(on, no, no, no), programme.Discover},
		{"design under way after two done", phases(done, done, on, no), programme.Design},
		{"two under way: the first of them", phases(done, on, on, no), programme.Dream},
		{"between phases: the next to begin", phases(done, done, no, no), programme.Design},
		{"all done: the last", phases(done, done, done, done), programme.Deliver},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := board.PhaseNow(c.phases); got == nil || got.Phase != c.want {
				t.Errorf("PhaseNow = %v, want %s", got, c.want)
			}
		})
	}
	if board.PhaseNow(nil) != nil {
		t.Errorf("a programme with no phases has a phase now")
	}
}

func TestTopRisksAreTheHighestOpenRisks(t *testing.T) {
	t.Parallel()
	risk := func(title string, l, i int, s programme.RiskStatus) programme.Risk {
		return programme.Risk{Title: title, Likelihood: l, Impact: i, Status: s}
	}
	risks := []programme.Risk{
		risk("b low", 1, 2, programme.RiskOpen),
		risk("closed, highest", 5, 5, programme.RiskClosed),
		risk("c twelve", 3, 4, programme.RiskOpen),
		risk("a twelve", 4, 3, programme.RiskOpen),
		risk("twenty", 4, 5, programme.RiskOpen),
	}
	cases := []struct {
		n    int
		want []string
	}{
		{5, []string{"twenty", "a twelve", "c twelve", "b low"}},
		{2, []string{"twenty", "a twelve"}},
		{0, nil},
	}
	for _, c := range cases {
		got := board.TopRisks(risks, c.n)
		var titles []string
		for _, r := range got {
			titles = append(titles, r.Title)
		}
		if len(titles) != len(c.want) {
			t.Fatalf("top %d: %v, want %v", c.n, titles, c.want)
		}
		for i := range titles {
			if titles[i] != c.want[i] {
				t.Errorf("top %d: %v, want %v", c.n, titles, c.want)
			}
		}
	}
}

func TestWhatChangedSinceTheLastReport(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, sqldb.London())
		if err != nil {
			panic(err)
		}
		return v.UTC()
	}
	issued := []board.Issued{
		{ID: "june", AsAt: day("2026-06-30"), IssuedAt: at("2026-07-02 09:00")},
		{ID: "may", AsAt: day("2026-05-31"), IssuedAt: at("2026-05-31 11:00")},
		{ID: "june-again", AsAt: day("2026-06-30"), IssuedAt: at("2026-07-03 09:00")},
	}
	last := []struct {
		asAt string
		want string
	}{
		{"2026-05-01", ""},
		{"2026-05-31", ""}, // looking again at May's report: nothing before it
		{"2026-06-15", "may"},
		{"2026-06-30", "may"},
		{"2026-07-31", "june-again"}, // the later of two as at the same day
	}
	for _, c := range last {
		got := board.LastBefore(issued, day(c.asAt))
		if (got == nil && c.want != "") || (got != nil && got.ID != c.want) {
			t.Errorf("LastBefore(%s) = %v, want %q", c.asAt, got, c.want)
		}
	}
	// Since: the end of the last report's day, or when it was issued if that was earlier.
	if got := board.Since(&issued[1]); !got.Equal(at("2026-05-31 11:00")) {
		t.Errorf("since May's report, issued on its day: %s", got)
	}
	if got := board.Since(&issued[0]); !got.Equal(board.EndOf(day("2026-06-30"))) {
		t.Errorf("since June's report, issued after its day: %s", got)
	}
	if !board.Since(nil).IsZero() {
		t.Errorf("since no report is not every change")
	}
	// A summer day ends at 23:59:59 BST, 22:59:59 UTC.
	if got := board.EndOf(day("2026-06-30")).UTC(); got.Hour() != 22 || got.Minute() != 59 {
		t.Errorf("EndOf a summer day: %s", got)
	}

	change := func(id, when string, to programme.RAG) programme.MilestoneChange {
		return programme.MilestoneChange{ID: id + when, MilestoneID: id, ChangedAt: at(when), ToStatus: programme.MilestoneInProgress, ToRAG: to, Reason: "because " + string(to)}
	}
	history := []programme.MilestoneChange{
		change("m1", "2026-05-01 10:00", programme.Green),
		change("m2", "2026-05-20 10:00", programme.Green),
		change("m1", "2026-06-10 10:00", programme.Amber),
		change("m1", "2026-07-05 10:00", programme.Red),
		change("m3", "2026-07-06 10:00", programme.Green),
	}
	between := []struct {
		since, asAt string
		want        int
	}{
		{"", "2026-07-31", 5},
		{"2026-05-31 11:00", "2026-06-30", 1},
		{"2026-05-31 11:00", "2026-07-31", 3},
		{"2026-07-05 10:00", "2026-07-31", 1}, // a change at the very moment of the last report was in it
	}
	for _, c := range between {
		var since time.Time
		if c.since != "" {
			since = at(c.since)
		}
		if got := board.Between(history, since, day(c.asAt)); len(got) != c.want {
			t.Errorf("Between(%s, %s): %d changes, want %d", c.since, c.asAt, len(got), c.want)
		}
	}
	ms := []programme.Milestone{{ID: "m1", RAG: programme.Red}, {ID: "m2", RAG: programme.Green}, {ID: "m3", RAG: programme.Green}}
	asAt := []struct {
		day  string
		want map[string]programme.RAG
	}{
		{"2026-04-30", map[string]programme.RAG{}},
		{"2026-05-31", map[string]programme.RAG{"m1": programme.Green, "m2": programme.Green}},
		{"2026-06-30", map[string]programme.RAG{"m1": programme.Amber, "m2": programme.Green}},
		{"2026-07-31", map[string]programme.RAG{"m1": programme.Red, "m2": programme.Green, "m3": programme.Green}},
	}
	for _, c := range asAt {
		got := board.AsAt(ms, history, day(c.day))
		if len(got) != len(c.want) {
			t.Errorf("as at %s: %d milestones, want %d", c.day, len(got), len(c.want))
			continue
		}
		for _, m := range got {
			if m.RAG != c.want[m.ID] || m.RAGReason != "because "+string(m.RAG) {
				t.Errorf("as at %s: %s is %s (%q), want %s", c.day, m.ID, m.RAG, m.RAGReason, c.want[m.ID])
			}
		}
	}
}
