package insight

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Measure is one measure of the catalogue, defined once: the IQAM page, its CSV and the API all read it from here.
type Measure struct {
	ID          string   // stable, for addresses and the API: "reviews-on-time"
	Name        string   // as a page heads it
	Definition  string   // in plain English, shown beside every figure
	Numerator   string   // what is counted (for a Share, what meets the measure)
	Denominator string   // out of what, for a Share; empty otherwise
	Reads       []string // the records it reads
	Source      string   // the seed or standard it comes from
	Priority    Priority
	Kind        Kind
	Unit        string // what a Median or Total is in: "days", "£ a week"
	// Better says which way the figure is better, so a page can say whether a change is an improvement.
	Better Better
	// Groups is what the measure's own categories are called ("Rung of the ladder") when its facts fall into them
	// (Fact.Group), so that it can be divided by them (ByGroup); empty when it has none.
	Groups string
	// Safeguarding says its facts are safeguarding records, which only the council's safeguarding roles
	// (councils.Settings.SafeguardingRoles) may follow from a figure to the people behind it.
	Safeguarding bool
	// derived says its facts come from the Client Level Data return's own events (fromReturn), so that the periods
	// of a series or a pack are derived together, in one read of the return (prefetch).
	derived bool
	// per is the council's population a Rate is per 100,000 of, and whether it is recorded.
	per func(Population) (int, bool)

	// onDays, for a measure of what stood on the period's last day (people waiting for a first conversation), reads
	// what stood on each of several days in one read, so that the quarters of a KPI or a series read the record once
	// (Prepare); Catalogue makes facts from it.
	onDays func(ctx context.Context, tx *sqldb.Tx, days []sqldb.Date, emit func(day int, f Fact)) error

	// facts reads the facts of every day in the period, inside the council's wall, and hands each to emit.
	facts func(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error
}

// Cut is a way of dividing a measure's figures.
type Cut string

// The cuts every measure can be divided by.
const (
	Whole        Cut = ""               // the council as a whole
	ByTeam       Cut = "team"           // the team the fact belongs to
	ByMonth      Cut = "month"          // the month its day falls in
	ByAgeBand    Cut = "age"            // the person's CLD age band on its day
	BySex        Cut = "sex"            // the person's recorded gender
	ByEthnicity  Cut = "ethnicity"      // the DHSC grouping of the person's ethnicity
	ByDisability Cut = "disability"     // the Census disability question, as recorded
	BySupport    Cut = "support_reason" // the person's primary support reason
	ByClientType Cut = "client_type"    // service user or carer
	ByGroup      Cut = "group"          // the measure's own categories (Measure.Groups), such as a rung of the ladder
	ByWorker     Cut = "worker"         // the practitioner the fact's episode is allocated to: for managers only
)

// Cuts are every cut, in the order a page offers them.
func Cuts() []Cut {
	return []Cut{Whole, ByTeam, ByMonth, ByAgeBand, BySex, ByEthnicity, ByDisability, BySupport, ByClientType}
}

// Cuts are the ways m can be divided, in the order a page offers them: its own categories, when it has them, then
// every cut, then by worker, which only managers may ask for (ForManagers).
func (m Measure) Cuts() []Cut {
	cuts := Cuts()
	if m.Groups != "" {
		cuts = append([]Cut{Whole, ByGroup}, cuts[1:]...)
	}
	return append(cuts, ByWorker)
}

// ForManagers says whether only managers may divide figures this way: by worker names a member of staff, so the
// roles that follow figures to people (the quality lead and team managers) may, and finance may not.
func (c Cut) ForManagers() bool { return c == ByWorker }

// ofPerson says whether c divides facts by their person's equality fields.
func (c Cut) ofPerson() bool {
	switch c {
	case ByAgeBand, BySex, ByEthnicity, ByDisability, BySupport, ByClientType:
		return true
	}
	return false
}

// NotAllocated is the group, by worker, of the facts whose episode is allocated to no one.
const NotAllocated = "Not allocated"

// keyer is how the facts of one transaction are keyed by c: by worker, from the episodes' allocations, read once.
func (c Cut) keyer(ctx context.Context, tx *sqldb.Tx) (func(Fact) string, error) {
	if c != ByWorker {
		return c.key, nil
	}
	workers := map[string]string{}
	err := sqldb.Each(ctx, tx, `SELECT id, worker_id FROM episode WHERE council_id = $1 AND worker_id IS NOT NULL AND worker_id <> ''`,
		[]any{tx.Council()}, func(rows *sql.Rows) error {
			var episode, worker string
			if err := rows.Scan(&episode, &worker); err != nil {
				return err
			}
			workers[episode] = worker
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read who each episode is allocated to: %w", err)
	}
	return func(f Fact) string {
		if w, ok := workers[f.EpisodeID]; ok {
			return w
		}
		return NotAllocated
	}, nil
}

// CutLabel is the cut as a page names it for m: its own categories by their name.
func (m Measure) CutLabel(c Cut) string {
	if c == ByGroup && m.Groups != "" {
		return m.Groups
	}
	return c.Label()
}

// Label is the cut as a page names it.
func (c Cut) Label() string {
	switch c {
	case Whole:
		return "The whole council"
	case ByTeam:
		return "Team"
	case ByMonth:
		return "Month"
	case ByAgeBand:
		return "Age band"
	case BySex:
		return "Sex or gender"
	case ByEthnicity:
		return "Ethnic group"
	case ByDisability:
		return "Disability"
	case BySupport:
		return "Primary support reason"
	case ByClientType:
		return "Client type"
	case ByGroup:
		return "Its own categories"
	case ByWorker:
		return "Worker"
	}
	return string(c)
}

// ParseCut reads a cut of m from an address's "by".
func (m Measure) ParseCut(s string) (Cut, error) {
	for _, c := range m.Cuts() {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("%q is not a way to divide a measure", s)
}

// key is the group of the cut that f falls in. Teams are keyed by their ID, named by the caller; months are
// tallied apart (monthly).
func (c Cut) key(f Fact) string {
	notRecorded := func(s string) string {
		if s == "" {
			return "Not recorded"
		}
		return s
	}
	switch c {
	case ByTeam:
		if f.TeamID == "" {
			return "No team"
		}
		return f.TeamID
	case ByAgeBand:
		return AgeBand(f.Person.AgeOn(f.On))
	case BySex:
		return notRecorded(f.Person.Gender)
	case ByEthnicity:
		if f.Person.Ethnicity == "" {
			return "Not recorded"
		}
		return notRecorded(codelists.Ethnicity.GroupOf(f.Person.Ethnicity))
	case ByDisability:
		return notRecorded(f.Person.Disability)
	case BySupport:
		return notRecorded(f.Person.SupportReason)
	case ByClientType:
		return notRecorded(f.Person.Client)
	case ByGroup:
		return notRecorded(f.Group)
	}
	return "All"
}

// Tally is what a group's facts add up to, before anything is withheld.
type Tally struct {
	Key    string
	Of, In int       // facts, and those that meet the measure
	Values []float64 // for Median and Total
	// Per is the population a Rate's group is out of (perGroup); 0 when it is not known, NoPer saying why.
	Per   int
	NoPer string
}

func (t *Tally) add(f Fact) {
	t.Of++
	if f.In {
		t.In++
	}
	t.Values = append(t.Values, f.Value)
}

// Tallies reads a measure's facts for the period and adds them up by the cut, in the order of their keys, with
// the whole beside them. By month, each month is read as a period of its own, so that a measure counted on a
// period's last day (reviews overdue, spend in place) is counted at the end of each month.
func Tallies(ctx context.Context, tx *sqldb.Tx, m Measure, p Period, by Cut) ([]Tally, Tally, error) {
	if by == ByMonth {
		return monthly(ctx, tx, m, p)
	}
	key, err := by.keyer(ctx, tx)
	if err != nil {
		return nil, Tally{}, err
	}
	groups := map[string]*Tally{}
	all := Tally{Key: "All"}
	err = m.read(ctx, tx, p, by, func(f Fact) {
		if !p.Holds(f.On) {
			return
		}
		k := key(f)
		t := groups[k]
		if t == nil {
			t = &Tally{Key: k}
			groups[k] = t
		}
		t.add(f)
		all.add(f)
	})
	if err != nil {
		return nil, Tally{}, fmt.Errorf("%s: %w", m.Name, err)
	}
	out := make([]Tally, 0, len(groups))
	for _, t := range groups {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b Tally) int { return strings.Compare(a.Key, b.Key) })
	if m.Kind == Rate {
		if err := perGroup(ctx, tx, m, by, out, &all); err != nil {
			return nil, Tally{}, fmt.Errorf("%s: %w", m.Name, err)
		}
	}
	return out, all, nil
}

// monthly is a measure month by month across the period, each month clipped to the period, with the whole period
// beside them.
func monthly(ctx context.Context, tx *sqldb.Tx, m Measure, p Period) ([]Tally, Tally, error) {
	if m.derived || m.onDays != nil {
		ctx = keepingMemo(ctx)
		periods := []Period{p}
		for _, first := range p.Months() {
			periods = append(periods, monthIn(first, p))
		}
		if err := Prepare(ctx, tx, periods, m); err != nil {
			return nil, Tally{}, err
		}
	}
	var out []Tally
	for _, first := range p.Months() {
		_, t, err := Tallies(ctx, tx, m, monthIn(first, p), Whole)
		if err != nil {
			return nil, Tally{}, err
		}
		t.Key = first.Format("2006-01")
		out = append(out, t)
	}
	_, all, err := Tallies(ctx, tx, m, p, Whole)
	return out, all, err
}

// monthIn is the month that starts on first, clipped to the period p; it ends before it starts when the month lies
// outside p.
func monthIn(first sqldb.Date, p Period) Period {
	month := Period{From: first, To: sqldb.NewDate(first.AddDate(0, 1, -1))}
	if month.From.Before(p.From.Time) {
		month.From = p.From
	}
	if month.To.After(p.To.Time) {
		month.To = p.To
	}
	return month
}

// Figure is a tally as it may be shown beyond one team: the counts made safe (disclosure.Safe), and the share,
// median or total only where the counts behind it are not withheld.
type Figure struct {
	Key, Label string
	Of, In     disclosure.Figure
	Text       string  // the measure's figure as a page shows it: TooFew when withheld, "None" when nothing was counted
	Number     float64 // the figure as a number: a share's whole percentage as Text shows it
	Withheld   bool    // too few to say anything
	Second     string  // a Median's spread, as shown: "9 in 10 within 40 days", or for a score, "9 in 10 at least 45.0"
	NoRate     bool    // a Rate with no population to be out of: Text says why
}

// TooFew is the text of a figure withheld because too few lie behind it.
const TooFew = "Too few to show"

// Show makes a tally safe to show for measure m: a Share as a percentage of its safe counts, a Median and its
// 90th percentile, a Total, or a Count, each withheld when fewer than 6 facts lie behind it.
func (m Measure) Show(t Tally) Figure {
	f := Figure{Key: t.Key, Label: t.Key, Of: disclosure.Safe(t.Of), In: disclosure.Safe(t.In)}
	if t.Of < disclosure.Threshold {
		f.Withheld, f.Text = t.Of > 0, TooFew
		if t.Of == 0 {
			f.Text = "None"
			if m.Kind == Rate && t.Per == 0 {
				f.Text, f.NoRate = t.NoPer, true
			}
		}
		return f
	}
	switch m.Kind {
	case Share:
		pc, ok := disclosure.PercentValue(t.In, t.Of)
		f.Withheld, f.Text = !ok, TooFew
		if ok {
			f.Text, f.Number = strconv.Itoa(pc)+"%", float64(pc)
		}
	case Count:
		n, _ := f.Of.Value()
		f.Text, f.Number = strconv.Itoa(n), float64(n)
	case Median:
		vs := slices.Clone(t.Values)
		slices.Sort(vs)
		f.Number = Percentile(vs, 50)
		f.Text = formatValue(f.Number, m.Unit)
		// The spread is told from the better side: the wait nine in ten were seen within, or the score nine in
		// ten reached.
		if m.Better == Up {
			f.Second = "9 in 10 at least " + formatValue(Percentile(vs, 10), m.Unit)
		} else {
			f.Second = "9 in 10 within " + formatValue(Percentile(vs, 90), m.Unit)
		}
	case Rate:
		f.Text, f.Number, f.NoRate = rate(f.Of, t)
	case Total:
		sum := 0.0
		for _, v := range t.Values {
			sum += v
		}
		f.Number = sum
		f.Text = formatValue(sum, m.Unit)
	}
	return f
}

// Percentile is the p-th percentile of sorted values by the nearest-rank method: the smallest value with at least
// p% of the values at or below it. It is 0 for no values.
func Percentile(sorted []float64, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(float64(p) / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

func formatValue(v float64, unit string) string {
	switch unit {
	case "days":
		if v == 1 {
			return "1 day"
		}
		return strconv.FormatFloat(v, 'f', 0, 64) + " days"
	case "£ a week":
		return "£" + groupThousands(int64(math.Round(v))) + " a week"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// groupThousands writes n with commas between its thousands: 12,345.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
