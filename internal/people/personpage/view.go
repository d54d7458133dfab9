package personpage

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type viewData struct {
	web.Page
	Person        people.Person
	Age           int
	BrokeGlass    bool
	CanChange     bool
	CanSeeViewers bool
	Sections      []section
	ShowEpisodes  bool
	Episodes      []EpisodeLine
	Duties        []DutyLine // open required actions, soonest due first
	ShowRaise     bool       // the "Raise a safeguarding concern" link
	Safeguarding  SafeguardingNotice
}

type section struct {
	Title string
	Rows  []web.SummaryRow
}

// View is a person's page. Opening it is logged.
func (p *Pages) View() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		person, access, err := p.store.Get(web.Route(r), id)
		if err != nil {
			return err
		}
		me := staff(r)
		data := viewData{
			Page: web.NewPage(r, person.FullName()), Person: person, BrokeGlass: access == people.BrokenGlass,
			CanChange: me.Role.ChangesPeople(), CanSeeViewers: me.Role.SeesWhoViewed(),
		}
		data.Back = paths.People.URL()
		if !person.DateOfBirth.IsZero() {
			data.Age = people.Age(person.DateOfBirth.Time, web.Today(r).Time)
		}
		data.Sections = sections(person, data.Age)
		if p.episodes != nil {
			data.ShowEpisodes = true
			if data.Episodes, err = p.episodes.PersonEpisodes(web.Route(r), id); err != nil {
				return err
			}
		}
		if p.duties != nil {
			ds, err := p.duties.PersonDuties(web.Route(r), id)
			if err != nil {
				return err
			}
			data.Duties = dutyLines(ds, p.duties.Now())
		}
		if p.safeguarding != nil {
			data.ShowRaise = data.CanChange
			if data.Safeguarding, err = p.safeguarding.PersonNotice(web.Route(r), id); err != nil {
				return err
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "people/view.html", data)
	}
}
