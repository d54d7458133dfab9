// Package crisispage provides an episode's crisis page: marking the episode as crisis with its short-term holding
// support, the current crisis with its early review due (and overdue), recording the early review, and earlier
// crises.
package crisispage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of crisis.Store.
type Store interface {
	Episode(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Glance(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Mark(ctx context.Context, personID, episodeID string, m crisis.Mark) (crisis.Crisis, error)
	RecordReview(ctx context.Context, personID, episodeID, crisisID string, r crisis.Review, version int) (crisis.Review, error)
	Now() time.Time
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// SupportRows is how many items of holding support the forms offer.
const SupportRows = 4

type supportRow struct {
	Name, Label, Value string
}

func supportRows(f url.Values, current []string) []supportRow {
	out := make([]supportRow, SupportRows)
	for i := range out {
		out[i] = supportRow{Name: fmt.Sprintf("support_%d", i+1), Label: fmt.Sprintf("Item %d", i+1)}
		if f != nil {
			out[i].Value = strings.TrimSpace(f.Get(out[i].Name))
		} else if i < len(current) {
			out[i].Value = current[i]
		}
	}
	return out
}

func supportValues(rows []supportRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Value
	}
	return out
}
