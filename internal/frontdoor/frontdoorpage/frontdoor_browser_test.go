package frontdoorpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestTheFrontDoor walks the front door in a real browser, with axe on every page. An information and advice
// worker triages a new contact and resolves it with a signpost to a lunch club: two pages from the list. Another
// contact goes on the waiting list. A practitioner then refers a person to the lunch club from their episode, for
// one of their outcomes, and records the follow-up; the service's page counts both, with no names.
func TestTheFrontDoor(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	advice := site.A.Staff[councils.DirectoryEditor]
	ctx := peopletest.As(advice)
	org, err := site.App.Directory.AddOrganisation(ctx, directory.Organisation{Name: "Exampleton Befriending", Description: "Volunteers who visit and phone people who live alone"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := site.App.Directory.AddService(ctx, directory.ServiceInput{OrganisationID: org.ID, Name: "Lunch club", Description: "A hot lunch and company every Thursday", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	ada := peopletest.MustCreate(t, db, advice, peopletest.Person(site.A.North.ID))
	conversationstest.MustOpenEpisode(t, db, advice, ada.ID)
	bo := peopletest.MustCreate(t, db, advice, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber = "Bo", "Example", ""
	}))
	conversationstest.MustOpenEpisode(t, db, advice, bo.ID)

	// Information and advice: the new contacts, newest first.
	b := apptest.SignInBrowser(t, site, advice)
	b.ClickAndWait(`.govuk-service-navigation a[href="/front-door"]`)
	b.Screenshot("front-door-contacts")
	b.CheckA11y()
	apptest.MustContain(t, "contacts", b.Text("main"), "2 contacts to triage", "Testperson, Ada", "Example, Bo")

	// Page one: triage, choosing to resolve now (a mistake first).
	b.ClickAndWait(`a[href="/people/` + ada.ID + `/episodes/` + firstEpisode(t, site, ada.ID) + `/triage"]`)
	b.Screenshot("front-door-triage")
	b.CheckA11y()
	b.Check(apptest.Radio("priority", "routine"))
	b.Submit("#f-triage_reason")
	b.Screenshot("front-door-triage-mistake")
	b.CheckA11y()
	apptest.MustContain(t, "triage errors", b.Text(".govuk-error-summary"), "Enter why you chose this priority", "Select whether to resolve")
	b.Fill("#f-triage_reason", "Asking about company at lunchtime; safe at home")
	b.Check(apptest.Radio("next", "resolve"))
	b.Submit("#f-triage_reason")

	// Page two: the result and the signpost.
	b.Screenshot("front-door-resolve")
	b.CheckA11y()
	apptest.MustContain(t, "resolve", b.Text("main"), "Resolve this contact", "Routine: Asking about company at lunchtime")
	b.Autocomplete("f-signpost_find", "lunch", "Lunch club")
	b.Fill("#f-signpost-0-what_shared", "Times, address and the organiser's phone number")
	b.Check(`input[name="signpost-0-shared_how"][value="printed"]`)
	b.Submit("#f-signpost-0-what_shared")
	b.Screenshot("front-door-resolved")
	b.CheckA11y()
	apptest.MustContain(t, "banner", b.Text(".govuk-notification-banner"), "Contact about Ada Testperson resolved: Information and advice")
	apptest.MustContain(t, "contacts after", b.Text("main"), "1 contact to triage", "Example, Bo")

	// The other contact joins the waiting list.
	b.ClickAndWait(`a[href$="/triage"]`)
	b.Check(apptest.Radio("priority", "high"))
	b.Fill("#f-triage_reason", "Carer in hospital until next week")
	b.Check(apptest.Radio("next", "wait"))
	b.Submit("#f-triage_reason")
	apptest.MustContain(t, "banner", b.Text(".govuk-notification-banner"), "Bo Example added to the waiting list, high priority")
	b.ClickAndWait(`a[href="/front-door/waiting"]`)
	b.Screenshot("front-door-waiting")
	b.CheckA11y()
	apptest.MustContain(t, "waiting", b.Text("main"), "Example, Bo", "High", "Waiting for a first conversation", "Less than a day so far", "Check in")
	b.ClickAndWait(`a[href$="/check-ins/new"]`)
	b.Screenshot("front-door-check-in")
	b.CheckA11y()

	// A practitioner refers a person to the lunch club from their episode, for one of their outcomes.
	w := planstest.New(t, db, site.A)
	p := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	p.Visit("/people/" + w.Person.ID + "/episodes/" + w.EpisodeID)
	p.ClickAndWait(`#front-door a[href$="/signposts"]`)
	p.Screenshot("signposts-empty")
	p.CheckA11y()
	p.ClickAndWait(`a.govuk-button[href$="/signposts/new"]`)
	p.Screenshot("signpost-new")
	p.CheckA11y()
	p.Autocomplete("f-signpost_find", "lunch", "Lunch club")
	p.Select("#f-signpost-0-outcome_id", w.Outcomes[0].ID)
	p.Fill("#f-signpost-0-what_shared", "Rang the organiser with Ada; leaflet emailed to her daughter")
	p.Check(`input[name="signpost-0-shared_how"][value="emailed"]`)
	p.Check("#f-signpost-0-referred")
	p.Submit("#f-signpost-0-what_shared")
	p.Screenshot("signpost-mistake")
	p.CheckA11y()
	apptest.MustContain(t, "signpost errors", p.Text(".govuk-error-summary"), "needs their consent")
	p.Check("#f-signpost-0-consent")
	p.Submit("#f-signpost-0-what_shared")
	p.Screenshot("signposts")
	p.CheckA11y()
	apptest.MustContain(t, "signposts", p.Text("main"), "Referral to Lunch club recorded", "Referred, with consent", "Follow up by")

	// The follow-up: it partly helped.
	p.ClickAndWait(`td a[href*="/signposts/"]`)
	p.Screenshot("signpost")
	p.CheckA11y()
	p.Check(apptest.Radio("result", "partly"))
	p.Fill("#f-result_note", "Enjoys the company; the bus home is hard")
	p.Submit("#f-result_note")
	p.Screenshot("signpost-followed-up")
	p.CheckA11y()
	apptest.MustContain(t, "follow-up", p.Text("main"), "Follow-up recorded: it partly helped", "It partly helped: Enjoys the company")

	// The plan's ladder has the lunch club as a community solution.
	p.Visit("/people/" + w.Person.ID + "/episodes/" + w.EpisodeID + "/solutions")
	apptest.MustContain(t, "ladder", p.Text("main"), "Signposted to Lunch club")

	// The service's page counts its use, with no names.
	p.Visit("/directory/services/" + svc.ID)
	p.Screenshot("directory-service-use")
	p.CheckA11y()
	main := p.Text("main")
	apptest.MustContain(t, "service use", main, "How often it was used", "Signposts and referrals\t2", "It partly helped\t1")
	for _, name := range []string{"Testperson", "Example, Bo"} {
		if strings.Contains(main, name) {
			t.Errorf("the service's page names %q", name)
		}
	}
}

// firstEpisode is the person's only episode.
func firstEpisode(t *testing.T, site *apptest.Site, personID string) string {
	t.Helper()
	eps, err := site.App.Conversations.PersonEpisodes(peopletest.As(site.A.Staff[councils.DirectoryEditor]), personID)
	if err != nil || len(eps) == 0 {
		t.Fatalf("episodes: %v, %v", eps, err)
	}
	return eps[0].ID
}
