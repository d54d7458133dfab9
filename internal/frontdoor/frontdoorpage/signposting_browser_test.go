package frontdoorpage_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The goal for a new user resolving a contact with two signposts, from the person's page.
const (
	goalPages  = 3
	goalFields = 10
)

// journey is a browser tab signed in as one member of staff, counting the fields they fill in or change.
type journey struct {
	*browsertest.Browser
	t      *testing.T
	fields int
}

func signIn(t *testing.T, site *apptest.Site, staff councils.Staff) *journey {
	t.Helper()
	return &journey{Browser: apptest.SignInBrowser(t, site, staff), t: t}
}

func (j *journey) fill(selector, value string) {
	j.t.Helper()
	j.fields++
	j.Fill(selector, value)
}

func (j *journey) choose(name, value string) {
	j.t.Helper()
	j.fields++
	j.Check(`input[name="` + name + `"][value="` + value + `"]`)
}

// find types words into the signposting section's type-ahead box and chooses the suggestion named name: two
// fields, the typing and the choice. The service's card appears without a page load.
func (j *journey) find(words, name string) {
	j.t.Helper()
	j.fields += 2
	j.Autocomplete("f-signpost_find", words, name)
	ctx, cancel := context.WithTimeout(j.Context(), j.Timeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`Array.from(document.querySelectorAll("[data-signposting-chosen] [data-signpost-name]")).some(e => e.textContent.trim() === %q)`, name))); err != nil {
		j.t.Fatalf("%s was not added: %v", name, err)
	}
}

func (j *journey) says(where string, wants ...string) {
	j.t.Helper()
	got := j.Text(where)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			j.t.Errorf("%s on %s does not say %q:\n%s", where, j.URL(), w, got)
		}
	}
}

// TestResolveAContactWithTwoSignposts is the goal, tried as a new user would for a person already on the record: from
// the person's page, a contact resolved with signposts to a gardening club and a falls-prevention class in 3 pages or
// fewer and 10 fields or fewer, with axe on every page. Then the person's episode shows both signposts with their
// follow-ups due, and the gardening club's page counts its use.
func TestResolveAContactWithTwoSignposts(t *testing.T) {
	db := dbtest.Open(t, sqldb.SQLite)
	s := newSignposting(t, db)
	j := signIn(t, s.site, s.worker)

	pages := j.Navigations()
	j.Visit("/people/" + s.person.ID)
	j.CheckA11y()
	j.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	j.Screenshot("contact")
	j.CheckA11y()
	j.choose("route_of_access", codelists.RouteOfAccessDefault)
	j.choose("channel", "Visit")
	j.choose("contact_by", "self")
	j.fill("#f-reason", "Lonely since her husband died; had a fall in the garden last month")
	j.choose("next", "resolve")
	j.find("gardening", "Gardening club")
	j.find("falls", "Falls prevention class")
	j.Screenshot("contact-two-signposts")
	j.CheckA11y()
	j.Submit(`button.govuk-button:not([name])`)
	j.Screenshot("resolved")
	j.CheckA11y()
	j.says(".govuk-notification-banner", "Contact recorded and resolved: Information and advice", "signposted to Gardening club and Falls prevention class")

	if n := pages(); n > goalPages {
		t.Errorf("the journey took %d pages, more than the goal of %d", n, goalPages)
	} else {
		t.Logf("the journey took %d pages (goal %d) and %d fields (goal %d)", n, goalPages, j.fields, goalFields)
	}
	if j.fields > goalFields {
		t.Errorf("the journey took %d fields, more than the goal of %d", j.fields, goalFields)
	}

	// The episode shows both signposts with their follow-ups due; the directory counts the gardening club's use.
	eps, err := s.site.App.Conversations.PersonEpisodes(peopletest.As(s.worker), s.person.ID)
	if err != nil || len(eps) != 1 {
		t.Fatalf("episodes: %+v, %v", eps, err)
	}
	j.Visit("/people/" + s.person.ID + "/episodes/" + eps[0].ID + "/signposts")
	j.Screenshot("episode-signposts")
	j.CheckA11y()
	due := "Follow up by " + s.followUp.Format("2 Jan 2006")
	j.says("main", "Gardening club", "Falls prevention class", due)
	if got := strings.Count(j.Text("main"), due); got != 2 {
		t.Errorf("%d signposts say %q, want 2", got, due)
	}
	j.Visit("/directory/services/" + s.gardening)
	j.CheckA11y()
	j.says("main", "How often it was used", "Signposts and referrals\t1")
}

// TestSignpostingOnTheFrontDoorAndAnEpisode walks the section's two other places once in the browser, with axe on
// each page: the front door's resolve page (information and advice, after triage), and an episode's new signposts,
// where each service can serve one of the episode's outcomes. Removing a service takes it away without a page load.
func TestSignpostingOnTheFrontDoorAndAnEpisode(t *testing.T) {
	db := dbtest.Open(t, sqldb.SQLite)
	s := newSignposting(t, db)

	// The front door: triage, then resolve with two services chosen and one removed.
	ep := conversationstest.MustOpenEpisode(t, db, s.advice, s.person.ID)
	if err := s.site.App.FrontDoor.Triage(peopletest.As(s.advice), s.person.ID, ep.ID, frontdoor.Triage{Priority: frontdoor.Routine, Reason: "Asking what is on locally"}, ep.Version); err != nil {
		t.Fatal(err)
	}
	a := signIn(t, s.site, s.advice)
	a.Visit("/people/" + s.person.ID + "/episodes/" + ep.ID + "/resolve")
	a.Screenshot("resolve")
	a.CheckA11y()
	a.find("gardening", "Gardening club")
	a.find("falls", "Falls prevention class")
	a.Click(`[data-signpost="0"] [data-signpost-remove]`)
	if a.Exists(`[data-signpost="0"]`) {
		t.Error("Remove left the gardening club on the list")
	}
	a.Screenshot("resolve-one-signpost")
	a.CheckA11y()
	a.Submit(`button.govuk-button:not([name])`)
	a.CheckA11y()
	a.says(".govuk-notification-banner", "resolved: Information and advice", "signposted to Falls prevention class")
	cs, err := s.site.App.FrontDoor.Case(peopletest.As(s.advice), s.person.ID, ep.ID)
	if err != nil || len(cs.Signposts) != 1 || cs.Signposts[0].ServiceName != "Falls prevention class" || !cs.Episode.Ended() {
		t.Errorf("after resolving: %+v, %v", cs.Signposts, err)
	}

	// An episode's new signposts: a service for one of the outcomes.
	w := planstest.New(t, db, s.site.A)
	p := signIn(t, s.site, s.worker)
	p.Visit("/people/" + w.Person.ID + "/episodes/" + w.EpisodeID + "/signposts/new")
	p.Screenshot("episode-signpost-new")
	p.CheckA11y()
	p.find("gardening", "Gardening club")
	p.Select(`select[name="signpost-0-outcome_id"]`, w.Outcomes[0].ID)
	p.Screenshot("episode-signpost-chosen")
	p.CheckA11y()
	p.Submit(`button.govuk-button:not([name])`)
	p.CheckA11y()
	p.says("main", "Signpost to Gardening club recorded", "Gardening club", w.Outcomes[0].Different)
}
