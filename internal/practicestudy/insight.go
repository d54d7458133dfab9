package practicestudy

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

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
	if !SeesInsight(st) {
		return Insight{}, sqldb.ErrForbidden
	}
	var out Insight
	var rounds []string
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		out, rounds, err = s.insightKept(ctx, tx, study)
		return err
	})
	if err != nil {
		return Insight{}, err
	}
	return out, s.gradesOf(ctx, &out, rounds)
}

// insightIn is the catalogue's measures for the study's teams and period, each tallied and shown by the insight
// package (insight.Tallies, Measure.Show) as its own pages do, and the case file audit rounds that ran in the period,
// found by their dates alone, whose grades gradesOf reads.
func insightIn(ctx context.Context, tx *sqldb.Tx, study Study) (Insight, []string, error) {
	out := Insight{Teams: study.Teams}
	// The measures read what they share once between them, as the insight pack does.
	ctx = insight.Sharing(ctx)
	period := insight.Period{From: study.From, To: study.To}
	for _, id := range InsightMeasures {
		m, ok := insight.Find(id)
		if !ok {
			continue // a measure no longer in the catalogue
		}
		rows, all, err := insight.Tallies(ctx, tx, m, period, insight.ByTeam)
		if err != nil {
			return Insight{}, nil, err
		}
		mf := MeasureFigures{Measure: m, Council: m.Show(all)}
		for _, t := range study.Teams {
			tally := insight.Tally{Key: t.ID}
			if i := slices.IndexFunc(rows, func(r insight.Tally) bool { return r.Key == t.ID }); i >= 0 {
				tally = rows[i]
			}
			f := m.Show(tally)
			f.Label = t.Name
			mf.ByTeam = append(mf.ByTeam, f)
		}
		out.Measures = append(out.Measures, mf)
	}
	var rounds []string
	err := sqldb.Each(ctx, tx, `SELECT r.id FROM audit_round r JOIN audit_tool t ON t.council_id = r.council_id AND t.id = r.tool_id
		WHERE r.council_id = $1 AND t.kind <> $2 AND r.ends_on >= $3 AND r.starts_on <= $4 ORDER BY r.starts_on, r.id`,
		[]any{tx.Council(), string(audits.Supervision), study.From, study.To}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			rounds = append(rounds, id)
			return err
		})
	if err != nil {
		return Insight{}, nil, fmt.Errorf("find the audit rounds in the study’s period: %w", err)
	}
	return out, rounds, nil
}

// gradesOf adds each round's overall grades by the study's teams, from the round's findings as the audits count them
// (and keep them, so that a round is counted once for each change to it).
func (s *Store) gradesOf(ctx context.Context, in *Insight, rounds []string) error {
	for _, id := range rounds {
		f, err := s.audits.Findings(ctx, id)
		if err != nil {
			return err
		}
		in.Rounds = append(in.Rounds, roundGrades(f, in.Teams))
	}
	return nil
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

// Results is everything a study's page shows, read in one transaction: the study, its diaries added up by team, its
// reflective sessions and engagements, its case for change, the diaries the signed-in member of staff may read
// besides their own, and, for those who see it, practice insight.
type Results struct {
	Study       Study
	Teams       []TeamTime
	Reflections []Reflection
	Engagements []Engagement
	Case        Case
	Diarists    []Diarist
	Insight     *Insight
}

// Results reads a study's page as the signed-in member of staff may see it.
func (s *Store) Results(ctx context.Context, studyID string) (Results, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Results{}, err
	}
	var out Results
	var rounds []string
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if out.Study, err = readStudy(ctx, tx, st, studyID); err != nil {
			return err
		}
		if out.Teams, err = s.timeIn(ctx, tx, out.Study); err != nil {
			return err
		}
		if out.Reflections, err = readReflections(ctx, tx, studyID); err != nil {
			return err
		}
		if out.Engagements, err = readEngagements(ctx, tx, studyID); err != nil {
			return err
		}
		if out.Case, err = readCase(ctx, tx, out.Study); err != nil {
			return err
		}
		if out.Diarists, err = diaristsIn(ctx, tx, st, out.Study); err != nil {
			return err
		}
		if SeesInsight(st) {
			in, ids, err := s.insightKept(ctx, tx, out.Study)
			out.Insight, rounds = &in, ids
			return err
		}
		return nil
	})
	if err != nil || out.Insight == nil {
		return out, err
	}
	return out, s.gradesOf(ctx, out.Insight, rounds)
}

// InsightFresh is how long a study's practice insight is kept before it is worked out again: the measures read the
// whole council's record for the period, which a study's page opened many times a minute need not read each time,
// and figures of the record a few minutes old serve a study as well.
const InsightFresh = 5 * time.Minute

// keptInsight is a study's practice insight as worked out, with the audit rounds it read.
type keptInsight struct {
	in     Insight
	rounds []string
}

// insightKept is insightIn, kept for InsightFresh.
func (s *Store) insightKept(ctx context.Context, tx *sqldb.Tx, study Study) (Insight, []string, error) {
	k, err := s.insights.Get([2]string{tx.Council(), study.ID}, tx.Now(), func() (keptInsight, error) {
		in, rounds, err := insightIn(ctx, tx, study)
		return keptInsight{in: in, rounds: rounds}, err
	})
	return k.in, k.rounds, err
}
