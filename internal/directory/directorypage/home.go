package directorypage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/web"
)

type homeData struct {
	web.Page
	Home    directory.Home
	CanEdit bool
}

// Home is the directory's front page (GET /directory): every organisation with its services, each marked when its
// entry is overdue for a check, and for editors the list of services not checked within the council's period.
func (p *Pages) Home() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		h, err := p.store.Home(r.Context())
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "directory/home.html", homeData{Page: web.NewPage(r, "Community directory"), Home: h, CanEdit: canEdit(r)})
	}
}
