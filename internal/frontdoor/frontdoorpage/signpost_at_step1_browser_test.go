package frontdoorpage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestASignpostAtStep1 walks the first case end to end, with axe on every page: a contact at the front door opens
// an episode, which waits on the front door's list to triage; the practitioner holds a conversation at Step 1,
// which starts the step and takes the contact off that list at once; signposts the person to a gardening club;
// and ends the episode at Step 1, the step the ending form offers. The episode, the person's page and the
// caseload then say what happened: ended at Step 1, the later steps not needed, nothing left to start.
func TestASignpostAtStep1(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	s := newSignposting(t, db)
	ada := peopletest.MustCreate(t, db, s.worker, peopletest.Person(s.site.A.North.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber, p.WorkerID = "Ada", "Signposted", "", s.worker.ID
	}))
	j := signIn(t, s.site, s.worker)
	door := signIn(t, s.site, s.advice)
	toTriage := func(want bool) {
		t.Helper()
		door.Visit("/front-door")
		door.CheckA11y()
		if got := strings.Contains(door.Text("main"), "Signposted, Ada"); got != want {
			t.Errorf("Ada on the list to triage: %v, want %v:\n%s", got, want, door.Text("main"))
		}
	}

	// The contact opens an episode; nobody has taken it up yet, so it waits to be triaged.
	j.Visit("/people/" + ada.ID)
	j.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	j.CheckA11y()
	j.choose("channel", "Phone")
	j.choose("route_of_access", codelists.RouteOfAccessDefault)
	j.choose("contact_by", "self")
	j.fill("#f-reason", "Lonely since moving to the area; asked what is on locally")
	j.choose("next", "open")
	j.Submit("#f-reason")
	j.CheckA11y()
	if got := j.Text("h1"); got != "Episode of work" {
		t.Fatalf("after the contact the page heading is %q, want the episode", got)
	}
	episode := strings.TrimPrefix(strings.Split(j.URL(), "#")[0], s.site.Server.URL)
	j.says("#step-1-status", "Not started")
	door.Screenshot("signpost-step1-to-triage")
	toTriage(true)

	// A conversation at Step 1 starts the step; the contact leaves the list at once.
	j.ClickAndWait(`a[href$="/conversations/new?step=1"]`)
	j.CheckA11y()
	j.choose("method", "phone")
	j.choose("needed_help", "no")
	j.fill("#f-mindset_words", "I'd like to meet people who like gardening")
	j.Submit("#f-mindset_words")
	j.Screenshot("signpost-step1-conversation")
	j.CheckA11y()
	j.says("#step-1-status", "In progress")
	toTriage(false)
	j.Visit("/caseload")
	j.CheckA11y()
	j.says("main", "Signposted, Ada", "Step 1: Gather information, in progress")

	// A signpost to the gardening club; it records no step of its own.
	j.Visit(episode + "/signposts/new")
	j.CheckA11y()
	j.find("gardening", "Gardening club")
	j.Submit(`button.govuk-button:not([name])`)
	j.CheckA11y()
	j.says("main", "Signpost to Gardening club recorded")

	// The ending form offers Step 1, where the work is; the steps never reached become not needed.
	j.Visit(episode)
	j.ClickAndWait(`a[href$="/end"]`)
	j.Screenshot("signpost-step1-end-form")
	j.CheckA11y()
	if !j.Exists(`input[name="step"][value="1"]:checked`) {
		t.Errorf("the ending form does not offer step 1, the step with the work in it")
	}
	j.choose("result", codelists.EventOutcomeInformationAdvice)
	j.fill("#f-note", "Signposted to the gardening club")
	j.Submit("#f-note")
	j.Screenshot("signpost-step1-ended")
	j.CheckA11y()
	j.says("main", "Ended", "at step 1: Gather information")
	j.says("#step-1-status", "Completed")
	for _, s := range []string{"2", "3", "4"} {
		j.says("#step-"+s+"-status", "Not needed")
	}
	j.says("#steps", "Not needed because: The episode ended at step 1: information and advice or signposting")

	// The person's page and the caseload agree; the contact stays off the list.
	j.Visit("/people/" + ada.ID)
	j.Screenshot("signpost-step1-person")
	j.CheckA11y()
	j.says("#episodes", "Ended: Information and advice", "at step 1")
	j.Visit("/caseload")
	j.Screenshot("signpost-step1-caseload")
	j.CheckA11y()
	if strings.Contains(j.Text("main"), "Step ") {
		t.Errorf("the caseload still shows a step for an ended episode:\n%s", j.Text("main"))
	}
	toTriage(false)

	// The record says the same as the pages.
	eps, err := s.site.App.Conversations.PersonEpisodes(peopletest.As(s.worker), ada.ID)
	if err != nil || len(eps) != 1 {
		t.Fatalf("episodes: %+v, %v", eps, err)
	}
	if ep := eps[0]; ep.EndedStep != conversations.Step1 || ep.StepOf(conversations.Step2).Status != conversations.NotNeeded ||
		ep.Position().Text() != "Ended at step 1: Gather information" {
		t.Errorf("the episode recorded: ended at step %d, steps %+v", ep.EndedStep, ep.Steps)
	}
}
