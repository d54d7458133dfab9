package learning_test

import (
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestTheCatalogueStartsWithTheDefaultsForEachCouncil(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := learning.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		got, err := s.Courses(worker)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(learning.DefaultCourses()) {
			t.Fatalf("council A's catalogue has %d courses, want the %d defaults", len(got), len(learning.DefaultCourses()))
		}
		again, err := s.Courses(worker)
		if err != nil || len(again) != len(got) {
			t.Fatalf("reading again gave %d courses (%v): the defaults were added twice", len(again), err)
		}
		byID := map[string]learning.Course{}
		for _, c := range got {
			byID[c.ID] = c
		}
		var trainer learning.Course
		for _, c := range got {
			if c.TrainsFor != "" {
				trainer = c
			}
		}
		if skills, ok := byID[trainer.TrainsFor]; !ok || !skills.NeedsTrainer {
			t.Errorf("train-the-trainer trains for %q, not a course that needs a trained trainer", trainer.TrainsFor)
		}
		one, err := s.Course(worker, got[0].ID)
		if err != nil || one.Name != got[0].Name || len(one.Outcomes) == 0 {
			t.Errorf("one course: %+v, %v", one, err)
		}
		if _, err := s.Course(peopletest.As(b.Staff[councils.Practitioner]), got[0].ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's course: %v", err)
		}
		theirs, err := s.Courses(peopletest.As(b.Staff[councils.QualityLead]))
		if err != nil || len(theirs) != len(got) || theirs[0].ID == got[0].ID {
			t.Errorf("council B's catalogue is not its own: %d courses, %v", len(theirs), err)
		}
		if _, err := s.Courses(t.Context()); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("the catalogue was read signed out: %v", err)
		}
	})
}
