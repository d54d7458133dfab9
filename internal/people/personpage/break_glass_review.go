package personpage

import (
	"context"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Reviews is what the break-glass review pages need of people.Store.
type Reviews interface {
	BreakGlassEvents(ctx context.Context, includeReviewed bool) ([]people.BreakGlassEvent, error)
	ReviewBreakGlass(ctx context.Context, id, note string, version int) error
}

type reviewData struct {
	web.Page
	Events []people.BreakGlassEvent
	All    bool
	Note   map[string]string
}

// BreakGlassReviews lists break-glass openings for administrators, and records a review of one.
func BreakGlassReviews(tmpl *web.Templates, store Reviews) web.Handler {
	return web.Requires(councils.Role.Administers, func(w http.ResponseWriter, r *http.Request) error {
		data := reviewData{Page: web.NewPage(r, "Break-glass to review"), All: r.URL.Query().Get("all") == "yes", Note: map[string]string{}}
		status := http.StatusOK
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			id := r.PostForm.Get("id")
			version := web.FormVersion(r.PostForm, "version")
			note := strings.TrimSpace(r.PostForm.Get("note-" + id))
			err := store.ReviewBreakGlass(r.Context(), id, note, version)
			switch ps, ok := validation.AsProblems(err); {
			case ok:
				data.Errors.Add("note-"+id, ps[0].Message)
				data.Note[id] = note
				status = http.StatusUnprocessableEntity
			case errors.Is(err, sqldb.ErrConflict):
				data.Errors.Add("note-"+id, "Another administrator reviewed this while you were writing. Their review is shown below")
				status = http.StatusConflict
			case err != nil:
				return err
			default:
				web.SetFlash(r, "Review recorded")
				http.Redirect(w, r, paths.BreakGlassReviews.URL(), http.StatusSeeOther)
				return nil
			}
		}
		events, err := store.BreakGlassEvents(r.Context(), data.All || status != http.StatusOK)
		if err != nil {
			return err
		}
		data.Events = events
		return tmpl.Render(w, r, status, "people/break_glass_review.html", data)
	})
}
