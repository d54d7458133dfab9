package feedback

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Answer is one answer as results count it: the question's key, the value, and the team it is grouped under. It
// names no one.
type Answer struct {
	TeamID, Question, Value string
}

// OptionCount is how many gave one answer on the scale, made safe.
type OptionCount struct {
	Option Option
	N      disclosure.Figure
}

// Group is one group's answers to a scale question: a team, or the whole council. A group with fewer than
// disclosure.Threshold answers is withheld whole.
type Group struct {
	Key, Label string
	Of         disclosure.Figure
	Withheld   bool
	Counts     []OptionCount
	Agree      string // the share answering Yes or Mostly, "" when it cannot be shown
	// AgreePercent is Agree as a whole number, for a chart; AgreeShown is false where Agree is "".
	AgreePercent int
	AgreeShown   bool
}

// QuestionResult is one scale question's results, team by team and for the whole council.
type QuestionResult struct {
	Question Question
	Teams    []Group
	All      Group
}

// Groups are the whole council's figures, then each team's.
func (q QuestionResult) Groups() []Group { return append([]Group{q.All}, q.Teams...) }

// Tally counts answers to the scale questions of qs, by team (named by names; an unknown or empty team is "No
// team") and for the whole council, made safe to show beyond one team.
func Tally(qs []Question, as []Answer, names map[string]string) []QuestionResult {
	var out []QuestionResult
	for _, q := range qs {
		if q.Kind != Scale {
			continue
		}
		byTeam := map[string]map[string]int{}
		all := map[string]int{}
		for _, a := range as {
			if a.Question != q.Key || !IsOption(a.Value) {
				continue
			}
			if byTeam[a.TeamID] == nil {
				byTeam[a.TeamID] = map[string]int{}
			}
			byTeam[a.TeamID][a.Value]++
			all[a.Value]++
		}
		res := QuestionResult{Question: q, All: group("", "The whole council", all)}
		for team, counts := range byTeam {
			label, ok := names[team]
			if !ok {
				label = "No team"
			}
			res.Teams = append(res.Teams, group(team, label, counts))
		}
		slices.SortFunc(res.Teams, func(a, b Group) int { return strings.Compare(a.Label, b.Label) })
		out = append(out, res)
	}
	return out
}

// Summarise is one group's answers on the scale, counted by value, made safe as Tally makes each of its groups:
// withheld whole under disclosure.Threshold answers. The network's staff survey counts each member council, and the
// network as a whole, with it.
func Summarise(key, label string, counts map[string]int) Group { return group(key, label, counts) }

func group(key, label string, counts map[string]int) Group {
	g := Group{Key: key, Label: label}
	of, agree := 0, 0
	for v, n := range counts {
		of += n
		if Agrees(v) {
			agree += n
		}
	}
	g.Of = disclosure.Safe(of)
	if of < disclosure.Threshold {
		g.Withheld = of > 0
		return g
	}
	for _, o := range Options() {
		g.Counts = append(g.Counts, OptionCount{Option: o, N: disclosure.Safe(counts[o.Value])})
	}
	g.Agree = disclosure.Percent(agree, of)
	g.AgreePercent, g.AgreeShown = disclosure.PercentValue(agree, of)
	return g
}

// Filter chooses the answers results count: a survey's audience, answered from From to To, or, for staff, one
// round.
type Filter struct {
	Audience Audience
	From, To sqldb.Date
	RoundID  string
}

// Results are a survey's results, made safe to show beyond one team.
type Results struct {
	Filter    Filter
	Survey    Survey // the latest version, whose questions are counted by key across versions
	Responses disclosure.Figure
	Questions []QuestionResult
	Words     []string // answers in people's own words, naming no one, shown only from Threshold responses
}

// MaxWordsShown is how many answers in people's own words results show, the newest first.
const MaxWordsShown = 12

// Results reads a survey's results for the filter: for those who read measures. They name no one, so reading them
// is no view of anyone's record.
func (s *Store) Results(ctx context.Context, f Filter) (Results, error) {
	if _, err := signedIn(ctx, councils.Role.ReadsMeasures); err != nil {
		return Results{}, err
	}
	out := Results{Filter: f}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Survey, err = latest(ctx, tx, f.Audience); err != nil {
			return err
		}
		where, args := `r.council_id = $1 AND s.audience = $2`, []any{tx.Council(), string(f.Audience)}
		if f.RoundID != "" {
			where, args = where+` AND r.round_id = $3`, append(args, f.RoundID)
		} else {
			where, args = where+` AND r.answered_on >= $3 AND r.answered_on <= $4`, append(args, f.From, f.To)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feedback_response r JOIN feedback_survey s ON s.council_id = r.council_id AND s.id = r.survey_id
			WHERE `+where, args...).Scan(&n); err != nil {
			return fmt.Errorf("count responses: %w", err)
		}
		out.Responses = disclosure.Safe(n)
		var as []Answer
		var words []string
		err = sqldb.Each(ctx, tx, `SELECT r.team_id, a.question, a.answer FROM feedback_answer a
			JOIN feedback_response r ON r.council_id = a.council_id AND r.id = a.response_id
			JOIN feedback_survey s ON s.council_id = r.council_id AND s.id = r.survey_id
			WHERE `+where+` ORDER BY r.answered_on DESC, r.id DESC`, args, func(rows *sql.Rows) error {
			var a Answer
			if err := rows.Scan(&a.TeamID, &a.Question, &a.Value); err != nil {
				return err
			}
			if q, ok := out.Survey.Question(a.Question); ok && q.Kind == Words {
				words = append(words, a.Value)
			} else {
				as = append(as, a)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read answers: %w", err)
		}
		names, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return err
		}
		out.Questions = Tally(out.Survey.Questions, as, names)
		if n >= disclosure.Threshold {
			out.Words = words[:min(len(words), MaxWordsShown)]
		}
		return nil
	})
	return out, err
}

// EachAnswer hands scan, for the measures, every answer on the scale to the question with key of the council's
// surveys for audience given from from to to: the day it counts on, the answer, the team it is grouped under and
// the person it is about. Staff answers carry no person (an empty one), and count on their round's opening day.
func EachAnswer(ctx context.Context, tx *sqldb.Tx, a Audience, key string, from, to sqldb.Date, scan func(rows *sql.Rows) error) error {
	return sqldb.Each(ctx, tx, `SELECT r.answered_on, a.answer, r.team_id, COALESCE(r.person_id, '') FROM feedback_answer a
		JOIN feedback_response r ON r.council_id = a.council_id AND r.id = a.response_id
		JOIN feedback_survey s ON s.council_id = r.council_id AND s.id = r.survey_id
		WHERE a.council_id = $1 AND s.audience = $2 AND a.question = $3 AND r.answered_on >= $4 AND r.answered_on <= $5`,
		[]any{tx.Council(), string(a), key, from, to}, scan)
}
