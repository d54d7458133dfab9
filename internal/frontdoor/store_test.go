package frontdoor_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

type fixture struct {
	db      *sqldb.DB
	store   *frontdoor.Store
	a, b    peopletest.Council
	advice  context.Context // information and advice in council A
	outside context.Context // information and advice in council B
	person  people.Person
	service string // a directory service in council A
	now     *time.Time
}

func setUp(t *testing.T, db *sqldb.DB, now *time.Time) fixture {
	t.Helper()
	a, b := peopletest.TwoCouncils(t, db)
	f := fixture{db: db, store: frontdoor.NewStore(db), a: a, b: b, now: now,
		advice: peopletest.As(a.Staff[councils.DirectoryEditor]), outside: peopletest.As(b.Staff[councils.DirectoryEditor])}
	f.person = peopletest.MustCreate(t, db, a.Staff[councils.Practitioner], peopletest.Person(a.North.ID))
	f.service = mustService(t, db, f.advice)
	return f
}

func mustService(t *testing.T, db *sqldb.DB, ctx context.Context) string {
	t.Helper()
	ds := directory.NewStore(db)
	org, err := ds.AddOrganisation(ctx, directory.Organisation{Name: "Exampleton Befriending", Description: "Volunteers who visit"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := ds.AddService(ctx, directory.ServiceInput{OrganisationID: org.ID, Name: "Lunch club", Description: "A hot lunch and company", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	return svc.ID
}

func (f fixture) logged(t *testing.T, personID string) []accesslog.Action {
	t.Helper()
	return peopletest.Logged(t, f.db, f.a.Council.ID, personID)
}

func (f fixture) expectLog(t *testing.T, personID string, before []accesslog.Action, want ...accesslog.Action) {
	t.Helper()
	if got := f.logged(t, personID)[len(before):]; !slices.Equal(got, want) {
		t.Errorf("access log gained %v, want %v", got, want)
	}
}

func (f fixture) events(t *testing.T, personID string) string {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), f.a.Council.ID), "test")
	_, es, err := chronology.NewStore(f.db).List(ctx, personID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, string(e.Kind)+": "+e.Summary)
	}
	return strings.Join(out, "\n")
}

// episodeState is what a refused change must leave as it was.
func (f fixture) episodeState(t *testing.T, id string) string {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), f.a.Council.ID)
	var priority, reason, result string
	var version int
	err := f.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT priority, triage_reason, result, version FROM episode WHERE council_id = $1 AND id = $2`, f.a.Council.ID, id).
			Scan(&priority, &reason, &result, &version)
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{priority, reason, result, string(rune('0' + version))}, "|")
}

func (f fixture) count(t *testing.T, table string) int {
	t.Helper()
	return dbtest.Count(t, f.db, f.a.Council.ID, table)
}

func TestTriageWaitingAndCheckIns(t *testing.T) {
	t.Parallel()
	now := planstest.Clock
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = planstest.Clock
		f := setUp(t, db, &now)
		ep := conversationstest.MustOpenEpisode(t, db, f.a.Staff[councils.DirectoryEditor], f.person.ID)

		// The new contact is on the front door's list, for information and advice; not for practitioners, and not
		// in another council.
		list, err := f.store.Contacts(f.advice)
		if err != nil || len(list) != 1 || list[0].EpisodeID != ep.ID || list[0].Name != "Testperson, Ada" {
			t.Fatalf("Contacts = %+v, %v", list, err)
		}
		if _, err := f.store.Contacts(peopletest.As(f.a.Staff[councils.Practitioner])); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner's contacts list: %v, want ErrForbidden", err)
		}
		if other, err := f.store.Contacts(f.outside); err != nil || len(other) != 0 {
			t.Errorf("council B's contacts = %+v, %v; want none", other, err)
		}

		// Refused triages change nothing and log nothing beyond the reach.
		before, state := f.logged(t, f.person.ID), f.episodeState(t, ep.ID)
		good := frontdoor.Triage{Priority: frontdoor.High, Reason: "Carer in hospital until next week"}
		if err := f.store.Triage(f.outside, f.person.ID, ep.ID, good, ep.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("triage from council B: %v, want ErrNotFound", err)
		}
		if err := f.store.Triage(f.advice, f.person.ID, ep.ID, frontdoor.Triage{Priority: "soon"}, ep.Version); err == nil {
			t.Error("a triage with no priority or reason was saved")
		}
		f.expectLog(t, f.person.ID, before)
		if err := f.store.Triage(f.advice, f.person.ID, ep.ID, good, ep.Version-1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale triage: %v, want ErrConflict", err)
		}
		if got := f.episodeState(t, ep.ID); got != state {
			t.Errorf("refused triages changed the episode: %s, was %s", got, state)
		}
		before = f.logged(t, f.person.ID)
		if err := f.store.Triage(f.advice, f.person.ID, ep.ID, good, ep.Version); err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Update)
		if !strings.Contains(f.events(t, f.person.ID), "contact: Triaged: high priority (Carer in hospital until next week)") {
			t.Errorf("chronology:\n%s", f.events(t, f.person.ID))
		}
		if list, _ := f.store.Contacts(f.advice); len(list) != 0 {
			t.Errorf("a triaged contact is still new: %+v", list)
		}

		// Ten days later the person has waited ten days for a first conversation, and their high-priority check-in
		// (every 7 days) is 3 days late.
		now = now.AddDate(0, 0, 10)
		waiting, err := f.store.Waiting(f.advice, frontdoor.WaitingFilter{})
		if err != nil || len(waiting) != 1 {
			t.Fatalf("Waiting = %+v, %v", waiting, err)
		}
		w := waiting[0]
		if w.Wait.Stage != frontdoor.ForConversation || w.Wait.ToConversation != 10 || w.Priority != frontdoor.High || !w.CheckIn.Overdue || w.CheckIn.DaysLate != 3 || w.TeamName != "North" {
			t.Errorf("waiter = %+v", w)
		}
		for _, flt := range []frontdoor.WaitingFilter{{Priority: frontdoor.Urgent}, {TeamID: f.a.South.ID}} {
			if got, _ := f.store.Waiting(f.advice, flt); len(got) != 0 {
				t.Errorf("filter %+v kept %+v", flt, got)
			}
		}
		if got, _ := f.store.Waiting(f.advice, frontdoor.WaitingFilter{TeamID: f.a.North.ID, Priority: frontdoor.High}); len(got) != 1 {
			t.Errorf("north, high: %+v", got)
		}
		if got, err := f.store.Waiting(f.outside, frontdoor.WaitingFilter{}); err != nil || len(got) != 0 {
			t.Errorf("council B's waiting list = %+v, %v", got, err)
		}

		// A check-in: recorded as a contact of the check-in kind, triaged again as routine, so not overdue now.
		cs, err := f.store.Case(f.advice, f.person.ID, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		note := frontdoor.CheckInNote{On: sqldb.UKDate(now), HowThings: "Managing with a neighbour's help", WhatChanged: "Carer home on Friday",
			Triage: frontdoor.Triage{Priority: frontdoor.Routine, Reason: "Carer back home"}}
		contacts := f.count(t, "contact")
		if _, err := f.store.CheckIn(f.outside, f.person.ID, ep.ID, note, cs.Episode.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("check-in from council B: %v", err)
		}
		if _, err := f.store.CheckIn(f.advice, f.person.ID, ep.ID, note, cs.Episode.Version-1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale check-in: %v", err)
		}
		if n := f.count(t, "contact"); n != contacts {
			t.Errorf("refused check-ins left %d contacts, want %d", n, contacts)
		}
		before = f.logged(t, f.person.ID)
		if _, err := f.store.CheckIn(f.advice, f.person.ID, ep.ID, note, cs.Episode.Version); err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Create)
		cs, _ = f.store.Case(f.advice, f.person.ID, ep.ID)
		if len(cs.CheckIns) != 1 || cs.CheckIns[0].Reason != note.HowThings || cs.Priority != frontdoor.Routine || cs.Episode.Contact.ID != ep.ContactID {
			t.Errorf("case after check-in = %+v", cs)
		}
		waiting, _ = f.store.Waiting(f.advice, frontdoor.WaitingFilter{})
		if len(waiting) != 1 || waiting[0].CheckIn.Overdue || waiting[0].CheckIn.Due != sqldb.NewDate(now.AddDate(0, 0, 14)) {
			t.Errorf("after a check-in: %+v", waiting)
		}
		ctx := sqldb.WithCouncil(context.Background(), f.a.Council.ID)
		_ = db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			over, err := frontdoor.OverdueCheckIns(ctx, tx, []string{ep.ID}, sqldb.UKDate(now.AddDate(0, 0, 15)))
			if err != nil || over[ep.ID].DaysLate != 1 {
				t.Errorf("OverdueCheckIns a fortnight and a day later = %+v, %v", over, err)
			}
			return nil
		})
	})
}

func TestResolveWithASignpost(t *testing.T) {
	t.Parallel()
	now := planstest.Clock
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = planstest.Clock
		f := setUp(t, db, &now)
		ep := conversationstest.MustOpenEpisode(t, db, f.a.Staff[councils.DirectoryEditor], f.person.ID)
		if err := f.store.Triage(f.advice, f.person.ID, ep.ID, frontdoor.Triage{Priority: frontdoor.Routine, Reason: "Asking about lunch clubs"}, ep.Version); err != nil {
			t.Fatal(err)
		}
		end := conversations.Ending{Result: codelists.EventOutcomeInformationAdvice, Note: "Told about the lunch club"}
		sp := frontdoor.Signpost{DirectoryServiceID: f.service, WhatShared: "Times and phone number", SharedHow: []frontdoor.Shared{frontdoor.Printed},
			FollowUpOn: sqldb.NewDate(now.AddDate(0, 0, 14))}
		before, signposts := f.logged(t, f.person.ID), f.count(t, "signpost")
		bad := sp
		bad.DirectoryServiceID = "not-a-service"
		if err := f.store.Resolve(f.advice, f.person.ID, ep.ID, end, []frontdoor.Signpost{bad}, ep.Version+1); err == nil {
			t.Error("resolved with a service not in the directory")
		}
		if err := f.store.Resolve(f.outside, f.person.ID, ep.ID, end, []frontdoor.Signpost{sp}, ep.Version+1); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("resolve from council B: %v", err)
		}
		if err := f.store.Resolve(f.advice, f.person.ID, ep.ID, end, []frontdoor.Signpost{sp}, ep.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale resolve: %v", err)
		}
		if f.count(t, "signpost") != signposts || strings.Contains(f.episodeState(t, ep.ID), codelists.EventOutcomeInformationAdvice) {
			t.Error("refused resolutions left a signpost or ended the episode")
		}
		// A refusal rolls back the whole transaction, its access-log entry with it.
		f.expectLog(t, f.person.ID, before)
		if err := f.store.Resolve(f.advice, f.person.ID, ep.ID, end, []frontdoor.Signpost{sp}, ep.Version+1); err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Update)
		if got := f.episodeState(t, ep.ID); got != "routine|Asking about lunch clubs|"+codelists.EventOutcomeInformationAdvice+"|3" {
			t.Errorf("resolved episode = %s", got)
		}
		if f.count(t, "signpost") != signposts+1 {
			t.Error("no signpost saved with the resolution")
		}
		ev := f.events(t, f.person.ID)
		if !strings.Contains(ev, "signpost: Signposted to Lunch club; follow up by 17 March 2025") || !strings.Contains(ev, "episode: Episode ended at step 1") {
			t.Errorf("chronology:\n%s", ev)
		}
		if w, _ := f.store.Waiting(f.advice, frontdoor.WaitingFilter{}); len(w) != 0 {
			t.Errorf("a resolved contact is waiting: %+v", w)
		}
	})
}

func TestSignpostsAndFollowUps(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000933")
		b := peopletest.NewCouncil(t, db, "E06000934")
		w := planstest.New(t, db, a)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		f := fixture{db: db, store: frontdoor.NewStore(db), a: a, b: b, person: w.Person}
		f.service = mustService(t, db, peopletest.As(a.Staff[councils.DirectoryEditor]))
		today := sqldb.NewDate(planstest.Clock)
		sp := frontdoor.Signpost{PersonID: w.Person.ID, EpisodeID: w.EpisodeID, OutcomeID: w.Outcomes[0].ID, DirectoryServiceID: f.service,
			SignpostedOn: today, WhatShared: "Leaflet", SharedHow: []frontdoor.Shared{frontdoor.Told, frontdoor.Emailed}, Referred: true, Consent: true,
			FollowUpOn: sqldb.NewDate(planstest.Clock.AddDate(0, 0, 14))}

		before := f.logged(t, w.Person.ID)
		if _, err := f.store.AddSignpost(peopletest.As(b.Staff[councils.Practitioner]), sp); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("signpost from council B: %v", err)
		}
		noConsent := sp
		noConsent.Consent = false
		if _, err := f.store.AddSignpost(worker, noConsent); err == nil {
			t.Error("a referral without consent was saved")
		}
		f.expectLog(t, w.Person.ID, before)
		if n := f.count(t, "signpost"); n != 0 {
			t.Fatalf("refused signposts left %d", n)
		}
		got, err := f.store.AddSignpost(worker, sp)
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, w.Person.ID, before, accesslog.Create)

		// The solution on the ladder picks up the directory service, on the community rung, serving the outcome.
		ladder, err := plans.NewStore(db).Ladder(worker, w.Person.ID, w.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		sol, ok := ladder.Solution(got.SolutionID)
		if !ok || sol.Rung != plans.Community || sol.DirectoryServiceID != f.service || !slices.Equal(sol.OutcomeIDs, []string{w.Outcomes[0].ID}) {
			t.Errorf("solution = %+v (found %v)", sol, ok)
		}
		if ev := f.events(t, w.Person.ID); !strings.Contains(ev, "signpost: Referred, with consent, to Lunch club; follow up by 17 March 2025") {
			t.Errorf("chronology:\n%s", ev)
		}

		// The follow-up: stale and wrong ones change nothing; then it partly helped.
		before = f.logged(t, w.Person.ID)
		fu := frontdoor.FollowUp{On: today, Result: frontdoor.HelpedPartly, Note: "Enjoys it, but the bus is hard"}
		if err := f.store.RecordFollowUp(worker, w.Person.ID, w.EpisodeID, got.ID, fu, got.Version+1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale follow-up: %v", err)
		}
		if err := f.store.RecordFollowUp(worker, w.Person.ID, w.EpisodeID, got.ID, frontdoor.FollowUp{On: today, Result: frontdoor.DidNotGo}, got.Version); err == nil {
			t.Error("a follow-up that did not help, with no reason, was saved")
		}
		if err := f.store.RecordFollowUp(peopletest.As(b.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, got.ID, fu, got.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("follow-up from council B: %v", err)
		}
		f.expectLog(t, w.Person.ID, before)
		if err := f.store.RecordFollowUp(worker, w.Person.ID, w.EpisodeID, got.ID, fu, got.Version); err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, w.Person.ID, before, accesslog.Update)
		_, read, err := f.store.Signpost(worker, w.Person.ID, w.EpisodeID, got.ID)
		if err != nil || read.Result != frontdoor.HelpedPartly || read.Version != 2 || read.SharedText() != "Told them, in person or by phone; Emailed" || read.OutcomeText == "" {
			t.Errorf("signpost = %+v, %v", read, err)
		}
		if _, _, err := f.store.Signpost(peopletest.As(b.Staff[councils.Practitioner]), w.Person.ID, w.EpisodeID, got.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("reading from council B: %v", err)
		}

		// The service's use: counts only.
		use, err := f.store.ServiceUse(worker, f.service)
		if err != nil || use.Signposts != 1 || use.Referrals != 1 || use.FollowedUp != 1 || use.HelpedCount() != 1 {
			t.Errorf("use = %+v, %v", use, err)
		}
		if use, _ := f.store.ServiceUse(peopletest.As(b.Staff[councils.Practitioner]), f.service); use.Signposts != 0 {
			t.Errorf("council B sees use %+v", use)
		}
	})
}

// TestOverdueFollowUps: a signpost whose follow-up date has passed without a follow-up recorded is overdue, on
// the episode's signposts and for a caseload (in one query for many episodes); not on the day it is due, not once
// followed up, and never for another council.
func TestOverdueFollowUps(t *testing.T) {
	t.Parallel()
	now := planstest.Clock
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = planstest.Clock
		a := peopletest.NewCouncil(t, db, "E06000935")
		b := peopletest.NewCouncil(t, db, "E06000936")
		w := planstest.New(t, db, a)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		store := frontdoor.NewStore(db)
		service := mustService(t, db, peopletest.As(a.Staff[councils.DirectoryEditor]))
		day := func(n int) sqldb.Date { return sqldb.NewDate(planstest.Clock.AddDate(0, 0, n)) }
		add := func(followUp int) frontdoor.Signpost {
			sp, err := store.AddSignpost(worker, frontdoor.Signpost{PersonID: w.Person.ID, EpisodeID: w.EpisodeID, DirectoryServiceID: service,
				SignpostedOn: day(0), WhatShared: "Leaflet", SharedHow: []frontdoor.Shared{frontdoor.Told}, FollowUpOn: day(followUp)})
			if err != nil {
				t.Fatal(err)
			}
			return sp
		}
		soon, later := add(7), add(14)
		overdue := func(c peopletest.Council) map[string]frontdoor.FollowUpsOverdue {
			t.Helper()
			var got map[string]frontdoor.FollowUpsOverdue
			err := db.ReadTx(sqldb.WithCouncil(context.Background(), c.Council.ID), func(tx *sqldb.Tx) error {
				var err error
				got, err = frontdoor.OverdueFollowUps(context.Background(), tx, []string{w.EpisodeID, "no-such-episode"}, sqldb.UKDate(now))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		for _, tt := range []struct {
			name     string
			days     int
			followUp *frontdoor.Signpost // recorded before looking
			want     frontdoor.FollowUpsOverdue
			flagged  []string // the signposts the page flags
		}{
			{"before either is due", 3, nil, frontdoor.FollowUpsOverdue{}, nil},
			{"on the day one is due", 7, nil, frontdoor.FollowUpsOverdue{}, nil},
			{"the day after", 8, nil, frontdoor.FollowUpsOverdue{Count: 1, Since: day(7)}, []string{soon.ID}},
			{"both passed", 15, nil, frontdoor.FollowUpsOverdue{Count: 2, Since: day(7)}, []string{soon.ID, later.ID}},
			{"one followed up", 15, &soon, frontdoor.FollowUpsOverdue{Count: 1, Since: day(14)}, []string{later.ID}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				now = planstest.Clock.AddDate(0, 0, tt.days)
				if tt.followUp != nil {
					if err := store.RecordFollowUp(worker, w.Person.ID, w.EpisodeID, tt.followUp.ID, frontdoor.FollowUp{On: sqldb.UKDate(now), Result: frontdoor.HelpedYes}, tt.followUp.Version); err != nil {
						t.Fatal(err)
					}
				}
				got := overdue(a)[w.EpisodeID]
				if got.Count != tt.want.Count || got.Since != tt.want.Since {
					t.Errorf("overdue = %+v, want %+v", got, tt.want)
				}
				if other := overdue(b); len(other) != 0 {
					t.Errorf("council B sees %+v", other)
				}
				page, err := store.Signposts(worker, w.Person.ID, w.EpisodeID)
				if err != nil {
					t.Fatal(err)
				}
				var flagged []string
				for _, sp := range page.Signposts {
					if sp.FollowUpOverdue(page.Today) {
						flagged = append(flagged, sp.ID)
					}
				}
				slices.Sort(flagged)
				want := slices.Sorted(slices.Values(tt.flagged))
				if !slices.Equal(flagged, want) {
					t.Errorf("the page flags %q, want %q", flagged, want)
				}
			})
		}
	})
}

// TestRecordContactWithSignposts: a contact resolved at first contact with signposts to two services is one
// transaction: the contact, the episode ended at step 1 and both signposts with their follow-ups, one access-log
// entry and the same chronology events as each part alone. Any problem, even with the second signpost found only
// inside the transaction, records none of it; another council's staff cannot record against the person, nor any
// staff against another council's service.
func TestRecordContactWithSignposts(t *testing.T) {
	now := planstest.Clock
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = planstest.Clock
		f := setUp(t, db, &now)
		worker := peopletest.As(f.a.Staff[councils.Practitioner])
		ds := directory.NewStore(db)
		org, err := ds.AddOrganisation(f.advice, directory.Organisation{Name: "Exampleton Active Ageing", Description: "Clubs and classes"})
		if err != nil {
			t.Fatal(err)
		}
		falls, err := ds.AddService(f.advice, directory.ServiceInput{OrganisationID: org.ID, Name: "Falls prevention class", Description: "Strength and balance", Status: "active"})
		if err != nil {
			t.Fatal(err)
		}
		theirs := mustService(t, db, f.outside) // council B's lunch club
		today := sqldb.NewDate(now)
		contact := func() conversations.Contact {
			return conversations.Contact{PersonID: f.person.ID, ContactedOn: today, RouteOfAccess: codelists.RouteOfAccessDefault, Channel: "Phone", ContactBy: conversations.BySelf,
				Reason: "Wants to get out more and is worried about falling"}
		}
		end := func() *conversations.Ending {
			return &conversations.Ending{Step: conversations.Step1, Result: codelists.EventOutcomeInformationAdvice}
		}
		signposts := func(second string) []frontdoor.Signpost {
			return []frontdoor.Signpost{
				{DirectoryServiceID: f.service, WhatShared: "Times and phone number", SharedHow: []frontdoor.Shared{frontdoor.Told}, FollowUpOn: sqldb.NewDate(now.AddDate(0, 0, 14))},
				{DirectoryServiceID: second, WhatShared: "Leaflet", SharedHow: []frontdoor.Shared{frontdoor.Printed}, FollowUpOn: sqldb.NewDate(now.AddDate(0, 0, 7))},
			}
		}
		counts := func() string {
			return fmt.Sprint(f.count(t, "contact"), f.count(t, "episode"), f.count(t, "signpost"), f.count(t, "person_event"))
		}
		before, was := f.logged(t, f.person.ID), counts()

		refusals := []struct {
			name  string
			ctx   context.Context
			sps   []frontdoor.Signpost
			field string // the problem's field, or "" for not found
		}{
			{"another council's staff", f.outside, signposts(falls.ID), ""},
			{"another council's service, found only inside the transaction", worker, signposts(theirs), frontdoor.SignpostField(1, "directory_service_id")},
			{"a service that does not exist", worker, signposts("no-such-service"), frontdoor.SignpostField(1, "directory_service_id")},
			{"a follow-up in the past", worker, func() []frontdoor.Signpost {
				sps := signposts(falls.ID)
				sps[1].FollowUpOn = sqldb.NewDate(now.AddDate(0, 0, -1))
				return sps
			}(), frontdoor.SignpostField(1, "follow_up_on")},
			{"nothing shared", worker, func() []frontdoor.Signpost {
				sps := signposts(falls.ID)
				sps[0].WhatShared, sps[0].SharedHow = "", nil
				return sps
			}(), frontdoor.SignpostField(0, "what_shared")},
		}
		for _, r := range refusals {
			_, _, err := f.store.RecordContact(r.ctx, contact(), end(), r.sps)
			ps, isProblems := validation.AsProblems(err)
			switch {
			case r.field == "" && !errors.Is(err, sqldb.ErrNotFound):
				t.Errorf("%s: %v, want not found", r.name, err)
			case r.field != "" && (!isProblems || ps[0].Field != r.field):
				t.Errorf("%s: %v, want a problem on %s", r.name, err, r.field)
			}
			if got := counts(); got != was {
				t.Errorf("%s left contacts, episodes, signposts and events %s, want %s", r.name, got, was)
			}
		}
		f.expectLog(t, f.person.ID, before)

		c, ep, err := f.store.RecordContact(worker, contact(), end(), signposts(falls.ID))
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Create)
		if ep.Result != codelists.EventOutcomeInformationAdvice || ep.ContactID != c.ID || ep.EndedOn != today {
			t.Errorf("episode = %+v", ep)
		}
		cs, err := f.store.Case(worker, f.person.ID, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, sp := range cs.Signposts {
			got = append(got, sp.ServiceName+" "+sp.SignpostedOn.String()+" → "+sp.FollowUpOn.String())
		}
		slices.Sort(got)
		want := []string{"Falls prevention class 2025-03-03 → 2025-03-10", "Lunch club 2025-03-03 → 2025-03-17"}
		if !slices.Equal(got, want) {
			t.Errorf("signposts = %q, want %q", got, want)
		}
		ev := f.events(t, f.person.ID)
		for _, w := range []string{"contact: Phone call from the person", "episode: Episode of work opened", "episode: Episode ended at step 1",
			"signpost: Signposted to Lunch club; follow up by 17 March 2025", "signpost: Signposted to Falls prevention class; follow up by 10 March 2025"} {
			if !strings.Contains(ev, w) {
				t.Errorf("chronology has no %q:\n%s", w, ev)
			}
		}
		if use, _ := f.store.ServiceUse(f.advice, falls.ID); use.Signposts != 1 {
			t.Errorf("the falls class's use = %+v", use)
		}

		// Opening an episode, not resolving it, keeps the signposts on the open episode.
		before = f.logged(t, f.person.ID)
		_, open, err := f.store.RecordContact(worker, contact(), nil, signposts(falls.ID)[1:])
		if err != nil {
			t.Fatal(err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Create)
		if cs, _ := f.store.Case(worker, f.person.ID, open.ID); open.Ended() || len(cs.Signposts) != 1 {
			t.Errorf("an open episode's signposts = %+v (ended %v)", cs.Signposts, open.Ended())
		}

		// An episode's signposts, several at once: one transaction, one entry.
		before = f.logged(t, f.person.ID)
		added, err := f.store.AddSignposts(worker, f.person.ID, open.ID, today, signposts(falls.ID))
		if err != nil || len(added) != 2 || added[1].ServiceName != "Falls prevention class" {
			t.Fatalf("AddSignposts = %+v, %v", added, err)
		}
		f.expectLog(t, f.person.ID, before, accesslog.Create)
		if _, err := f.store.AddSignposts(f.outside, f.person.ID, open.ID, today, signposts(falls.ID)); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("AddSignposts from another council: %v", err)
		}
	})
}
