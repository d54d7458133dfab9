package conversationpage

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type determinationView struct {
	web.Page
	PersonName    string
	Determination conversations.Determination
	Rows          []web.SummaryRow
	Outcomes      []web.SummaryRow
	Cancel        string
}

// Determination shows a recorded eligibility determination: the answers, the regulations' result explained, and
// the practitioner's decision. Opening it is logged.
func (p *Pages) Determination() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, epID := r.PathValue("id"), r.PathValue("episode")
		person, d, err := p.store.Determination(web.Route(r), id, epID, r.PathValue("eligibility"))
		if err != nil {
			return err
		}
		a := d.Answers
		yes := func(b bool) string {
			if b {
				return "Yes"
			}
			return "No"
		}
		data := determinationView{Page: web.NewPage(r, "Care Act eligibility"), PersonName: person.FullName(), Determination: d, Cancel: paths.Episode.URL(id, epID)}
		data.Back = data.Cancel
		decision := "Not eligible"
		if d.Eligible {
			decision = "Eligible"
		}
		if !d.Agrees {
			decision += ", disagreeing with the regulations' result"
		}
		data.Rows = []web.SummaryRow{
			{Key: "Whose eligibility", Value: a.Kind.Label()},
			{Key: "Date", Value: d.DeterminedOn.Format("2 January 2006")},
			{Key: "Decided by", Value: orNotRecorded(d.CreatedByName)},
		}
		if a.Kind == conversations.Carer {
			data.Rows = append(data.Rows,
				web.SummaryRow{Key: "Needs arise from providing necessary care for an adult", Value: yes(a.NecessaryCare)},
				web.SummaryRow{Key: "Health deteriorating or at risk of deteriorating", Value: yes(a.HealthDeteriorating)})
		} else {
			data.Rows = append(data.Rows, web.SummaryRow{Key: "Needs arise from a physical or mental impairment or illness", Value: yes(a.ImpairmentOrIllness)})
		}
		var areas []string
		for _, v := range a.ImpactAreas {
			areas = append(areas, codelists.WellbeingArea.Label(v))
		}
		impact := yes(a.SignificantImpact)
		if len(areas) > 0 {
			impact += ": " + strings.Join(areas, "; ")
		}
		data.Rows = append(data.Rows,
			web.SummaryRow{Key: "Significant impact on wellbeing", Value: impact},
			web.SummaryRow{Key: "The regulations give", Value: d.Explanation},
			web.SummaryRow{Key: "Decision", Value: decision})
		if !d.Agrees {
			data.Rows = append(data.Rows, web.SummaryRow{Key: "Why the practitioner disagreed", Value: d.DisagreementReason})
		}
		list := a.Kind.Outcomes()
		for _, o := range a.Outcomes {
			var ways []string
			for _, w := range o.Ways {
				ways = append(ways, w.Label())
			}
			data.Outcomes = append(data.Outcomes, web.SummaryRow{Key: list.Label(o.Code), Value: strings.Join(ways, "; ")})
		}
		return p.tmpl.Render(w, r, http.StatusOK, "conversations/determination_view.html", data)
	}
}
