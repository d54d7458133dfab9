// Package conversationpage provides the pages for the front door and the work that follows it: recording a contact
// (and resolving it there and then), an episode of work as a task list of the four steps, changing a step's status,
// ending an episode, MASOSS conversations, and Care Act eligibility determinations.
package conversationpage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"io/fs"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/frontdoor/frontdoorpage"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of conversations.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (conversations.EpisodeRecord, error)
	SetStep(ctx context.Context, personID, episodeID string, r conversations.StepRecord) error
	End(ctx context.Context, personID, episodeID string, end conversations.Ending, version int) error
	AddConversation(ctx context.Context, c conversations.Conversation) (conversations.Conversation, error)
	Conversation(ctx context.Context, personID, episodeID, id string) (people.Person, conversations.Conversation, error)
	UpdateConversation(ctx context.Context, c conversations.Conversation) error
	RecordingModel(ctx context.Context, named practicemodels.Model) (practicemodels.Model, error)
	AddDetermination(ctx context.Context, d conversations.Determination) (conversations.Determination, error)
	Determination(ctx context.Context, personID, episodeID, id string) (people.Person, conversations.Determination, error)
}

// People is what these pages need of people.Store: the person's name for a form sent back with mistakes, without
// logging a view (the change itself is logged by the store).
type People interface {
	Glance(ctx context.Context, id string) (people.Summary, error)
}

// Contacts records a contact with the signposts given at first contact, in one transaction (frontdoor.Store, which
// records the contact through the conversations domain).
type Contacts interface {
	RecordContact(ctx context.Context, c conversations.Contact, end *conversations.Ending, sps []frontdoor.Signpost) (conversations.Contact, conversations.Episode, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl        *web.Templates
	store       Store
	people      People
	contacts    Contacts
	signposting *frontdoorpage.Signposting // the front door's signposting section, on the contact page
	crisis      CrisisBanner               // nil: no crisis banner
	sittings    Sittings
}

// New returns the pages. The contact page records through contacts, with signposts from the front door's
// signposting section.
func New(tmpl *web.Templates, store Store, ppl People, contacts Contacts, signposting *frontdoorpage.Signposting) *Pages {
	return &Pages{tmpl: tmpl, store: store, people: ppl, contacts: contacts, signposting: signposting}
}

// StepPath is the page to change a step's status.
func StepPath(personID, episodeID string, s conversations.Step) string {
	return paths.Step.URL(personID, episodeID, strconv.Itoa(int(s)))
}

func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

// formLoad is web.EditForm.Load for a form of the person's episode: read reads what the form is filled from, logging
// a view, while a form shown again with problems only glances at the person, for their name.
func formLoad[R any](p *Pages, r *http.Request, id string, name *string, read func() (R, error)) func() (R, error) {
	return func() (R, error) {
		if r.Method != http.MethodPost {
			return read()
		}
		var none R
		n, err := p.glance(r, id)
		*name = n
		return none, err
	}
}

// glance is the person's name for a form sent back with mistakes.
func (p *Pages) glance(r *http.Request, id string) (string, error) {
	g, err := p.people.Glance(r.Context(), id)
	if err != nil {
		return "", err
	}
	return g.FullName(), nil
}
