package app_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
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

// cldExport is one council's return written once: its size, how long it took, the process's live heap at its peak
// while it was written, and how much of that the return added above what was live before it began.
type cldExport struct {
	people, rows int
	took         time.Duration
	peak, grew   uint64
}

type cldStream struct{ small, large cldExport }

// ratio is the larger council's peak live heap beside the smaller one's.
func (c cldStream) ratio() float64 { return float64(c.large.peak) / float64(max(c.small.peak, 1)) }

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
	fmt.Printf("\nThe Client Level Data return for %s, streamed: %d people, %d rows in %s, live heap at its peak %.1f MB (%.0f KB above before);"+
		" %d people, %d rows in %s, %.1f MB (%.0f KB above before): %.2f× (goal %.1f×).\n",
		cld.LastQuarter(site.App.DB.Today()), out.small.people, out.small.rows, out.small.took.Round(time.Millisecond),
		mb(out.small.peak), kb(out.small.grew), out.large.people, out.large.rows, out.large.took.Round(time.Millisecond),
		mb(out.large.peak), kb(out.large.grew), out.ratio(), limitCLDHeapRatio)
	return out
}

// cldWrite writes one council's return, as `goldenthread cld export --allow-rejects` does, to nowhere: once timed
// and counted, then once watching the heap. In the second, at every tenth of the file the return's own goroutine
// stops, as it writes, for a collection, and the bytes found live are read: the peak above what was live just
// before the return began is what the return held at once, and a return that held every row would grow it with
// the council's size. The collections run while nothing else allocates, so that nothing allocated during them is
// taken for live, and ten are made whatever the council's size, so that councils are compared alike.
func cldWrite(b *testing.B, site *apptest.Site, council string, people int) cldExport {
	b.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), council), "goldenthread bench")
	quarter, err := cld.ParseQuarter(cld.LastQuarter(site.App.DB.Today()))
	if err != nil {
		b.Fatal(err)
	}
	store := cld.NewStore(site.App.DB)
	counted := &heapProbe{}
	t0 := time.Now()
	rows, err := store.Write(ctx, quarter, counted, true)
	if err != nil {
		b.Fatal(err)
	}
	out := cldExport{people: people, rows: rows, took: time.Since(t0)}

	probe := &heapProbe{every: max(counted.written/10, 1)}
	probe.next = probe.every
	before := liveHeap()
	if _, err := store.Write(ctx, quarter, probe, true); err != nil {
		b.Fatal(err)
	}
	out.peak = max(probe.peak, before)
	out.grew = out.peak - before
	return out
}

// heapProbe is where a return is written: it counts the bytes, and with every set, reads the live heap each time
// another every bytes have come.
type heapProbe struct {
	written, every, next int64
	peak                 uint64
}

func (h *heapProbe) Write(p []byte) (int, error) {
	h.written += int64(len(p))
	if h.every > 0 && h.written >= h.next {
		h.peak = max(h.peak, liveHeap())
		h.next += h.every
	}
	return len(p), nil
}

func kb(n uint64) float64 { return float64(n) / 1024 }

// liveHeap collects, then reads the bytes the collection found live.
func liveHeap() uint64 {
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	return live[0].Value.Uint64()
}
