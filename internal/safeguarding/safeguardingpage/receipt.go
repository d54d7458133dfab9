package safeguardingpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/web"
)

// Receipt is what the member of staff who recorded a concern sees of it (GET /people/{id}/safeguarding/{concern}/received):
// that the safeguarding team received it, when, and who is looking at it, without anything it says. Anyone else
// is told it does not exist.
func (p *Pages) Receipt() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		rc, err := p.store.Receipt(web.Route(r), personID, concernID)
		if err != nil {
			return err
		}
		d := struct {
			web.Page
			Receipt safeguarding.Receipt
			Rows    []web.SummaryRow
		}{Page: web.NewPage(r, "Safeguarding concern received"), Receipt: rc, Rows: []web.SummaryRow{
			{Key: "Received by the safeguarding team", Value: when(rc.RecordedAt)},
			{Key: "Being looked at by", Value: rc.LookedAtBy},
		}}
		d.Back = paths.Person.URL(personID)
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/receipt.html", d)
	}
}
