package thread_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// seed writes an episode's rows straight into the tables, as the domain stores would have: one SMART outcome met
// by a solution and a service, and a second outcome that nothing serves.
func seed(t *testing.T, db *sqldb.DB, council, personID string) (episodeID string) {
	t.Helper()
	episodeID = sqldb.NewID()
	ctx := sqldb.WithCouncil(context.Background(), council)
	err := db.InTx(ctx, func(tx *sqldb.Tx) error {
		now := tx.Now()
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO episode (council_id, id, person_id, opened_on, created_at, updated_at) VALUES ($1, $2, $3, '2026-03-01', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO aspiration (council_id, id, person_id, episode_id, term, person_words, created_at, updated_at) VALUES ($1, 'asp-' || $2, $3, $2, 'long', 'To be independent again', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO outcome (council_id, id, person_id, episode_id, aspiration_id, different, how_we_know, by_when, who_involved, level_expected, status, created_at, updated_at)
				VALUES ($1, 'o1-' || $2, $3, $2, 'asp-' || $2, 'I get to the shops', 'Every Thursday', '2026-06-01', 'Me and my daughter', 'Shops weekly', 'active', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO outcome (council_id, id, person_id, episode_id, different, status, created_at, updated_at) VALUES ($1, 'o2-' || $2, $3, $2, 'Sleep through the night', 'draft', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, lower_rungs_reason, created_at, updated_at) VALUES ($1, 's1-' || $2, $3, $2, 'reablement', 'Six weeks of reablement', '', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO solution_outcome (council_id, solution_id, outcome_id) VALUES ($1, 's1-' || $2, 'o1-' || $2)`, []any{council, episodeID}},
			{`INSERT INTO service (council_id, id, person_id, episode_id, service_type, provider, status, created_at, updated_at) VALUES ($1, 'v1-' || $2, $3, $2, 'Short term support: ST-Max', 'Exampleshire Reablement', 'requested', $4, $4)`, []any{council, episodeID, personID, now}},
			{`INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, 'v1-' || $2, 'o1-' || $2)`, []any{council, episodeID}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return episodeID
}

func TestEpisodeThread(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		worker := a.Staff[councils.Practitioner]
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		other := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID))
		episode := seed(t, db, a.Council.ID, p.ID)
		store := thread.NewStore(db)
		log := accesslog.NewStore(db)
		logged := func() int {
			es, err := log.Search(sqldb.WithCouncil(context.Background(), a.Council.ID), accesslog.Filter{PersonID: p.ID, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}

		before := logged()
		got, v, err := store.Episode(peopletest.As(worker), p.ID, episode)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != p.ID {
			t.Errorf("person %s, want %s", got.ID, p.ID)
		}
		if n := logged() - before; n != 1 {
			t.Errorf("access log gained %d entries, want 1 view", n)
		}
		if len(v.Strands) != 2 {
			t.Fatalf("%d strands, want 2", len(v.Strands))
		}
		first := v.Strands[0]
		if first.Aspiration == nil || first.Aspiration.Words != "To be independent again" || len(first.Solutions) != 1 || len(first.Services) != 1 {
			t.Errorf("first strand: %+v", first)
		}
		var kinds []thread.Kind
		for _, br := range v.Breaks {
			kinds = append(kinds, br.Kind)
		}
		want := []thread.Kind{thread.NoRungReason, thread.NoSolution}
		if len(kinds) != len(want) || kinds[0] != want[0] || kinds[1] != want[1] {
			t.Errorf("breaks %v, want %v", kinds, want)
		}

		// The episode must be this person's, in this council.
		before = logged()
		if _, _, err := store.Episode(peopletest.As(b.Staff[councils.QualityLead]), p.ID, episode); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council: %v, want not found", err)
		}
		if _, _, err := store.Episode(peopletest.As(worker), other.ID, episode); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another person's episode: %v, want not found", err)
		}
		if n := logged() - before; n != 0 {
			t.Errorf("refused reads logged %d entries", n)
		}
	})
}
