package networks

import (
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// The network's staff survey asks the same statements in every member council, answered on the council staff
// survey's scale (feedback.Options) and counted by its rules (feedback.Summarise): a group with fewer than
// disclosure.Threshold answers is withheld whole, and every other count is made safe by internal/disclosure. Each
// council's staff answer inside their own council, anonymously: the answers are kept behind the council's wall with
// no member of staff, team or time, and that someone has answered is kept apart from what they said. The network's
// staff see only numbers, counted inside each member council's own transaction.

// Survey is a network's staff survey: statements answered on the scale. Answers in staff's own words are not
// asked, because words cannot be made safe to leave a council as counts can.
type Survey struct {
	NetworkID string
	Name      string
	Questions []feedback.Question
	Version   int
}

// DefaultSurvey is the survey a network starts with: how strengths-based practice feels to staff, and what they
// learn from the other councils (seed 003: learning from each other's models through the network and peer
// challenge).
func DefaultSurvey() Survey {
	return Survey{Name: "Strengths-based practice across our councils", Questions: []feedback.Question{
		{Key: feedback.EverydayKey, Kind: feedback.Scale, Text: "Strengths-based practice is part of our everyday work"},
		{Key: "model", Kind: feedback.Scale, Text: "I can explain our council’s practice model to the people I support"},
		{Key: "supervision", Kind: feedback.Scale, Text: "My supervision starts with what is going well"},
		{Key: "time", Kind: feedback.Scale, Text: "I have time to spend with the people I support"},
		{Key: "learning", Kind: feedback.Scale, Text: "I learn from how other councils in our network work"},
	}}
}

// Validate checks a survey as the council's staff survey is checked (feedback.Survey.Validate), and that every
// question is a statement answered on the scale.
func (s Survey) Validate() validation.Problems {
	ps := feedback.Survey{Name: s.Name, Questions: s.Questions}.Validate()
	for _, q := range s.Questions {
		if q.Kind != feedback.Scale && !slices.ContainsFunc(ps, func(p validation.Problem) bool { return p.Field == "question-"+q.Key }) {
			ps.Append("question-"+q.Key, "Each question is a statement answered yes, mostly, partly or no: answers in staff’s own words stay in their council")
		}
	}
	return ps
}

// QuestionKey makes a key for a new question from its text, unique among taken: its first words in lower case,
// joined by underscores, with a number added when taken.
func QuestionKey(text string, taken []string) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Map(func(r rune) rune {
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, w)
		if w != "" {
			words = append(words, w)
		}
		if len(words) == 4 {
			break
		}
	}
	base := strings.Join(words, "_")
	if base == "" {
		base = "question"
	}
	key := base
	for n := 2; slices.Contains(taken, key); n++ {
		key = base + "_" + strconv.Itoa(n)
	}
	return key
}

// Round is a round of the network's staff survey: the questions as they were when it opened, asked in every member
// council from OpensOn to ClosesOn.
type Round struct {
	ID, NetworkID, Name string
	Questions           []feedback.Question
	OpensOn, ClosesOn   sqldb.Date
}

// Open says whether the round takes answers on day, as a council's staff survey round does.
func (r Round) Open(day sqldb.Date) bool {
	return feedback.Round{OpensOn: r.OpensOn, ClosesOn: r.ClosesOn}.Open(day)
}

// Status is the round as pages name it on day.
func (r Round) Status(day sqldb.Date) string {
	switch {
	case r.Open(day):
		return "Open"
	case day.Before(r.OpensOn.Time):
		return "Not yet open"
	}
	return "Closed"
}

// AnswersSurvey: every member of a council's staff who works with people answers the network's survey; finance and
// programme leads, who do not, are not asked.
func AnswersSurvey(r councils.Role) bool { return r.WorksWithPeople() }

// ReadsSurveyResults: in a member council, those who read its measures, and its programme leads, read the council's
// own results of the network's survey. They are counts, naming no one.
func ReadsSurveyResults(r councils.Role) bool {
	return r.ReadsMeasures() || r == councils.ProgrammeLead
}

// Tally is what one council's answers to a round come to: how many answered, and how many gave each answer to each
// question. It is counted inside the council's own transaction, and it is all that leaves it.
type Tally struct {
	Responses int
	Counts    map[string]map[string]int // question key, then answer on the scale
}

// Add counts one response's answers into t.
func (t *Tally) Add(answers map[string]string) {
	if t.Counts == nil {
		t.Counts = map[string]map[string]int{}
	}
	t.Responses++
	for q, a := range answers {
		if !feedback.IsOption(a) {
			continue
		}
		if t.Counts[q] == nil {
			t.Counts[q] = map[string]int{}
		}
		t.Counts[q][a]++
	}
}

// CouncilTally is one member council's tally.
type CouncilTally struct {
	CouncilID, Name string
	Tally           Tally
}

// CouncilResponses is how many of one council's staff answered, made safe.
type CouncilResponses struct {
	CouncilID, Name string
	Responses       disclosure.Figure
}

// QuestionResult is one question's results: across the network, then council by council, each made safe. Hidden
// names the answers whose network count is not shown, because a council's count of them is withheld.
type QuestionResult struct {
	Question feedback.Question
	Network  feedback.Group
	Councils []feedback.Group
	Hidden   map[string]bool
}

// Groups are the network's figures, then each council's.
func (q QuestionResult) Groups() []feedback.Group {
	return append([]feedback.Group{q.Network}, q.Councils...)
}

// Results are a round's results as the network's staff, or one council, see them: counts made safe only.
// Responses adds up only the councils whose own count is shown; LeftOut is how many councils' counts are withheld.
type Results struct {
	Round     Round
	Responses disclosure.Figure
	LeftOut   int
	Councils  []CouncilResponses
	Questions []QuestionResult
}

// NetworkLabel heads the network's figures.
const NetworkLabel = "Across the network"

// CombineTallies makes a round's results from the councils' tallies. Each council's figures are counted as feedback
// counts a group (feedback.Summarise). A network figure is shown only when no council's part of it is withheld, as
// the comparison withholds a total (docs/adr/0016): rounding alone is not enough, for beside a council showing 5
// for a true 6, a network total shown as 5 would say the other council had exactly 1. So a question's network
// figures are withheld whole when a council's answers to it are; an answer's network count is not shown when any
// council's count of it is withheld (Hidden); and then neither is the network's share agreeing. The number who
// answered across the network adds up only the councils whose own number is shown (LeftOut says how many are
// not). Councils are in the order given.
func CombineTallies(r Round, tallies []CouncilTally) Results {
	out := Results{Round: r}
	shown := 0
	for _, t := range tallies {
		f := disclosure.Safe(t.Tally.Responses)
		if f.Suppressed() {
			out.LeftOut++
		} else {
			shown += t.Tally.Responses
		}
		out.Councils = append(out.Councils, CouncilResponses{CouncilID: t.CouncilID, Name: t.Name, Responses: f})
	}
	out.Responses = disclosure.Safe(shown)
	for _, q := range r.Questions {
		if q.Kind != feedback.Scale {
			continue
		}
		sum := map[string]int{}
		res := QuestionResult{Question: q, Hidden: map[string]bool{}}
		groupWithheld := false
		for _, t := range tallies {
			counts := t.Tally.Counts[q.Key]
			g := feedback.Summarise(t.CouncilID, t.Name, counts)
			res.Councils = append(res.Councils, g)
			groupWithheld = groupWithheld || g.Withheld
			for v, n := range counts {
				sum[v] += n
				if disclosure.Safe(n).Suppressed() {
					res.Hidden[v] = true
				}
			}
		}
		res.Network = feedback.Summarise("", NetworkLabel, sum)
		switch {
		case groupWithheld:
			res.Network = feedback.Group{Label: NetworkLabel, Withheld: true}
		case len(res.Hidden) > 0:
			res.Network.Agree, res.Network.AgreePercent, res.Network.AgreeShown = "", 0, false
		}
		out.Questions = append(out.Questions, res)
	}
	return out
}
