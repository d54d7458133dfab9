// Package chronologypage provides a person's chronology: their significant events in one timeline, newest first,
// filtered by kind, ready to print.
package chronologypage

import (
	"context"
	"embed"
	"github.com/golden-thread/goldenthread/internal/paths"
	"io/fs"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what the chronology page needs of chronology.Store.
type Store interface {
	List(ctx context.Context, personID string, kinds []chronology.Kind) (people.Person, []chronology.Event, error)
	KindsFor(ctx context.Context) ([]chronology.Kind, error)
}

type chronologyData struct {
	web.Page
	Person   people.Person
	Kinds    []web.Item
	Chosen   []string
	Filtered bool
	Events   []chronology.Event
}

// Chronology is a person's chronology. Opening it is logged as a view of their record.
func Chronology(tmpl *web.Templates, store Store) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		chosen := r.URL.Query()["kind"]
		visible, err := store.KindsFor(r.Context())
		if err != nil {
			return err
		}
		var kinds []chronology.Kind
		known := map[chronology.Kind]bool{}
		for _, k := range visible {
			known[k] = true
		}
		for _, c := range chosen {
			if known[chronology.Kind(c)] {
				kinds = append(kinds, chronology.Kind(c))
			}
		}
		ctx := web.Route(r)
		p, events, err := store.List(ctx, id, kinds)
		if err != nil {
			return err
		}
		data := chronologyData{Page: web.NewPage(r, "Chronology"), Person: p, Events: events, Chosen: chosen,
			Filtered: len(kinds) > 0}
		for _, k := range visible {
			data.Kinds = append(data.Kinds, web.Item{Value: string(k), Text: k.Label()})
		}
		data.Back = paths.Person.URL(id)
		return tmpl.Render(w, r, http.StatusOK, "chronology/chronology.html", data)
	}
}
