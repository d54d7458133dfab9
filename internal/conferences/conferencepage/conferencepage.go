// Package conferencepage provides the family group conference pages of an episode: its conferences, a referral with
// the person's consent, and a conference's page, where it is recorded as held (with the family's private time and
// their plan), where items of the family's plan are added to the support plan, and where the plan is reviewed.
package conferencepage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of conferences.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (conferences.Page, error)
	Conference(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Glance(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Refer(ctx context.Context, personID, episodeID string, r conferences.Referral) (conferences.Conference, error)
	RecordHeld(ctx context.Context, personID, episodeID, id string, m conferences.Meeting, version int) error
	RecordReview(ctx context.Context, personID, episodeID, id string, r conferences.Review, version int) error
	AddToSupportPlan(ctx context.Context, personID, episodeID, id, itemID string, outcomeIDs []string) (plans.Solution, error)
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// Rows is how many rows of people invited, and of the family's plan, the forms offer.
const Rows = 5

type cell struct{ Name, Label, Value string }

type row struct {
	Cells []cell
}

func formRows(r *http.Request, labels ...string) []row {
	out := make([]row, Rows)
	for i := range out {
		for j := 0; j < len(labels); j += 2 {
			c := cell{Name: fmt.Sprintf("%s_%d", labels[j], i+1), Label: labels[j+1]}
			if j == 0 {
				c.Label = fmt.Sprintf(labels[j+1], i+1)
			}
			if r != nil {
				c.Value = strings.TrimSpace(r.PostForm.Get(c.Name))
			}
			out[i].Cells = append(out[i].Cells, c)
		}
	}
	return out
}
