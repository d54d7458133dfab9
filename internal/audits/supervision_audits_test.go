package audits_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// TestSupervisionRound: supervision records sampled into a round run with the supervision audit tool, each given to
// a quality lead who neither held nor had the session, with its checks worked out from the record; the auditor
// reads the personal sections through the audit and the people discussed are logged as a supervision audit; the
// supervisor reflects; nobody else, and no other council, reads it.
func TestSupervisionRound(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		sup := supervision.NewStore(db)
		s := audits.NewStore(db)
		manager := peopletest.As(a.Staff[councils.TeamManager])
		quality := peopletest.As(a.Staff[councils.QualityLead])
		practitioner := a.Staff[councils.Practitioner]
		today := dbtest.Date("2025-03-03")

		earlier, err := sup.Record(manager, supervision.Session{SuperviseeID: practitioner.ID, HeldOn: dbtest.Date("2025-01-20"),
			Kind: supervision.OneToOne, WentWell: "A first visit that went at Ada's pace",
			Actions: []supervision.Action{{What: "Read the capacity guidance", Owner: "Priya", DueOn: dbtest.Date("2025-02-10")}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		held, err := sup.Record(manager, supervision.Session{SuperviseeID: practitioner.ID, HeldOn: dbtest.Date("2025-02-24"),
			Kind: supervision.OneToOne, WentWell: "Ada's plan reads as hers", Wellbeing: "Tired after the winter",
			Cases: []supervision.Case{{PersonID: w.Person.ID, Discussion: "Whether reablement is still needed"}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tools, err := s.Tools(quality)
		if err != nil {
			t.Fatal(err)
		}
		var tool audits.Tool
		for _, x := range tools {
			if x.Kind == audits.Supervision {
				tool = x
			}
		}
		round := audits.NewRound{Name: "Supervision audit, spring", ToolID: tool.ID, StartsOn: today, EndsOn: dbtest.Date("2025-03-14"),
			SharePercent: 100, Seed: 9, ModerationPercent: 0}

		t.Run("a supervision round is spread at random or across supervisors alone", func(t *testing.T) {
			bad := round
			bad.Stratify = audits.ByResult
			_, _, err := s.CreateRound(quality, bad)
			problemOn(t, err, "stratify")
		})
		r, n, err := s.CreateRound(quality, round)
		if err != nil || n != 2 {
			t.Fatalf("round sampled %d, %v; want both sessions", n, err)
		}
		page, err := s.Round(quality, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var audit audits.Audit
		for _, au := range page.Audits {
			if !au.OfSupervision() || au.PersonID != "" || au.AuditorID != a.Staff[councils.QualityLead].ID || au.WorkerID != a.Staff[councils.TeamManager].ID {
				t.Errorf("audit %+v: want a supervision audit for the quality lead, of the manager's supervision", au)
			}
			if au.SupervisionID == held.ID {
				audit = au
			}
		}
		if audit.ID == "" || !slices.ContainsFunc(page.Audits, func(au audits.Audit) bool { return au.SupervisionID == earlier.ID }) {
			t.Fatalf("audits %+v; want one of each session", page.Audits)
		}
		if !strings.Contains(audit.Subject(), "Supervision of "+practitioner.Name) {
			t.Errorf("subject %q", audit.Subject())
		}

		t.Run("the checks come from the session's record", func(t *testing.T) {
			checks, err := s.Checks(quality, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			got := map[audits.CheckKey]audits.Result{}
			for _, f := range checks[audit.ID] {
				got[f.Check] = f.Result
			}
			want := map[audits.CheckKey]audits.Result{audits.CheckWentWell: audits.Figures, audits.CheckDecisions: audits.NotMet,
				audits.CheckFollowedUp: audits.NotMet, audits.CheckReflection: audits.NotMet, audits.CheckWellbeing: audits.Met}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: %s, want %s", k, got[k], v)
				}
			}
			if len(got) != len(want) {
				t.Errorf("checks %v", got)
			}
		})
		t.Run("the auditor reads the personal sections, and the people discussed are logged as a supervision audit", func(t *testing.T) {
			p, err := s.Audit(quality, audit.ID)
			if err != nil {
				t.Fatal(err)
			}
			if p.Session.Wellbeing != "Tired after the winter" || len(p.Session.Cases) != 1 || p.Session.Cases[0].PersonName == "" {
				t.Errorf("session %+v", p.Session)
			}
			log := peopletest.Log(t, db, a.Council.ID, w.Person.ID)
			if last := log[len(log)-1]; last.StaffID != a.Staff[councils.QualityLead].ID || last.Reason != audits.SupervisionAudit {
				t.Errorf("logged %+v", last)
			}
		})
		t.Run("the supervisor reads it; the supervisee, other staff and other councils do not", func(t *testing.T) {
			if p, err := s.Audit(manager, audit.ID); err != nil || p.Session.Wellbeing == "" || !p.Reflecting {
				t.Errorf("the supervisor: %+v, %v", p.Session, err)
			}
			for name, ctx := range map[string]councils.Staff{"the supervisee": practitioner, "another practitioner": a.SouthWorker,
				"another council's quality lead": b.Staff[councils.QualityLead]} {
				if _, err := s.Audit(peopletest.As(ctx), audit.ID); !errors.Is(err, sqldb.ErrNotFound) && !errors.Is(err, sqldb.ErrForbidden) {
					t.Errorf("%s read it: %v", name, err)
				}
			}
		})
		t.Run("graded, reflected on, and counted in the findings with the supervision checks", func(t *testing.T) {
			got, err := s.Grade(quality, audit.ID, allGraded(tool), audit.Version)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Reflect(manager, audit.ID, audits.Reflection{Text: "Record a decision for every case"}, got.Version); err != nil {
				t.Fatal(err)
			}
			f, err := s.Findings(quality, r.ID)
			if err != nil || f.Completed != 1 {
				t.Fatalf("findings %+v, %v", f, err)
			}
			for _, c := range f.Checks {
				if c.Check == audits.CheckDecisions && (c.NotMet != 1 || c.Of != 1) {
					t.Errorf("decisions rate %+v", c)
				}
			}
			if len(f.Checks) != len(audits.SupervisionChecks())-1 { // what went well is figures, not counted
				t.Errorf("checks counted %+v; want the supervision checks", f.Checks)
			}
		})
	})
}
