package frontdoorpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/web"
)

type contactsData struct {
	web.Page
	Contacts []frontdoor.NewContact
}

// Contacts lists the contacts not yet triaged or resolved, newest first (GET /front-door).
func (p *Pages) Contacts() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := mayWorkFrontDoor(r); err != nil {
			return err
		}
		list, err := p.store.Contacts(r.Context())
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "frontdoor/contacts.html", contactsData{Page: web.NewPage(r, "New contacts"), Contacts: list})
	}
}
