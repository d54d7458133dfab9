package safeguarding_test

import (
	"context"
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func logCount(t *testing.T, db *sqldb.DB, council, person string) int {
	t.Helper()
	seal(t, db, council)
	return dbtest.Value[int](t, db, council, `SELECT count(*) FROM access_log WHERE council_id = $1 AND person_id = $2`, council, person)
}

func concern(received time.Time) safeguarding.NewConcern {
	return safeguarding.NewConcern{RaisedBy: safeguarding.RaisedByOther, Name: "Pat Neighbour", Relationship: "Neighbour",
		ReceivedAt: received, WhatHappened: "Heard shouting; she said her son takes her pension",
		Immediate: "Spoke to her alone; she is safe tonight", Types: []string{"Financial or Material Abuse", "Psychological Abuse"},
		Locations: []string{"Own Home"}, Sources: []string{"Other - Known to individual"},
		Alleged: safeguarding.Alleged{Someone: safeguarding.Yes, Name: "Dan Example", Relationship: "Son", Trust: safeguarding.Yes, AtRisk: safeguarding.No}}
}

// seal links the council's waiting access-log entries into its chain, as the server's sealer does within a moment,
// so that the chain can be read in order.
func seal(t *testing.T, db *sqldb.DB, council string) {
	t.Helper()
	if _, err := accesslog.NewStore(db).Seal(sqldb.WithCouncil(context.Background(), council)); err != nil {
		t.Fatal(err)
	}
}

type logEntry struct{ Action, Reason, Staff string }

// logSince is the access log's entries for person after entry seq, oldest first.
func logSince(t *testing.T, db *sqldb.DB, council, person string, seq int) []logEntry {
	t.Helper()
	seal(t, db, council)
	var out []logEntry
	err := db.ReadTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(context.Background(), `SELECT action, reason, staff_id FROM access_log WHERE council_id = $1 AND person_id = $2
			AND seq > $3 ORDER BY seq`, council, person, seq)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e logEntry
			if err := rows.Scan(&e.Action, &e.Reason, &e.Staff); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lastSeq is the council's newest access-log entry.
func lastSeq(t *testing.T, db *sqldb.DB, council string) int {
	t.Helper()
	seal(t, db, council)
	return dbtest.Value[int](t, db, council, `SELECT COALESCE(max(seq), 0) FROM access_log WHERE council_id = $1`, council)
}

func TestSafeguardingStore(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker, manager := a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		store := safeguarding.NewStore(db)
		council := a.Council.ID
		now := db.Now()

		// A practitioner without a safeguarding role raises a concern but cannot see it.
		before := logCount(t, db, council, p.ID)
		raised, err := store.Raise(peopletest.As(worker), p.ID, concern(now.Add(-3*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if raised.Visible {
			t.Error("a practitioner outside the safeguarding roles was told they can see the concern")
		}
		if want := now.Add(-3*time.Hour).AddDate(0, 0, 2); !raised.DueAt.Equal(want.UTC()) {
			t.Errorf("decision due %v, want %v", raised.DueAt, want)
		}
		if got := logCount(t, db, council, p.ID); got != before+1 {
			t.Errorf("raising logged %d entries, want 1", got-before)
		}
		for name, f := range map[string]func(ctx context.Context) error{
			"person":  func(ctx context.Context) error { _, err := store.Person(ctx, p.ID); return err },
			"concern": func(ctx context.Context) error { _, err := store.Get(ctx, p.ID, raised.ConcernID); return err },
			"open":    func(ctx context.Context) error { _, err := store.Open(ctx); return err },
			"summary": func(ctx context.Context) error {
				_, err := store.Summarise(ctx, db.Today(), db.Today())
				return err
			},
			"decision": func(ctx context.Context) error {
				_, err := store.Decide(ctx, p.ID, raised.ConcernID, safeguarding.Decision{}, 1)
				return err
			},
		} {
			before := logCount(t, db, council, p.ID)
			if err := f(peopletest.As(worker)); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("%s as a practitioner: %v, want not found", name, err)
			}
			if name != "open" && name != "summary" { // those are the other council's own, empty
				if err := f(peopletest.As(b.Staff[councils.QualityLead])); !errors.Is(err, sqldb.ErrNotFound) {
					t.Errorf("%s as another council's quality lead: %v, want not found", name, err)
				}
			}
			if got := logCount(t, db, council, p.ID); got != before {
				t.Errorf("%s refused but logged %d entries", name, got-before)
			}
		}
		if n, err := store.NoticeFor(peopletest.As(worker), p.ID); err != nil || n.Mine != raised.ConcernID || n.Undecided+n.Enquiries != 0 || n.Overdue {
			t.Errorf("notice to the practitioner who raised it: %+v, %v; want only their own concern's receipt", n, err)
		}

		// Bad input changes nothing.
		bad := concern(now)
		bad.Types = nil
		if _, err := store.Raise(peopletest.As(manager), p.ID, bad); err == nil {
			t.Error("a concern with no category was raised")
		} else if _, ok := validation.AsProblems(err); !ok {
			t.Errorf("bad concern: %v, want problems", err)
		}

		ctx := peopletest.As(manager)
		n, err := store.NoticeFor(ctx, p.ID)
		if err != nil || n.Undecided != 1 || n.OpenConcern != raised.ConcernID || n.Enquiries != 0 {
			t.Errorf("notice %+v, %v; want one undecided concern", n, err)
		}
		before = logCount(t, db, council, p.ID)
		v, err := store.Get(ctx, p.ID, raised.ConcernID)
		if err != nil {
			t.Fatal(err)
		}
		if got := logCount(t, db, council, p.ID); got != before+1 {
			t.Errorf("reading a concern logged %d entries, want 1", got-before)
		}
		c := v.Concern
		if c.Raiser() != "Pat Neighbour (Neighbour)" || len(c.Types) != 2 || c.Types[0] != "Psychological Abuse" || c.Decided() {
			t.Errorf("concern read back as %+v", c)
		}
		if want := concern(now).Alleged; c.Alleged != want || !v.SeesAlleged || c.RecordedBy != worker.ID {
			t.Errorf("the person alleged to have caused harm read back as %+v (seen %v), recorded by %q; want %+v", c.Alleged, v.SeesAlleged, c.RecordedBy, want)
		}
		if len(v.Enquirers) != 2 { // the team manager and the quality lead
			t.Errorf("enquirers %+v, want the two staff in safeguarding roles", v.Enquirers)
		}
		open, err := store.Open(ctx)
		if err != nil || len(open.Undecided) != 1 || open.Undecided[0].ConcernID != raised.ConcernID {
			t.Errorf("open list %+v, %v", open, err)
		}

		yes := safeguarding.Criterion{Met: safeguarding.Yes, Reason: "Known to the council; frail"}
		d := safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: manager.ID}
		if _, err := store.Decide(ctx, p.ID, raised.ConcernID, d, c.Version+1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale decision: %v, want conflict", err)
		}
		if _, err := store.Decide(ctx, p.ID, raised.ConcernID, safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: worker.ID}, c.Version); err == nil {
			t.Error("a practitioner outside the safeguarding roles was made lead enquirer")
		}
		v, err = store.Decide(ctx, p.ID, raised.ConcernID, d, c.Version)
		if err != nil {
			t.Fatal(err)
		}
		if v.Concern.Result != safeguarding.Section42 || v.Enquiry == nil || v.Enquiry.Kind != safeguarding.Section42 || v.Enquiry.LeadStaffID != manager.ID {
			t.Fatalf("decided %+v, enquiry %+v", v.Concern, v.Enquiry)
		}
		if _, err := store.Decide(ctx, p.ID, raised.ConcernID, d, v.Concern.Version); !errors.Is(err, safeguarding.ErrClosed) {
			t.Errorf("deciding twice: %v, want closed", err)
		}
		e := *v.Enquiry
		step := safeguarding.Step{On: db.Today(), What: "Visited her at home with the police", By: manager.Name}
		if err := store.AddStep(ctx, p.ID, raised.ConcernID, step, e.Version); err == nil {
			t.Error("a step was added before Making Safeguarding Personal was recorded")
		}
		msp := safeguarding.MSPStart{Asked: codelists.MSPAskedExpressed, Outcomes: []string{"I want my son to stop taking my money", "I want to stay in my flat"}}
		if err := store.StartMSP(ctx, p.ID, raised.ConcernID, msp, e.Version); err != nil {
			t.Fatal(err)
		}
		if err := store.StartMSP(ctx, p.ID, raised.ConcernID, msp, e.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale MSP: %v, want conflict", err)
		}
		if err := store.AddStep(ctx, p.ID, raised.ConcernID, step, e.Version+1); err != nil {
			t.Fatal(err)
		}
		if err := store.AddInvolved(ctx, p.ID, raised.ConcernID, safeguarding.Involved{Name: "PC Example", Role: safeguarding.Police}, e.Version+2); err != nil {
			t.Fatal(err)
		}
		v, err = store.Get(ctx, p.ID, raised.ConcernID)
		if err != nil {
			t.Fatal(err)
		}
		e = *v.Enquiry
		if len(e.Outcomes) != 2 || e.Outcomes[0].Words != msp.Outcomes[0] || len(e.Steps) != 1 || len(e.Involved) != 1 || e.MSPAsked != msp.Asked {
			t.Fatalf("enquiry read back as %+v", e)
		}
		closing := safeguarding.Closing{On: db.Today(), Achieved: map[string]string{e.Outcomes[0].ID: "Fully Achieved"},
			ActionResult: codelists.RiskIdentifiedActionTaken, RiskOutcome: "Risk reduced", RiskReason: "Bank protections in place", Capacity: "No, they did not lack capacity"}
		if err := store.Close(ctx, p.ID, raised.ConcernID, closing, e.Version); err == nil {
			t.Error("closed with an outcome unrated")
		}
		closing.Achieved[e.Outcomes[1].ID] = "Partially Achieved"
		if err := store.Close(ctx, p.ID, raised.ConcernID, closing, e.Version); err != nil {
			t.Fatal(err)
		}
		if err := store.AddStep(ctx, p.ID, raised.ConcernID, step, e.Version+1); !errors.Is(err, safeguarding.ErrClosed) {
			t.Errorf("a step after closing: %v, want closed", err)
		}

		// A second concern, decided as no enquiry.
		r2, err := store.Raise(ctx, p.ID, concern(now.Add(-time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		no := safeguarding.Criterion{Met: safeguarding.No, Reason: "She can protect herself"}
		if _, err := store.Decide(ctx, p.ID, r2.ConcernID, safeguarding.Decision{Needs: yes, Abuse: yes, Unable: no, Choice: safeguarding.None,
			Reason: "Advice on scams; her daughter will help"}, 1); err != nil {
			t.Fatal(err)
		}

		// The period starts on the UK day of the first concern, received three hours ago: just after midnight that
		// is yesterday, and the two concerns must still both be counted.
		s, err := store.Summarise(ctx, sqldb.UKDate(now.Add(-3*time.Hour)), db.Today())
		if err != nil {
			t.Fatal(err)
		}
		find := func(cs []safeguarding.Count, label string) int {
			for _, c := range cs {
				if c.Label == label {
					return c.N
				}
			}
			t.Errorf("no %q in the summary", label)
			return -1
		}
		if s.Section42Started != 1 || s.OtherStarted != 0 || s.ConcludedEnquiries != 1 {
			t.Errorf("summary %+v", s)
		}
		if s.Concerns != 2 {
			t.Errorf("concerns received %d", s.Concerns)
		}
		if find(s.Types, "Financial or Material Abuse") != 1 || find(s.Types, "Psychological Abuse") != 1 || find(s.Types, "Self-Neglect") != 0 {
			t.Errorf("types %+v", s.Types)
		}
		if find(s.RiskOutcomes, "Risk reduced") != 1 || find(s.MSPAchieved, "Partially Achieved") != 1 || find(s.OutcomesAchieved, "Fully Achieved") != 1 ||
			find(s.MSPAsked, codelists.MSPAskedExpressed) != 1 || find(s.Locations, "Own Home") != 1 {
			t.Errorf("summary %+v", s)
		}

		if open, err := store.Open(peopletest.As(b.Staff[councils.QualityLead])); err != nil || len(open.Undecided)+len(open.Enquiries) != 0 {
			t.Errorf("another council's open list: %+v, %v", open, err)
		}
		if s, err := store.Summarise(peopletest.As(b.Staff[councils.QualityLead]), db.Today(), db.Today()); err != nil || s.Concerns != 0 {
			t.Errorf("another council's summary: %+v, %v", s, err)
		}

		// The chronology: safeguarding events only for safeguarding roles.
		chron := chronology.NewStore(db)
		count := func(ctx context.Context) int {
			_, es, err := chron.List(ctx, p.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range es {
				if e.Kind == "safeguarding" {
					n++
				}
			}
			return n
		}
		if got := count(ctx); got < 8 {
			t.Errorf("the manager sees %d safeguarding events, want every change (8 or more)", got)
		}
		if got := count(peopletest.As(worker)); got != 0 {
			t.Errorf("a practitioner sees %d safeguarding events, want none", got)
		}
	})
}

func TestTheSection42DecisionIsARequiredAction(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		manager := a.Staff[councils.TeamManager]
		p := peopletest.MustCreate(t, db, manager, peopletest.Person(a.North.ID))
		store := safeguarding.NewStore(db)
		ctx := peopletest.As(manager)
		raised, err := store.Raise(ctx, p.ID, concern(db.Now().Add(-time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		read := func() []duties.Duty {
			var ds []duties.Duty
			if err := db.InTx(ctx, func(tx *sqldb.Tx) (err error) {
				ds, err = duties.ForSubject(ctx, tx, raised.ConcernID)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return ds
		}
		ds := read()
		if len(ds) != 1 || ds[0].Kind != duties.Section42Decision || !ds[0].Open() || !ds[0].DueAt.Equal(raised.DueAt) ||
			ds[0].Path != paths.ConcernDecision.URL(p.ID, raised.ConcernID) {
			t.Fatalf("duties after raising: %+v", ds)
		}
		no := safeguarding.Criterion{Met: safeguarding.No, Reason: "Able to protect herself"}
		if _, err := store.Decide(ctx, p.ID, raised.ConcernID, safeguarding.Decision{Needs: no, Abuse: no, Unable: no, Choice: safeguarding.None,
			Reason: "Advice given"}, 1); err != nil {
			t.Fatal(err)
		}
		if ds := read(); len(ds) != 1 || ds[0].Open() || ds[0].MetHow != duties.MetByDone || ds[0].MetNote != "No enquiry" {
			t.Errorf("duties after deciding: %+v", ds)
		}
	})
}

// Care Act s68: starting an enquiry for someone whose record shows substantial difficulty and nobody appropriate
// to support them raises the required action to arrange an advocate for the enquiry; someone without that
// difficulty gets none.
func TestAnEnquiryRaisesTheAdvocacyDuty(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		manager := a.Staff[councils.TeamManager]
		ctx := peopletest.As(manager)
		store := safeguarding.NewStore(db)
		yes := safeguarding.Criterion{Met: safeguarding.Yes, Reason: "Known to the council; frail"}
		for _, tt := range []struct {
			name        string
			substantial bool
			want        int
		}{
			{"substantial difficulty, nobody appropriate", true, 1},
			{"no difficulty", false, 0},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := peopletest.MustCreate(t, db, manager, peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = "" }))
				ep := conversationstest.MustOpenEpisode(t, db, manager, p.ID)
				n := advocacy.Needs{PersonID: p.ID, EpisodeID: ep.ID, Difficulties: map[advocacy.Area]advocacy.Difficulty{}, NoAppropriatePerson: true,
					Processes: []advocacy.Process{advocacy.Assessment}, RecordedOn: db.Today()}
				for _, area := range advocacy.Areas() {
					n.Difficulties[area] = advocacy.Difficulty{Answered: true}
				}
				if tt.substantial {
					n.Difficulties[advocacy.Understanding] = advocacy.Difficulty{Answered: true, Substantial: true, Evidence: "Could not follow what the letter asked"}
				}
				if _, err := advocacy.NewStore(db).RecordNeeds(ctx, n); err != nil {
					t.Fatal(err)
				}
				raised, err := store.Raise(ctx, p.ID, concern(db.Now().Add(-time.Hour)))
				if err != nil {
					t.Fatal(err)
				}
				v, err := store.Decide(ctx, p.ID, raised.ConcernID, safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: manager.ID}, 1)
				if err != nil {
					t.Fatal(err)
				}
				if v.Enquiry == nil {
					t.Fatal("no enquiry started")
				}
				var ds []duties.Duty
				if err := db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
					ds, err = duties.ForSubject(ctx, tx, v.Enquiry.ID)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if len(ds) != tt.want {
					t.Fatalf("duties for the enquiry: %+v, want %d", ds, tt.want)
				}
				if tt.want == 1 && (ds[0].Kind != duties.AdvocateSafeguarding || !ds[0].Open() || !strings.Contains(ds[0].Reason, "s68") || ds[0].EpisodeID != ep.ID) {
					t.Errorf("the duty is %+v, want it open on the episode %s, where its advocacy page meets it", ds[0], ep.ID)
				}
				// Its chronology event is a safeguarding one: a practitioner outside the safeguarding roles does not
				// learn from the timeline that an enquiry started.
				_, events, err := chronology.NewStore(db).List(peopletest.As(a.Staff[councils.Practitioner]), p.ID, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range events {
					if strings.Contains(strings.ToLower(e.Summary), "safeguarding") {
						t.Errorf("a practitioner's chronology shows %q", e.Summary)
					}
				}
			})
		}
	})
}

// Holding a safeguarding role is the legitimate relationship with a person's safeguarding records: a team manager
// opens a concern about someone in another team without break-glass, logged with that reason. A council may let
// practitioners lead enquiries; the lead then sees that concern and its enquiry, but never who is alleged to have
// caused harm. The member of staff who raised a concern sees its receipt and nothing of what it says; another
// council gets nothing, and nothing is logged for refusals.
func TestSafeguardingRelationships(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000903")
		b := peopletest.NewCouncil(t, db, "E06000904")
		raiser, northWorker, manager := a.SouthWorker, a.Staff[councils.Practitioner], a.Staff[councils.TeamManager]
		p := peopletest.MustCreate(t, db, raiser, peopletest.Person(a.South.ID))
		store := safeguarding.NewStore(db)
		council := a.Council.ID
		ppl := people.NewStore(db)

		raised, err := store.Raise(peopletest.As(raiser), p.ID, concern(db.Now().Add(-time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ppl.Get(peopletest.As(manager), p.ID); !errors.Is(err, people.ErrBreakGlassNeeded) {
			t.Fatalf("the person's whole record for a manager of another team: %v, want break-glass", err)
		}

		// Refusals: nothing found, nothing logged.
		seq := lastSeq(t, db, council)
		for name, ctx := range map[string]context.Context{
			"a practitioner outside the safeguarding roles": peopletest.As(northWorker),
			"another council's quality lead":                peopletest.As(b.Staff[councils.QualityLead]),
			"another council's team manager":                peopletest.As(b.Staff[councils.TeamManager]),
		} {
			if _, err := store.Get(ctx, p.ID, raised.ConcernID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("%s reading the concern: %v, want not found", name, err)
			}
			if _, err := store.Receipt(ctx, p.ID, raised.ConcernID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("%s reading the receipt: %v, want not found", name, err)
			}
			if _, err := store.Decide(ctx, p.ID, raised.ConcernID, safeguarding.Decision{}, 1); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("%s deciding: %v, want not found", name, err)
			}
		}
		if _, err := store.Receipt(peopletest.As(manager), p.ID, raised.ConcernID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a receipt for someone who did not raise it: %v, want not found", err)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 0 {
			t.Errorf("refusals logged %+v", got)
		}

		// The raiser's receipt: received, by whom, and no contents; one view logged as an ordinary one.
		rc, err := store.Receipt(peopletest.As(raiser), p.ID, raised.ConcernID)
		if err != nil {
			t.Fatal(err)
		}
		if want := "The safeguarding team: Team manager, Principal social worker or quality lead"; rc.LookedAtBy != want || rc.RecordedAt.IsZero() {
			t.Errorf("receipt %+v, want looked at by %q", rc, want)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 1 || got[0] != (logEntry{"view", "", raiser.ID}) {
			t.Errorf("the receipt logged %+v, want one view", got)
		}

		// The manager of another team reaches the concern through their safeguarding role.
		seq = lastSeq(t, db, council)
		v, err := store.Get(peopletest.As(manager), p.ID, raised.ConcernID)
		if err != nil {
			t.Fatalf("a safeguarding role opening a concern about another team's person: %v, want it opened without break-glass", err)
		}
		if v.Relationship != safeguarding.RelationshipRole || !v.SeesAlleged || v.Concern.Alleged.Name != "Dan Example" {
			t.Errorf("manager's view: relationship %q, alleged %+v", v.Relationship, v.Concern.Alleged)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 1 || got[0] != (logEntry{"view", safeguarding.RelationshipRole, manager.ID}) {
			t.Errorf("the manager's view logged %+v, want one view for the safeguarding role", got)
		}

		// Practitioners may not lead until the council lets them.
		yes := safeguarding.Criterion{Met: safeguarding.Yes, Reason: "Frail; her son manages her money"}
		d := safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: raiser.ID}
		if _, err := store.Decide(peopletest.As(manager), p.ID, raised.ConcernID, d, v.Concern.Version); err == nil {
			t.Fatal("a practitioner was made lead enquirer where the council does not let them lead")
		}
		cs := councils.NewStore(db)
		admin := peopletest.As(a.Staff[councils.Administrator])
		c, err := cs.CouncilByID(admin, council)
		if err != nil {
			t.Fatal(err)
		}
		set := c.Settings
		set.PractitionersLeadEnquiries = true
		if err := cs.UpdateSettings(admin, c.MFARequired, set, c.Version); err != nil {
			t.Fatal(err)
		}
		seq = lastSeq(t, db, council)
		v, err = store.Decide(peopletest.As(manager), p.ID, raised.ConcernID, d, v.Concern.Version)
		if err != nil {
			t.Fatal(err)
		}
		if v.Enquiry == nil || v.Enquiry.LeadStaffID != raiser.ID {
			t.Fatalf("enquiry %+v, want led by the practitioner", v.Enquiry)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 1 || got[0] != (logEntry{"update", safeguarding.RelationshipRole, manager.ID}) {
			t.Errorf("the decision logged %+v, want one update for the safeguarding role", got)
		}

		// The lead practitioner sees the concern and its enquiry, not who is alleged to have caused harm.
		seq = lastSeq(t, db, council)
		lv, err := store.Get(peopletest.As(raiser), p.ID, raised.ConcernID)
		if err != nil {
			t.Fatalf("the lead practitioner reading their enquiry's concern: %v", err)
		}
		if lv.Relationship != safeguarding.RelationshipLead || lv.SeesAlleged || lv.Concern.Alleged != (safeguarding.Alleged{}) {
			t.Errorf("the lead practitioner's view: relationship %q, alleged %+v (seen %v); want none of it", lv.Relationship, lv.Concern.Alleged, lv.SeesAlleged)
		}
		if err := store.StartMSP(peopletest.As(raiser), p.ID, raised.ConcernID, safeguarding.MSPStart{Asked: "No"}, lv.Enquiry.Version); err != nil {
			t.Errorf("the lead practitioner recording what the person wants: %v", err)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 2 || got[0] != (logEntry{"view", safeguarding.RelationshipLead, raiser.ID}) ||
			got[1] != (logEntry{"update", safeguarding.RelationshipLead, raiser.ID}) {
			t.Errorf("the lead practitioner's view and change logged %+v", got)
		}
		seq = lastSeq(t, db, council)
		for name, f := range map[string]func(ctx context.Context) error{
			"the person's safeguarding record": func(ctx context.Context) error { _, err := store.Person(ctx, p.ID); return err },
			"the council's list":               func(ctx context.Context) error { _, err := store.Open(ctx); return err },
			"the summary": func(ctx context.Context) error {
				_, err := store.Summarise(ctx, db.Today(), db.Today())
				return err
			},
		} {
			if err := f(peopletest.As(raiser)); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("%s for the lead practitioner: %v, want not found", name, err)
			}
		}
		if _, err := store.Get(peopletest.As(northWorker), p.ID, raised.ConcernID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another practitioner reading the concern: %v, want not found", err)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 0 {
			t.Errorf("refusals logged %+v", got)
		}
		// Only the safeguarding roles record who is alleged; the lead practitioner is told the concern is not there.
		seq = lastSeq(t, db, council)
		corrected := safeguarding.Alleged{Someone: safeguarding.Yes, Name: "Daniel Example", Relationship: "Grandson", Trust: safeguarding.Yes, AtRisk: safeguarding.No}
		if err := store.RecordAlleged(peopletest.As(raiser), p.ID, raised.ConcernID, corrected, lv.Concern.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("the lead practitioner recording who is alleged: %v, want not found", err)
		}
		if got := logSince(t, db, council, p.ID, seq); len(got) != 0 {
			t.Errorf("a refused record of who is alleged logged %+v", got)
		}
		mv, err := store.Get(peopletest.As(manager), p.ID, raised.ConcernID)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.RecordAlleged(peopletest.As(manager), p.ID, raised.ConcernID, corrected, mv.Concern.Version-1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale record of who is alleged: %v, want conflict", err)
		}
		if err := store.RecordAlleged(peopletest.As(manager), p.ID, raised.ConcernID, safeguarding.Alleged{Someone: safeguarding.Yes}, mv.Concern.Version); err == nil {
			t.Error("someone alleged was recorded without their relationship")
		}
		if err := store.RecordAlleged(peopletest.As(manager), p.ID, raised.ConcernID, corrected, mv.Concern.Version); err != nil {
			t.Fatal(err)
		}
		if mv, err := store.Get(peopletest.As(manager), p.ID, raised.ConcernID); err != nil || mv.Concern.Alleged != corrected {
			t.Errorf("who is alleged read back as %+v, %v; want %+v", mv.Concern.Alleged, err, corrected)
		}
		if rc, err := store.Receipt(peopletest.As(raiser), p.ID, raised.ConcernID); err != nil || rc.LookedAtBy != raiser.Name+", the lead enquirer" {
			t.Errorf("the receipt once an enquiry started: %+v, %v", rc, err)
		}
	})
}
