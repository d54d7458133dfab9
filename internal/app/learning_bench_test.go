package app_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The learning programme's limits (issue: learning and practice development): the coverage page for a council of
// 2,000 staff with five years of attendance at p99 under 100 ms at 50 requests a second, its SQL alone reported
// beside it; and one team's staff by standing, which a manager opens from it.
const (
	benchLearningStaff = 2000
	benchLearningYears = 5
	benchStaffPerTeam  = 50
)

func BenchmarkLearningCoverage(b *testing.B) {
	staffN := benchLearningStaff
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_STAFF")); err == nil && n > 0 {
		staffN = n
	}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.Open(b, e)
			site := apptest.Start(b, db)
			start := time.Now()
			teams, completions := learningCouncil(b, site, staffN)
			settle(b, db)
			fmt.Printf("\n%s: %d staff in %d teams, %d completions over %d years, loaded in %s\n", e, staffN, len(teams), completions,
				benchLearningYears, time.Since(start).Round(time.Second))

			lead := site.A.Staff[councils.QualityLead]
			sess := signedInSession(b, site, lead)
			b.ResetTimer()
			for range b.N {
				report := []row{
					qualityPage(measure(b, site, sess.cookie, "coverage", limitP99GT, func(int) string { return "/learning/coverage" },
						func(int) error {
							return pageSQL(site, sess, lead, func() error { _, err := site.App.Learning.CoverageFor(sess.ctx, ""); return err })
						})),
					qualityPage(measure(b, site, sess.cookie, "team coverage", limitP99GT,
						func(i int) string { return "/learning/coverage/" + teams[i%len(teams)].ID },
						func(i int) error {
							return pageSQL(site, sess, lead, func() error {
								_, err := site.App.Learning.CoverageFor(sess.ctx, teams[i%len(teams)].ID)
								return err
							})
						})),
				}
				printLearningReport(string(e), staffN, completions, report)
				for _, r := range report {
					unit := strings.ReplaceAll(r.name, " ", "-")
					b.ReportMetric(float64(r.pageP99.Microseconds())/1000, unit+"-p99-ms")
					b.ReportMetric(float64(r.sqlP99.Microseconds())/1000, unit+"-sql-p99-ms")
				}
			}
		})
	}
}

// learningCouncil gives council A staffN staff in teams of benchStaffPerTeam (a team manager for each, the rest
// practitioners), and five years of the programme imported as past attendance: each member of staff took the
// strengths-based practice skills course every three years, Making Safeguarding Personal and the Mental Capacity Act
// every two, at a month of their own; a tenth of them have not yet; the managers took strengths-based supervision.
// It returns the teams and how many completions were imported.
func learningCouncil(b *testing.B, site *apptest.Site, staffN int) ([]councils.Team, int) {
	b.Helper()
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	var teams []councils.Team
	for i := range max(1, staffN/benchStaffPerTeam) {
		t, err := site.App.Councils.CreateTeam(ctx, fmt.Sprintf("Locality %02d", i+1))
		if err != nil {
			b.Fatal(err)
		}
		teams = append(teams, t)
	}
	lead := site.A.Staff[councils.QualityLead]
	as := accesslog.WithRoute(councils.WithStaff(context.Background(), lead), accesslog.Page, "bench")
	courses, err := site.App.Learning.Courses(as)
	if err != nil {
		b.Fatal(err)
	}
	name := map[learning.Standard]string{}
	for _, c := range courses {
		name[c.Standard] = c.Name
	}
	today := site.App.DB.Today()
	var csv strings.Builder
	csv.WriteString("email,course,completed_on\n")
	completions := 0
	add := func(email string, standard learning.Standard, every, offset int) {
		for months := offset; months < benchLearningYears*12; months += every {
			on := today.AddDate(0, -months, -(offset % 28))
			fmt.Fprintf(&csv, "%s,%s,%s\n", email, name[standard], on.Format(sqldb.DateLayout))
			completions++
		}
	}
	for i := range staffN {
		team := teams[i%len(teams)]
		role := councils.Practitioner
		if i < len(teams) {
			role = councils.TeamManager
		}
		email := fmt.Sprintf("learner%04d@example.org", i)
		if _, err := site.App.Councils.CreateStaff(ctx, councils.NewStaff{Email: email, Name: fmt.Sprintf("Learner %04d", i), Role: role,
			TeamIDs: []string{team.ID}}); err != nil {
			b.Fatal(err)
		}
		if i%10 == 9 {
			continue
		}
		add(email, learning.StrengthsBasedPractice, 36, 1+i%36)
		add(email, learning.SafeguardingPersonal, 24, 1+(i*7)%24)
		add(email, learning.MentalCapacity, 24, 1+(i*11)%24)
		if role == councils.TeamManager {
			add(email, learning.SupervisionSkills, 36, 1+i%36)
		}
	}
	got, err := site.App.Learning.ImportAttendance(as, strings.NewReader(csv.String()))
	if err != nil {
		b.Fatal(err)
	}
	if got.Completions != completions {
		b.Fatalf("imported %d completions, want %d", got.Completions, completions)
	}
	return teams, completions
}

func printLearningReport(engine string, staff, completions int, rows []row) {
	fmt.Printf("\n%s, %d staff, %d completions, %d requests a second for %s:\n", engine, staff, completions, benchRate, attackDuration())
	fmt.Printf("  %-14s %10s %10s %10s %10s %8s  %s\n", "page", "SQL p50", "SQL p99", "page p50", "page p99", "ok", "goal: p99 under")
	for _, r := range rows {
		verdict := fmt.Sprintf("%s: met", ms(r.goal))
		if r.pageP99 > r.goal {
			verdict = fmt.Sprintf("%s: NOT MET", ms(r.goal))
		}
		fmt.Printf("  %-14s %10s %10s %10s %10s %7.1f%%  %s\n", r.name, ms(r.sqlP50), ms(r.sqlP99), ms(r.pageP50), ms(r.pageP99),
			100*r.success, verdict)
	}
}
