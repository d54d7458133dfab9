package conversations_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// fixture is a council A with a person, and a council B whose staff must never reach them.
type fixture struct {
	db      *sqldb.DB
	store   *conversations.Store
	a, b    peopletest.Council
	worker  councils.Staff
	person  people.Person
	ctx     context.Context // the worker in council A
	outside context.Context // a practitioner in council B
}

func setUp(t *testing.T, db *sqldb.DB) fixture {
	t.Helper()
	a, b := peopletest.TwoCouncils(t, db)
	worker := a.Staff[councils.Practitioner]
	return fixture{
		db: db, store: conversations.NewStore(db), a: a, b: b, worker: worker,
		person: peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID)),
		ctx:    peopletest.As(worker), outside: peopletest.As(b.Staff[councils.Practitioner]),
	}
}

// logged is every access-log entry about the person so far, oldest first.
func (f fixture) logged(t *testing.T) []accesslog.Action {
	t.Helper()
	return peopletest.Logged(t, f.db, f.a.Council.ID, f.person.ID)
}

// expectLog checks the access log gained exactly want since before.
func (f fixture) expectLog(t *testing.T, before []accesslog.Action, want ...accesslog.Action) {
	t.Helper()
	got := f.logged(t)[len(before):]
	if !slices.Equal(got, want) {
		t.Errorf("access log gained %v, want %v", got, want)
	}
}

// events is the person's chronology summaries, newest first, read without logging through a page.
func (f fixture) events(t *testing.T) []string {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), f.a.Council.ID), "test")
	_, es, err := chronology.NewStore(f.db).List(ctx, f.person.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, string(e.Kind)+": "+e.Summary)
	}
	return out
}

func (f fixture) command() context.Context {
	return accesslog.WithCommand(sqldb.WithCouncil(context.Background(), f.a.Council.ID), "test")
}

func fields(err error) []string {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return []string{"not problems: " + errString(err)}
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestContactsAndEpisodes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)

		// A contact with mistakes is refused, and nothing is written.
		before := f.logged(t)
		bad := conversationstest.Contact(db, f.person.ID, func(c *conversations.Contact) {
			c.Reason, c.RouteOfAccess, c.ContactBy, c.Channel = " ", "By pigeon", "", "Pigeon"
			c.ContactedOn = sqldb.NewDate(f.db.Today().AddDate(0, 0, 1))
		})
		_, _, err := f.store.RecordContact(f.ctx, bad, nil)
		if diff := cmp.Diff([]string{"contacted_on", "channel", "contact_by", "route_of_access", "reason"}, fields(err)); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
		f.expectLog(t, before)
		if eps, err := f.store.PersonEpisodes(f.ctx, f.person.ID); err != nil || len(eps) != 0 {
			t.Fatalf("after a refused contact: %d episodes, %v", len(eps), err)
		}

		// Another council cannot record a contact about the person.
		if _, _, err := f.store.RecordContact(f.outside, conversationstest.Contact(db, f.person.ID), nil); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council recorded a contact: %v, want not found", err)
		}
		f.expectLog(t, before)

		// A contact opens an episode, with four steps not started.
		c, ep, err := f.store.RecordContact(f.ctx, conversationstest.Contact(db, f.person.ID), nil)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.Create)
		if ep.Ended() || ep.ContactID != c.ID || ep.TeamID != f.a.North.ID || len(ep.Steps) != 4 || ep.Position().Current() != conversations.Step1 {
			t.Errorf("new episode = %+v", ep)
		}

		// Reading it back logs one view.
		before = f.logged(t)
		rec, err := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.View)
		if rec.Episode.Contact.Reason != "Struggling with the stairs since a fall" || rec.Episode.Contact.ContactBy != conversations.ByFamily ||
			rec.Episode.Contact.Channel != "Phone" ||
			rec.Person.ID != f.person.ID || rec.Episode.StepOf(conversations.Step3).Status != conversations.NotStarted {
			t.Errorf("episode read back = %+v", rec.Episode)
		}
		if _, err := f.store.Episode(f.outside, f.person.ID, ep.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the episode: %v", err)
		}
		other := peopletest.MustCreate(t, db, f.worker, peopletest.Person(f.a.North.ID, func(p *people.Person) { p.GivenName, p.NHSNumber = "Bea", "" }))
		if _, err := f.store.Episode(f.ctx, other.ID, ep.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("the episode was found under another person: %v", err)
		}

		// Steps: in progress; not needed needs a reason; stale changes conflict; another council changes nothing.
		before = f.logged(t)
		step1 := rec.Episode.StepOf(conversations.Step1)
		step1.Status = conversations.InProgress
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, step1); err != nil {
			t.Fatal(err)
		}
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, step1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale step change: %v, want conflict", err)
		}
		step2 := rec.Episode.StepOf(conversations.Step2)
		step2.Status = conversations.NotNeeded
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, step2); !slices.Equal(fields(err), []string{"reason"}) {
			t.Errorf("not needed without a reason: %v", err)
		}
		if err := f.store.SetStep(f.outside, f.person.ID, ep.ID, conversations.StepRecord{Step: conversations.Step2, Status: conversations.InProgress, Version: 1}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council changed a step: %v", err)
		}
		step2.Reason = "Ideas agreed in the first conversation"
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, step2); err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.Update, accesslog.Update)
		rec, _ = f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if got := rec.Episode.StepOf(conversations.Step2); got.Status != conversations.NotNeeded || got.Reason != step2.Reason || got.Version != 2 {
			t.Errorf("step 2 = %+v", got)
		}
		if got := rec.Episode.StepOf(conversations.Step1); got.Status != conversations.InProgress || got.Version != 2 {
			t.Errorf("step 1 = %+v", got)
		}
		back := rec.Episode.StepOf(conversations.Step1)
		back.Status = conversations.NotStarted
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, back); !slices.Equal(fields(err), []string{"status"}) {
			t.Errorf("a started step went back to not started: %v", err)
		}

		// Ending: a result from the list; stale and cross-council endings change nothing.
		if err := f.store.End(f.ctx, f.person.ID, ep.ID, conversations.Ending{Step: conversations.Step2, Result: "Sorted"}, rec.Episode.Version); !slices.Equal(fields(err), []string{"result"}) {
			t.Errorf("an ending with an unknown result: %v", err)
		}
		end := conversations.Ending{Step: conversations.Step2, Result: codelists.EventOutcomeOtherCouncilService, Note: "Referred to the housing team"}
		if err := f.store.End(f.ctx, f.person.ID, ep.ID, end, rec.Episode.Version+1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale ending: %v, want conflict", err)
		}
		if err := f.store.End(f.outside, f.person.ID, ep.ID, end, rec.Episode.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council ended the episode: %v", err)
		}
		if err := f.store.End(f.ctx, f.person.ID, ep.ID, end, rec.Episode.Version); err != nil {
			t.Fatal(err)
		}
		rec, _ = f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if !rec.Episode.Ended() || rec.Episode.Result != end.Result || rec.Episode.EndedStep != conversations.Step2 ||
			rec.Episode.EndNote != end.Note || rec.Episode.EndedOn.IsZero() || rec.Episode.Position().Text() != "Ended at step 2: Develop ideas" {
			t.Errorf("ended episode = %+v", rec.Episode)
		}
		// The step in progress is completed, the step decided not needed keeps its reason, and the steps never
		// reached are not needed because the work ended.
		notReached := "The episode ended at step 2: referral to other service within the local authority"
		wantSteps := []conversations.StepRecord{
			{Step: conversations.Step1, Status: conversations.Completed, Version: 3},
			{Step: conversations.Step2, Status: conversations.NotNeeded, Reason: "Ideas agreed in the first conversation", Version: 2},
			{Step: conversations.Step3, Status: conversations.NotNeeded, Reason: notReached, Version: 2},
			{Step: conversations.Step4, Status: conversations.NotNeeded, Reason: notReached, Version: 2},
		}
		if diff := cmp.Diff(wantSteps, rec.Episode.Steps); diff != "" {
			t.Errorf("steps after the ending (-want +got):\n%s", diff)
		}
		if err := f.store.SetStep(f.ctx, f.person.ID, ep.ID, rec.Episode.StepOf(conversations.Step3)); !slices.Equal(fields(err), []string{"status"}) {
			t.Errorf("a step of an ended episode changed: %v", err)
		}

		// Resolved at the front door: one call, the episode ends at step 1 with advice.
		before = f.logged(t)
		_, quick, err := f.store.RecordContact(f.ctx, conversationstest.Contact(db, f.person.ID, func(c *conversations.Contact) { c.ContactBy = conversations.BySelf }),
			&conversations.Ending{Step: conversations.Step1, Result: codelists.EventOutcomeInformationAdvice, Note: "Told about the lunch club"})
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.Create)
		if quick.Result != codelists.EventOutcomeInformationAdvice || quick.EndedOn != quick.OpenedOn || quick.StepOf(conversations.Step1).Status != conversations.Completed {
			t.Errorf("resolved episode = %+v", quick)
		}
		for _, s := range []conversations.Step{conversations.Step2, conversations.Step3, conversations.Step4} {
			if got := quick.StepOf(s); got.Status != conversations.NotNeeded || got.Reason != "The episode ended at step 1: information and advice or signposting" {
				t.Errorf("step %d of an episode resolved at step 1 = %+v", s, got)
			}
		}

		// The person's page lists both, newest first, without another access-log entry.
		before = f.logged(t)
		eps, err := f.store.PersonEpisodes(f.ctx, f.person.ID)
		if err != nil || len(eps) != 2 {
			t.Fatalf("PersonEpisodes: %d, %v", len(eps), err)
		}
		f.expectLog(t, before)
		if !eps[0].Ended() || len(eps[0].Steps) != 4 {
			t.Errorf("listed episode = %+v", eps[0])
		}
		if _, err := f.store.PersonEpisodes(f.outside, f.person.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council listed the episodes: %v", err)
		}
		if _, err := f.store.PersonEpisodes(peopletest.As(f.a.SouthWorker), f.person.ID); !errors.Is(err, people.ErrBreakGlassNeeded) {
			t.Errorf("a worker outside the team listed the episodes: %v", err)
		}

		want := []string{
			"episode: Episode ended at step 1, gather information: " + codelists.EventOutcomeInformationAdvice,
			"episode: Episode of work opened",
			"contact: Phone call from the person themselves: Struggling with the stairs since a fall",
			"episode: Episode ended at step 2, develop ideas: " + codelists.EventOutcomeOtherCouncilService,
			"step: Step 2, develop ideas: not needed (Ideas agreed in the first conversation)",
			"step: Step 1, gather information: in progress",
			"episode: Episode of work opened",
			"contact: Phone call from family, a friend or a neighbour: Struggling with the stairs since a fall",
		}
		if diff := cmp.Diff(want, f.events(t)); diff != "" {
			t.Errorf("chronology (-want +got):\n%s", diff)
		}
	})
}

func TestConversations(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		ep := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)
		today := f.db.Today()
		c := conversations.Conversation{
			PersonID: f.person.ID, EpisodeID: ep.ID, Step: conversations.Step1, HeldOn: today, Method: conversations.Phone,
			Place: conversations.Hospital, Participants: "Ada, her daughter Cara", NeededHelp: true, HelpNote: "Cara explained the hearing aid",
			Sections: []conversations.Section{
				{Heading: conversations.Strengths, PersonWords: " I still do the crossword every day ", Observed: "Sharp, funny"},
				{Heading: conversations.Mindset, PersonWords: "I want to go home"},
				{Heading: conversations.Services, PersonWords: "  ", Observed: ""},
			},
		}

		// Nothing written under any heading, and no date: refused, nothing written.
		before := f.logged(t)
		empty := c
		empty.Sections, empty.HeldOn, empty.Method = nil, sqldb.Date{}, "carrier pigeon"
		_, err := f.store.AddConversation(f.ctx, empty)
		if diff := cmp.Diff([]string{"held_on", "method", "sections"}, fields(err)); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
		if _, err := f.store.AddConversation(f.outside, c); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council added a conversation: %v", err)
		}
		f.expectLog(t, before)

		saved, err := f.store.AddConversation(f.ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.Create)

		before = f.logged(t)
		_, got, err := f.store.Conversation(f.ctx, f.person.ID, ep.ID, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.View)
		wantSections := []conversations.Section{
			{Heading: conversations.Mindset, PersonWords: "I want to go home"},
			{Heading: conversations.Strengths, PersonWords: "I still do the crossword every day", Observed: "Sharp, funny"},
		}
		if diff := cmp.Diff(wantSections, got.Sections); diff != "" {
			t.Errorf("sections in MASOSS order, trimmed, empty ones left out (-want +got):\n%s", diff)
		}
		if got.Method != conversations.Phone || got.Place != conversations.Hospital || !got.NeededHelp || got.HelpNote != c.HelpNote ||
			got.CreatedByName != f.worker.Name || got.Version != 1 {
			t.Errorf("conversation = %+v", got)
		}
		if _, _, err := f.store.Conversation(f.outside, f.person.ID, ep.ID, saved.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the conversation: %v", err)
		}

		// Change it; a stale change and another council's change are refused and change nothing.
		before = f.logged(t)
		change := got
		change.Sections = append(change.Sections, conversations.Section{Heading: conversations.Aspirations, PersonWords: "See the sea again"})
		change.NeededHelp = false
		if err := f.store.UpdateConversation(f.ctx, change); err != nil {
			t.Fatal(err)
		}
		if err := f.store.UpdateConversation(f.ctx, change); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale change: %v, want conflict", err)
		}
		change.Version = 2
		change.Participants = "Hijacked"
		if err := f.store.UpdateConversation(f.outside, change); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council changed the conversation: %v", err)
		}
		change.Sections = nil
		if err := f.store.UpdateConversation(f.ctx, change); !slices.Equal(fields(err), []string{"sections"}) {
			t.Errorf("emptying every heading: %v", err)
		}
		f.expectLog(t, before, accesslog.Update)
		_, got, _ = f.store.Conversation(f.ctx, f.person.ID, ep.ID, saved.ID)
		if got.Version != 2 || got.Participants != c.Participants || got.NeededHelp || got.HelpNote != "" || len(got.Sections) != 3 ||
			got.Section(conversations.Aspirations).PersonWords != "See the sea again" {
			t.Errorf("after the change: %+v", got)
		}

		rec, err := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if err != nil || len(rec.Conversations) != 1 || len(rec.Conversations[0].Sections) != 3 {
			t.Fatalf("episode's conversations = %+v, %v", rec.Conversations, err)
		}
		events := f.events(t)
		if !slices.Contains(events, "conversation: Conversation (phone, hospital) in step 1, gather information") ||
			!strings.HasPrefix(events[0], "conversation: Record of the conversation on ") {
			t.Errorf("chronology = %q", events)
		}
	})
}

func TestDeterminations(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		ep := conversationstest.MustOpenEpisode(t, db, f.worker, f.person.ID)
		d := conversations.Determination{
			PersonID: f.person.ID, EpisodeID: ep.ID, Agrees: true, DeterminedOn: f.db.Today(),
			Answers: conversations.Answers{
				Kind: conversations.Adult, ImpairmentOrIllness: true, SignificantImpact: true, ImpactAreas: []string{"b", "d"},
				Outcomes: []conversations.OutcomeAnswer{
					{Code: "a", Ways: []conversations.Way{conversations.WithoutAssistance, conversations.Endangers}},
					{Code: "e", Ways: []conversations.Way{conversations.SignificantlyLonger}},
				},
			},
			// Whatever a form sends, the store computes the result itself.
			ComputedEligible: false, Explanation: "forged",
		}

		before := f.logged(t)
		bad := d
		bad.Agrees, bad.DeterminedOn = false, sqldb.Date{}
		_, err := f.store.AddDetermination(f.ctx, bad)
		if diff := cmp.Diff([]string{"determined_on", "disagreement_reason"}, fields(err)); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
		if _, err := f.store.AddDetermination(f.outside, d); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council added a determination: %v", err)
		}
		f.expectLog(t, before)

		saved, err := f.store.AddDetermination(f.ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.Create)
		if !saved.ComputedEligible || !saved.Eligible || !strings.HasPrefix(saved.Explanation, "Eligible: ") {
			t.Errorf("saved = %+v", saved)
		}
		before = f.logged(t)
		_, got, err := f.store.Determination(f.ctx, f.person.ID, ep.ID, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, before, accesslog.View)
		if diff := cmp.Diff(d.Answers, got.Answers); diff != "" {
			t.Errorf("answers read back (-want +got):\n%s", diff)
		}
		if got.Explanation != saved.Explanation || got.CreatedByName != f.worker.Name {
			t.Errorf("read back = %+v", got)
		}
		var stored string
		if err := db.ReadTx(f.command(), func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(context.Background(), `SELECT outcome_answers FROM eligibility WHERE council_id = $1 AND id = $2`, tx.Council(), saved.ID).Scan(&stored)
		}); err != nil {
			t.Fatal(err)
		}
		if stored != "a:without_assistance,endangers\ne:significantly_longer" {
			t.Errorf("outcome_answers stored as %q", stored)
		}
		if _, _, err := f.store.Determination(f.outside, f.person.ID, ep.ID, saved.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the determination: %v", err)
		}

		// A carer, where the practitioner disagrees with reasons: the decision is the opposite of the computed result.
		carer := conversations.Determination{
			PersonID: f.person.ID, EpisodeID: ep.ID, DeterminedOn: d.DeterminedOn, Agrees: false,
			DisagreementReason: "Caring at night is breaking down; the answers understate it",
			Answers:            conversations.Answers{Kind: conversations.Carer, NecessaryCare: true, HealthDeteriorating: false},
		}
		saved2, err := f.store.AddDetermination(f.ctx, carer)
		if err != nil {
			t.Fatal(err)
		}
		if saved2.ComputedEligible || !saved2.Eligible || !strings.HasPrefix(saved2.Explanation, "Not eligible") {
			t.Errorf("carer determination = %+v", saved2)
		}
		rec, _ := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if len(rec.Determinations) != 2 || rec.Determinations[1].Answers.Kind != conversations.Carer || !rec.Determinations[1].Answers.NecessaryCare {
			t.Errorf("episode's determinations = %+v", rec.Determinations)
		}
		events := f.events(t)
		if events[0] != "eligibility: Eligibility determined (carer): eligible, disagreeing with the result the regulations give" ||
			events[1] != "eligibility: Eligibility determined (adult with care and support needs): eligible" {
			t.Errorf("chronology = %q", events)
		}
	})
}

func TestOutcomeAnswersRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []conversations.OutcomeAnswer
		want string
	}{
		{"none", nil, ""},
		{"one way", []conversations.OutcomeAnswer{{Code: "b", Ways: []conversations.Way{conversations.WithoutAssistance}}}, "b:without_assistance"},
		{"carer codes", []conversations.OutcomeAnswer{
			{Code: "iii", Ways: []conversations.Way{conversations.PainDistressAnxiety, conversations.Endangers}},
			{Code: "viii", Ways: []conversations.Way{conversations.WithoutAssistance}},
		}, "iii:pain_distress_anxiety,endangers\nviii:without_assistance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := conversations.EncodeOutcomes(tt.in)
			if got != tt.want {
				t.Errorf("EncodeOutcomes = %q, want %q", got, tt.want)
			}
			if diff := cmp.Diff(tt.in, conversations.DecodeOutcomes(got)); diff != "" {
				t.Errorf("DecodeOutcomes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestContactChannelStored: a contact keeps how it came in, the chronology says it, and a contact recorded before
// the channel was asked reads "Not recorded" rather than a channel nobody wrote down.
func TestContactChannelStored(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setUp(t, db)
		_, ep, err := f.store.RecordContact(f.ctx, conversationstest.Contact(db, f.person.ID, func(c *conversations.Contact) {
			c.Channel, c.ContactBy, c.ContactName = "Another professional", conversations.ByProfessional, "Sampleford Health Centre"
		}), nil)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := f.store.Episode(f.ctx, f.person.ID, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := rec.Episode.Contact; c.Channel != "Another professional" || c.ChannelLabel() != "Referral from another professional" {
			t.Errorf("contact read back with channel %q (%q)", c.Channel, c.ChannelLabel())
		}
		if want := "contact: Referral from a professional: Struggling with the stairs since a fall"; !slices.Contains(f.events(t), want) {
			t.Errorf("chronology %q lacks %q", f.events(t), want)
		}

		// A contact written before the channel column existed: the migration's default.
		old := sqldb.NewID()
		err = db.InTx(f.command(), func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(context.Background(), `INSERT INTO contact (council_id, id, person_id, contacted_on, route_of_access,
				contact_by, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'self', 'Asked about a bus pass', $6, $6)`,
				f.a.Council.ID, old, f.person.ID, rec.Episode.OpenedOn, codelists.RouteOfAccessDefault, tx.Now()); err != nil {
				return err
			}
			_, err := tx.ExecContext(context.Background(), `UPDATE episode SET contact_id = $1 WHERE council_id = $2 AND id = $3`, old, f.a.Council.ID, ep.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if rec, err = f.store.Episode(f.ctx, f.person.ID, ep.ID); err != nil {
			t.Fatal(err)
		}
		if c := rec.Episode.Contact; c.ID != old || c.Channel != codelists.ContactChannelNotRecorded || c.ChannelLabel() != "Not recorded" {
			t.Errorf("an older contact read back as %q, channel %q (%q)", c.ID, c.Channel, c.ChannelLabel())
		}
	})
}
