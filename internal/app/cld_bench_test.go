package app_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The Client Level Data limit (issue: insight and evaluation): the return of a council is written in one stream,
// its peak live heap within 1.2× between a council of 10,000 people and one of 50,000, so that memory does not grow
// with the council's size.
const limitCLDHeapRatio = 1.2

// cldExport is one council's return written once: its size, how long it took, and the live heap it added at its
// peak above what was live before it began.
type cldExport struct {
	people, rows int
	took         time.Duration
	grew         uint64
}

type cldStream struct{ small, large cldExport }

func (c cldStream) ratio() float64 { return float64(c.large.grew) / float64(max(c.small.grew, 1)) }

// cldHeaps gives council B a fifth as many people as A has (10,000 beside 50,000), with the same generator, then
// writes each council's return for the last whole quarter to nowhere, watching the live heap throughout, and
// prints both.
func cldHeaps(b *testing.B, site *apptest.Site, people int) cldStream {
	b.Helper()
	small := max(people/5, 100)
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.B.Council.ID), "goldenthread bench")
	if err := demo.AddDirectory(ctx, site.App.DB, 8, demo.DirectoryServices); err != nil {
		b.Fatal(err)
	}
	var staff []councils.Staff
	for _, st := range site.B.Staff {
		staff = append(staff, st)
	}
	if err := demo.AddPeople(ctx, site.App.DB, []councils.Team{site.B.North, site.B.South}, staff, demo.Options{People: small, Seed: 8}); err != nil {
		b.Fatal(err)
	}
	settle(b, site.App.DB)
	// The history's access-log entries are sealed first, as the bench does for A's, so that the sealer is not
	// catching up on them while the return is written.
	if _, err := site.App.Log.Seal(ctx); err != nil {
		b.Fatal(err)
	}
	out := cldStream{
		small: cldWrite(b, site, site.B.Council.ID, small),
		large: cldWrite(b, site, site.A.Council.ID, people),
	}
	fmt.Printf("\nThe Client Level Data return for %s, streamed: %d people, %d rows in %s, %.1f MB of heap at its peak above before;"+
		" %d people, %d rows in %s, %.1f MB: %.2f× (goal %.1f×).\n",
		cld.LastQuarter(site.App.DB.Today()), out.small.people, out.small.rows, out.small.took.Round(time.Millisecond), mb(out.small.grew),
		out.large.people, out.large.rows, out.large.took.Round(time.Millisecond), mb(out.large.grew), out.ratio(), limitCLDHeapRatio)
	return out
}

// cldWrite writes one council's return, as `goldenthread cld export --allow-rejects` does, to nowhere: once timed,
// then once watching the heap. For the second the collector runs after every 5% of growth, so that the heap's
// objects (live, and dead not yet collected) stay within a twentieth of what is live, and they are read every
// millisecond from a collection just before the return begins until it ends: the peak above the heap before is
// what the return held at once, and a return that held every row would grow it with the council's size.
func cldWrite(b *testing.B, site *apptest.Site, council string, people int) cldExport {
	b.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), council), "goldenthread bench")
	quarter, err := cld.ParseQuarter(cld.LastQuarter(site.App.DB.Today()))
	if err != nil {
		b.Fatal(err)
	}
	live := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(live)
		return live[0].Value.Uint64()
	}
	store := cld.NewStore(site.App.DB)
	t0 := time.Now()
	rows, err := store.Write(ctx, quarter, io.Discard, true)
	if err != nil {
		b.Fatal(err)
	}
	out := cldExport{people: people, rows: rows, took: time.Since(t0)}

	defer debug.SetGCPercent(debug.SetGCPercent(5))
	runtime.GC()
	before := read()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	_, err = store.Write(ctx, quarter, io.Discard, true)
	close(done)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	if peak > before {
		out.grew = peak - before
	}
	return out
}
