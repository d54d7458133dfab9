package personpage

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type viewData struct {
	web.Page
	Person         people.Person
	Age            int
	BrokeGlass     bool
	CanChange      bool
	CanSeeViewers  bool
	Sections       []section
	EthnicityLabel string
	ShowEpisodes   bool
	Episodes       []EpisodeLine
	Duties         []DutyLine // open required actions, soonest due first
	ShowRaise      bool       // the "Raise a safeguarding concern" link
	Safeguarding   SafeguardingNotice
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
			data.Age = people.Age(person.DateOfBirth.Time, p.store.Today())
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

func notRecorded(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Not recorded"
	}
	return s
}

func sections(p people.Person, age int) []section {
	row := func(k, v string) web.SummaryRow { return web.SummaryRow{Key: k, Value: notRecorded(v)} }
	dob := ""
	if !p.DateOfBirth.IsZero() {
		dob = p.DateOfBirth.Format("2 January 2006")
		if age > 0 {
			dob += " (aged " + strconv.Itoa(age) + ")"
		}
	}
	address := strings.Join(nonEmpty(p.AddressLine1, p.AddressLine2, p.Town, p.Postcode), ", ")
	interpreter := "No"
	if p.InterpreterNeeded {
		interpreter = "Yes"
	}
	consent := "Not asked yet"
	switch p.ConsentToShare {
	case people.ConsentGiven:
		consent = "Yes, on " + p.ConsentDate.Format("2 January 2006") + ": " + strings.Join(p.ConsentScope, "; ")
	case people.ConsentRefused:
		consent = "No, they have not agreed"
	}
	restricted := "No"
	if p.Restricted {
		restricted = "Yes: only staff granted access can find or open it"
	}
	return []section{
		{Title: "Details", Rows: []web.SummaryRow{
			row("Name", p.FullName()), row("Preferred name", p.PreferredName), row("Date of birth", dob), row("NHS number", p.NHS()),
		}},
		{Title: "Address and contact", Rows: []web.SummaryRow{
			row("Address", address), row("Telephone", p.Phone), row("Email", p.Email),
			row("Prefers to be contacted by", codelists.ContactMethod.Label(p.ContactMethod)),
		}},
		{Title: "Taking part", Rows: []web.SummaryRow{
			row("Communication needs", p.CommunicationNeeds), row("Written information", p.InformationFormatsText()), row("Preferred language", p.PreferredLanguage), row("Needs an interpreter", interpreter),
		}},
		{Title: "Equality information", Rows: []web.SummaryRow{
			row("Gender", codelists.Gender.Label(p.Gender)), row("Ethnicity", codelists.Ethnicity.Label(p.Ethnicity)),
			row("Religion or belief", p.Religion), row("Sexual orientation", p.SexualOrientation), row("Disability", p.Disability),
		}},
		{Title: "Support", Rows: []web.SummaryRow{
			row("Primary support reason", p.PrimarySupportReason), row("Client type", p.ClientType), row("Accommodation", p.AccommodationStatus),
		}},
		{Title: "Consent to share information", Rows: []web.SummaryRow{row("Agreed", consent)}},
		{Title: "Allocation", Rows: []web.SummaryRow{
			row("Team", p.TeamName), row("Named worker", p.WorkerName), row("Restricted record", restricted),
		}},
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
