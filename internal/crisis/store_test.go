package crisis_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func openDuties(t *testing.T, db *sqldb.DB, ctx context.Context, subject string) []duties.Duty {
	t.Helper()
	var out []duties.Duty
	if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		all, err := duties.ForSubject(ctx, tx, subject)
		for _, d := range all {
			if d.Open() {
				out = append(out, d)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCrisisStore(t *testing.T) {
	t.Parallel()
	// Friday 28 March 2025, 10am GMT: the clocks go forward on Sunday.
	start := time.Date(2025, 3, 28, 10, 0, 0, 0, time.UTC)
	now := start
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = start
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		ctx := peopletest.As(worker)
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
		ep := conversationstest.MustOpenEpisode(t, db, worker, p.ID)
		s := crisis.NewStore(db)

		before := peopletest.Logged(t, db, a.Council.ID, p.ID)
		if _, err := s.Mark(ctx, p.ID, ep.ID, crisis.Mark{WhatHappened: " "}); err == nil {
			t.Fatal("marked with nothing said")
		}
		if got := peopletest.Logged(t, db, a.Council.ID, p.ID); len(got) != len(before) {
			t.Errorf("a refused marking logged %v", got[len(before):])
		}
		c, err := s.Mark(ctx, p.ID, ep.ID, crisis.Mark{WhatHappened: "Fell at home while her daughter is abroad",
			Support: []string{"Home care twice a day for a week", "Pendant alarm lent today"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, p.ID)[len(before):]; !slices.Equal(got, []accesslog.Action{accesslog.Create}) {
			t.Errorf("marking logged %v", got)
		}
		wantDue := start.Add(72 * time.Hour)
		if !c.ReviewDueAt.Equal(wantDue) {
			t.Errorf("review due %v, want %v", c.ReviewDueAt, wantDue)
		}
		if ds := openDuties(t, db, ctx, c.ID); len(ds) != 1 || ds[0].Kind != duties.CrisisReview || !ds[0].DueAt.Equal(wantDue) {
			t.Errorf("duties %+v", ds)
		}
		if _, err := s.Mark(ctx, p.ID, ep.ID, crisis.Mark{WhatHappened: "Again", Support: []string{"x"}}); err == nil {
			t.Error("marked an episode already in crisis")
		}

		var in map[string]crisis.Crisis
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			in, err = crisis.InCrisis(ctx, tx, []string{ep.ID, "no-such-episode"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if got, ok := in[ep.ID]; !ok || len(in) != 1 || !slices.Equal(got.Support, []string{"Home care twice a day for a week", "Pendant alarm lent today"}) {
			t.Errorf("in crisis %+v", in)
		}
		before = peopletest.Logged(t, db, a.Council.ID, p.ID)
		if banner, ok, err := s.Banner(ctx, p.ID, ep.ID); err != nil || !ok || banner.ID != c.ID {
			t.Errorf("banner %+v %v %v", banner, ok, err)
		}
		if got := peopletest.Logged(t, db, a.Council.ID, p.ID); len(got) != len(before) {
			t.Errorf("the banner logged %v", got[len(before):])
		}

		outside := peopletest.As(b.Staff[councils.Practitioner])
		if _, err := s.Episode(outside, p.ID, ep.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read: %v", err)
		}
		if _, err := s.RecordReview(outside, p.ID, ep.ID, c.ID, crisis.Review{WhatHappened: "x", Outcome: crisis.Over}, c.Version); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B reviewed: %v", err)
		}

		// The first review, on Monday after the clocks changed, finds holding support still needed.
		now = start.Add(73 * time.Hour)
		page, err := s.Episode(ctx, p.ID, ep.ID)
		if err != nil || page.Current == nil || !page.Current.Overdue(now) {
			t.Fatalf("page %+v, %v", page, err)
		}
		r, err := s.RecordReview(ctx, p.ID, ep.ID, c.ID, crisis.Review{WhatHappened: "Still unsteady; Cara home on Friday", Outcome: crisis.Continuing,
			Support: []string{"Home care twice a day until Friday"}}, c.Version)
		if err != nil {
			t.Fatal(err)
		}
		if !r.NextDueAt.Equal(now.Add(72 * time.Hour)) {
			t.Errorf("next review due %v", r.NextDueAt)
		}
		if ds := openDuties(t, db, ctx, c.ID); len(ds) != 1 || !ds[0].DueAt.Equal(r.NextDueAt) {
			t.Errorf("duties after the first review %+v", ds)
		}
		if _, err := s.RecordReview(ctx, p.ID, ep.ID, c.ID, crisis.Review{WhatHappened: "x", Outcome: crisis.Over}, c.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale review: %v", err)
		}

		// The second finds it over: back to the four steps.
		now = now.Add(48 * time.Hour)
		page, _ = s.Episode(ctx, p.ID, ep.ID)
		if _, err := s.RecordReview(ctx, p.ID, ep.ID, c.ID, crisis.Review{WhatHappened: "Cara is home; Ada is steady", Outcome: crisis.Over},
			page.Current.Version); err != nil {
			t.Fatal(err)
		}
		if ds := openDuties(t, db, ctx, c.ID); len(ds) != 0 {
			t.Errorf("an ended crisis keeps duties open: %+v", ds)
		}
		page, _ = s.Episode(ctx, p.ID, ep.ID)
		if page.Current != nil || len(page.Past) != 1 || len(page.Past[0].Reviews) != 2 ||
			!slices.Equal(page.Past[0].Support, []string{"Home care twice a day until Friday"}) {
			t.Errorf("after the crisis %+v", page)
		}
		if _, ok, _ := s.Banner(ctx, p.ID, ep.ID); ok {
			t.Error("the banner still shows")
		}
		// A new crisis can be marked later.
		if _, err := s.Mark(ctx, p.ID, ep.ID, crisis.Mark{WhatHappened: "Another fall", Support: []string{"Home care"}}); err != nil {
			t.Errorf("a second crisis: %v", err)
		}

		_, events, err := chronology.NewStore(db).List(ctx, p.ID, []chronology.Kind{chronology.Crisis})
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, e := range events {
			lines = append(lines, e.Summary)
		}
		joined := strings.Join(lines, "\n")
		for _, want := range []string{"Marked as crisis: Fell at home", "Early review due 31 March 2025 at 11:00am", "Holding support continues",
			"back to the four steps", "Marked as crisis: Another fall"} {
			if !strings.Contains(joined, want) {
				t.Errorf("chronology lacks %q:\n%s", want, joined)
			}
		}
	})
}
