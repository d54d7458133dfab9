package board

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Programme is what the report reads of programme.Store.
type Programme interface {
	Programme(ctx context.Context) (programme.Programme, error)
	Phases(ctx context.Context) ([]programme.PhasePlan, error)
	Milestones(ctx context.Context) ([]programme.Milestone, error)
	MilestoneChanges(ctx context.Context, since time.Time) ([]programme.MilestoneChange, error)
	Risks(ctx context.Context) ([]programme.Risk, error)
	Decisions(ctx context.Context) ([]programme.Decision, error)
}

// KPIs is what the report reads of kpis.Store.
type KPIs interface {
	KPIs(ctx context.Context, asAt sqldb.Date) ([]kpis.Progress, error)
}

// Store generates the report from the programme and the KPIs, and keeps the reports issued. The report is
// programme records and aggregates only, so reading it is no view of a person's record.
type Store struct {
	db        *sqldb.DB
	programme Programme
	kpis      KPIs
}

// NewStore returns a store over db that reads the programme and the KPIs from their stores.
func NewStore(db *sqldb.DB, p Programme, k KPIs) *Store { return &Store{db: db, programme: p, kpis: k} }

func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Report generates the report as at asAt: for those who read the programme. A council that has not started its
// programme gets a report that says so (Started false).
func (s *Store) Report(ctx context.Context, asAt sqldb.Date) (Report, error) {
	if _, err := signedIn(ctx, councils.Role.ReadsProgramme); err != nil {
		return Report{}, err
	}
	out := Report{AsAt: asAt, RAGs: map[programme.RAG]int{}}
	var err error
	if out.Issued, err = s.issued(ctx); err != nil {
		return Report{}, err
	}
	out.Last = LastBefore(out.Issued, asAt)
	out.Programme, err = s.programme.Programme(ctx)
	if errors.Is(err, sqldb.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return Report{}, err
	}
	out.Started = true
	if out.Phases, err = s.programme.Phases(ctx); err != nil {
		return Report{}, err
	}
	out.Phase = PhaseNow(out.Phases)
	milestones, err := s.programme.Milestones(ctx)
	if err != nil {
		return Report{}, err
	}
	history, err := s.programme.MilestoneChanges(ctx, time.Time{})
	if err != nil {
		return Report{}, err
	}
	out.Changes = Between(history, Since(out.Last), asAt)
	changed := map[string][]programme.MilestoneChange{}
	for _, c := range out.Changes {
		changed[c.MilestoneID] = append(changed[c.MilestoneID], c)
	}
	for _, m := range AsAt(milestones, history, asAt) {
		out.Milestones = append(out.Milestones, MilestoneLine{Milestone: m, Overdue: m.Overdue(asAt), Changed: changed[m.ID]})
		out.RAGs[m.RAG]++
	}
	if out.KPIs, err = s.kpis.KPIs(ctx, asAt); err != nil {
		return Report{}, err
	}
	risks, err := s.programme.Risks(ctx)
	if err != nil {
		return Report{}, err
	}
	out.Risks = TopRisks(risks, TopRiskCount)
	decisions, err := s.programme.Decisions(ctx)
	if err != nil {
		return Report{}, err
	}
	for _, d := range decisions {
		if d.Needed() {
			out.Needed = append(out.Needed, d)
		}
	}
	return out, nil
}

// Issue records the report as at asAt as issued, now, by the signed-in member of staff: for the programme's owners.
// A report may not be issued before the programme is started, as at a day still to come, nor as at a day before the
// last one issued.
func (s *Store) Issue(ctx context.Context, asAt sqldb.Date) (Issued, error) {
	st, err := signedIn(ctx, councils.Role.ChangesProgramme)
	if err != nil {
		return Issued{}, err
	}
	out := Issued{ID: sqldb.NewID(), AsAt: asAt, IssuedBy: st.ID, IssuedByName: st.Name}
	// A report of a programme not yet started says nothing, so there is nothing to issue.
	if _, err := s.programme.Programme(ctx); errors.Is(err, sqldb.ErrNotFound) {
		return Issued{}, validation.Problems{{Field: "as_at", Message: "Start the programme before issuing a board report"}}
	} else if err != nil {
		return Issued{}, err
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if asAt.IsZero() {
			return validation.Problems{{Field: "as_at", Message: "Enter the day the report is as at"}}
		}
		if asAt.After(tx.Today().Time) {
			return validation.Problems{{Field: "as_at", Message: "A report cannot be issued as at a day still to come"}}
		}
		var latest sqldb.Date // zero when none was issued
		if err := tx.QueryRowContext(ctx, `SELECT max(as_at) FROM board_report WHERE council_id = $1`, tx.Council()).Scan(&latest); err != nil {
			return fmt.Errorf("read the last report issued: %w", err)
		}
		if !latest.IsZero() && asAt.Before(latest.Time) {
			return validation.Problems{{Field: "as_at", Message: "A report cannot be issued as at a day before the last one issued, " + latest.Format("2 January 2006")}}
		}
		out.IssuedAt = tx.Now().UTC()
		_, err := tx.ExecContext(ctx, sqldb.Insert("board_report", []string{"council_id", "id", "as_at", "issued_at", "issued_by"}),
			tx.Council(), out.ID, asAt, tx.Now(), st.ID)
		return err
	})
	if err != nil {
		return Issued{}, fmt.Errorf("issue the board report as at %s: %w", asAt, err)
	}
	return out, nil
}

// issued reads every report issued, newest first.
func (s *Store) issued(ctx context.Context) ([]Issued, error) {
	var out []Issued
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT b.id, b.as_at, b.issued_at, b.issued_by, COALESCE(s.name, '')
			FROM board_report b LEFT JOIN staff s ON s.council_id = b.council_id AND s.id = b.issued_by
			WHERE b.council_id = $1 ORDER BY b.as_at DESC, b.issued_at DESC, b.id`, []any{tx.Council()}, func(rows *sql.Rows) error {
			var r Issued
			if err := rows.Scan(&r.ID, &r.AsAt, &r.IssuedAt, &r.IssuedBy, &r.IssuedByName); err != nil {
				return err
			}
			r.IssuedAt = r.IssuedAt.UTC()
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the reports issued: %w", err)
	}
	return out, nil
}
