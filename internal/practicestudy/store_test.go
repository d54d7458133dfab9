package practicestudy_test

import (
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func hasProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return false
	}
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

func TestPracticeStudyStore(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := practicestudy.NewStore(db, audits.NewStore(db))
		lead := peopletest.As(a.Staff[councils.QualityLead])
		manager := peopletest.As(a.Staff[councils.TeamManager])
		worker := peopletest.As(a.Staff[councils.Practitioner])
		south := peopletest.As(a.SouthWorker)
		finance := peopletest.As(a.Staff[councils.Finance])
		other := peopletest.As(b.Staff[councils.QualityLead])
		today := dbtest.Date("2025-03-03")
		study := practicestudy.Study{Name: "Spring study", From: dbtest.Date("2025-02-17"), To: dbtest.Date("2025-03-14"), TeamIDs: []string{a.North.ID}}

		if _, err := s.Open(manager, study); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager opened a study: %v", err)
		}
		if _, err := s.Open(lead, practicestudy.Study{Name: "No teams", From: study.From, To: study.To}); !hasProblem(err, "teams") {
			t.Errorf("a study without teams: %v", err)
		}
		if _, err := s.Open(lead, practicestudy.Study{Name: "Another council's team", From: study.From, To: study.To, TeamIDs: []string{b.North.ID}}); !hasProblem(err, "teams") {
			t.Errorf("a study of another council's team: %v", err)
		}
		got, err := s.Open(lead, study)
		if err != nil {
			t.Fatal(err)
		}
		study = got
		if x, err := s.Study(lead, study.ID); err != nil || x.StateOn(today) != practicestudy.Running || len(x.Teams) != 1 || x.Teams[0].Name != "North" {
			t.Fatalf("the study as opened: %+v, %v", x, err)
		}

		t.Run("another council, and staff outside its teams, never see it", func(t *testing.T) {
			if _, err := s.Study(other, study.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council read the study: %v", err)
			}
			if list, err := s.Studies(other); err != nil || len(list) != 0 {
				t.Errorf("another council listed %v, %v", list, err)
			}
			if _, err := s.TimeByTeam(south, study.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("a practitioner of another team read its results: %v", err)
			}
			if _, err := s.Studies(finance); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("finance listed studies: %v", err)
			}
		})

		day := practicestudy.Day{Day: dbtest.Date("2025-02-28"), Entries: []practicestudy.Entry{
			{Kind: practicestudy.WithPeople, Minutes: 180, Note: "Two visits"}, {Kind: practicestudy.Travel, Minutes: 60}, {Kind: practicestudy.Recording, Minutes: 120}}}
		t.Run("a day over 24 hours is refused and nothing is saved", func(t *testing.T) {
			bad := day
			bad.Entries = append([]practicestudy.Entry{{Kind: practicestudy.Other, Minutes: 1200}}, day.Entries...)
			if _, err := s.SaveDay(worker, study.ID, bad); !hasProblem(err, "total") {
				t.Errorf("a 26-hour day: %v", err)
			}
			if n := dbtest.Count(t, db, a.Council.ID, "practice_study_day"); n != 0 {
				t.Errorf("%d days saved", n)
			}
		})
		t.Run("only the study's teams keep diaries", func(t *testing.T) {
			if _, err := s.SaveDay(south, study.ID, day); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("a practitioner of another team kept a diary: %v", err)
			}
			if _, err := s.SaveDay(lead, study.ID, day); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("the quality lead kept a diary: %v", err)
			}
		})
		saved, err := s.SaveDay(worker, study.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("a stale save of the day is a conflict", func(t *testing.T) {
			stale := day
			stale.Version = saved.Version + 3
			if _, err := s.SaveDay(worker, study.ID, stale); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale day: %v", err)
			}
			again := day
			if _, err := s.SaveDay(worker, study.ID, again); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a second first save of the day: %v", err)
			}
		})
		saved.Entries = append(saved.Entries, practicestudy.Entry{Kind: practicestudy.Chasing, Minutes: 30})
		if saved, err = s.SaveDay(worker, study.ID, saved); err != nil || saved.Version != 2 {
			t.Fatalf("changing the day: %+v, %v", saved, err)
		}
		if _, err := s.SaveDay(manager, study.ID, practicestudy.Day{Day: day.Day, Entries: []practicestudy.Entry{{Kind: practicestudy.Meetings, Minutes: 240}}}); err != nil {
			t.Fatal(err)
		}

		t.Run("the diary is its keeper's, and their manager's only where the study allows", func(t *testing.T) {
			mine, err := s.Day(worker, study.ID, "", day.Day)
			if err != nil || len(mine.Entries) != 4 || mine.Entries[0].Note != "Two visits" || mine.Total() != 390 {
				t.Errorf("own day: %+v, %v", mine, err)
			}
			if _, err := s.Day(manager, study.ID, a.Staff[councils.Practitioner].ID, day.Day); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("the manager read a diary the study keeps private: %v", err)
			}
			if _, err := s.Day(lead, study.ID, a.Staff[councils.Practitioner].ID, day.Day); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("the quality lead read a practitioner's diary: %v", err)
			}
			if ds, err := s.Diarists(manager, study.ID); err != nil || len(ds) != 0 {
				t.Errorf("diarists for the manager of a private study: %v, %v", ds, err)
			}
			open, err := s.Open(lead, practicestudy.Study{Name: "Open diaries", From: study.From, To: study.To, TeamIDs: []string{a.North.ID}, ManagersSeeDiaries: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.SaveDay(worker, open.ID, day); err != nil {
				t.Fatal(err)
			}
			if d, err := s.Day(manager, open.ID, a.Staff[councils.Practitioner].ID, day.Day); err != nil || d.Total() != 360 {
				t.Errorf("the manager's read of an open diary: %+v, %v", d, err)
			}
			if ds, err := s.Diarists(manager, open.ID); err != nil || len(ds) != 1 || ds[0].Days != 1 {
				t.Errorf("diarists: %v, %v", ds, err)
			}
			if days, err := s.Days(worker, study.ID, ""); err != nil || len(days) != 1 || days[0].Minutes != 390 || days[0].WithPeople != 180 {
				t.Errorf("own days: %v, %v", days, err)
			}
		})

		t.Run("time by team adds up the diaries", func(t *testing.T) {
			teams, err := s.TimeByTeam(worker, study.ID)
			if err != nil || len(teams) != 1 {
				t.Fatalf("time by team: %v, %v", teams, err)
			}
			got := teams[0]
			if got.TeamID != a.North.ID || got.TeamName != "North" || got.Days != 2 || got.Diarists != 2 || got.Total() != 630 ||
				got.Minutes[practicestudy.WithPeople] != 180 || got.Minutes[practicestudy.Meetings] != 240 || got.Minutes[practicestudy.Chasing] != 30 {
				t.Errorf("north: %+v", got)
			}
			// Added up once and kept: a day saved since is counted on the next read.
			if _, err := s.SaveDay(worker, study.ID, practicestudy.Day{Day: dbtest.Date("2025-03-03"), Entries: []practicestudy.Entry{{Kind: practicestudy.Training, Minutes: 90}}}); err != nil {
				t.Fatal(err)
			}
			again, err := s.TimeByTeam(lead, study.ID)
			if err != nil || again[0].Days != 3 || again[0].Minutes[practicestudy.Training] != 90 || again[0].Total() != 720 {
				t.Errorf("north after another day: %+v, %v", again, err)
			}
			again[0].Minutes[practicestudy.Training] = 0
			if kept, err := s.TimeByTeam(lead, study.ID); err != nil || kept[0].Minutes[practicestudy.Training] != 90 {
				t.Errorf("a caller's change reached the kept results: %+v, %v", kept, err)
			}
		})

		t.Run("reflective sessions and engagements", func(t *testing.T) {
			r := practicestudy.Reflection{HeldOn: today, StaffIDs: []string{a.Staff[councils.Practitioner].ID}, Themes: "Waiting for equipment", Learnt: "Ask earlier"}
			if _, err := s.RecordReflection(worker, study.ID, r); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner recorded a session: %v", err)
			}
			bad := r
			bad.StaffIDs = []string{a.SouthWorker.ID}
			if _, err := s.RecordReflection(manager, study.ID, bad); !hasProblem(err, "staff") {
				t.Errorf("a session with staff of another team: %v", err)
			}
			if _, err := s.RecordReflection(manager, study.ID, r); err != nil {
				t.Fatal(err)
			}
			if rs, err := s.Reflections(worker, study.ID); err != nil || len(rs) != 1 || rs[0].Staff[0] != "Test Practitioner" {
				t.Errorf("sessions: %+v, %v", rs, err)
			}
			e := practicestudy.Engagement{HeldOn: today, Method: practicestudy.Interview, Who: "A carer", ConsentOn: today, Quotes: "“Nobody asked me.”",
				Themes: []string{"Being asked", "Waiting"}}
			if _, err := s.RecordEngagement(lead, study.ID, e); !hasProblem(err, "consent_how") {
				t.Errorf("an engagement without consent: %v", err)
			}
			if n := dbtest.Count(t, db, a.Council.ID, "practice_study_engagement"); n != 0 {
				t.Errorf("%d engagements saved without consent", n)
			}
			e.ConsentHow = "Said yes on the phone, noted by the interviewer"
			if _, err := s.RecordEngagement(lead, study.ID, e); err != nil {
				t.Fatal(err)
			}
			if es, err := s.Engagements(other, study.ID); !errors.Is(err, sqldb.ErrNotFound) || es != nil {
				t.Errorf("another council read the engagements: %v, %v", es, err)
			}
			if es, err := s.Engagements(manager, study.ID); err != nil || len(es) != 1 || len(es[0].Themes) != 2 {
				t.Errorf("engagements: %+v, %v", es, err)
			}
		})

		t.Run("practice insight is read from the record for leads and managers", func(t *testing.T) {
			if _, err := s.Insight(worker, study.ID); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner read practice insight: %v", err)
			}
			in, err := s.Insight(manager, study.ID)
			if err != nil || len(in.Measures) != len(practicestudy.InsightMeasures) || len(in.Measures[0].ByTeam) != 1 {
				t.Fatalf("insight: %+v, %v", in, err)
			}
			if f := in.Measures[1].ByTeam[0]; f.Text != "None" {
				t.Errorf("reviews on time for a team with no reviews: %+v", f)
			}
			// The study's page reads it all in one go, practice insight only for those who see it.
			res, err := s.Results(manager, study.ID)
			if err != nil || res.Insight == nil || len(res.Insight.Measures) != len(practicestudy.InsightMeasures) || len(res.Teams) != 1 ||
				res.Teams[0].Days != 3 || len(res.Reflections) != 1 || len(res.Engagements) != 1 {
				t.Errorf("the manager's results: %+v, %v", res, err)
			}
			if res, err := s.Results(worker, study.ID); err != nil || res.Insight != nil || res.Teams[0].Days != 3 {
				t.Errorf("the practitioner's results: %+v, %v", res, err)
			}
			if _, err := s.Results(other, study.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council's results: %v", err)
			}
		})

		t.Run("the case for change is the quality lead's, and once agreed concludes the study", func(t *testing.T) {
			c, err := s.Case(lead, study.ID)
			if err != nil {
				t.Fatal(err)
			}
			c.Summary = "Practitioners spend too little of their day with people"
			c.Points = []practicestudy.Point{
				{Heading: practicestudy.Technology, Kind: practicestudy.Finding, Text: "Recording takes a fifth of the day"},
				{Heading: practicestudy.Technology, Kind: practicestudy.Recommendation, Text: "Record on phones between visits", Evidence: practicestudy.EvidenceDiary},
				{Heading: practicestudy.OperatingModel, Kind: practicestudy.Recommendation, Text: "Fewer handoffs"},
			}
			if _, err := s.SaveCase(manager, study.ID, c, false); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a manager wrote the case: %v", err)
			}
			stale := c
			stale.Version = 99
			if _, err := s.SaveCase(lead, study.ID, stale, false); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale case: %v", err)
			}
			saved, err := s.SaveCase(lead, study.ID, c, true)
			if err != nil {
				t.Fatal(err)
			}
			back, err := s.Case(worker, study.ID)
			if err != nil || len(back.Points) != 3 || back.Points[0].Heading != practicestudy.OperatingModel || back.Version != saved.Version {
				t.Errorf("the case read back: %+v, %v", back, err)
			}
			x, err := s.Study(worker, study.ID)
			if err != nil || x.StateOn(today) != practicestudy.Concluded {
				t.Errorf("the study after its case was agreed: %v, %v", x.StateOn(today), err)
			}
			if _, err := s.SaveCase(lead, study.ID, back, false); !hasProblem(err, "summary") {
				t.Errorf("an agreed case was changed: %v", err)
			}
			if _, err := s.SaveDay(worker, study.ID, day); !hasProblem(err, "day") {
				t.Errorf("a diary day saved in a concluded study: %v", err)
			}
			if _, err := s.RecordEngagement(lead, study.ID, practicestudy.Engagement{HeldOn: today, Method: practicestudy.Survey, Who: "Carers",
				ConsentHow: "Form", ConsentOn: today, Quotes: "“Late.”"}); !hasProblem(err, "held_on") {
				t.Errorf("an engagement recorded in a concluded study: %v", err)
			}
		})
	})
}
