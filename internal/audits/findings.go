package audits

import (
	"cmp"
	"context"
	"slices"

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
// opens no one's record and names no one: the figures are counts.
func (s *Store) Findings(ctx context.Context, roundID string) (Findings, error) {
	if _, err := signedIn(ctx, councils.Role.Audits); err != nil {
		return Findings{}, err
	}
	var out Findings
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
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
		for i := range as {
			if as[i].CompletedAt.IsZero() {
				continue
			}
			if as[i].Grades, err = readGrades(ctx, tx, as[i].ID, "auditor"); err != nil {
				return err
			}
			if !as[i].ModeratedAt.IsZero() {
				if as[i].Moderated, err = readGrades(ctx, tx, as[i].ID, "moderator"); err != nil {
					return err
				}
			}
		}
		checks, err := readChecks(ctx, tx, `a.round_id = $2 AND a.completed_at IS NOT NULL`, roundID)
		if err != nil {
			return err
		}
		out = Summarise(r, t, as, checks)
		return nil
	})
	return out, err
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
