package app_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The directory's limits: 20,000 services; search within twice its SQL, and its p99 under 20 ms.
const (
	benchServices   = 20_000
	limitDirP99     = 20 * time.Millisecond
	benchImportSeed = 11
)

// BenchmarkDirectory generates an Open Referral UK feed of 20,000 fictional services (demo.WriteDirectory) and, on
// each engine, imports it through the real importer, timing the import and sampling the heap during it, after first
// importing a feed a quarter of the size into the other council, so the report shows whether memory grows with the
// file. Then it measures the practitioners' search (by words, and by distance from a postcode) and the public Open
// Referral UK /services?text=... at 50 a page, at a fixed rate through the whole server, beside the same store
// calls alone. Run it with make bench; GT_BENCH_SERVICES sets another size for a quick run, and GT_BENCH_IMPORT_ONLY
// measures the imports alone (GT_BENCH_IMPORT_IN_MEMORY=1 holding the files in memory instead, for comparison). Never part of make test.
func BenchmarkDirectory(b *testing.B) {
	services := benchServices
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_SERVICES")); err == nil && n > 0 {
		services = n
	}
	small := max(1, services/4)
	feeds := b.TempDir()
	smallDir, fullDir := filepath.Join(feeds, "small"), filepath.Join(feeds, "full")
	for _, f := range []struct {
		dir string
		n   int
	}{{smallDir, small}, {fullDir, services}} {
		if err := demo.WriteDirectory(f.dir, benchImportSeed, f.n); err != nil {
			b.Fatal(err)
		}
	}
	fmt.Printf("\nfeed files: %d services %s, %d services %s\n", small, folderSize(b, smallDir), services, folderSize(b, fullDir))

	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.Open(b, e)
			site := apptest.Start(b, db)
			bg := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
			if _, err := site.App.Postcodes.Import(bg, func() (io.ReadCloser, error) { return os.Open(filepath.Join(fullDir, demo.PostcodeFile)) }); err != nil {
				b.Fatal(err)
			}
			// The smaller feed goes to council B, the full one to council A, whose directory is then searched.
			imports := []importRun{
				importFeed(b, site, site.B.Council.ID, smallDir, small),
				importFeed(b, site, site.A.Council.ID, fullDir, services),
			}
			printImports(string(e), imports)
			if os.Getenv("GT_BENCH_IMPORT_ONLY") != "" {
				return
			}
			settle(b, db)

			worker := site.A.Staff[councils.Practitioner]
			client := site.SignIn(b, worker)
			cookie := cookieHeader(client, site.Server.URL)
			token := sessionToken(client, site.Server.URL)
			as := councils.WithStaff(sqldb.WithCouncil(context.Background(), worker.CouncilID), worker)
			// The SQL a search page runs, without HTTP, middleware or templates: the session, the member of staff and
			// their council, the search (with the categories for the form), and saving the session.
			signedIn := func(call func() error) error {
				store := site.App.Auth.Sessions().Manager().Store
				data, _, err := store.Find(token)
				if err != nil {
					return err
				}
				if _, _, err := site.App.Councils.StaffAndCouncil(sqldb.WithCouncil(context.Background(), worker.CouncilID), worker.ID); err != nil {
					return err
				}
				if err := call(); err != nil {
					return err
				}
				return store.Commit(token, data, time.Now().Add(time.Hour))
			}
			words := []directory.Search{{Words: "walking group"}, {Words: "memory"}, {Words: "carers support"},
				{Words: "lunch", Cost: directory.CostFree}, {Words: "benefits advice"}, {Words: "exercise", Day: "TU"}}
			near := []directory.Search{{Postcode: demo.DirectoryPostcode(210), Miles: 1}, {Postcode: demo.DirectoryPostcode(45), Miles: 3, Words: "lunch"},
				{Postcode: demo.DirectoryPostcode(333), Miles: 1, Words: "befriending"}}
			texts := []string{"walking", "lunch club", "dementia", "advice", "garden"}
			code := site.A.Council.Code

			b.ResetTimer()
			for range b.N {
				report := []row{
					measure(b, site, cookie, "search words", limitDirP99, func(i int) string { return searchPath(words[i%len(words)]) },
						func(i int) error {
							return signedIn(func() error { _, err := site.App.Directory.Search(as, words[i%len(words)]); return err })
						}),
					measure(b, site, cookie, "search near", limitDirP99, func(i int) string { return searchPath(near[i%len(near)]) },
						func(i int) error {
							return signedIn(func() error { _, err := site.App.Directory.Search(as, near[i%len(near)]); return err })
						}),
					measure(b, site, "", "API services", limitDirP99, func(i int) string {
						return "/oruk/" + code + "/services?per_page=50&text=" + urlQuery(texts[i%len(texts)])
					}, func(i int) error {
						// No session: the council by its code, then the page of services.
						c, err := site.App.Councils.CouncilByCode(context.Background(), code)
						if err != nil {
							return err
						}
						_, err = site.App.Directory.APIServices(sqldb.WithCouncil(context.Background(), c.ID), directory.Query{Text: texts[i%len(texts)], PerPage: 50})
						return err
					}),
				}
				printDirectoryReport(string(e), services, report)
				for _, r := range report {
					unit := strings.ReplaceAll(r.name, " ", "-")
					b.ReportMetric(float64(r.pageP99.Microseconds())/1000, unit+"-p99-ms")
					b.ReportMetric(r.ratio50(), unit+"-p50-ratio")
				}
			}
		})
	}
}

// settle writes what the imports changed to the database files before searching is measured, so the search
// figures are of searching, not of the imports' writes going to disk alongside: on PostgreSQL a CHECKPOINT (as the
// test server's administrator: it needs pg_checkpoint), which otherwise runs for minutes after an import of this
// size, spread over the measurement; on SQLite a checkpoint of the write-ahead log into the database file.
func settle(b *testing.B, db *sqldb.DB) {
	b.Helper()
	ctx := context.Background()
	if db.Engine() == sqldb.SQLite {
		if _, err := db.SQL().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		return
	}
	conn, err := pgx.Connect(ctx, dbtest.PostgresURL())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CHECKPOINT`); err != nil {
		b.Fatal(err)
	}
}

func searchPath(q directory.Search) string {
	v := []string{}
	add := func(k, val string) {
		if val != "" {
			v = append(v, k+"="+urlQuery(val))
		}
	}
	add("words", q.Words)
	add("day", q.Day)
	add("cost", q.Cost)
	add("postcode", q.Postcode)
	if q.Miles > 0 {
		add("miles", strconv.FormatFloat(q.Miles, 'f', -1, 64))
	}
	return "/directory/search?" + strings.Join(v, "&")
}

// importRun is one timed import and the most memory it used.
type importRun struct {
	services int
	records  int
	took     time.Duration
	peakLive uint64 // the most live heap (as the last garbage collection found it) during the import, above before
	peakHeap uint64 // the most heap in use, garbage not yet collected included, above before
}

// importFeed reads a generated feed from its folder and imports it, as goldenthread directory import does, while a
// goroutine samples the heap every 5 ms: the live heap that each garbage collection finds (runtime/metrics
// /gc/heap/live:bytes), which is what the import keeps, and runtime.MemStats.HeapInuse, which adds garbage not yet
// collected and so depends on GOGC.
func importFeed(b *testing.B, site *apptest.Site, council, dir string, services int) importRun {
	b.Helper()
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	baseLive := live[0].Value.Uint64()
	var peakLive, peakHeap atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			metrics.Read(s)
			peakLive.Store(max(peakLive.Load(), s[0].Value.Uint64()))
			runtime.ReadMemStats(&m)
			peakHeap.Store(max(peakHeap.Load(), m.HeapInuse))
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	files, err := directory.ReadFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	var onlyFeed []directory.File
	for _, f := range files {
		if f.Name == demo.PostcodeFile {
			continue
		}
		if os.Getenv("GT_BENCH_IMPORT_IN_MEMORY") != "" {
			// For comparison: the files held in memory, as an upload from the import page is.
			if f.Data, err = os.ReadFile(filepath.Join(dir, f.Name)); err != nil {
				b.Fatal(err)
			}
		}
		onlyFeed = append(onlyFeed, f)
	}
	rep, err := site.App.Directory.Import(councilContext(council), onlyFeed, false)
	took := time.Since(start)
	// One more collection, so the live heap the import left at its end is counted too.
	runtime.GC()
	close(stop)
	wg.Wait()
	if err != nil || !rep.OK() {
		b.Fatalf("import %d services: %v %v", services, err, rep.Problems)
	}
	created, _, _ := rep.Totals()
	above := func(peak, base uint64) uint64 {
		if peak < base {
			return 0
		}
		return peak - base
	}
	return importRun{services: services, records: created, took: took,
		peakLive: above(peakLive.Load(), baseLive), peakHeap: above(peakHeap.Load(), before.HeapInuse)}
}

func councilContext(council string) context.Context {
	return sqldb.WithCouncil(context.Background(), council)
}

func printImports(engine string, runs []importRun) {
	how := "read from its folder row by row"
	if os.Getenv("GT_BENCH_IMPORT_IN_MEMORY") != "" {
		how = "its files held in memory"
	}
	fmt.Printf("\n%s, importing a generated feed (%s, checked, then saved in one transaction):\n", engine, how)
	fmt.Printf("  %10s %10s %12s %16s %16s\n", "services", "records", "time", "peak live heap", "peak heap in use")
	for _, r := range runs {
		fmt.Printf("  %10d %10d %12s %13.1f MB %13.1f MB\n", r.services, r.records, r.took.Round(time.Millisecond), mb(r.peakLive), mb(r.peakHeap))
	}
	if len(runs) == 2 && runs[0].peakLive > 0 {
		fmt.Printf("  %.0f× the services: %.1f× the peak live heap, %.1f kB more for each service added\n",
			float64(runs[1].services)/float64(max(1, runs[0].services)), float64(runs[1].peakLive)/float64(runs[0].peakLive),
			(float64(runs[1].peakLive)-float64(runs[0].peakLive))/float64(max(1, runs[1].services-runs[0].services))/1024)
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

func folderSize(b *testing.B, dir string) string {
	b.Helper()
	var n int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return fmt.Sprintf("(%.1f MB)", float64(n)/(1<<20))
}

func printDirectoryReport(engine string, services int, rows []row) {
	fmt.Printf("\n%s, %d services, %d requests a second for %s:\n", engine, services, benchRate, attackDuration())
	fmt.Printf("  %-14s %10s %10s %10s %10s %8s %8s %8s  %s\n", "page", "SQL p50", "SQL p99", "page p50", "page p99", "p50 ×", "p99 ×", "ok", "goal: ≤2× SQL, p99 < 20 ms")
	for _, r := range rows {
		verdict := "met"
		if r.ratio50() > limitRatio || r.pageP99 > r.goal {
			verdict = "NOT MET"
		}
		fmt.Printf("  %-14s %10s %10s %10s %10s %8.2f %8.2f %7.1f%%  %s\n", r.name, ms(r.sqlP50), ms(r.sqlP99), ms(r.pageP50), ms(r.pageP99),
			r.ratio50(), r.ratio99(), 100*r.success, verdict)
	}
}
