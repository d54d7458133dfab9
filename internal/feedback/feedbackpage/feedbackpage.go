// Package feedbackpage provides the feedback pages: an episode's feedback (answers recorded with the person, the
// printed form and the link, each with a one-time code), the page a person answers on with that code and no
// sign-in, the staff survey a member of staff answers once a round, and for the quality lead the results, the
// surveys to change and the rounds to open.
package feedbackpage

import (
	"context"
	"embed"
	"io/fs"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of feedback.Store.
type Store interface {
	Surveys(ctx context.Context) ([]feedback.Survey, error)
	Survey(ctx context.Context, id string) (feedback.Survey, error)
	ChangeSurvey(ctx context.Context, s feedback.Survey, version int) (feedback.Survey, error)
	Episode(ctx context.Context, personID, episodeID string) (feedback.EpisodeFeedback, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (feedback.EpisodeFeedback, error)
	Record(ctx context.Context, personID, episodeID string, r feedback.Response) (feedback.Response, error)
	Invite(ctx context.Context, personID, episodeID string) (feedback.Invitation, feedback.Survey, error)
	ByCode(ctx context.Context, code string) (feedback.Survey, string, error)
	AnswerByCode(ctx context.Context, code string, r feedback.Response) error
	OpenRound(ctx context.Context, n feedback.NewRound) (feedback.Round, error)
	Rounds(ctx context.Context) ([]feedback.Round, error)
	Round(ctx context.Context, id string) (feedback.Round, feedback.Survey, error)
	AnswerRound(ctx context.Context, roundID string, r feedback.Response) error
	Results(ctx context.Context, f feedback.Filter) (feedback.Results, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl    *web.Templates
	store   Store
	printer web.Printer
}

// New returns the pages. printer may be nil, or unavailable where Chromium is not installed: then the paper form
// is shown to print from the browser.
func New(tmpl *web.Templates, store Store, printer web.Printer) *Pages {
	return &Pages{tmpl: tmpl, store: store, printer: printer}
}

// options are the scale's answers as radios.
func options() []web.Item {
	var out []web.Item
	for _, o := range feedback.Options() {
		out = append(out, web.Item{Value: o.Value, Text: o.Label})
	}
	return out
}

// answerField is the form field of a question's answer.
func answerField(key string) string { return "answer-" + key }

// Asked is the questions of a survey as a form shows them, with what was answered.
type Asked struct {
	Questions []feedback.Question
	Answers   map[string]string
	Options   []web.Item
}

func newQuestions(s feedback.Survey) Asked {
	return Asked{Questions: s.Questions, Answers: map[string]string{}, Options: options()}
}

// read reads the answers to the survey's questions from the form.
func (q *Asked) read(f url.Values) map[string]string {
	for _, qu := range q.Questions {
		q.Answers[qu.Key] = strings.TrimSpace(f.Get(answerField(qu.Key)))
	}
	return q.Answers
}

// order is the fields of a form of questions, in the order of the error summary, after those before them.
func order(s feedback.Survey, before ...string) []string {
	for _, q := range s.Questions {
		before = append(before, answerField(q.Key))
	}
	return before
}

// anonymousItems is the checkbox a person ticks to ask for their answers to be anonymous, ticked when they did.
func anonymousItems(text string, ticked bool) []web.Item {
	return []web.Item{{Value: "yes", Text: text, Checked: ticked}}
}
