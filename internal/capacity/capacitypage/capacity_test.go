package capacitypage_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// capacityFixture is what each capacity and advocacy scenario starts from: a person allocated to the practitioner,
// with an episode holding an assessment that found they lack capacity to move to council-arranged residential care
// with nobody to consult (so an IMCA action is open), a best-interests decision on it, an advocacy needs record
// with a difficulty and nobody appropriate for the assessment (so an advocacy action is open), and a referral.
type capacityFixture struct {
	person         people.Person
	episode        string
	assessment     capacity.Assessment
	decision       capacity.BestInterests
	needs          advocacy.Needs
	advocate, imca duties.Duty
	referral       advocacy.Referral
}

func lackingAssessment(personID, episodeID string, at time.Time) capacity.Assessment {
	return capacity.Assessment{PersonID: personID, EpisodeID: episodeID, Decision: "Whether to move to Oak House for long-term care",
		Type: capacity.CouncilResidential, AssessedAt: at, Impairment: capacity.Yes, ImpairmentEvidence: "Vascular dementia, diagnosed 2023",
		Findings: map[capacity.Ability]capacity.Finding{
			capacity.Understand: {State: capacity.Unable, Evidence: "Could not say what Oak House is"}, capacity.Retain: {State: capacity.Unable, Evidence: "Forgot the visit"},
			capacity.UseOrWeigh: {State: capacity.Able, Evidence: "Weighed it"}, capacity.Communicate: {State: capacity.Able, Evidence: "Clear"}},
		CausalLink: capacity.Yes, CausalLinkEvidence: "The dementia's memory loss", SupportGiven: "Photos and a visit", Result: capacity.LacksCapacity,
		AnyoneToConsult: capacity.No, MHAResidence: capacity.No}
}

func newCapacityFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) capacityFixture {
	t.Helper()
	worker := site.A.Staff[councils.Practitioner]
	ctx := peopletest.As(worker)
	f := capacityFixture{person: peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))}
	f.episode = conversationstest.MustOpenEpisode(t, db, worker, f.person.ID).ID
	var err error
	if f.assessment, err = site.App.Capacity.Record(ctx, lackingAssessment(f.person.ID, f.episode, time.Now().Add(-2*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if f.decision, err = site.App.Capacity.Decide(ctx, biDecision(f), ""); err != nil {
		t.Fatal(err)
	}
	n := advocacy.Needs{PersonID: f.person.ID, EpisodeID: f.episode, Difficulties: map[advocacy.Area]advocacy.Difficulty{}, NoAppropriatePerson: true,
		Processes: []advocacy.Process{advocacy.Assessment}, RecordedOn: sqldb.UKDate(time.Now())}
	for _, a := range advocacy.Areas() {
		n.Difficulties[a] = advocacy.Difficulty{Answered: true}
	}
	n.Difficulties[advocacy.Communicating] = advocacy.Difficulty{Answered: true, Substantial: true, Evidence: "Aphasia after a stroke"}
	if f.needs, err = site.App.Advocacy.RecordNeeds(ctx, n); err != nil {
		t.Fatal(err)
	}
	if f.referral, err = site.App.Advocacy.Refer(ctx, advocacy.Referral{PersonID: f.person.ID, EpisodeID: f.episode, Type: advocacy.CareActAdvocate,
		Provider: "Exampleshire Advocacy Hub", ReferredOn: sqldb.UKDate(time.Now())}); err != nil {
		t.Fatal(err)
	}
	page, err := site.App.Advocacy.Episode(ctx, f.person.ID, f.episode)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range page.Actions {
		switch d.Kind {
		case duties.IMCA:
			f.imca = d
		case duties.AdvocateAssessment:
			f.advocate = d
		}
	}
	if f.imca.ID == "" || f.advocate.ID == "" {
		t.Fatalf("the fixture's actions: %+v", page.Actions)
	}
	return f
}

func biDecision(f capacityFixture) capacity.BestInterests {
	return capacity.BestInterests{PersonID: f.person.ID, EpisodeID: f.episode, AssessmentID: f.assessment.ID,
		Checklist: map[capacity.Item]capacity.Check{capacity.NoAssumptions: {State: capacity.Considered, Notes: "n"}, capacity.AllCircumstances: {State: capacity.Considered, Notes: "n"},
			capacity.RegainCapacity: {State: capacity.Considered, Notes: "n"}, capacity.Participation: {State: capacity.Considered, Notes: "n"}, capacity.LifeSustaining: {State: capacity.NotApplicable}},
		Wishes: "Stay near the park", Beliefs: "Quaker", OtherFactors: "Her cat", NoConsulteeReason: "Nobody; IMCA instructed",
		Options: []capacity.Option{{Text: "Oak House"}, {Text: "Home with more calls", LessRestrictive: true}}, Chosen: 1, ChosenWhy: "Her home",
		Decision: "Stay at home with more calls", DecidedBy: "Sam Jones, social worker", DecidedOn: sqldb.UKDate(time.Now())}
}

// assessmentForm is a capacity assessment as a form posts it, finding the person has capacity unless fn changes it.
func assessmentForm(fn func(v url.Values)) func(capacityFixture) url.Values {
	return func(capacityFixture) url.Values {
		at := time.Now().Add(-time.Hour).In(sqldb.London())
		v := url.Values{"decision": {"Whether to manage her own money"}, "decision_type": {"finances_and_property"}, "assessed_time": {at.Format("15:04")},
			"impairment": {"no"}, "ability_understand": {"able"}, "ability_understand_evidence": {"Explained it back"},
			"ability_retain": {"able"}, "ability_retain_evidence": {"Recalled it"}, "ability_use_or_weigh": {"able"}, "ability_use_or_weigh_evidence": {"Weighed it"},
			"ability_communicate": {"able"}, "ability_communicate_evidence": {"Told us"}, "result": {"has"}}
		apptest.DateFields("assessed_on", sqldb.NewDate(at), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func biForm(fn func(f capacityFixture, v url.Values)) func(capacityFixture) url.Values {
	return func(f capacityFixture) url.Values {
		v := url.Values{"latest": {f.decision.ID}, "item_no_assumptions": {"considered"}, "item_no_assumptions_notes": {"Not her age"},
			"item_all_circumstances": {"considered"}, "item_all_circumstances_notes": {"Falls"}, "item_regain_capacity": {"considered"},
			"item_regain_capacity_notes": {"Unlikely"}, "item_participation": {"considered"}, "item_participation_notes": {"Visited with her"},
			"item_life_sustaining": {"not_applicable"}, "wishes": {"To stay home"}, "beliefs": {"Quaker"}, "other_factors": {"Her cat"},
			"consultee_0_name": {"Jo Smith"}, "consultee_0_relationship": {"Neighbour"}, "consultee_0_category": {"caring"}, "consultee_0_views": {"Agrees"},
			"option_0": {"Oak House"}, "option_1": {"Home with a night sitter"}, "option_1_less": {"yes"}, "chosen": {"1"}, "chosen_why": {"Keeps her home"},
			"decision": {"A night sitter at home"}, "decided_by": {"Sam Jones, social worker"}}
		apptest.DateFields("decided_on", sqldb.UKDate(time.Now()), v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

func needsForm(fn func(f capacityFixture, v url.Values)) func(capacityFixture) url.Values {
	return func(f capacityFixture) url.Values {
		v := url.Values{"replaces": {f.needs.ID}, "difficulty_understanding": {"yes"}, "difficulty_understanding_evidence": {"Lost track of the letter"},
			"difficulty_retaining": {"no"}, "difficulty_using_weighing": {"no"}, "difficulty_communicating": {"no"}, "appropriate": {"none"},
			"processes": {"assessment", "planning"}}
		apptest.DateFields("recorded_on", sqldb.UKDate(time.Now()), v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

func referralForm(fn func(f capacityFixture, v url.Values)) func(capacityFixture) url.Values {
	return func(f capacityFixture) url.Values {
		v := url.Values{"action": {f.advocate.ID}, "advocate_type": {"care_act"}, "provider": {"Exampleshire Advocacy Hub"}}
		apptest.DateFields("referred_on", sqldb.UKDate(time.Now()), v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

func referralUpdate(version int) func(capacityFixture) url.Values {
	return func(f capacityFixture) url.Values {
		v := url.Values{"advocate_name": {"Priya Shah"}, "outcome": {"Supported the assessment"}, "version": {fmt.Sprint(version)}}
		apptest.DateFields("allocated_on", sqldb.UKDate(time.Now()), v)
		return v
	}
}

type capacityScenario struct {
	name       string
	method     string
	path       string // {id}, {episode}, {assessment}, {advocate}, {imca} and {referral} are the fixture's
	form       func(f capacityFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	wantLog    []accesslog.Action
	unchanged  bool
	// again, after a 409, posts the form once more with the version the refused page carries in its hidden field
	// versionField: it must save, logging these.
	again        []accesslog.Action
	versionField string
}

func TestCapacityAndAdvocacyPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	const ep = "/people/{id}/episodes/{episode}"
	view, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Update}
	scenarios := []capacityScenario{
		// Capacity assessments.
		{name: "assessments", method: "GET", path: ep + "/capacity", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Mental capacity", "Whether to move to Oak House", "Lacks capacity", "Stay at home with more calls"}, wantLog: view},
		{name: "assessments from another council", method: "GET", path: ep + "/capacity", as: apptest.BWorker, wantStatus: 404},
		{name: "assessments by finance", method: "GET", path: ep + "/capacity", as: apptest.AFinance, wantStatus: 404},
		{name: "assessment form", method: "GET", path: ep + "/capacity/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"The five principles", "Stage 1", "Is the person able to retain that information?", "Mental Health Act"}, wantLog: view},
		{name: "assessment form by finance", method: "GET", path: ep + "/capacity/new", as: apptest.AFinance, wantStatus: 403},
		{name: "assessment form from another council", method: "GET", path: ep + "/capacity/new", as: apptest.BWorker, wantStatus: 404},
		{name: "record an assessment", method: "POST", path: ep + "/capacity/new", as: apptest.AWorker, form: assessmentForm(nil), wantStatus: 303, wantLog: update},
		{name: "lacks capacity without stage 1", method: "POST", path: ep + "/capacity/new", as: apptest.AWorker, form: assessmentForm(func(v url.Values) {
			v.Set("result", "lacks")
			v.Set("ability_retain", "unable")
		}), wantStatus: 422, wantBody: []string{"govuk-error-summary", "You cannot record that the person lacks capacity without an impairment", "Select whether the inability is because"}, unchanged: true},
		{name: "has capacity against the findings", method: "POST", path: ep + "/capacity/new", as: apptest.AWorker, form: assessmentForm(func(v url.Values) {
			v.Set("impairment", "yes")
			v.Set("impairment_evidence", "Dementia")
			v.Set("ability_retain", "unable")
			v.Set("causal_link", "yes")
			v.Set("causal_link_evidence", "Memory")
		}), wantStatus: 422, wantBody: []string{"The findings say the person lacks capacity"}, unchanged: true},
		{name: "an assessment with a bad time", method: "POST", path: ep + "/capacity/new", as: apptest.AWorker, form: assessmentForm(func(v url.Values) { v.Set("assessed_time", "25:00") }),
			wantStatus: 422, wantBody: []string{"24-hour time", `href="#f-assessed_time"`}, unchanged: true},
		{name: "an assessment from another council", method: "POST", path: ep + "/capacity/new", as: apptest.BWorker, form: assessmentForm(nil), wantStatus: 404, unchanged: true},
		{name: "an assessment by finance", method: "POST", path: ep + "/capacity/new", as: apptest.AFinance, form: assessmentForm(nil), wantStatus: 403, unchanged: true},
		{name: "an assessment", method: "GET", path: ep + "/capacity/{assessment}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Lacks capacity for this decision", "Mental Capacity Act 2005 s39", "Record a best-interests decision", "Home with more calls (less restrictive)"}, wantLog: view},
		{name: "an assessment from another council", method: "GET", path: ep + "/capacity/{assessment}", as: apptest.BWorker, wantStatus: 404},

		// Best-interests decisions.
		{name: "best-interests form", method: "GET", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Record a best-interests decision", "likely to regain capacity", "Person consulted 1", "Option 4"}, wantLog: view},
		{name: "best-interests form from another council", method: "GET", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.BWorker, wantStatus: 404},
		{name: "record a decision", method: "POST", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.AWorker, form: biForm(nil), wantStatus: 303, wantLog: update},
		{name: "an incomplete decision", method: "POST", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.AWorker, form: biForm(func(_ capacityFixture, v url.Values) {
			v.Del("option_1_less")
			v.Del("item_participation")
			v.Set("consultee_0_views", "")
		}), wantStatus: 422, wantBody: []string{"govuk-error-summary", "Confirm that you have considered: the person has been permitted", "Record the views of Jo Smith", "less restrictive of the person"}, unchanged: true},
		{name: "a stale decision", method: "POST", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.AWorker, form: biForm(func(_ capacityFixture, v url.Values) { v.Set("latest", "") }),
			wantStatus: 409, wantBody: []string{"Someone else recorded a best-interests decision", "The decision they recorded", "Stay at home with more calls", "A night sitter at home",
				"Home with more calls (less restrictive)", "Save again to record yours as well"}, unchanged: true, again: update, versionField: "latest"},
		{name: "a decision from another council", method: "POST", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.BWorker, form: biForm(nil), wantStatus: 404, unchanged: true},
		{name: "a decision by finance", method: "POST", path: ep + "/capacity/{assessment}/best-interests/new", as: apptest.AFinance, form: biForm(nil), wantStatus: 403, unchanged: true},

		// Advocacy: the required actions, the needs record, referrals and reasons.
		{name: "advocacy", method: "GET", path: ep + "/advocacy", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Arrange an independent advocate for the assessment", "Instruct an independent mental capacity advocate", "Care Act 2014 s67", "Exampleshire Advocacy Hub", "Record the referral"}, wantLog: view},
		{name: "advocacy from another council", method: "GET", path: ep + "/advocacy", as: apptest.BWorker, wantStatus: 404},
		{name: "advocacy by finance", method: "GET", path: ep + "/advocacy", as: apptest.AFinance, wantStatus: 404},
		{name: "needs form", method: "GET", path: ep + "/advocacy/needs/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Record advocacy needs", "Aphasia after a stroke", "disagree on a material issue"}, wantLog: view},
		{name: "needs form by finance", method: "GET", path: ep + "/advocacy/needs/new", as: apptest.AFinance, wantStatus: 403},
		{name: "record needs", method: "POST", path: ep + "/advocacy/needs/new", as: apptest.AWorker, form: needsForm(nil), wantStatus: 303, wantLog: update},
		{name: "needs without processes", method: "POST", path: ep + "/advocacy/needs/new", as: apptest.AWorker, form: needsForm(func(_ capacityFixture, v url.Values) {
			v.Del("processes")
			v.Set("difficulty_understanding_evidence", "")
		}), wantStatus: 422, wantBody: []string{"govuk-error-summary", "Select the processes this record covers", "Describe the evidence of difficulty in understanding"}, unchanged: true},
		{name: "stale needs", method: "POST", path: ep + "/advocacy/needs/new", as: apptest.AWorker, form: needsForm(func(_ capacityFixture, v url.Values) { v.Set("replaces", "") }),
			wantStatus: 409, wantBody: []string{"Someone else recorded advocacy needs", "What they recorded", "Yes: Aphasia after a stroke", "Yes: Lost track of the letter",
				"assessment; Care and support planning"}, unchanged: true, again: update, versionField: "replaces"},
		{name: "needs from another council", method: "POST", path: ep + "/advocacy/needs/new", as: apptest.BWorker, form: needsForm(nil), wantStatus: 404, unchanged: true},
		{name: "referral form", method: "GET", path: ep + "/advocacy/referrals/new?action={advocate}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Record a referral to an advocate", "Arrange an independent advocate for the assessment"}, wantLog: view},
		{name: "referral form from another council", method: "GET", path: ep + "/advocacy/referrals/new?action={advocate}", as: apptest.BWorker, wantStatus: 404},
		{name: "record a referral", method: "POST", path: ep + "/advocacy/referrals/new", as: apptest.AWorker, form: referralForm(nil), wantStatus: 303, wantLog: update},
		{name: "a referral without a provider", method: "POST", path: ep + "/advocacy/referrals/new", as: apptest.AWorker, form: referralForm(func(_ capacityFixture, v url.Values) { v.Set("provider", "") }),
			wantStatus: 422, wantBody: []string{"Enter the advocacy provider"}, unchanged: true},
		{name: "a referral for an action already met", method: "POST", path: ep + "/advocacy/referrals/new", as: apptest.AWorker, form: referralForm(func(_ capacityFixture, v url.Values) { v.Set("action", "met-already") }),
			wantStatus: 409, wantBody: []string{"already been met"}, unchanged: true},
		{name: "a referral from another council", method: "POST", path: ep + "/advocacy/referrals/new", as: apptest.BWorker, form: referralForm(nil), wantStatus: 404, unchanged: true},
		{name: "a referral", method: "GET", path: ep + "/advocacy/referrals/{referral}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Referral to Exampleshire Advocacy Hub", "Not yet allocated"}, wantLog: view},
		{name: "a referral from another council", method: "GET", path: ep + "/advocacy/referrals/{referral}", as: apptest.BWorker, wantStatus: 404},
		{name: "update a referral", method: "POST", path: ep + "/advocacy/referrals/{referral}", as: apptest.AWorker, form: referralUpdate(1), wantStatus: 303, wantLog: update},
		{name: "a stale referral update", method: "POST", path: ep + "/advocacy/referrals/{referral}", as: apptest.AWorker, form: referralUpdate(0), wantStatus: 409, wantBody: []string{"Someone else updated this referral"}, unchanged: true},
		{name: "a referral update from another council", method: "POST", path: ep + "/advocacy/referrals/{referral}", as: apptest.BWorker, form: referralUpdate(1), wantStatus: 404, unchanged: true},
		{name: "reason form", method: "GET", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"A new assessment finds the person has capacity for the decision"}, wantLog: view},
		{name: "reason form from another council", method: "GET", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.BWorker, wantStatus: 404},
		{name: "record a reason", method: "POST", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.AWorker, form: func(capacityFixture) url.Values {
			return url.Values{"reason": {"consultee_found"}, "details": {"Her nephew has been found and is appropriate to consult"}}
		}, wantStatus: 303, wantLog: update},
		{name: "a reason without details", method: "POST", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.AWorker, form: func(capacityFixture) url.Values {
			return url.Values{"reason": {"declined"}}
		}, wantStatus: 422, wantBody: []string{"Select the reason an advocate is not needed", "Give the details"}, unchanged: true},
		{name: "a reason from another council", method: "POST", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.BWorker, form: func(capacityFixture) url.Values {
			return url.Values{"reason": {"consultee_found"}, "details": {"x"}}
		}, wantStatus: 404, unchanged: true},
		{name: "a reason by finance", method: "POST", path: ep + "/advocacy/actions/{imca}/reason", as: apptest.AFinance, form: func(capacityFixture) url.Values {
			return url.Values{"reason": {"consultee_found"}, "details": {"x"}}
		}, wantStatus: 403, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newCapacityFixture(t, site, db)
				before := capacityState(t, site, f)
				path := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.episode, "{assessment}", f.assessment.ID, "{advocate}", f.advocate.ID,
					"{imca}", f.imca.ID, "{referral}", f.referral.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: nil, Log: sc.wantLog})
				after := capacityState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
				if sc.again != nil {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, sc.versionField), f.person.ID, apptest.Answer{Status: 303, Log: sc.again})
					apptest.CheckChange(t, before, capacityState(t, site, f), false, true)
				}
				apptest.Retire(t, site, f.person)
			})
		}
	})
}

// capacityState is everything capacity and advocacy hold about the person, as one comparable string.
func capacityState(t *testing.T, site *apptest.Site, f capacityFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM capacity_assessment WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM best_interests WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM advocacy_needs WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM advocacy_referral WHERE council_id = $1 AND person_id = $2`,
		`SELECT COALESCE(sum(version), 0) FROM advocacy_referral WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM duty WHERE council_id = $1 AND person_id = $2 AND met_at IS NULL`,
		`SELECT count(*) FROM person_event WHERE council_id = $1 AND person_id = $2`,
	}, site.A.Council.ID, f.person.ID)
}
