package safeguardingpage

import (
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type openRow struct {
	Href, Name, Received, Due, DueClass, Kind, Lead, Started, Steps string
}

// Open is the council's undecided concerns and open enquiries for its safeguarding staff (GET /safeguarding),
// each decision shown as due or overdue.
func (p *Pages) Open() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		list, err := p.store.Open(r.Context())
		if err != nil {
			return err
		}
		d := struct {
			web.Page
			Undecided, Enquiries []openRow
			SummaryHref          string
		}{Page: web.NewPage(r, "Safeguarding"), SummaryHref: paths.SafeguardingSummary.URL()}
		for _, it := range list.Undecided {
			row := openRow{Href: paths.ConcernDecision.URL(it.PersonID, it.ConcernID), Name: it.Name, Received: when(it.ReceivedAt)}
			row.Due, row.DueClass = dueTag(it.DueAt, list.Now)
			d.Undecided = append(d.Undecided, row)
		}
		for _, it := range list.Enquiries {
			d.Enquiries = append(d.Enquiries, openRow{Href: paths.Enquiry.URL(it.PersonID, it.ConcernID), Name: it.Name, Kind: it.Kind.Label(),
				Lead: it.LeadName, Started: dateText(it.StartedOn), Steps: strconv.Itoa(it.Steps)})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/open.html", d)
	}
}
