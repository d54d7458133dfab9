// Package feedbacktest makes what the feedback tests need: an episode of a person in a council's north team,
// allocated to its practitioner, whose review has been held, so that the person may be asked for feedback.
package feedbacktest

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Episode is a person and one of their episodes.
type Episode struct {
	Person    people.Person
	EpisodeID string
}

// Open makes a person in council c's north team, allocated to its practitioner, with an episode; when reviewed,
// the episode has a review held, so that feedback is due.
func Open(t testing.TB, db *sqldb.DB, c peopletest.Council, reviewed bool) Episode {
	t.Helper()
	worker := c.Staff[councils.Practitioner]
	p := peopletest.MustCreate(t, db, worker, peopletest.Person(c.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
	ep := conversationstest.MustOpenEpisode(t, db, worker, p.ID)
	if reviewed {
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, 'completed', $5, $6, $6)`, tx.Council(), sqldb.NewID(), p.ID, ep.ID, tx.Today(), tx.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return Episode{Person: p, EpisodeID: ep.ID}
}

// Answers are answers to every question of the default survey for people, each scale question answered with
// value, and the question in their own words with words.
func Answers(value, words string) map[string]string {
	out := map[string]string{}
	for _, q := range feedback.DefaultPeopleSurvey().Questions {
		out[q.Key] = value
		if q.Kind == feedback.Words {
			out[q.Key] = words
		}
	}
	return out
}

// StaffAnswers are answers to every question of the default staff survey, as Answers.
func StaffAnswers(value, words string) map[string]string {
	out := map[string]string{}
	for _, q := range feedback.DefaultStaffSurvey().Questions {
		out[q.Key] = value
		if q.Kind == feedback.Words {
			out[q.Key] = words
		}
	}
	return out
}
