package directorypage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type organisationData struct {
	web.Page
	Organisation directory.Organisation
	Services     []directory.ServiceSummary
	Period       directory.Period
	CanEdit      bool
}

// Organisation shows an organisation and its services (GET /directory/organisations/{organisation}).
func (p *Pages) Organisation() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		o, services, period, err := p.store.Organisation(r.Context(), r.PathValue("organisation"))
		if err != nil {
			return err
		}
		data := organisationData{Page: web.NewPage(r, o.Name), Organisation: o, Services: services, Period: period, CanEdit: canEdit(r)}
		data.Back = paths.Directory.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "directory/organisation.html", data)
	}
}
