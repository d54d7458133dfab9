package app_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The limits the foundation set for its pages (issue: person search and the person page at 50,000 people), and the
// golden thread's for the caseload and the thread view.
const (
	benchPeople   = 50_000
	benchRate     = 50                     // requests a second
	benchDuration = 20 * time.Second       // for each page; GT_BENCH_SECONDS sets another, as CI's quick run does
	benchTeams    = 15                     // so a team holds a few thousand people, as a locality team does
	limitRatio    = 2.0                    // a page within twice the time of its SQL alone
	limitP99      = 50 * time.Millisecond  // at 50 requests a second on this 2-core machine
	limitP99GT    = 100 * time.Millisecond // the caseload and the thread view
)

// BenchmarkPages loads a synthetic council of 50,000 people with five years of history on each engine, spread over
// 15 teams and enough practitioners for caseloads of about 33, then measures person search, the person page, a
// practitioner's caseload, a team manager's caseload of a team of a few thousand, and the golden thread view, at a
// fixed rate through the whole server (sessions, access rules, access log, templates), beside the same store calls
// run alone. It reports p50 and p99 and their ratio to the SQL. Run it with make bench; it is never part of make
// test.
func BenchmarkPages(b *testing.B) {
	people := benchPeople
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_PEOPLE")); err == nil && n > 0 {
		people = n
	}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.Open(b, e)
			site := apptest.Start(b, db)
			ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "goldenthread bench")
			start := time.Now()
			teams, staff := benchStaff(b, site, ctx, people)
			// The demo's directory, so that the people's histories hold its signposts and caseloads their overdue
			// follow-ups, as the demo's do: 300 services, imported in well under a second.
			if err := demo.AddDirectory(ctx, db, 7, demo.DirectoryServices); err != nil {
				b.Fatal(err)
			}
			if err := demo.AddPeople(ctx, db, teams, staff, demo.Options{People: people, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			fmt.Printf("\n%s: loaded %d people with their history, in %d teams with %d practitioners, in %s\n", e, people, len(teams),
				demo.Practitioners(people), time.Since(start).Round(time.Second))
			// The history's writes go to the database files first, as they would long before a council's first day.
			settle(b, db)
			// The access log's sealer runs beside the pages, as it does in the server, after sealing the history's entries.
			if _, err := site.App.Log.Seal(ctx); err != nil {
				b.Fatal(err)
			}
			sealing, stopSealing := context.WithCancel(context.Background())
			sealed := make(chan struct{})
			go func() { site.App.Log.Sealer(sealing, app.SealInterval, slog.New(slog.DiscardHandler)); close(sealed) }()
			defer func() { stopSealing(); <-sealed }()

			lead := site.A.Staff[councils.QualityLead] // sees the whole council, as a duty worker searching would
			worker := site.A.Staff[councils.Practitioner]
			manager := site.A.Staff[councils.TeamManager] // of the north team
			sessions := map[string]benchSession{}
			for _, st := range []councils.Staff{lead, worker, manager} {
				sessions[st.ID] = signedInSession(b, site, st)
			}
			ids := personIDs(b, db, site.A.Council.ID, 500)
			threads := threadEpisodes(b, db, site.A.Council.ID, 500)
			queries := []string{"margaret ashdown", "jean brackley", "john copperfield", "ash", "hartwell 15/6/1941", "priya", "okafor-dale", "zz99 1ab"}
			as := sessions[lead.ID].ctx
			request := func(st councils.Staff, call func() error) error { return pageSQL(site, sessions[st.ID], st, call) }
			pages := func(i int) int { return 1 + i%4 } // the first four pages of the team's 50 at a time
			north := site.A.North.ID
			round := roundOfFivePercent(b, site, sessions)
			iqam := insightYear(b, site)
			returns := cldHeaps(b, site, people)

			b.ResetTimer()
			for range b.N {
				cookie := sessions[lead.ID].cookie
				report := []row{
					measure(b, site, cookie, "person search", limitP99, func(i int) string { return "/people?q=" + urlQuery(queries[i%len(queries)]) },
						func(i int) error {
							return request(lead, func() error { _, err := site.App.People.Search(as, queries[i%len(queries)]); return err })
						}),
					measure(b, site, cookie, "person page", limitP99, func(i int) string { return "/people/" + ids[i%len(ids)] },
						func(i int) error {
							// The page reads the person, then their episodes of work and their required actions for its
							// sections.
							return request(lead, func() error {
								if _, _, err := site.App.People.Get(as, ids[i%len(ids)]); err != nil {
									return err
								}
								if _, err := site.App.Conversations.PersonEpisodes(as, ids[i%len(ids)]); err != nil {
									return err
								}
								_, err := site.App.Duties.PersonDuties(as, ids[i%len(ids)])
								return err
							})
						}),
					measure(b, site, sessions[worker.ID].cookie, "my caseload", limitP99GT, func(int) string { return "/caseload" },
						func(int) error {
							return request(worker, func() error {
								_, err := site.App.Caseload.Caseload(sessions[worker.ID].ctx, caseloads.Filter{WorkerID: worker.ID, Page: 1})
								return err
							})
						}),
					measure(b, site, sessions[manager.ID].cookie, "team caseload", limitP99GT,
						func(i int) string { return fmt.Sprintf("/caseload?team=%s&page=%d", north, pages(i)) },
						func(i int) error {
							return request(manager, func() error {
								mctx := sessions[manager.ID].ctx
								if _, err := site.App.Caseload.Caseload(mctx, caseloads.Filter{TeamID: north, Page: pages(i)}); err != nil {
									return err
								}
								_, err := site.App.Councils.Teams(mctx)
								return err
							})
						}),
					measure(b, site, cookie, "thread view", limitP99GT,
						func(i int) string {
							t := threads[i%len(threads)]
							return "/people/" + t[0] + "/episodes/" + t[1] + "/thread"
						},
						func(i int) error {
							return request(lead, func() error {
								t := threads[i%len(threads)]
								_, _, err := site.App.Thread.Episode(as, t[0], t[1])
								return err
							})
						}),
					qualityPage(measure(b, site, cookie, "audit page", limitP99GT,
						func(i int) string { return "/quality/audits/" + round.audits[i%len(round.audits)].ID },
						func(i int) error {
							return request(lead, func() error {
								_, err := site.App.Audits.Audit(as, round.audits[i%len(round.audits)].ID)
								return err
							})
						})),
					qualityPage(measure(b, site, cookie, "round findings", limitP99GT,
						func(int) string { return "/quality/rounds/" + round.id + "/findings" },
						func(int) error {
							return request(lead, func() error { _, err := site.App.Audits.Findings(as, round.id); return err })
						})),
				}
				printReport(string(e), people, benchRate, report)
				b.ReportMetric(float64(round.create.Microseconds())/1000, "round-create-ms")
				b.ReportMetric(round.ratio(), "round-create-ratio")
				b.ReportMetric(float64(iqam.measures.Microseconds())/1000, "iqam-year-ms")
				b.ReportMetric(iqam.ratio(), "iqam-year-ratio")
				b.ReportMetric(mb(returns.large.peak), "cld-heap-mb")
				b.ReportMetric(returns.ratio(), "cld-heap-ratio")
				for _, r := range report {
					unit := strings.ReplaceAll(r.name, " ", "-")
					b.ReportMetric(float64(r.pageP99.Microseconds())/1000, unit+"-p99-ms")
					b.ReportMetric(r.ratio50(), unit+"-p50-ratio")
				}
			}
		})
	}
}

type benchSession struct {
	cookie, token string
	ctx           context.Context // signed in, as a page's store calls are
}

// signedInSession signs st in and keeps what a benchmark needs of their session.
func signedInSession(b *testing.B, site *apptest.Site, st councils.Staff) benchSession {
	b.Helper()
	client := site.SignIn(b, st)
	return benchSession{cookie: cookieHeader(client, site.Server.URL), token: sessionToken(client, site.Server.URL),
		ctx: accesslog.WithRoute(councils.WithStaff(context.Background(), st), accesslog.Page, "bench")}
}

// pageSQL runs the same SQL a page request runs, without HTTP, middleware or templates: read the session, load the
// member of staff and their council, the page's own store calls (call), then save the session.
func pageSQL(site *apptest.Site, sess benchSession, st councils.Staff, call func() error) error {
	store := site.App.Auth.Sessions().Manager().Store
	data, _, err := store.Find(sess.token)
	if err != nil {
		return err
	}
	cctx := sqldb.WithCouncil(context.Background(), st.CouncilID)
	if _, _, err := site.App.Councils.StaffAndCouncil(cctx, st.ID); err != nil {
		return err
	}
	if err := call(); err != nil {
		return err
	}
	// The session's idle deadline moves on with every request, so it is saved each time.
	return store.Commit(sess.token, data, time.Now().Add(time.Hour))
}

// benchStaff makes the council's teams (the north and south teams and more) and enough practitioners for caseloads
// of about demo.CaseloadSize, and sets the demo council's authorisation threshold.
func benchStaff(b *testing.B, site *apptest.Site, ctx context.Context, people int) ([]councils.Team, []councils.Staff) {
	b.Helper()
	teams := []councils.Team{site.A.North, site.A.South}
	for i := len(teams); i < benchTeams; i++ {
		t, err := site.App.Councils.CreateTeam(ctx, fmt.Sprintf("Locality %d", i+1))
		if err != nil {
			b.Fatal(err)
		}
		teams = append(teams, t)
	}
	staff := []councils.Staff{site.A.SouthWorker}
	for _, st := range site.A.Staff {
		staff = append(staff, st)
	}
	for i := range demo.Practitioners(people) - 2 {
		st, err := site.App.Councils.CreateStaff(ctx, councils.NewStaff{Email: fmt.Sprintf("bench.worker%d@example.org", i+1),
			Name: fmt.Sprintf("Bench Worker %d", i+1), Role: councils.Practitioner, TeamIDs: []string{teams[i%len(teams)].ID}})
		if err != nil {
			b.Fatal(err)
		}
		staff = append(staff, st)
	}
	c, err := site.App.Councils.CouncilByID(ctx, site.A.Council.ID)
	if err != nil {
		b.Fatal(err)
	}
	set := c.Settings
	set.AuthorisationThresholdPence = demo.Threshold
	if err := site.App.Councils.UpdateSettings(ctx, c.MFARequired, set, c.Version); err != nil {
		b.Fatal(err)
	}
	return teams, staff
}

// threadEpisodes picks n episodes that have outcomes, as person and episode IDs, for the thread view.
func threadEpisodes(b *testing.B, db *sqldb.DB, council string, n int) [][2]string {
	b.Helper()
	out := dbtest.Pairs(b, db, council, `SELECT e.person_id, e.id FROM episode e WHERE e.council_id = $1
		AND EXISTS (SELECT 1 FROM outcome o WHERE o.council_id = e.council_id AND o.episode_id = e.id) ORDER BY e.id`, council)
	rng := rand.New(rand.NewPCG(3, 4))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if len(out) == 0 {
		b.Fatal("no episode has outcomes")
	}
	return out[:min(n, len(out))]
}

type row struct {
	name             string
	goal             time.Duration // the p99 the page must stay under
	p99Only          bool          // the goal is the p99 alone, the page's SQL reported beside it (the quality pages)
	sqlP50, sqlP99   time.Duration
	pageP50, pageP99 time.Duration
	success          float64
	requests         uint64
	waited           sqldb.Waits // waits for a connection during the page's run: the SQLite writer or a reader, a PostgreSQL connection
}

func (r row) ratio50() float64 { return float64(r.pageP50) / float64(r.sqlP50) }
func (r row) ratio99() float64 { return float64(r.pageP99) / float64(r.sqlP99) }

// measure times the store call alone, sequentially, then the page at a fixed rate on loopback.
func measure(b *testing.B, site *apptest.Site, cookie, name string, goal time.Duration, path func(int) string, alone func(int) error) row {
	b.Helper()
	r := row{name: name, goal: goal}
	var sql []time.Duration
	for i := range 500 {
		t0 := time.Now()
		if err := alone(i); err != nil {
			b.Fatalf("%s alone: %v", name, err)
		}
		sql = append(sql, time.Since(t0))
	}
	r.sqlP50, r.sqlP99 = percentile(sql, 50), percentile(sql, 99)

	duration := attackDuration()
	n := int(benchRate * duration / time.Second)
	targets := make([]vegeta.Target, n)
	for i := range targets {
		targets[i] = vegeta.Target{Method: http.MethodGet, URL: site.Server.URL + path(i), Header: http.Header{"Cookie": {cookie}}}
	}
	attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.Redirects(vegeta.NoFollow))
	var m vegeta.Metrics
	stopProfile := cpuProfile(b, name)
	before := site.App.DB.Waits()
	for res := range attacker.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: benchRate, Per: time.Second}, duration, name) {
		if res.Code != http.StatusOK {
			res.Error = "status " + strconv.Itoa(int(res.Code))
		}
		m.Add(res)
	}
	m.Close()
	r.waited = site.App.DB.Waits().Sub(before)
	stopProfile()
	r.pageP50, r.pageP99, r.success, r.requests = m.Latencies.P50, m.Latencies.P99, m.Success, m.Requests
	if wrong := wrongAnswers(m.StatusCodes); wrong != "" {
		b.Errorf("%s: %s", name, wrong)
	}
	return r
}

// wrongAnswers says which requests a page answered wrongly, by status code, or is empty when there were none: a
// page answers 200, or 303 after a save. A page the machine cannot keep up with is refused (503, web.Shed) or times out (no status): that is a measure of
// speed, reported in the table and against the goal, and depends on what else the machine is doing. Any other
// status is a fault in the page, whatever the load, and fails the benchmark, so that the quick run in CI proves
// every page still answers without its result hanging on the machine's load.
func wrongAnswers(codes map[string]int) string {
	var wrong []string
	for code, n := range codes {
		status, err := strconv.Atoi(code)
		if err != nil || (status >= 400 && status != http.StatusServiceUnavailable) || (status > 0 && status < 200) {
			wrong = append(wrong, fmt.Sprintf("%d answered %s", n, code))
		}
	}
	if len(wrong) == 0 {
		return ""
	}
	slices.Sort(wrong)
	return "requests answered wrongly: " + strings.Join(wrong, ", ")
}

// cpuProfile starts a CPU profile of the page's run when GT_BENCH_CPUPROFILE names a folder, written there as
// <engine>-<page>.pprof (read it with go tool pprof -top), and returns what stops it.
func cpuProfile(b *testing.B, name string) func() {
	dir := os.Getenv("GT_BENCH_CPUPROFILE")
	if dir == "" {
		return func() {}
	}
	engine, _, _ := strings.Cut(b.Name(), "/")
	if parts := strings.Split(b.Name(), "/"); len(parts) > 1 {
		engine = parts[1]
	}
	f, err := os.Create(filepath.Join(dir, engine+"-"+strings.ReplaceAll(name, " ", "-")+".pprof"))
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Error(err)
		}
	}
}

// attackDuration is how long each page is measured at the fixed rate: benchDuration, or GT_BENCH_SECONDS.
func attackDuration() time.Duration {
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_SECONDS")); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return benchDuration
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func printReport(engine string, people, rate int, rows []row) {
	fmt.Printf("\n%s, %d people, %d requests a second for %s:\n", engine, people, rate, attackDuration())
	fmt.Printf("  %-14s %10s %10s %10s %10s %8s %8s %8s  %-28s  %s\n", "page", "SQL p50", "SQL p99", "page p50", "page p99", "p50 ×", "p99 ×", "ok",
		"goal: ≤2× SQL, p99 under", "waited for a connection, a request (writer; reader)")
	for _, r := range rows {
		verdict := fmt.Sprintf("%s: met", ms(r.goal))
		if (r.ratio50() > limitRatio && !r.p99Only) || r.pageP99 > r.goal {
			verdict = fmt.Sprintf("%s: NOT MET", ms(r.goal))
		}
		perRequest := func(w sqldb.Wait) string {
			return fmt.Sprintf("%s (%d)", ms(w.Time/time.Duration(max(1, r.requests))), w.Count)
		}
		fmt.Printf("  %-14s %10s %10s %10s %10s %8.2f %8.2f %7.1f%%  %-28s  %s; %s\n", r.name, ms(r.sqlP50), ms(r.sqlP99), ms(r.pageP50), ms(r.pageP99),
			r.ratio50(), r.ratio99(), 100*r.success, verdict, perRequest(r.waited.Writer), perRequest(r.waited.Reader))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func cookieHeader(c *http.Client, base string) string {
	req, _ := http.NewRequest(http.MethodGet, base, nil)
	var out string
	for _, ck := range c.Jar.Cookies(req.URL) {
		if out != "" {
			out += "; "
		}
		out += ck.Name + "=" + ck.Value
	}
	return out
}

func sessionToken(c *http.Client, base string) string {
	req, _ := http.NewRequest(http.MethodGet, base, nil)
	for _, ck := range c.Jar.Cookies(req.URL) {
		if ck.Name == auth.CookieName {
			return ck.Value
		}
	}
	return ""
}

func personIDs(b *testing.B, db *sqldb.DB, council string, n int) []string {
	b.Helper()
	ids := dbtest.Column[string](b, db, council, `SELECT id FROM person WHERE council_id = $1 ORDER BY id`, council)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids[:min(n, len(ids))]
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// The benchmarks fail on a page that answers wrongly and on nothing else, so that CI's quick run cannot fail for a
// busy machine.
func TestWrongAnswers(t *testing.T) {
	tests := []struct {
		codes map[string]int
		wrong bool
	}{
		{map[string]int{"200": 10}, false},
		{map[string]int{"303": 9}, false},           // after a save
		{map[string]int{"200": 5, "503": 5}, false}, // refused under load
		{map[string]int{"200": 5, "0": 2}, false},   // timed out under load
		{map[string]int{"200": 5, "500": 1}, true},  // a fault
		{map[string]int{"404": 1}, true},            // a wrong address
		{map[string]int{"403": 1, "503": 1}, true},  // refused by role
		{map[string]int{"101": 1}, true},            // not a page
		{map[string]int{"unknown": 1}, true},
	}
	for _, tt := range tests {
		if got := wrongAnswers(tt.codes); (got != "") != tt.wrong {
			t.Errorf("wrongAnswers(%v) = %q, want wrong: %v", tt.codes, got, tt.wrong)
		}
	}
}
