package insight

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// memo keeps what one request has read already, so that the measures of an IQAM pack or a fair-use page, each
// computed on its own, read the record once between them: each period's findings of the return (derived once
// rather than once a measure), the team of every episode, the equality fields of each person a cut divides by,
// and the reads several measures share.
type memo struct {
	council  string // the council it was first used for: it keeps nothing for any other
	findings map[findingsKey][]cld.Finding
	teams    map[string]string // by episode, its team; nil until read
	people   map[string]Person // by person: their equality fields
	sources  map[sourceKey][]Fact
}

// sourceKey is one read that several measures share (shared), for one period.
type sourceKey struct {
	source   string
	from, to sqldb.Date
}

type findingsKey struct{ from, to sqldb.Date }

type memoCtxKey struct{}

// memoOf is the memo ctx keeps for the council of tx, or nil: a memo first used for one council is never used for
// another, so that what one council's measures read cannot reach another's.
func memoOf(ctx context.Context, tx *sqldb.Tx) *memo {
	m, _ := ctx.Value(memoCtxKey{}).(*memo)
	if m == nil {
		return nil
	}
	if m.council == "" {
		m.council = tx.Council()
	}
	if m.council != tx.Council() {
		return nil
	}
	return m
}

// withMemo is ctx with a new memo, kept while it lasts.
func withMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoCtxKey{}, &memo{findings: map[findingsKey][]cld.Finding{},
		people: map[string]Person{}, sources: map[sourceKey][]Fact{}})
}

// Sharing is ctx in which the measures read what they share once between them, as the IQAM pack does: for a
// caller that computes several measures with Tallies in one transaction.
func Sharing(ctx context.Context) context.Context { return keepingMemo(ctx) }

// keepingMemo is ctx with a memo, unless it has one already.
func keepingMemo(ctx context.Context) context.Context {
	if _, ok := ctx.Value(memoCtxKey{}).(*memo); ok {
		return ctx
	}
	return withMemo(ctx)
}

// shared hands emit the facts read (by read) of a source that several measures share, such as the solutions agreed
// in a period, reading them once for the period while ctx keeps a memo.
func shared(ctx context.Context, tx *sqldb.Tx, source string, p Period,
	read func(emit func(Fact)) error, emit func(Fact) error) error {
	m := memoOf(ctx, tx)
	if m == nil {
		var bad error
		err := read(func(f Fact) {
			if bad == nil {
				bad = emit(f)
			}
		})
		if err != nil {
			return err
		}
		return bad
	}
	key := sourceKey{source, p.From, p.To}
	facts, ok := m.sources[key]
	if !ok {
		if err := read(func(f Fact) { facts = append(facts, f) }); err != nil {
			return err
		}
		m.sources[key] = facts
	}
	for _, f := range facts {
		if err := emit(f); err != nil {
			return err
		}
	}
	return nil
}

// Prepare reads, in one read each, what the measures will need for every one of the periods, and keeps it while ctx
// keeps a memo (Sharing): the return's findings of every period for the measures derived from it, and what stood on
// each period's last day for a measure of that (Measure.onDays). Tallies of those periods then read them from the
// memo: a KPI's baseline and every quarter since, or a pack's three periods, read the record once, not once a
// period. Without a memo it reads nothing.
func Prepare(ctx context.Context, tx *sqldb.Tx, periods []Period, ms ...Measure) error {
	kept := memoOf(ctx, tx)
	if kept == nil {
		return nil
	}
	if slices.ContainsFunc(ms, func(m Measure) bool { return m.derived }) {
		if err := prefetch(ctx, tx, periods); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.onDays == nil {
			continue
		}
		var want []Period
		var days []sqldb.Date
		for _, p := range periods {
			if _, ok := kept.sources[sourceKey{m.ID, p.From, p.To}]; !ok && !slices.Contains(want, p) {
				want, days = append(want, p), append(days, p.To)
			}
		}
		if len(want) == 0 {
			continue
		}
		each := make([][]Fact, len(days))
		if err := m.onDays(ctx, tx, days, func(i int, f Fact) { each[i] = append(each[i], f) }); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		for i, p := range want {
			kept.sources[sourceKey{m.ID, p.From, p.To}] = each[i]
		}
	}
	return nil
}

// standing makes the facts of a measure of what stood on the period's last day from its reading of several days
// (Measure.onDays): one day's read, kept in ctx's memo under the measure's id, where Prepare may have put every
// period's already.
func standing(id string, onDays func(context.Context, *sqldb.Tx, []sqldb.Date, func(int, Fact)) error) func(context.Context, *sqldb.Tx, Period, func(Fact)) error {
	return func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
		read := func(emit func(Fact)) error {
			return onDays(ctx, tx, []sqldb.Date{p.To}, func(_ int, f Fact) { emit(f) })
		}
		return shared(ctx, tx, id, p, read, func(f Fact) error {
			emit(f)
			return nil
		})
	}
}

// batchSize is how many records inBatches asks for at a time.
const batchSize = 500

// inBatches runs query, which ends in "IN ", for the council in tx and the ids, a batch at a time, handing scan
// each row.
func inBatches(ctx context.Context, tx *sqldb.Tx, query string, ids []string, scan func(*sql.Rows) error) error {
	for len(ids) > 0 {
		n := min(len(ids), batchSize)
		in, args := sqldb.In([]any{tx.Council()}, ids[:n])
		if err := sqldb.Each(ctx, tx, query+"("+in+")", args, scan); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// readPeople reads the equality fields of each person of facts not read yet. Facts about no one (staff answers)
// have none.
func (m *memo) readPeople(ctx context.Context, tx *sqldb.Tx, facts []Fact) error {
	var ids []string
	for _, f := range facts {
		if _, ok := m.people[f.PersonID]; !ok && f.PersonID != "" {
			m.people[f.PersonID] = Person{} // asked for once, and filled in below
			ids = append(ids, f.PersonID)
		}
	}
	err := inBatches(ctx, tx, `SELECT id, date_of_birth, gender, ethnicity, disability, primary_support_reason, client_type
		FROM person WHERE council_id = $1 AND id IN `, ids, func(rows *sql.Rows) error {
		var id string
		var p Person
		if err := rows.Scan(&id, &p.Born, &p.Gender, &p.Ethnicity, &p.Disability, &p.SupportReason, &p.Client); err != nil {
			return err
		}
		m.people[id] = p
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the equality fields of the people counted: %w", err)
	}
	return nil
}

// readTeams reads the team of every episode of the council, once: one read of an index that holds them
// (episode_ended), rather than a join to the episode for each fact of each measure.
func (m *memo) readTeams(ctx context.Context, tx *sqldb.Tx) error {
	if m.teams != nil {
		return nil
	}
	m.teams = map[string]string{}
	err := sqldb.Each(ctx, tx, `SELECT id, team_id FROM episode WHERE council_id = $1 AND team_id IS NOT NULL`, []any{tx.Council()},
		func(rows *sql.Rows) error {
			var id, team string
			if err := rows.Scan(&id, &team); err != nil {
				return err
			}
			m.teams[id] = team
			return nil
		})
	if err != nil {
		return fmt.Errorf("read the team of each episode: %w", err)
	}
	return nil
}

// read hands emit the facts of m for the period with what the cut divides them by that their own read leaves out:
// the team of a fact of an episode, by team (a fact's team is its episode's, unless its read names one, as a
// safeguarding enquiry's does, the person's); and the person's equality fields, by a protected characteristic
// (Cut.ofPerson). Each is read once while ctx keeps a memo.
func (m Measure) read(ctx context.Context, tx *sqldb.Tx, p Period, by Cut, emit func(Fact)) error {
	if by != ByTeam && !by.ofPerson() {
		return m.facts(ctx, tx, p, emit)
	}
	kept := memoOf(ctx, tx)
	if kept == nil {
		kept = memoOf(withMemo(ctx), tx)
	}
	if by == ByTeam {
		if err := kept.readTeams(ctx, tx); err != nil {
			return err
		}
		return m.facts(ctx, tx, p, func(f Fact) {
			if f.TeamID == "" {
				f.TeamID = kept.teams[f.EpisodeID]
			}
			emit(f)
		})
	}
	var all []Fact
	if err := m.facts(ctx, tx, p, func(f Fact) { all = append(all, f) }); err != nil {
		return err
	}
	if err := kept.readPeople(ctx, tx, all); err != nil {
		return err
	}
	for _, f := range all {
		f.Person = kept.people[f.PersonID]
		emit(f)
	}
	return nil
}
