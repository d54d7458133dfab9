package conversationpage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// episodeFixture is what each episode scenario starts from: a person with an open episode, one conversation and
// one eligibility determination in it.
type episodeFixture struct {
	person       people.Person
	episode      conversations.Episode
	conversation conversations.Conversation
	determined   conversations.Determination
}

type episodeScenario struct {
	name       string
	method     string
	path       string // {id}, {episode}, {conversation} and {eligibility} are the fixture's
	form       func(f episodeFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	wantLog    []accesslog.Action
	unchanged  bool // the person's contacts, episodes, steps, conversations and determinations must be as before
	// again, after a 409, posts the form once more with the version the refused page carries: it must save, as a
	// change.
	again bool
}

func contactForm(next string, fn func(v url.Values)) func(episodeFixture) url.Values {
	return func(f episodeFixture) url.Values {
		v := url.Values{
			"route_of_access": {codelists.RouteOfAccessDefault}, "channel": {"Phone"}, "contact_by": {"self"}, "reason": {"Asked about help with shopping"},
			"next": {next}, "result": {codelists.EventOutcomeInformationAdvice}, "note": {"Told about the volunteer shopping service"},
		}
		apptest.DateFields("contacted_on", f.episode.OpenedOn, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func stepForm(step conversations.Step, status, reason string, stale bool) func(episodeFixture) url.Values {
	return func(f episodeFixture) url.Values {
		version := f.episode.StepOf(step).Version
		if stale {
			version--
		}
		return url.Values{"status": {status}, "reason": {reason}, "version": {strconv.Itoa(version)}}
	}
}

func endForm(result string) func(episodeFixture) url.Values {
	return func(f episodeFixture) url.Values {
		v := url.Values{"step": {"1"}, "result": {result}, "note": {"Daughter will help"}, "version": {strconv.Itoa(f.episode.Version)}}
		apptest.DateFields("ended_on", f.episode.OpenedOn, v)
		return v
	}
}

func conversationForm(fn func(f episodeFixture, v url.Values)) func(episodeFixture) url.Values {
	return func(f episodeFixture) url.Values {
		v := url.Values{"step": {"1"}, "method": {"face_to_face"}, "place": {"home"}, "needed_help": {"no"},
			"mindset_words": {"I manage, mostly"}, "strengths_observed": {"Kitchen well organised"}, "version": {"1"}}
		apptest.DateFields("held_on", f.episode.OpenedOn, v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

func eligibilityForm(action, agrees, reason string) func(episodeFixture) url.Values {
	return func(f episodeFixture) url.Values {
		v := url.Values{"kind": {"adult"}, "adult_condition": {"yes"}, "adult_outcome_a": {"without_assistance"},
			"adult_outcome_b": {"pain_distress_anxiety", "significantly_longer"}, "impact": {"yes"}, "impact_areas": {"b", "d"},
			"action": {action}, "agrees": {agrees}, "disagreement_reason": {reason}}
		if action == "save" {
			v.Set("checked", "eligible")
		}
		apptest.DateFields("determined_on", f.episode.OpenedOn, v)
		return v
	}
}

func TestEpisodePagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	const ep = "/people/{id}/episodes/{episode}"
	scenarios := []episodeScenario{
		// The person's page lists episodes without logging a second view.
		{name: "person page lists episodes", method: "GET", path: "/people/{id}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Episodes of work", "Record a contact", "Open. Step 1: Gather information, in progress"}, wantLog: []accesslog.Action{accesslog.View}},

		// Recording a contact.
		{name: "contact form", method: "GET", path: "/people/{id}/contacts/new", as: apptest.AAdvice, wantStatus: 200, wantBody: []string{"Record a contact", "What happens next?", "Resolve now", "Ada Testperson"}},
		{name: "contact form from another council", method: "GET", path: "/people/{id}/contacts/new", as: apptest.BWorker, wantStatus: 404},
		{name: "contact form as finance", method: "GET", path: "/people/{id}/contacts/new", as: apptest.AFinance, wantStatus: 403},
		{name: "resolve a contact at once", method: "POST", path: "/people/{id}/contacts/new", as: apptest.AAdvice, form: contactForm("resolve", nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "open an episode from a contact", method: "POST", path: "/people/{id}/contacts/new", as: apptest.AWorker, form: contactForm("open", nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "a contact with mistakes", method: "POST", path: "/people/{id}/contacts/new", as: apptest.AWorker, form: contactForm("", func(v url.Values) {
			v.Set("reason", "")
			v.Set("contacted_on-day", "31")
			v.Set("contacted_on-month", "2")
		}),
			wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-contacted_on-day"`, `href="#f-reason"`, `href="#f-next"`, "Select what happens next"}, unchanged: true},
		{name: "resolving without a result", method: "POST", path: "/people/{id}/contacts/new", as: apptest.AAdvice, form: contactForm("resolve", func(v url.Values) { v.Del("result") }),
			wantStatus: 422, wantBody: []string{"Select how the work ended"}, unchanged: true},
		{name: "a contact from another council", method: "POST", path: "/people/{id}/contacts/new", as: apptest.BWorker, form: contactForm("resolve", nil), wantStatus: 404, unchanged: true},

		// The episode's task list.
		{name: "episode page", method: "GET", path: ep, as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Episode of work", "Step 1: Gather information", "Step 4: Review", "Struggling with the stairs", "Record a conversation", "End this episode", "Not started", "Adult with care and support needs"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "episode page from another council", method: "GET", path: ep, as: apptest.BWorker, wantStatus: 404},
		{name: "episode page outside my team asks for a reason", method: "GET", path: ep, as: apptest.ASouth, wantStatus: 303},

		// Steps.
		{name: "step form", method: "GET", path: ep + "/steps/1", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Where has step 1, gather information, got to?"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "no step 9", method: "GET", path: ep + "/steps/9", as: apptest.AWorker, wantStatus: 404},
		{name: "mark a step in progress", method: "POST", path: ep + "/steps/2", as: apptest.AWorker, form: stepForm(conversations.Step2, "in_progress", "", false), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a step not needed, with a reason", method: "POST", path: ep + "/steps/2", as: apptest.AWorker, form: stepForm(conversations.Step2, "not_needed", "Agreed the idea on the phone", false), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a step not needed, without a reason", method: "POST", path: ep + "/steps/2", as: apptest.AWorker, form: stepForm(conversations.Step2, "not_needed", "", false), wantStatus: 422, wantBody: []string{"Explain why this step is not needed"}, unchanged: true},
		{name: "a stale step change", method: "POST", path: ep + "/steps/1", as: apptest.AWorker, form: stepForm(conversations.Step1, "completed", "", true), wantStatus: 409, wantBody: []string{"Someone else changed this step", `value="completed" checked`}, unchanged: true, wantLog: []accesslog.Action{accesslog.View}, again: true},
		{name: "a step change from another council", method: "POST", path: ep + "/steps/1", as: apptest.BWorker, form: stepForm(conversations.Step1, "completed", "", false), wantStatus: 404, unchanged: true},

		// Ending.
		{name: "end form", method: "GET", path: ep + "/end", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"End this episode", "What was the result?"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "end an episode", method: "POST", path: ep + "/end", as: apptest.AWorker, form: endForm(codelists.EventOutcomeInformationAdvice), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "end without a result", method: "POST", path: ep + "/end", as: apptest.AWorker, form: endForm(""), wantStatus: 422, wantBody: []string{"Select how the work ended"}, unchanged: true},
		{name: "a stale end keeps what was typed", method: "POST", path: ep + "/end", as: apptest.AWorker, form: func(f episodeFixture) url.Values {
			v := endForm(codelists.EventOutcomeInformationAdvice)(f)
			v.Set("version", strconv.Itoa(f.episode.Version-1))
			return v
		}, wantStatus: 409, wantBody: []string{"Someone else changed this episode while you were ending it", "Go back to the episode", "Daughter will help", `value="` + codelists.EventOutcomeInformationAdvice + `" checked`},
			unchanged: true, wantLog: []accesslog.Action{accesslog.View}, again: true},
		{name: "end from another council", method: "POST", path: ep + "/end", as: apptest.BWorker, form: endForm(codelists.EventOutcomeInformationAdvice), wantStatus: 404, unchanged: true},

		// Conversations.
		{name: "conversation form", method: "GET", path: ep + "/conversations/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Record a conversation", "Mindset", "Aspirations", "In their words", "What you observed", "When is the problem not happening"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "conversation form from another council", method: "GET", path: ep + "/conversations/new", as: apptest.BWorker, wantStatus: 404},
		{name: "record a conversation", method: "POST", path: ep + "/conversations/new", as: apptest.AWorker, form: conversationForm(nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "a conversation with nothing written", method: "POST", path: ep + "/conversations/new", as: apptest.AWorker, form: conversationForm(func(_ episodeFixture, v url.Values) {
			v.Del("mindset_words")
			v.Del("strengths_observed")
			v.Del("needed_help")
		}), wantStatus: 422, wantBody: []string{`href="#f-sections"`, "under at least one heading", "Select whether the person needed help"}, unchanged: true},
		{name: "a conversation from another council", method: "POST", path: ep + "/conversations/new", as: apptest.BWorker, form: conversationForm(nil), wantStatus: 404, unchanged: true},
		{name: "read a conversation", method: "GET", path: ep + "/conversations/{conversation}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"I want to stay in my own home", "Recorded by"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "read a conversation from another council", method: "GET", path: ep + "/conversations/{conversation}", as: apptest.BWorker, wantStatus: 404},
		{name: "change a conversation", method: "POST", path: ep + "/conversations/{conversation}", as: apptest.AWorker, form: conversationForm(nil), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Update}},
		{name: "a stale conversation change", method: "POST", path: ep + "/conversations/{conversation}", as: apptest.AWorker, form: conversationForm(func(_ episodeFixture, v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this conversation", "What they saved", "I want to stay in my own home", "I manage, mostly"}, unchanged: true, wantLog: []accesslog.Action{accesslog.View}},
		{name: "a conversation change from another council", method: "POST", path: ep + "/conversations/{conversation}", as: apptest.BWorker, form: conversationForm(nil), wantStatus: 404, unchanged: true},

		// Eligibility.
		{name: "eligibility form", method: "GET", path: ep + "/eligibility/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Care Act eligibility", "Managing and maintaining nutrition", "Record a carer&#39;s eligibility instead"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "a carer's eligibility form", method: "GET", path: ep + "/eligibility/new?kind=carer", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Engaging in recreational activities", "deteriorating"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "eligibility form from another council", method: "GET", path: ep + "/eligibility/new", as: apptest.BWorker, wantStatus: 404},
		{name: "check the result", method: "POST", path: ep + "/eligibility/new", as: apptest.AWorker, form: eligibilityForm("check", "", ""), wantStatus: 200, wantBody: []string{"What the regulations give", "Eligible: needs arise from an impairment or illness", "Do you agree?"}, unchanged: true},
		{name: "save a determination", method: "POST", path: ep + "/eligibility/new", as: apptest.AWorker, form: eligibilityForm("save", "yes", ""), wantStatus: 303, wantLog: []accesslog.Action{accesslog.Create}},
		{name: "disagree without a reason", method: "POST", path: ep + "/eligibility/new", as: apptest.AWorker, form: eligibilityForm("save", "no", ""), wantStatus: 422, wantBody: []string{"Explain why you disagree"}, unchanged: true},
		{name: "a determination from another council", method: "POST", path: ep + "/eligibility/new", as: apptest.BWorker, form: eligibilityForm("save", "yes", ""), wantStatus: 404, unchanged: true},
		{name: "read a determination", method: "GET", path: ep + "/eligibility/{eligibility}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Care Act eligibility: eligible", "Managing toilet needs"}, wantLog: []accesslog.Action{accesslog.View}},
		{name: "read a determination from another council", method: "GET", path: ep + "/eligibility/{eligibility}", as: apptest.BWorker, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		worker := site.A.Staff[councils.Practitioner]
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newEpisodeFixture(t, site, db, worker)
				before := episodeState(t, site, f)
				path := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.episode.ID, "{conversation}", f.conversation.ID,
					"{eligibility}", f.determined.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: nil, Log: sc.wantLog})
				after := episodeState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == 303)
				if sc.again {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, "version"), f.person.ID,
						apptest.Answer{Status: 303, Log: []accesslog.Action{accesslog.Update}})
					apptest.CheckChange(t, after, episodeState(t, site, f), false, true)
				}
				apptest.Retire(t, site, f.person)
			})
		}
	})
}

func newEpisodeFixture(t *testing.T, site *apptest.Site, db *sqldb.DB, worker councils.Staff) episodeFixture {
	t.Helper()
	f := episodeFixture{person: peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))}
	f.episode = conversationstest.MustOpenEpisode(t, db, worker, f.person.ID)
	ctx := peopletest.As(worker)
	var err error
	f.conversation, err = site.App.Conversations.AddConversation(ctx, conversations.Conversation{
		PersonID: f.person.ID, EpisodeID: f.episode.ID, Step: conversations.Step1, HeldOn: f.episode.OpenedOn, Method: conversations.Phone,
		Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to stay in my own home"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The conversation started step 1: read the episode again, as the forms will see it.
	eps, err := site.App.Conversations.PersonEpisodes(ctx, f.person.ID)
	if err != nil || len(eps) != 1 {
		t.Fatalf("read the episode back: %d, %v", len(eps), err)
	}
	f.episode = eps[0]
	f.determined, err = site.App.Conversations.AddDetermination(ctx, conversations.Determination{
		PersonID: f.person.ID, EpisodeID: f.episode.ID, Agrees: true, DeterminedOn: f.episode.OpenedOn,
		Answers: conversations.Answers{Kind: conversations.Adult, ImpairmentOrIllness: true, SignificantImpact: true, ImpactAreas: []string{"b"},
			Outcomes: []conversations.OutcomeAnswer{{Code: "a", Ways: []conversations.Way{conversations.WithoutAssistance}}, {Code: "c", Ways: []conversations.Way{conversations.Endangers}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// episodeState is everything the person's episodes hold, as one comparable string, read as the command line would.
func episodeState(t *testing.T, site *apptest.Site, f episodeFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM contact WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM episode WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM episode WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(s.version), 0) FROM episode_step s JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id WHERE s.council_id = $1 AND e.person_id = $2`,
		`SELECT count(*) FROM conversation WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM conversation WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM eligibility WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`,
	}, site.A.Council.ID, f.person.ID)
}
