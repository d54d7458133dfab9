package practicestudy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// AuditFindings is what practice insight reads of audits.Store: each round's findings, counted there once for the
// audit pages, their exports and this.
type AuditFindings interface {
	Findings(ctx context.Context, roundID string) (audits.Findings, error)
}

// Measures is what practice insight reads of insight.Store: a measure of the catalogue for a period, cut by team.
type Measures interface {
	Figures(ctx context.Context, id string, p insight.Period, by insight.Cut) (insight.Result, error)
}

// InsightMeasures are the catalogue's measures a study shows beside its diaries: waits, reviews on time and outcomes,
// the record's own view of the practice the study looks at.
var InsightMeasures = []string{"wait-for-first-conversation", "reviews-on-time", "reviews-overdue", "outcomes-attained"}

// Insight is what the record already shows for a study's teams and period: each measure's figure for each team, and
// each case file audit round in the period with its overall grades by team. Every figure is as its own package
// shows it beyond one team: counts from 1 to 5 withheld.
type Insight struct {
	Teams    []Team
	Measures []MeasureFigures
	Rounds   []RoundGrades
}

// MeasureFigures is a measure's figure for each of the study's teams, in the teams' order, with the council's
// beside them.
type MeasureFigures struct {
	Measure insight.Measure
	ByTeam  []insight.Figure
	Council insight.Figure
}

// RoundGrades is an audit round in the study's period, with the overall grades its completed audits gave each team.
type RoundGrades struct {
	Round  audits.Round
	Grades []audits.Grade // the scale's grades, best first
	ByTeam []GradeFigures // in the teams' order
}

// GradeFigures is a team's overall grades in a round, each count made safe.
type GradeFigures struct {
	Team   Team
	Counts []disclosure.Figure // in the order of RoundGrades.Grades
	Total  disclosure.Figure
}

// Insight reads what the record shows for the study's teams and period, from the audits and the insight catalogue:
// for those who read measures and audit (the quality lead and team managers). Nothing is counted here: the figures
// are those packages' own.
func (s *Store) Insight(ctx context.Context, studyID string) (Insight, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Insight{}, err
	}
	if !st.Role.Audits() || !st.Role.ReadsMeasures() {
		return Insight{}, sqldb.ErrForbidden
	}
	study, err := s.Study(ctx, studyID)
	if err != nil {
		return Insight{}, err
	}
	out := Insight{Teams: study.Teams}
	// The measures read what they share once between them, as the insight pack does.
	ctx = insight.Sharing(ctx)
	period := insight.Period{From: study.From, To: study.To}
	for _, id := range InsightMeasures {
		res, err := s.measures.Figures(ctx, id, period, insight.ByTeam)
		if errors.Is(err, sqldb.ErrNotFound) {
			continue // a measure no longer in the catalogue
		}
		if err != nil {
			return Insight{}, err
		}
		mf := MeasureFigures{Measure: res.Measure, Council: res.All}
		for _, t := range study.Teams {
			f := insight.Figure{Key: t.ID, Label: t.Name, Text: "None"}
			if i := slices.IndexFunc(res.Rows, func(r insight.Figure) bool { return r.Key == t.ID }); i >= 0 {
				f = res.Rows[i]
			}
			mf.ByTeam = append(mf.ByTeam, f)
		}
		out.Measures = append(out.Measures, mf)
	}
	// The case file audit rounds that ran in the study's period, found by their dates alone: their findings are the
	// audits' own (Findings).
	var rounds []string
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, `SELECT r.id FROM audit_round r JOIN audit_tool t ON t.council_id = r.council_id AND t.id = r.tool_id
			WHERE r.council_id = $1 AND t.kind <> $2 AND r.ends_on >= $3 AND r.starts_on <= $4 ORDER BY r.starts_on, r.id`,
			[]any{tx.Council(), string(audits.Supervision), study.From, study.To}, func(rows *sql.Rows) error {
				var id string
				err := rows.Scan(&id)
				rounds = append(rounds, id)
				return err
			})
	})
	if err != nil {
		return Insight{}, fmt.Errorf("find the audit rounds in the study’s period: %w", err)
	}
	for _, id := range rounds {
		f, err := s.audits.Findings(ctx, id)
		if err != nil {
			return Insight{}, err
		}
		out.Rounds = append(out.Rounds, roundGrades(f, study.Teams))
	}
	return out, nil
}

// roundGrades is a round's overall grades for the study's teams, made safe.
func roundGrades(f audits.Findings, teams []Team) RoundGrades {
	rg := RoundGrades{Round: f.Round, Grades: audits.Quality.Grades()}
	for _, q := range f.Tool.Questions() {
		if q.Key == audits.OverallKey {
			rg.Grades = q.Scale.Grades()
		}
	}
	for _, t := range teams {
		gf := GradeFigures{Team: t}
		var tally audits.Tally
		if i := slices.IndexFunc(f.OverallBy, func(x audits.Tally) bool { return x.Label == t.Name }); i >= 0 {
			tally = f.OverallBy[i]
		}
		for _, g := range rg.Grades {
			gf.Counts = append(gf.Counts, disclosure.Safe(tally.Counts[g.Value]))
		}
		gf.Total = disclosure.Safe(tally.Total)
		rg.ByTeam = append(rg.ByTeam, gf)
	}
	return rg
}

// SeesInsight says whether a member of staff may see a study's practice insight.
func SeesInsight(st councils.Staff) bool { return st.Role.Audits() && st.Role.ReadsMeasures() }
