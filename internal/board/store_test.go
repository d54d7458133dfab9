package board_test

import (
	"errors"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/board"
	"github.com/golden-thread/goldenthread/internal/board/boardtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestTheReportSaysWhatChangedSinceTheLastIssuedInsideTheWall(t *testing.T) {
	t.Parallel()
	var now time.Time
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
		a, b := peopletest.TwoCouncils(t, db)
		ps := programme.NewStore(db)
		s := board.NewStore(db, ps, kpis.NewStore(db))
		day1 := db.Today()
		fx := boardtest.Start(t, ps, a, day1)
		lead, partner := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.ProgrammeLead])
		if _, err := kpis.NewStore(db).Add(lead, kpis.KPI{Name: "More reviews on time", MeasureID: "reviews-on-time", Baseline: "2026-Q2",
			Target: 80, TargetOn: day("2027-06-30")}); err != nil {
			t.Fatal(err)
		}

		r, err := s.Report(peopletest.As(a.Staff[councils.TeamManager]), day1)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Started || r.Phase == nil || r.Phase.Phase != programme.Design || r.Last != nil || len(r.Changes) != 3 {
			t.Fatalf("the first report: started %v, phase %v, last %v, %d changes", r.Started, r.Phase, r.Last, len(r.Changes))
		}
		if r.RAGs[programme.Green] != 1 || r.RAGs[programme.Amber] != 1 || r.RAGs[programme.Red] != 1 || len(r.Milestones) != 3 {
			t.Errorf("RAGs %v of %d milestones", r.RAGs, len(r.Milestones))
		}
		if len(r.Risks) != 2 || r.Risks[0].ID != fx.TopRisk.ID || r.Risks[1].ID != fx.LowRisk.ID {
			t.Errorf("top risks %+v: want the open ones, highest first", r.Risks)
		}
		if len(r.Needed) != 1 || r.Needed[0].ID != fx.Needed.ID || len(r.KPIs) != 1 {
			t.Errorf("decisions needed %d, KPIs %d", len(r.Needed), len(r.KPIs))
		}
		for _, m := range r.Milestones {
			if m.ID == fx.Red.ID && !m.Overdue {
				t.Errorf("the red milestone, due 10 days ago, is not overdue")
			}
		}

		issued, err := s.Issue(partner, day1)
		if err != nil {
			t.Fatal(err)
		}
		// Ten days on, the amber milestone turns green.
		now = now.AddDate(0, 0, 10)
		day11 := db.Today()
		amber := fx.Amber
		amber.RAG, amber.RAGReason = programme.Green, ""
		if _, err := ps.UpdateMilestone(lead, amber); err != nil {
			t.Fatal(err)
		}
		r, err = s.Report(lead, day11)
		if err != nil {
			t.Fatal(err)
		}
		if r.Last == nil || r.Last.ID != issued.ID || r.Last.IssuedByName != a.Staff[councils.ProgrammeLead].Name {
			t.Fatalf("last report %+v, want the one issued", r.Last)
		}
		if len(r.Changes) != 1 || r.Changes[0].MilestoneID != fx.Amber.ID || r.Changes[0].FromRAG != programme.Amber || r.Changes[0].ToRAG != programme.Green {
			t.Errorf("changes since the last report: %+v", r.Changes)
		}
		if r.RAGs[programme.Green] != 2 || r.RAGs[programme.Amber] != 0 {
			t.Errorf("RAGs now %v", r.RAGs)
		}
		// The report as at the first day is as it was then.
		then, err := s.Report(lead, day1)
		if err != nil || then.RAGs[programme.Amber] != 1 || len(then.Changes) != 3 || then.Last != nil {
			t.Errorf("the report as at the first day: %v, %d changes, last %v, %v", then.RAGs, len(then.Changes), then.Last, err)
		}

		// Issuing as at a day to come, or before the last issued, is refused and records nothing.
		for _, d := range []sqldb.Date{sqldb.NewDate(day11.AddDate(0, 0, 1)), sqldb.NewDate(day1.AddDate(0, 0, -1))} {
			if _, err := s.Issue(lead, d); !isProblem(err, "as_at") {
				t.Errorf("issued as at %s: %v", d, err)
			}
		}
		if n := dbtest.Count(t, db, a.Council.ID, "board_report"); n != 1 {
			t.Errorf("%d reports issued, want 1", n)
		}

		// Roles: practitioners, finance and administrators read no report; team managers do not issue one.
		for _, role := range []councils.Role{councils.Practitioner, councils.Finance, councils.Administrator} {
			if _, err := s.Report(peopletest.As(a.Staff[role]), day11); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s reads the report: %v", role, err)
			}
		}
		if _, err := s.Issue(peopletest.As(a.Staff[councils.TeamManager]), day11); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager issues the report: %v", err)
		}

		// Council B has no programme and sees nothing of A's, nor A's issued reports; it cannot issue a report of no
		// programme, and once it has one, its own issue is its own.
		bLead := peopletest.As(b.Staff[councils.ProgrammeLead])
		rb, err := s.Report(bLead, day11)
		if err != nil || rb.Started || len(rb.Issued) != 0 || len(rb.Milestones) != 0 || len(rb.KPIs) != 0 {
			t.Errorf("council B's report: started %v, %d issued, %d milestones, %d KPIs, %v", rb.Started, len(rb.Issued), len(rb.Milestones), len(rb.KPIs), err)
		}
		if _, err := s.Issue(bLead, day11); !isProblem(err, "as_at") {
			t.Errorf("council B issued a report of no programme: %v", err)
		}
		boardtest.Start(t, ps, b, day11)
		if _, err := s.Issue(bLead, day11); err != nil {
			t.Fatal(err)
		}
		if n := dbtest.Count(t, db, a.Council.ID, "board_report"); n != 1 {
			t.Errorf("council B's issue reached council A: %d", n)
		}
	})
}

func isProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	return ok && len(ps) == 1 && ps[0].Field == field
}
