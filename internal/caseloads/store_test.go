package caseloads_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The test's today is 1 June 2026: a review due on 20 May is overdue, one on 10 June is due.
var today = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func exec(t *testing.T, db *sqldb.DB, council string, q string, args ...any) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), council)
	if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestCaseload(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return today }}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker, manager := a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		mine := func(family string, opts ...func(*people.Person)) people.Person {
			return peopletest.MustCreate(t, db, manager, peopletest.Person(a.North.ID, append([]func(*people.Person){func(p *people.Person) {
				p.FamilyName, p.WorkerID, p.NHSNumber = family, worker.ID, ""
			}}, opts...)...))
		}
		calm := mine("Calm")
		overdue := mine("Overdue")
		due := mine("Due")
		stepping := mine("Stepping")
		hidden := mine("Hidden", func(p *people.Person) { p.Restricted = true })
		council := a.Council.ID
		now := today
		for _, r := range []struct{ person, due string }{{overdue.ID, "2026-05-20"}, {due.ID, "2026-06-10"}, {calm.ID, "2026-12-01"}} {
			ep := sqldb.NewID()
			exec(t, db, council, `INSERT INTO episode (council_id, id, person_id, opened_on, result, created_at, updated_at) VALUES ($1, $2, $3, '2025-01-01', 'Long Term Support', $4, $4)`, council, ep, r.person, now)
			exec(t, db, council, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $6)`, council, sqldb.NewID(), r.person, ep, r.due, now)
		}
		// An open episode at Step 2, with an outcome nothing serves yet and a service, serving no outcome, waiting for
		// authorisation: two breaks.
		// It was triaged high priority on 20 May and nobody has checked in since: the weekly check-in is overdue.
		ep := sqldb.NewID()
		exec(t, db, council, `INSERT INTO episode (council_id, id, person_id, opened_on, priority, triage_reason, triaged_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-05-01', 'high', 'Lives alone', '2026-05-20', $4, $4)`, council, ep, stepping.ID, now)
		for step, status := range map[int]string{1: "completed", 2: "in_progress", 3: "not_started", 4: "not_started"} {
			exec(t, db, council, `INSERT INTO episode_step (council_id, episode_id, step, status, updated_at) VALUES ($1, $2, $3, $4, $5)`, council, ep, step, status, now)
		}
		exec(t, db, council, `INSERT INTO outcome (council_id, id, person_id, episode_id, different, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'Cook my own tea', 'draft', $5, $5)`, council, sqldb.NewID(), stepping.ID, ep, now)
		svc := sqldb.NewID()
		exec(t, db, council, `INSERT INTO service (council_id, id, person_id, episode_id, service_type, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'Short term support: ST-Max', 'awaiting_authorisation', $5, $5)`, council, svc, stepping.ID, ep, now)
		exec(t, db, council, `INSERT INTO authorisation (council_id, id, service_id, person_id, weekly_cost_pence, requested_by, requested_at) VALUES ($1, $2, $3, $4, 45000, $5, $6)`, council, sqldb.NewID(), svc, stepping.ID, worker.ID, now)

		// Signposts from it: one whose follow-up date has passed with none recorded (overdue), one followed up, one
		// not yet due.
		for _, sp := range []struct{ due, result string }{{"2026-05-25", ""}, {"2026-05-20", "helped"}, {"2026-06-05", ""}} {
			exec(t, db, council, `INSERT INTO signpost (council_id, id, person_id, episode_id, directory_service_id, signposted_on, follow_up_on, follow_up_result, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '2026-05-18', $6, $7, $8, $8)`,
				council, sqldb.NewID(), stepping.ID, ep, sqldb.NewID(), sp.due, sp.result, now)
		}

		store := caseloads.NewStore(db)
		res, err := store.Caseload(peopletest.As(worker), caseloads.Filter{WorkerID: worker.ID})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		actions := map[string][]string{}
		for _, e := range res.Entries {
			names = append(names, e.Name)
			for _, a := range e.Actions {
				actions[e.Name] = append(actions[e.Name], a.Text)
			}
		}
		// Reviews by date first, then everyone else by name; the restricted record is not listed.
		if diff := cmp.Diff([]string{"Overdue, Ada", "Due, Ada", "Calm, Ada", "Stepping, Ada"}, names); diff != "" {
			t.Errorf("order (-want +got):\n%s", diff)
		}
		want := map[string][]string{
			"Overdue, Ada":  {"Review overdue since 20 May 2026"},
			"Due, Ada":      {"Review due 10 June 2026"},
			"Calm, Ada":     {"Next review 1 December 2026"},
			"Stepping, Ada": {"Check-in while waiting overdue since 27 May 2026", "1 signpost follow-up overdue since 25 May 2026", "1 authorisation waiting for a team manager", "2 breaks in the golden thread to mend", "Step 2: Develop ideas, in progress"},
		}
		if diff := cmp.Diff(want, actions); diff != "" {
			t.Errorf("next actions (-want +got):\n%s", diff)
		}
		if res.Total != 4 || res.Pages != 1 {
			t.Errorf("total %d, pages %d", res.Total, res.Pages)
		}
		if hidden.ID == "" {
			t.Fatal("no restricted person")
		}

		// A team manager sees the team, and a worker in it; they added the restricted record, so they hold its grant.
		team, err := store.Caseload(peopletest.As(manager), caseloads.Filter{TeamID: a.North.ID})
		if err != nil || team.Total != 5 || team.Waiting != 1 {
			t.Errorf("team caseload: %d people, %d waiting, %v", team.Total, team.Waiting, err)
		}
		if _, err := store.Caseload(peopletest.As(manager), caseloads.Filter{WorkerID: worker.ID}); err != nil {
			t.Errorf("a manager reading their worker's caseload: %v", err)
		}
		// Nobody else's caseload, and never another council's.
		for name, tc := range map[string]struct {
			as councils.Staff
			f  caseloads.Filter
		}{
			"a practitioner reading a colleague's": {a.SouthWorker, caseloads.Filter{WorkerID: worker.ID}},
			"finance":                              {a.Staff[councils.Finance], caseloads.Filter{WorkerID: worker.ID}},
			"a manager reading a team not theirs":  {manager, caseloads.Filter{TeamID: a.South.ID}},
			"a manager of another council":         {b.Staff[councils.TeamManager], caseloads.Filter{TeamID: a.North.ID}},
		} {
			if _, err := store.Caseload(peopletest.As(tc.as), tc.f); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
		other, err := store.Caseload(peopletest.As(b.Staff[councils.QualityLead]), caseloads.Filter{TeamID: a.North.ID})
		if err != nil || other.Total != 0 || len(other.Entries) != 0 {
			t.Errorf("another council's quality lead saw %d people (%v)", other.Total, err)
		}
	})
}

// Required actions head the caseload: a crisis awaiting its early review first, then anyone with an overdue
// required action; safeguarding duties show, and move people up, only for the council's safeguarding roles.
func TestCaseloadDuties(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return today }}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker, manager := a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		mine := func(family string) people.Person {
			return peopletest.MustCreate(t, db, manager, peopletest.Person(a.North.ID, func(p *people.Person) {
				p.FamilyName, p.WorkerID, p.NHSNumber = family, worker.ID, ""
			}))
		}
		plain, guarded, late, crisis := mine("Plain"), mine("Guarded"), mine("Late"), mine("Crisis")
		ctx := peopletest.As(worker)
		raise := func(p people.Person, kind duties.Kind, due time.Time) {
			t.Helper()
			if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
				_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: p.ID, Kind: kind, SubjectID: p.ID + string(kind), Reason: "test", Path: "/people/" + p.ID, DueAt: due})
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		raise(crisis, duties.CrisisReview, today.Add(30*time.Hour))
		raise(late, duties.IMCA, time.Date(2026, 5, 30, 23, 0, 0, 0, time.UTC)) // the end of 30 May in the UK
		raise(guarded, duties.Section42Decision, today.Add(-time.Hour))
		raise(plain, duties.RiskReview, time.Date(2026, 6, 20, 23, 0, 0, 0, time.UTC))

		read := func(as councils.Staff, f caseloads.Filter) ([]string, map[string][]string) {
			t.Helper()
			res, err := caseloads.NewStore(db).Caseload(peopletest.As(as), f)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			actions := map[string][]string{}
			for _, e := range res.Entries {
				names = append(names, e.Name)
				for _, a := range e.Actions {
					actions[e.Name] = append(actions[e.Name], a.Tag+": "+a.Text)
				}
			}
			return names, actions
		}
		names, actions := read(worker, caseloads.Filter{WorkerID: worker.ID})
		if diff := cmp.Diff([]string{"Crisis, Ada", "Late, Ada", "Guarded, Ada", "Plain, Ada"}, names); diff != "" {
			t.Errorf("a practitioner's order (-want +got):\n%s", diff)
		}
		want := map[string][]string{
			"Crisis, Ada": {"Crisis: Review the crisis holding support by 4:00pm on 2 June 2026"},
			"Late, Ada":   {"Overdue: Instruct an independent mental capacity advocate (IMCA), overdue since 30 May 2026"},
			"Plain, Ada":  {"Required: Review the risk-taking decision by 20 June 2026"},
		}
		if diff := cmp.Diff(want, actions); diff != "" {
			t.Errorf("a practitioner's actions (-want +got):\n%s", diff)
		}
		names, actions = read(manager, caseloads.Filter{TeamID: a.North.ID})
		if diff := cmp.Diff([]string{"Crisis, Ada", "Guarded, Ada", "Late, Ada", "Plain, Ada"}, names); diff != "" {
			t.Errorf("a team manager's order (-want +got):\n%s", diff)
		}
		if got := actions["Guarded, Ada"]; len(got) != 1 || got[0] != "Overdue: Decide whether the section 42 enquiry duty applies, overdue since 1 June 2026" {
			t.Errorf("a team manager sees %q for the safeguarding concern", got)
		}

		// The required actions list: crisis first, then soonest due; safeguarding only for safeguarding roles.
		required := func(as councils.Staff, f caseloads.Filter) []string {
			t.Helper()
			res, err := caseloads.NewStore(db).RequiredActions(peopletest.As(as), f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, d := range res.Duties {
				out = append(out, d.PersonName+": "+string(d.Kind))
			}
			if res.Total != len(out) {
				t.Errorf("total %d, listed %d", res.Total, len(out))
			}
			return out
		}
		if diff := cmp.Diff([]string{"Crisis, Ada: crisis_review", "Late, Ada: imca", "Plain, Ada: risk_review"}, required(worker, caseloads.Filter{WorkerID: worker.ID})); diff != "" {
			t.Errorf("a practitioner's required actions (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Crisis, Ada: crisis_review", "Late, Ada: imca", "Guarded, Ada: section42_decision", "Plain, Ada: risk_review"}, required(manager, caseloads.Filter{TeamID: a.North.ID})); diff != "" {
			t.Errorf("a team manager's required actions (-want +got):\n%s", diff)
		}
		if got := required(a.SouthWorker, caseloads.Filter{WorkerID: a.SouthWorker.ID}); len(got) != 0 {
			t.Errorf("a worker in another team sees %v", got)
		}
		for name, tc := range map[string]struct {
			as councils.Staff
			f  caseloads.Filter
		}{
			"finance":                       {a.Staff[councils.Finance], caseloads.Filter{TeamID: a.North.ID}},
			"a practitioner reading a team": {worker, caseloads.Filter{TeamID: a.North.ID}},
			"a manager of another council":  {b.Staff[councils.TeamManager], caseloads.Filter{TeamID: a.North.ID}},
		} {
			if _, err := caseloads.NewStore(db).RequiredActions(peopletest.As(tc.as), tc.f); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
		if res, err := caseloads.NewStore(db).RequiredActions(peopletest.As(b.Staff[councils.QualityLead]), caseloads.Filter{TeamID: a.North.ID}); err != nil || res.Total != 0 {
			t.Errorf("another council's quality lead saw %d (%v)", res.Total, err)
		}

		// The order follows the record as it changes: the crisis reviewed, the IMCA instructed, and a review held for
		// Plain, whose next review is now the earliest.
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			if err := duties.Meet(ctx, tx, duties.CrisisReview, crisis.ID+string(duties.CrisisReview), duties.MetByDone, ""); err != nil {
				return err
			}
			return duties.Meet(ctx, tx, duties.IMCA, late.ID+string(duties.IMCA), duties.MetByReferral, "")
		}); err != nil {
			t.Fatal(err)
		}
		council := a.Council.ID
		ep := sqldb.NewID()
		exec(t, db, council, `INSERT INTO episode (council_id, id, person_id, opened_on, result, created_at, updated_at) VALUES ($1, $2, $3, '2025-01-01', 'Long Term Support', $4, $4)`, council, ep, plain.ID, today)
		held, later := sqldb.NewID(), sqldb.NewID()
		exec(t, db, council, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, '2026-06-03', 'scheduled', $5, $5)`, council, held, plain.ID, ep, today)
		exec(t, db, council, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, '2027-06-03', 'scheduled', $5, $5)`, council, later, plain.ID, ep, today)
		if names, _ := read(worker, caseloads.Filter{WorkerID: worker.ID}); !cmp.Equal(names, []string{"Plain, Ada", "Crisis, Ada", "Guarded, Ada", "Late, Ada"}) {
			t.Errorf("after the crisis review and the referral, the order is %v", names)
		}
		exec(t, db, council, `UPDATE review SET status = 'held' WHERE council_id = $1 AND id = $2`, council, held)
		_, actions = read(worker, caseloads.Filter{WorkerID: worker.ID})
		if got := actions["Plain, Ada"]; !cmp.Equal(got, []string{"Required: Review the risk-taking decision by 20 June 2026", ": Next review 3 June 2027"}) {
			t.Errorf("after the review was held, Plain's actions are %q", got)
		}
		exec(t, db, council, `DELETE FROM review WHERE council_id = $1 AND id = $2`, council, later)
		if _, actions = read(worker, caseloads.Filter{WorkerID: worker.ID}); len(actions["Plain, Ada"]) != 1 {
			t.Errorf("after the later review went, Plain's actions are %q", actions["Plain, Ada"])
		}
	})
}
