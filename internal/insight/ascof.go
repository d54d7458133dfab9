package insight

import (
	"context"
	"math"
	"slices"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The measures of the Adult Social Care Outcomes Framework and the SALT-style sequels take their facts from the
// Client Level Data return's own events (cld.Derive), so that the measures and the file DHSC receives can never
// disagree (issue 16, item 8).

// fromReturn is the facts of one measure the return's events give (a cld.Finding* measure), each of the person and
// episode it rests on.
func fromReturn(measure string) func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		all, err := derived(ctx, tx, p)
		if err != nil {
			return err
		}
		var found []cld.Finding
		for _, f := range all {
			if f.Measure == measure {
				found = append(found, f)
			}
		}
		for _, fd := range found {
			emit(Fact{PersonID: fd.PersonID, EpisodeID: fd.EpisodeID, On: fd.On, In: fd.In, Group: fd.Group})
		}
		return nil
	}
}

// prefetch derives the findings of every period ctx does not keep yet, all in one read of the return
// (cld.DeriveEach), and keeps them: a monthly series of five years, or the IQAM pack's three periods, reads the
// return once rather than once a period.
func prefetch(ctx context.Context, tx *sqldb.Tx, periods []Period) error {
	kept := memoOf(ctx, tx)
	if kept == nil {
		return nil
	}
	var spans []cld.Span
	var keys []findingsKey
	for _, p := range periods {
		key := findingsKey{p.From, p.To}
		if _, ok := kept.findings[key]; ok || slices.Contains(keys, key) {
			continue
		}
		spans, keys = append(spans, cld.Span{From: p.From, To: p.To}), append(keys, key)
	}
	each := make([][]cld.Finding, len(spans))
	if err := cld.DeriveEach(ctx, tx, spans, func(i int, f cld.Finding) { each[i] = append(each[i], f) }); err != nil {
		return err
	}
	for i, key := range keys {
		kept.findings[key] = each[i]
	}
	return nil
}

// derived is every finding of the return for the period, derived once for each period while ctx keeps them.
func derived(ctx context.Context, tx *sqldb.Tx, p Period) ([]cld.Finding, error) {
	kept := memoOf(ctx, tx)
	key := findingsKey{p.From, p.To}
	if kept != nil {
		if out, ok := kept.findings[key]; ok {
			return out, nil
		}
	}
	var out []cld.Finding
	if err := cld.Derive(ctx, tx, p.From, p.To, func(f cld.Finding) { out = append(out, f) }); err != nil {
		return nil, err
	}
	if kept != nil {
		kept.findings[key] = out
	}
	return out, nil
}

// The texts of a rate with no population to be out of.
const (
	PopulationNotRecorded = "Population not recorded"
	NoGroupPopulation     = "No population for this group"
)

// perGroup gives each tally of a Rate the population it is out of: the measure's own ages for the council as a
// whole, a month or the measure's own categories; an age band's own population by age band; and none for the
// other cuts, whose groups the council's population is not recorded by within the measure's ages.
func perGroup(ctx context.Context, tx *sqldb.Tx, m Measure, by Cut, out []Tally, all *Tally) error {
	pop, err := ReadPopulation(ctx, tx)
	if err != nil {
		return err
	}
	whole, ok := 0, false
	if pop.Recorded() && m.per != nil {
		whole, ok = m.per(pop)
	}
	set := func(t *Tally, n int, known bool, why string) {
		if known && n > 0 {
			t.Per = n
			return
		}
		t.NoPer = why
	}
	set(all, whole, ok, PopulationNotRecorded)
	for i := range out {
		switch {
		case !ok:
			set(&out[i], 0, false, PopulationNotRecorded)
		case by == ByAgeBand:
			n, known := pop.Of(ByAgeBand, out[i].Key)
			set(&out[i], n, known, NoGroupPopulation)
		case by == Whole || by == ByGroup:
			set(&out[i], whole, true, "")
		default:
			set(&out[i], 0, false, NoGroupPopulation)
		}
	}
	return nil
}

// rate is a Rate's figure: its safe count (withheld from 1 to 5, and rounded, as every count is) per 100,000 of
// the tally's population, to one decimal place; or, with no population, the reason, and true.
func rate(of disclosure.Figure, t Tally) (string, float64, bool) {
	if t.Per <= 0 {
		if t.NoPer == "" {
			return PopulationNotRecorded, 0, true
		}
		return t.NoPer, 0, true
	}
	n, _ := of.Value()
	r := math.Round(float64(n)*100000/float64(t.Per)*10) / 10
	return strconv.FormatFloat(r, 'f', 1, 64) + " per 100,000", r, false
}

// aged is the population of a Rate over the ages from to to (to below zero for no upper age).
func aged(from, to int) func(Population) (int, bool) {
	return func(p Population) (int, bool) { return p.Aged(from, to) }
}
