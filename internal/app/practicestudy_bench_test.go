package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The practice study's limit (issue: learning and practice development): a study's results page for 15 teams
// (benchTeams), each with about ten practitioners keeping a month of diaries, at p99 under 100 ms at 50 requests a
// second, its SQL alone reported beside it.
const (
	benchStudyDiarists  = 10 // a team
	benchStudyDays      = 30 // a month
	benchStudyPeople    = 2000
	limitStudyResultP99 = 100 * time.Millisecond
)

// BenchmarkPracticeStudy loads, on each engine, a council of 15 teams with about ten practitioners each and a few
// thousand people with their history (GT_BENCH_PEOPLE sets fewer, as the quick run does), so that the study's
// practice insight has a record to read; opens a study of every team over the last month, with each practitioner's
// diary on working days (written straight to its tables, as a month of filling in would leave them); and measures the
// study's results page as the quality lead sees it (every team's day in the life, the reflective sessions and lived
// experience, practice insight from the measures and audits, the case for change) at a fixed rate through the whole
// server, beside the same store calls alone. Run it with make bench (make bench-quick for a short run); it is never
// part of make test.
func BenchmarkPracticeStudy(b *testing.B) {
	people := benchStudyPeople
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_PEOPLE")); err == nil && n > 0 {
		people = min(n, people)
	}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.Open(b, e)
			site := apptest.Start(b, db)
			ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "goldenthread bench")
			start := time.Now()
			teams, staff := studyStaff(b, site, ctx, people)
			if err := demo.AddPeople(ctx, db, teams, staff, demo.Options{People: people, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			lead := site.A.Staff[councils.QualityLead]
			client := site.SignIn(b, lead)
			session := benchSession{cookie: cookieHeader(client, site.Server.URL), token: sessionToken(client, site.Server.URL),
				ctx: accesslog.WithRoute(councils.WithStaff(context.Background(), lead), accesslog.Page, "bench")}
			study, days := benchStudy(b, site, session.ctx, teams, staff)
			fmt.Printf("\n%s: %d people, a study of %d teams with %d diary days of %d staff, loaded in %s\n", e, people, len(teams), days,
				len(staff), time.Since(start).Round(time.Second))
			settle(b, db)

			s := site.App.PracticeStudy
			// The SQL the results page runs, without HTTP, middleware or templates: the session, the member of staff and
			// their council, the page's store calls, then saving the session.
			alone := func(int) error {
				store := site.App.Auth.Sessions().Manager().Store
				data, _, err := store.Find(session.token)
				if err != nil {
					return err
				}
				if _, _, err := site.App.Councils.StaffAndCouncil(sqldb.WithCouncil(context.Background(), lead.CouncilID), lead.ID); err != nil {
					return err
				}
				if _, err := s.Results(session.ctx, study.ID); err != nil {
					return err
				}
				return store.Commit(session.token, data, time.Now().Add(time.Hour))
			}
			b.ResetTimer()
			for range b.N {
				report := []row{qualityPage(measure(b, site, session.cookie, "study results", limitStudyResultP99,
					func(int) string { return "/quality/studies/" + study.ID }, alone))}
				printReport(string(e), people, benchRate, report)
			}
		})
	}
}

// studyStaff makes the council's teams and practitioners as the page benchmarks do (benchStaff), then more
// practitioners until each team has about ten, and returns the teams and the practitioners, who keep the diaries.
func studyStaff(b *testing.B, site *apptest.Site, ctx context.Context, people int) ([]councils.Team, []councils.Staff) {
	b.Helper()
	teams, staff := benchStaff(b, site, ctx, people)
	var diarists []councils.Staff
	in := map[string]int{}
	for _, st := range staff {
		if st.Role == councils.Practitioner && len(st.TeamIDs) > 0 {
			diarists = append(diarists, st)
			in[st.TeamIDs[0]]++
		}
	}
	for i, t := range teams {
		for n := in[t.ID]; n < benchStudyDiarists; n++ {
			st, err := site.App.Councils.CreateStaff(ctx, councils.NewStaff{Email: fmt.Sprintf("study.worker%d.%d@example.org", i, n),
				Name: fmt.Sprintf("Study Worker %d.%d", i, n), Role: councils.Practitioner, TeamIDs: []string{t.ID}})
			if err != nil {
				b.Fatal(err)
			}
			diarists = append(diarists, st)
		}
	}
	return teams, diarists
}

// benchStudy opens a study of every team over the last month as the quality lead and writes each practitioner's diary
// of its working days, and a reflective session and an engagement, returning the study and how many days were written.
func benchStudy(b *testing.B, site *apptest.Site, as context.Context, teams []councils.Team, staff []councils.Staff) (practicestudy.Study, int) {
	b.Helper()
	today := site.App.DB.Today()
	var ids []string
	for _, t := range teams {
		ids = append(ids, t.ID)
	}
	s := site.App.PracticeStudy
	study, err := s.Open(as, practicestudy.Study{Name: "Bench study", From: sqldb.NewDate(today.AddDate(0, 0, -benchStudyDays)),
		To: sqldb.NewDate(today.AddDate(0, 0, -1)), TeamIDs: ids})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.RecordReflection(as, study.ID, practicestudy.Reflection{HeldOn: today, StaffIDs: []string{staff[0].ID}, Themes: "Waiting", Learnt: "Ask earlier"}); err != nil {
		b.Fatal(err)
	}
	if _, err := s.RecordEngagement(as, study.ID, practicestudy.Engagement{HeldOn: today, Method: practicestudy.Group, Who: "A group of carers",
		ConsentHow: "Agreed aloud", ConsentOn: today, Quotes: "“Nobody asked me.”", Themes: []string{"Being asked", "Waiting"}}); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var dayRows, activityRows []any
	n := 0
	err = site.App.DB.InTx(sqldb.WithCouncil(context.Background(), site.A.Council.ID), func(tx *sqldb.Tx) error {
		for _, st := range staff {
			for d := study.From; !d.After(study.To.Time); d = sqldb.NewDate(d.AddDate(0, 0, 1)) {
				if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
					continue
				}
				team := st.TeamIDs[0]
				dayRows = append(dayRows, tx.Council(), study.ID, st.ID, d, team, tx.Now())
				for i, k := range practicestudy.Activities()[:5] {
					activityRows = append(activityRows, tx.Council(), study.ID, st.ID, d, i, team, string(k), 20+rng.IntN(150), "")
				}
				n++
			}
		}
		if err := sqldb.InsertMany(context.Background(), tx, "practice_study_day", []string{"council_id", "study_id", "staff_id", "day", "team_id", "updated_at"}, dayRows); err != nil {
			return err
		}
		return sqldb.InsertMany(context.Background(), tx, "practice_study_activity",
			[]string{"council_id", "study_id", "staff_id", "day", "position", "team_id", "kind", "minutes", "note"}, activityRows)
	})
	if err != nil {
		b.Fatal(err)
	}
	return study, n
}
