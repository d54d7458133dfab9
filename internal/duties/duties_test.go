package duties_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestEndOfDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		day  string
		want string
	}{
		{"2026-01-15", "2026-01-16T00:00:00Z"}, // winter: the UK is on UTC
		{"2026-07-15", "2026-07-15T23:00:00Z"}, // summer: midnight in the UK is 11pm UTC
		{"2026-03-28", "2026-03-29T00:00:00Z"}, // the night the clocks go forward: midnight is still GMT
		{"2026-10-24", "2026-10-24T23:00:00Z"}, // the night the clocks go back: midnight is still BST
		{"2026-12-31", "2027-01-01T00:00:00Z"}, // the year turns
	}
	for _, tt := range tests {
		d, _ := sqldb.ParseDate(tt.day)
		if got := duties.EndOfDay(d).Format(time.RFC3339); got != tt.want {
			t.Errorf("EndOfDay(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
	// Two days after a quarter to midnight in summer (UK) is the end of the UK day two days on.
	at := time.Date(2026, 7, 15, 22, 45, 0, 0, time.UTC) // 23:45 on 15 July in the UK
	if got := duties.DaysAfter(at, 2).Format(time.RFC3339); got != "2026-07-17T23:00:00Z" {
		t.Errorf("DaysAfter = %s", got)
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	due := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	d := duties.Duty{DueAt: due}
	for _, tt := range []struct {
		now  time.Time
		met  bool
		want bool
	}{
		{due.Add(-time.Second), false, false},
		{due, false, true},
		{due.Add(time.Hour), false, true},
		{due.Add(time.Hour), true, false},
	} {
		d.MetAt = time.Time{}
		if tt.met {
			d.MetAt = due
		}
		if got := d.Overdue(tt.now); got != tt.want {
			t.Errorf("Overdue(%s, met %v) = %v, want %v", tt.now, tt.met, got, tt.want)
		}
	}
}

func TestVisible(t *testing.T) {
	t.Parallel()
	ds := []duties.Duty{{Kind: duties.Section42Decision}, {Kind: duties.IMCA}, {Kind: duties.AdvocateSafeguarding}, {Kind: duties.CrisisReview}}
	set := councils.DefaultSettings
	if got := duties.Visible(ds, set, councils.TeamManager); len(got) != 4 {
		t.Errorf("a team manager sees %d of 4", len(got))
	}
	got := duties.Visible(ds, set, councils.Practitioner)
	if len(got) != 2 || got[0].Kind != duties.IMCA || got[1].Kind != duties.CrisisReview {
		t.Errorf("a practitioner sees %v, want the IMCA and crisis duties", got)
	}
}

func TestRaiseAndMeet(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		ada := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		ctx := peopletest.As(worker)
		ctxB := peopletest.As(b.Staff[councils.Practitioner])
		due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

		in := func(ctx context.Context, fn func(tx *sqldb.Tx) error) error {
			return db.InTx(ctx, fn)
		}
		var first duties.Duty
		if err := in(ctx, func(tx *sqldb.Tx) (err error) {
			first, err = duties.Raise(ctx, tx, duties.Duty{PersonID: ada.ID, Kind: duties.IMCA, SubjectID: "assessment-1", Reason: "Lacks capacity; nobody to consult (MCA s39)", Path: "/x", DueAt: due})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if first.ID == "" || first.RaisedBy != worker.ID || !first.Open() {
			t.Fatalf("raised %+v", first)
		}
		// Raising again brings the open duty up to date rather than adding another.
		later := due.Add(48 * time.Hour)
		if err := in(ctx, func(tx *sqldb.Tx) error {
			again, err := duties.Raise(ctx, tx, duties.Duty{PersonID: ada.ID, Kind: duties.IMCA, SubjectID: "assessment-1", Reason: "Still needed", Path: "/y", DueAt: later})
			if err == nil && again.ID != first.ID {
				t.Errorf("raising again made a new duty %s", again.ID)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// Bad duties are refused.
		if err := in(ctx, func(tx *sqldb.Tx) error {
			_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: ada.ID, Kind: duties.IMCA, SubjectID: "x", DueAt: due})
			return err
		}); err == nil {
			t.Error("a duty with no reason was raised")
		}
		var open []duties.Duty
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
			open, err = duties.OpenForPerson(ctx, tx, ada.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(open) != 1 || open[0].Reason != "Still needed" || !open[0].DueAt.Equal(later) || open[0].Path != "/y" {
			t.Fatalf("open = %+v", open)
		}
		// Another council sees nothing and cannot meet it.
		if err := db.ReadTx(ctxB, func(tx *sqldb.Tx) error {
			others, err := duties.OpenForPeople(ctxB, tx, []string{ada.ID})
			if len(others[ada.ID]) != 0 {
				t.Error("another council sees the duty")
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := in(ctxB, func(tx *sqldb.Tx) error {
			return duties.Meet(ctxB, tx, duties.IMCA, "assessment-1", duties.MetByReferral, "")
		}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council met the duty: %v", err)
		}
		// A reason must be given; then it is met, once.
		if err := in(ctx, func(tx *sqldb.Tx) error {
			return duties.Meet(ctx, tx, duties.IMCA, "assessment-1", duties.MetByReason, "  ")
		}); err == nil {
			t.Error("met with an empty reason")
		}
		if err := in(ctx, func(tx *sqldb.Tx) error {
			return duties.Meet(ctx, tx, duties.IMCA, "assessment-1", duties.MetByReferral, "Exampleshire Advocacy")
		}); err != nil {
			t.Fatal(err)
		}
		if err := in(ctx, func(tx *sqldb.Tx) error {
			return duties.Meet(ctx, tx, duties.IMCA, "assessment-1", duties.MetByReferral, "")
		}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("met twice: %v", err)
		}
		// Once met, raising opens a new duty; withdrawing it closes it; withdrawing none is fine.
		if err := in(ctx, func(tx *sqldb.Tx) error {
			if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: ada.ID, Kind: duties.IMCA, SubjectID: "assessment-1", Reason: "Needed again", DueAt: due}); err != nil {
				return err
			}
			if err := duties.Withdraw(ctx, tx, duties.IMCA, "assessment-1", "The decision is no longer being made"); err != nil {
				return err
			}
			return duties.Withdraw(ctx, tx, duties.IMCA, "assessment-1", "again")
		}); err != nil {
			t.Fatal(err)
		}
		var all []duties.Duty
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
			all, err = duties.ForSubject(ctx, tx, "assessment-1")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].MetHow != duties.Withdrawn || all[1].MetHow != duties.MetByReferral || all[1].MetNote != "Exampleshire Advocacy" || all[1].MetBy != worker.ID {
			t.Errorf("history = %+v", all)
		}
	})
}

func TestWhen(t *testing.T) {
	t.Parallel()
	day, _ := sqldb.ParseDate("2026-07-15")
	for _, tt := range []struct {
		d    duties.Duty
		want string
	}{
		{duties.Duty{Kind: duties.IMCA, DueAt: duties.EndOfDay(day)}, "15 July 2026"}, // in time all of 15 July
		{duties.Duty{Kind: duties.CrisisReview, DueAt: time.Date(2026, 7, 15, 14, 30, 0, 0, time.UTC)}, "3:30pm on 15 July 2026"},
		{duties.Duty{Kind: duties.CrisisReview, DueAt: time.Date(2026, 1, 15, 14, 30, 0, 0, time.UTC)}, "2:30pm on 15 January 2026"},
	} {
		if got := tt.d.When(); got != tt.want {
			t.Errorf("%s due %s: When = %q, want %q", tt.d.Kind, tt.d.DueAt, got, tt.want)
		}
	}
}
