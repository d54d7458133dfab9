// Package feedback holds what people who draw on support and the council's staff say of the practice: short
// surveys the council can edit (every version kept, so that answers keep the questions they were given); a
// person's answers about an episode after their plan is agreed or a review held, recorded with the practitioner,
// on a printed form or by a link with a one-time code and no sign-in, and kept from staff as theirs when they ask
// for anonymity; and anonymous staff survey rounds, whose answers carry the team but never the member of staff.
// Results leave the package as counts made safe by internal/disclosure.
package feedback

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Audience is who a survey asks.
type Audience string

// The two audiences.
const (
	People Audience = "person" // people who draw on support, about an episode
	Staff  Audience = "staff"  // the council's staff, anonymously, in rounds
)

// Label is the audience as staff read it.
func (a Audience) Label() string {
	if a == Staff {
		return "Staff survey"
	}
	return "Survey of people who draw on support"
}

// Kind is how a question is answered.
type Kind string

// The two kinds of question.
const (
	Scale Kind = "scale" // Yes, Mostly, Partly or No
	Words Kind = "words" // in the person's own words
)

// Label is how a question of the kind is answered, as the survey's form names it.
func (k Kind) Label() string {
	if k == Words {
		return "Question answered in their own words"
	}
	return "Statement answered yes, mostly, partly or no"
}

// Option is one answer on the scale.
type Option struct {
	Value, Label string
}

// Options are the scale's answers, best first.
func Options() []Option {
	return []Option{{"yes", "Yes"}, {"mostly", "Mostly"}, {"partly", "Partly"}, {"no", "No"}}
}

// OptionLabel is an answer's label on the scale, or the answer itself when it is not one.
func OptionLabel(value string) string {
	for _, o := range Options() {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// IsOption says whether value is an answer on the scale.
func IsOption(value string) bool {
	return slices.ContainsFunc(Options(), func(o Option) bool { return o.Value == value })
}

// Agrees says whether an answer on the scale counts as agreeing with the statement: Yes or Mostly. The measures
// count a share of these.
func Agrees(value string) bool { return value == "yes" || value == "mostly" }

// Question is one question of a survey: a statement answered on the scale, or a question answered in the person's
// own words. Its key stays the same across versions, so that the measures read it whatever its wording.
type Question struct {
	Key  string `json:"key"`
	Text string `json:"text"`
	Kind Kind   `json:"kind"`
}

// Survey is one version of a survey.
type Survey struct {
	ID        string
	Key       string // the same for every version
	Version   int
	Audience  Audience
	Name      string
	Questions []Question
	CreatedAt time.Time
}

// Question finds a question by its key.
func (s Survey) Question(key string) (Question, bool) {
	for _, q := range s.Questions {
		if q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

func (s Survey) definition() (string, error) {
	b, err := json.Marshal(s.Questions)
	if err != nil {
		return "", fmt.Errorf("write the survey’s questions: %w", err)
	}
	return string(b), nil
}

// Validate checks a survey: a name, and at least one question, each with its text, a kind and a key of its own.
func (s Survey) Validate() validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(s.Name) == "" {
		ps.Append("name", "Enter the survey’s name")
	}
	seen := map[string]bool{}
	for _, q := range s.Questions {
		switch {
		case strings.TrimSpace(q.Text) == "":
			ps.Append("question-"+q.Key, "Enter the question, or remove it")
		case q.Kind != Scale && q.Kind != Words:
			ps.Append("question-"+q.Key, "Select how the question is answered")
		case q.Key == "" || seen[q.Key]:
			ps.Append("question-"+q.Key, "Each question needs a key of its own")
		}
		seen[q.Key] = true
	}
	if len(s.Questions) == 0 {
		ps.Append("name", "A survey needs at least one question")
	}
	return ps
}

// The keys of the default surveys' questions that the measures read.
const (
	ListenedKey  = "listened"
	InControlKey = "in_control"
	EverydayKey  = "everyday"
	ChangeKey    = "change"
)

// DefaultPeopleSurvey is the survey a council starts with for people who draw on support, asked after an agreed
// plan or a review: the practice framework's evaluation by the feedback of people who need care and support
// (seeds/004, "Evaluation").
func DefaultPeopleSurvey() Survey {
	return Survey{Key: "people", Audience: People, Name: "How was your support planned?", Questions: []Question{
		{Key: ListenedKey, Kind: Scale, Text: "I was listened to"},
		{Key: "strengths", Kind: Scale, Text: "My strengths were recognised"},
		{Key: InControlKey, Kind: Scale, Text: "I feel in control of my support"},
		{Key: "who_to_contact", Kind: Scale, Text: "I know who to contact"},
		{Key: ChangeKey, Kind: Words, Text: "What would you change?"},
	}}
}

// DefaultStaffSurvey is the staff survey of culture and values a council starts with (seeds/004, "Evaluation":
// feedback from staff).
func DefaultStaffSurvey() Survey {
	return Survey{Key: "staff", Audience: Staff, Name: "Our culture and values", Questions: []Question{
		{Key: EverydayKey, Kind: Scale, Text: "Strengths-based practice is part of our everyday work"},
		{Key: "supervision", Kind: Scale, Text: "My supervision starts with what is going well"},
		{Key: "time", Kind: Scale, Text: "I have time to spend with the people I support"},
		{Key: "processes", Kind: Scale, Text: "Our processes let me work in a strengths-based way"},
		{Key: ChangeKey, Kind: Words, Text: "What would you change?"},
	}}
}

// How is how a set of answers was given.
type How string

// The ways of answering.
const (
	WithPractitioner How = "practitioner" // answered with the practitioner, who recorded them
	Paper            How = "paper"        // on the printed form, recorded by the practitioner
	Link             How = "link"         // by the person, through the link with its code
	InRound          How = "round"        // by a member of staff, in a staff survey round
)

// Label is how the answers were given, as the episode shows it.
func (h How) Label() string {
	switch h {
	case WithPractitioner:
		return "Answered with the practitioner"
	case Paper:
		return "Answered on the printed form"
	case Link:
		return "Answered by the person through the link"
	}
	return "Answered in a staff survey round"
}

// Response is one set of answers to a survey, by question key.
type Response struct {
	ID         string
	SurveyID   string
	AnsweredOn sqldb.Date
	How        How
	Anonymous  bool
	Answers    map[string]string
}

// Validate checks answers against the survey: every scale question answered on the scale, words within bounds.
// A question in the person's own words may be left empty.
func (r Response) Validate(s Survey) validation.Problems {
	var ps validation.Problems
	for _, q := range s.Questions {
		a := r.Answers[q.Key]
		switch {
		case q.Kind == Scale && !IsOption(a):
			ps.Append("answer-"+q.Key, "Select an answer to “"+q.Text+"”")
		case q.Kind == Words && len(a) > MaxWords:
			ps.Append("answer-"+q.Key, fmt.Sprintf("“%s” must be %d characters or fewer", q.Text, MaxWords))
		}
	}
	return ps
}

// Text is the answer to the question with key as a page shows it: the scale's label, the person's words, or "Not
// answered".
func (r Response) Text(key string) string {
	a, ok := r.Answers[key]
	if !ok || a == "" {
		return "Not answered"
	}
	return OptionLabel(a)
}

// MaxWords is the longest answer in one's own words.
const MaxWords = 2000

// CodeDays is how long a one-time code can be used for, from the day it was made.
const CodeDays = 60

// Invitation is a one-time code given to a person to answer a survey about an episode. Code is set only when the
// invitation has just been made: only its hash is kept.
type Invitation struct {
	ID, SurveyID, PersonID, EpisodeID string
	Code                              string
	ExpiresOn                         sqldb.Date
	UsedAt                            time.Time
	CreatedAt                         time.Time
}

// Status is whether the code can still be used on day.
func (i Invitation) Status(day sqldb.Date) string {
	switch {
	case !i.UsedAt.IsZero():
		return "Used"
	case day.After(i.ExpiresOn.Time):
		return "Expired"
	}
	return "Waiting for an answer"
}
