package strengthpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type ecomapData struct {
	web.Page
	Map       strengths.Map
	Drawing   strengths.Drawing
	Rows      []connectionRow
	Links     []strengths.Link
	CanChange bool
}

// connectionRow is one connection as the table beside the picture lists it.
type connectionRow struct {
	strengths.Connection
	Who       string // relationship, or "Community"
	Closeness string
	LinkLabel string
	Href      string // change it, or describe someone who matters for the first time
	Action    string
}

// Ecomap draws the person's network, with the same connections in a table, and prints legibly. Opening it is
// logged.
func (p *Pages) Ecomap() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		m, err := p.store.Ecomap(web.Route(r), id)
		if err != nil {
			return err
		}
		data := ecomapData{Page: web.NewPage(r, "Network (ecomap): "+m.Person.FullName()), Map: m, Drawing: strengths.Layout(m),
			Links: strengths.Links(), CanChange: staff(r).Role.ChangesPeople()}
		data.Back = paths.Person.URL(id)
		for _, c := range m.Connections {
			row := connectionRow{Connection: c, Who: c.Relationship, Closeness: c.Closeness.Label(), LinkLabel: c.Link.Label()}
			switch {
			case c.NetworkMemberID == "":
				row.Who = "Community"
			case row.Who == "":
				row.Who = "Someone who matters"
			}
			if c.Described() {
				row.Href, row.Action = paths.Connection.URL(id, c.ID), "Change"
			} else {
				row.Closeness, row.LinkLabel = "Not described yet", "Not described yet"
				row.Href, row.Action = paths.NewConnection.URL(id)+"?member="+c.NetworkMemberID, "Describe"
			}
			data.Rows = append(data.Rows, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "strengths/ecomap.html", data)
	}
}
