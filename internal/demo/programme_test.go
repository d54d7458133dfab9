package demo

import (
	"context"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council is mid-programme: discover and dream done, design under way, deliver not started; seed 001's
// nine milestones with some done and some green, amber and red (each amber and red with its reason); about ten
// actions, some overdue; eight risks whose reviews give rising, steady, falling and new trends; and decisions
// waiting for the board. The history is spread over the past months, so "what changed since" has something to say.
func TestLoadHasAProgrammeMidWay(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		as := signedInAs(t, ctx, db, func(st councils.Staff) bool { return st.Role == councils.QualityLead })
		s := programme.NewStore(db)
		today := db.Today()
		phases, err := s.Phases(as)
		if err != nil || len(phases) != 4 {
			t.Fatalf("phases %+v, %v", phases, err)
		}
		want := []programme.PhaseStatus{programme.PhaseDone, programme.PhaseDone, programme.PhaseUnderWay, programme.PhaseNotStarted}
		for i, ph := range phases {
			if ph.Status != want[i] || ph.Late(today) {
				t.Errorf("%s phase: %s, late %v", ph.Phase, ph.Status, ph.Late(today))
			}
		}
		ms, err := s.Milestones(as)
		if err != nil || len(ms) != 9 {
			t.Fatalf("%d milestones, %v", len(ms), err)
		}
		rags := map[programme.RAG]int{}
		done := 0
		for _, m := range ms {
			rags[m.RAG]++
			if m.Status == programme.MilestoneDone {
				done++
			}
			if m.RAG.NeedsReason() && m.RAGReason == "" {
				t.Errorf("%q is %s with no reason", m.Title, m.RAG)
			}
		}
		if done < 2 || rags[programme.Green] == 0 || rags[programme.Amber] == 0 || rags[programme.Red] == 0 {
			t.Errorf("milestones: %d done, %v", done, rags)
		}
		lastMonth, err := s.MilestoneChanges(as, db.Now().Add(-30*24*time.Hour))
		if err != nil || len(lastMonth) == 0 || len(lastMonth) >= 9+len(demoMilestones) {
			t.Errorf("changes in the last month: %d, %v", len(lastMonth), err)
		}
		actions, err := s.Actions(as)
		if err != nil || len(actions) < 8 {
			t.Fatalf("%d actions, %v", len(actions), err)
		}
		overdue := 0
		for _, a := range actions {
			if a.Overdue(today) {
				overdue++
			}
		}
		if overdue == 0 || overdue == len(actions) {
			t.Errorf("%d of %d actions overdue", overdue, len(actions))
		}
		risks, err := s.Risks(as)
		if err != nil || len(risks) != 8 {
			t.Fatalf("%d risks, %v", len(risks), err)
		}
		trends := map[programme.Trend]int{}
		for _, r := range risks {
			trends[r.Trend()]++
		}
		for _, tr := range []programme.Trend{programme.TrendRising, programme.TrendSteady, programme.TrendFalling, programme.TrendNew} {
			if trends[tr] == 0 {
				t.Errorf("no risk is %s: %v", tr, trends)
			}
		}
		ds, err := s.Decisions(as)
		if err != nil {
			t.Fatal(err)
		}
		needed := 0
		for _, x := range ds {
			if x.Needed() {
				needed++
			}
		}
		if needed < 2 {
			t.Errorf("%d decisions needed", needed)
		}
	})
}
