package workforce_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// diaries is a practice study's observations for the tests: one study, whose north team spent a quarter of its
// time with people.
type diaries struct{ north string }

func (d diaries) Studies(context.Context) ([]workforce.Study, error) {
	return []workforce.Study{{ID: "study-1", Name: "Spring practice study"}}, nil
}

func (d diaries) TimeByTeam(_ context.Context, id string) ([]workforce.ObservedTeam, error) {
	if id != "study-1" {
		return nil, sqldb.ErrNotFound
	}
	return []workforce.ObservedTeam{{TeamID: d.north, Minutes: map[string]int{"with_people": 120, "travel": 180, "recording": 180}, Days: 3, Diarists: 2}}, nil
}

func hasProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return false
	}
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

func TestWorkforceStore(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a)
		s := workforce.NewStore(db, diaries{north: a.North.ID})
		lead := peopletest.As(a.Staff[councils.QualityLead])
		manager := peopletest.As(a.Staff[councils.TeamManager])
		finance := peopletest.As(a.Staff[councils.Finance])
		worker := peopletest.As(a.Staff[councils.Practitioner])
		other := peopletest.As(b.Staff[councils.QualityLead])
		march := workforce.Period{From: dbtest.Date("2025-03-01"), To: dbtest.Date("2025-03-31")}

		// A review of the world's episode falls due in March, and the front door checks in with the person waiting,
		// which is a contact but not a new one.
		if err := db.InTx(sqldb.WithCouncil(context.Background(), a.Council.ID), func(tx *sqldb.Tx) error {
			if _, err := tx.ExecContext(context.Background(), `INSERT INTO review (council_id, id, person_id, episode_id, due_on, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6)`, a.Council.ID, sqldb.NewID(), w.Person.ID, w.EpisodeID, dbtest.Date("2025-03-20"), tx.Now()); err != nil {
				return err
			}
			_, err := tx.ExecContext(context.Background(), `INSERT INTO contact (council_id, id, person_id, contacted_on, route_of_access, kind, episode_id,
				created_at, updated_at) VALUES ($1, $2, $3, $4, 'Self-referral', 'check_in', $5, $6, $6)`,
				a.Council.ID, sqldb.NewID(), w.Person.ID, dbtest.Date("2025-03-10"), w.EpisodeID, tx.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}

		draft, err := s.Draft(lead)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Assumptions.SupervisionMinutes != 98 || draft.Assumptions.HoursPerWeek != 37 {
			t.Errorf("draft assumptions %+v", draft.Assumptions)
		}
		if _, err := s.Draft(finance); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance drafted a scenario: %v", err)
		}
		current := draft
		current.Name = "Current"
		if _, err := s.Create(worker, current); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner made a scenario: %v", err)
		}
		bad := current
		bad.Assumptions.Span = 0
		if _, err := s.Create(lead, bad); !hasProblem(err, "span") {
			t.Errorf("a span of none was kept: %v", err)
		}
		saved, err := s.Create(lead, current)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Create(manager, current); !hasProblem(err, "name") {
			t.Errorf("a second scenario of the same name was kept: %v", err)
		}
		observed := draft
		observed.Name, observed.StudyID = "As the diaries show", "study-1"
		diary, err := s.Create(manager, observed)
		if err != nil {
			t.Fatal(err)
		}
		unknown := draft
		unknown.Name, unknown.StudyID = "Unknown study", "study-2"
		if _, err := s.Create(lead, unknown); !hasProblem(err, "study_id") {
			t.Errorf("a scenario from an unknown study was kept: %v", err)
		}

		t.Run("a change needs the version it was read at", func(t *testing.T) {
			change := saved
			change.Assumptions.ReviewMinutes = 120
			got, err := s.Change(manager, change)
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != 2 || got.Assumptions.ReviewMinutes != 120 || got.UpdatedBy != "Test Team manager" {
				t.Errorf("changed to %+v", got)
			}
			if _, err := s.Change(lead, change); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale change was kept: %v", err)
			}
			if _, err := s.Change(finance, got); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("finance changed a scenario: %v", err)
			}
		})

		t.Run("councils are kept apart", func(t *testing.T) {
			if _, err := s.Scenario(other, saved.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council read the scenario: %v", err)
			}
			change := saved
			change.Version = 2
			if _, err := s.Change(other, change); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council changed the scenario: %v", err)
			}
			if list, err := s.Scenarios(other); err != nil || len(list) != 0 {
				t.Errorf("another council lists %v, %v", list, err)
			}
			if _, err := s.Results(other, march, saved.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("another council worked out the scenario: %v", err)
			}
			vols, err := s.Volumes(other, march)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vols {
				if tot := v.Total(); tot.EpisodesBegun != 0 || tot.Counts[workforce.Contact] != 0 {
					t.Errorf("another council counts %s: %+v", v.TeamName, tot)
				}
			}
		})

		t.Run("the volumes are the record's", func(t *testing.T) {
			vols, err := s.Volumes(finance, march)
			if err != nil {
				t.Fatal(err)
			}
			if len(vols) != 2 || vols[0].TeamID != a.North.ID || len(vols[0].Months) != 1 {
				t.Fatalf("volumes %+v", vols)
			}
			north := vols[0].Total()
			if north.Counts[workforce.Contact] != 1 || north.EpisodesBegun != 1 || north.Counts[workforce.Review] != 1 {
				t.Errorf("north counted %+v", north)
			}
			if south := vols[1].Total(); south.EpisodesBegun != 0 {
				t.Errorf("south counted %+v", south)
			}
			if _, err := s.Volumes(worker, march); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner read the volumes: %v", err)
			}
		})

		t.Run("results set the need beside the staff, observed where a study observed", func(t *testing.T) {
			rs, err := s.Results(finance, march, saved.ID, diary.ID)
			if err != nil {
				t.Fatal(err)
			}
			assumed, seen := rs[0].Needs[0], rs[1].Needs[0]
			if assumed.Has.Practitioners != 1 || assumed.Has.Supervisors != 1 || assumed.ShareObserved || assumed.Practitioners <= 0 {
				t.Errorf("assumed need %+v", assumed)
			}
			if !seen.ShareObserved || seen.Share != 0.25 || rs[1].Study != "Spring practice study" || rs[0].Study != "" {
				t.Errorf("observed need %+v from %q", seen, rs[1].Study)
			}
			if rs[1].Needs[1].ShareObserved {
				t.Error("the south team, which kept no diaries, shows an observed share")
			}
		})
	})
}
