// Package safeguardingpage provides the safeguarding pages: raising a concern from a person's page, a person's
// safeguarding record, a concern with its section 42 decision, the enquiry with Making Safeguarding Personal, its
// people and steps and its closing, the council's open concerns and enquiries, and the Safeguarding Adults
// Collection style summary. Only staff in the council's safeguarding roles see any of them but the form to raise a
// concern; everyone else is told they do not exist.
package safeguardingpage

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the safeguarding pages need of safeguarding.Store.
type Store interface {
	Now() time.Time
	Sees(ctx context.Context) (bool, error)
	Raise(ctx context.Context, personID string, c safeguarding.NewConcern) (safeguarding.Raised, error)
	Receipt(ctx context.Context, personID, concernID string) (safeguarding.Receipt, error)
	Person(ctx context.Context, personID string) (safeguarding.PersonConcerns, error)
	Get(ctx context.Context, personID, concernID string) (safeguarding.View, error)
	Decide(ctx context.Context, personID, concernID string, d safeguarding.Decision, version int) (safeguarding.View, error)
	RecordAlleged(ctx context.Context, personID, concernID string, a safeguarding.Alleged, version int) error
	StartMSP(ctx context.Context, personID, concernID string, m safeguarding.MSPStart, version int) error
	AddStep(ctx context.Context, personID, concernID string, s safeguarding.Step, version int) error
	AddInvolved(ctx context.Context, personID, concernID string, in safeguarding.Involved, version int) error
	Close(ctx context.Context, personID, concernID string, c safeguarding.Closing, version int) error
	Open(ctx context.Context) (safeguarding.OpenList, error)
	Summarise(ctx context.Context, from, to sqldb.Date) (safeguarding.Summary, error)
}

// People reads the person a concern is raised about.
type People interface {
	Get(ctx context.Context, id string) (people.Person, people.Access, error)
}

// Pages holds what every safeguarding page needs.
type Pages struct {
	tmpl   *web.Templates
	store  Store
	people People
}

// New returns the safeguarding pages.
func New(tmpl *web.Templates, store Store, ppl People) *Pages {
	return &Pages{tmpl: tmpl, store: store, people: ppl}
}

// The council's pages.
const ()

func staff(r *http.Request) councils.Staff {
	s, _ := councils.StaffFrom(r.Context())
	return s
}

// guard answers not found to staff outside the safeguarding roles, for pages that read no person.
func (p *Pages) guard(r *http.Request) error {
	ok, err := p.store.Sees(r.Context())
	if err != nil {
		return err
	}
	if !ok {
		return sqldb.ErrNotFound
	}
	return nil
}

func codeItems(l codelists.List, checked []string) []web.Item {
	var out []web.Item
	for _, c := range l.Codes {
		it := web.Item{Value: c.Value, Text: c.Label}
		for _, v := range checked {
			if v == c.Value {
				it.Checked = true
			}
		}
		out = append(out, it)
	}
	return out
}

func addProblems(errs *web.Errors, ps validation.Problems, order []string) {
	for _, pr := range ps {
		errs.Add(pr.Field, pr.Message)
	}
	errs.Sort(order)
}

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(london()).Format("2 January 2006 at 15:04")
}

func london() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}

func dateText(d sqldb.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2 January 2006")
}

func orText(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

// dueTag says whether a decision is due or overdue.
func dueTag(due, now time.Time) (string, string) {
	if now.After(due) {
		return "Overdue", "govuk-tag--red"
	}
	return "Due " + when(due), "govuk-tag--yellow"
}
