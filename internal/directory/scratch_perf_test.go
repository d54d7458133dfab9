package directory_test

// Scratch: not to commit.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/jackc/pgx/v5"
)

func TestScratchPerf(t *testing.T) {
	url := os.Getenv("GT_SCRATCH_DB")
	if url == "" {
		t.Skip()
	}
	ctx := context.Background()
	if url == "pg" {
		url = "postgres://gt_app@127.0.0.1:5432/test?sslmode=disable&search_path=dirperf_scratch"
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		c.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS dirperf_scratch`)
		c.Close(ctx)
	}
	db, err := sqldb.Open(ctx, url, sqldb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feed := "/tmp/dirperf/feed20k"
	if _, err := os.Stat(feed); err != nil {
		if err := demo.WriteDirectory(feed, 11, 20000); err != nil {
			t.Fatal(err)
		}
	}
	cs := councils.NewStore(db)
	store := directory.NewStore(db)
	c, err := cs.CouncilByCode(ctx, "E06000099")
	var worker councils.Staff
	if err != nil {
		pc := peopletest.NewCouncil(t, db, "E06000099")
		c = pc.Council
		cc := sqldb.WithCouncil(ctx, c.ID)
		if _, err := postcodes.NewStore(db).Import(cc, func() (io.ReadCloser, error) { return os.Open(filepath.Join(feed, demo.PostcodeFile)) }); err != nil {
			t.Fatal(err)
		}
		files, _ := directory.ReadFiles(feed)
		var only []directory.File
		for _, f := range files {
			if f.Name != demo.PostcodeFile {
				only = append(only, f)
			}
		}
		start := time.Now()
		rep, err := store.Import(cc, only, false)
		if err != nil || !rep.OK() {
			t.Fatal(err, rep.Problems)
		}
		fmt.Println("import", time.Since(start))
	}
	_ = worker
	as := sqldb.WithCouncil(ctx, c.ID)
	words := []directory.Search{{Words: "walking group"}, {Words: "memory"}, {Words: "carers support"},
		{Words: "lunch", Cost: directory.CostFree}, {Words: "benefits advice"}, {Words: "exercise", Day: "TU"},
		{Postcode: demo.DirectoryPostcode(210), Miles: 1}, {Postcode: demo.DirectoryPostcode(45), Miles: 3, Words: "lunch"},
		{Postcode: demo.DirectoryPostcode(333), Miles: 1, Words: "befriending"}}
	for i, q := range words {
		if only := os.Getenv("GT_SCRATCH_ONLY"); only != "" && !strings.Contains(","+only+",", fmt.Sprintf(",%d,", i)) {
			continue
		}
		var ds []time.Duration
		var res directory.Results
		for range 15 {
			s := time.Now()
			res, err = store.Search(as, q)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(s))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		first := ""
		if len(res.Found) > 0 {
			first = res.Found[0].Name + " " + res.Found[len(res.Found)-1].ID
		}
		fmt.Printf("%-60v total %5d found %2d  p50 %8s max %8s  %s\n", fmt.Sprintf("%+v", q), res.Total, len(res.Found), ds[len(ds)/2].Round(10*time.Microsecond), ds[len(ds)-1].Round(10*time.Microsecond), first)
	}
	for _, text := range []string{"walking", "lunch club", "dementia", "advice", "garden"} {
		var ds []time.Duration
		for range 15 {
			s := time.Now()
			if _, err := store.APIServices(as, directory.Query{Text: text, PerPage: 50}); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(s))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Printf("API %-20s p50 %8s max %8s\n", text, ds[len(ds)/2].Round(10*time.Microsecond), ds[len(ds)-1].Round(10*time.Microsecond))
	}
}
