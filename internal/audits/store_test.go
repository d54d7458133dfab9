package audits_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func problemOn(t *testing.T, err error, field string) {
	t.Helper()
	ps, ok := validation.AsProblems(err)
	if !ok || !slices.ContainsFunc(ps, func(p validation.Problem) bool { return p.Field == field }) {
		t.Fatalf("got %v, want a problem on %s", err, field)
	}
}

// allGraded grades every question of a tool Good (or Yes), complete.
func allGraded(tool audits.Tool) audits.Grading {
	g := audits.Grading{Grades: map[string]audits.Answer{}, Complete: true, StrengthsFound: "Ada's words run through the plan",
		Learning: "Record why the network could not help", Actions: []audits.Action{{What: "Add the reason to the reablement solution", DueOn: dbtest.Date("2025-03-17")}}}
	for _, q := range tool.Questions() {
		g.Grades[q.Key] = audits.Answer{Grade: q.Scale.Grades()[1].Value, Evidence: "Seen in the record"}
	}
	return g
}

func TestAuditRoundFromSampleToFindings(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		first, second := planstest.New(t, db, a), planstest.New(t, db, a)
		planstest.New(t, db, b)
		cctx := sqldb.WithCouncil(context.Background(), a.Council.ID)
		southManager, err := councils.NewStore(db).CreateStaff(cctx, councils.NewStaff{Email: "manager.south@example.org", Name: "South Manager",
			Role: councils.TeamManager, TeamIDs: []string{a.South.ID}})
		if err != nil {
			t.Fatal(err)
		}
		s := audits.NewStore(db)
		quality := peopletest.As(a.Staff[councils.QualityLead])
		auditor := peopletest.As(southManager)
		worker := peopletest.As(a.Staff[councils.Practitioner])

		tools, err := s.Tools(quality)
		if err != nil || len(tools) != 2 {
			t.Fatalf("tools %v, %v; want the two defaults", tools, err)
		}
		if again, _ := s.Tools(quality); len(again) != 2 {
			t.Fatalf("asking again made %d tools", len(again))
		}
		caseFile := tools[0]
		if caseFile.Kind != audits.CaseFile {
			t.Fatalf("first tool is %s", caseFile.Kind)
		}
		round := audits.NewRound{Name: "Practice Fortnight, spring", ToolID: caseFile.ID, StartsOn: dbtest.Date("2025-03-03"),
			EndsOn: dbtest.Date("2025-03-14"), PerTeam: 5, Seed: 42, NotOwnTeam: true, ModerationPercent: 10}

		t.Run("a round with mistakes is refused and saves nothing", func(t *testing.T) {
			bad := round
			bad.Name, bad.PerTeam, bad.EndsOn = "", 0, dbtest.Date("2025-03-01")
			_, _, err := s.CreateRound(quality, bad)
			problemOn(t, err, "name")
			problemOn(t, err, "per_team")
			problemOn(t, err, "ends_on")
			if rs, _ := s.Rounds(quality); len(rs) != 0 {
				t.Fatalf("saved %d rounds", len(rs))
			}
		})
		t.Run("only the quality lead creates rounds", func(t *testing.T) {
			if _, _, err := s.CreateRound(auditor, round); !errors.Is(err, sqldb.ErrForbidden) {
				t.Fatalf("a team manager created a round: %v", err)
			}
		})

		r, sampled, err := s.CreateRound(quality, round)
		if err != nil || sampled != 2 {
			t.Fatalf("round sampled %d, %v; want both north episodes", sampled, err)
		}
		page, err := s.Round(quality, r.ID)
		if err != nil || len(page.Audits) != 2 {
			t.Fatalf("round page %v, %v", page, err)
		}
		for _, au := range page.Audits {
			if au.AuditorID != southManager.ID || au.Status() != audits.Allocated || au.WorkerID != a.Staff[councils.Practitioner].ID {
				t.Errorf("audit %+v: want allocated to the south manager, nobody in the north team", au)
			}
		}
		audit := page.Audits[slices.IndexFunc(page.Audits, func(au audits.Audit) bool { return au.EpisodeID == first.EpisodeID })]

		t.Run("the same seed samples the same episodes; left-out months leave nothing to sample", func(t *testing.T) {
			again := round
			again.ExcludeMonths = 6
			_, _, err := s.CreateRound(quality, again)
			problemOn(t, err, "per_team")
			again.ExcludeMonths, again.NotOwnTeam = 0, false
			r2, n, err := s.CreateRound(quality, again)
			if err != nil || n != 2 {
				t.Fatalf("second round %d, %v", n, err)
			}
			p2, _ := s.Round(quality, r2.ID)
			if got := []string{p2.Audits[0].EpisodeID, p2.Audits[1].EpisodeID}; !slices.Contains(got, first.EpisodeID) || !slices.Contains(got, second.EpisodeID) {
				t.Errorf("second round sampled %v", got)
			}
			for _, au := range p2.Audits {
				if au.AuditorID == a.Staff[councils.Practitioner].ID {
					t.Error("the practitioner audits their own case")
				}
			}
			if err := s.CloseRound(quality, r2.ID, 1); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("another council sees no round, audit or finding", func(t *testing.T) {
			bq := peopletest.As(b.Staff[councils.QualityLead])
			if _, err := s.Round(bq, r.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("round: %v", err)
			}
			if _, err := s.Audit(bq, audit.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("audit: %v", err)
			}
			if _, err := s.Findings(bq, r.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("findings: %v", err)
			}
			if rs, _ := s.Rounds(bq); len(rs) != 0 {
				t.Errorf("B lists %d of A's rounds", len(rs))
			}
		})
		t.Run("finance and other practitioners see none of it", func(t *testing.T) {
			if _, err := s.Rounds(peopletest.As(a.Staff[councils.Finance])); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("finance: %v", err)
			}
			if _, err := s.Audit(peopletest.As(a.SouthWorker), audit.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another practitioner: %v", err)
			}
		})

		t.Run("the auditor reads the case through the round, read-only and logged as a case file audit", func(t *testing.T) {
			_, access, err := people.NewStore(db).Get(auditor, first.Person.ID)
			if err != nil || access != people.ReadGranted {
				t.Fatalf("auditor opened the person: %v, %v", access, err)
			}
			log := peopletest.Log(t, db, a.Council.ID, first.Person.ID)
			if last := log[len(log)-1]; last.StaffID != southManager.ID || last.Reason != audits.CaseFileAudit {
				t.Errorf("logged %+v", last)
			}
			p := first.Person
			p.Phone = "01632 960 000"
			before := peopletest.Logged(t, db, a.Council.ID, first.Person.ID)
			if err := people.NewStore(db).Update(auditor, p); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("the auditor changed the record: %v", err)
			}
			if after := peopletest.Logged(t, db, a.Council.ID, first.Person.ID); len(after) != len(before) {
				t.Errorf("a refused change logged %v", after[len(before):])
			}
		})

		t.Run("the audit shows the checks from the record", func(t *testing.T) {
			before := peopletest.Logged(t, db, a.Council.ID, first.Person.ID)
			got, err := s.Audit(auditor, audit.ID)
			if err != nil || !got.Auditing || got.Reflecting {
				t.Fatalf("audit %+v, %v", got, err)
			}
			if smart, _ := got.Finding(audits.CheckSMART); smart.Result != audits.Met {
				t.Errorf("SMART: %+v", smart)
			}
			if st, _ := got.Finding(audits.CheckStrengths); st.Result != audits.NotMet {
				t.Errorf("strengths, only personal ones recorded: %+v", st)
			}
			after := peopletest.Log(t, db, a.Council.ID, first.Person.ID)
			if len(after) != len(before)+1 || after[len(after)-1].Action != accesslog.View || after[len(after)-1].Reason != audits.CaseFileAudit {
				t.Errorf("logged %+v", after[len(before):])
			}
		})

		t.Run("the practitioner reflects only once the audit is complete", func(t *testing.T) {
			mine, err := s.Audit(worker, audit.ID)
			if err != nil || !mine.Reflecting || mine.Auditing {
				t.Fatalf("practitioner's view %+v, %v", mine, err)
			}
			_, err = s.Reflect(worker, audit.ID, audits.Reflection{Text: "I will"}, mine.Audit.Version)
			problemOn(t, err, "reflection")
		})

		var graded audits.Audit
		t.Run("grading: incomplete is kept, complete needs every grade, stale is refused", func(t *testing.T) {
			partial := audits.Grading{Grades: map[string]audits.Answer{"voice": {Grade: "good", Evidence: "Her words throughout"}}}
			saved, err := s.Grade(auditor, audit.ID, partial, audit.Version)
			if err != nil || saved.Status() != audits.InProgress || saved.Grades["voice"].Grade != "good" {
				t.Fatalf("partial grading %+v, %v", saved, err)
			}
			missing := partial
			missing.Complete = true
			_, err = s.Grade(auditor, audit.ID, missing, saved.Version)
			problemOn(t, err, audits.GradeField(audits.OverallKey))
			wrong := allGraded(caseFile)
			wrong.Grades["voice"] = audits.Answer{Grade: "yes"}
			_, err = s.Grade(auditor, audit.ID, wrong, saved.Version)
			problemOn(t, err, audits.GradeField("voice"))
			if _, err := s.Grade(auditor, audit.ID, allGraded(caseFile), audit.Version); !errors.Is(err, sqldb.ErrConflict) {
				t.Fatalf("a stale grading: %v", err)
			}
			if _, err := s.Grade(worker, audit.ID, allGraded(caseFile), saved.Version); !errors.Is(err, sqldb.ErrForbidden) {
				t.Fatalf("the practitioner graded their own case: %v", err)
			}
			graded, err = s.Grade(auditor, audit.ID, allGraded(caseFile), saved.Version)
			if err != nil || graded.Status() != audits.Completed || len(graded.Actions) != 1 {
				t.Fatalf("complete grading %+v, %v", graded, err)
			}
		})

		t.Run("the practitioner reflects and marks the action done", func(t *testing.T) {
			got, err := s.Reflect(worker, audit.ID, audits.Reflection{Text: "I will say why lower rungs could not help", Done: []int{0}}, graded.Version)
			if err != nil || got.Reflection == "" || got.Actions[0].DoneOn != dbtest.Date("2025-03-03") {
				t.Fatalf("reflection %+v, %v", got, err)
			}
			mine, err := s.MyAudits(worker)
			if err != nil || len(mine.OfMine) != 1 || len(mine.ToDo) != 0 {
				t.Fatalf("practitioner's audits %+v, %v", mine, err)
			}
			todo, err := s.MyAudits(auditor)
			if err != nil || len(todo.ToDo) != 1 {
				t.Fatalf("auditor's audits to do %+v, %v", todo, err)
			}
		})

		t.Run("moderation: drawn from the completed audits, graded blind, and the moderated grade stands", func(t *testing.T) {
			n, err := s.DrawModeration(quality, r.ID)
			if err != nil || n != 1 {
				t.Fatalf("drew %d for moderation: %v", n, err)
			}
			if _, err := s.DrawModeration(quality, r.ID); err == nil {
				t.Error("drew the round's share twice")
			}
			page, _ := s.Round(quality, r.ID)
			drawn := page.Audits[slices.IndexFunc(page.Audits, func(au audits.Audit) bool { return au.ID == audit.ID })]
			if drawn.ModeratorID == "" || drawn.ModeratorID == southManager.ID || drawn.ModeratorID == a.Staff[councils.Practitioner].ID {
				t.Fatalf("moderator %q: want neither the auditor nor the practitioner", drawn.ModeratorID)
			}
			moderator := peopletest.As(a.Staff[councils.QualityLead])
			if drawn.ModeratorID == a.Staff[councils.TeamManager].ID {
				moderator = peopletest.As(a.Staff[councils.TeamManager])
			}
			blind, err := s.Audit(moderator, audit.ID)
			if err != nil || !blind.Blind() || len(blind.Audit.Grades) != 0 || blind.Audit.Learning != "" {
				t.Fatalf("the moderator sees %+v, %v; want none of the auditor's grading", blind.Audit, err)
			}
			m := audits.Moderation{Grades: map[string]audits.Answer{}}
			for _, q := range caseFile.Questions() {
				m.Grades[q.Key] = audits.Answer{Grade: q.Scale.Grades()[1].Value}
			}
			m.Grades[audits.OverallKey] = audits.Answer{Grade: "outstanding"}
			_, err = s.Moderate(moderator, audit.ID, m, blind.Audit.Version)
			problemOn(t, err, "moderation_note")
			m.Note = "Stronger than the auditor found: Ada's words lead every outcome"
			if _, err := s.Moderate(auditor, audit.ID, m, blind.Audit.Version); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("the auditor moderated their own audit: %v", err)
			}
			got, err := s.Moderate(moderator, audit.ID, m, blind.Audit.Version)
			if err != nil || got.Status() != audits.Moderated {
				t.Fatalf("moderated %+v, %v", got, err)
			}
			after, _ := s.Audit(moderator, audit.ID)
			if after.Blind() || after.Moderation[audits.OverallKey].Grade != "outstanding" || after.Audit.Grades[audits.OverallKey].Grade != "good" {
				t.Errorf("after moderating, the moderator sees %+v beside %+v", after.Moderation, after.Audit.Grades)
			}
		})

		t.Run("findings count what the completed audit graded and the checks found", func(t *testing.T) {
			f, err := s.Findings(quality, r.ID)
			if err != nil || f.Audits != 2 || f.Completed != 1 {
				t.Fatalf("findings %+v, %v", f, err)
			}
			overall := f.ByQuestion[len(f.ByQuestion)-1]
			if overall.Total != 1 || overall.Counts["outstanding"] != 1 || len(f.OverallBy) != 1 || f.OverallBy[0].Label != "North" {
				t.Errorf("overall %+v by team %+v: want the moderated grade to stand", overall, f.OverallBy)
			}
			all := f.Agreement[len(f.Agreement)-1]
			if f.Moderated != 1 || all.Compared != len(caseFile.Questions()) || all.Agreed != all.Compared-1 {
				t.Errorf("agreement %+v over %d moderated", all, f.Moderated)
			}
			if i := slices.IndexFunc(f.Checks, func(c audits.CheckRate) bool { return c.Check == audits.CheckSMART }); i < 0 || f.Checks[i].Met != 1 {
				t.Errorf("checks %+v", f.Checks)
			}
			if _, err := s.Findings(peopletest.As(b.Staff[councils.QualityLead]), r.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council read the findings counted for this one: %v", err)
			}
		})
		t.Run("reallocation: to someone the round allows, the read grant moving with it", func(t *testing.T) {
			other := page.Audits[slices.IndexFunc(page.Audits, func(au audits.Audit) bool { return au.EpisodeID == second.EpisodeID })]
			relief, err := councils.NewStore(db).CreateStaff(cctx, councils.NewStaff{Email: "relief.south@example.org", Name: "Relief Manager",
				Role: councils.TeamManager, TeamIDs: []string{a.South.ID}})
			if err != nil {
				t.Fatal(err)
			}
			re, err := s.Reallocating(quality, other.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(re.Auditors) != 1 || re.Auditors[0].ID != relief.ID {
				t.Fatalf("may audit instead: %+v; want the relief manager alone (the rest are in the north team or audit it now)", re.Auditors)
			}
			due := dbtest.Date("2025-03-21")
			if _, err := s.Reallocate(auditor, other.ID, audits.Move{AuditorID: relief.ID, DueOn: due}, other.Version); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a team manager reallocated: %v", err)
			}
			_, err = s.Reallocate(quality, other.ID, audits.Move{AuditorID: a.Staff[councils.TeamManager].ID, DueOn: due}, other.Version)
			problemOn(t, err, "auditor_id")
			_, err = s.Reallocate(quality, other.ID, audits.Move{AuditorID: relief.ID}, other.Version)
			problemOn(t, err, "due_on")
			if _, err := s.Reallocate(peopletest.As(b.Staff[councils.QualityLead]), other.ID, audits.Move{AuditorID: relief.ID, DueOn: due}, other.Version); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council reallocated: %v", err)
			}
			moved, err := s.Reallocate(quality, other.ID, audits.Move{AuditorID: relief.ID, DueOn: due}, other.Version)
			if err != nil || moved.AuditorID != relief.ID || moved.DueOn != due {
				t.Fatalf("moved %+v, %v", moved, err)
			}
			if _, err := s.Reallocate(quality, other.ID, audits.Move{AuditorID: southManager.ID, DueOn: due}, other.Version); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale reallocation: %v", err)
			}
			if _, access, _ := people.NewStore(db).Get(auditor, second.Person.ID); access == people.ReadGranted {
				t.Error("the first auditor still reads the case")
			}
			if _, access, err := people.NewStore(db).Get(peopletest.As(relief), second.Person.ID); access != people.ReadGranted {
				t.Errorf("the new auditor reads the case: %v, %v", access, err)
			}
			back, err := s.Reallocate(quality, other.ID, audits.Move{AuditorID: southManager.ID, DueOn: other.DueOn}, moved.Version)
			if err != nil || back.AuditorID != southManager.ID {
				t.Fatalf("moved back %+v, %v", back, err)
			}
			if _, access, err := people.NewStore(db).Get(auditor, second.Person.ID); access != people.ReadGranted {
				t.Errorf("the auditor given it back reads the case: %v, %v", access, err)
			}
		})
		t.Run("findings counted again when another audit is graded", func(t *testing.T) {
			page, err := s.Round(quality, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(page.Audits, func(au audits.Audit) bool { return au.CompletedAt.IsZero() })
			if i < 0 {
				t.Fatal("no audit left to grade")
			}
			if _, err := s.Grade(auditor, page.Audits[i].ID, allGraded(caseFile), page.Audits[i].Version); err != nil {
				t.Fatal(err)
			}
			if f, err := s.Findings(quality, r.ID); err != nil || f.Completed != 2 {
				t.Errorf("after grading a second audit, findings count %d completed, %v", f.Completed, err)
			}
		})

		t.Run("closing the round ends the auditor's access", func(t *testing.T) {
			if err := s.CloseRound(quality, r.ID, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.CloseRound(quality, r.ID, 1); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("closed twice: %v", err)
			}
			if _, _, err := people.NewStore(db).Get(auditor, first.Person.ID); !errors.Is(err, people.ErrBreakGlassNeeded) {
				t.Errorf("after the round, the auditor opened the person: %v", err)
			}
			if _, err := s.Audit(auditor, audit.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("after the round, the auditor opened the audit: %v", err)
			}
			if _, err := s.Grade(auditor, audit.ID, allGraded(caseFile), graded.Version+1); err == nil {
				t.Error("graded a closed round's audit")
			}
		})
	})
}

func TestChangingAToolARoundUsedMakesANewVersion(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		planstest.New(t, db, a)
		s := audits.NewStore(db)
		quality := peopletest.As(a.Staff[councils.QualityLead])
		tools, err := s.Tools(quality)
		if err != nil {
			t.Fatal(err)
		}
		tool := tools[0]
		tool.Name = "Case file audit, first draft"
		changed, err := s.ChangeTool(quality, tool, 1)
		if err != nil || changed.Version != 1 || changed.ID != tool.ID {
			t.Fatalf("a tool no round used changed as %+v, %v", changed, err)
		}
		if _, _, err := s.CreateRound(quality, audits.NewRound{Name: "Practice Fortnight", ToolID: tool.ID, StartsOn: dbtest.Date("2025-03-03"),
			EndsOn: dbtest.Date("2025-03-14"), PerTeam: 1, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		tool.Name = "Case file audit"
		tool.Sections[0].Questions[0].Guidance = "Look for the person's words in every conversation."
		if _, err := s.ChangeTool(quality, tool, 0); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale change: %v", err)
		}
		v2, err := s.ChangeTool(quality, tool, 1)
		if err != nil || v2.Version != 2 || v2.ID == tool.ID {
			t.Fatalf("changing a used tool gave %+v, %v", v2, err)
		}
		old, err := s.Tool(quality, tool.ID)
		if err != nil || old.Name != "Case file audit, first draft" || old.Sections[0].Questions[0].Guidance == tool.Sections[0].Questions[0].Guidance {
			t.Errorf("the round's version changed: %+v, %v", old, err)
		}
		latest, _ := s.Tools(quality)
		if latest[0].ID != v2.ID {
			t.Errorf("the tools list shows %+v, want version 2", latest[0])
		}
		if _, err := s.ChangeTool(quality, old, 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("changing an old version: %v", err)
		}
	})
}

// Every way of spreading a sample reads what it needs from the record, on both engines.
func TestRoundsSpreadEachWay(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		planstest.New(t, db, a)
		planstest.New(t, db, a)
		s := audits.NewStore(db)
		quality := peopletest.As(a.Staff[councils.QualityLead])
		tools, err := s.Tools(quality)
		if err != nil {
			t.Fatal(err)
		}
		for i, way := range audits.Strata() {
			_, n, err := s.CreateRound(quality, audits.NewRound{Name: "Spread " + string(way), ToolID: tools[0].ID, StartsOn: dbtest.Date("2025-03-03"),
				EndsOn: dbtest.Date("2025-03-14"), PerTeam: 2, Stratify: way, Seed: int64(i)})
			if err != nil || n != 2 {
				t.Errorf("%q: sampled %d, %v", way, n, err)
			}
		}
	})
}
