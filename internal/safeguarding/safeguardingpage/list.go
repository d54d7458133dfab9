package safeguardingpage

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type listRow struct {
	Href, Received, Types, Status, StatusClass, Raiser string
}

// List is a person's safeguarding record (GET /people/{id}/safeguarding): every concern, newest first, with what
// became of it.
func (p *Pages) List() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID := r.PathValue("id")
		pc, err := p.store.Person(web.Route(r), personID)
		if err != nil {
			return err
		}
		d := struct {
			web.Page
			Person  people.Person
			Rows    []listRow
			NewHref string
		}{Page: web.NewPage(r, "Safeguarding"), Person: pc.Person, NewHref: paths.NewConcern.URL(personID)}
		d.Back = paths.Person.URL(personID)
		for _, c := range pc.Concerns {
			row := listRow{Href: paths.Concern.URL(personID, c.ID), Received: when(c.ReceivedAt), Types: strings.Join(c.Types, ", "), Raiser: c.Raiser()}
			e, hasEnquiry := pc.Enquiry[c.ID]
			switch {
			case !c.Decided():
				row.Status, row.StatusClass = dueTag(c.DecisionDueAt, pc.Now)
				row.Status = "Decision " + strings.ToLower(row.Status[:1]) + row.Status[1:]
			case hasEnquiry && !e.Closed():
				row.Status, row.StatusClass = e.Kind.Label()+" open", "govuk-tag--blue"
			case hasEnquiry:
				row.Status, row.StatusClass = e.Kind.Label()+" closed", "govuk-tag--grey"
			default:
				row.Status, row.StatusClass = c.Result.Label(), "govuk-tag--grey"
			}
			d.Rows = append(d.Rows, row)
		}
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/list.html", d)
	}
}
