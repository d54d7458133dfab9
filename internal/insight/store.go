package insight

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store computes the measures from the record.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a Store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Result is a measure's figures for a period, cut one way, made safe to show.
type Result struct {
	Measure Measure
	Period  Period
	Cut     Cut
	Rows    []Figure
	All     Figure
	// FollowsToPeople says whether the member of staff may follow a figure to the people behind it (People).
	FollowsToPeople bool
}

// Measures name no one, so reading them is no view of anyone's record and is not in the access log; who may read
// them is councils.Role.ReadsMeasures.

// Figures computes a measure for a period, cut by by, as the signed-in member of staff may see it. Every figure
// is shown as it may be beyond one team (Measure.Show).
func (s *Store) Figures(ctx context.Context, id string, p Period, by Cut) (Result, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.ReadsMeasures() {
		return Result{}, sqldb.ErrForbidden
	}
	m, ok := Find(id)
	if !ok {
		return Result{}, fmt.Errorf("measure %q: %w", id, sqldb.ErrNotFound)
	}
	if by.ForManagers() && !st.Role.SeesPeopleBehindMeasures() {
		return Result{}, sqldb.ErrForbidden
	}
	out := Result{Measure: m, Period: p, Cut: by}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		tallies, all, err := Tallies(ctx, tx, m, p, by)
		if err != nil {
			return err
		}
		var staff map[string]councils.Staff
		if by == ByWorker {
			if staff, err = staffOf(ctx, tx); err != nil {
				return err
			}
		}
		if out.FollowsToPeople, err = followsToPeople(ctx, tx, st, m); err != nil {
			return err
		}
		names, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tallies {
			f := m.Show(t)
			switch by {
			case ByTeam:
				if n, ok := names[t.Key]; ok {
					f.Label = n
				}
			case ByMonth:
				if month, err := time.Parse("2006-01", t.Key); err == nil {
					f.Label = month.Format("January 2006")
				}
			case ByWorker:
				w, ok := staff[t.Key]
				if ok {
					f.Label = w.Name
				}
				// A team manager sees the workers of their own teams; the quality lead sees everyone's.
				if st.Role != councils.QualityLead && (!ok || !slices.ContainsFunc(w.TeamIDs, st.InTeam)) {
					continue
				}
			}
			out.Rows = append(out.Rows, f)
		}
		out.All = m.Show(all)
		out.All.Label = "The whole council"
		return nil
	})
	return out, err
}

// Comparison is a measure's figure for a period beside the period before and the same period a year earlier.
type Comparison struct {
	Measure               Measure
	This, Before, YearAgo Figure
}

// Pack is the IQAM's pack for a period: every measure of each priority, this period against the last and the same
// period a year ago, for the council as a whole or for one team.
type Pack struct {
	Period     Period
	TeamID     string // the team the pack is for, "" for the whole council
	TeamName   string
	Teams      []Team // the council's teams, to choose from
	Priorities []PriorityFigures
}

// Team is a team a pack may be for.
type Team struct{ ID, Name string }

// PriorityFigures are one priority's measures.
type PriorityFigures struct {
	Priority Priority
	Measures []Comparison
}

// Pack computes the IQAM pack for the period, for the whole council or, when teamID is not empty, for that team
// alone (a team that is not the council's is ErrNotFound).
func (s *Store) Pack(ctx context.Context, p Period, teamID string) (Pack, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.ReadsMeasures() {
		return Pack{}, sqldb.ErrForbidden
	}
	out := Pack{Period: p, TeamID: teamID}
	ctx = withMemo(ctx)
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if err := Prepare(ctx, tx, []Period{p, p.Before(), p.YearBefore()}, Catalogue()...); err != nil {
			return err
		}
		names, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return err
		}
		for id, name := range names {
			out.Teams = append(out.Teams, Team{ID: id, Name: name})
		}
		slices.SortFunc(out.Teams, func(a, b Team) int { return strings.Compare(a.Name, b.Name) })
		if teamID != "" {
			var ok bool
			if out.TeamName, ok = names[teamID]; !ok {
				return fmt.Errorf("team %s: %w", teamID, sqldb.ErrNotFound)
			}
		}
		for _, pr := range Priorities() {
			pf := PriorityFigures{Priority: pr}
			for _, m := range Catalogue() {
				if m.Priority != pr {
					continue
				}
				c := Comparison{Measure: m}
				for _, at := range []struct {
					p   Period
					put *Figure
				}{{p, &c.This}, {p.Before(), &c.Before}, {p.YearBefore(), &c.YearAgo}} {
					*at.put, err = teamFigure(ctx, tx, m, at.p, teamID)
					if err != nil {
						return err
					}
				}
				pf.Measures = append(pf.Measures, c)
			}
			out.Priorities = append(out.Priorities, pf)
		}
		return nil
	})
	return out, err
}

// teamFigure is a measure's figure for the period, for the whole council or for one team.
func teamFigure(ctx context.Context, tx *sqldb.Tx, m Measure, p Period, teamID string) (Figure, error) {
	by := Whole
	if teamID != "" {
		by = ByTeam
	}
	rows, all, err := Tallies(ctx, tx, m, p, by)
	if err != nil || teamID == "" {
		return m.Show(all), err
	}
	for _, t := range rows {
		if t.Key == teamID {
			return m.Show(t), nil
		}
	}
	return m.Show(Tally{Key: teamID}), nil
}

// staffOf is the council's staff by their IDs, each with their teams.
func staffOf(ctx context.Context, tx *sqldb.Tx) (map[string]councils.Staff, error) {
	staff, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]councils.Staff, len(staff))
	for _, st := range staff {
		out[st.ID] = st
	}
	return out, nil
}
