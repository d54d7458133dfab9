package outcomes_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestAspirations(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		ctx := peopletest.As(worker)
		other := peopletest.As(b.Staff[councils.Practitioner])
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ep := conversationstest.InsertEpisode(t, db, a.Council.ID, p.ID)
		store := outcomes.NewStore(db)
		council := a.Council.ID
		logged := func(want ...accesslog.Action) func() {
			before := peopletest.Logged(t, db, council, p.ID)
			return func() {
				t.Helper()
				got := peopletest.Logged(t, db, council, p.ID)[len(before):]
				if !slices.Equal(got, want) {
					t.Errorf("access log gained %v, want %v", got, want)
				}
			}
		}

		check := logged(accesslog.Create)
		hope, err := store.AddAspiration(ctx, outcomes.Aspiration{PersonID: p.ID, EpisodeID: ep, Term: outcomes.LongTerm, Words: "  To walk to the allotment again  "})
		if err != nil {
			t.Fatal(err)
		}
		check()
		if hope.Words != "To walk to the allotment again" {
			t.Errorf("words saved as %q, want them trimmed", hope.Words)
		}
		if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM person_event WHERE council_id = $1 AND ref_id = $2 AND kind = 'outcome'`, council, hope.ID); n != 1 {
			t.Errorf("%d chronology events for the aspiration, want 1", n)
		}

		check = logged(accesslog.View)
		_, got, err := store.GetAspiration(ctx, p.ID, hope.ID)
		if err != nil {
			t.Fatal(err)
		}
		check()
		if got.Term != outcomes.LongTerm || got.EpisodeID != ep || got.Version != 1 {
			t.Errorf("read back %+v", got)
		}

		t.Run("refused when there is a problem, changing nothing", func(t *testing.T) {
			check := logged()
			_, err := store.AddAspiration(ctx, outcomes.Aspiration{PersonID: p.ID, EpisodeID: ep, Term: "sometime", Words: " "})
			ps, ok := validation.AsProblems(err)
			if !ok || len(ps) != 2 || ps[0].Field != "term" || ps[1].Field != "words" {
				t.Errorf("got %v, want problems with term and words", err)
			}
			check()
			if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM aspiration WHERE council_id = $1`, council); n != 1 {
				t.Errorf("%d aspirations, want 1", n)
			}
		})

		t.Run("another council cannot read, add or change", func(t *testing.T) {
			check := logged()
			if _, _, err := store.GetAspiration(other, p.ID, hope.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("read from another council: %v, want not found", err)
			}
			if _, err := store.AddAspiration(other, outcomes.Aspiration{PersonID: p.ID, Term: outcomes.ShortTerm, Words: "Intruded"}); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("add from another council: %v, want not found", err)
			}
			if err := store.UpdateAspiration(other, outcomes.Aspiration{ID: hope.ID, PersonID: p.ID, Term: outcomes.ShortTerm, Words: "Hijacked"}, 1); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("change from another council: %v, want not found", err)
			}
			check()
			_, still, err := store.GetAspiration(ctx, p.ID, hope.ID)
			if err != nil || still.Words != hope.Words || still.Version != 1 {
				t.Errorf("after another council tried: %+v, %v", still, err)
			}
		})

		t.Run("an episode of someone else is not found", func(t *testing.T) {
			q := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = "" }))
			theirs := conversationstest.InsertEpisode(t, db, council, q.ID)
			if _, err := store.AddAspiration(ctx, outcomes.Aspiration{PersonID: p.ID, EpisodeID: theirs, Term: outcomes.ShortTerm, Words: "x"}); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("add in another person's episode: %v, want not found", err)
			}
		})

		t.Run("change, then a stale change is a conflict", func(t *testing.T) {
			// The stale change is rolled back with its log entry; only the first change is logged.
			check := logged(accesslog.Update)
			if err := store.UpdateAspiration(ctx, outcomes.Aspiration{ID: hope.ID, PersonID: p.ID, Term: outcomes.ShortTerm, Words: "To walk to the shop"}, 1); err != nil {
				t.Fatal(err)
			}
			if err := store.UpdateAspiration(ctx, outcomes.Aspiration{ID: hope.ID, PersonID: p.ID, Term: outcomes.LongTerm, Words: "Stale"}, 1); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("stale change: %v, want conflict", err)
			}
			check()
			_, now, err := store.GetAspiration(ctx, p.ID, hope.ID)
			if err != nil {
				t.Fatal(err)
			}
			if now.Words != "To walk to the shop" || now.Term != outcomes.ShortTerm || now.Version != 2 {
				t.Errorf("after a stale change: %+v", now)
			}
		})
	})
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		ctx := peopletest.As(worker)
		other := peopletest.As(b.Staff[councils.TeamManager])
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ep := conversationstest.InsertEpisode(t, db, a.Council.ID, p.ID)
		council := a.Council.ID
		store := outcomes.NewStore(db)
		hope, err := store.AddAspiration(ctx, outcomes.Aspiration{PersonID: p.ID, EpisodeID: ep, Term: outcomes.LongTerm, Words: "To get back to the allotment"})
		if err != nil {
			t.Fatal(err)
		}
		logLen := func() int { return len(peopletest.Logged(t, db, council, p.ID)) }

		before := logLen()
		draft, err := store.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, Different: "I can get to my allotment twice a week", Importance: 3, Difficulty: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := peopletest.Logged(t, db, council, p.ID)[before:]; !slices.Equal(got, []accesslog.Action{accesslog.Create}) {
			t.Errorf("adding an outcome logged %v, want [create]", got)
		}
		if draft.Status != outcomes.Draft {
			t.Errorf("an outcome missing SMART elements saved as %q, want draft", draft.Status)
		}

		before = logLen()
		notSMART, err := store.NotSMART(ctx, p.ID, ep)
		if err != nil {
			t.Fatal(err)
		}
		if len(notSMART) != 1 || notSMART[0].ID != draft.ID {
			t.Errorf("NotSMART = %+v, want the draft", notSMART)
		}
		if got := peopletest.Logged(t, db, council, p.ID)[before:]; !slices.Equal(got, []accesslog.Action{accesslog.View}) {
			t.Errorf("NotSMART logged %v, want [view]", got)
		}

		t.Run("a draft needs what will be different", func(t *testing.T) {
			before := logLen()
			_, err := store.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, WellbeingAreas: []string{"z"}})
			ps, ok := validation.AsProblems(err)
			if !ok || len(ps) != 2 || ps[0].Field != "different" || ps[1].Field != "wellbeing_areas" {
				t.Errorf("got %v, want problems with different and wellbeing_areas", err)
			}
			if logLen() != before {
				t.Error("a refused outcome was logged")
			}
			if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM outcome WHERE council_id = $1`, council); n != 1 {
				t.Errorf("%d outcomes, want 1", n)
			}
		})

		t.Run("an aspiration of someone else is refused", func(t *testing.T) {
			q := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) { p.NHSNumber = "" }))
			qep := conversationstest.InsertEpisode(t, db, council, q.ID)
			theirs, err := store.AddAspiration(ctx, outcomes.Aspiration{PersonID: q.ID, EpisodeID: qep, Term: outcomes.ShortTerm, Words: "Not Ada's"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = store.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, AspirationID: theirs.ID, Different: "x"})
			if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "aspiration_id" {
				t.Errorf("got %v, want a problem with aspiration_id", err)
			}
			if _, err := store.AddOutcome(ctx, outcomes.Outcome{PersonID: p.ID, EpisodeID: qep, Different: "x"}); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("an outcome in another person's episode: %v, want not found", err)
			}
			if _, err := store.Board(ctx, p.ID, qep); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another person's episode read as this person's: %v, want not found", err)
			}
		})

		t.Run("another council cannot read or change", func(t *testing.T) {
			before := logLen()
			if _, err := store.Board(other, p.ID, ep); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("board from another council: %v, want not found", err)
			}
			if _, err := store.NotSMART(other, p.ID, ep); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("NotSMART from another council: %v, want not found", err)
			}
			if _, err := store.AddOutcome(other, outcomes.Outcome{PersonID: p.ID, EpisodeID: ep, Different: "Intruded"}); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("add from another council: %v, want not found", err)
			}
			changed := draft
			changed.Different = "Hijacked"
			if err := store.UpdateOutcome(other, changed); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("change from another council: %v, want not found", err)
			}
			if logLen() != before {
				t.Error("another council's attempts were logged against the person")
			}
			board, err := store.Board(ctx, p.ID, ep)
			if err != nil {
				t.Fatal(err)
			}
			if len(board.Outcomes) != 1 || board.Outcomes[0].Different != draft.Different || board.Outcomes[0].Version != 1 {
				t.Errorf("after another council tried: %+v", board.Outcomes)
			}
		})

		t.Run("complete it to SMART, then a stale change is a conflict", func(t *testing.T) {
			done := draft
			done.AspirationID = hope.ID
			done.HowWeKnow = "Ada tells us, and the allotment society's book shows her visits"
			done.WhoInvolved = "Ada, her son Ben, the allotment society"
			done.ByWhen, _ = sqldb.ParseDate("2026-09-30")
			done.WellbeingAreas = []string{"b", "e"}
			done.EligibilityOutcomes = []string{"i"}
			done.LevelMinus2, done.LevelMinus1 = "Does not get to the allotment", "Gets there once a month"
			done.Expected = "Gets to the allotment twice a week"
			done.LevelPlus1 = "Three times a week"
			done.Baseline = outcomes.MuchLess
			before := logLen()
			if err := store.UpdateOutcome(ctx, done); err != nil {
				t.Fatal(err)
			}
			stale := done
			stale.Different = "Stale"
			if err := store.UpdateOutcome(ctx, stale); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("stale change: %v, want conflict", err)
			}
			if got := peopletest.Logged(t, db, council, p.ID)[before:]; !slices.Equal(got, []accesslog.Action{accesslog.Update}) {
				t.Errorf("access log gained %v, want [update]", got)
			}
			board, err := store.Board(ctx, p.ID, ep)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := board.Outcome(draft.ID)
			if !ok {
				t.Fatal("the outcome is missing from the board")
			}
			want := done
			want.Status, want.Version, want.PersonID, want.EpisodeID = outcomes.Active, 2, p.ID, ep
			if got.Different != want.Different || got.Status != outcomes.Active || got.Version != 2 || got.ByWhen != want.ByWhen ||
				!slices.Equal(got.WellbeingAreas, want.WellbeingAreas) || !slices.Equal(got.EligibilityOutcomes, want.EligibilityOutcomes) ||
				got.Baseline != outcomes.MuchLess || got.Expected != want.Expected || got.LevelPlus2 != "" || got.Weight() != 6 ||
				got.AspirationID != hope.ID {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
			if n := dbtest.Value[int](t, db, council, `SELECT count(*) FROM person_event WHERE council_id = $1 AND ref_id = $2 AND summary = 'Outcome completed: now SMART'`, council, draft.ID); n != 1 {
				t.Errorf("%d chronology events saying the outcome is now SMART, want 1", n)
			}
			if left, err := store.NotSMART(ctx, p.ID, ep); err != nil || len(left) != 0 {
				t.Errorf("NotSMART after completing = %v, %v; want none", left, err)
			}
		})
	})
}

func TestMissingText(t *testing.T) {
	t.Parallel()
	date, _ := sqldb.ParseDate("2026-09-30")
	smart := outcomes.Outcome{Different: "d", HowWeKnow: "h", WhoInvolved: "w", AspirationID: "a", ByWhen: date, Expected: "e"}
	for _, tc := range []struct {
		name string
		edit func(o *outcomes.Outcome)
		want string
	}{
		{"SMART", func(*outcomes.Outcome) {}, ""},
		{"a wellbeing area is enough to be relevant", func(o *outcomes.Outcome) { o.AspirationID, o.WellbeingAreas = "", []string{"b"} }, ""},
		{"how and when", func(o *outcomes.Outcome) { o.HowWeKnow, o.ByWhen = " ", sqldb.Date{} }, "how everyone will know; by when"},
		{"nothing but the words", func(o *outcomes.Outcome) { *o = outcomes.Outcome{Different: "d"} },
			"how everyone will know; who is involved; which hope or area of wellbeing it serves; by when; the expected level"},
		{"only the expected level", func(o *outcomes.Outcome) { o.Expected = "" }, "the expected level"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := smart
			tc.edit(&o)
			if got := o.MissingText(); got != tc.want {
				t.Errorf("MissingText() = %q, want %q", got, tc.want)
			}
		})
	}
}
