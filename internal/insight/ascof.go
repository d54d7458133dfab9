package insight

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The measures of the Adult Social Care Outcomes Framework and the SALT-style sequels take their facts from the
// Client Level Data return's own events (cld.Derive), so that the measures and the file DHSC receives can never
// disagree (issue 16, item 8).

// fromReturn is the facts of one measure the return's events give (a cld.Finding* measure), each with the team of
// the episode it belongs to and the person's equality fields.
func fromReturn(measure string) func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		ctx = keepingFindings(ctx)
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
		kept := ctx.Value(findingsCtxKey{}).(*findings)
		if err := kept.resolve(ctx, tx, found); err != nil {
			return err
		}
		for _, fd := range found {
			f := kept.episodes[fd.EpisodeID]
			f.EpisodeID, f.On, f.In, f.Group = fd.EpisodeID, fd.On, fd.In, fd.Group
			emit(f)
		}
		return nil
	}
}

// findings keeps what was derived from the return while answering one request: each period's findings, so that
// the measures of one IQAM pack derive each period once rather than once a measure, and the team and person of
// each episode a finding belongs to, read once however many measures and periods count it.
type findings struct {
	periods  map[findingsKey][]cld.Finding
	episodes map[string]Fact // by episode: its team, its person and their fields
}

type findingsKey struct {
	council  string
	from, to sqldb.Date
}

type findingsCtxKey struct{}

// withFindings is ctx with a place to keep the findings derived while it lasts.
func withFindings(ctx context.Context) context.Context {
	return context.WithValue(ctx, findingsCtxKey{}, &findings{periods: map[findingsKey][]cld.Finding{}, episodes: map[string]Fact{}})
}

// Sharing is ctx in which the measures derived from the return derive each period once between them, as the IQAM
// pack does: for a caller that computes several measures with Tallies in one transaction.
func Sharing(ctx context.Context) context.Context { return keepingFindings(ctx) }

// keepingFindings is ctx with a place to keep findings, unless it has one already.
func keepingFindings(ctx context.Context) context.Context {
	if _, ok := ctx.Value(findingsCtxKey{}).(*findings); ok {
		return ctx
	}
	return withFindings(ctx)
}

// prefetch derives the findings of every period ctx does not keep yet, all in one read of the return
// (cld.DeriveEach), and keeps them: a monthly series of five years, or the IQAM pack's three periods, reads the
// return once rather than once a period.
func prefetch(ctx context.Context, tx *sqldb.Tx, periods []Period) error {
	kept, _ := ctx.Value(findingsCtxKey{}).(*findings)
	if kept == nil {
		return nil
	}
	var spans []cld.Span
	var keys []findingsKey
	for _, p := range periods {
		key := findingsKey{tx.Council(), p.From, p.To}
		if _, ok := kept.periods[key]; ok || slices.Contains(keys, key) {
			continue
		}
		spans, keys = append(spans, cld.Span{From: p.From, To: p.To}), append(keys, key)
	}
	each := make([][]cld.Finding, len(spans))
	if err := cld.DeriveEach(ctx, tx, spans, func(i int, f cld.Finding) { each[i] = append(each[i], f) }); err != nil {
		return err
	}
	for i, key := range keys {
		kept.periods[key] = each[i]
	}
	return nil
}

// derived is every finding of the return for the period, derived once for each period while ctx keeps them.
func derived(ctx context.Context, tx *sqldb.Tx, p Period) ([]cld.Finding, error) {
	kept, _ := ctx.Value(findingsCtxKey{}).(*findings)
	key := findingsKey{tx.Council(), p.From, p.To}
	if kept != nil {
		if out, ok := kept.periods[key]; ok {
			return out, nil
		}
	}
	var out []cld.Finding
	if err := cld.Derive(ctx, tx, p.From, p.To, func(f cld.Finding) { out = append(out, f) }); err != nil {
		return nil, err
	}
	if kept != nil {
		kept.periods[key] = out
	}
	return out, nil
}

// resolveBatch is how many episodes resolve reads at a time.
const resolveBatch = 500

// resolve reads the team, the person and their fields of each episode of found not read yet.
func (k *findings) resolve(ctx context.Context, tx *sqldb.Tx, found []cld.Finding) error {
	var ids []string
	for _, f := range found {
		if _, ok := k.episodes[f.EpisodeID]; !ok {
			k.episodes[f.EpisodeID] = Fact{} // so that it is asked for once; filled in below
			ids = append(ids, f.EpisodeID)
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), resolveBatch)
		args := []any{tx.Council()}
		marks := make([]string, n)
		for i, id := range ids[:n] {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(i+2)
		}
		err := sqldb.Each(ctx, tx, `SELECT e.id, e.team_id, `+personColumns+`
			FROM episode e JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			WHERE e.council_id = $1 AND e.id IN (`+strings.Join(marks, ", ")+`)`, args,
			func(rows *sql.Rows) error {
				var f Fact
				var id string
				if err := scanFact(rows, &f, &id); err != nil {
					return err
				}
				k.episodes[id] = f
				return nil
			})
		if err != nil {
			return fmt.Errorf("read the episodes of the return's findings: %w", err)
		}
		ids = ids[n:]
	}
	return nil
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
