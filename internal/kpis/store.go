package kpis

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the council's KPIs and computes their progress from the record. KPIs are programme records, not a
// person's: reading one reads aggregates only, made safe to show (insight.Measure.Show), so nothing here is a view
// of anyone's record and nothing goes to the access log.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Point is one quarter of a KPI's progress: the measure's figure for the quarter, where the trajectory stood at its
// end, and the status the rule gives them.
type Point struct {
	Quarter  insight.Period
	Actual   insight.Figure
	Expected float64
	Status   Status
}

// Progress is a KPI with everything computed from the record as at a day: its measure, its baseline's figure, its
// trajectory, each quarter's actual since, and its status now.
type Progress struct {
	KPI
	Measure insight.Measure
	// NotComputable says why the KPI cannot be computed yet ("not yet computable: ..."), empty when it can: its
	// measure is not in the catalogue, or the measure has no figure to show for the baseline quarter. Such a KPI
	// has no baseline, trajectory or status but NoData, and is never given a typed figure in their place.
	NotComputable  string
	BaselineFigure insight.Figure
	Trajectory     Trajectory
	Quarters       []Point
	// Status is the status of the latest quarter that has ended (NoData before the first has).
	Status Status
	// Latest is that quarter, when there is one.
	Latest *Point
}

// Computable says whether the KPI's figures can be computed.
func (p Progress) Computable() bool { return p.NotComputable == "" }

// Value writes v in the KPI's measure's terms.
func (p Progress) Value(v float64) string { return FormatValue(p.Measure, v) }

// signedIn is the member of staff in ctx, when their role may.
func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// cols are programme_kpi's columns as Add writes them.
var cols = []string{"council_id", "id", "name", "measure_id", "baseline_quarter", "target", "target_on", "why",
	"created_at", "created_by", "updated_at", "updated_by", "version"}

// KPIs reads the council's KPIs with their progress as at asAt, in the order they were set.
func (s *Store) KPIs(ctx context.Context, asAt sqldb.Date) ([]Progress, error) {
	if _, err := signedIn(ctx, councils.Role.ReadsProgramme); err != nil {
		return nil, err
	}
	var out []Progress
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = ProgressIn(ctx, tx, asAt)
		return err
	})
	return out, err
}

// ProgressIn computes the progress of every KPI of the council of tx as at asAt, inside tx: for a report that reads
// the KPIs beside other programme records in one transaction.
func ProgressIn(ctx context.Context, tx *sqldb.Tx, asAt sqldb.Date) ([]Progress, error) {
	ks, err := read(ctx, tx, "")
	if err != nil {
		return nil, err
	}
	ctx = insight.Sharing(ctx)
	out := make([]Progress, 0, len(ks))
	for _, k := range ks {
		p, err := progress(ctx, tx, k, asAt)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// KPI reads one KPI of the council's with its progress as at asAt.
func (s *Store) KPI(ctx context.Context, id string, asAt sqldb.Date) (Progress, error) {
	if _, err := signedIn(ctx, councils.Role.ReadsProgramme); err != nil {
		return Progress{}, err
	}
	var out Progress
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		k, err := one(ctx, tx, id)
		if err != nil {
			return err
		}
		out, err = progress(insight.Sharing(ctx), tx, k, asAt)
		return err
	})
	return out, err
}

// Add sets a new KPI: for the quality lead and the programme lead. The target must improve on the baseline where
// the baseline can be computed.
func (s *Store) Add(ctx context.Context, k KPI) (KPI, error) {
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return KPI{}, err
	}
	k.Normalise()
	k.ID, k.Version = sqldb.NewID(), 1
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := check(ctx, tx, k); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, sqldb.Insert("programme_kpi", cols), tx.Council(), k.ID, k.Name, k.MeasureID, k.Baseline,
			k.Target, k.TargetOn, k.Why, tx.Now(), st.ID, tx.Now(), st.ID, 1)
		return err
	})
	if err != nil {
		return KPI{}, fmt.Errorf("add KPI %q: %w", k.Name, err)
	}
	return k, nil
}

// Update changes a KPI from the version the change was made from: for the quality lead and the programme lead. A
// KPI someone else changed since is sqldb.ErrConflict.
func (s *Store) Update(ctx context.Context, k KPI) (KPI, error) {
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return KPI{}, err
	}
	k.Normalise()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := one(ctx, tx, k.ID); err != nil {
			return err
		}
		if err := check(ctx, tx, k); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE programme_kpi SET name = $1, measure_id = $2, baseline_quarter = $3,
			target = $4, target_on = $5, why = $6, updated_at = $7, updated_by = $8, version = version + 1
			WHERE council_id = $9 AND id = $10 AND version = $11`,
			k.Name, k.MeasureID, k.Baseline, k.Target, k.TargetOn, k.Why, tx.Now(), st.ID, tx.Council(), k.ID, k.Version))
	})
	if err != nil {
		return KPI{}, fmt.Errorf("change KPI %s: %w", k.ID, err)
	}
	k.Version++
	return k, nil
}

// check applies a KPI's rules, with the baseline computed to say whether the target improves on it.
func check(ctx context.Context, tx *sqldb.Tx, k KPI) error {
	if ps := k.Validate(tx.Today()); len(ps) > 0 {
		return ps
	}
	m, _ := insight.Find(k.MeasureID)
	base, err := insight.Quarter(k.Baseline)
	if err != nil {
		return validation.Problems{{Field: "baseline", Message: "Select a quarter from the list"}}
	}
	_, all, err := insight.Tallies(ctx, tx, m, base, insight.Whole)
	if err != nil {
		return err
	}
	v, ok := Value(m, m.Show(all))
	if ok && !Improves(m.Better, v, k.Target) {
		msg := "The target must be above the baseline of %s: a higher figure is better for this measure"
		if m.Better == insight.Down {
			msg = "The target must be below the baseline of %s: a lower figure is better for this measure"
		}
		return validation.Problems{{Field: "target", Message: fmt.Sprintf(msg, FormatValue(m, v))}}
	}
	return nil
}

// progress computes k's progress as at asAt.
func progress(ctx context.Context, tx *sqldb.Tx, k KPI, asAt sqldb.Date) (Progress, error) {
	p := Progress{KPI: k, Status: NoData}
	m, ok := insight.Find(k.MeasureID)
	if !ok {
		p.NotComputable = fmt.Sprintf("not yet computable: the record has no measure %q to compute it from", k.MeasureID)
		return p, nil
	}
	p.Measure = m
	base, err := insight.Quarter(k.Baseline)
	if err != nil {
		p.NotComputable = "not yet computable: its baseline is not a quarter"
		return p, nil
	}
	quarters := Quarters(base, k.TargetOn, asAt)
	if err := insight.Prepare(ctx, tx, append([]insight.Period{base}, quarters...), m); err != nil {
		return Progress{}, fmt.Errorf("KPI %s: %w", k.ID, err)
	}
	_, all, err := insight.Tallies(ctx, tx, m, base, insight.Whole)
	if err != nil {
		return Progress{}, fmt.Errorf("KPI %s's baseline: %w", k.ID, err)
	}
	p.BaselineFigure = m.Show(all)
	v, ok := Value(m, p.BaselineFigure)
	if !ok {
		why := "nothing in the record is counted by it"
		if p.BaselineFigure.Withheld {
			why = "too few are counted by it to show"
		}
		p.NotComputable = fmt.Sprintf("not yet computable: %s in %s, the baseline quarter", why, base.Label())
		return p, nil
	}
	p.Trajectory = Trajectory{From: base.To, Baseline: v, To: k.TargetOn, Target: k.Target}
	for _, q := range quarters {
		_, all, err := insight.Tallies(ctx, tx, m, q, insight.Whole)
		if err != nil {
			return Progress{}, fmt.Errorf("KPI %s in %s: %w", k.ID, q.Name(), err)
		}
		pt := Point{Quarter: q, Actual: m.Show(all), Expected: p.Trajectory.At(q.To)}
		pt.Status = Judge(m, p.Trajectory, q.To, pt.Actual)
		p.Quarters = append(p.Quarters, pt)
	}
	if n := len(p.Quarters); n > 0 {
		p.Latest = &p.Quarters[n-1]
		p.Status = p.Latest.Status
	}
	return p, nil
}

// one reads a KPI of the council's.
func one(ctx context.Context, tx *sqldb.Tx, id string) (KPI, error) {
	ks, err := read(ctx, tx, id)
	if err != nil {
		return KPI{}, err
	}
	if len(ks) == 0 {
		return KPI{}, fmt.Errorf("KPI %s: %w", id, sqldb.ErrNotFound)
	}
	return ks[0], nil
}

// read reads the council's KPIs, or the one with id when it is not empty, in the order they were set.
func read(ctx context.Context, tx *sqldb.Tx, id string) ([]KPI, error) {
	q := `SELECT id, name, measure_id, baseline_quarter, target, target_on, why, version FROM programme_kpi WHERE council_id = $1`
	args := []any{tx.Council()}
	if id != "" {
		q += ` AND id = $2`
		args = append(args, id)
	}
	var out []KPI
	err := sqldb.Each(ctx, tx, q+` ORDER BY created_at, id`, args, func(rows *sql.Rows) error {
		var k KPI
		if err := rows.Scan(&k.ID, &k.Name, &k.MeasureID, &k.Baseline, &k.Target, &k.TargetOn, &k.Why, &k.Version); err != nil {
			return err
		}
		out = append(out, k)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read KPIs: %w", err)
	}
	return out, nil
}
