package audits

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Tally is how many completed audits gave each grade, for a question or a team.
type Tally struct {
	Label  string
	Counts map[string]int // by grade value
	Total  int
}

// Agreement is how often a moderator's blind grade agreed with the auditor's, for one question or overall.
type Agreement struct {
	Label            string
	Compared, Agreed int
}

// CheckRate is how often a computed check was found in the record across a round's completed audits.
type CheckRate struct {
	Check                          CheckKey
	Met, NotMet, NotApplicable, Of int
}

// Findings is what a round found: grade distributions by question and, for the overall grade, by team; the computed
// checks' rates; and the learning recorded. Counts are as recorded: pages and exports that show them beyond one team
// make them safe (disclosure.Safe).
type Findings struct {
	Round      Round
	Tool       Tool
	Audits     int // sampled
	Completed  int
	ByQuestion []Tally // one a question, in the tool's order
	OverallBy  []Tally // the overall grade by team
	Checks     []CheckRate
	Learning   []string // learning points of completed audits
	Moderated  int
	Agreement  []Agreement // by question, then overall (every question of every moderated audit)
}

// Summarise works out a round's findings from its completed audits (with their grades) and what the checks found
// in each when it was sampled, by audit ID. It is the one place a round's figures are counted, for its page, its CSV and its printed report.
func Summarise(r Round, t Tool, audits []Audit, checks map[string][]Finding) Findings {
	f := Findings{Round: r, Tool: t, Audits: len(audits)}
	byQuestion := map[string]*Tally{}
	for _, q := range t.Questions() {
		byQuestion[q.Key] = &Tally{Label: q.Text, Counts: map[string]int{}}
	}
	byTeam := map[string]*Tally{}
	rates := map[CheckKey]*CheckRate{}
	for _, k := range ChecksOf(t.Kind) {
		rates[k] = &CheckRate{Check: k}
	}
	agree := map[string]*Agreement{}
	for _, q := range t.Questions() {
		agree[q.Key] = &Agreement{Label: q.Text}
	}
	all := Agreement{Label: "Every question"}
	for _, a := range audits {
		if a.CompletedAt.IsZero() {
			continue
		}
		f.Completed++
		grades := a.Grades
		if a.Moderated != nil {
			// The moderated grade stands; how often it agreed with the auditor's is counted beside it.
			f.Moderated++
			for key, m := range a.Moderated {
				if ag, ok := agree[key]; ok {
					ag.Compared++
					all.Compared++
					if m.Grade == a.Grades[key].Grade {
						ag.Agreed++
						all.Agreed++
					}
				}
			}
			grades = a.Moderated
		}
		for key, ans := range grades {
			if tl, ok := byQuestion[key]; ok && ans.Grade != "" {
				tl.Counts[ans.Grade]++
				tl.Total++
			}
		}
		if overall := grades[OverallKey].Grade; overall != "" {
			tl := byTeam[a.TeamName]
			if tl == nil {
				tl = &Tally{Label: a.TeamName, Counts: map[string]int{}}
				byTeam[a.TeamName] = tl
			}
			tl.Counts[overall]++
			tl.Total++
		}
		for _, fd := range checks[a.ID] {
			cr := rates[fd.Check]
			switch fd.Result {
			case Met:
				cr.Met++
			case NotMet:
				cr.NotMet++
			case NotApplicable:
				cr.NotApplicable++
			default:
				continue
			}
			cr.Of++
		}
		if a.Learning != "" {
			f.Learning = append(f.Learning, a.Learning)
		}
	}
	for _, q := range t.Questions() {
		f.ByQuestion = append(f.ByQuestion, *byQuestion[q.Key])
		if f.Moderated > 0 {
			f.Agreement = append(f.Agreement, *agree[q.Key])
		}
	}
	if f.Moderated > 0 {
		f.Agreement = append(f.Agreement, all)
	}
	for _, tl := range byTeam {
		f.OverallBy = append(f.OverallBy, *tl)
	}
	slices.SortFunc(f.OverallBy, func(a, b Tally) int { return cmp.Compare(a.Label, b.Label) })
	for _, k := range ChecksOf(t.Kind) {
		if rates[k].Of > 0 {
			f.Checks = append(f.Checks, *rates[k])
		}
	}
	return f
}

// Findings reads a round's completed audits and works out its findings: for the quality lead and team managers. It
// opens no one's record and names no one: the figures are counts. The findings worked out last for the round are
// kept and given again while the round and its audits are at the same versions (every grading, moderation and draw
// moves an audit's version on), so that a findings page opened many times during a Practice Fortnight counts the
// round's grades once for each change rather than once for each view.
func (s *Store) Findings(ctx context.Context, roundID string) (Findings, error) {
	if _, err := signedIn(ctx, councils.Role.Audits); err != nil {
		return Findings{}, err
	}
	var out Findings
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var stamp string
		var n, versions int
		var roundVersion sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT version FROM audit_round WHERE council_id = $1 AND id = $2), count(*), COALESCE(sum(version), 0)
			FROM audit WHERE council_id = $1 AND round_id = $2`, tx.Council(), roundID).Scan(&roundVersion, &n, &versions); err != nil {
			return fmt.Errorf("read the round’s versions: %w", err)
		}
		if roundVersion.Valid {
			stamp = fmt.Sprintf("%d/%d/%d", roundVersion.Int64, n, versions)
			if f, ok := s.counted.get(tx.Council(), roundID, stamp); ok {
				out = f
				return nil
			}
		}
		r, err := oneRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		t, err := oneTool(ctx, tx, r.ToolID)
		if err != nil {
			return err
		}
		as, err := readAudits(ctx, tx, `a.round_id = $2`, roundID)
		if err != nil {
			return err
		}
		grades, err := roundGrades(ctx, tx, roundID)
		if err != nil {
			return err
		}
		for i := range as {
			if as[i].CompletedAt.IsZero() {
				continue
			}
			as[i].Grades = gradesBy(grades[as[i].ID], "auditor")
			if !as[i].ModeratedAt.IsZero() {
				as[i].Moderated = gradesBy(grades[as[i].ID], "moderator")
			}
		}
		checks, err := checkResults(ctx, tx, roundID)
		if err != nil {
			return err
		}
		out = Summarise(r, t, as, checks)
		s.counted.put(tx.Council(), roundID, stamp, out)
		return nil
	})
	return out, err
}

// counted keeps the findings worked out last for each round, by council and round, with the versions they were
// counted at. Findings are given out by value and never changed after they are kept.
type counted struct {
	mu     sync.Mutex
	rounds map[[2]string]countedRound
}

type countedRound struct {
	stamp    string
	findings Findings
}

func (c *counted) get(council, round, stamp string) (Findings, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.rounds[[2]string{council, round}]
	return k.findings, ok && k.stamp == stamp
}

func (c *counted) put(council, round, stamp string, f Findings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rounds == nil {
		c.rounds = map[[2]string]countedRound{}
	}
	c.rounds[[2]string{council, round}] = countedRound{stamp: stamp, findings: f}
}

// Checks reads what every check found for each of a round's audits when the round sampled them, by audit: what an
// auditor finds beside the questions. It opens no one's record: the auditor's opening of the audit is what is logged.
// For those who audit.
func (s *Store) Checks(ctx context.Context, roundID string) (map[string][]Finding, error) {
	if _, err := signedIn(ctx, councils.Role.Audits); err != nil {
		return nil, err
	}
	var out map[string][]Finding
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := oneRound(ctx, tx, roundID); err != nil {
			return err
		}
		var err error
		out, err = readChecks(ctx, tx, `a.round_id = $2`, roundID)
		return err
	})
	return out, err
}

// gradesBy is one grader's grades of an audit, empty (never nil) when they have given none.
func gradesBy(byGrader map[string]map[string]Answer, by string) map[string]Answer {
	if g := byGrader[by]; g != nil {
		return g
	}
	return map[string]Answer{}
}

// roundGrades reads every grade of a round's audits in one query: by audit, then by who graded ("auditor" or
// "moderator"), then by question.
func roundGrades(ctx context.Context, tx *sqldb.Tx, roundID string) (map[string]map[string]map[string]Answer, error) {
	out := map[string]map[string]map[string]Answer{}
	err := sqldb.Each(ctx, tx, `SELECT g.audit_id, g.graded_by, g.question, g.grade, g.evidence FROM audit_grade g
		JOIN audit a ON a.council_id = g.council_id AND a.id = g.audit_id WHERE g.council_id = $1 AND a.round_id = $2`,
		[]any{tx.Council(), roundID}, func(rows *sql.Rows) error {
			var id, by, q string
			var a Answer
			if err := rows.Scan(&id, &by, &q, &a.Grade, &a.Evidence); err != nil {
				return err
			}
			if out[id] == nil {
				out[id] = map[string]map[string]Answer{}
			}
			if out[id][by] == nil {
				out[id][by] = map[string]Answer{}
			}
			out[id][by][q] = a
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the round’s grades: %w", err)
	}
	return out, nil
}

// checkResults reads what each check found for a round's completed audits, the result alone (no summary or
// evidence): all a round's findings count.
func checkResults(ctx context.Context, tx *sqldb.Tx, roundID string) (map[string][]Finding, error) {
	out := map[string][]Finding{}
	err := sqldb.Each(ctx, tx, `SELECT c.audit_id, c.check_key, c.result FROM audit_check c
		JOIN audit a ON a.council_id = c.council_id AND a.id = c.audit_id
		WHERE c.council_id = $1 AND a.round_id = $2 AND a.completed_at IS NOT NULL`, []any{tx.Council(), roundID},
		func(rows *sql.Rows) error {
			var id, key, result string
			if err := rows.Scan(&id, &key, &result); err != nil {
				return err
			}
			out[id] = append(out[id], Finding{Check: CheckKey(key), Result: Result(result)})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the checks’ results: %w", err)
	}
	return out, nil
}
