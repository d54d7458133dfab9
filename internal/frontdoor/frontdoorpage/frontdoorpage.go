// Package frontdoorpage provides the front door's pages: new contacts for information and advice staff, triage,
// resolution at first contact with a signpost (two pages from the list), the waiting list with each person's wait
// and check-ins, a check-in, and an episode's signposts and referrals to community services with their follow-up.
package frontdoorpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"slices"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of frontdoor.Store.
type Store interface {
	Contacts(ctx context.Context) ([]frontdoor.NewContact, error)
	Case(ctx context.Context, personID, episodeID string) (frontdoor.Case, error)
	Glance(ctx context.Context, personID, episodeID string) (frontdoor.Case, error)
	Triage(ctx context.Context, personID, episodeID string, t frontdoor.Triage, version int) error
	Resolve(ctx context.Context, personID, episodeID string, end conversations.Ending, sps []frontdoor.Signpost, version int) error
	Waiting(ctx context.Context, f frontdoor.WaitingFilter) ([]frontdoor.Waiter, error)
	CheckIn(ctx context.Context, personID, episodeID string, n frontdoor.CheckInNote, version int) (conversations.Contact, error)
	Signposts(ctx context.Context, personID, episodeID string) (frontdoor.SignpostsPage, error)
	SignpostsGlance(ctx context.Context, personID, episodeID string) (frontdoor.SignpostsPage, error)
	AddSignposts(ctx context.Context, personID, episodeID string, on sqldb.Date, sps []frontdoor.Signpost) ([]frontdoor.Signpost, error)
	Signpost(ctx context.Context, personID, episodeID, id string) (people.Person, frontdoor.Signpost, error)
	SignpostGlance(ctx context.Context, personID, episodeID, id string) (people.Person, frontdoor.Signpost, error)
	RecordFollowUp(ctx context.Context, personID, episodeID, id string, f frontdoor.FollowUp, version int) error
}

// Teams lists the council's teams, for the waiting list's filter.
type Teams interface {
	Teams(ctx context.Context) ([]councils.Team, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl        *web.Templates
	store       Store
	teams       Teams
	signposting *Signposting
}

// New returns the pages, with the signposting section they share with the practitioner's contact page.
func New(tmpl *web.Templates, store Store, teams Teams, signposting *Signposting) *Pages {
	return &Pages{tmpl: tmpl, store: store, teams: teams, signposting: signposting}
}

// Paths of the pages.
const ()

func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

// mayWorkFrontDoor refuses roles that do not work the front door's lists.
func mayWorkFrontDoor(r *http.Request) error {
	if !frontdoor.SeesFrontDoor(staff(r).Role) {
		return web.Forbidden
	}
	return nil
}

func priorityItems() []web.Item {
	hints := map[frontdoor.Priority]string{
		frontdoor.Urgent:  "Someone is at risk now or within days: start work straight away",
		frontdoor.High:    "Things will get worse soon without help",
		frontdoor.Routine: "The person is safe for now and can wait for a conversation",
	}
	var out []web.Item
	for _, p := range frontdoor.Priorities() {
		out = append(out, web.Item{Value: string(p), Text: p.Label(), Hint: hints[p]})
	}
	return out
}

// resultLabel is an event outcome as a worker at the front door reads it.
func resultLabel(v string) string {
	if v == codelists.EventOutcomeInformationAdvice {
		return "Information and advice, or signposted to universal or community services"
	}
	return codelists.EventOutcome.Label(v)
}

func sharedItems() []web.Item {
	var out []web.Item
	for _, s := range frontdoor.Shareds() {
		out = append(out, web.Item{Value: string(s), Text: s.Label()})
	}
	return out
}

func has(list []string, v string) bool { return slices.Contains(list, v) }

// caseFor reads the episode for a page: logging the view for a GET; for a POST, whose change the store logs (or
// refuses), applying the access rule without a log entry.
func (p *Pages) caseFor(r *http.Request, id, epID string) (frontdoor.Case, error) {
	if r.Method == http.MethodPost {
		return p.store.Glance(web.Route(r), id, epID)
	}
	return p.store.Case(web.Route(r), id, epID)
}
