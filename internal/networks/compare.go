package networks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kept"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Models says which practice model a council has chosen (Three Conversations, local area coordination, MASOSS...).
// The practice models' own package satisfies it; the app wires it. ctx is scoped to the council asked about
// (sqldb.WithCouncil), so that the answer is read inside that council's tenancy, under its wall. A council that has
// chosen none answers "" for both.
type Models interface {
	CurrentModel(ctx context.Context, councilID string) (key, name string, err error)
}

// NoModel is the group of the councils that have chosen no practice model, or whose model is not known.
const NoModel = "No practice model recorded"

// Numbers are what leave a member council's tenancy for one measure: counts and statistics, never a row. Of and
// In are the measure's denominator and numerator (for a Count, Of is the count); Sum is a Total's sum; Per the
// population a Rate is out of. Figure is the council's own figure, made safe inside its tenancy (insight's Show).
type Numbers struct {
	Of, In int
	Sum    float64
	Per    int
	NoPer  string
	Figure insight.Figure
}

// CouncilFigures is one member council's figures for every measure compared, with its practice model.
type CouncilFigures struct {
	CouncilID string
	Name      string
	ModelKey  string
	ModelName string
	Numbers   map[string]Numbers // by measure id
}

// Row is one line of a comparison table: a council, a practice model or the whole network.
type Row struct {
	Key, Label string
	Figure     insight.Figure
	// Withheld says the row's figure is not shown because a council counted in it has a figure too small to show
	// (suppressed, or too few behind a share): shown, the row's total would let that figure be worked out by
	// subtracting the rows that are shown.
	Withheld bool
	// NotCombined says the measure is a median, which cannot be added up across councils; each council's own
	// median is shown by council.
	NotCombined bool
	Councils    int // for a practice model, how many member councils use it
	// Counts says the row's numerator and denominator may be shown beside its figure: not when any of them, or
	// what is left of the denominator, is suppressed, for the rounded counts of a withheld share can give away
	// the part that is suppressed (a numerator of 6 and a denominator of 7 both show as 5, and leave 1).
	Counts bool
}

// Text is the row's figure as a page shows it.
func (r Row) Text() string {
	switch {
	case r.Withheld:
		return WithheldText
	case r.NotCombined:
		return NotCombinedText
	}
	return r.Figure.Text
}

// The texts of a row whose figure is not shown.
const (
	WithheldText    = "Withheld: a council in it has too few to show"
	NotCombinedText = "A median is not added up across councils"
)

// MeasureComparison is one measure side by side: by council, by practice model, and for the whole network.
type MeasureComparison struct {
	Measure   insight.Measure
	ByCouncil []Row
	ByModel   []Row
	All       Row
}

// Comparison is the network's comparison of its member councils for a period.
type Comparison struct {
	Network  Network
	Period   insight.Period
	Measures []MeasureComparison
	Councils int
	At       time.Time // when it was worked out: a comparison is kept, and the page says how old it is
}

// Comparer runs the comparison: each measure inside each member council's tenancy, then the disclosure rules on
// what comes back.
type Comparer struct {
	store  *Store
	models Models
	// Parallel is how many member councils are read at once; 0 means one for each processor.
	Parallel int
	// kept holds each comparison for KeepFor, for the same network, period, measures and members, so that a page
	// opened by several of the network's staff at once, or again, reads every member council's quarter once. A
	// council that joins or leaves changes the members, and with them what is kept.
	kept *kept.Results[string, Comparison]
}

// KeepFor is how long a comparison is kept by default: a quarter's figures change little in five minutes, and a
// network's comparison reads every member council's record for the quarter.
const KeepFor = 5 * time.Minute

// NewComparer returns a comparer over the store's database. models may be nil until the practice models are
// wired, when every council falls under NoModel.
func NewComparer(store *Store, models Models) *Comparer {
	return &Comparer{store: store, models: models, kept: &kept.Results[string, Comparison]{For: KeepFor}}
}

// Compare compares the current member councils of the network whose tenancy ctx is in, for the period, on the
// measures named (every measure of the catalogue when ids is empty). A council that left, or never joined,
// contributes nothing.
func (c *Comparer) Compare(ctx context.Context, p insight.Period, ids ...string) (Comparison, error) {
	return c.compare(ctx, p, c.kept.Get, ids...)
}

// compare is Compare, with what it keeps got through keep: Results.Get, or Results.Refresh to work it out afresh.
func (c *Comparer) compare(ctx context.Context, p insight.Period, keep func(string, time.Time, func() (Comparison, error)) (Comparison, error), ids ...string) (Comparison, error) {
	n, err := c.store.Mine(ctx)
	if err != nil {
		return Comparison{}, err
	}
	measures, err := pick(ids)
	if err != nil {
		return Comparison{}, err
	}
	members, err := c.store.CurrentMembers(ctx)
	if err != nil {
		return Comparison{}, err
	}
	key := n.ID + "|" + p.Name() + "|" + strings.Join(ids, ",")
	for _, m := range members {
		key += "|" + m.CouncilID
	}
	now := time.Now()
	return keep(key, now, func() (Comparison, error) {
		figures, err := c.inEachCouncil(ctx, members, measures, p)
		if err != nil {
			return Comparison{}, err
		}
		out := Comparison{Network: n, Period: p, Councils: len(members), At: now}
		for _, m := range measures {
			out.Measures = append(out.Measures, Combine(m, figures))
		}
		return out, nil
	})
}

// RefreshEvery is how often the server works out again the comparison each network's page opens on (KeepWarm):
// within KeepFor, so that what is kept never runs out while the server runs, and no one who opens the page waits for
// the members' records to be read.
const RefreshEvery = 4 * time.Minute

// Warm works out afresh, and keeps, the comparison each network's page opens on: every measure of the quarter before
// today's. Each network's is worked out inside its own tenancy, as its staff's would be. A network whose comparison
// fails does not stop the others; the failures are returned together.
func (c *Comparer) Warm(ctx context.Context, today sqldb.Date) error {
	ids, err := c.store.networkIDs(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		if _, err := c.compare(sqldb.WithCouncil(ctx, id), insight.QuarterOf(today).Before(), c.kept.Refresh); err != nil {
			errs = append(errs, fmt.Errorf("the comparison of network %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// KeepWarm runs Warm at once and every RefreshEvery until ctx ends, as the server runs. today is the council's
// calendar date when each Warm starts.
func (c *Comparer) KeepWarm(ctx context.Context, today func() sqldb.Date, log *slog.Logger) {
	t := time.NewTicker(RefreshEvery)
	defer t.Stop()
	for {
		if err := c.Warm(ctx, today()); err != nil && ctx.Err() == nil {
			log.Error("work out the networks' comparisons", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// pick finds the measures named, in the catalogue's order, or all of them.
func pick(ids []string) ([]insight.Measure, error) {
	if len(ids) == 0 {
		return insight.Catalogue(), nil
	}
	var out []insight.Measure
	for _, id := range ids {
		m, ok := insight.Find(id)
		if !ok {
			return nil, fmt.Errorf("measure %q: %w", id, sqldb.ErrNotFound)
		}
		out = append(out, m)
	}
	return out, nil
}

// inEachCouncil computes every measure inside each member council's own tenancy, several councils at once.
func (c *Comparer) inEachCouncil(ctx context.Context, members []Member, measures []insight.Measure, p insight.Period) ([]CouncilFigures, error) {
	out := make([]CouncilFigures, len(members))
	errs := make([]error, len(members))
	parallel := c.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, m := range members {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = c.InCouncil(ctx, m, measures, p)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// InCouncil computes the measures for one member council inside its own tenancy: a read-only transaction scoped to
// that council (on PostgreSQL with its app.council_id, so its row-level security admits only its rows). Only the
// numbers of each measure leave the transaction.
func (c *Comparer) InCouncil(ctx context.Context, m Member, measures []insight.Measure, p insight.Period) (CouncilFigures, error) {
	cctx := sqldb.WithCouncil(ctx, m.CouncilID)
	out := CouncilFigures{CouncilID: m.CouncilID, Name: m.Name, Numbers: map[string]Numbers{}}
	if c.models != nil {
		var err error
		if out.ModelKey, out.ModelName, err = c.models.CurrentModel(cctx, m.CouncilID); err != nil {
			return CouncilFigures{}, fmt.Errorf("the practice model of %s: %w", m.Name, err)
		}
	}
	// The measures read what they share once between them (the return's findings, the episodes' teams), as the
	// IQAM pack does: the memo is this council's alone, made afresh for it.
	sharing := insight.Sharing(cctx)
	err := c.store.db.ReadTx(sharing, func(tx *sqldb.Tx) error {
		for _, ms := range measures {
			_, all, err := insight.Tallies(sharing, tx, ms, p, insight.Whole)
			if err != nil {
				return err
			}
			out.Numbers[ms.ID] = numbersOf(ms, all)
		}
		return nil
	})
	if err != nil {
		return CouncilFigures{}, fmt.Errorf("the measures of %s: %w", m.Name, err)
	}
	return out, nil
}

// numbersOf keeps of a council's tally only its numbers: the counts, a Total's sum, a Rate's population, and the
// council's figure made safe. The values of single facts stay behind.
func numbersOf(m insight.Measure, t insight.Tally) Numbers {
	n := Numbers{Of: t.Of, In: t.In, Per: t.Per, NoPer: t.NoPer, Figure: m.Show(t)}
	for _, v := range t.Values {
		n.Sum += v
	}
	return n
}

// hidesPart says whether a council's figure hides a count, so that a total over it must not be shown: the figure
// is withheld, or one of its counts (the numerator, the denominator, or for a share what is left of it) is
// suppressed.
func hidesPart(m insight.Measure, n Numbers) bool {
	if n.Figure.Withheld || disclosure.Safe(n.Of).Suppressed() {
		return true
	}
	return m.Kind == insight.Share && (disclosure.Safe(n.In).Suppressed() || disclosure.Safe(n.Of-n.In).Suppressed())
}

// Combine lays one measure's council figures side by side: a row for each council, a row for each practice model
// with the councils that use it added up, and the whole network. A total is shown only when every council in it
// shows all its counts; otherwise it is withheld, for its rounded total less the rows shown would give away the
// figure that was suppressed. That a total is withheld tells nothing more than the suppressed row beside it already
// does. Medians are not added up.
func Combine(m insight.Measure, councils []CouncilFigures) MeasureComparison {
	out := MeasureComparison{Measure: m}
	type group struct {
		key, name string
		members   []Numbers
		hides     bool
	}
	var models []*group
	byKey := map[string]*group{}
	all := &group{key: "all", name: "All member councils"}
	for _, c := range councils {
		n := c.Numbers[m.ID]
		hides := hidesPart(m, n)
		out.ByCouncil = append(out.ByCouncil, Row{Key: c.CouncilID, Label: c.Name, Figure: n.Figure, Counts: !hides})
		key, name := c.ModelKey, c.ModelName
		if key == "" {
			key, name = "", NoModel
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key, name: name}
			byKey[key] = g
			models = append(models, g)
		}
		for _, gr := range []*group{g, all} {
			gr.members = append(gr.members, n)
			gr.hides = gr.hides || hides
		}
	}
	// The models by name, and the councils that have chosen none last.
	slices.SortFunc(models, func(a, b *group) int {
		if (a.key == "") != (b.key == "") {
			if a.key == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a.name, b.name)
	})
	total := func(g *group) Row {
		row := Row{Key: g.key, Label: g.name, Councils: len(g.members)}
		switch {
		case m.Kind == insight.Median:
			row.NotCombined = true
		case g.hides:
			row.Withheld = true
		default:
			row.Figure = m.Show(sum(g.key, g.members))
			row.Figure.Label = g.name
			row.Counts = true
		}
		return row
	}
	for _, g := range models {
		out.ByModel = append(out.ByModel, total(g))
	}
	out.All = total(all)
	return out
}

// sum adds councils' numbers up into one tally for insight's Show: counts, a Total's sums, and a Rate's populations
// when every council has recorded its own.
func sum(key string, ns []Numbers) insight.Tally {
	t := insight.Tally{Key: key}
	var total float64
	perKnown := true
	for _, n := range ns {
		t.Of += n.Of
		t.In += n.In
		total += n.Sum
		t.Per += n.Per
		perKnown = perKnown && n.Per > 0
	}
	t.Values = []float64{total}
	if !perKnown {
		t.Per, t.NoPer = 0, "Not every council in it has recorded its population"
	}
	return t
}
